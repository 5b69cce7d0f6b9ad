#pragma once
// The ledger file: movements to post. The parser reads the whole file and reports every bad field
// at once as "file:line: field: "value" reason"; a file with any error yields nothing. Checks
// against what is stored (known medicines, nodes, lots) are the service's. The reference files
// (catalogue, protocols, nodes, links, reserve floors, capacities) are read from their
// declarations (supply_records.hpp, record/record_csv.hpp).

#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "supply/medicine.hpp"
#include "supply/stock_ledger.hpp"
#include "supply/supply_network.hpp"

namespace outbreak::supply {

// day,node,medicine,kind,quantity[,lot,expiry,maker,reason]: movements to post. A row that
// brings in a new lot gives its expiry and maker; those lots are returned with the requests.
struct LedgerFile {
  std::vector<PostRequest> requests;
  std::vector<Lot> lots;
  std::vector<int> lines;  // the file line of each request, for the service's messages
};
Result<LedgerFile> ParseLedgerCsv(std::string_view text, std::string_view source);

}  // namespace outbreak::supply
