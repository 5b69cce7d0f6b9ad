#include "surveillance/situation_report.hpp"

#include <algorithm>

namespace outbreak::surveillance {

namespace {

ChangeFigures Change(const DayValues& now, const DayValues& then) {
  return {now.new_fever - then.new_fever, now.new_recovered - then.new_recovered,
          now.new_deaths - then.new_deaths, now.under_treatment - then.under_treatment};
}

}  // namespace

RegionSituation BuildRegionSituation(const EpidemicCube& cube, RegionIdx region, Date as_of) {
  RegionSituation out;
  out.region = region;
  const DayValues today = cube.At(region, as_of);
  const CumulativeValues cumulative = cube.CumulativeAt(region, as_of);
  out.new_cases = {today.new_fever, today.new_recovered, today.new_deaths};
  out.cumulative = {cumulative.fever, cumulative.recovered, cumulative.deaths};
  out.under_treatment = today.under_treatment;
  out.tested = today.tested;
  out.positive = today.positive;
  out.change_1d = Change(today, cube.At(region, as_of - 1));
  out.change_7d = Change(today, cube.At(region, as_of - 7));
  // The 7-day sums are differences of cumulative totals.
  const CumulativeValues week_before = cube.CumulativeAt(region, as_of - 7);
  out.avg_7d = {static_cast<double>(cumulative.fever - week_before.fever) / 7.0,
                static_cast<double>(cumulative.recovered - week_before.recovered) / 7.0,
                static_cast<double>(cumulative.deaths - week_before.deaths) / 7.0};
  const int64_t population = cube.tree().region(region).population;
  out.new_per_100k = population > 0 ? static_cast<double>(today.new_fever) * 1e5 / population : 0.0;
  out.completeness = {today.reporters, cube.tree().leaf_count(region)};
  return out;
}

SituationReport BuildSituationReport(const EpidemicCube& cube, RegionIdx region, Date as_of) {
  SituationReport report;
  report.as_of = as_of;
  report.region = BuildRegionSituation(cube, region, as_of);
  for (RegionIdx child : cube.tree().children(region)) {
    report.children.push_back(BuildRegionSituation(cube, child, as_of));
  }
  std::stable_sort(report.children.begin(), report.children.end(),
                   [](const RegionSituation& a, const RegionSituation& b) {
                     return a.new_cases.fever > b.new_cases.fever;
                   });
  return report;
}

}  // namespace outbreak::surveillance
