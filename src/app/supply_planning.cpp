// SupplyService: stock, demand and cover, recalls, distribution plans and production planning.

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <boost/json.hpp>

#include "analytics/forecast.hpp"
#include "app/supply_service.hpp"
#include "report/supply_render.hpp"

namespace outbreak::app {

namespace {

constexpr int kShareWindowDays = 14;  // recent days that apportion a forecast to counties

// The forecast unit of a reporting region: its province, or the asked region when that is
// deeper (a county officer's demand follows his own county).
RegionIdx ForecastUnit(const RegionTree& tree, RegionIdx leaf, RegionIdx within) {
  if (tree.region(within).level >= 1) return within;
  RegionIdx idx = leaf;
  while (tree.parent(idx) != kNoRegion && tree.region(idx).level > 1) idx = tree.parent(idx);
  return idx;
}

double Sum(const std::vector<double>& values, size_t first, size_t last) {
  double total = 0;
  for (size_t idx = first; idx < last && idx < values.size(); ++idx) total += values[idx];
  return total;
}

}  // namespace

std::vector<double> SupplyService::CasesAround(RegionIdx region, Date as_of, int past_days,
                                               int ahead_days, CasesBasis* basis) const {
  const std::string code = surveillance_.tree().region(region).code;
  std::vector<double> out;
  auto series = surveillance_.Series(code, as_of - (past_days - 1), as_of);
  if (series.ok()) {
    for (const surveillance::SeriesPoint& point : *series) {
      out.push_back(static_cast<double>(point.day.new_fever));
    }
  }
  out.resize(static_cast<size_t>(past_days), 0);
  if (ahead_days <= 0) return out;
  if (analytics_ != nullptr) {
    auto forecast = analytics_->Forecast(code, as_of, ahead_days);
    if (forecast.ok() && !forecast->forecast.warning.empty()) {
      // A flagged forecast does not drive the demand: the recent trend does, and says why.
      if (basis != nullptr) basis->not_used = forecast->forecast.warning;
    } else if (forecast.ok() && static_cast<int>(forecast->forecast.days.size()) == ahead_days) {
      for (const analytics::DayForecast& day : forecast->forecast.days) {
        out.push_back(day.new_cases.median);
      }
      if (basis != nullptr) {
        basis->rule = fmt::format("forecast (median new cases, {}) of the analytics service",
                                  analytics::RtMethodName(forecast->forecast.method));
        basis->skill = forecast->forecast.skill;
      }
      return out;
    }
  }
  // The recent trend: the mean of the last days, held.
  const int recent = std::min(options_.recent_days, past_days);
  const double mean =
      recent > 0 ? Sum(out, out.size() - static_cast<size_t>(recent), out.size()) / recent : 0;
  out.insert(out.end(), static_cast<size_t>(ahead_days), mean);
  if (basis != nullptr) {
    basis->rule = fmt::format("recent trend (mean new cases of the last {} days, held)", recent);
  }
  return out;
}

Result<supply::DemandReport> SupplyService::ComputeDemand(RegionIdx region, Date as_of,
                                                          int horizon_days) const {
  auto protocols = Protocols();
  if (!protocols.ok()) return protocols.status();
  std::map<std::string, std::vector<supply::TreatmentProtocol>> by_medicine;
  for (const supply::TreatmentProtocol& p : *protocols) by_medicine[p.medicine].push_back(p);
  const int course = std::max(1, supply::LongestCourseDays(*protocols));
  const int past = std::max(course, kShareWindowDays);

  supply::DemandReport report;
  report.as_of = as_of;
  report.horizon_days = horizon_days;
  const RegionTree& tree = surveillance_.tree();
  report.region = tree.region(region).code;
  std::vector<RegionIdx> leaves =
      tree.IsLeaf(region) ? std::vector<RegionIdx>{region} : tree.LeavesUnder(region);
  // One forecast per unit, shared out to its reporting regions by their recent cases.
  std::map<RegionIdx, std::vector<double>> unit_cases;
  std::map<std::string, std::vector<std::string>> rules;     // rule -> the units it drives
  std::map<std::string, std::vector<std::string>> not_used;  // why -> the units
  std::vector<std::pair<std::string, analytics::ForecastSkill>> used;
  for (RegionIdx leaf : leaves) {
    const RegionIdx unit = ForecastUnit(tree, leaf, region);
    if (!unit_cases.contains(unit)) {
      CasesBasis basis;
      unit_cases[unit] = CasesAround(unit, as_of, past, horizon_days, &basis);
      const std::string& code = tree.region(unit).code;
      rules[basis.rule].push_back(code);
      if (!basis.not_used.empty()) not_used[basis.not_used].push_back(code);
      if (basis.skill) used.emplace_back(code, std::move(*basis.skill));
    }
  }
  std::vector<std::string> parts;
  for (const auto& [rule, codes] : rules) {
    parts.push_back(rules.size() == 1 ? rule
                                      : fmt::format("{} for {}", rule, fmt::join(codes, ", ")));
  }
  if (!used.empty()) {
    parts.push_back(
        fmt::format("the forecast's skill lately (backtested against the naive "
                    "baselines): {}",
                    analytics::SkillOfRegions(used)));
  }
  for (const auto& [why, codes] : not_used) {
    parts.push_back(
        fmt::format("WARNING: the forecast is not used for {}: {}", fmt::join(codes, ", "), why));
  }
  report.basis = fmt::format("{}", fmt::join(parts, "; "));
  const size_t recent_first = static_cast<size_t>(past - kShareWindowDays);
  for (RegionIdx leaf : leaves) {
    const RegionIdx unit = ForecastUnit(tree, leaf, region);
    const std::vector<double>& unit_series = unit_cases[unit];
    std::vector<double> cases = CasesAround(leaf, as_of, past, 0, nullptr);
    const double unit_recent = Sum(unit_series, recent_first, static_cast<size_t>(past));
    double share = 0;
    if (unit == leaf) {
      share = 1;
    } else if (unit_recent > 0) {
      share = Sum(cases, recent_first, cases.size()) / unit_recent;
    } else if (tree.region(unit).population > 0) {
      share = static_cast<double>(tree.region(leaf).population) / tree.region(unit).population;
    }
    for (int day_idx = 0; day_idx < horizon_days; ++day_idx) {
      cases.push_back(unit_series[static_cast<size_t>(past + day_idx)] * share);
    }
    const std::span<const double> window(cases.data() + (past - course),
                                         cases.size() - static_cast<size_t>(past - course));
    for (const auto& [medicine, list] : by_medicine) {
      supply::DemandLine line;
      line.region = tree.region(leaf).code;
      line.medicine = medicine;
      line.need_per_day = supply::DailyNeed(list, window, static_cast<size_t>(course));
      for (double need : line.need_per_day) line.total += need;
      report.lines.push_back(std::move(line));
    }
  }
  if (report.basis.empty()) report.basis = "no reporting regions";
  return report;
}

Result<supply::DemandReport> SupplyService::Demand(std::string_view region,
                                                   std::optional<Date> as_of,
                                                   int horizon_days) const {
  if (horizon_days < 1 || horizon_days > analytics::kMaxForecastHorizonDays) {
    return Status::InvalidArgument(fmt::format("horizon: {} is not 1 … {} days", horizon_days,
                                               analytics::kMaxForecastHorizonDays));
  }
  Result<RegionIdx> idx = surveillance_.FindRegion(region);
  if (!idx.ok()) return idx.status();
  return ComputeDemand(*idx, as_of.value_or(surveillance_.LatestDay()), horizon_days);
}

Result<supply::StockReport> SupplyService::Stock(std::string_view region, std::optional<Date> as_of,
                                                 std::string_view medicine) const {
  auto nodes = Nodes(region);
  if (!nodes.ok()) return nodes.status();
  supply::StockReport report;
  report.region = std::string(region);
  report.as_of = as_of.value_or(Today());
  std::lock_guard lock(mutex_);
  auto balances = store_->Supply().LoadBalances(report.as_of);
  if (!balances.ok()) return balances.status();
  auto lots = store_->Supply().LoadLots();
  if (!lots.ok()) return lots.status();
  std::map<std::pair<std::string, std::string>, Date> expiry;
  for (const supply::Lot& lot : *lots) expiry[{lot.medicine, lot.lot}] = lot.expiry;
  auto recalled = RecalledLots(*store_);
  if (!recalled.ok()) return recalled.status();
  std::unordered_map<std::string, const supply::SupplyNode*> by_code;
  for (const supply::SupplyNode& node : *nodes) by_code.emplace(node.code, &node);
  std::map<std::pair<std::string, std::string>, supply::StockLine> lines;
  for (const supply::StockRow& row : *balances) {
    auto node = by_code.find(row.node);
    if (node == by_code.end() || (!medicine.empty() && row.medicine != medicine)) continue;
    supply::StockLine& line = lines[{row.node, row.medicine}];
    line.node = *node->second;
    line.medicine = row.medicine;
    line.on_hand += row.quantity;
    const Date lot_expiry = expiry[{row.medicine, row.lot}];
    // A recalled lot is on hand but not usable: it may not be issued or shipped.
    if (lot_expiry >= report.as_of && !recalled->contains({row.medicine, row.lot})) {
      line.usable += row.quantity;
    }
    line.lots.push_back({row.lot, lot_expiry, row.quantity});
  }
  for (auto& [key, line] : lines) {
    std::sort(line.lots.begin(), line.lots.end(),
              [](const supply::LotBalance& a, const supply::LotBalance& b) {
                return std::tie(a.expiry, a.lot) < std::tie(b.expiry, b.lot);
              });
    report.lines.push_back(std::move(line));
  }
  return report;
}

Result<supply::CoverReport> SupplyService::Cover(std::string_view region,
                                                 std::optional<Date> as_of) const {
  Result<RegionIdx> root = surveillance_.FindRegion(region);
  if (!root.ok()) return root.status();
  const Date day = as_of.value_or(surveillance_.LatestDay());
  auto stock = Stock(region, day);
  if (!stock.ok()) return stock.status();
  constexpr int kCoverHorizonDays = 14;
  auto demand = ComputeDemand(*root, day, kCoverHorizonDays);
  if (!demand.ok()) return demand.status();
  auto nodes = Nodes(region);
  if (!nodes.ok()) return nodes.status();
  Result<std::vector<supply::StockRow>> issued = [&] {
    std::lock_guard lock(mutex_);
    return store_->Supply().LoadIssued(day - (options_.recent_days - 1), day);
  }();
  if (!issued.ok()) return issued.status();

  supply::CoverReport report;
  report.region = std::string(region);
  report.as_of = day;
  report.basis = demand->basis;
  const RegionTree& tree = surveillance_.tree();
  // Mean need per day of each reporting region and medicine, then summed up the tree.
  std::map<std::pair<RegionIdx, std::string>, double> need;
  for (const supply::DemandLine& line : demand->lines) {
    auto leaf = tree.Find(line.region);
    if (!leaf) continue;
    const double mean = line.total / kCoverHorizonDays;
    for (RegionIdx up : tree.PathToRoot(*leaf)) need[{up, line.medicine}] += mean;
  }
  std::map<std::pair<std::string, std::string>, int64_t> usable;
  for (const supply::StockLine& line : stock->lines)
    usable[{line.node.code, line.medicine}] = line.usable;
  std::map<std::pair<std::string, std::string>, double> issued_per_day;
  for (const supply::StockRow& row : *issued) {
    issued_per_day[{row.node, row.medicine}] =
        static_cast<double>(row.quantity) / options_.recent_days;
  }
  std::set<std::string> medicines;
  for (const auto& [key, value] : need) medicines.insert(key.second);
  for (const auto& [key, value] : usable) medicines.insert(key.second);
  for (const supply::SupplyNode& node : *nodes) {
    if (node.kind == supply::NodeKind::kFactory) continue;
    auto idx = tree.Find(node.region);
    if (!idx) continue;
    for (const std::string& medicine : medicines) {
      supply::CoverLine line;
      line.node = node;
      line.medicine = medicine;
      line.usable = usable.contains({node.code, medicine}) ? usable[{node.code, medicine}] : 0;
      line.need_per_day = need.contains({*idx, medicine}) ? need[{*idx, medicine}] : 0;
      line.issued_per_day = issued_per_day.contains({node.code, medicine})
                                ? issued_per_day[{node.code, medicine}]
                                : 0;
      line.min_days = supply::MinCoverDays(options_.cover, node.kind);
      line.max_days = supply::MaxCoverDays(options_.cover, node.kind);
      const double rate = line.need_per_day > 0 ? line.need_per_day : line.issued_per_day;
      if (rate <= 0) {
        if (line.usable == 0) continue;  // nothing held, nothing needed: not worth a line
        line.status = supply::CoverStatus::kNoNeed;
      } else {
        line.cover_days = supply::CoverDays(line.usable, rate);
        line.status = line.cover_days < line.min_days   ? supply::CoverStatus::kBelowMinimum
                      : line.cover_days > line.max_days ? supply::CoverStatus::kAboveMaximum
                                                        : supply::CoverStatus::kWithin;
        if (line.status == supply::CoverStatus::kBelowMinimum) ++report.below_minimum;
      }
      report.lines.push_back(std::move(line));
    }
  }
  return report;
}

Result<supply::RecallReport> SupplyService::Recall(std::string_view medicine,
                                                   std::string_view lot) const {
  std::lock_guard lock(mutex_);
  auto lots = store_->Supply().LoadLots();
  if (!lots.ok()) return lots.status();
  supply::RecallReport report;
  bool found = false;
  for (const supply::Lot& known : *lots) {
    if (known.medicine == medicine && known.lot == lot) {
      report.lot = known;
      found = true;
    }
  }
  if (!found) return Status::NotFound(fmt::format("no lot \"{}\" of \"{}\"", lot, medicine));
  auto balances = store_->Supply().LoadBalances(std::nullopt);
  if (!balances.ok()) return balances.status();
  for (const supply::StockRow& row : *balances) {
    if (row.medicine == medicine && row.lot == lot && row.quantity > 0) {
      report.holders.push_back(row);
      report.units_held += row.quantity;
    }
  }
  auto shipments = store_->Supply().ShipmentsWithLot(std::string(medicine), std::string(lot));
  if (!shipments.ok()) return shipments.status();
  report.shipments = std::move(*shipments);
  // The lot's own units on every shipment still on the way.
  for (const supply::Shipment& shipment : report.shipments) {
    if (shipment.status != supply::ShipmentStatus::kDispatched) continue;
    for (const supply::ShipmentLot& carried : shipment.lots) {
      if (carried.medicine != medicine || carried.lot != lot || carried.sent == 0) continue;
      report.in_transit.push_back(
          {shipment.id, shipment.from, shipment.to, shipment.arrival_day, carried.sent});
      report.units_in_transit += carried.sent;
    }
  }
  auto recalls = store_->Supply().LoadRecalls();
  if (!recalls.ok()) return recalls.status();
  for (const supply::LotRecall& recall : *recalls) {
    if (recall.medicine == medicine && recall.lot == lot) report.recall = recall;
  }
  if (report.recall) {
    // What was written off since the order: losses, expiries and counts found lower.
    store::LedgerQuery query;
    query.medicine = std::string(medicine);
    query.lot = std::string(lot);
    query.from = report.recall->day;
    query.limit = std::numeric_limits<int64_t>::max();
    auto entries = store_->Supply().LoadLedger(query);
    if (!entries.ok()) return entries.status();
    std::map<std::string, int64_t> by_node;
    for (const supply::LedgerEntry& entry : *entries) {
      const bool write_off = entry.kind == supply::EntryKind::kLoss ||
                             entry.kind == supply::EntryKind::kExpiry ||
                             (entry.kind == supply::EntryKind::kAdjustment && entry.quantity < 0);
      if (write_off) by_node[entry.node] -= entry.quantity;
    }
    for (const auto& [node, units] : by_node) {
      report.written_off.push_back({node, std::string(medicine), std::string(lot), units});
      report.units_written_off += units;
    }
  }
  return report;
}

Result<supply::LotRecall> SupplyService::OrderRecall(const std::string& medicine,
                                                     const std::string& lot,
                                                     std::optional<Date> day,
                                                     const std::string& reason,
                                                     const Actor& actor) {
  if (reason.empty()) {
    return Status::InvalidArgument("reason: a recall order says why the lot is stopped");
  }
  supply::LotRecall recall;
  recall.medicine = medicine;
  recall.lot = lot;
  recall.day = day.value_or(surveillance_.LatestDay());
  recall.reason = reason;
  std::lock_guard lock(mutex_);
  auto stored = store_->Supply().OrderRecall(recall, Context(actor));
  if (stored.ok()) ForgetCover();
  return stored;
}

Result<supply::LotRecall> SupplyService::LiftRecall(int64_t id, std::optional<Date> day,
                                                    const std::string& reason, const Actor& actor) {
  if (reason.empty()) {
    return Status::InvalidArgument("reason: lifting a recall says why the lot may move again");
  }
  std::lock_guard lock(mutex_);
  auto lifted = store_->Supply().LiftRecall(id, day.value_or(surveillance_.LatestDay()), reason,
                                            Context(actor));
  if (lifted.ok()) ForgetCover();
  return lifted;
}

Result<std::vector<supply::LotRecall>> SupplyService::Recalls() const {
  std::lock_guard lock(mutex_);
  return store_->Supply().LoadRecalls();
}

}  // namespace outbreak::app

namespace outbreak::app {

void SupplyService::ForgetCover() const {
  std::lock_guard lock(cover_mutex_);
  usable_by_day_.clear();
}

Status SupplyService::ApplyChanges(std::span<const store::Change> changes) const {
  for (const store::Change& change : changes) {
    if (change.kind == store::ChangeKind::kSupply) {
      ForgetCover();
      break;
    }
  }
  return Status::Ok();
}

std::optional<double> SupplyService::RegionCoverDays(std::string_view region, Date day) const {
  Result<RegionIdx> idx = surveillance_.FindRegion(region);
  if (!idx.ok()) return std::nullopt;
  auto medicines = Medicines();
  auto protocols = Protocols();
  auto nodes = Nodes(region);
  if (!medicines.ok() || !protocols.ok() || !nodes.ok() || nodes->empty()) return std::nullopt;
  std::map<std::pair<std::string, std::string>, int64_t> usable;
  {
    std::lock_guard cover_lock(cover_mutex_);
    auto cached = usable_by_day_.find(day);
    if (cached == usable_by_day_.end()) {
      std::lock_guard lock(mutex_);
      auto balances = store_->Supply().LoadBalances(day);
      auto lots = store_->Supply().LoadLots();
      if (!balances.ok() || !lots.ok()) return std::nullopt;
      std::map<std::pair<std::string, std::string>, Date> expiry;
      for (const supply::Lot& lot : *lots) expiry[{lot.medicine, lot.lot}] = lot.expiry;
      std::map<std::pair<std::string, std::string>, int64_t> by_node;
      for (const supply::StockRow& row : *balances) {
        if (expiry[{row.medicine, row.lot}] >= day)
          by_node[{row.node, row.medicine}] += row.quantity;
      }
      cached = usable_by_day_.emplace(day, std::move(by_node)).first;
    }
    usable = cached->second;
  }
  const int course = std::max(1, supply::LongestCourseDays(*protocols));
  const int recent = std::max(1, options_.recent_days);
  const std::vector<double> cases = CasesAround(*idx, day, course + recent, 0, nullptr);
  std::optional<double> least;
  for (const supply::Medicine& medicine : *medicines) {
    if (!medicine.essential) continue;
    std::vector<supply::TreatmentProtocol> list;
    for (const supply::TreatmentProtocol& p : *protocols) {
      if (p.medicine == medicine.code) list.push_back(p);
    }
    if (list.empty()) continue;
    const std::vector<double> need = supply::DailyNeed(list, cases, static_cast<size_t>(course));
    double mean = 0;
    for (double value : need) mean += value;
    mean /= static_cast<double>(std::max<size_t>(1, need.size()));
    if (mean <= 0) continue;
    int64_t held = 0;
    for (const supply::SupplyNode& node : *nodes) {
      auto found = usable.find({node.code, medicine.code});
      if (found != usable.end()) held += found->second;
    }
    const double days = supply::CoverDays(held, mean);
    if (!least || days < *least) least = days;
  }
  return least;
}

}  // namespace outbreak::app
