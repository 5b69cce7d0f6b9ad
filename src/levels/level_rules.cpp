#include "levels/level_rules.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "levels/sectioned_text.hpp"

namespace outbreak::levels {

namespace {

constexpr std::array<std::string_view, kIndicatorCount> kIndicatorNames = {
    "incidence_7d_per_100k",
    "rt_mean",
    "rt_upper",
    "growth_rate",
    "bed_occupancy",
    "medicine_days_of_cover",
    "patients_per_doctor",
    "reporting_completeness"};

bool Rising(Comparison comparison) {
  return comparison == Comparison::kAtLeast || comparison == Comparison::kAbove;
}

// Reads "INDICATOR OP NUMBER"; spaces around OP are optional.
std::optional<Condition> ParseCondition(std::string_view text, int line, std::string_view where,
                                        std::vector<std::string>& errors) {
  auto trim = [](std::string_view part) {
    const size_t first = part.find_first_not_of(" \t");
    const size_t last = part.find_last_not_of(" \t");
    return first == std::string_view::npos ? std::string_view()
                                           : part.substr(first, last - first + 1);
  };
  const size_t op_start = text.find_first_of("<>=");
  const size_t op_end = op_start == std::string_view::npos
                            ? std::string_view::npos
                            : text.find_first_not_of("<>=", op_start);
  const std::string_view op =
      op_start == std::string_view::npos
          ? std::string_view()
          : text.substr(op_start, op_end == std::string_view::npos ? std::string_view::npos
                                                                   : op_end - op_start);
  std::optional<Comparison> comparison;
  if (op == ">=") comparison = Comparison::kAtLeast;
  if (op == ">") comparison = Comparison::kAbove;
  if (op == "<=") comparison = Comparison::kAtMost;
  if (op == "<") comparison = Comparison::kBelow;
  const std::string_view name = trim(text.substr(0, op_start));
  const std::string_view number =
      op_end == std::string_view::npos ? std::string_view() : trim(text.substr(op_end));
  if (!comparison || name.empty() || number.empty()) {
    errors.push_back(fmt::format(
        "{}: \"{}\" is not INDICATOR OP NUMBER with OP one of >=, >, <=, <", where, text));
    return std::nullopt;
  }
  const std::optional<Indicator> indicator = ParseIndicator(name);
  const std::optional<double> threshold = ParseNumber(number);
  if (!indicator) {
    errors.push_back(
        fmt::format("{}: \"{}\" is not an indicator ({})", where, name, IndicatorList()));
  }
  if (!threshold) errors.push_back(fmt::format("{}: \"{}\" is not a number", where, number));
  if (!indicator || !threshold) return std::nullopt;
  return Condition{*indicator, *comparison, *threshold, line};
}

// A whole number setting within [min, max].
std::optional<int> WholeSetting(const TextSetting& setting, std::string_view file, int min, int max,
                                std::vector<std::string>& errors) {
  const std::optional<int> value = ParseWholeNumber(setting.value);
  if (!value || *value < min || *value > max) {
    errors.push_back(fmt::format("{}:{}: {}: \"{}\" is not a whole number from {} to {}", file,
                                 setting.line, setting.key, setting.value, min, max));
    return std::nullopt;
  }
  return value;
}

// Hysteresis within one level: every indicator it raises on is lowered on, in the other
// direction, with a threshold strictly on the safe side of every raise threshold.
void CheckHysteresis(const Level& level, std::string_view file, std::vector<std::string>& errors) {
  if (level.lower.empty()) return;
  for (const Condition& raise : level.raise) {
    bool lowered = false;
    for (const Condition& lower : level.lower) {
      if (lower.indicator != raise.indicator) continue;
      lowered = true;
      if (Rising(lower.comparison) == Rising(raise.comparison)) {
        errors.push_back(fmt::format(
            "{}:{}: lower: \"{}\" points the same way as the raise condition \"{}\" (line {}): "
            "a lower condition must point the other way",
            file, lower.line, lower.ToString(), raise.ToString(), raise.line));
        continue;
      }
      const bool safe = Rising(raise.comparison) ? lower.threshold < raise.threshold
                                                 : lower.threshold > raise.threshold;
      if (!safe) {
        errors.push_back(fmt::format(
            "{}:{}: lower: \"{}\" must be strictly {} the raise threshold of \"{}\" (line {}), "
            "or a region could flap between levels",
            file, lower.line, lower.ToString(), Rising(raise.comparison) ? "below" : "above",
            raise.ToString(), raise.line));
      }
    }
    if (!lowered) {
      errors.push_back(fmt::format(
          "{}:{}: raise: level {} raises on {} but has no lower condition on it: a region "
          "lowered from it could be raised again at once",
          file, raise.line, level.key, IndicatorName(raise.indicator)));
    }
  }
}

Level ParseLevel(const TextSection& section, std::string_view file,
                 std::vector<std::string>& errors) {
  Level level;
  level.key = section.name;
  std::set<std::string> seen;
  for (const TextSetting& setting : section.settings) {
    const std::string where = fmt::format("{}:{}: {}", file, setting.line, setting.key);
    const bool repeatable =
        setting.key == "measure" || setting.key == "raise" || setting.key == "lower";
    if (!repeatable && !seen.insert(setting.key).second) {
      errors.push_back(fmt::format("{}: set twice in level {}", where, level.key));
      continue;
    }
    if (setting.key == "name") {
      if (setting.value.empty()) errors.push_back(where + ": is empty");
      level.name = setting.value;
    } else if (setting.key == "measure") {
      if (setting.value.empty()) errors.push_back(where + ": is empty");
      level.measures.push_back(setting.value);
    } else if (setting.key == "raise" || setting.key == "lower") {
      if (auto condition = ParseCondition(setting.value, setting.line, where, errors)) {
        (setting.key == "raise" ? level.raise : level.lower).push_back(*condition);
      }
    } else if (setting.key == "min_days") {
      level.min_days = WholeSetting(setting, file, 0, 3650, errors);
    } else {
      errors.push_back(fmt::format(
          "{}: is not a setting of a level (name, measure, raise, lower, min_days)", where));
    }
  }
  if (level.name.empty() && !seen.contains("name")) {
    errors.push_back(
        fmt::format("{}:{}: name: level {} has no name = ...", file, section.line, level.key));
  }
  return level;
}

}  // namespace

std::string_view IndicatorName(Indicator indicator) {
  return kIndicatorNames[static_cast<size_t>(indicator)];
}

std::optional<Indicator> ParseIndicator(std::string_view name) {
  for (size_t idx = 0; idx < kIndicatorCount; ++idx) {
    if (kIndicatorNames[idx] == name) return static_cast<Indicator>(idx);
  }
  return std::nullopt;
}

const std::array<Indicator, kIndicatorCount>& AllIndicators() {
  static const std::array<Indicator, kIndicatorCount> all = [] {
    std::array<Indicator, kIndicatorCount> out{};
    for (size_t idx = 0; idx < kIndicatorCount; ++idx) out[idx] = static_cast<Indicator>(idx);
    return out;
  }();
  return all;
}

std::string IndicatorList() {
  std::string out;
  for (std::string_view name : kIndicatorNames) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::string_view ComparisonSymbol(Comparison comparison) {
  switch (comparison) {
    case Comparison::kAtLeast:
      return ">=";
    case Comparison::kAbove:
      return ">";
    case Comparison::kAtMost:
      return "<=";
    case Comparison::kBelow:
      return "<";
  }
  return "?";
}

bool Holds(Comparison comparison, double value, double threshold) {
  switch (comparison) {
    case Comparison::kAtLeast:
      return value >= threshold;
    case Comparison::kAbove:
      return value > threshold;
    case Comparison::kAtMost:
      return value <= threshold;
    case Comparison::kBelow:
      return value < threshold;
  }
  return false;
}

std::string Condition::ToString() const {
  return fmt::format("{} {} {}", IndicatorName(indicator), ComparisonSymbol(comparison), threshold);
}

std::optional<int> LevelRules::IndexOf(std::string_view key) const {
  for (size_t idx = 0; idx < levels.size(); ++idx) {
    if (levels[idx].key == key) return static_cast<int>(idx);
  }
  return std::nullopt;
}

std::string LevelRules::KeyList() const {
  std::string out;
  for (const Level& level : levels) {
    if (!out.empty()) out += ", ";
    out += level.key;
  }
  return out;
}

Result<LevelRules> ParseLevelRules(std::string_view text, std::string_view file) {
  std::vector<std::string> errors;
  const SectionedText parsed = ReadSectionedText(text, file, errors);
  LevelRules rules;
  std::set<std::string> seen;
  for (const TextSetting& setting : parsed.settings) {
    if (!seen.insert(setting.key).second) {
      errors.push_back(fmt::format("{}:{}: {}: set twice", file, setting.line, setting.key));
      continue;
    }
    if (setting.key == "version") {
      if (setting.value.empty()) {
        errors.push_back(fmt::format("{}:{}: version: is empty", file, setting.line));
      }
      rules.version = setting.value;
    } else if (setting.key == "region_level") {
      rules.region_level = WholeSetting(setting, file, 0, 10, errors).value_or(1);
    } else if (setting.key == "raise_after_days") {
      rules.raise_after_days = WholeSetting(setting, file, 1, 60, errors).value_or(1);
    } else if (setting.key == "lower_after_days") {
      rules.lower_after_days = WholeSetting(setting, file, 1, 60, errors).value_or(1);
    } else if (setting.key == "min_days_at_level") {
      rules.min_days_at_level = WholeSetting(setting, file, 0, 3650, errors).value_or(0);
    } else {
      errors.push_back(fmt::format(
          "{}:{}: {}: is not a setting of the file (version, region_level, raise_after_days, "
          "lower_after_days, min_days_at_level)",
          file, setting.line, setting.key));
    }
  }
  if (!seen.contains("version")) {
    errors.push_back(fmt::format("{}:1: version: missing: say which rules these are", file));
  }
  std::map<std::string, int> level_lines;
  for (const TextSection& section : parsed.sections) {
    if (section.kind.empty()) continue;  // already reported
    if (auto [it, added] = level_lines.try_emplace(section.name, section.line); !added) {
      errors.push_back(fmt::format("{}:{}: level: {} is already defined on line {}", file,
                                   section.line, section.name, it->second));
      continue;
    }
    rules.levels.push_back(ParseLevel(section, file, errors));
  }
  if (rules.levels.size() < 2) {
    errors.push_back(fmt::format(
        "{}:1: level: {} level(s) defined; at least two [level KEY] sections are needed", file,
        rules.levels.size()));
  }
  for (size_t idx = 0; idx < rules.levels.size(); ++idx) {
    const Level& level = rules.levels[idx];
    if (idx == 0) {
      for (const Condition& condition : level.raise) {
        errors.push_back(
            fmt::format("{}:{}: raise: {} is the lowest level: nothing raises a region to it", file,
                        condition.line, level.key));
      }
      for (const Condition& condition : level.lower) {
        errors.push_back(fmt::format("{}:{}: lower: {} is the lowest level: there is none below it",
                                     file, condition.line, level.key));
      }
      continue;
    }
    CheckHysteresis(level, file, errors);
  }
  if (!errors.empty()) {
    // In the order of the file, whichever check found them.
    auto line_of = [&](const std::string& error) {
      return ParseWholeNumber(
                 std::string_view(error).substr(file.size() + 1,
                                                error.find(':', file.size() + 1) - file.size() - 1))
          .value_or(0);
    };
    std::stable_sort(errors.begin(), errors.end(), [&](const std::string& a, const std::string& b) {
      return line_of(a) < line_of(b);
    });
    std::string message = fmt::format("{}: {} error(s) in the rules", file, errors.size());
    return Status::InvalidArgument(std::move(message), std::move(errors));
  }
  return rules;
}

}  // namespace outbreak::levels
