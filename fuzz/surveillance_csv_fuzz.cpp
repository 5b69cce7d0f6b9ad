// The region and daily report CSV readers on any bytes: an error or a result, never a crash.

#include "fuzz_input.hpp"
#include "surveillance/region_csv.hpp"
#include "surveillance/report_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace outbreak;
  const std::string_view text = fuzz::Text(data, size);
  (void)surveillance::ParseRegionsCsv(text, "regions.csv");
  (void)surveillance::ParseReportsCsv(text, "reports.csv", fuzz::Tree());
  return 0;
}
