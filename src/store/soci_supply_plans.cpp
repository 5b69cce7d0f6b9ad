// SociSupplyStore: distribution plans, and their adoption into planned shipments.

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>
#include <soci/soci.h>
#include <boost/json.hpp>

#include "store/soci_store.hpp"
#include "store/soci_supply_store.hpp"
#include "store/write_transaction.hpp"

namespace outbreak::store {

using boost::json::object;

// Distribution plans.

Result<int64_t> SociSupplyStore::SavePlan(const SupplyPlanRecord& plan,
                                          const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect_);
    long long id = 0;
    const int as_of = plan.as_of.days_since_epoch();
    session() << "INSERT INTO supply_plans (created_at, created_by, as_of, horizon_days, scope,"
                 " detail, status) VALUES (:at, :by, :as_of, :horizon, :scope, :detail,"
                 " 'proposed') RETURNING id",
        soci::use(context.recorded_at), soci::use(context.user), soci::use(as_of),
        soci::use(plan.horizon_days), soci::use(plan.scope), soci::use(plan.detail), soci::into(id);
    int seq = 0;
    for (const supply::Shipment& shipment : plan.shipments) {
      const int ship = shipment.ship_day.days_since_epoch();
      const int arrival = shipment.arrival_day.days_since_epoch();
      for (const supply::ShipmentLine& line : shipment.lines) {
        const long long quantity = line.quantity;
        session() << "INSERT INTO supply_plan_lines (plan_id, seq, from_node, to_node, medicine,"
                     " quantity, ship_day, arrival_day) VALUES (:plan, :seq, :from, :to, :m, :q,"
                     " :ship, :arrival)",
            soci::use(id), soci::use(seq), soci::use(shipment.from), soci::use(shipment.to),
            soci::use(line.medicine), soci::use(quantity), soci::use(ship), soci::use(arrival);
        ++seq;
      }
    }
    InsertAuditRow(session(), {0, context.recorded_at, context.user, context.address,
                               "supply_plan.propose", fmt::format("supply_plan/{}", id), "",
                               boost::json::serialize(object{{"shipments", plan.shipments.size()},
                                                             {"scope", plan.scope}})});
    transaction.Commit(ChangeKind::kSupply);
    return id;
  } catch (const std::exception& error) {
    return DatabaseError("saving a distribution plan", error);
  }
}

namespace {

SupplyPlanRecord PlanFromRow(const soci::row& row) {
  SupplyPlanRecord plan;
  plan.id = IntegerAt(row, 0);
  plan.created_at = row.get<std::string>(1);
  plan.created_by = row.get<std::string>(2);
  plan.as_of = DayAt(row, 3);
  plan.horizon_days = static_cast<int>(IntegerAt(row, 4));
  plan.scope = row.get<std::string>(5);
  plan.status = row.get<std::string>(6);
  if (row.get_indicator(7) == soci::i_ok) plan.adopted_by = row.get<std::string>(7);
  if (row.get_indicator(8) == soci::i_ok) plan.adopted_at = row.get<std::string>(8);
  return plan;
}

constexpr const char* kPlanColumns =
    "id, created_at, created_by, as_of, horizon_days, scope, status, adopted_by, adopted_at";

// The plan's lines grouped into shipments: one per (from, to, ship day), a line per medicine.
std::vector<supply::Shipment> PlanShipments(soci::session& session, long long plan_id) {
  std::map<std::tuple<std::string, std::string, int>, supply::Shipment> grouped;
  soci::rowset<soci::row> rows =
      (session.prepare << "SELECT from_node, to_node, medicine, quantity, ship_day, arrival_day"
                          " FROM supply_plan_lines WHERE plan_id = :id ORDER BY seq",
       soci::use(plan_id));
  for (const soci::row& row : rows) {
    const int ship = static_cast<int>(IntegerAt(row, 4));
    supply::Shipment& shipment = grouped[{row.get<std::string>(0), row.get<std::string>(1), ship}];
    shipment.from = row.get<std::string>(0);
    shipment.to = row.get<std::string>(1);
    shipment.ship_day = Date(ship);
    shipment.arrival_day = std::max(shipment.arrival_day, DayAt(row, 5));
    shipment.plan_id = plan_id;
    shipment.lines.push_back({row.get<std::string>(2), IntegerAt(row, 3)});
  }
  std::vector<supply::Shipment> out;
  for (auto& [key, shipment] : grouped) out.push_back(std::move(shipment));
  return out;
}

}  // namespace

Result<std::vector<SupplyPlanRecord>> SociSupplyStore::ListPlans() {
  try {
    std::vector<SupplyPlanRecord> out;
    soci::rowset<soci::row> rows = session().prepare
                                   << fmt::format("SELECT {} FROM supply_plans ORDER BY id DESC",
                                                  kPlanColumns);
    for (const soci::row& row : rows) out.push_back(PlanFromRow(row));
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("listing distribution plans", error);
  }
}

Result<std::optional<SupplyPlanRecord>> SociSupplyStore::FindPlan(int64_t id) {
  try {
    const long long plan_id = id;
    std::optional<SupplyPlanRecord> out;
    soci::rowset<soci::row> rows =
        (session().prepare << fmt::format("SELECT {}, detail FROM supply_plans WHERE id = :id",
                                          kPlanColumns),
         soci::use(plan_id));
    for (const soci::row& row : rows) {
      out = PlanFromRow(row);
      out->detail = row.get<std::string>(9);
    }
    if (out) out->shipments = PlanShipments(session(), plan_id);
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("reading a distribution plan", error);
  }
}

Result<std::vector<int64_t>> SociSupplyStore::AdoptPlan(int64_t id, const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect_);
    const long long plan_id = id;
    soci::statement update =
        (session().prepare << "UPDATE supply_plans SET status = 'adopted', adopted_by = :by,"
                              " adopted_at = :at WHERE id = :id AND status = 'proposed'",
         soci::use(context.user), soci::use(context.recorded_at), soci::use(plan_id));
    update.execute(true);
    if (update.get_affected_rows() != 1) {
      int exists = 0;
      session() << "SELECT COUNT(*) FROM supply_plans WHERE id = :id", soci::use(plan_id),
          soci::into(exists);
      if (exists == 0) return Status::NotFound(fmt::format("no distribution plan {}", id));
      return Status::Conflict(fmt::format("distribution plan {} was adopted already", id));
    }
    std::vector<int64_t> ids;
    for (const supply::Shipment& shipment : PlanShipments(session(), plan_id)) {
      const long long shipment_id = InsertShipment(shipment);
      AppendCustody(shipment_id, "planned", context, fmt::format("distribution plan {}", id));
      ids.push_back(shipment_id);
    }
    InsertAuditRow(session(), {0, context.recorded_at, context.user, context.address,
                               "supply_plan.adopt", fmt::format("supply_plan/{}", id), "",
                               boost::json::serialize(object{{"shipments", ids.size()}})});
    transaction.Commit(ChangeKind::kSupply);
    return ids;
  } catch (const std::exception& error) {
    return DatabaseError("adopting a distribution plan", error);
  }
}

}  // namespace outbreak::store
