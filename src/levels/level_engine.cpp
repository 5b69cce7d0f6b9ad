#include "levels/level_engine.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace outbreak::levels {

namespace {

// The raise conditions of `level` that hold on `day`; empty when none (or no data).
std::vector<Trigger> RaiseTriggers(const Level& level, const RegionIndicators& indicators,
                                   Date day) {
  std::vector<Trigger> out;
  const IndicatorValues* values = indicators.At(day);
  if (values == nullptr) return out;
  for (const Condition& condition : level.raise) {
    const std::optional<double>& value = (*values)[condition.indicator];
    if (value && Holds(condition.comparison, *value, condition.threshold)) {
      out.push_back({condition, *value});
    }
  }
  return out;
}

// The lower conditions of `level` on `day` when every one with a value holds and at least one
// has a value; nullopt otherwise.
std::optional<std::vector<Trigger>> LowerTriggers(const Level& level,
                                                  const RegionIndicators& indicators, Date day) {
  const IndicatorValues* values = indicators.At(day);
  if (values == nullptr) return std::nullopt;
  std::vector<Trigger> out;
  for (const Condition& condition : level.lower) {
    const std::optional<double>& value = (*values)[condition.indicator];
    if (!value) continue;
    if (!Holds(condition.comparison, *value, condition.threshold)) return std::nullopt;
    out.push_back({condition, *value});
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace

std::optional<LevelChange> Evaluate(const LevelRules& rules, const RegionIndicators& indicators,
                                    const LevelState& state, Date day) {
  const int top = static_cast<int>(rules.levels.size()) - 1;
  for (int target = top; target > state.level_idx; --target) {
    const Level& level = rules.levels[static_cast<size_t>(target)];
    if (level.raise.empty()) continue;
    bool held = true;
    for (int back = rules.raise_after_days - 1; back >= 0 && held; --back) {
      held = !RaiseTriggers(level, indicators, day - back).empty();
    }
    if (held) {
      return LevelChange{indicators.region, day, state.level_idx, target,
                         RaiseTriggers(level, indicators, day)};
    }
  }
  if (state.level_idx <= 0 || state.level_idx > top) return std::nullopt;
  const Level& level = rules.levels[static_cast<size_t>(state.level_idx)];
  if (level.lower.empty()) return std::nullopt;
  if (state.since && day - *state.since < rules.MinDaysAt(state.level_idx)) return std::nullopt;
  std::optional<std::vector<Trigger>> triggers;
  for (int back = rules.lower_after_days - 1; back >= 0; --back) {
    triggers = LowerTriggers(level, indicators, day - back);
    if (!triggers) return std::nullopt;
  }
  return LevelChange{indicators.region, day, state.level_idx, state.level_idx - 1,
                     std::move(*triggers)};
}

std::vector<LevelChange> Replay(const LevelRules& rules, const IndicatorTable& table, Date from,
                                Date to, const LevelState& initial) {
  std::vector<LevelChange> out;
  for (const auto& [region, indicators] : table) {
    LevelState state = initial;
    for (Date day = from; day <= to; day = day + 1) {
      std::optional<LevelChange> change = Evaluate(rules, indicators, state, day);
      if (!change) continue;
      state = {change->to_idx, day};
      out.push_back(std::move(*change));
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const LevelChange& a, const LevelChange& b) { return a.day < b.day; });
  return out;
}

std::string FormatIndicatorValue(double value) {
  const double magnitude = std::abs(value);
  if (magnitude >= 100) return fmt::format("{:.0f}", value);
  if (magnitude >= 1) return fmt::format("{:.2f}", value);
  return fmt::format("{:.3f}", value);
}

std::string DescribeTriggers(const std::vector<Trigger>& triggers) {
  std::string out;
  for (const Trigger& trigger : triggers) {
    if (!out.empty()) out += "; ";
    out += fmt::format("{} {} {} {}", IndicatorName(trigger.condition.indicator),
                       FormatIndicatorValue(trigger.value),
                       ComparisonSymbol(trigger.condition.comparison), trigger.condition.threshold);
  }
  return out;
}

}  // namespace outbreak::levels
