// The supply CSV readers (catalogue, protocols, network, reserve, capacities, ledger) on any bytes.

#include "fuzz_input.hpp"
#include "record/record_csv.hpp"
#include "supply/supply_csv.hpp"
#include "supply/supply_records.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace outbreak;
  const std::string_view text = fuzz::Text(data, size);
  (void)record::ReadCsv(supply::MedicineRecord(), text, "medicines.csv");
  (void)record::ReadCsv(supply::ProtocolRecord(), text, "protocols.csv");
  (void)record::ReadCsv(supply::NodeRecord(), text, "nodes.csv");
  (void)record::ReadCsv(supply::LinkRecord(), text, "links.csv");
  (void)record::ReadCsv(supply::ReserveFloorRecord(), text, "reserve.csv");
  (void)record::ReadCsv(supply::CapacityRecord(), text, "capacities.csv");
  (void)supply::ParseLedgerCsv(text, "ledger.csv");
  return 0;
}
