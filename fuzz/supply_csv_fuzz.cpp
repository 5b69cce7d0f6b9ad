// The supply CSV readers (catalogue, protocols, network, reserve, capacities, ledger) on any bytes.

#include "fuzz_input.hpp"
#include "supply/supply_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace outbreak;
  const std::string_view text = fuzz::Text(data, size);
  (void)supply::ParseMedicinesCsv(text, "medicines.csv");
  (void)supply::ParseProtocolsCsv(text, "protocols.csv");
  (void)supply::ParseNodesCsv(text, "nodes.csv");
  (void)supply::ParseLinksCsv(text, "links.csv");
  (void)supply::ParseReserveCsv(text, "reserve.csv");
  (void)supply::ParseCapacitiesCsv(text, "capacities.csv");
  (void)supply::ParseLedgerCsv(text, "ledger.csv");
  return 0;
}
