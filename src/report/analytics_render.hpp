#pragma once
// Renderers of the analytics: R_t tables (CSV with EpiEstim's columns, JSON), forecasts
// (CSV, JSON, text), backtests (text, JSON), and the trend paragraph of the situation report.

#include <span>
#include <string>

#include <boost/json/value.hpp>

#include "analytics/backtest.hpp"
#include "analytics/forecast.hpp"
#include "analytics/rt_estimator.hpp"
#include "analytics/rt_filter.hpp"
#include "analytics/trend_report.hpp"
#include "core/region_tree.hpp"

namespace outbreak::report {

// Columns: window_start,window_end,mean,sd,q025,q05,q25,median,q75,q95,q975 (dates when
// `first_day` is given, else EpiEstim's 1-based day numbers).
std::string RenderRtCsv(std::span<const analytics::RtSummary> estimates,
                        std::optional<Date> first_day);
boost::json::value RtJson(std::span<const analytics::RtSummary> estimates,
                          std::optional<Date> first_day, const std::string& serial_interval);

// The daily R_t of the filter (analytics/rt_filter.hpp) on the days from `from` to `to` (every
// day when absent): the smoothed posterior (all the data) and the filtered one (the data up to
// the day). Columns: date,mean,q025,q25,median,q75,q975,filtered_mean,filtered_q025,
// filtered_q975.
std::string RenderRtDailyCsv(const analytics::RtFilterResult& result, Date first_day,
                             std::optional<Date> from, std::optional<Date> to);
boost::json::value RtDailyJson(const analytics::RtFilterResult& result, Date first_day,
                               std::optional<Date> from, std::optional<Date> to,
                               const std::string& serial_interval);

// Columns: date,measure,median,q025,q10,q25,q75,q90,q975 for new_cases, new_recovered,
// new_deaths and under_treatment.
std::string RenderForecastCsv(const analytics::OutcomeForecast& forecast);
boost::json::value ForecastJson(const analytics::OutcomeForecast& forecast);
std::string RenderForecastText(const analytics::OutcomeForecast& forecast,
                               const std::string& region_name, Date origin);

std::string RenderBacktestText(const analytics::BacktestResult& result,
                               const std::string& region_name, Date from, Date to);
boost::json::value BacktestJson(const analytics::BacktestResult& result);

boost::json::value TrendJson(const analytics::TrendReport& trends, const RegionTree& tree);
// "Trend: ...", the region's own growth with its doubling or halving time, and the alerts.
std::string RenderTrendText(const analytics::TrendReport& trends);

}  // namespace outbreak::report
