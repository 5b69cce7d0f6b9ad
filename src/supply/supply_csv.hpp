#pragma once
// The ledger file: movements to post, read from their declaration (MovementRecord in
// supply_records.hpp) as every other supply file is. The reader reports every bad field at once as
// "file:line: field: "value" reason"; a file with any error yields nothing. Checks against what is
// stored (known medicines, nodes, lots) are the service's.

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "supply/medicine.hpp"
#include "supply/stock_ledger.hpp"
#include "supply/supply_network.hpp"
#include "supply/supply_records.hpp"

namespace outbreak::supply {

// day,node,medicine,kind,quantity[,lot,expiry,maker,reason]: movements to post. A row that
// brings in a new lot gives its expiry and maker; those lots are returned with the requests.
struct LedgerFile {
  std::vector<PostRequest> requests;
  std::vector<Lot> lots;
  std::vector<int> lines;  // the file line of each request, for the service's messages
};
Result<LedgerFile> ParseLedgerCsv(std::string_view text, std::string_view source);

// The rules across the lines of one ledger file or body, checked as each line is read (the
// readers' `against`): a movement identity given twice, a lot given two expiries.
class LedgerLines {
 public:
  void Check(const MovementLine& line, const record::Problem& problem);
  std::function<void(const MovementLine&, const record::Problem&)> Checker() {
    return
        [this](const MovementLine& line, const record::Problem& problem) { Check(line, problem); };
  }

 private:
  std::set<std::string, std::less<>> movements_;
  std::map<std::pair<std::string, std::string>, Date> expiries_;
};

// The lines as movements to post, and the lots they bring in, each once.
LedgerFile ToLedger(std::vector<MovementLine> lines);

}  // namespace outbreak::supply
