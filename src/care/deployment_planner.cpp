#include "care/deployment_planner.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

namespace outbreak::care {

namespace {

// The first region with the worst load; -1 when none has patients.
int WorstRegion(const std::vector<int64_t>& patients, const std::vector<int64_t>& workers) {
  int worst = -1;
  for (int idx = 0; idx < static_cast<int>(patients.size()); ++idx) {
    if (patients[idx] <= 0) continue;
    if (worst < 0 || Load{patients[idx], workers[idx]} > Load{patients[worst], workers[worst]}) {
      worst = idx;
    }
  }
  return worst;
}

Status CheckInput(const PlannerInput& input) {
  std::vector<std::string> errors;
  if (Status s = CheckPlannerOptions(input.options); !s.ok()) errors = s.details();
  const size_t regions = input.regions.size();
  for (const PlanRegion& region : input.regions) {
    if (region.patients < 0) {
      errors.push_back(
          fmt::format("region {}: patients {} is negative", region.code, region.patients));
    }
  }
  for (const CategoryWorkers& workers : input.categories) {
    const std::string_view name = CategoryName(workers.category);
    if (workers.own.size() != regions || workers.away.size() != regions ||
        workers.incoming.size() != regions) {
      errors.push_back(
          fmt::format("{}: workers are not given for each of the {} regions", name, regions));
      continue;
    }
    for (size_t idx = 0; idx < regions; ++idx) {
      if (workers.own[idx] < 0 || workers.away[idx] < 0 || workers.incoming[idx] < 0) {
        errors.push_back(
            fmt::format("{} in {}: a count is negative", name, input.regions[idx].code));
      } else if (workers.away[idx] > workers.own[idx]) {
        errors.push_back(fmt::format("{} in {}: {} deployed away of {} own workers", name,
                                     input.regions[idx].code, workers.away[idx], workers.own[idx]));
      }
    }
  }
  for (const TravelLeg& leg : input.legs) {
    if (leg.from < 0 || leg.to < 0 || leg.from >= static_cast<int>(regions) ||
        leg.to >= static_cast<int>(regions) || !(leg.hours > 0)) {
      errors.push_back(fmt::format("travel leg {} to {}: not two planned regions with hours > 0",
                                   leg.from, leg.to));
    }
  }
  if (errors.empty()) return Status::Ok();
  std::string message = fmt::format("planner input: {} error(s)", errors.size());
  return Status::InvalidArgument(std::move(message), std::move(errors));
}

}  // namespace

Status CheckPlannerOptions(const PlannerOptions& options) {
  std::vector<std::string> errors;
  if (options.min_retention_percent < 0 || options.min_retention_percent > 100) {
    errors.push_back(fmt::format("min_retention_percent: {} is not from 0 to 100",
                                 options.min_retention_percent));
  }
  if (!(options.max_travel_hours > 0 && options.max_travel_hours <= 72)) {
    errors.push_back(fmt::format("max_travel_hours: {} is not above 0 and at most 72",
                                 options.max_travel_hours));
  }
  if (!(options.road_speed_kmh > 0 && options.road_speed_kmh <= 200)) {
    errors.push_back(
        fmt::format("road_speed_kmh: {} is not above 0 and at most 200", options.road_speed_kmh));
  }
  if (errors.empty()) return Status::Ok();
  std::string message = fmt::format("planner options: {} error(s)", errors.size());
  return Status::InvalidArgument(std::move(message), std::move(errors));
}

Result<PlannerResult> PlanDeployments(const PlannerInput& input) {
  if (Status s = CheckInput(input); !s.ok()) return s;
  std::vector<std::optional<Centroid>> centroids;
  std::vector<int64_t> patients;
  for (const PlanRegion& region : input.regions) {
    centroids.push_back(region.centroid);
    patients.push_back(region.patients);
  }
  const std::vector<std::vector<Reach>> reach = ReachableWithin(
      centroids, input.legs, input.options.max_travel_hours, input.options.road_speed_kmh);
  PlannerResult result;
  for (const CategoryWorkers& workers : input.categories) {
    CategoryProblem problem{
        patients, workers.own, workers.away, workers.incoming, input.options.min_retention_percent,
        &reach};
    CategorySolution solution = BalanceCategory(problem);
    CategoryBalance balance;
    balance.category = workers.category;
    balance.worst_before = solution.worst_before;
    balance.worst_after = solution.worst_after;
    balance.worst_region_before = WorstRegion(patients, solution.before);
    balance.worst_region_after = WorstRegion(patients, solution.after);
    balance.before = std::move(solution.before);
    balance.after = std::move(solution.after);
    balance.travel_worker_minutes = solution.travel_worker_minutes;
    balance.uncovered = std::move(solution.uncovered);
    balance.flow_checks = solution.flow_checks;
    for (const Transfer& transfer : solution.transfers) {
      result.deployments.push_back(
          {transfer.from, transfer.to, workers.category, transfer.workers, transfer.minutes});
    }
    result.categories.push_back(std::move(balance));
  }
  std::stable_sort(result.deployments.begin(), result.deployments.end(),
                   [](const Deployment& a, const Deployment& b) {
                     return std::tie(a.category, a.from, a.to) < std::tie(b.category, b.from, b.to);
                   });
  return result;
}

}  // namespace outbreak::care
