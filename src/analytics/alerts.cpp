#include "analytics/alerts.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace outbreak::analytics {

namespace {

constexpr double kUpperLevel = 0.975;

}  // namespace

const char* AlertKindName(AlertKind kind) {
  switch (kind) {
    case AlertKind::kRtUpperBoundCrossedOne:
      return "rt_upper_bound_crossed_one";
    case AlertKind::kGrowthTurnedPositive:
      return "growth_turned_positive";
  }
  return "rt_upper_bound_crossed_one";
}

std::optional<Alert> RtCrossingAlert(std::string_view code, std::string_view name, Date date,
                                     const RtPosterior& previous, const RtPosterior& latest) {
  const double before = previous.Quantile(kUpperLevel);
  if (before >= 1) return std::nullopt;
  const double now = latest.Quantile(kUpperLevel);
  if (now < 1) return std::nullopt;
  Alert out;
  out.region = std::string(code);
  out.kind = AlertKind::kRtUpperBoundCrossedOne;
  out.date = date;
  out.value = now;
  out.previous_value = before;
  out.message = fmt::format(
      "{}: R_t may now be above 1: its 97.5% bound is {:.2f} on {} (mean {:.2f}), up from "
      "{:.2f} the day before",
      name, now, date.ToString(), latest.Mean(), before);
  return out;
}

std::optional<Alert> GrowthTurnAlert(std::string_view code, std::string_view name, Date date,
                                     const GrowthEstimate& previous, const GrowthEstimate& latest) {
  // A rate of a handful of cases turns every other day: no alert on it.
  if (!previous.Measured() || !latest.Measured()) return std::nullopt;
  if (previous.rate_per_day > 0 || latest.rate_per_day <= 0) return std::nullopt;
  Alert out;
  out.region = std::string(code);
  out.kind = AlertKind::kGrowthTurnedPositive;
  out.date = date;
  out.value = latest.rate_per_day;
  out.previous_value = previous.rate_per_day;
  out.message = fmt::format(
      "{}: cases are growing again: {:+.1f}% a day on {} (95% interval {:+.1f}% … {:+.1f}%{}), "
      "from {:+.1f}% the day before",
      name, 100 * DailyChange(latest.rate_per_day), date.ToString(),
      100 * DailyChange(latest.lower_per_day), 100 * DailyChange(latest.upper_per_day),
      latest.trend == Trend::kRising ? ", clearly above 0" : "",
      100 * DailyChange(previous.rate_per_day));
  return out;
}

Result<std::vector<Alert>> FindAlerts(std::span<const RegionIncidence> regions,
                                      const SerialInterval& si, const AlertOptions& options) {
  Status status = ValidateSerialIntervalPmf(si.pmf);
  if (!status.ok()) return status;
  std::vector<Alert> out;
  for (const RegionIncidence& region : regions) {
    const IncidenceSeries& incidence = region.incidence;
    const int32_t days = static_cast<int32_t>(incidence.days());
    const Date last_day = incidence.last_day();
    RtOptions rt_options;
    rt_options.prior_mean = options.prior_mean;
    rt_options.prior_sd = options.prior_sd;
    const int32_t window = options.rt_window_days;
    rt_options.windows = {{days - 1 - window, days - 2}, {days - window, days - 1}};
    // R_t of a window without cases is its prior, whose upper bound is far above 1: no alert
    // unless the latest window holds kMinCasesForRate cases or more.
    int64_t window_cases = 0;
    for (int32_t day_idx = std::max(0, days - window); day_idx < days; ++day_idx) {
      window_cases += incidence.Total(day_idx);
    }
    if (days - 1 - window >= 1 && window_cases >= kMinCasesForRate) {
      Result<std::vector<RtPosterior>> rt = EstimateRt(incidence, si, rt_options);
      if (rt.ok() && rt->size() == 2) {
        if (auto alert = RtCrossingAlert(region.code, region.name, last_day, (*rt)[0], (*rt)[1])) {
          out.push_back(std::move(*alert));
        }
      }
    }
    if (days < 2 || !ValidateIncidence(incidence).ok()) continue;
    std::vector<int64_t> totals(incidence.days());
    for (size_t day_idx = 0; day_idx < incidence.days(); ++day_idx) {
      totals[day_idx] = incidence.Total(day_idx);
    }
    Result<GrowthEstimate> previous = EstimateGrowth(totals, days - 2, options.growth);
    Result<GrowthEstimate> latest = EstimateGrowth(totals, days - 1, options.growth);
    if (previous.ok() && latest.ok()) {
      if (auto alert = GrowthTurnAlert(region.code, region.name, last_day, *previous, *latest)) {
        out.push_back(std::move(*alert));
      }
    }
  }
  return out;
}

}  // namespace outbreak::analytics
