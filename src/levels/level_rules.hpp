#pragma once
// The prevention levels and the rules that move a region between them, as values, and the
// parser of the rules file (docs/levels.md gives its grammar).
//
// Levels are ordered from the lowest (index 0, e.g. "normal") to the highest (e.g.
// "maximum_emergency"). Each level above the lowest has raise conditions (any one of them
// holding on `raise_after_days` consecutive days moves a region up to it) and lower conditions
// (every one of them holding on `lower_after_days` consecutive days, after at least
// `min_days` at the level, moves it down one level). The parser enforces hysteresis: for each
// indicator a level raises on, it must also lower on it, with a threshold strictly on the safe
// side of the raise threshold, so a region that was just lowered is not raised again the next day
// by the same indicator.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "levels/indicators.hpp"

namespace outbreak::levels {

enum class Comparison { kAtLeast, kAbove, kAtMost, kBelow };  // >=, >, <=, <

// ">=", ">", "<=", "<"
std::string_view ComparisonSymbol(Comparison comparison);
// Whether the comparison holds for "value OP threshold".
bool Holds(Comparison comparison, double value, double threshold);

// "indicator OP threshold", e.g. incidence_7d_per_100k >= 500.
struct Condition {
  Indicator indicator = Indicator::kIncidence7dPer100k;
  Comparison comparison = Comparison::kAtLeast;
  double threshold = 0;
  int line = 0;  // where it was written, for messages; 0 when built in code

  // "incidence_7d_per_100k >= 500"
  std::string ToString() const;
  bool operator==(const Condition& other) const {
    return indicator == other.indicator && comparison == other.comparison &&
           threshold == other.threshold;
  }
};

struct Level {
  std::string key;                    // e.g. "maximum_emergency": names it in files and decisions
  std::string name;                   // for people, e.g. "Maximum emergency"
  std::vector<std::string> measures;  // what the level means: movement limits, isolation, ...
  std::vector<Condition> raise;       // any one, held long enough, raises a region to this level
  std::vector<Condition> lower;       // all of them, held long enough, lower it one level
  std::optional<int> min_days;        // the least days at this level before lowering
};

struct LevelRules {
  std::string version;         // the file's own version string, recorded with every decision
  int region_level = 1;        // the regions evaluated: the tree level (1: provinces)
  int raise_after_days = 3;    // consecutive days a raise condition must hold
  int lower_after_days = 7;    // consecutive days all lower conditions must hold
  int min_days_at_level = 14;  // the least days at a level before lowering, unless a level says
  std::vector<Level> levels;   // lowest first; at least two

  // The level's index, or nullopt for an unknown key.
  std::optional<int> IndexOf(std::string_view key) const;
  int MinDaysAt(int level_idx) const {
    return levels[static_cast<size_t>(level_idx)].min_days.value_or(min_days_at_level);
  }
  // "normal, heightened, maximum_emergency" for messages.
  std::string KeyList() const;
};

// Parses and validates a rules file. On any mistake returns kInvalidArgument with one detail per
// mistake, every one of them, each as "FILE:LINE: FIELD: reason".
Result<LevelRules> ParseLevelRules(std::string_view text, std::string_view file);

}  // namespace outbreak::levels
