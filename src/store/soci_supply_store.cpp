// SociSupplyStore: the catalogue, protocols, network, reserve floors, factory capacities and the
// stock ledger.

#include "store/soci_supply_store.hpp"

#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>
#include <soci/soci.h>
#include <boost/json.hpp>

#include "store/soci_store.hpp"
#include "store/write_transaction.hpp"

namespace outbreak::store {

namespace {

using boost::json::object;

Date DayAt(const soci::row& row, size_t idx) {
  return Date(static_cast<int32_t>(IntegerAt(row, idx)));
}

// How one kind of reference row is keyed, shown in the audit trail and written.
template <typename Row>
struct RowKind {
  const char* noun;  // "medicine": audit actions are "medicine.update" and "medicines.add"
  std::function<std::string(const Row&)> key;
  std::function<object(const Row&)> json;
  std::function<void(soci::session&, const Row&, const WriteContext&)> upsert;
};

// Adds new rows and replaces changed ones, auditing each change; identical rows are left alone.
template <typename Row>
CareWriteCounts SaveRows(soci::session& session, std::span<const Row> rows,
                         const std::vector<Row>& stored, const RowKind<Row>& kind,
                         const WriteContext& context) {
  std::map<std::string, object> before;
  for (const Row& row : stored) before.emplace(kind.key(row), kind.json(row));
  CareWriteCounts counts;
  for (const Row& row : rows) {
    const std::string key = kind.key(row);
    const object now = kind.json(row);
    auto old = before.find(key);
    if (old != before.end() && old->second == now) {
      ++counts.unchanged;
      continue;
    }
    kind.upsert(session, row, context);
    if (old != before.end()) {
      ++counts.updated;
      InsertAuditRow(session, {0, context.recorded_at, context.user, context.address,
                               std::string(kind.noun) + ".update", key,
                               boost::json::serialize(old->second), boost::json::serialize(now)});
    } else {
      ++counts.added;
    }
  }
  if (counts.added > 0) {
    InsertAuditRow(
        session,
        {0, context.recorded_at, context.user, context.address, std::string(kind.noun) + "s.add",
         context.source, "",
         boost::json::serialize(object{{"added", counts.added}, {"reason", context.reason}})});
  }
  return counts;
}

template <typename Row>
std::vector<Row> LoadRows(soci::session& session, const std::string& query,
                          const std::function<Row(const soci::row&)>& read) {
  std::vector<Row> out;
  soci::rowset<soci::row> rows = session.prepare << query;
  for (const soci::row& row : rows) out.push_back(read(row));
  return out;
}

supply::Medicine MedicineFromRow(const soci::row& row) {
  supply::Medicine m;
  m.code = row.get<std::string>(0);
  m.name = row.get<std::string>(1);
  m.name_local = row.get<std::string>(2);
  m.form = row.get<std::string>(3);
  m.unit = row.get<std::string>(4);
  m.category =
      supply::ParseCategory(row.get<std::string>(5)).value_or(supply::MedicineCategory::kOther);
  m.essential = IntegerAt(row, 6) != 0;
  m.national_reserve = IntegerAt(row, 7) != 0;
  m.storage =
      supply::ParseStorage(row.get<std::string>(8)).value_or(supply::StorageCondition::kAmbient);
  m.shelf_life_days = static_cast<int32_t>(IntegerAt(row, 9));
  return m;
}

object MedicineJson(const supply::Medicine& m) {
  return {{"name", m.name},
          {"name_local", m.name_local},
          {"form", m.form},
          {"unit", m.unit},
          {"category", supply::CategoryName(m.category)},
          {"essential", m.essential},
          {"national_reserve", m.national_reserve},
          {"storage", supply::StorageName(m.storage)},
          {"shelf_life_days", m.shelf_life_days}};
}

const RowKind<supply::Medicine> kMedicines = {
    "medicine", [](const supply::Medicine& m) { return m.code; }, MedicineJson,
    [](soci::session& s, const supply::Medicine& m, const WriteContext& c) {
      const std::string category(supply::CategoryName(m.category));
      const std::string storage(supply::StorageName(m.storage));
      const int essential = m.essential, reserve = m.national_reserve;
      s << "INSERT INTO medicines (code, name, name_local, form, unit, category, essential,"
           " national_reserve, storage, shelf_life_days, recorded_by, recorded_at) VALUES (:code,"
           " :name, :local, :form, :unit, :category, :essential, :reserve, :storage, :shelf, :by,"
           " :at) ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
           " name_local = excluded.name_local, form = excluded.form, unit = excluded.unit,"
           " category = excluded.category, essential = excluded.essential,"
           " national_reserve = excluded.national_reserve, storage = excluded.storage,"
           " shelf_life_days = excluded.shelf_life_days, recorded_by = excluded.recorded_by,"
           " recorded_at = excluded.recorded_at",
          soci::use(m.code), soci::use(m.name), soci::use(m.name_local), soci::use(m.form),
          soci::use(m.unit), soci::use(category), soci::use(essential), soci::use(reserve),
          soci::use(storage), soci::use(m.shelf_life_days), soci::use(c.user),
          soci::use(c.recorded_at);
    }};

const RowKind<supply::TreatmentProtocol> kProtocols = {
    "protocol", [](const supply::TreatmentProtocol& p) { return p.case_type + "/" + p.medicine; },
    [](const supply::TreatmentProtocol& p) {
      return object{{"share", p.share}, {"units_per_day", p.units_per_day}, {"days", p.days}};
    },
    [](soci::session& s, const supply::TreatmentProtocol& p, const WriteContext& c) {
      s << "INSERT INTO treatment_protocols (case_type, medicine, share, units_per_day, days,"
           " recorded_by, recorded_at) VALUES (:type, :medicine, :share, :units, :days, :by, :at)"
           " ON CONFLICT (case_type, medicine) DO UPDATE SET share = excluded.share,"
           " units_per_day = excluded.units_per_day, days = excluded.days,"
           " recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
          soci::use(p.case_type), soci::use(p.medicine), soci::use(p.share),
          soci::use(p.units_per_day), soci::use(p.days), soci::use(c.user),
          soci::use(c.recorded_at);
    }};

const RowKind<supply::SupplyNode> kNodes = {
    "supply_node", [](const supply::SupplyNode& n) { return n.code; },
    [](const supply::SupplyNode& n) {
      return object{{"name", n.name},
                    {"kind", supply::NodeKindName(n.kind)},
                    {"region", n.region},
                    {"storage_capacity_units", n.storage_capacity_units}};
    },
    [](soci::session& s, const supply::SupplyNode& n, const WriteContext& c) {
      const std::string kind(supply::NodeKindName(n.kind));
      const long long capacity = n.storage_capacity_units;
      s << "INSERT INTO supply_nodes (code, name, kind, region_code, storage_capacity_units,"
           " recorded_by, recorded_at) VALUES (:code, :name, :kind, :region, :capacity, :by, :at)"
           " ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind,"
           " region_code = excluded.region_code,"
           " storage_capacity_units = excluded.storage_capacity_units,"
           " recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
          soci::use(n.code), soci::use(n.name), soci::use(kind), soci::use(n.region),
          soci::use(capacity), soci::use(c.user), soci::use(c.recorded_at);
    }};

const RowKind<supply::SupplyLink> kLinks = {
    "supply_link", [](const supply::SupplyLink& l) { return l.from + "->" + l.to; },
    [](const supply::SupplyLink& l) {
      return object{{"transit_hours", l.transit_hours},
                    {"daily_capacity_units", l.daily_capacity_units}};
    },
    [](soci::session& s, const supply::SupplyLink& l, const WriteContext& c) {
      const long long capacity = l.daily_capacity_units;
      s << "INSERT INTO supply_links (from_node, to_node, transit_hours, daily_capacity_units,"
           " recorded_by, recorded_at) VALUES (:from, :to, :hours, :capacity, :by, :at)"
           " ON CONFLICT (from_node, to_node) DO UPDATE SET"
           " transit_hours = excluded.transit_hours,"
           " daily_capacity_units = excluded.daily_capacity_units,"
           " recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
          soci::use(l.from), soci::use(l.to), soci::use(l.transit_hours), soci::use(capacity),
          soci::use(c.user), soci::use(c.recorded_at);
    }};

// Reserve floors and factory capacities share their shape: (node, medicine) -> units.
template <typename Row>
RowKind<Row> NodeMedicineUnits(const char* noun, const char* table, const char* column,
                               int64_t Row::*units) {
  return {noun, [](const Row& r) { return r.node + "/" + r.medicine; },
          [column, units](const Row& r) {
            return object{{column, r.*units}};
          },
          [table, column, units](soci::session& s, const Row& r, const WriteContext& c) {
            const long long value = r.*units;
            s << fmt::format(
                "INSERT INTO {0} (node, medicine, {1}, recorded_by, recorded_at) VALUES"
                " (:node, :medicine, :units, :by, :at) ON CONFLICT (node, medicine) DO"
                " UPDATE SET {1} = excluded.{1}, recorded_by = excluded.recorded_by,"
                " recorded_at = excluded.recorded_at",
                table, column),
                soci::use(r.node), soci::use(r.medicine), soci::use(value), soci::use(c.user),
                soci::use(c.recorded_at);
          }};
}

const RowKind<supply::NodeReserveFloor> kFloors = NodeMedicineUnits<supply::NodeReserveFloor>(
    "reserve_floor", "reserve_floors", "units", &supply::NodeReserveFloor::units);
const RowKind<supply::FactoryCapacity> kCapacities = NodeMedicineUnits<supply::FactoryCapacity>(
    "factory_capacity", "factory_capacities", "units_per_day",
    &supply::FactoryCapacity::units_per_day);

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

// Reference data.

Result<CareWriteCounts> SociSupplyStore::SaveMedicines(std::span<const supply::Medicine> medicines,
                                                       const WriteContext& context) {
  try {
    WriteTransaction transaction(session_, dialect_);
    auto stored = LoadMedicines();
    if (!stored.ok()) return stored.status();
    CareWriteCounts counts = SaveRows(session_, medicines, *stored, kMedicines, context);
    transaction.commit();
    return counts;
  } catch (const std::exception& error) {
    return DatabaseError("saving medicines", error);
  }
}

Result<std::vector<supply::Medicine>> SociSupplyStore::LoadMedicines() {
  try {
    return LoadRows<supply::Medicine>(
        session_,
        "SELECT code, name, name_local, form, unit, category, essential, national_reserve,"
        " storage, shelf_life_days FROM medicines ORDER BY code",
        MedicineFromRow);
  } catch (const std::exception& error) {
    return DatabaseError("loading medicines", error);
  }
}

Result<CareWriteCounts> SociSupplyStore::SaveProtocols(
    std::span<const supply::TreatmentProtocol> protocols, const WriteContext& context) {
  try {
    WriteTransaction transaction(session_, dialect_);
    auto stored = LoadProtocols();
    if (!stored.ok()) return stored.status();
    CareWriteCounts counts = SaveRows(session_, protocols, *stored, kProtocols, context);
    transaction.commit();
    return counts;
  } catch (const std::exception& error) {
    return DatabaseError("saving treatment protocols", error);
  }
}

Result<std::vector<supply::TreatmentProtocol>> SociSupplyStore::LoadProtocols() {
  try {
    return LoadRows<supply::TreatmentProtocol>(
        session_,
        "SELECT case_type, medicine, share, units_per_day, days FROM treatment_protocols"
        " ORDER BY case_type, medicine",
        [](const soci::row& row) {
          return supply::TreatmentProtocol{row.get<std::string>(0), row.get<std::string>(1),
                                           row.get<double>(2), row.get<double>(3),
                                           static_cast<int32_t>(IntegerAt(row, 4))};
        });
  } catch (const std::exception& error) {
    return DatabaseError("loading treatment protocols", error);
  }
}

Result<CareWriteCounts> SociSupplyStore::SaveNodes(std::span<const supply::SupplyNode> nodes,
                                                   const WriteContext& context) {
  try {
    WriteTransaction transaction(session_, dialect_);
    auto stored = LoadNodes();
    if (!stored.ok()) return stored.status();
    CareWriteCounts counts = SaveRows(session_, nodes, *stored, kNodes, context);
    transaction.commit();
    return counts;
  } catch (const std::exception& error) {
    return DatabaseError("saving supply nodes", error);
  }
}

Result<std::vector<supply::SupplyNode>> SociSupplyStore::LoadNodes() {
  try {
    return LoadRows<supply::SupplyNode>(
        session_,
        "SELECT code, name, kind, region_code, storage_capacity_units FROM supply_nodes"
        " ORDER BY code",
        [](const soci::row& row) {
          return supply::SupplyNode{row.get<std::string>(0), row.get<std::string>(1),
                                    supply::ParseNodeKind(row.get<std::string>(2))
                                        .value_or(supply::NodeKind::kCountyBase),
                                    row.get<std::string>(3), IntegerAt(row, 4)};
        });
  } catch (const std::exception& error) {
    return DatabaseError("loading supply nodes", error);
  }
}

Result<CareWriteCounts> SociSupplyStore::SaveLinks(std::span<const supply::SupplyLink> links,
                                                   const WriteContext& context) {
  try {
    WriteTransaction transaction(session_, dialect_);
    auto stored = LoadLinks();
    if (!stored.ok()) return stored.status();
    CareWriteCounts counts = SaveRows(session_, links, *stored, kLinks, context);
    transaction.commit();
    return counts;
  } catch (const std::exception& error) {
    return DatabaseError("saving supply links", error);
  }
}

Result<std::vector<supply::SupplyLink>> SociSupplyStore::LoadLinks() {
  try {
    return LoadRows<supply::SupplyLink>(
        session_,
        "SELECT from_node, to_node, transit_hours, daily_capacity_units FROM supply_links"
        " ORDER BY from_node, to_node",
        [](const soci::row& row) {
          return supply::SupplyLink{row.get<std::string>(0), row.get<std::string>(1),
                                    row.get<double>(2), IntegerAt(row, 3)};
        });
  } catch (const std::exception& error) {
    return DatabaseError("loading supply links", error);
  }
}

Result<CareWriteCounts> SociSupplyStore::SaveReserveFloors(
    std::span<const supply::NodeReserveFloor> floors, const WriteContext& context) {
  try {
    WriteTransaction transaction(session_, dialect_);
    auto stored = LoadReserveFloors();
    if (!stored.ok()) return stored.status();
    CareWriteCounts counts = SaveRows(session_, floors, *stored, kFloors, context);
    transaction.commit();
    return counts;
  } catch (const std::exception& error) {
    return DatabaseError("saving reserve floors", error);
  }
}

Result<std::vector<supply::NodeReserveFloor>> SociSupplyStore::LoadReserveFloors() {
  try {
    return LoadRows<supply::NodeReserveFloor>(
        session_, "SELECT node, medicine, units FROM reserve_floors ORDER BY node, medicine",
        [](const soci::row& row) {
          return supply::NodeReserveFloor{row.get<std::string>(0), row.get<std::string>(1),
                                      IntegerAt(row, 2)};
        });
  } catch (const std::exception& error) {
    return DatabaseError("loading reserve floors", error);
  }
}

Result<CareWriteCounts> SociSupplyStore::SaveCapacities(
    std::span<const supply::FactoryCapacity> capacities, const WriteContext& context) {
  try {
    WriteTransaction transaction(session_, dialect_);
    auto stored = LoadCapacities();
    if (!stored.ok()) return stored.status();
    CareWriteCounts counts = SaveRows(session_, capacities, *stored, kCapacities, context);
    transaction.commit();
    return counts;
  } catch (const std::exception& error) {
    return DatabaseError("saving factory capacities", error);
  }
}

Result<std::vector<supply::FactoryCapacity>> SociSupplyStore::LoadCapacities() {
  try {
    return LoadRows<supply::FactoryCapacity>(
        session_,
        "SELECT node, medicine, units_per_day FROM factory_capacities ORDER BY node, medicine",
        [](const soci::row& row) {
          return supply::FactoryCapacity{row.get<std::string>(0), row.get<std::string>(1),
                                         IntegerAt(row, 2)};
        });
  } catch (const std::exception& error) {
    return DatabaseError("loading factory capacities", error);
  }
}

// The ledger.

void SociSupplyStore::LockLedger() {
  if (dialect_ == Dialect::kPostgres) {
    session_ << "LOCK TABLE stock_entries IN SHARE ROW EXCLUSIVE MODE";
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
        (session_.prepare << "SELECT lot, expiry_day, maker FROM lots WHERE medicine = :m",
         soci::use(medicine));
    for (const soci::row& row : lots) {
      book.AddLot({medicine, row.get<std::string>(0), DayAt(row, 1), row.get<std::string>(2)});
    }
  }
  for (const auto& [node, medicine] : pairs) {
    soci::rowset<soci::row> balances =
        (session_.prepare << "SELECT lot, SUM(quantity) FROM stock_entries WHERE node = :n AND"
                             " medicine = :m GROUP BY lot",
         soci::use(node), soci::use(medicine));
    for (const soci::row& row : balances) {
      book.SetBalance(node, medicine, row.get<std::string>(0), IntegerAt(row, 1));
    }
    long long floor = 0;
    soci::indicator indicator = soci::i_null;
    session_ << "SELECT units FROM reserve_floors WHERE node = :n AND medicine = :m",
        soci::use(node), soci::use(medicine), soci::into(floor, indicator);
    if (session_.got_data() && indicator == soci::i_ok) book.SetReserveFloor(node, medicine, floor);
  }
  for (const std::string& node : nodes) {
    int latest = 0;
    soci::indicator indicator = soci::i_null;
    session_ << "SELECT MAX(day) FROM stock_entries WHERE node = :n", soci::use(node),
        soci::into(latest, indicator);
    if (indicator == soci::i_ok) book.SetLatestDay(node, Date(latest));
  }
  return book;
}

Result<std::vector<supply::LedgerEntry>> SociSupplyStore::PostLocked(
    std::span<const supply::PostRequest> requests, const WriteContext& context) {
  std::set<std::string> nodes;
  std::set<std::string> medicines;
  {
    soci::rowset<std::string> rows = session_.prepare << "SELECT code FROM supply_nodes";
    nodes.insert(rows.begin(), rows.end());
    soci::rowset<std::string> codes = session_.prepare << "SELECT code FROM medicines";
    medicines.insert(codes.begin(), codes.end());
  }
  std::vector<std::string> errors;
  for (size_t idx = 0; idx < requests.size(); ++idx) {
    if (!nodes.contains(requests[idx].node)) {
      errors.push_back(fmt::format("entry {}: node: \"{}\" is not a known supply node", idx + 1,
                                   requests[idx].node));
    }
    if (!medicines.contains(requests[idx].medicine)) {
      errors.push_back(fmt::format("entry {}: medicine: \"{}\" is not in the catalogue", idx + 1,
                                   requests[idx].medicine));
    }
  }
  if (!errors.empty()) {
    return Status::InvalidArgument(fmt::format("{} error(s); nothing was recorded", errors.size()),
                                   std::move(errors));
  }
  supply::StockBook book = LoadBook(requests);
  std::vector<supply::LedgerEntry> out;
  for (size_t idx = 0; idx < requests.size(); ++idx) {
    auto entries = book.Post(requests[idx], fmt::format("entry {}", idx + 1));
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
    session_ << "INSERT INTO stock_entries (day, node, medicine, lot, kind, quantity, reason,"
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

Result<std::vector<supply::LedgerEntry>> SociSupplyStore::Post(
    std::span<const supply::Lot> new_lots, std::span<const supply::PostRequest> requests,
    const WriteContext& context) {
  try {
    WriteTransaction transaction(session_, dialect_);
    LockLedger();
    for (const supply::Lot& lot : new_lots) {
      int expiry = 0;
      std::string maker;
      session_ << "SELECT expiry_day, maker FROM lots WHERE medicine = :m AND lot = :l",
          soci::use(lot.medicine), soci::use(lot.lot), soci::into(expiry), soci::into(maker);
      if (session_.got_data()) {
        if (Date(expiry) != lot.expiry) {
          return Status::InvalidArgument(
              fmt::format("lot {} of {}: expiry {} differs from the {} recorded for this lot",
                          lot.lot, lot.medicine, lot.expiry.ToString(), Date(expiry).ToString()));
        }
        continue;
      }
      const int day = lot.expiry.days_since_epoch();
      session_ << "INSERT INTO lots (medicine, lot, expiry_day, maker) VALUES (:m, :l, :e, :k)",
          soci::use(lot.medicine), soci::use(lot.lot), soci::use(day), soci::use(lot.maker);
    }
    auto entries = PostLocked(requests, context);
    if (!entries.ok()) return entries.status();
    InsertAuditRow(
        session_,
        {0, context.recorded_at, context.user, context.address, "stock.post", context.source, "",
         boost::json::serialize(object{{"entries", entries->size()}, {"reason", context.reason}})});
    transaction.commit();
    return entries;
  } catch (const std::exception& error) {
    return DatabaseError("posting to the stock ledger", error);
  }
}

Result<std::vector<supply::LedgerEntry>> SociSupplyStore::LoadLedger(const LedgerQuery& query) {
  try {
    std::string where = "1 = 1";
    std::vector<std::string> values;
    // Codes are bound, never spliced: each condition names a numbered placeholder.
    auto bind = [&](const std::string& value) {
      values.push_back(value);
      return fmt::format(":v{}", values.size() - 1);
    };
    if (!query.nodes.empty()) {
      std::string list;
      for (const std::string& node : query.nodes) list += (list.empty() ? "" : ", ") + bind(node);
      where += " AND node IN (" + list + ")";
    }
    if (!query.medicine.empty()) where += " AND medicine = " + bind(query.medicine);
    if (!query.lot.empty()) where += " AND lot = " + bind(query.lot);
    if (query.from) where += fmt::format(" AND day >= {}", query.from->days_since_epoch());
    if (query.to) where += fmt::format(" AND day <= {}", query.to->days_since_epoch());
    soci::statement statement(session_);
    const std::string sql =
        fmt::format("SELECT {} FROM stock_entries WHERE {} ORDER BY id LIMIT {} OFFSET {}",
                    kEntryColumns, where, query.limit, query.offset);
    soci::row row;
    statement.alloc();
    statement.prepare(sql);
    for (const std::string& value : values) statement.exchange(soci::use(value));
    statement.exchange(soci::into(row));
    statement.define_and_bind();
    statement.execute(false);
    std::vector<supply::LedgerEntry> out;
    while (statement.fetch()) out.push_back(EntryFromRow(row));
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
        (session_.prepare << "SELECT node, medicine, lot, SUM(quantity) FROM stock_entries"
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
        (session_.prepare << "SELECT node, medicine, -SUM(quantity) FROM stock_entries"
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

Result<std::vector<supply::Lot>> SociSupplyStore::LoadLots() {
  try {
    return LoadRows<supply::Lot>(
        session_, "SELECT medicine, lot, expiry_day, maker FROM lots ORDER BY medicine, lot",
        [](const soci::row& row) {
          return supply::Lot{row.get<std::string>(0), row.get<std::string>(1), DayAt(row, 2),
                             row.get<std::string>(3)};
        });
  } catch (const std::exception& error) {
    return DatabaseError("loading lots", error);
  }
}

}  // namespace outbreak::store
