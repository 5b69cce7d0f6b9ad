// Analytics at the scale of DESIGN.md: R_t for every region and day of a 3,000-unit ×
// 1,000-day synthetic country (target < 100 ms on one core), and a 28-day forecast for every
// region (no target; recorded).
//
//   outbreak_analytics_bench [--benchmark_filter=Rt]

#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "analytics/delay_fit.hpp"
#include "analytics/forecast.hpp"
#include "analytics/incidence.hpp"
#include "analytics/rt_estimator.hpp"
#include "analytics/serial_interval.hpp"
#include "bench/synthetic_country.hpp"

namespace outbreak::bench {
namespace {

// Every unit's series, held per unit (the layout the engines take).
struct Country {
  std::vector<analytics::OutcomeSeries> units;
};

const Country& TheCountry() {
  static const Country country = [] {
    CountryShape shape;
    std::mt19937_64 rng(1);
    const std::vector<Region> regions = GenerateRegions(shape, rng);
    ReportSeries series(shape, regions, rng);
    Country out;
    out.units.resize(series.units().size());
    for (auto& unit : out.units) unit.first_day = shape.first_day;
    std::vector<surveillance::ReportCounts> counts;
    while (!series.done()) {
      series.NextDay(counts);
      for (size_t unit_idx = 0; unit_idx < counts.size(); ++unit_idx) {
        analytics::OutcomeSeries& unit = out.units[unit_idx];
        unit.new_cases.push_back(counts[unit_idx].new_fever);
        unit.new_recovered.push_back(counts[unit_idx].new_recovered);
        unit.new_deaths.push_back(counts[unit_idx].new_deaths);
        unit.under_treatment.push_back(counts[unit_idx].under_treatment);
      }
    }
    return out;
  }();
  return country;
}

void BM_RtEveryRegionAndDay(benchmark::State& state) {
  const Country& country = TheCountry();
  const analytics::SerialInterval si = analytics::OmicronBa2SerialInterval();
  std::vector<analytics::IncidenceSeries> incidence;
  for (const auto& unit : country.units) {
    incidence.push_back(analytics::IncidenceFromCases(unit.first_day, unit.new_cases));
  }
  int64_t windows = 0;
  for (auto _ : state) {
    windows = 0;
    for (const auto& series : incidence) {
      auto posteriors = analytics::EstimateRt(series, si);
      windows += static_cast<int64_t>(posteriors->size());
      benchmark::DoNotOptimize(posteriors->back().shape);
    }
  }
  state.counters["regions"] = static_cast<double>(incidence.size());
  state.counters["windows"] = static_cast<double>(windows);
  state.SetItemsProcessed(state.iterations() * windows);
}
BENCHMARK(BM_RtEveryRegionAndDay)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_ForecastEveryRegion(benchmark::State& state) {
  const Country& country = TheCountry();
  const analytics::SerialInterval si = analytics::OmicronBa2SerialInterval();
  analytics::ForecastOptions options;
  options.horizon_days = 28;
  options.simulations = static_cast<int>(state.range(0));
  for (auto _ : state) {
    analytics::Rng rng(7);
    for (const auto& unit : country.units) {
      auto delays = analytics::FitOutcomeDelays(unit);
      if (!delays.ok()) continue;
      auto forecast = analytics::ForecastOutcomes(unit, si, *delays, options, rng);
      benchmark::DoNotOptimize(forecast.ok());
    }
  }
  state.counters["regions"] = static_cast<double>(country.units.size());
  state.counters["paths"] = static_cast<double>(options.simulations);
}
BENCHMARK(BM_ForecastEveryRegion)->Arg(100)->Arg(1000)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
}  // namespace outbreak::bench

BENCHMARK_MAIN();
