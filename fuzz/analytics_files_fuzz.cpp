// The incidence and serial-interval files of the analytics on any bytes.

#include "analytics/incidence.hpp"
#include "analytics/serial_interval.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace outbreak;
  const std::string_view text = fuzz::Text(data, size);
  (void)analytics::ParseIncidenceCsv(text, "incidence.csv");
  (void)analytics::ParseSerialIntervalCsv(text, "si.csv");
  return 0;
}
