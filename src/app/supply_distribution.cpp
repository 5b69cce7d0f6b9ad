// SupplyService: the distribution plan and the production plan, built from the network, the
// ledger, the demand and the factories' capacities.

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "analytics/forecast.hpp"
#include "app/supply_service.hpp"
#include "report/supply_render.hpp"
#include "supply/short_dated.hpp"

namespace outbreak::app {

namespace {

constexpr double kHoursPerDay = 24;
constexpr int kMaxPlanHorizonDays = 28;
// Shipments of one status read for a plan; more are refused rather than silently left out.
constexpr int64_t kMaxShipmentsInForce = 1'000'000;

int64_t WholeUnits(double units) { return static_cast<int64_t>(std::ceil(units - 1e-9)); }

// The node that issues to the patients of a reporting region: the node of the region itself of
// the kind nearest the patients (a pharmacy before a county base), else the same up the tree.
std::optional<int> DemandNode(const RegionTree& tree, RegionIdx leaf,
                              const std::unordered_map<std::string, std::vector<int>>& by_region,
                              const std::vector<supply::PlanNode>& nodes) {
  for (RegionIdx up : tree.PathToRoot(leaf)) {
    auto found = by_region.find(tree.region(up).code);
    if (found == by_region.end()) continue;
    std::optional<int> best;
    for (int node_idx : found->second) {
      if (nodes[node_idx].tier == supply::NodeKind::kFactory) continue;
      if (!best || nodes[node_idx].tier > nodes[*best].tier) best = node_idx;
    }
    if (best) return best;
  }
  return std::nullopt;
}

}  // namespace

Result<std::vector<supply::Shipment>> SupplyService::ShipmentsInForce(
    std::string_view scope) const {
  auto plans = [&] {
    std::lock_guard lock(mutex_);
    return store_->Supply().ListPlans();
  }();
  if (!plans.ok()) return plans.status();
  const std::vector<std::string> under = ScopesUnder(scope);
  std::set<int64_t> replaced;  // adopted plans that adopting a plan of `scope` supersedes
  for (const store::SupplyPlanRecord& plan : *plans) {
    if (plan.status == "adopted" &&
        std::find(under.begin(), under.end(), plan.scope) != under.end()) {
      replaced.insert(plan.id);
    }
  }
  std::vector<supply::Shipment> out;
  for (supply::ShipmentStatus status :
       {supply::ShipmentStatus::kPlanned, supply::ShipmentStatus::kApproved,
        supply::ShipmentStatus::kDispatched}) {
    store::ShipmentQuery query;
    query.status = std::string(supply::ShipmentStatusName(status));
    query.limit = kMaxShipmentsInForce;
    auto found = Shipments(scope, query);
    if (!found.ok()) return found.status();
    if (static_cast<int64_t>(found->size()) >= kMaxShipmentsInForce) {
      return Status::Unavailable(fmt::format("more than {} {} shipments under {}: too many to plan",
                                             kMaxShipmentsInForce - 1, query.status, scope));
    }
    for (supply::Shipment& shipment : *found) {
      if (status != supply::ShipmentStatus::kDispatched && replaced.contains(shipment.plan_id)) {
        continue;
      }
      out.push_back(std::move(shipment));
    }
  }
  return out;
}

Result<supply::DistributionProblem> SupplyService::BuildProblem(const SupplyPlanRequest& request,
                                                                Date as_of,
                                                                SupplyPlanResult& result) const {
  const std::string within =
      request.within.empty() ? surveillance_.tree().region(0).code : request.within;
  Result<RegionIdx> root = surveillance_.FindRegion(within);
  if (!root.ok()) return root.status();
  auto nodes = Nodes(within);
  if (!nodes.ok()) return nodes.status();
  if (nodes->empty()) return Status::InvalidArgument("no supply nodes under " + within);
  auto links = Links(within);
  if (!links.ok()) return links.status();
  auto medicines = Medicines();
  if (!medicines.ok()) return medicines.status();
  auto floors = Reserve();
  if (!floors.ok()) return floors.status();
  auto stock = Stock(within, as_of);
  if (!stock.ok()) return stock.status();
  auto demand = ComputeDemand(*root, as_of, request.horizon_days);
  if (!demand.ok()) return demand.status();
  auto moving = ShipmentsInForce(within);
  if (!moving.ok()) return moving.status();

  supply::DistributionProblem problem;
  problem.horizon_days = request.horizon_days;
  problem.draw_reserve = request.draw_reserve;
  problem.scope = within;
  problem.whole_country = *root == surveillance_.tree().root();
  std::unordered_map<std::string, int> node_index;
  std::unordered_map<std::string, std::vector<int>> by_region;
  for (const supply::SupplyNode& node : *nodes) {
    node_index[node.code] = static_cast<int>(problem.nodes.size());
    by_region[node.region].push_back(static_cast<int>(problem.nodes.size()));
    problem.nodes.push_back({node.code, node.kind, node.storage_capacity_units});
    result.node_codes.push_back(node.code);
  }
  std::unordered_map<std::string, int> medicine_index;
  for (const supply::Medicine& m : *medicines) {
    medicine_index[m.code] = static_cast<int>(problem.medicines.size());
    problem.medicines.push_back({m.code, m.essential});
    result.medicine_codes.push_back(m.code);
  }
  if (!problem.whole_country) {
    // What the nodes outside the plan hold, so that a shortfall is named as the region's.
    auto everywhere = Stock(surveillance_.tree().region(surveillance_.tree().root()).code, as_of);
    if (!everywhere.ok()) return everywhere.status();
    problem.outside_usable.assign(problem.medicines.size(), 0);
    for (const supply::StockLine& line : everywhere->lines) {
      auto medicine = medicine_index.find(line.medicine);
      if (medicine == medicine_index.end() || node_index.contains(line.node.code)) continue;
      problem.outside_usable[medicine->second] += line.usable;
    }
  }
  for (const supply::SupplyLink& link : *links) {
    auto from = node_index.find(link.from);
    auto to = node_index.find(link.to);
    if (from == node_index.end() || to == node_index.end()) continue;  // leaves the scope
    problem.links.push_back({from->second, to->second,
                             static_cast<int>(std::ceil(link.transit_hours / kHoursPerDay - 1e-9)),
                             link.daily_capacity_units,
                             static_cast<int64_t>(std::lround(link.transit_hours))});
  }
  // Supply: usable stock on hand less what planned or approved shipments will take from it,
  // shipments on their way or still to leave (on their arrival day), and (below) production.
  // Stock whose last day of use falls inside the horizon is short-dated: it stays out of the
  // plan and meets its own node's need while it lasts (supply/short_dated.hpp); stock that
  // expires before the plan's first day is not counted at all.
  const Date first_day = as_of + 1;
  const Date last_day = first_day + (request.horizon_days - 1);
  auto lots = [&] {
    std::lock_guard lock(mutex_);
    return store_->Supply().LoadLots();
  }();
  if (!lots.ok()) return lots.status();
  std::map<std::pair<std::string, std::string>, Date> expiry_of;
  for (const supply::Lot& lot : *lots) expiry_of[{lot.medicine, lot.lot}] = lot.expiry;
  // A recalled lot meets no need: it may be neither shipped nor issued, where it is or where it
  // is going.
  auto recalled = [&] {
    std::lock_guard lock(mutex_);
    return RecalledLots(*store_);
  }();
  if (!recalled.ok()) return recalled.status();
  std::vector<supply::ShortDatedStock> short_dated;
  auto hold = [&](int node, int medicine, int from_day, Date expiry, int64_t units,
                  std::map<std::pair<int, int>, int64_t>* long_dated) {
    if (expiry < first_day + from_day || units <= 0) return;
    if (expiry >= last_day) {
      if (long_dated != nullptr) {
        (*long_dated)[{node, medicine}] += units;
      } else {
        problem.supply.push_back({node, medicine, from_day, units});
      }
      return;
    }
    short_dated.push_back({node, medicine, from_day, expiry - first_day, units});
  };
  std::map<std::pair<int, int>, int64_t> on_hand;
  for (const supply::StockLine& line : stock->lines) {
    auto medicine = medicine_index.find(line.medicine);
    if (medicine == medicine_index.end()) continue;
    for (const supply::LotBalance& lot : line.lots) {
      if (recalled->contains({line.medicine, lot.lot})) continue;
      hold(node_index.at(line.node.code), medicine->second, 0, lot.expiry, lot.quantity, &on_hand);
    }
  }
  // What orders already made take from a node beyond its long-dated stock.
  std::map<std::pair<int, int>, int64_t> beyond;
  for (const supply::Shipment& shipment : *moving) {
    auto from = node_index.find(shipment.from);
    auto to = node_index.find(shipment.to);
    const bool dispatched = shipment.status == supply::ShipmentStatus::kDispatched;
    const int day = std::max(0, shipment.arrival_day - first_day);
    auto add = [&](const std::string& code, int64_t units) {
      auto medicine = medicine_index.find(code);
      if (medicine == medicine_index.end()) return;
      if (!dispatched && from != node_index.end()) {
        int64_t& held = on_hand[{from->second, medicine->second}];
        const int64_t taken = std::min(held, units);
        held -= taken;
        if (units > taken) beyond[{from->second, medicine->second}] += units - taken;
      }
      if (to != node_index.end())
        problem.supply.push_back({to->second, medicine->second, day, units});
    };
    if (dispatched) {
      for (const supply::ShipmentLot& lot : shipment.lots) {
        auto medicine = medicine_index.find(lot.medicine);
        auto expiry = expiry_of.find({lot.medicine, lot.lot});
        if (to == node_index.end() || medicine == medicine_index.end()) continue;
        if (recalled->contains({lot.medicine, lot.lot})) continue;
        hold(to->second, medicine->second, day,
             expiry == expiry_of.end() ? last_day : expiry->second, lot.sent, nullptr);
      }
    } else {
      for (const supply::ShipmentLine& line : shipment.lines) add(line.medicine, line.quantity);
    }
  }
  for (const auto& [key, units] : on_hand) {
    if (units > 0) problem.supply.push_back({key.first, key.second, 0, units});
  }
  for (const supply::NodeReserveFloor& floor : *floors) {
    auto node = node_index.find(floor.node);
    auto medicine = medicine_index.find(floor.medicine);
    if (node == node_index.end() || medicine == medicine_index.end()) continue;
    problem.reserve_floors.push_back({node->second, medicine->second, floor.units});
  }
  // Demand at the node that serves each reporting region; cover targets from the mean need.
  const RegionTree& tree = surveillance_.tree();
  std::map<std::pair<RegionIdx, int>, double> mean_need;
  for (const supply::DemandLine& line : demand->lines) {
    auto leaf = tree.Find(line.region);
    auto medicine = medicine_index.find(line.medicine);
    if (!leaf || medicine == medicine_index.end()) continue;
    auto node = DemandNode(tree, *leaf, by_region, problem.nodes);
    if (!node) continue;
    for (int day_idx = 0; day_idx < static_cast<int>(line.need_per_day.size()); ++day_idx) {
      const int64_t units = WholeUnits(line.need_per_day[day_idx]);
      if (units > 0) problem.demand.push_back({*node, medicine->second, day_idx, units});
    }
    for (RegionIdx up : tree.PathToRoot(*leaf)) {
      mean_need[{up, medicine->second}] += line.total / request.horizon_days;
    }
  }
  for (const auto& [key, units] : beyond) {
    supply::TakeCommitted(short_dated, key.first, key.second, units);
  }
  result.short_dated = supply::UseShortDatedLocally(std::move(short_dated), problem.demand,
                                                    static_cast<int>(problem.medicines.size()));
  for (size_t node_idx = 0; node_idx < nodes->size(); ++node_idx) {
    const supply::SupplyNode& node = (*nodes)[node_idx];
    if (node.kind == supply::NodeKind::kFactory || node.kind == supply::NodeKind::kCentralBase) {
      continue;
    }
    auto region = tree.Find(node.region);
    if (!region) continue;
    const double days = supply::MinCoverDays(options_.cover, node.kind);
    for (size_t medicine_idx = 0; medicine_idx < problem.medicines.size(); ++medicine_idx) {
      auto need = mean_need.find({*region, static_cast<int>(medicine_idx)});
      if (need == mean_need.end() || need->second <= 0) continue;
      problem.cover_targets.push_back({static_cast<int>(node_idx), static_cast<int>(medicine_idx),
                                       WholeUnits(need->second * days)});
    }
  }
  result.basis = demand->basis;
  if (request.include_production) {
    auto production = Production(as_of, request.horizon_days);
    if (!production.ok()) return production.status();
    for (const supply::ProductionRun& run : production->plan.runs) {
      auto node = node_index.find(production->factory_codes[run.factory]);
      auto medicine = medicine_index.find(production->medicine_codes[run.medicine]);
      if (node == node_index.end() || medicine == medicine_index.end()) continue;
      problem.supply.push_back({node->second, medicine->second, run.day, run.units});
    }
  }
  return problem;
}

Result<SupplyPlanResult> SupplyService::Plan(const SupplyPlanRequest& request, const Actor& actor) {
  if (request.horizon_days < 1 || request.horizon_days > kMaxPlanHorizonDays) {
    return Status::InvalidArgument(
        fmt::format("horizon: {} is not 1 … {} days", request.horizon_days, kMaxPlanHorizonDays));
  }
  const Date as_of = request.as_of.value_or(surveillance_.LatestDay());
  SupplyPlanResult result;
  // Read before the data: a change that lands while they are read makes the plan stale.
  auto basis = [&] {
    std::lock_guard lock(mutex_);
    return store_->LastChange();
  }();
  if (!basis.ok()) return basis.status();
  result.record.basis_change = *basis;
  auto problem = BuildProblem(request, as_of, result);
  if (!problem.ok()) return problem.status();
  auto plan = supply::PlanDistribution(*problem);
  if (!plan.ok()) return plan.status();
  result.plan = std::move(*plan);

  store::SupplyPlanRecord& record = result.record;
  record.as_of = as_of;
  record.horizon_days = request.horizon_days;
  record.scope = request.within.empty() ? surveillance_.tree().region(0).code : request.within;
  record.status = "proposed";
  const Date first_day = as_of + 1;
  std::map<std::tuple<int, int, int>, supply::Shipment> grouped;
  for (const supply::PlannedShipment& planned : result.plan.shipments) {
    supply::Shipment& shipment = grouped[{planned.from, planned.to, planned.dispatch_day}];
    shipment.from = result.node_codes[planned.from];
    shipment.to = result.node_codes[planned.to];
    shipment.ship_day = first_day + planned.dispatch_day;
    shipment.arrival_day = std::max(shipment.arrival_day, first_day + planned.arrive_day);
    shipment.lines.push_back({result.medicine_codes[planned.medicine], planned.quantity});
  }
  for (auto& [key, shipment] : grouped) record.shipments.push_back(std::move(shipment));
  boost::json::object detail = report::DistributionPlanJson(result.plan, result.node_codes,
                                                            result.medicine_codes, first_day);
  detail["basis"] = result.basis;
  detail["draw_reserve"] = request.draw_reserve;
  boost::json::array short_dated;
  for (size_t medicine = 0; medicine < result.short_dated.size(); ++medicine) {
    const supply::ShortDatedUse& use = result.short_dated[medicine];
    if (use.used == 0 && use.left_to_expire == 0) continue;
    short_dated.push_back({{"medicine", result.medicine_codes[medicine]},
                           {"used_where_held", use.used},
                           {"left_to_expire", use.left_to_expire}});
  }
  detail["short_dated"] = std::move(short_dated);
  record.detail = boost::json::serialize(detail);
  std::lock_guard lock(mutex_);
  auto id = store_->Supply().SavePlan(record, Context(actor));
  if (!id.ok()) return id.status();
  record.id = *id;
  record.created_by = actor.user;
  record.created_at = Context(actor).recorded_at;
  return result;
}

Result<ProductionReport> SupplyService::Production(std::optional<Date> as_of,
                                                   int horizon_days) const {
  if (horizon_days < 1 || horizon_days > analytics::kMaxForecastHorizonDays) {
    return Status::InvalidArgument(fmt::format("horizon: {} is not 1 … {} days", horizon_days,
                                               analytics::kMaxForecastHorizonDays));
  }
  ProductionReport report;
  report.as_of = as_of.value_or(surveillance_.LatestDay());
  report.horizon_days = horizon_days;
  auto medicines = Medicines();
  if (!medicines.ok()) return medicines.status();
  auto capacities = Capacities();
  if (!capacities.ok()) return capacities.status();
  auto floors = Reserve();
  if (!floors.ok()) return floors.status();
  const std::string nation = surveillance_.tree().region(0).code;
  auto stock = Stock(nation, report.as_of);
  if (!stock.ok()) return stock.status();
  auto demand = ComputeDemand(0, report.as_of, horizon_days);
  if (!demand.ok()) return demand.status();
  report.basis = demand->basis;

  supply::ProductionProblem problem;
  problem.horizon_days = horizon_days;
  std::unordered_map<std::string, int> medicine_index;
  for (const supply::Medicine& m : *medicines) {
    medicine_index[m.code] = static_cast<int>(problem.medicines.size());
    supply::ProductionMedicine pm;
    pm.code = m.code;
    pm.essential = m.essential;
    pm.forecast_demand_units.assign(static_cast<size_t>(horizon_days), 0);
    pm.target_cover_days = m.essential ? options_.cover.provincial_min_days : 0;
    problem.medicines.push_back(std::move(pm));
    report.medicine_codes.push_back(m.code);
  }
  std::vector<double> exact(problem.medicines.size() * static_cast<size_t>(horizon_days), 0);
  for (const supply::DemandLine& line : demand->lines) {
    auto found = medicine_index.find(line.medicine);
    if (found == medicine_index.end()) continue;
    for (size_t day_idx = 0; day_idx < line.need_per_day.size(); ++day_idx) {
      exact[static_cast<size_t>(found->second) * horizon_days + day_idx] +=
          line.need_per_day[day_idx];
    }
  }
  for (size_t medicine_idx = 0; medicine_idx < problem.medicines.size(); ++medicine_idx) {
    for (int day_idx = 0; day_idx < horizon_days; ++day_idx) {
      problem.medicines[medicine_idx].forecast_demand_units[day_idx] =
          WholeUnits(exact[medicine_idx * horizon_days + day_idx]);
    }
  }
  for (const supply::StockLine& line : stock->lines) {
    auto found = medicine_index.find(line.medicine);
    if (found != medicine_index.end()) {
      problem.medicines[found->second].national_stock_units += line.usable;
    }
  }
  for (const supply::NodeReserveFloor& floor : *floors) {
    auto found = medicine_index.find(floor.medicine);
    if (found != medicine_index.end()) {
      problem.medicines[found->second].reserve_target_units += floor.units;
    }
  }
  std::map<std::string, int> factory_index;
  for (const supply::FactoryCapacity& capacity : *capacities) {
    auto medicine = medicine_index.find(capacity.medicine);
    if (medicine == medicine_index.end()) continue;
    auto [it, added] =
        factory_index.emplace(capacity.node, static_cast<int>(problem.factories.size()));
    if (added) {
      problem.factories.push_back(
          {capacity.node, std::vector<int64_t>(problem.medicines.size(), 0)});
      report.factory_codes.push_back(capacity.node);
    }
    problem.factories[it->second].daily_capacity_units[medicine->second] = capacity.units_per_day;
  }
  auto plan = supply::PlanProduction(problem);
  if (!plan.ok()) return plan.status();
  report.plan = std::move(*plan);
  return report;
}

}  // namespace outbreak::app
