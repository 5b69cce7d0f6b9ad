// The distribution plan at DESIGN.md's scale: 3,000 nodes × 50 medicines × 14 days, target < 1 s.
// A generated network (seeded): 1 central base, 3 factories, 12 provincial centres, county bases
// and pharmacies under them, lateral links between neighbouring county bases. Every pharmacy
// consumes every medicine every day; 5 medicines are in national shortage (80% of need).
//
//   free    no shared capacity binds: network simplex per medicine.
//   shared  three medicines must come from the central base to province 7 over one link whose
//           daily capacity is too small for the three together: the coupled LP (CLP) decides
//           their shares, then each is planned on its share.
// The figures are recorded in bench/README.md ("Supply distribution plan").
//
//   outbreak_supply_bench [--benchmark_filter=free]

#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "supply/distribution_planner.hpp"

namespace outbreak::bench {
namespace {

using supply::DistributionProblem;
using supply::NodeKind;

constexpr int kProvinces = 12;
constexpr int kFactories = 3;
constexpr int kShortMedicines = 5;
constexpr int kSharedProvince = 7;
constexpr int kSharedMedicines = 3;

DistributionProblem Problem(int nodes, int medicines, int days, bool shared) {
  std::mt19937_64 rng(1);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  DistributionProblem p;
  p.horizon_days = days;
  p.nodes.push_back({"CB", NodeKind::kCentralBase, 0});
  for (int f = 0; f < kFactories; ++f)
    p.nodes.push_back({"F" + std::to_string(f), NodeKind::kFactory, 0});
  const int first_centre = static_cast<int>(p.nodes.size());
  for (int c = 0; c < kProvinces; ++c) {
    p.nodes.push_back({"PC-" + std::to_string(c), NodeKind::kProvincialCentre, 0});
  }
  for (int f = 1; f <= kFactories; ++f) p.links.push_back({f, 0, 1, 0, 12});
  for (int c = 0; c < kProvinces; ++c)
    p.links.push_back({0, first_centre + c, 1, 0, uniform(4, 12)});
  // County bases (a third of the rest) and their pharmacies, province by province.
  const int rest = nodes - static_cast<int>(p.nodes.size());
  const int counties = rest / 3;
  std::vector<int> county_node;
  for (int k = 0; k < counties; ++k) {
    const int province = k * kProvinces / counties;
    const int node = static_cast<int>(p.nodes.size());
    p.nodes.push_back({"CO-" + std::to_string(k), NodeKind::kCountyBase, 0});
    p.links.push_back({first_centre + province, node, 1, 0, uniform(1, 6)});
    if (!county_node.empty() && (k - 1) * kProvinces / counties == province) {
      p.links.push_back({county_node.back(), node, 1, 0, uniform(1, 3)});  // lateral
      p.links.push_back({node, county_node.back(), 1, 0, uniform(1, 3)});
    }
    county_node.push_back(node);
  }
  std::vector<int> pharmacies;
  for (int k = 0; static_cast<int>(p.nodes.size()) < nodes; ++k) {
    const int node = static_cast<int>(p.nodes.size());
    p.nodes.push_back({"PH-" + std::to_string(k), NodeKind::kPharmacy, 0});
    p.links.push_back({county_node[k % counties], node, 0, 0, 1});
    pharmacies.push_back(node);
  }
  for (int m = 0; m < medicines; ++m) {
    p.medicines.push_back({"MED-" + std::to_string(m), m < 30});
    int64_t need = 0;
    for (int node : pharmacies) {
      for (int d = 0; d < days; ++d) {
        const int64_t q = uniform(0, 6);
        if (q == 0) continue;
        p.demand.push_back({node, m, d, q});
        need += q;
      }
    }
    const bool short_medicine = m < kShortMedicines;
    const int64_t supply = short_medicine ? need * 8 / 10 : need * 13 / 10;
    const bool from_centre_only =
        shared && m >= kShortMedicines && m < kShortMedicines + kSharedMedicines;
    if (shared && !from_centre_only) {
      // Stock already at the province's centre for its own need in province 7, the rest central.
      const int64_t local = supply / kProvinces;
      p.supply.push_back({first_centre + kSharedProvince, m, 0, local});
      p.supply.push_back({0, m, 0, supply - local - supply / 10});
    } else {
      p.supply.push_back({0, m, 0, supply - supply / 10});
    }
    p.supply.push_back({1 + m % kFactories, m, 2, supply / 10});  // production on day 2
    p.reserve_floors.push_back({0, m, supply / 20});
    for (int c = 0; c < kProvinces; ++c)
      p.cover_targets.push_back({first_centre + c, m, need / 200});
  }
  if (shared) {
    // The central base → province 7 link carries only these medicines, and too few of them.
    for (supply::PlanLink& link : p.links) {
      if (link.from == 0 && link.to == first_centre + kSharedProvince) {
        link.daily_capacity_units = 1200;
      }
    }
  }
  return p;
}

void BM_PlanDistribution(benchmark::State& state) {
  const DistributionProblem problem = Problem(
      static_cast<int>(state.range(0)), static_cast<int>(state.range(1)), 14, state.range(2) != 0);
  supply::DistributionPlan last;
  for (auto _ : state) {
    Result<supply::DistributionPlan> plan = supply::PlanDistribution(problem);
    if (!plan.ok()) {
      state.SkipWithError(plan.status().ToString().c_str());
      return;
    }
    last = std::move(*plan);
  }
  double worst_lambda = 1;
  int64_t unmet = 0;
  for (const auto& m : last.medicines) worst_lambda = std::min(worst_lambda, m.lambda);
  for (const auto& o : last.outcomes) unmet += o.unmet;
  state.counters["nodes"] = static_cast<double>(problem.nodes.size());
  state.counters["links"] = static_cast<double>(problem.links.size());
  state.counters["demand_rows"] = static_cast<double>(problem.demand.size());
  state.counters["shipments"] = static_cast<double>(last.shipments.size());
  state.counters["max_flows"] = last.max_flows;
  state.counters["lp_columns"] = last.lp_columns;
  state.counters["worst_lambda"] = worst_lambda;
  state.counters["unmet_units"] = static_cast<double>(unmet);
  state.SetLabel(std::string(supply::PlanMethodName(last.method)));
}

// nodes, medicines, shared (0/1)
BENCHMARK(BM_PlanDistribution)
    ->Name("PlanDistribution/free")
    ->Args({3000, 50, 0})
    ->Args({300, 50, 0})
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()  // the planner solves medicines on several threads
    ->Iterations(1);
BENCHMARK(BM_PlanDistribution)
    ->Name("PlanDistribution/shared")
    ->Args({3000, 50, 1})
    ->Args({1000, 50, 1})
    ->Args({300, 50, 1})
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()  // the planner solves medicines on several threads
    ->Iterations(1);

}  // namespace
}  // namespace outbreak::bench

BENCHMARK_MAIN();
