#include "report/analytics_render.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "report/format.hpp"

namespace outbreak::report {

namespace {

using boost::json::array;
using boost::json::object;

std::string WindowDay(std::optional<Date> first_day, int32_t day_idx) {
  return first_day ? (*first_day + day_idx).ToString() : std::to_string(day_idx + 1);
}

object QuantilesJson(const analytics::PredictiveQuantiles& q) {
  return {{"median", q.median}, {"q025", q.q025}, {"q10", q.q10},  {"q25", q.q25},
          {"q75", q.q75},       {"q90", q.q90},   {"q975", q.q975}};
}

// One rule for the words and the numbers: the trend word comes from the rate's interval, and the
// phrase says a rate, and a doubling or halving time, only when the interval is clear of 0.
std::string GrowthPhrase(const analytics::GrowthEstimate& growth) {
  using analytics::DailyChange;
  using analytics::Trend;
  switch (growth.trend) {
    case Trend::kNoCases:
      return "no cases";
    case Trend::kTooFewCases:
      return fmt::format("too few cases to measure (fewer than {})", analytics::kMinCasesForRate);
    case Trend::kStable:
      return fmt::format("no clear trend, between {:+.1f}% and {:+.1f}% a day (95% interval)",
                         100 * DailyChange(growth.lower_per_day),
                         100 * DailyChange(growth.upper_per_day));
    case Trend::kRising:
    case Trend::kDeclining:
      break;
  }
  std::string out =
      fmt::format("{} {:+.1f}% a day (95% interval {:+.1f}% to {:+.1f}%)",
                  analytics::TrendName(growth.trend), 100 * DailyChange(growth.rate_per_day),
                  100 * DailyChange(growth.lower_per_day), 100 * DailyChange(growth.upper_per_day));
  if (auto doubling = growth.Doubling()) {
    out += fmt::format(", {} in {:.1f} days", doubling->halving ? "halving" : "doubling",
                       doubling->days);
  }
  return out;
}

object GrowthJson(const analytics::GrowthEstimate& growth) {
  object out{{"trend", analytics::TrendName(growth.trend)}};
  if (!growth.Measured()) {
    // Too few cases: no number to mislead with.
    for (const char* key : {"rate_per_day", "lower_per_day", "upper_per_day", "daily_change",
                            "lower_daily_change", "upper_daily_change"}) {
      out[key] = nullptr;
    }
    return out;
  }
  out["rate_per_day"] = growth.rate_per_day;
  out["lower_per_day"] = growth.lower_per_day;
  out["upper_per_day"] = growth.upper_per_day;
  out["daily_change"] = analytics::DailyChange(growth.rate_per_day);
  out["lower_daily_change"] = analytics::DailyChange(growth.lower_per_day);
  out["upper_daily_change"] = analytics::DailyChange(growth.upper_per_day);
  if (growth.trend != analytics::Trend::kStable) {
    if (auto doubling = growth.Doubling()) {
      out[doubling->halving ? "halving_days" : "doubling_days"] = doubling->days;
    }
  }
  return out;
}

}  // namespace

std::string RenderRtCsv(std::span<const analytics::RtSummary> estimates,
                        std::optional<Date> first_day) {
  std::string out = "window_start,window_end,mean,sd,q025,q05,q25,median,q75,q95,q975\n";
  for (const analytics::RtSummary& e : estimates) {
    out += fmt::format(
        "{},{},{:.10g},{:.10g},{:.10g},{:.10g},{:.10g},{:.10g},{:.10g},{:.10g},{:.10g}\n",
        WindowDay(first_day, e.window.start_day_idx), WindowDay(first_day, e.window.end_day_idx),
        e.mean, e.sd, e.q025, e.q05, e.q25, e.median, e.q75, e.q95, e.q975);
  }
  return out;
}

boost::json::value RtJson(std::span<const analytics::RtSummary> estimates,
                          std::optional<Date> first_day, const std::string& serial_interval) {
  array items;
  for (const analytics::RtSummary& e : estimates) {
    items.push_back(object{{"window_start", WindowDay(first_day, e.window.start_day_idx)},
                           {"window_end", WindowDay(first_day, e.window.end_day_idx)},
                           {"mean", e.mean},
                           {"sd", e.sd},
                           {"q025", e.q025},
                           {"q05", e.q05},
                           {"q25", e.q25},
                           {"median", e.median},
                           {"q75", e.q75},
                           {"q95", e.q95},
                           {"q975", e.q975}});
  }
  return object{{"serial_interval", serial_interval}, {"estimates", std::move(items)}};
}

namespace {

// The days of `result` inside [from, to], with their smoothed and filtered posteriors.
template <typename Visit>
void ForEachRtDay(const analytics::RtFilterResult& result, Date first_day, std::optional<Date> from,
                  std::optional<Date> to, Visit visit) {
  for (size_t idx = 0; idx < result.smoothed.size(); ++idx) {
    const Date day = first_day + result.smoothed[idx].day_idx;
    if ((from && day < *from) || (to && day > *to)) continue;
    visit(day, result.smoothed[idx], result.filtered[idx]);
  }
}

}  // namespace

std::string RenderRtDailyCsv(const analytics::RtFilterResult& result, Date first_day,
                             std::optional<Date> from, std::optional<Date> to) {
  std::string out =
      "date,mean,q025,q25,median,q75,q975,filtered_mean,filtered_q025,filtered_q975\n";
  ForEachRtDay(
      result, first_day, from, to,
      [&](Date day, const analytics::RtDayPosterior& s, const analytics::RtDayPosterior& f) {
        out += fmt::format(
            "{},{:.10g},{:.10g},{:.10g},{:.10g},{:.10g},{:.10g},{:.10g},{:.10g},{:.10g}\n",
            day.ToString(), s.mean, s.q025, s.q25, s.median, s.q75, s.q975, f.mean, f.q025, f.q975);
      });
  return out;
}

boost::json::value RtDailyJson(const analytics::RtFilterResult& result, Date first_day,
                               std::optional<Date> from, std::optional<Date> to,
                               const std::string& serial_interval) {
  array items;
  ForEachRtDay(
      result, first_day, from, to,
      [&](Date day, const analytics::RtDayPosterior& s, const analytics::RtDayPosterior& f) {
        items.push_back(
            object{{"date", day.ToString()},
                   {"mean", s.mean},
                   {"q025", s.q025},
                   {"q25", s.q25},
                   {"median", s.median},
                   {"q75", s.q75},
                   {"q975", s.q975},
                   {"filtered", object{{"mean", f.mean}, {"q025", f.q025}, {"q975", f.q975}}}});
      });
  return object{
      {"method", analytics::RtMethodName(analytics::RtMethod::kFiltered)},
      {"serial_interval", serial_interval},
      {"first_day", (first_day + result.start_day_idx).ToString()},
      {"log_rt_daily_step_sd", result.step_sd},
      {"negative_binomial_size", std::isfinite(result.nb_size) ? boost::json::value(result.nb_size)
                                                               : boost::json::value(nullptr)},
      {"estimates", std::move(items)}};
}

std::string RenderForecastCsv(const analytics::OutcomeForecast& forecast) {
  std::string out = "date,measure,median,q025,q10,q25,q75,q90,q975\n";
  for (const analytics::DayForecast& day : forecast.days) {
    const std::pair<const char*, const analytics::PredictiveQuantiles*> measures[] = {
        {"new_cases", &day.new_cases},
        {"new_recovered", &day.new_recovered},
        {"new_deaths", &day.new_deaths},
        {"under_treatment", &day.under_treatment}};
    for (const auto& [name, q] : measures) {
      out += fmt::format("{},{},{:.1f},{:.1f},{:.1f},{:.1f},{:.1f},{:.1f},{:.1f}\n",
                         day.date.ToString(), name, q->median, q->q025, q->q10, q->q25, q->q75,
                         q->q90, q->q975);
    }
  }
  return out;
}

namespace {

boost::json::value SkillJson(const std::optional<analytics::ForecastSkill>& skill) {
  if (!skill) return nullptr;
  array horizons;
  for (const analytics::HorizonSkill& horizon : skill->horizons) {
    horizons.push_back(object{{"horizon_days", horizon.horizon_days},
                              {"origins", horizon.origins},
                              {"enough_origins", horizon.enough},
                              {"relative_wis", std::isfinite(horizon.relative_wis)
                                                   ? boost::json::value(horizon.relative_wis)
                                                   : boost::json::value(nullptr)},
                              {"baseline", horizon.baseline},
                              {"coverage_80", horizon.coverage_80},
                              {"mean_bias", horizon.mean_bias}});
  }
  return object{{"state", analytics::SkillStateName(skill->state)},
                {"reason", skill->reason.empty() ? boost::json::value(nullptr)
                                                 : boost::json::value(skill->reason)},
                {"summary", skill->Summary()},
                {"horizons", std::move(horizons)}};
}

}  // namespace

boost::json::value ForecastJson(const analytics::OutcomeForecast& forecast) {
  array days;
  for (const analytics::DayForecast& day : forecast.days) {
    days.push_back(object{{"date", day.date.ToString()},
                          {"new_cases", QuantilesJson(day.new_cases)},
                          {"new_recovered", QuantilesJson(day.new_recovered)},
                          {"new_deaths", QuantilesJson(day.new_deaths)},
                          {"under_treatment", QuantilesJson(day.under_treatment)}});
  }
  const analytics::RtDayPosterior& rt = forecast.rt;
  return object{
      {"history_days", forecast.history_days},
      {"skill", SkillJson(forecast.skill)},
      {"warning", forecast.warning.empty() ? boost::json::value(nullptr)
                                           : boost::json::value(forecast.warning)},
      {"assumptions",
       object{{"rt_method", analytics::RtMethodName(forecast.method)},
              {"rt_origin", object{{"mean", rt.mean}, {"q025", rt.q025}, {"q975", rt.q975}}},
              {"log_rt_daily_step_sd", forecast.log_rt_step_sd},
              {"negative_binomial_size", std::isfinite(forecast.nb_size)
                                             ? boost::json::value(forecast.nb_size)
                                             : boost::json::value(nullptr)},
              {"recovery_delay_mean_days", forecast.delays.recovery.delay.mean_days},
              {"recovery_fraction", forecast.delays.recovery.fraction},
              {"death_delay_mean_days", forecast.delays.death.delay.mean_days},
              {"case_fatality", forecast.delays.death.fraction}}},
      {"days", std::move(days)}};
}

std::string RenderForecastText(const analytics::OutcomeForecast& forecast,
                               const std::string& region_name, Date origin) {
  const analytics::RtDayPosterior& rt = forecast.rt;
  std::string out = fmt::format(
      "FORECAST: {}, from the data of {} ({} days ahead)\n"
      "R_t on that day ({}): {:.2f} (95% CrI {:.2f}-{:.2f}); recoveries after {:.1f} days on "
      "average, {:.3f}% of cases die.\n\n",
      region_name, LongDate(origin), forecast.days.size(),
      forecast.method == analytics::RtMethod::kWindow ? "last week" : "daily filter", rt.mean,
      rt.q025, rt.q975, forecast.delays.recovery.delay.mean_days,
      100 * forecast.delays.death.fraction);
  if (forecast.skill) {
    out += fmt::format(
        "Skill of the method here lately (backtested, against the naive baselines): "
        "{}.\n\n",
        forecast.skill->Summary());
  }
  if (!forecast.warning.empty()) {
    out += fmt::format("WARNING: {}. Plans use the recent trend instead.\n\n", forecast.warning);
  }
  auto cell = [](const analytics::PredictiveQuantiles& q) {
    return fmt::format("{} ({}-{})", Count(std::llround(q.median)), Count(std::llround(q.q10)),
                       Count(std::llround(q.q90)));
  };
  // Each column as wide as its widest cell and two spaces: aligned at any magnitude.
  std::vector<std::array<std::string, 5>> rows = {
      {"date", "new cases (80%)", "recovered (80%)", "deaths (80%)", "under treatment (80%)"}};
  for (const analytics::DayForecast& day : forecast.days) {
    rows.push_back({day.date.ToString(), cell(day.new_cases), cell(day.new_recovered),
                    cell(day.new_deaths), cell(day.under_treatment)});
  }
  std::array<size_t, 5> widths{};
  for (const auto& row : rows) {
    for (size_t col = 0; col < row.size(); ++col) {
      widths[col] = std::max(widths[col], row[col].size() + (col == 0 ? 0 : 2));
    }
  }
  for (const auto& row : rows) {
    out += fmt::format("{:<{}}", row[0], widths[0]);
    for (size_t col = 1; col < row.size(); ++col)
      out += fmt::format("{:>{}}", row[col], widths[col]);
    out += "\n";
  }
  return out;
}

std::string RenderBacktestText(const analytics::BacktestResult& result,
                               const std::string& region_name, Date from, Date to) {
  std::string out = fmt::format(
      "BACKTEST: {}, forecasts made on each day from {} to {} with only the data known then\n"
      "(weighted interval score, Bracher et al. 2021: lower is better; coverage: share of the "
      "truth inside the interval;\nbias from -1, always too low, to 1, always too high; each "
      "baseline beside the model over the origins it can forecast from)\n\n",
      region_name, from.ToString(), to.ToString());
  out += fmt::format("{:<9}{:<28}{:>10}{:>12}{:>9}{:>9}{:>9}{:>7}\n", "horizon", "method",
                     "forecasts", "mean WIS", "cov 50%", "cov 80%", "cov 95%", "bias");
  auto row = [&](int horizon, const std::string& name, const analytics::ScoreSummary& score) {
    out += fmt::format("{:<9}{:<28}{:>10}{:>12}{:>9.2f}{:>9.2f}{:>9.2f}{:>7.2f}\n",
                       fmt::format("{} d", horizon), name, score.forecasts, Decimal(score.mean_wis),
                       score.coverage_50, score.coverage_80, score.coverage_95, score.mean_bias);
  };
  for (const analytics::HorizonScores& h : result.horizons) {
    row(h.horizon_days, "renewal model", h.model);
    row(h.horizon_days, "last value carried", h.last_value.baseline);
    row(h.horizon_days, "last week's growth", h.last_week_growth.baseline);
    if (h.last_week_growth.model.forecasts != h.model.forecasts) {
      row(h.horizon_days, "  model on the same origins", h.last_week_growth.model);
    }
  }
  out += "\n";
  for (const analytics::HorizonScores& h : result.horizons) {
    auto phrase = [](double relative, const char* baseline) {
      if (!std::isfinite(relative)) return fmt::format("cannot be compared with {}", baseline);
      return relative < 1 ? fmt::format("beats {} by {:.0f}%", baseline, 100 * (1 - relative))
                          : fmt::format("does NOT beat {} (its score is {:.0f}% worse)", baseline,
                                        100 * (relative - 1));
    };
    out += fmt::format(
        "At {} days the model {}, and {}.\n", h.horizon_days,
        phrase(analytics::RelativeWis(h.last_value), "the last value carried forward"),
        phrase(analytics::RelativeWis(h.last_week_growth), "last week's growth continued"));
  }
  if (result.origins_skipped > 0) {
    out += fmt::format("{} origin(s) skipped: the model needs five days of data.\n",
                       result.origins_skipped);
  }
  return out;
}

boost::json::value BacktestJson(const analytics::BacktestResult& result) {
  auto score = [](const analytics::ScoreSummary& s) {
    return object{{"forecasts", s.forecasts},     {"mean_wis", s.mean_wis},
                  {"coverage_50", s.coverage_50}, {"coverage_80", s.coverage_80},
                  {"coverage_95", s.coverage_95}, {"mean_bias", s.mean_bias}};
  };
  auto relative = [](const analytics::BaselineScores& scores) {
    const double value = analytics::RelativeWis(scores);
    return std::isfinite(value) ? boost::json::value(value) : boost::json::value(nullptr);
  };
  array horizons;
  for (const analytics::HorizonScores& h : result.horizons) {
    horizons.push_back(
        object{{"horizon_days", h.horizon_days},
               {"model", score(h.model)},
               {"last_value", score(h.last_value.baseline)},
               {"last_week_growth", score(h.last_week_growth.baseline)},
               {"model_on_last_week_growth_origins", score(h.last_week_growth.model)},
               {"relative_wis_vs_last_value", relative(h.last_value)},
               {"relative_wis_vs_last_week_growth", relative(h.last_week_growth)}});
  }
  return object{{"horizons", std::move(horizons)}, {"origins_skipped", result.origins_skipped}};
}

boost::json::value TrendJson(const analytics::TrendReport& trends, const RegionTree& tree) {
  array children;
  for (const analytics::RegionGrowth& child : trends.children) {
    object item{{"region", tree.region(child.region).code}};
    item["growth"] =
        child.growth ? boost::json::value(GrowthJson(*child.growth)) : boost::json::value(nullptr);
    children.push_back(std::move(item));
  }
  array alerts;
  for (const analytics::Alert& alert : trends.alerts) {
    alerts.push_back(object{{"region", alert.region},
                            {"kind", analytics::AlertKindName(alert.kind)},
                            {"date", alert.date.ToString()},
                            {"value", alert.value},
                            {"previous_value", alert.previous_value},
                            {"message", alert.message}});
  }
  object out{{"statement", trends.statement},
             {"children", std::move(children)},
             {"alerts", std::move(alerts)}};
  out["growth"] = trends.region_growth ? boost::json::value(GrowthJson(*trends.region_growth))
                                       : boost::json::value(nullptr);
  return out;
}

std::string RenderTrendText(const analytics::TrendReport& trends) {
  std::string out;
  if (trends.region_growth) {
    const auto& growth = *trends.region_growth;
    out += fmt::format("Growth over the last {} days: {}.\n",
                       growth.end_day_idx - growth.start_day_idx + 1, GrowthPhrase(growth));
  }
  if (!trends.statement.empty()) {
    std::string statement = trends.statement;
    statement[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(statement[0])));
    out += fmt::format("Trend: {}.\n", statement);
  }
  for (const analytics::Alert& alert : trends.alerts) {
    out += fmt::format("ALERT: {}\n", alert.message);
  }
  return out;
}

}  // namespace outbreak::report
