// SociSupplyStore: the stock ledger and the balances read from it.

#include <limits>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>
#include <soci/soci.h>
#include <boost/json.hpp>

#include "store/soci_store.hpp"
#include "store/soci_supply_store.hpp"
#include "store/write_transaction.hpp"

namespace outbreak::store {

namespace {

using boost::json::object;

supply::LedgerEntry EntryFromRow(const soci::row& row) {
  supply::LedgerEntry e;
  e.id = IntegerAt(row, 0);
  e.day = DayAt(row, 1);
  e.node = row.get<std::string>(2);
  e.medicine = row.get<std::string>(3);
  e.lot = row.get<std::string>(4);
  e.kind = supply::ParseEntryKind(row.get<std::string>(5)).value_or(supply::EntryKind::kAdjustment);
  e.quantity = IntegerAt(row, 6);
  e.reason = row.get<std::string>(7);
  e.shipment_id = row.get_indicator(8) == soci::i_null ? 0 : IntegerAt(row, 8);
  e.reserve_order = IntegerAt(row, 9) != 0;
  e.recorded_by = row.get<std::string>(10);
  e.recorded_at = row.get<std::string>(11);
  return e;
}

constexpr const char* kEntryColumns =
    "id, day, node, medicine, lot, kind, quantity, reason, shipment_id, reserve_order, "
    "recorded_by, recorded_at";

}  // namespace

// The ledger.

void SociSupplyStore::LockLedger() {
  if (dialect_ == Dialect::kPostgres) {
    session() << "LOCK TABLE stock_entries IN SHARE ROW EXCLUSIVE MODE";
  }
}

supply::StockBook SociSupplyStore::LoadBook(std::span<const supply::PostRequest> requests) {
  supply::StockBook book;
  std::set<std::pair<std::string, std::string>> pairs;
  std::set<std::string> nodes;
  std::set<std::string> medicines;
  for (const supply::PostRequest& request : requests) {
    pairs.insert({request.node, request.medicine});
    nodes.insert(request.node);
    medicines.insert(request.medicine);
  }
  for (const std::string& medicine : medicines) {
    soci::rowset<soci::row> lots =
        (session().prepare << "SELECT lot, expiry_day, maker FROM lots WHERE medicine = :m",
         soci::use(medicine));
    for (const soci::row& row : lots) {
      book.AddLot({medicine, row.get<std::string>(0), DayAt(row, 1), row.get<std::string>(2)});
    }
    soci::rowset<soci::row> recalls =
        (session().prepare << "SELECT id, lot FROM lot_recalls WHERE medicine = :m AND"
                              " lifted_day IS NULL",
         soci::use(medicine));
    for (const soci::row& row : recalls) {
      book.SetRecalled(medicine, row.get<std::string>(1),
                       fmt::format("recall {}", IntegerAt(row, 0)));
    }
  }
  for (const auto& [node, medicine] : pairs) {
    soci::rowset<soci::row> balances =
        (session().prepare << "SELECT lot, SUM(quantity) FROM stock_entries WHERE node = :n AND"
                              " medicine = :m GROUP BY lot",
         soci::use(node), soci::use(medicine));
    for (const soci::row& row : balances) {
      book.SetBalance(node, medicine, row.get<std::string>(0), IntegerAt(row, 1));
    }
    long long floor = 0;
    soci::indicator indicator = soci::i_null;
    session() << "SELECT units FROM reserve_floors WHERE node = :n AND medicine = :m",
        soci::use(node), soci::use(medicine), soci::into(floor, indicator);
    if (session().got_data() && indicator == soci::i_ok)
      book.SetReserveFloor(node, medicine, floor);
  }
  for (const std::string& node : nodes) {
    int latest = 0;
    soci::indicator indicator = soci::i_null;
    session() << "SELECT MAX(day) FROM stock_entries WHERE node = :n", soci::use(node),
        soci::into(latest, indicator);
    if (indicator == soci::i_ok) book.SetLatestDay(node, Date(latest));
  }
  return book;
}

Result<std::vector<supply::LedgerEntry>> SociSupplyStore::PostLocked(
    std::span<const supply::PostRequest> requests, const WriteContext& context,
    std::span<const size_t> numbers) {
  auto number = [&](size_t idx) { return idx < numbers.size() ? numbers[idx] : idx + 1; };
  std::set<std::string> nodes;
  std::set<std::string> medicines;
  {
    soci::rowset<std::string> rows = session().prepare << "SELECT code FROM supply_nodes";
    nodes.insert(rows.begin(), rows.end());
    soci::rowset<std::string> codes = session().prepare << "SELECT code FROM medicines";
    medicines.insert(codes.begin(), codes.end());
  }
  std::vector<std::string> errors;
  for (size_t idx = 0; idx < requests.size(); ++idx) {
    if (!nodes.contains(requests[idx].node)) {
      errors.push_back(fmt::format("entry {}: node: \"{}\" is not a known supply node", number(idx),
                                   requests[idx].node));
    }
    if (!medicines.contains(requests[idx].medicine)) {
      errors.push_back(fmt::format("entry {}: medicine: \"{}\" is not in the catalogue",
                                   number(idx), requests[idx].medicine));
    }
  }
  if (!errors.empty()) {
    return Status::InvalidArgument(fmt::format("{} error(s); nothing was recorded", errors.size()),
                                   std::move(errors));
  }
  supply::StockBook book = LoadBook(requests);
  std::vector<supply::LedgerEntry> out;
  for (size_t idx = 0; idx < requests.size(); ++idx) {
    auto entries = book.Post(requests[idx], fmt::format("entry {}", number(idx)));
    if (!entries.ok()) return entries.status();
    out.insert(out.end(), entries->begin(), entries->end());
  }
  for (supply::LedgerEntry& entry : out) {
    entry.recorded_by = context.user;
    entry.recorded_at = context.recorded_at;
    const int day = entry.day.days_since_epoch();
    const std::string kind(supply::EntryKindName(entry.kind));
    const long long quantity = entry.quantity;
    const long long shipment = entry.shipment_id;
    soci::indicator shipment_ind = entry.shipment_id == 0 ? soci::i_null : soci::i_ok;
    const int reserve = entry.reserve_order;
    long long id = 0;
    session() << "INSERT INTO stock_entries (day, node, medicine, lot, kind, quantity, reason,"
                 " shipment_id, reserve_order, recorded_by, recorded_at) VALUES (:day, :node,"
                 " :medicine, :lot, :kind, :quantity, :reason, :shipment, :reserve, :by, :at)"
                 " RETURNING id",
        soci::use(day), soci::use(entry.node), soci::use(entry.medicine), soci::use(entry.lot),
        soci::use(kind), soci::use(quantity), soci::use(entry.reason),
        soci::use(shipment, shipment_ind), soci::use(reserve), soci::use(context.user),
        soci::use(context.recorded_at), soci::into(id);
    entry.id = id;
  }
  return out;
}

Result<supply::PostOutcome> SociSupplyStore::Post(std::span<const supply::Lot> new_lots,
                                                  std::span<const supply::PostRequest> requests,
                                                  const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect_);
    LockLedger();
    for (const supply::Lot& lot : new_lots) {
      int expiry = 0;
      std::string maker;
      session() << "SELECT expiry_day, maker FROM lots WHERE medicine = :m AND lot = :l",
          soci::use(lot.medicine), soci::use(lot.lot), soci::into(expiry), soci::into(maker);
      if (session().got_data()) {
        if (Date(expiry) != lot.expiry) {
          return Status::InvalidArgument(
              fmt::format("lot {} of {}: expiry {} differs from the {} recorded for this lot",
                          lot.lot, lot.medicine, lot.expiry.ToString(), Date(expiry).ToString()));
        }
        continue;
      }
      const int day = lot.expiry.days_since_epoch();
      session() << "INSERT INTO lots (medicine, lot, expiry_day, maker) VALUES (:m, :l, :e, :k)",
          soci::use(lot.medicine), soci::use(lot.lot), soci::use(day), soci::use(lot.maker);
    }
    // Movements posted before under their identity are passed over; one that differs from what
    // was posted under its identity stops the whole post.
    supply::PostOutcome outcome;
    std::vector<supply::PostRequest> fresh;
    std::vector<size_t> numbers;  // each fresh request's number in `requests`, for messages
    std::vector<std::string> clashes;
    std::map<std::string, std::string> in_this_post;
    std::string posted;
    soci::indicator posted_ind = soci::i_null;
    std::string movement;
    soci::statement find = (session().prepare << "SELECT posted FROM stock_movements"
                                                 " WHERE movement = :movement",
                            soci::into(posted, posted_ind), soci::use(movement));
    for (size_t idx = 0; idx < requests.size(); ++idx) {
      const supply::PostRequest& request = requests[idx];
      if (request.movement.empty()) {
        fresh.push_back(request);
        numbers.push_back(idx + 1);
        continue;
      }
      const std::string text = supply::MovementText(request);
      std::optional<std::string> before;
      if (auto seen = in_this_post.find(request.movement); seen != in_this_post.end()) {
        before = seen->second;
      } else {
        movement = request.movement;
        if (find.execute(true) && posted_ind == soci::i_ok) before = posted;
      }
      if (!before) {
        in_this_post.emplace(request.movement, text);
        fresh.push_back(request);
        numbers.push_back(idx + 1);
      } else if (*before == text) {
        ++outcome.unchanged;
      } else {
        clashes.push_back(
            fmt::format("entry {}: movement \"{}\" was posted as \"{}\"; this one is "
                        "\"{}\"",
                        idx + 1, request.movement, *before, text));
      }
    }
    if (!clashes.empty()) {
      return Status(StatusCode::kConflict,
                    fmt::format("{} movement(s) differ from what was posted under their identity; "
                                "nothing was recorded",
                                clashes.size()),
                    std::move(clashes));
    }
    if (fresh.empty()) return outcome;
    auto entries = PostLocked(fresh, context, numbers);
    if (!entries.ok()) return entries.status();
    for (const supply::PostRequest& request : fresh) {
      if (request.movement.empty()) continue;
      const std::string text = supply::MovementText(request);
      session() << "INSERT INTO stock_movements (movement, posted, recorded_by, recorded_at)"
                   " VALUES (:movement, :posted, :by, :at)",
          soci::use(request.movement), soci::use(text), soci::use(context.user),
          soci::use(context.recorded_at);
    }
    InsertAuditRow(session(), {0, context.recorded_at, context.user, context.address, "stock.post",
                               context.source, "",
                               boost::json::serialize(object{{"entries", entries->size()},
                                                             {"unchanged", outcome.unchanged},
                                                             {"reason", context.reason}})});
    transaction.Commit(ChangeKind::kSupply);
    outcome.entries = std::move(*entries);
    return outcome;
  } catch (const std::exception& error) {
    return DatabaseError("posting to the stock ledger", error);
  }
}

Result<std::vector<supply::LedgerEntry>> SociSupplyStore::LoadLedger(const LedgerQuery& query) {
  try {
    FilteredQuery filter;
    if (!query.nodes.empty()) filter.Where("node IN (" + filter.List(query.nodes) + ")");
    if (!query.medicine.empty()) filter.Where("medicine = " + filter.Bind(query.medicine));
    if (!query.lot.empty()) filter.Where("lot = " + filter.Bind(query.lot));
    if (query.from) filter.Where(fmt::format("day >= {}", query.from->days_since_epoch()));
    if (query.to) filter.Where(fmt::format("day <= {}", query.to->days_since_epoch()));
    std::vector<supply::LedgerEntry> out;
    filter.Run(session(),
               fmt::format("SELECT {} FROM stock_entries WHERE {} ORDER BY id LIMIT {} OFFSET {}",
                           kEntryColumns, filter.Conditions(), query.limit, query.offset),
               [&](const soci::row& row) { out.push_back(EntryFromRow(row)); });
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("reading the stock ledger", error);
  }
}

Result<std::vector<supply::StockRow>> SociSupplyStore::LoadBalances(std::optional<Date> as_of) {
  try {
    const int day = as_of ? as_of->days_since_epoch() : std::numeric_limits<int>::max();
    std::vector<supply::StockRow> out;
    soci::rowset<soci::row> rows =
        (session().prepare << "SELECT node, medicine, lot, SUM(quantity) FROM stock_entries"
                              " WHERE day <= :day GROUP BY node, medicine, lot"
                              " HAVING SUM(quantity) <> 0 ORDER BY node, medicine, lot",
         soci::use(day));
    for (const soci::row& row : rows) {
      out.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2),
                     IntegerAt(row, 3)});
    }
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("reading stock balances", error);
  }
}

Result<std::vector<supply::StockRow>> SociSupplyStore::LoadIssued(Date from, Date to) {
  try {
    const int first = from.days_since_epoch();
    const int last = to.days_since_epoch();
    std::vector<supply::StockRow> out;
    soci::rowset<soci::row> rows =
        (session().prepare << "SELECT node, medicine, -SUM(quantity) FROM stock_entries"
                              " WHERE kind = 'issue' AND day >= :first AND day <= :last"
                              " GROUP BY node, medicine ORDER BY node, medicine",
         soci::use(first), soci::use(last));
    for (const soci::row& row : rows) {
      out.push_back({row.get<std::string>(0), row.get<std::string>(1), "", IntegerAt(row, 2)});
    }
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("reading issues to patients", error);
  }
}

}  // namespace outbreak::store
