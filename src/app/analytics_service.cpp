#include "app/analytics_service.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace outbreak::app {

namespace {

analytics::IncidenceSeries Incidence(const analytics::OutcomeSeries& series) {
  return analytics::IncidenceFromCases(series.first_day, series.new_cases);
}

// Two weeks when there are, else a single week: a young outbreak still gets a trend.
constexpr int kGrowthWindowDays = 14;
constexpr int kShortestGrowthWindowDays = 7;

Result<analytics::GrowthEstimate> Growth(const std::vector<int64_t>& cases) {
  const int days = static_cast<int>(cases.size());
  if (days < kShortestGrowthWindowDays) {
    return Status::InvalidArgument("fewer than 7 days of data");
  }
  analytics::GrowthOptions options;
  options.window_days = std::min(kGrowthWindowDays, days);
  return analytics::EstimateGrowth(cases, options);
}

}  // namespace

std::string UnitPlural(int level) {
  switch (level) {
    case 1:
      return "provinces";
    case 2:
      return "cities and counties";
    case 3:
      return "districts";
    default:
      return "regions";
  }
}

AnalyticsService::AnalyticsService(const SurveillanceService& surveillance,
                                   AnalyticsOptions options)
    : surveillance_(surveillance), options_(std::move(options)) {}

Result<analytics::OutcomeSeries> AnalyticsService::Outcomes(RegionIdx region,
                                                            std::optional<Date> to) const {
  const std::string code = surveillance_.tree().region(region).code;
  auto series = surveillance_.Series(code, std::nullopt, to);
  if (!series.ok()) return series.status();
  if (series->empty()) {
    return Status::NotFound(fmt::format("region \"{}\" has no reports yet", code));
  }
  analytics::OutcomeSeries out;
  out.first_day = series->front().date;
  for (const surveillance::SeriesPoint& point : *series) {
    out.new_cases.push_back(point.day.new_fever);
    out.new_recovered.push_back(point.day.new_recovered);
    out.new_deaths.push_back(point.day.new_deaths);
    out.under_treatment.push_back(point.day.under_treatment);
  }
  return out;
}

Result<RtReport> AnalyticsService::Rt(std::string_view region, const RtRequest& request) const {
  Result<RegionIdx> idx = surveillance_.FindRegion(region);
  if (!idx.ok()) return idx.status();
  auto series = Outcomes(*idx, std::nullopt);
  if (!series.ok()) return series.status();
  const analytics::SerialInterval& si =
      request.serial_interval ? *request.serial_interval : options_.serial_interval;
  analytics::RtOptions rt_options;
  rt_options.window_days = request.window_days.value_or(options_.rt_window_days);
  auto posteriors = analytics::EstimateRt(Incidence(*series), si, rt_options);
  if (!posteriors.ok()) return posteriors.status();
  RtReport report;
  report.region = *idx;
  report.serial_interval = si.description;
  report.serial_interval_mean_days = si.MeanDays();
  report.first_day = series->first_day;
  for (const analytics::RtPosterior& posterior : *posteriors) {
    const Date end = series->first_day + posterior.window.end_day_idx;
    if ((request.from && end < *request.from) || (request.to && end > *request.to)) continue;
    report.estimates.push_back(analytics::Summarise(posterior));
  }
  return report;
}

Result<RtDailyReport> AnalyticsService::RtDaily(std::string_view region,
                                                const RtRequest& request) const {
  Result<RegionIdx> idx = surveillance_.FindRegion(region);
  if (!idx.ok()) return idx.status();
  auto series = Outcomes(*idx, std::nullopt);
  if (!series.ok()) return series.status();
  const analytics::SerialInterval& si =
      request.serial_interval ? *request.serial_interval : options_.serial_interval;
  auto result = analytics::FilterRt(Incidence(*series), si);
  if (!result.ok()) return result.status();
  return RtDailyReport{*idx, si.description, series->first_day, std::move(*result)};
}

Result<ForecastReport> AnalyticsService::Forecast(std::string_view region,
                                                  std::optional<Date> as_of, int horizon_days,
                                                  analytics::RtMethod method) const {
  Result<RegionIdx> idx = surveillance_.FindRegion(region);
  if (!idx.ok()) return idx.status();
  const Date origin = as_of.value_or(surveillance_.LatestDay());
  auto series = Outcomes(*idx, origin);
  if (!series.ok()) return series.status();
  analytics::ForecastOptions forecast_options;
  if (Status enough =
          analytics::CheckForecastable(series->days(), options_.serial_interval, forecast_options);
      !enough.ok()) {
    return Status::InvalidArgument(
        fmt::format("no forecast from the data of {}: {}", origin.ToString(), enough.message()));
  }
  auto delays = analytics::FitOutcomeDelays(*series);
  if (!delays.ok()) return delays.status();
  forecast_options.horizon_days = horizon_days;
  forecast_options.rt_method = method;
  forecast_options.simulations = options_.simulations;
  forecast_options.rt_window_days = options_.rt_window_days;
  forecast_options.population = surveillance_.tree().region(*idx).population;
  analytics::Rng rng(options_.seed ^ static_cast<uint64_t>(origin.days_since_epoch()));
  auto forecast = analytics::ForecastOutcomes(*series, options_.serial_interval, *delays,
                                              forecast_options, rng);
  if (!forecast.ok()) return forecast.status();
  // The method's recent skill in this region travels with the forecast; a forecast that lately
  // did worse than a naive rule is flagged, and plans then use the recent trend.
  analytics::SkillOptions skill_options;
  skill_options.seed = options_.seed;
  auto skill = analytics::AssessForecastSkill(Incidence(*series), options_.serial_interval,
                                              forecast_options, horizon_days, skill_options);
  if (!skill.ok()) return skill.status();
  if (forecast->warning.empty() && skill->state != analytics::SkillState::kReliable) {
    forecast->warning = skill->reason;
  }
  forecast->skill = std::move(*skill);
  return ForecastReport{*idx, origin, options_.serial_interval.description, std::move(*forecast)};
}

Result<BacktestReport> AnalyticsService::Backtest(std::string_view region, Date from, Date to,
                                                  const std::vector<int>& horizons,
                                                  analytics::RtMethod method) const {
  Result<RegionIdx> idx = surveillance_.FindRegion(region);
  if (!idx.ok()) return idx.status();
  if (to < from) {
    return Status::InvalidArgument(
        fmt::format("to {} is before from {}", to.ToString(), from.ToString()));
  }
  auto series = Outcomes(*idx, std::nullopt);
  if (!series.ok()) return series.status();
  std::vector<Date> origins;
  for (Date day = from; day <= to; day = day + 1) origins.push_back(day);
  analytics::BacktestOptions options;
  options.horizons_days = horizons;
  options.forecast.simulations = options_.simulations;
  options.forecast.rt_window_days = options_.rt_window_days;
  options.forecast.rt_method = method;
  options.seed = options_.seed;
  auto result = analytics::Backtest(Incidence(*series), options_.serial_interval, origins, options);
  if (!result.ok()) return result.status();
  return BacktestReport{*idx, from, to, std::move(*result)};
}

Result<analytics::TrendReport> AnalyticsService::Trends(std::string_view region, Date as_of) const {
  Result<RegionIdx> idx = surveillance_.FindRegion(region);
  if (!idx.ok()) return idx.status();
  analytics::TrendReport report;
  const RegionTree& tree = surveillance_.tree();
  auto own = Outcomes(*idx, as_of);
  if (!own.ok()) return report;  // nothing reported yet: nothing to say
  // After a week without a case a growth rate says nothing a reader can use (the fit only
  // measures how fast the last cases fell away), so none is given.
  const auto& cases = own->new_cases;
  const bool quiet_week = cases.size() >= 7 && std::all_of(cases.end() - 7, cases.end(),
                                                           [](int64_t n) { return n == 0; });
  if (auto growth = Growth(cases); growth.ok() && !quiet_week) {
    report.region_growth = *growth;
  }
  std::vector<analytics::RegionTrend> trends;
  std::vector<analytics::RegionIncidence> incidences;
  int child_level = 0;
  for (RegionIdx child : tree.children(*idx)) {
    auto series = Outcomes(child, as_of);
    analytics::RegionGrowth entry{child, std::nullopt};
    if (series.ok()) {
      if (auto growth = Growth(series->new_cases); growth.ok()) {
        entry.growth = *growth;
        trends.push_back({tree.region(child).name, growth->trend});
      }
      incidences.push_back({tree.region(child).code, tree.region(child).name, Incidence(*series)});
    }
    child_level = tree.region(child).level;
    report.children.push_back(entry);
  }
  if (!trends.empty())
    report.statement = analytics::TrendStatement(trends, UnitPlural(child_level));
  analytics::AlertOptions alert_options;
  alert_options.rt_window_days = options_.rt_window_days;
  if (auto alerts = analytics::FindAlerts(incidences, options_.serial_interval, alert_options);
      alerts.ok()) {
    report.alerts = std::move(*alerts);
  }
  return report;
}

}  // namespace outbreak::app
