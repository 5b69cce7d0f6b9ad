// CareService: occupancy, deployment plans and their adoption.

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <boost/json.hpp>

#include "analytics/forecast.hpp"
#include "app/care_service.hpp"
#include "report/care_render.hpp"

namespace outbreak::app {

namespace {

// The ancestor of `idx` (itself included) at `level`, when it lies under `within`.
std::optional<RegionIdx> AncestorAt(const RegionTree& tree, RegionIdx idx, int level,
                                    RegionIdx within) {
  while (idx != kNoRegion && tree.region(idx).level > level) idx = tree.parent(idx);
  if (idx == kNoRegion || tree.region(idx).level != level || !tree.IsInSubtree(within, idx)) {
    return std::nullopt;
  }
  return idx;
}

// The on-duty workers of the latest count of each (region, category) on or before `day`, summed
// over the regions under `at` (itself included).
int64_t OwnOnDuty(const RegionTree& tree, const std::vector<care::WorkforceCount>& counts,
                  RegionIdx at, care::WorkerCategory category, Date day) {
  std::map<std::string, const care::WorkforceCount*> latest;
  for (const care::WorkforceCount& count : counts) {
    if (count.category != category || count.date > day) continue;
    const std::optional<RegionIdx> idx = tree.Find(count.region);
    if (!idx || !tree.IsInSubtree(at, *idx)) continue;
    const care::WorkforceCount*& slot = latest[count.region];
    if (slot == nullptr || slot->date < count.date) slot = &count;
  }
  int64_t sum = 0;
  for (const auto& [region, count] : latest) sum += count->on_duty;
  return sum;
}

}  // namespace

int64_t CareService::UnderTreatment(const std::string& region, Date as_of) const {
  auto series = surveillance_.Series(region, as_of, as_of);
  if (!series.ok() || series->empty()) return 0;
  return series->back().day.under_treatment;
}

std::vector<double> CareService::ExpectedUnderTreatment(
    const std::string& region, Date as_of, int horizon_days, std::string* not_used,
    std::optional<analytics::ForecastSkill>* skill) const {
  if (analytics_ == nullptr || horizon_days <= 0) return {};
  auto forecast = analytics_->Forecast(region, as_of, horizon_days);
  if (!forecast.ok()) return {};
  if (!forecast->forecast.warning.empty()) {
    // A flagged forecast does not drive a plan: the plan says so and uses the patients now.
    if (not_used != nullptr) *not_used = forecast->forecast.warning;
    return {};
  }
  if (skill != nullptr) *skill = forecast->forecast.skill;
  std::vector<double> out;
  for (const analytics::DayForecast& day : forecast->forecast.days) {
    out.push_back(day.under_treatment.median);
  }
  return out;
}

Result<care::OccupancyReport> CareService::Occupancy(std::string_view region,
                                                     std::optional<Date> as_of,
                                                     int horizon_days) const {
  auto centres = Centres(region);
  if (!centres.ok()) return centres.status();
  care::OccupancyReport report;
  report.region = *surveillance_.FindRegion(region);
  report.as_of = as_of.value_or(surveillance_.LatestDay());
  report.horizon_days = std::clamp(horizon_days, 0, analytics::kMaxForecastHorizonDays);
  Result<std::vector<care::CensusDay>> census = [&] {
    std::lock_guard lock(mutex_);
    return store_->LoadCensus(std::nullopt, report.as_of);
  }();
  if (!census.ok()) return census.status();
  std::unordered_map<std::string, const care::CensusDay*> latest;
  for (const care::CensusDay& day : *census) {
    const care::CensusDay*& slot = latest[day.centre];
    if (slot == nullptr || slot->date < day.date) slot = &day;
  }
  // Centres fill as their province's people under treatment are expected to grow.
  std::map<std::string, std::pair<double, std::vector<double>>> outlook;
  std::vector<care::CensusDay> latest_days;
  for (const care::TreatmentCentre& centre : *centres) {
    care::CentreOccupancy line{centre, std::nullopt, std::nullopt};
    if (auto it = latest.find(centre.code); it != latest.end()) line.census = *it->second;
    if (centre.status != care::CentreStatus::kClosed) {
      report.beds += centre.TotalBeds();
      if (line.census) report.occupied += line.census->occupied;
    }
    if (line.census) {
      latest_days.push_back(*line.census);
      const std::string province = surveillance_.WithTree([&](const RegionTree& tree) {
        RegionIdx idx = *tree.Find(centre.region);
        while (tree.region(idx).level > 1 && tree.parent(idx) != kNoRegion) idx = tree.parent(idx);
        return tree.region(idx).code;
      });
      auto [it, added] = outlook.try_emplace(province);
      if (added) {
        it->second = {static_cast<double>(UnderTreatment(province, report.as_of)),
                      ExpectedUnderTreatment(province, report.as_of, report.horizon_days)};
      }
      line.days_until_full = care::DaysUntilFull(centre.TotalBeds(), line.census->occupied,
                                                 it->second.first, it->second.second);
    }
    report.centres.push_back(std::move(line));
  }
  report.findings = care::CheckCensusDays(*centres, latest_days, {});
  return report;
}

Result<store::PlanRecord> CareService::Plan(const PlanRequest& request, const Actor& actor) {
  if (Status s = care::CheckPlannerOptions(request.options); !s.ok()) return s;
  if (request.horizon_days < 0 || request.horizon_days > analytics::kMaxForecastHorizonDays) {
    return Status::InvalidArgument(fmt::format("horizon_days: {} is not from 0 to {}",
                                               request.horizon_days,
                                               analytics::kMaxForecastHorizonDays));
  }
  const int deployment_days =
      request.deployment_days.value_or(request.horizon_days > 0 ? request.horizon_days : 14);
  if (deployment_days < 1 || deployment_days > 90) {
    return Status::InvalidArgument(
        fmt::format("deployment_days: {} is not from 1 to 90", deployment_days));
  }
  const std::string within_code =
      request.within.empty() ? surveillance_.WithTree([](const RegionTree& tree) {
        return tree.empty() ? std::string() : tree.region(tree.root()).code;
      })
                             : request.within;
  Result<RegionIdx> within = surveillance_.FindRegion(within_code);
  if (!within.ok()) return within.status();
  const Date as_of = request.as_of.value_or(surveillance_.LatestDay());
  const Date start = as_of + 1;
  const Date end = start + (deployment_days - 1);

  // The regions balanced: those of `level` under `within`, in tree order.
  report::PlanContext context;
  context.scope = within_code;
  context.as_of = as_of;
  context.start = start;
  context.end = end;
  context.horizon_days = request.horizon_days;
  context.options = request.options;
  context.travel_table = !request.travel.empty();
  care::PlannerInput input;
  input.options = request.options;
  std::vector<RegionIdx> members;
  surveillance_.WithTree([&](const RegionTree& tree) {
    context.level = request.level.value_or(tree.region(*within).level + 1);
    for (RegionIdx idx = 0; idx < tree.size(); ++idx) {
      const Region& region = tree.region(idx);
      if (region.level != context.level || !tree.IsInSubtree(*within, idx)) continue;
      members.push_back(idx);
      std::optional<care::Centroid> centroid;
      if (region.lat && region.lon) centroid = care::Centroid{*region.lat, *region.lon};
      input.regions.push_back({region.code, 0, centroid});
      context.regions.push_back({region.code, region.name, 0, 0, false});
    }
    return 0;
  });
  if (members.size() < 2) {
    return Status::InvalidArgument(
        fmt::format("{} has {} region(s) at level {} below it: nothing to balance", within_code,
                    members.size(), context.level));
  }
  std::map<std::string, std::vector<std::string>> flagged;  // why a forecast is not used -> regions
  std::vector<std::pair<std::string, analytics::ForecastSkill>> used;  // forecasts that drive it
  for (size_t idx = 0; idx < members.size(); ++idx) {
    report::PlanRegionFigures& figures = context.regions[idx];
    figures.patients_now = UnderTreatment(figures.code, as_of);
    std::string not_used;
    std::optional<analytics::ForecastSkill> skill;
    const std::vector<double> expected =
        ExpectedUnderTreatment(figures.code, as_of, request.horizon_days, &not_used, &skill);
    if (!expected.empty() && skill) used.emplace_back(figures.code, std::move(*skill));
    double peak = static_cast<double>(figures.patients_now);
    for (double value : expected) peak = std::max(peak, value);
    figures.forecast = !expected.empty();
    if (!not_used.empty()) {
      flagged[not_used].push_back(figures.code);
    } else if (request.horizon_days > 0 && expected.empty() && figures.patients_now > 0) {
      context.notes.push_back(
          fmt::format("{}: no forecast; the patients under treatment now are used", figures.code));
    }
    figures.patients_planned = static_cast<int64_t>(std::ceil(peak));
    input.regions[idx].patients = figures.patients_planned;
  }
  if (!used.empty()) {
    context.notes.push_back(
        fmt::format("The forecast ({}) drives the patients of {} region(s); its skill there lately "
                    "(backtested against the naive baselines): {}",
                    analytics::RtMethodName(analytics::RtMethod::kWindow), used.size(),
                    analytics::SkillOfRegions(used)));
  }
  for (const auto& [why, codes] : flagged) {
    context.notes.push_back(fmt::format(
        "WARNING: the forecast is not used for {} ({}): {}; the patients under treatment now are "
        "used instead",
        codes.size() == members.size() ? "any region" : fmt::format("{} region(s)", codes.size()),
        fmt::join(codes, ", "), why));
  }

  std::unique_lock lock(mutex_);
  auto counts = store_->LoadWorkforce();
  if (!counts.ok()) return counts.status();
  auto adopted = store_->LoadAdoptedDeployments();
  if (!adopted.ok()) return adopted.status();
  lock.unlock();
  surveillance_.WithTree([&](const RegionTree& tree) {
    std::unordered_map<RegionIdx, int> position;
    for (size_t idx = 0; idx < members.size(); ++idx)
      position[members[idx]] = static_cast<int>(idx);
    auto position_of = [&](const std::string& code) -> int {
      const std::optional<RegionIdx> idx = tree.Find(code);
      if (!idx) return -1;
      const std::optional<RegionIdx> at = AncestorAt(tree, *idx, context.level, *within);
      return at ? position[*at] : -1;
    };
    for (care::WorkerCategory category : care::AllCategories()) {
      care::CategoryWorkers workers{category, std::vector<int64_t>(members.size(), 0),
                                    std::vector<int64_t>(members.size(), 0),
                                    std::vector<int64_t>(members.size(), 0)};
      for (size_t idx = 0; idx < members.size(); ++idx) {
        workers.own[idx] = OwnOnDuty(tree, *counts, members[idx], category, as_of);
      }
      for (const store::DeploymentRecord& d : *adopted) {
        if (d.category != category || start < d.start || start > d.end) continue;
        const int from = position_of(d.from);
        const int to = position_of(d.to);
        if (from == to) continue;
        if (from >= 0) workers.away[from] += d.workers;
        if (to >= 0) workers.incoming[to] += d.workers;
      }
      bool any = false;
      for (size_t idx = 0; idx < members.size(); ++idx) {
        if (workers.away[idx] > workers.own[idx]) {
          context.notes.push_back(
              fmt::format("{} {}s: {} deployed away but only {} counted", context.regions[idx].code,
                          care::CategoryName(category), workers.away[idx], workers.own[idx]));
          workers.away[idx] = workers.own[idx];
        }
        any = any || workers.own[idx] > 0 || workers.incoming[idx] > 0;
      }
      if (any) input.categories.push_back(std::move(workers));
    }
    for (const care::TravelRow& row : request.travel) {
      const std::optional<RegionIdx> from = tree.Find(row.from);
      const std::optional<RegionIdx> to = tree.Find(row.to);
      if (from && to && position.contains(*from) && position.contains(*to)) {
        input.legs.push_back({position[*from], position[*to], row.hours});
      }
    }
    return 0;
  });
  if (input.categories.empty()) {
    return Status::InvalidArgument(fmt::format(
        "no workforce is counted under {} on or before {}: import it first (outbreak care "
        "workforce import)",
        within_code, as_of.ToString()));
  }
  auto result = care::PlanDeployments(input);
  if (!result.ok()) return result.status();

  store::PlanRecord record;
  record.as_of = as_of;
  record.scope = within_code;
  record.level = context.level;
  record.horizon_days = request.horizon_days;
  record.status = "proposed";
  for (const care::Deployment& d : result->deployments) {
    record.deployments.push_back({0, input.regions[d.from].code, input.regions[d.to].code,
                                  d.category, d.workers, start, end, d.travel_minutes / 60.0});
  }
  record.detail = boost::json::serialize(report::PlanDetailJson(context, *result));
  const store::WriteContext write = Context(actor);
  lock.lock();
  auto id = store_->SavePlan(record, write);
  if (!id.ok()) return id.status();
  record.id = *id;
  record.created_at = write.recorded_at;
  record.created_by = write.user;
  return record;
}

Result<std::vector<store::PlanRecord>> CareService::Plans() const {
  std::lock_guard lock(mutex_);
  return store_->ListPlans();
}

Result<store::PlanRecord> CareService::FindPlan(int64_t id) const {
  std::lock_guard lock(mutex_);
  auto plan = store_->FindPlan(id);
  if (!plan.ok()) return plan.status();
  if (!plan->has_value()) return Status::NotFound(fmt::format("plan {} does not exist", id));
  return std::move(**plan);
}

}  // namespace outbreak::app
