#include "analytics/forecast_skill.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "analytics/backtest.hpp"
#include "analytics/forecast.hpp"

namespace outbreak::analytics {

namespace {

constexpr int kShortHorizonDays = 7;
constexpr int kLongHorizonDays = 14;

// The scores of one horizon over the origins given, as a HorizonSkill.
HorizonSkill SkillOf(const HorizonScores& scores, const SkillOptions& options) {
  HorizonSkill out;
  out.horizon_days = scores.horizon_days;
  out.origins = scores.model.forecasts;
  out.coverage_80 = scores.model.coverage_80;
  out.mean_bias = scores.model.mean_bias;
  out.enough = out.origins >= options.min_origins;
  out.relative_wis = std::numeric_limits<double>::quiet_NaN();
  // A baseline with a perfect score (no case on any day it forecast) is not compared: any
  // forecast with spread scores worse than it, and that says nothing of the forecast.
  const std::pair<const BaselineScores*, const char*> baselines[] = {
      {&scores.last_value, BaselineName(Baseline::kLastValue)},
      {&scores.last_week_growth, BaselineName(Baseline::kLastWeekGrowth)}};
  for (const auto& [baseline, name] : baselines) {
    if (baseline->baseline.forecasts == 0) continue;
    const double ratio = RelativeWis(*baseline);
    if (!std::isfinite(ratio)) continue;
    if (std::isnan(out.relative_wis) || ratio > out.relative_wis) {
      out.relative_wis = ratio;
      out.baseline = name;
    }
  }
  return out;
}

}  // namespace

const char* SkillStateName(SkillState state) {
  switch (state) {
    case SkillState::kTooLittleData:
      return "too little data";
    case SkillState::kUnreliable:
      return "unreliable";
    case SkillState::kReliable:
      return "reliable";
  }
  return "";
}

std::vector<int> SkillHorizons(int horizon_days) {
  std::vector<int> out = {std::clamp(horizon_days, 1, kShortHorizonDays)};
  if (horizon_days >= kLongHorizonDays) out.push_back(kLongHorizonDays);
  return out;
}

std::string ForecastSkill::Summary() const {
  std::string out;
  for (const HorizonSkill& horizon : horizons) {
    if (!out.empty()) out += "; ";
    if (!horizon.enough) {
      out += fmt::format("{} d: {} recent origin(s) scored, too few to judge", horizon.horizon_days,
                         horizon.origins);
      continue;
    }
    const std::string against =
        std::isnan(horizon.relative_wis)
            ? std::string("no baseline to compare with")
            : fmt::format("WIS {:.2f} times that of {}", horizon.relative_wis, horizon.baseline);
    out += fmt::format("{} d: {}, 80% interval held the truth on {:.0f}% of {} recent origins",
                       horizon.horizon_days, against, 100 * horizon.coverage_80, horizon.origins);
  }
  return out;
}

std::string SkillOfRegions(const std::vector<std::pair<std::string, ForecastSkill>>& regions) {
  constexpr size_t kRegionsNamed = 3;
  if (regions.empty()) return "";
  if (regions.size() <= kRegionsNamed) {
    std::vector<std::string> parts;
    for (const auto& [code, skill] : regions) {
      parts.push_back(fmt::format("{}: {}", code, skill.Summary()));
    }
    return fmt::format("{}", fmt::join(parts, "; "));
  }
  const std::pair<std::string, double>* best = nullptr;
  const std::pair<std::string, double>* worst = nullptr;
  std::vector<std::pair<std::string, double>> ratios;
  for (const auto& [code, skill] : regions) {
    if (skill.horizons.empty() || !skill.horizons.front().enough) continue;
    const double ratio = skill.horizons.front().relative_wis;
    if (std::isfinite(ratio)) ratios.emplace_back(code, ratio);
  }
  for (const auto& entry : ratios) {
    if (best == nullptr || entry.second < best->second) best = &entry;
    if (worst == nullptr || entry.second > worst->second) worst = &entry;
  }
  if (best == nullptr) {
    return fmt::format("{} regions, none with a baseline to compare with", regions.size());
  }
  return fmt::format(
      "{} regions; {}-day WIS from {:.2f} ({}) to {:.2f} ({}) times that of the better naive "
      "baseline",
      regions.size(), regions.front().second.horizons.front().horizon_days, best->second,
      best->first, worst->second, worst->first);
}

Result<ForecastSkill> AssessForecastSkill(const IncidenceSeries& history, const SerialInterval& si,
                                          const ForecastOptions& forecast, int horizon_days,
                                          const SkillOptions& options) {
  Status status = ValidateIncidence(history);
  if (!status.ok()) return status;
  if (horizon_days < 1 || horizon_days > kMaxForecastHorizonDays || options.origins < 1 ||
      options.min_origins < 1 || options.simulations < 1) {
    return Status::InvalidArgument(
        fmt::format("forecast skill: horizon {} outside 1…{}, or no origin or simulation asked for",
                    horizon_days, kMaxForecastHorizonDays));
  }
  ForecastSkill out;
  for (int horizon : SkillHorizons(horizon_days)) {
    std::vector<Date> origins;
    for (int back = 0; back < options.origins; ++back) {
      const Date origin = history.last_day() - horizon - back;
      if (origin < history.first_day) break;
      origins.push_back(origin);
    }
    std::reverse(origins.begin(), origins.end());
    HorizonSkill skill;
    skill.horizon_days = horizon;
    if (!origins.empty()) {
      BacktestOptions backtest;
      backtest.horizons_days = {horizon};
      backtest.forecast = forecast;
      backtest.forecast.simulations = options.simulations;
      backtest.seed = options.seed;
      Result<BacktestResult> result = Backtest(history, si, origins, backtest);
      if (!result.ok()) return result.status();
      skill = SkillOf(result->horizons.front(), options);
    }
    out.horizons.push_back(skill);
  }

  std::vector<std::string> failures;
  bool any_enough = false;
  for (const HorizonSkill& horizon : out.horizons) {
    if (!horizon.enough) continue;
    any_enough = true;
    if (horizon.relative_wis > options.max_relative_wis) {
      failures.push_back(fmt::format("{}-day WIS {:.2f} times {}'s over the last {} origins",
                                     horizon.horizon_days, horizon.relative_wis, horizon.baseline,
                                     horizon.origins));
    }
    if (horizon.coverage_80 < options.min_coverage_80) {
      failures.push_back(
          fmt::format("{}-day 80% intervals held the truth on {:.0f}% of the last {} "
                      "origins",
                      horizon.horizon_days, 100 * horizon.coverage_80, horizon.origins));
    }
  }
  if (!any_enough) {
    out.state = SkillState::kTooLittleData;
    out.reason = fmt::format(
        "too little data: fewer than {} recent origins of this region could be backtested",
        options.min_origins);
  } else if (!failures.empty()) {
    out.state = SkillState::kUnreliable;
    out.reason = fmt::format("unreliable: {}", fmt::join(failures, "; "));
  } else {
    out.state = SkillState::kReliable;
  }
  return out;
}

}  // namespace outbreak::analytics
