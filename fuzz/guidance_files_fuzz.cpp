// The guidance files (survey checklist, roster, team needs) on any bytes.

#include "fuzz_input.hpp"
#include "inspection/checklist.hpp"
#include "inspection/roster_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace outbreak;
  const std::string_view text = fuzz::Text(data, size);
  auto province = [](std::string_view code) -> std::string {
    return code == "KP-01" || code == "KP-02" ? "" : "is not a province";
  };
  (void)inspection::ParseChecklistCsv(text, "checklist.csv");
  (void)inspection::ParseRosterCsv(text, "roster.csv", province);
  (void)inspection::ParseNeedsCsv(text, "needs.csv", province);
  return 0;
}
