// The prevention rules file, and an action programmes file against the demo's rules, on any bytes.

#include <string>

#include "fuzz_input.hpp"
#include "levels/action_programme.hpp"
#include "levels/level_rules.hpp"

#ifndef OUTBREAK_FUZZ_RULES
#error "OUTBREAK_FUZZ_RULES names the demo's rules file"
#endif

namespace {

const outbreak::levels::LevelRules& DemoRules() {
  static const outbreak::levels::LevelRules rules = [] {
    std::string text;
    if (FILE* file = std::fopen(OUTBREAK_FUZZ_RULES, "rb")) {
      char chunk[4096];
      size_t read = 0;
      while ((read = std::fread(chunk, 1, sizeof chunk, file)) > 0) text.append(chunk, read);
      std::fclose(file);
    }
    return outbreak::levels::ParseLevelRules(text, "rules.txt").value();
  }();
  return rules;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace outbreak;
  const std::string_view text = fuzz::Text(data, size);
  (void)levels::ParseLevelRules(text, "rules.txt");
  (void)levels::ParseActionProgrammes(text, "programmes.txt", DemoRules());
  return 0;
}
