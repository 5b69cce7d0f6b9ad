#pragma once
// The deployment planner: moves workers between regions of one level so that patients per worker
// are balanced, category by category (categories are not interchangeable), within the limits:
// retention of a share of each region's own workers, a bound on travel time, no relays. Each
// category is solved by BalanceCategory (balance_flow.hpp, which states the model and the
// method): first the smallest worst load, then the least travel.
//
// Values in, values out; dates are the caller's (a plan's deployments all run over the same
// days).

#include <optional>
#include <string>
#include <vector>

#include "care/balance_flow.hpp"
#include "care/travel.hpp"
#include "care/workforce.hpp"
#include "core/status.hpp"

namespace outbreak::care {

struct PlanRegion {
  std::string code;
  int64_t patients = 0;  // the patients the workers must serve (docs/care.md says which)
  std::optional<Centroid> centroid;
};

// One category's workers, by region (the order of PlannerInput::regions).
struct CategoryWorkers {
  WorkerCategory category = WorkerCategory::kDoctor;
  std::vector<int64_t> own;       // the region's own workers on duty
  std::vector<int64_t> away;      // of those, deployed elsewhere by adopted plans
  std::vector<int64_t> incoming;  // other regions' workers deployed here by adopted plans
};

struct PlannerOptions {
  int min_retention_percent = 70;  // each region keeps at least this share of its own workers
  double max_travel_hours = 8;     // no deployment travels longer (0 < h <= 72)
  double road_speed_kmh = 40;      // assumed road speed between centroids (0 < v <= 200)
};

struct PlannerInput {
  std::vector<PlanRegion> regions;
  std::vector<CategoryWorkers> categories;
  std::vector<TravelLeg> legs;  // a distance table, when given: it overrides the centroids
  PlannerOptions options;
};

struct Deployment {
  int from = 0;  // region index
  int to = 0;
  WorkerCategory category = WorkerCategory::kDoctor;
  int64_t workers = 0;
  int travel_minutes = 0;  // one way, for one worker
};

struct CategoryBalance {
  WorkerCategory category = WorkerCategory::kDoctor;
  std::vector<int64_t> before;  // workers present, by region
  std::vector<int64_t> after;
  Load worst_before;
  Load worst_after;
  int worst_region_before = -1;  // the region with the worst load; -1 when no region has patients
  int worst_region_after = -1;
  int64_t travel_worker_minutes = 0;
  std::vector<int> uncovered;  // regions with patients that no worker can reach
  int flow_checks = 0;
};

struct PlannerResult {
  std::vector<CategoryBalance> categories;
  std::vector<Deployment> deployments;  // by category, then source, then destination
};

// Every problem with the options at once (kInvalidArgument), or OK.
Status CheckPlannerOptions(const PlannerOptions& options);

// kInvalidArgument for bad options, vectors of the wrong size, negative counts, or more workers
// away than a region has.
Result<PlannerResult> PlanDeployments(const PlannerInput& input);

}  // namespace outbreak::care
