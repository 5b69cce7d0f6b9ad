#pragma once
// Action programmes: for each prevention level, the tasks a region must carry out when it comes
// to that level (open the district treatment centre, 24-hour pharmacy duty, ...), each with the
// unit responsible and a deadline in days after the decision. Parsed from a text file in the
// format of sectioned_text.hpp (docs/levels.md):
//
//   version = 2022.1
//   [level maximum_emergency]
//   task = 1 | county people's committee | Lock down the county; isolate by work unit
//
// A task line is DAYS | UNIT | TITLE: DAYS a whole number from 0 (the day of the decision) to
// 365. Pure.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/status.hpp"
#include "levels/level_rules.hpp"

namespace outbreak::levels {

struct TaskTemplate {
  int due_after_days = 0;  // the deadline, in days after the day of the decision
  std::string unit;        // who is responsible
  std::string title;       // what is to be done
  int line = 0;            // where it was written
};

struct ActionProgrammes {
  std::string version;
  std::map<std::string, std::vector<TaskTemplate>> tasks;  // by level key, in file order
};

// Parses and validates a programmes file against the levels of `rules`: an unknown level, a bad
// task line, a missing version are errors, every one listed as "FILE:LINE: FIELD: reason".
Result<ActionProgrammes> ParseActionProgrammes(std::string_view text, std::string_view file,
                                               const LevelRules& rules);

// A task to create: a template placed on the calendar.
struct PlannedTask {
  std::string title;
  std::string unit;
  Date due;
};

// The tasks of `level` for a decision taking effect on `day`, in file order.
std::vector<PlannedTask> TasksFor(const ActionProgrammes& programmes, std::string_view level,
                                  Date day);

enum class TaskState { kOpen, kDone, kOverdue };

// "open", "done", "overdue"
std::string_view TaskStateName(TaskState state);
// A task not done is overdue once `today` is after its due day.
TaskState StateOn(Date due, bool done, Date today);

}  // namespace outbreak::levels
