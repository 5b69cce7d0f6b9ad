#pragma once
// What the prevention-level reads answer, as plain values: a region's level, proposals,
// decisions, tasks, a replay, and the situation report's section. Filled by the app
// (app/levels_service.hpp) and rendered by report/levels_render.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "levels/action_programme.hpp"
#include "levels/level_engine.hpp"
#include "levels/level_rules.hpp"

namespace outbreak::levels {

// A region's level on a day, from the decisions on it and on its ancestors (the latest wins).
struct RegionLevel {
  std::string region;
  int level_idx = 0;
  std::string level;          // its key
  std::optional<Date> since;  // the day the region came to it; nullopt: no decision yet
  std::string set_on;         // the region whose decision set it ("" when none: the lowest)
  int64_t decision_id = 0;    // that decision (0 when none)
};

struct ProposalView {
  int64_t id = 0;
  std::string region;
  Date day;
  std::string from_level;
  std::string to_level;
  std::string status;  // pending, accepted, rejected, overridden, superseded
  std::string rules_version;
  std::vector<Trigger> triggers;
  std::string created_by;
  std::string created_at;
  int64_t decision_id = 0;
};

struct DecisionView {
  int64_t id = 0;
  int64_t proposal_id = 0;  // 0: set directly
  std::string region;
  Date day;
  std::string outcome;  // accepted, rejected, overridden, set
  std::string from_level;
  std::string to_level;
  std::string reason;
  std::string rules_version;
  std::string programmes_version;
  std::string decided_by;
  std::string decided_at;
  int64_t tasks = 0;  // tasks created with it
};

struct TaskView {
  int64_t id = 0;
  int64_t decision_id = 0;
  std::string region;
  std::string level;
  std::string title;
  std::string unit;
  Date due;
  TaskState state = TaskState::kOpen;
  std::string done_by;
  std::string done_at;
  std::string note;
};

// The rules' timeline over a period, as if every proposal had been accepted.
struct ReplayView {
  Date from;
  Date to;
  std::string rules_version;
  std::vector<std::string> levels;   // keys, lowest first
  std::vector<std::string> regions;  // evaluated, by code
  std::vector<LevelChange> changes;  // by day, then region
};

// The indicators of regions on one day, with the region's level then.
struct IndicatorsView {
  Date as_of;
  std::vector<RegionLevel> levels;
  std::vector<IndicatorValues> values;  // parallel to levels
};

// The situation report's section: proposals waiting for a decision and tasks past their
// deadline, in the report's region.
struct PreventionSummary {
  Date as_of;
  std::vector<ProposalView> pending;  // made on or before the report's day
  std::vector<TaskView> overdue;      // not done, due before the report's day
};

}  // namespace outbreak::levels
