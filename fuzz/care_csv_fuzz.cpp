// The treatment centre, census and workforce CSV readers on any bytes.

#include "care/care_csv.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace outbreak;
  const std::string_view text = fuzz::Text(data, size);
  (void)care::ParseCentresCsv(text, "centres.csv", fuzz::Tree());
  (void)care::ParseCensusCsv(text, "census.csv",
                             [](std::string_view centre) { return centre.starts_with("KP"); });
  (void)care::ParseWorkforceCsv(text, "workforce.csv", fuzz::Tree());
  return 0;
}
