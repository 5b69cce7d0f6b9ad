#pragma once
// The prevention-level engine: from a region's indicators, its current level and a day, whether
// the rules propose to move it, to which level, and on what evidence. Deterministic and pure: the
// day is passed in, nothing is read or written.
//
// On day D, a region at level i since day S (no S: it has always been there):
//   1. Raise. For each level j above i, highest first: when on every one of the
//      `raise_after_days` days ending on D at least one of j's raise conditions holds, propose j.
//      A region may jump several levels at once.
//   2. Lower. Otherwise, when i is above the lowest level, has lower conditions, the region has
//      been at i for at least MinDaysAt(i) days (D - S), and on every one of the
//      `lower_after_days` days ending on D every lower condition of i holds, propose i - 1. One
//      level at a time: the next step down waits its own minimum time.
//   3. Otherwise nothing.
// A missing indicator (no value that day) makes its condition not fire: it never helps a raise,
// and in a lowering it is left out, neither holding the lowering back nor allowing it; a day on
// which every lower condition's indicator is missing does not count towards a lowering. A day
// outside the indicator series counts as not holding.

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "levels/indicators.hpp"
#include "levels/level_rules.hpp"

namespace outbreak::levels {

struct LevelState {
  int level_idx = 0;
  std::optional<Date> since;  // when the region came to the level; nullopt: always there
};

// A condition that held on the day of a proposal, with the indicator's value.
struct Trigger {
  Condition condition;
  double value = 0;
};

struct LevelChange {
  std::string region;
  Date day;
  int from_idx = 0;
  int to_idx = 0;
  std::vector<Trigger> triggers;  // the conditions that held on `day`

  bool raise() const { return to_idx > from_idx; }
};

std::optional<LevelChange> Evaluate(const LevelRules& rules, const RegionIndicators& indicators,
                                    const LevelState& state, Date day);

// Every change the rules would have made from `from` to `to` (both included) had every proposal
// been accepted on its day, each region starting at `initial` (by default the lowest level, since
// always). By day, then region code.
std::vector<LevelChange> Replay(const LevelRules& rules, const IndicatorTable& table, Date from,
                                Date to, const LevelState& initial = {});

// A value as messages show it: whole above 100, two decimals above 1, three below.
std::string FormatIndicatorValue(double value);

// "incidence_7d_per_100k 612 >= 500; rt_upper 1.42 >= 1.3"
std::string DescribeTriggers(const std::vector<Trigger>& triggers);

}  // namespace outbreak::levels
