// SociSupplyStore: distribution plans, and their adoption into planned shipments.

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <soci/soci.h>
#include <boost/json.hpp>

#include "store/soci_store.hpp"
#include "store/soci_supply_store.hpp"
#include "store/write_transaction.hpp"

namespace outbreak::store {

using boost::json::object;

namespace {

// The change log's keys of a plan's proposal, the one supply write that leaves plans fresh.
constexpr const char* kPlanProposalKeys = "plan";

}  // namespace

// Distribution plans.

Result<int64_t> SociSupplyStore::SavePlan(const SupplyPlanRecord& plan,
                                          const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect_);
    long long id = 0;
    const int as_of = plan.as_of.days_since_epoch();
    const long long basis = plan.basis_change;
    session() << "INSERT INTO supply_plans (created_at, created_by, as_of, horizon_days, scope,"
                 " detail, status, basis_change) VALUES (:at, :by, :as_of, :horizon, :scope,"
                 " :detail, 'proposed', :basis) RETURNING id",
        soci::use(context.recorded_at), soci::use(context.user), soci::use(as_of),
        soci::use(plan.horizon_days), soci::use(plan.scope), soci::use(plan.detail),
        soci::use(basis), soci::into(id);
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
    // A proposal changes no stock, need or shipment: it leaves other plans fresh.
    transaction.Commit(ChangeKind::kSupply, kPlanProposalKeys);
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
  plan.basis_change = IntegerAt(row, 9);
  if (row.get_indicator(10) == soci::i_ok) {
    plan.superseded_by = IntegerAt(row, 10);
    plan.status = "superseded";
  }
  return plan;
}

constexpr const char* kPlanColumns =
    "id, created_at, created_by, as_of, horizon_days, scope, status, adopted_by, adopted_at,"
    " basis_change, superseded_by";

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
      out->detail = row.get<std::string>(11);
    }
    if (out) out->shipments = PlanShipments(session(), plan_id);
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("reading a distribution plan", error);
  }
}

Result<int64_t> SociSupplyStore::ChangesAffectingPlans(int64_t basis_change) {
  try {
    return CountChangesSince(basis_change);
  } catch (const std::exception& error) {
    return DatabaseError("reading the changes since a plan", error);
  }
}

int64_t SociSupplyStore::CountChangesSince(int64_t basis_change) {
  const long long basis = basis_change;
  const std::string proposal = kPlanProposalKeys;
  long long count = 0;
  session() << "SELECT COUNT(*) FROM changes WHERE seq > :basis AND kind IN ('regions',"
               " 'openings', 'reports', 'supply') AND NOT (kind = 'supply' AND keys = :proposal)",
      soci::use(basis), soci::use(proposal), soci::into(count);
  return count;
}

namespace {

// (from, to, medicine, ship day): one order.
using OrderKey = std::tuple<std::string, std::string, std::string, int>;

}  // namespace

Result<AdoptOutcome> SociSupplyStore::AdoptPlan(int64_t id, const AdoptOptions& options,
                                                const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect_);
    // Adoptions one at a time: each sees the plans the one before superseded or adopted.
    if (dialect_ == Dialect::kPostgres) {
      session() << "LOCK TABLE supply_plans IN SHARE ROW EXCLUSIVE MODE";
    }
    const long long plan_id = id;
    std::string status;
    long long basis = 0;
    soci::indicator found = soci::i_null;
    session() << "SELECT status, basis_change FROM supply_plans WHERE id = :id", soci::use(plan_id),
        soci::into(status, found), soci::into(basis);
    if (found != soci::i_ok) return Status::NotFound(fmt::format("no distribution plan {}", id));
    if (status != "proposed") {
      return Status::Conflict(fmt::format("distribution plan {} was adopted already", id));
    }
    AdoptOutcome outcome;
    outcome.stale_changes = CountChangesSince(basis);
    if (outcome.stale_changes > 0 && !options.confirm_stale) {
      return Status::Conflict(fmt::format(
          "distribution plan {} is stale: {} change(s) to reports, stock, shipments or the network"
          " since it was made; plan again, or adopt it with confirm_stale to go ahead anyway",
          id, outcome.stale_changes));
    }

    // The adopted plans this one replaces, and their shipments not yet on their way.
    for (const std::string& scope : options.superseding) {
      soci::rowset<long long> plans =
          (session().prepare << "SELECT id FROM supply_plans WHERE scope = :scope AND status ="
                                " 'adopted' AND superseded_by IS NULL AND id <> :id",
           soci::use(scope), soci::use(plan_id));
      for (long long old : plans) outcome.superseded.push_back(old);
    }
    std::sort(outcome.superseded.begin(), outcome.superseded.end());
    const std::string note = fmt::format("superseded by distribution plan {}", id);
    for (int64_t old : outcome.superseded) {
      const long long old_id = old;
      std::vector<long long> open;
      {
        soci::rowset<long long> rows =
            (session().prepare << "SELECT id FROM shipments WHERE plan_id = :plan AND status IN"
                                  " ('planned', 'approved') ORDER BY id",
             soci::use(old_id));
        open.assign(rows.begin(), rows.end());
      }
      for (long long shipment : open) {
        session() << "UPDATE shipments SET status = 'cancelled' WHERE id = :id",
            soci::use(shipment);
        AppendCustody(shipment, "cancelled", context, note);
        outcome.cancelled.push_back(shipment);
      }
      session() << "UPDATE supply_plans SET superseded_by = :id WHERE id = :old",
          soci::use(plan_id), soci::use(old_id);
    }

    // No order twice. The plan counted every shipment in force as coming; a line on the same
    // (from, to, medicine, ship day) as one of them tops that order up instead, if it has not
    // left yet (an approved one goes back to planned, to be approved at its new quantity); one
    // that has left is a conflict.
    std::vector<supply::Shipment> planned = PlanShipments(session(), plan_id);
    int first_day = std::numeric_limits<int>::max();
    for (const supply::Shipment& shipment : planned) {
      first_day = std::min(first_day, shipment.ship_day.days_since_epoch());
    }
    struct Order {
      long long shipment = 0;
      std::string status;
    };
    std::map<OrderKey, Order> in_force;
    {
      soci::rowset<soci::row> rows =
          (session().prepare << "SELECT s.from_node, s.to_node, l.medicine, s.ship_day, s.id,"
                                " s.status FROM shipments s JOIN shipment_lines l ON"
                                " l.shipment_id = s.id WHERE s.status <> 'cancelled' AND"
                                " s.ship_day >= :first",
           soci::use(first_day));
      for (const soci::row& row : rows) {
        in_force[{row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2),
                  static_cast<int>(IntegerAt(row, 3))}] = {IntegerAt(row, 4),
                                                           row.get<std::string>(5)};
      }
    }
    std::vector<std::string> left_already;
    std::map<long long, std::vector<supply::ShipmentLine>> top_ups;
    for (supply::Shipment& shipment : planned) {
      std::erase_if(shipment.lines, [&](const supply::ShipmentLine& line) {
        auto found = in_force.find(OrderKey{shipment.from, shipment.to, line.medicine,
                                            shipment.ship_day.days_since_epoch()});
        if (found == in_force.end()) return false;
        if (found->second.status == "planned" || found->second.status == "approved") {
          top_ups[found->second.shipment].push_back(line);
        } else {
          left_already.push_back(fmt::format(
              "{} {} -> {} on {} (shipment {}, {})", line.medicine, shipment.from, shipment.to,
              shipment.ship_day.ToString(), found->second.shipment, found->second.status));
        }
        return true;
      });
    }
    if (!left_already.empty()) {
      return Status::Conflict(fmt::format(
          "distribution plan {} would order again what has left already ({} line(s), first {});"
          " plan again from a later day",
          id, left_already.size(), left_already.front()));
    }
    std::erase_if(planned, [](const supply::Shipment& shipment) { return shipment.lines.empty(); });

    session() << "UPDATE supply_plans SET status = 'adopted', adopted_by = :by, adopted_at = :at"
                 " WHERE id = :id",
        soci::use(context.user), soci::use(context.recorded_at), soci::use(plan_id);
    for (const auto& [shipment_id, lines] : top_ups) {
      std::string added;
      for (const supply::ShipmentLine& line : lines) {
        const long long quantity = line.quantity;
        session() << "UPDATE shipment_lines SET quantity = quantity + :q WHERE shipment_id = :id"
                     " AND medicine = :m",
            soci::use(quantity), soci::use(shipment_id), soci::use(line.medicine);
        added += fmt::format("{}{} {}", added.empty() ? "" : ", ", line.quantity, line.medicine);
      }
      const long long id_value = shipment_id;
      session() << "UPDATE shipments SET status = 'planned' WHERE id = :id", soci::use(id_value);
      AppendCustody(shipment_id, "planned", context,
                    fmt::format("topped up by distribution plan {}: {} more", id, added));
      outcome.topped_up.push_back(shipment_id);
    }
    for (const supply::Shipment& shipment : planned) {
      const long long shipment_id = InsertShipment(shipment);
      AppendCustody(shipment_id, "planned", context, fmt::format("distribution plan {}", id));
      outcome.created.push_back(shipment_id);
    }
    object audit{
        {"shipments", outcome.created.size()},
        {"cancelled", outcome.cancelled.size()},
        {"topped_up", outcome.topped_up.size()},
        {"superseded", boost::json::array(outcome.superseded.begin(), outcome.superseded.end())}};
    if (outcome.stale_changes > 0) audit["stale_changes_confirmed"] = outcome.stale_changes;
    InsertAuditRow(session(),
                   {0, context.recorded_at, context.user, context.address, "supply_plan.adopt",
                    fmt::format("supply_plan/{}", id), "", boost::json::serialize(audit)});
    transaction.Commit(ChangeKind::kSupply);
    return outcome;
  } catch (const std::exception& error) {
    return DatabaseError("adopting a distribution plan", error);
  }
}

}  // namespace outbreak::store
