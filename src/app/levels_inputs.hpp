#pragma once
// The requests of prevention levels that come from outside, each declared once
// (record/record.hpp): a decision on a proposal, a level set directly, a run of the rules, a task
// marked done and a rules or programmes document. Their request bodies and API schemas are
// derived from these.

#include <optional>
#include <string>

#include "app/levels_service.hpp"
#include "core/date.hpp"
#include "record/record.hpp"

namespace outbreak::app {

std::string_view OutcomeName(LevelOutcome outcome);
const record::Record<DecisionInput>& DecisionRecord();

// A region's level set directly, from `day` (the latest reporting day when not given).
struct LevelSetting {
  std::string region;
  std::string level;
  std::optional<Date> day;
  std::string reason;
};
const record::Record<LevelSetting>& LevelSettingRecord();

// The rules run on the regions under `region` (the caller's home region when empty) as of a day
// (the latest with data when not given).
struct EvaluateInput {
  std::string region;
  std::optional<Date> as_of;
};
const record::Record<EvaluateInput>& EvaluateRecord();

struct TaskDoneInput {
  std::string note;
};
const record::Record<TaskDoneInput>& TaskDoneRecord();

// A rules or programmes document to load, or only to check (`dry_run`).
struct DocumentInput {
  std::string text;
  std::string source;  // its name in messages; "<kind>.txt" when not given
  bool dry_run = false;
  std::string reason;
};
const record::Record<DocumentInput>& DocumentRecord();

}  // namespace outbreak::app
