#pragma once
// AnalyticsService: the epidemic analytics over stored data. Reads a region's series from the
// surveillance service and runs the analytics engines on it: R_t (Cori et al. 2013, as EpiEstim),
// growth and trend statements, alerts, forecasts of cases, recoveries, deaths and people under
// treatment, and backtests of those forecasts. Thread-safe (it holds no mutable state).

#include <optional>
#include <string>
#include <vector>

#include "analytics/alerts.hpp"
#include "analytics/backtest.hpp"
#include "analytics/forecast.hpp"
#include "analytics/growth.hpp"
#include "analytics/rt_estimator.hpp"
#include "analytics/serial_interval.hpp"
#include "analytics/trend_report.hpp"
#include "app/surveillance_service.hpp"

namespace outbreak::app {

struct AnalyticsOptions {
  // The default serial interval (analytics/serial_interval.hpp says which, with its source).
  analytics::SerialInterval serial_interval = analytics::OmicronBa2SerialInterval();
  int rt_window_days = 7;    // EpiEstim's weekly sliding windows
  int simulations = 1000;    // forecast paths
  uint64_t seed = 20220512;  // forecasts are reproducible for the same data and seed
};

struct RtRequest {
  std::optional<Date> from;  // windows ending on or after this day
  std::optional<Date> to;    // windows ending on or before this day
  std::optional<int> window_days;
  std::optional<analytics::SerialInterval> serial_interval;  // default: the options'
};

struct RtReport {
  RegionIdx region = kNoRegion;
  std::string serial_interval;  // its description
  double serial_interval_mean_days = 0;
  Date first_day;  // day index 0 of the windows
  std::vector<analytics::RtSummary> estimates;
};

// The daily R_t of a region (analytics/rt_filter.hpp), every day from the first covered one.
struct RtDailyReport {
  RegionIdx region = kNoRegion;
  std::string serial_interval;  // its description
  Date first_day;               // day index 0
  analytics::RtFilterResult result;
};

struct ForecastReport {
  RegionIdx region = kNoRegion;
  Date origin;  // the last day of data the forecast starts from
  std::string serial_interval;
  analytics::OutcomeForecast forecast;
};

struct BacktestReport {
  RegionIdx region = kNoRegion;
  Date from;
  Date to;
  analytics::BacktestResult result;
};

class AnalyticsService {
 public:
  AnalyticsService(const SurveillanceService& surveillance, AnalyticsOptions options = {});

  const AnalyticsOptions& options() const { return options_; }

  Result<RtReport> Rt(std::string_view region, const RtRequest& request) const;
  // The daily filter's R_t of `region`: from `request` only the serial interval is read.
  Result<RtDailyReport> RtDaily(std::string_view region, const RtRequest& request) const;
  // R_t by the last week's window (the default) or by the daily filter (forecast.hpp).
  Result<ForecastReport> Forecast(std::string_view region, std::optional<Date> as_of,
                                  int horizon_days,
                                  analytics::RtMethod method = analytics::RtMethod::kWindow) const;
  Result<BacktestReport> Backtest(std::string_view region, Date from, Date to,
                                  const std::vector<int>& horizons,
                                  analytics::RtMethod method = analytics::RtMethod::kWindow) const;
  Result<analytics::TrendReport> Trends(std::string_view region, Date as_of) const;

 private:
  // New fever cases of a region from its first day of data up to `to`.
  Result<analytics::OutcomeSeries> Outcomes(RegionIdx region, std::optional<Date> to) const;

  const SurveillanceService& surveillance_;
  AnalyticsOptions options_;
};

// The analytics engines' unit for a set of child regions: "provinces", "cities and counties"...
std::string UnitPlural(int level);

}  // namespace outbreak::app
