#pragma once
// The supply files: the catalogue, treatment protocols, network nodes and links, reserve floors,
// factory capacities and ledger movements. Each parser reads the whole file and reports every bad
// field at once as "file:line: field: "value" reason"; a file with any error yields nothing.
// Checks against what is stored (known medicines, nodes, lots) are the service's.

#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "supply/medicine.hpp"
#include "supply/stock_ledger.hpp"
#include "supply/supply_network.hpp"

namespace outbreak::supply {

// code,name,name_local,form,unit,category,essential,national_reserve,storage,shelf_life_days
Result<std::vector<Medicine>> ParseMedicinesCsv(std::string_view text, std::string_view source);

// case_type,medicine,share,units_per_day,days
Result<std::vector<TreatmentProtocol>> ParseProtocolsCsv(std::string_view text,
                                                         std::string_view source);

// code,name,kind,region,storage_capacity_units
Result<std::vector<SupplyNode>> ParseNodesCsv(std::string_view text, std::string_view source);

// from,to,transit_hours,daily_capacity_units
Result<std::vector<SupplyLink>> ParseLinksCsv(std::string_view text, std::string_view source);

// node,medicine,units: the stock a node keeps as national reserve.
struct NodeReserveFloor {
  std::string node;
  std::string medicine;
  int64_t units = 0;
};
Result<std::vector<NodeReserveFloor>> ParseReserveCsv(std::string_view text,
                                                      std::string_view source);

// node,medicine,units_per_day: what a factory can make of a medicine each day.
struct FactoryCapacity {
  std::string node;
  std::string medicine;
  int64_t units_per_day = 0;
};
Result<std::vector<FactoryCapacity>> ParseCapacitiesCsv(std::string_view text,
                                                        std::string_view source);

// day,node,medicine,kind,quantity[,lot,expiry,maker,reason]: movements to post. A row that
// brings in a new lot gives its expiry and maker; those lots are returned with the requests.
struct LedgerFile {
  std::vector<PostRequest> requests;
  std::vector<Lot> lots;
  std::vector<int> lines;  // the file line of each request, for the service's messages
};
Result<LedgerFile> ParseLedgerCsv(std::string_view text, std::string_view source);

}  // namespace outbreak::supply
