// SociSupplyStore: the catalogue, protocols, network, reserve floors and factory capacities.

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
WriteCounts SaveRows(soci::session& session, std::span<const Row> rows,
                     const std::vector<Row>& stored, const RowKind<Row>& kind,
                     const WriteContext& context) {
  std::map<std::string, object> before;
  for (const Row& row : stored) before.emplace(kind.key(row), kind.json(row));
  WriteCounts counts;
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

// One reference save: load what is stored, add and replace, audit; one transaction.
template <typename Row>
Result<WriteCounts> SaveAll(soci::session& session, Dialect dialect, std::span<const Row> rows,
                            const std::function<Result<std::vector<Row>>()>& load,
                            const RowKind<Row>& kind, const WriteContext& context,
                            std::string_view what) {
  try {
    WriteTransaction transaction(session, dialect);
    auto stored = load();
    if (!stored.ok()) return stored.status();
    WriteCounts counts = SaveRows(session, rows, *stored, kind, context);
    transaction.Commit(ChangeKind::kSupply);
    return counts;
  } catch (const std::exception& error) {
    return DatabaseError(what, error);
  }
}

}  // namespace

// Reference data.

Result<WriteCounts> SociSupplyStore::SaveMedicines(std::span<const supply::Medicine> medicines,
                                                   const WriteContext& context) {
  return SaveAll<supply::Medicine>(
      session(), dialect_, medicines, [this] { return LoadMedicines(); }, kMedicines, context,
      "saving medicines");
}

Result<std::vector<supply::Medicine>> SociSupplyStore::LoadMedicines() {
  try {
    return LoadRows<supply::Medicine>(
        session(),
        "SELECT code, name, name_local, form, unit, category, essential, national_reserve,"
        " storage, shelf_life_days FROM medicines ORDER BY code",
        MedicineFromRow);
  } catch (const std::exception& error) {
    return DatabaseError("loading medicines", error);
  }
}

Result<WriteCounts> SociSupplyStore::SaveProtocols(
    std::span<const supply::TreatmentProtocol> protocols, const WriteContext& context) {
  return SaveAll<supply::TreatmentProtocol>(
      session(), dialect_, protocols, [this] { return LoadProtocols(); }, kProtocols, context,
      "saving treatment protocols");
}

Result<std::vector<supply::TreatmentProtocol>> SociSupplyStore::LoadProtocols() {
  try {
    return LoadRows<supply::TreatmentProtocol>(
        session(),
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

Result<WriteCounts> SociSupplyStore::SaveNodes(std::span<const supply::SupplyNode> nodes,
                                               const WriteContext& context) {
  return SaveAll<supply::SupplyNode>(
      session(), dialect_, nodes, [this] { return LoadNodes(); }, kNodes, context,
      "saving supply nodes");
}

Result<std::vector<supply::SupplyNode>> SociSupplyStore::LoadNodes() {
  try {
    return LoadRows<supply::SupplyNode>(
        session(),
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

Result<WriteCounts> SociSupplyStore::SaveLinks(std::span<const supply::SupplyLink> links,
                                               const WriteContext& context) {
  return SaveAll<supply::SupplyLink>(
      session(), dialect_, links, [this] { return LoadLinks(); }, kLinks, context,
      "saving supply links");
}

Result<std::vector<supply::SupplyLink>> SociSupplyStore::LoadLinks() {
  try {
    return LoadRows<supply::SupplyLink>(
        session(),
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

Result<WriteCounts> SociSupplyStore::SaveReserveFloors(
    std::span<const supply::NodeReserveFloor> floors, const WriteContext& context) {
  return SaveAll<supply::NodeReserveFloor>(
      session(), dialect_, floors, [this] { return LoadReserveFloors(); }, kFloors, context,
      "saving reserve floors");
}

Result<std::vector<supply::NodeReserveFloor>> SociSupplyStore::LoadReserveFloors() {
  try {
    return LoadRows<supply::NodeReserveFloor>(
        session(), "SELECT node, medicine, units FROM reserve_floors ORDER BY node, medicine",
        [](const soci::row& row) {
          return supply::NodeReserveFloor{row.get<std::string>(0), row.get<std::string>(1),
                                          IntegerAt(row, 2)};
        });
  } catch (const std::exception& error) {
    return DatabaseError("loading reserve floors", error);
  }
}

Result<WriteCounts> SociSupplyStore::SaveCapacities(
    std::span<const supply::FactoryCapacity> capacities, const WriteContext& context) {
  return SaveAll<supply::FactoryCapacity>(
      session(), dialect_, capacities, [this] { return LoadCapacities(); }, kCapacities, context,
      "saving factory capacities");
}

Result<std::vector<supply::FactoryCapacity>> SociSupplyStore::LoadCapacities() {
  try {
    return LoadRows<supply::FactoryCapacity>(
        session(),
        "SELECT node, medicine, units_per_day FROM factory_capacities ORDER BY node, medicine",
        [](const soci::row& row) {
          return supply::FactoryCapacity{row.get<std::string>(0), row.get<std::string>(1),
                                         IntegerAt(row, 2)};
        });
  } catch (const std::exception& error) {
    return DatabaseError("loading factory capacities", error);
  }
}

Result<std::vector<supply::Lot>> SociSupplyStore::LoadLots() {
  try {
    return LoadRows<supply::Lot>(
        session(), "SELECT medicine, lot, expiry_day, maker FROM lots ORDER BY medicine, lot",
        [](const soci::row& row) {
          return supply::Lot{row.get<std::string>(0), row.get<std::string>(1), DayAt(row, 2),
                             row.get<std::string>(3)};
        });
  } catch (const std::exception& error) {
    return DatabaseError("loading lots", error);
  }
}

}  // namespace outbreak::store
