// The deployment planner at the scale of the issue: 3,000 regions × 8 worker categories, the
// units of the synthetic country (bench/synthetic_country.hpp) with their centroids and
// populations. Patients and workers are drawn from the population with a log-normal spread per
// region (seeded), so that loads differ by a factor of ten or so, as they did between counties in
// 2022. No target in DESIGN.md; the figure is recorded in bench/README.md.
//
//   outbreak_care_bench [--benchmark_filter=Plan]

#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <vector>

#include "bench/synthetic_country.hpp"
#include "care/deployment_planner.hpp"

namespace outbreak::bench {
namespace {

// Workers per 10,000 people by category, the demo's (docs/care.md), and patients per person.
constexpr double kWorkersPer10k[8] = {20, 12, 35, 4, 4, 8, 3, 3};
constexpr double kPatientsPerPerson = 0.02;

care::PlannerInput Problem(int regions, double max_travel_hours) {
  CountryShape shape;
  shape.units = regions;
  std::mt19937_64 rng(1);
  const std::vector<Region> all = GenerateRegions(shape, rng);
  std::lognormal_distribution<double> spread(0, 0.5);
  care::PlannerInput input;
  input.options.max_travel_hours = max_travel_hours;
  std::vector<const Region*> units;
  for (const Region& region : all) {
    if (region.level == 2) units.push_back(&region);
  }
  for (const Region* unit : units) {
    const double patients = unit->population * kPatientsPerPerson * spread(rng);
    input.regions.push_back({unit->code, std::llround(patients),
                             care::Centroid{unit->lat.value_or(0), unit->lon.value_or(0)}});
  }
  for (size_t category_idx = 0; category_idx < care::AllCategories().size(); ++category_idx) {
    care::CategoryWorkers workers{care::AllCategories()[category_idx], {}, {}, {}};
    for (const Region* unit : units) {
      const double own = unit->population * kWorkersPer10k[category_idx] / 10'000 * spread(rng);
      workers.own.push_back(std::max<int64_t>(1, std::llround(own)));
      workers.away.push_back(0);
      workers.incoming.push_back(0);
    }
    input.categories.push_back(std::move(workers));
  }
  return input;
}

void BM_PlanDeployments(benchmark::State& state) {
  const care::PlannerInput input =
      Problem(static_cast<int>(state.range(0)), static_cast<double>(state.range(1)));
  int64_t moves = 0;
  int flow_checks = 0;
  double worst_before = 0;
  double worst_after = 0;
  for (auto _ : state) {
    Result<care::PlannerResult> plan = care::PlanDeployments(input);
    if (!plan.ok()) {
      state.SkipWithError(plan.status().ToString().c_str());
      return;
    }
    moves = static_cast<int64_t>(plan->deployments.size());
    flow_checks = 0;
    worst_before = worst_after = 0;
    for (const care::CategoryBalance& balance : plan->categories) {
      flow_checks += balance.flow_checks;
      worst_before = std::max(worst_before, balance.worst_before.PerWorker());
      worst_after = std::max(worst_after, balance.worst_after.PerWorker());
    }
  }
  state.counters["regions"] = static_cast<double>(input.regions.size());
  state.counters["deployments"] = static_cast<double>(moves);
  state.counters["max_flows"] = flow_checks;
  state.counters["worst_before"] = worst_before;
  state.counters["worst_after"] = worst_after;
}
// {regions, max travel hours}
BENCHMARK(BM_PlanDeployments)
    ->Args({3000, 2})
    ->Args({3000, 4})
    ->Args({300, 4})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace outbreak::bench

BENCHMARK_MAIN();
