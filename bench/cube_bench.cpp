// outbreak_cube_bench: Google Benchmark of the surveillance core on a synthetic country (by
// default 3,000 units × 1,000 days, as in DESIGN.md's performance targets): applying reports to
// the epidemic cube, the situation report and its JSON, freshness after a correction, parsing the
// reports CSV, and validating a province's stored reports.
//
// Usage: outbreak_cube_bench [--units N] [--days N] [--seed N] [--benchmark_* flags]

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <CLI/CLI.hpp>

#include "bench/synthetic_country.hpp"
#include "core/region_tree.hpp"
#include "report/sitrep_render.hpp"
#include "report/tables.hpp"
#include "surveillance/epidemic_cube.hpp"
#include "surveillance/report_csv.hpp"
#include "surveillance/report_validator.hpp"
#include "surveillance/situation_report.hpp"

namespace outbreak::bench {

namespace {

using surveillance::DailyReport;
using surveillance::EpidemicCube;

// The country every benchmark reads, built once. Not movable: the cube refers to the tree.
struct Country {
  Country() = default;
  Country(const Country&) = delete;
  Country& operator=(const Country&) = delete;

  RegionTree tree;
  std::vector<DailyReport> reports;    // by date then unit, as reports.csv has them
  std::string reports_csv;             // the same reports as reports.csv text
  std::unique_ptr<EpidemicCube> cube;  // every report applied
  Date mid_day;                        // the "as of" of the situation reports
  RegionIdx province = kNoRegion;      // XX-01
};

// Fills `country` from the generator of outbreak_generate_country, so that these figures and the
// import script's are about the same data.
void BuildCountry(const CountryShape& shape, uint64_t seed, Country& country) {
  std::mt19937_64 rng(seed);
  std::vector<Region> regions = GenerateRegions(shape, rng);
  ReportSeries series(shape, regions, rng);
  Result<RegionTree> tree = RegionTree::Build(std::move(regions), "synthetic country");
  if (!tree.ok()) throw std::runtime_error(tree.status().ToString());
  country.tree = std::move(*tree);

  std::vector<RegionIdx> unit_regions;
  for (const std::string& code : series.units()) unit_regions.push_back(*country.tree.Find(code));
  country.reports.reserve(static_cast<size_t>(shape.units) * shape.days);
  country.reports_csv.append(ReportsCsvHeader());
  std::vector<surveillance::ReportCounts> counts;
  while (!series.done()) {
    const Date day = series.day();
    const std::string date = day.ToString();
    series.NextDay(counts);
    for (size_t unit_idx = 0; unit_idx < counts.size(); ++unit_idx) {
      country.reports.push_back({unit_regions[unit_idx], day, counts[unit_idx]});
      AppendReportsCsvRow(country.reports_csv, series.units()[unit_idx], date, counts[unit_idx]);
    }
  }
  country.cube = std::make_unique<EpidemicCube>(country.tree);
  country.cube->Apply(country.reports);
  country.mid_day = shape.first_day + shape.days / 2;
  country.province = country.tree.children(country.tree.root()).front();
}

// All reports into an empty cube: the cube's part of a full import, and of a start-up.
void CubeApply(benchmark::State& state, const Country& country) {
  for (auto _ : state) {
    EpidemicCube cube(country.tree);
    cube.Apply(country.reports);
    benchmark::DoNotOptimize(cube.last_day());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(country.reports.size()));
}

// Parse and apply: the import into the cube, without the store.
void ParseAndApply(benchmark::State& state, const Country& country) {
  for (auto _ : state) {
    Result<surveillance::ParsedReports> parsed =
        surveillance::ParseReportsCsv(country.reports_csv, "reports.csv", country.tree);
    if (!parsed.ok()) {
      state.SkipWithError(parsed.status().message().c_str());
      break;
    }
    EpidemicCube cube(country.tree);
    cube.Apply(parsed->reports);
    benchmark::DoNotOptimize(cube.last_day());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(country.reports.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(country.reports_csv.size()));
}

void ParseCsv(benchmark::State& state, const Country& country) {
  for (auto _ : state) {
    Result<surveillance::ParsedReports> parsed =
        surveillance::ParseReportsCsv(country.reports_csv, "reports.csv", country.tree);
    if (!parsed.ok()) {
      state.SkipWithError(parsed.status().message().c_str());
      break;
    }
    benchmark::DoNotOptimize(parsed->reports.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(country.reports.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(country.reports_csv.size()));
}

void Sitrep(benchmark::State& state, const Country& country, RegionIdx region) {
  for (auto _ : state) {
    surveillance::SituationReport report =
        surveillance::BuildSituationReport(*country.cube, region, country.mid_day);
    benchmark::DoNotOptimize(report.children.data());
  }
  state.counters["children"] = static_cast<double>(country.tree.children(region).size());
}

// The JSON body of GET /api/v1/sitrep: the tree walk into JSON values and their serialisation.
void SitrepJson(benchmark::State& state, const Country& country, RegionIdx region) {
  const surveillance::SituationReport report =
      surveillance::BuildSituationReport(*country.cube, region, country.mid_day);
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string text = report::JsonText(report::SitrepJson(report, country.tree));
    bytes = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.counters["json_bytes"] = static_cast<double>(bytes);
}

// Freshness after a write: one unit's report of `day_idx` corrected, then the nation's report.
// The correction toggles one more fever case (and one more under treatment) on and off, so the
// cube is as it was after an even number of iterations; it is put back at the end either way.
void CorrectionThenSitrep(benchmark::State& state, Country& country, int32_t day_idx) {
  const RegionIdx unit = country.tree.LeavesUnder(country.province).front();
  const Date day = country.cube->first_day() + day_idx;
  const DailyReport original{unit, day, *country.cube->ReportOf(unit, day)};
  DailyReport corrected = original;
  corrected.counts.new_fever += 1;
  corrected.counts.under_treatment += 1;
  bool toggled = false;
  for (auto _ : state) {
    toggled = !toggled;
    const DailyReport& write = toggled ? corrected : original;
    country.cube->Apply({&write, 1});
    surveillance::SituationReport report =
        surveillance::BuildSituationReport(*country.cube, country.tree.root(), country.mid_day);
    benchmark::DoNotOptimize(report.children.data());
  }
  country.cube->Apply({&original, 1});
  state.counters["days_after"] = country.cube->last_day() - day;
}

void ValidateProvince(benchmark::State& state, const Country& country) {
  const Date today = country.cube->last_day() + 1;
  size_t findings = 0;
  for (auto _ : state) {
    const std::vector<surveillance::Finding> found =
        surveillance::ValidateStored(*country.cube, country.province, today);
    findings = found.size();
    benchmark::DoNotOptimize(found.data());
  }
  const int64_t reports = static_cast<int64_t>(country.tree.leaf_count(country.province)) *
                          (country.cube->last_day() - country.cube->first_day() + 1);
  state.SetItemsProcessed(state.iterations() * reports);
  state.counters["findings"] = static_cast<double>(findings);
}

void RegisterAll(Country& country) {
  const RegionIdx nation = country.tree.root();
  const int32_t last_day_idx = country.cube->last_day() - country.cube->first_day();
  benchmark::RegisterBenchmark("CubeApply/all_reports", CubeApply, std::cref(country))
      ->Unit(benchmark::kMillisecond)
      ->MinTime(2);
  benchmark::RegisterBenchmark("ImportIntoCube/parse_and_apply", ParseAndApply, std::cref(country))
      ->Unit(benchmark::kMillisecond)
      ->MinTime(2);
  benchmark::RegisterBenchmark("ParseReportsCsv", ParseCsv, std::cref(country))
      ->Unit(benchmark::kMillisecond)
      ->MinTime(2);
  benchmark::RegisterBenchmark("Sitrep/nation", Sitrep, std::cref(country), nation)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("Sitrep/province", Sitrep, std::cref(country), country.province)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("SitrepJson/nation", SitrepJson, std::cref(country), nation)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("SitrepJson/province", SitrepJson, std::cref(country),
                               country.province)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("CorrectionThenSitrep/first_day", CorrectionThenSitrep,
                               std::ref(country), 0)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("CorrectionThenSitrep/mid_day", CorrectionThenSitrep,
                               std::ref(country), last_day_idx / 2)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("CorrectionThenSitrep/last_day", CorrectionThenSitrep,
                               std::ref(country), last_day_idx)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("ValidateStored/province", ValidateProvince, std::cref(country))
      ->Unit(benchmark::kMillisecond);
}

void PrintHelp() {
  std::printf(
      "outbreak_cube_bench [--units N] [--days N] [--seed N] [benchmark flags]\n"
      "  --units N   reporting units of the synthetic country (default 3000)\n"
      "  --days N    days of reports from 2020-01-01 (default 1000)\n"
      "  --seed N    seed of the random source (default 1; as outbreak_generate_country)\n"
      "Google Benchmark flags, e.g. --benchmark_filter=Sitrep "
      "--benchmark_out=FILE --benchmark_out_format=json\n");
}

}  // namespace

}  // namespace outbreak::bench

int main(int argc, char** argv) {
  namespace bench = outbreak::bench;
  benchmark::Initialize(&argc, argv, bench::PrintHelp);
  CLI::App app{"Benchmarks of the surveillance core on a synthetic country"};
  bench::CountryShape shape;
  uint64_t seed = 1;
  app.add_option("--units", shape.units, "Reporting units")->check(CLI::Range(1, 1'000'000));
  app.add_option("--days", shape.days, "Days of reports")->check(CLI::Range(2, 36'500));
  app.add_option("--seed", seed, "Seed of the random source");
  CLI11_PARSE(app, argc, argv);

  bench::Country country;
  bench::BuildCountry(shape, seed, country);
  std::fprintf(stderr, "country: %d regions, %zu reports, %.1f MB of CSV, as of %s\n",
               country.tree.size(), country.reports.size(), country.reports_csv.size() / 1e6,
               country.mid_day.ToString().c_str());
  bench::RegisterAll(country);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
