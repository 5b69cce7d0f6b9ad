#include "surveillance/situation_report.hpp"

#include <algorithm>

namespace outbreak::surveillance {

namespace {

// The change from `then`, when both days have reports in the region.
std::optional<ChangeFigures> Change(const DayValues& now, const DayValues& then) {
  if (now.reporters == 0 || then.reporters == 0) return std::nullopt;
  return ChangeFigures{now.new_fever - then.new_fever, now.new_recovered - then.new_recovered,
                       now.new_deaths - then.new_deaths,
                       now.under_treatment - then.under_treatment};
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
  // Over the days of the week that have reports: four days of cases are not spread over seven.
  int64_t fever = 0, recovered = 0, deaths = 0;
  for (int back = 0; back < 7; ++back) {
    const DayValues day = back == 0 ? today : cube.At(region, as_of - back);
    if (day.reporters == 0) continue;
    ++out.avg_days;
    fever += day.new_fever;
    recovered += day.new_recovered;
    deaths += day.new_deaths;
  }
  if (out.avg_days > 0) {
    const double days = out.avg_days;
    out.avg_7d = {static_cast<double>(fever) / days, static_cast<double>(recovered) / days,
                  static_cast<double>(deaths) / days};
  }
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

Date DefaultReportDay(const EpidemicCube& cube, Date latest) {
  if (cube.empty() || cube.tree().empty()) return latest;
  const RegionIdx root = cube.tree().root();
  const int units = cube.tree().leaf_count(root);
  for (Date day = latest; day >= latest - kCompleteDayLookback && day >= cube.first_day();
       day = day - 1) {
    if (units > 0 && cube.At(root, day).reporters >= units) return day;
  }
  return latest;
}

}  // namespace outbreak::surveillance
