// Distribution plans (the stored JSON document and its text) and the production plan.

#include <map>
#include <utility>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "report/format.hpp"
#include "report/supply_render.hpp"

namespace outbreak::report {

namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

std::string CodeOf(const std::vector<std::string>& codes, int idx) {
  return idx >= 0 && idx < static_cast<int>(codes.size()) ? codes[idx] : std::to_string(idx);
}

std::string Str(const object& o, const char* key) {
  const value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

int64_t Int(const object& o, const char* key) {
  const value* v = o.if_contains(key);
  return v != nullptr && v->is_number() ? v->to_number<int64_t>() : 0;
}

double Number(const object& o, const char* key) {
  const value* v = o.if_contains(key);
  return v != nullptr && v->is_number() ? v->to_number<double>() : 0;
}

const array& Array(const object& o, const char* key) {
  static const array kEmpty;
  const value* v = o.if_contains(key);
  return v != nullptr && v->is_array() ? v->as_array() : kEmpty;
}

const object& Object(const value& v) {
  static const object kEmpty;
  return v.is_object() ? v.as_object() : kEmpty;
}

const object& Child(const object& o, const char* key) {
  static const object kEmpty;
  const value* v = o.if_contains(key);
  return v != nullptr && v->is_object() ? v->as_object() : kEmpty;
}

std::string Percent(double share) { return fmt::format("{:.1f}%", 100.0 * share); }

}  // namespace

boost::json::object DistributionPlanJson(const supply::DistributionPlan& plan,
                                         const std::vector<std::string>& node_codes,
                                         const std::vector<std::string>& medicine_codes,
                                         Date first_day) {
  array medicines;
  for (const supply::MedicinePlanSummary& m : plan.medicines) {
    medicines.push_back(object{{"medicine", CodeOf(medicine_codes, m.medicine)},
                               {"supply_units", m.supply_units},
                               {"need_units", m.need_units},
                               {"lambda", m.lambda},
                               {"lambda_num", m.lambda_num},
                               {"lambda_den", m.lambda_den},
                               {"late_unit_days", m.late_unit_days},
                               {"cover_shortfall_units", m.cover_shortfall_units},
                               {"transport_unit_hours", m.transport_unit_hours},
                               {"holding_unit_days", m.holding_unit_days},
                               {"in_lp", m.in_lp}});
  }
  array shipments;
  int64_t units_shipped = 0;
  for (const supply::PlannedShipment& s : plan.shipments) {
    units_shipped += s.quantity;
    shipments.push_back(object{{"from", CodeOf(node_codes, s.from)},
                               {"to", CodeOf(node_codes, s.to)},
                               {"medicine", CodeOf(medicine_codes, s.medicine)},
                               {"dispatch_day", (first_day + s.dispatch_day).ToString()},
                               {"arrive_day", (first_day + s.arrive_day).ToString()},
                               {"quantity", s.quantity}});
  }
  array outcomes;
  int64_t need = 0;
  int64_t met = 0;
  int64_t unmet = 0;
  for (const supply::NodeMedicineOutcome& o : plan.outcomes) {
    need += o.need;
    met += o.met_on_time + o.met_late;
    unmet += o.unmet;
    outcomes.push_back(object{{"node", CodeOf(node_codes, o.node)},
                              {"medicine", CodeOf(medicine_codes, o.medicine)},
                              {"need", o.need},
                              {"met", o.met_on_time + o.met_late},
                              {"met_on_time", o.met_on_time},
                              {"met_late", o.met_late},
                              {"unmet", o.unmet},
                              {"late_unit_days", o.late_unit_days},
                              {"end_stock", o.end_stock},
                              {"cover_target", o.cover_target},
                              {"reserve_kept", o.reserve_kept},
                              {"reason", supply::UnmetReasonName(o.reason)},
                              {"why", o.why}});
  }
  object out{{"first_day", first_day.ToString()},
             {"method", supply::PlanMethodName(plan.method)},
             {"method_reason", plan.method_reason},
             {"medicines", std::move(medicines)},
             {"shipments", std::move(shipments)},
             {"outcomes", std::move(outcomes)},
             {"totals", object{{"shipments", plan.shipments.size()},
                               {"units_shipped", units_shipped},
                               {"need", need},
                               {"met", met},
                               {"unmet", unmet}}},
             {"max_flows", plan.max_flows}};
  if (plan.method != supply::PlanMethod::kNetworkSimplexPerMedicine) {
    out["lp"] = object{{"lambda", plan.lp_lambda},
                       {"late_unit_days", plan.lp_late_unit_days},
                       {"columns", plan.lp_columns}};
  }
  return out;
}

boost::json::object SupplyPlanDocument(const store::SupplyPlanRecord& plan) {
  object out{
      {"id", plan.id},
      {"status", plan.status},
      {"scope", plan.scope},
      {"as_of", plan.as_of.ToString()},
      {"horizon_days", plan.horizon_days},
      {"created_at", plan.created_at},
      {"created_by", plan.created_by},
      {"adopted_by", plan.adopted_by.empty() ? value(nullptr) : value(plan.adopted_by)},
      {"adopted_at", plan.adopted_at.empty() ? value(nullptr) : value(plan.adopted_at)},
      {"basis_change", plan.basis_change},
      {"superseded_by", plan.superseded_by == 0 ? value(nullptr) : value(plan.superseded_by)}};
  if (plan.status == "proposed") {
    out["stale"] = plan.stale_changes > 0;
    out["changes_since"] = plan.stale_changes;
  }
  const std::string& detail_json = plan.detail;
  if (detail_json.empty()) return out;
  boost::system::error_code ec;
  value detail = boost::json::parse(detail_json, ec);
  if (!ec && detail.is_object()) {
    for (auto& [key, item] : detail.as_object()) {
      if (!out.contains(key)) out[key] = std::move(item);
    }
  }
  return out;
}

std::string RenderSupplyPlanText(const boost::json::object& plan) {
  const object& totals = Child(plan, "totals");
  std::string out =
      fmt::format("SUPPLY PLAN {} ({}): the nodes under {}, {} days from {} (data of {})\n",
                  Int(plan, "id"), Str(plan, "status"), Str(plan, "scope"),
                  Int(plan, "horizon_days"), Str(plan, "first_day"), Str(plan, "as_of"));
  if (Int(plan, "changes_since") > 0) {
    out += fmt::format(
        "STALE: {} change(s) to reports, stock, shipments or the network since it was made; plan "
        "again, or adopt with confirmation.\n",
        Int(plan, "changes_since"));
  }
  if (Int(plan, "superseded_by") > 0) {
    out += fmt::format("Superseded by plan {}.\n", Int(plan, "superseded_by"));
  }
  if (!Str(plan, "basis").empty()) out += "Need from " + Str(plan, "basis") + ".\n";
  out += fmt::format(
      "Method: {}{}\n", Str(plan, "method"),
      Str(plan, "method_reason").empty() ? "" : " (" + Str(plan, "method_reason") + ")");
  const int64_t need = Int(totals, "need");
  out += fmt::format("{} shipment(s) carrying {} units; need {} units, met {} ({}), unmet {}\n",
                     Int(totals, "shipments"), Count(Int(totals, "units_shipped")), Count(need),
                     Count(Int(totals, "met")),
                     need > 0 ? Percent(static_cast<double>(Int(totals, "met")) / need) : "-",
                     Count(Int(totals, "unmet")));

  out += fmt::format("\n{:<12} {:>12} {:>12} {:>24} {:>14} {:>4}\n", "medicine", "supply", "need",
                     "worst fill (λ)", "late unit-d", "LP");
  for (const value& item : Array(plan, "medicines")) {
    const object& m = Object(item);
    out += fmt::format(
        "{:<12} {:>12} {:>12} {:>24} {:>14} {:>4}\n", Str(m, "medicine"),
        Count(Int(m, "supply_units")), Count(Int(m, "need_units")),
        fmt::format("{} {}/{}", Percent(Number(m, "lambda")), Count(Int(m, "lambda_num")),
                    Count(Int(m, "lambda_den"))),
        Count(Int(m, "late_unit_days")),
        m.contains("in_lp") && m.at("in_lp").is_bool() && m.at("in_lp").as_bool() ? "yes" : "no");
  }

  const array& shipments = Array(plan, "shipments");
  out += fmt::format("\n{:<18} {:<18} {:<12} {:<10} {:<10} {:>12}\n", "from", "to", "medicine",
                     "dispatch", "arrive", "units");
  for (const value& item : shipments) {
    const object& s = Object(item);
    out += fmt::format("{:<18} {:<18} {:<12} {:<10} {:<10} {:>12}\n", Str(s, "from"), Str(s, "to"),
                       Str(s, "medicine"), Str(s, "dispatch_day"), Str(s, "arrive_day"),
                       Count(Int(s, "quantity")));
  }

  std::string unmet_lines;
  for (const value& item : Array(plan, "outcomes")) {
    const object& o = Object(item);
    if (Int(o, "unmet") == 0 && Int(o, "met_late") == 0) continue;
    unmet_lines += fmt::format("{:<18} {:<12} {:>10} {:>10} {:>10} {:>10}  {}\n", Str(o, "node"),
                               Str(o, "medicine"), Count(Int(o, "need")), Count(Int(o, "met")),
                               Count(Int(o, "met_late")), Count(Int(o, "unmet")),
                               Str(o, "why").empty() ? Str(o, "reason") : Str(o, "why"));
  }
  if (!unmet_lines.empty()) {
    out += fmt::format(
        "\nnot met in full or on time:\n{:<18} {:<12} {:>10} {:>10} {:>10} {:>10}  {}\n", "node",
        "medicine", "need", "met", "late", "unmet", "why");
    out += unmet_lines;
  }
  return out;
}

std::string RenderSupplyPlanListText(const boost::json::array& plans) {
  std::string out = fmt::format("{:>5} {:<16} {:<12} {:<10} {:>7}  {:<20} {}\n", "plan", "status",
                                "scope", "as of", "days", "created at", "by");
  for (const value& item : plans) {
    const object& p = Object(item);
    std::string status = Str(p, "status");
    if (Int(p, "changes_since") > 0) status += " (stale)";
    out += fmt::format("{:>5} {:<16} {:<12} {:<10} {:>7}  {:<20} {}\n", Int(p, "id"), status,
                       Str(p, "scope"), Str(p, "as_of"), Int(p, "horizon_days"),
                       Str(p, "created_at"), Str(p, "created_by"));
  }
  out += fmt::format("{} plan(s)\n", plans.size());
  return out;
}

boost::json::object ProductionJson(const supply::ProductionPlan& plan,
                                   const ProductionContext& context) {
  array medicines;
  for (const supply::MedicineProduction& m : plan.medicines) {
    medicines.push_back(
        object{{"medicine", CodeOf(context.medicine_codes, m.medicine)},
               {"demand_units", m.demand_units},
               {"reserve_gap_units", m.reserve_gap_units},
               {"required_units", m.required_units},
               {"capacity_units", m.capacity_units},
               {"planned_units", m.planned_units},
               {"capacity_gap_units", m.capacity_gap_units},
               {"shortfall_unit_days", m.shortfall_unit_days},
               {"end_stock_units", m.end_stock_units},
               {"mean_daily_demand_units", m.mean_daily_demand_units},
               {"cover_days", m.cover_days < 0 ? value(nullptr) : value(m.cover_days)},
               {"target_cover_days", m.target_cover_days},
               {"variety_gap", m.variety_gap},
               {"cover_gap_days", m.cover_gap_days},
               {"cover_gap_units", m.cover_gap_units}});
  }
  array runs;
  for (const supply::ProductionRun& run : plan.runs) {
    runs.push_back(object{{"factory", CodeOf(context.factory_codes, run.factory)},
                          {"medicine", CodeOf(context.medicine_codes, run.medicine)},
                          {"day", (context.first_day + run.day).ToString()},
                          {"units", run.units}});
  }
  array variety_gap;
  for (int idx : plan.variety_gap)
    variety_gap.push_back(value(CodeOf(context.medicine_codes, idx)));
  return {{"as_of", context.as_of.ToString()},
          {"first_day", context.first_day.ToString()},
          {"horizon_days", context.horizon_days},
          {"basis", context.basis},
          {"max_factory_utilisation", plan.max_factory_utilisation},
          {"medicines", std::move(medicines)},
          {"runs", std::move(runs)},
          {"variety_gap", std::move(variety_gap)}};
}

std::string RenderProductionText(const supply::ProductionPlan& plan,
                                 const ProductionContext& context) {
  std::string out = fmt::format(
      "PRODUCTION: the {} days from {} (data of {})\nDemand from {}. Busiest factory at {} of its "
      "capacity.\n\n",
      context.horizon_days, context.first_day.ToString(), context.as_of.ToString(), context.basis,
      Percent(plan.max_factory_utilisation));
  out +=
      fmt::format("{:<12} {:>12} {:>12} {:>12} {:>12} {:>12} {:>14} {:>9}\n", "medicine", "demand",
                  "required", "capacity", "planned", "cap. gap", "short unit-d", "cover d");
  for (const supply::MedicineProduction& m : plan.medicines) {
    out += fmt::format("{:<12} {:>12} {:>12} {:>12} {:>12} {:>12} {:>14} {:>9}{}\n",
                       CodeOf(context.medicine_codes, m.medicine), Count(m.demand_units),
                       Count(m.required_units), Count(m.capacity_units), Count(m.planned_units),
                       Count(m.capacity_gap_units), Count(m.shortfall_unit_days),
                       m.demand_units == 0 ? "-" : Decimal(m.cover_days),
                       m.variety_gap ? "  variety gap" : "");
  }
  if (!plan.variety_gap.empty()) {
    out +=
        "\nessential medicines below their target cover after the plan, every factory that "
        "makes them at its capacity:\n";
    for (const supply::MedicineProduction& m : plan.medicines) {
      if (!m.variety_gap) continue;
      const std::string code = CodeOf(context.medicine_codes, m.medicine);
      out += m.end_stock_units < 0
                 ? fmt::format(
                       "  {}: the demand itself is not covered ({} units missing by the "
                       "last day); a {}-day cover needs {} units more\n",
                       code, Count(-m.end_stock_units), Decimal(m.target_cover_days),
                       Count(m.cover_gap_units))
                 : fmt::format(
                       "  {}: {} days of cover at the end of the {} days, of {} wanted: "
                       "{} units short\n",
                       code, Decimal(m.cover_days), context.horizon_days,
                       Decimal(m.target_cover_days), Count(m.cover_gap_units));
    }
  }
  // Each factory's total per medicine; the runs by day are in the JSON.
  std::map<std::pair<int, int>, int64_t> totals;
  for (const supply::ProductionRun& run : plan.runs)
    totals[{run.factory, run.medicine}] += run.units;
  if (!totals.empty()) {
    out += fmt::format("\n{:<18} {:<12} {:>14}\n", "factory", "medicine", "units planned");
    for (const auto& [key, units] : totals) {
      out += fmt::format("{:<18} {:<12} {:>14}\n", CodeOf(context.factory_codes, key.first),
                         CodeOf(context.medicine_codes, key.second), Count(units));
    }
  }
  return out;
}

}  // namespace outbreak::report
