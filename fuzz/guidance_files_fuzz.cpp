// The guidance files (survey checklist, roster, team needs) on any bytes.

#include "fuzz_input.hpp"
#include "guidance/checklist.hpp"
#include "guidance/roster_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace outbreak;
  const std::string_view text = fuzz::Text(data, size);
  auto province = [](std::string_view code) -> std::string {
    return code == "KP-01" || code == "KP-02" ? "" : "is not a province";
  };
  (void)guidance::ParseChecklistCsv(text, "checklist.csv");
  (void)guidance::ParseRosterCsv(text, "roster.csv", province);
  (void)guidance::ParseNeedsCsv(text, "needs.csv", province);
  return 0;
}
