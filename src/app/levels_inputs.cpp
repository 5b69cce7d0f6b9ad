#include "app/levels_inputs.hpp"

namespace outbreak::app {

using access::Permission;
using record::Choice;
using record::Code;
using record::DayAt;
using record::Flag;
using record::Text;

std::string_view OutcomeName(LevelOutcome outcome) {
  switch (outcome) {
    case LevelOutcome::kAccept:
      return "accept";
    case LevelOutcome::kReject:
      return "reject";
    case LevelOutcome::kOverride:
      return "override";
  }
  return "accept";
}

const record::Record<DecisionInput>& DecisionRecord() {
  static const record::Record<DecisionInput> kRecord{
      .schema = "LevelDecision",
      .list = "decision",
      .about = "A decision on a pending proposal",
      .fields =
          {
              Choice("decision", &DecisionInput::outcome,
                     {LevelOutcome::kAccept, LevelOutcome::kReject, LevelOutcome::kOverride},
                     OutcomeName),
              Code("level", &DecisionInput::level)
                  .Optional()
                  .About("the level chosen instead (override)"),
              Text("reason", &DecisionInput::reason),
          },
      .permission = Permission::kDecideLevels,
      .check =
          [](const DecisionInput& input, const record::Problem& problem) {
            if (input.outcome == LevelOutcome::kOverride && input.level.empty()) {
              problem("level", "is missing: an override names the level chosen");
            }
          },
  };
  return kRecord;
}

const record::Record<LevelSetting>& LevelSettingRecord() {
  static const record::Record<LevelSetting> kRecord{
      .schema = "LevelSet",
      .list = "level",
      .about = "A region's level set directly; its action programme's tasks follow",
      .fields =
          {
              Code("region", &LevelSetting::region),
              Code("level", &LevelSetting::level),
              DayAt<LevelSetting>(
                  "day", [](auto& s) -> auto& { return s.day; })
                  .About("from this day; the latest reporting day when not given"),
              Text("reason", &LevelSetting::reason),
          },
      .owners = {{"region", ""}},
      .permission = Permission::kDecideLevels,
  };
  return kRecord;
}

const record::Record<EvaluateInput>& EvaluateRecord() {
  static const record::Record<EvaluateInput> kRecord{
      .schema = "EvaluateRequest",
      .list = "evaluation",
      .about = "The rules run on the regions under a region as of a day",
      .fields =
          {
              Code("region", &EvaluateInput::region)
                  .Optional()
                  .About("your home region when not given"),
              DayAt<EvaluateInput>(
                  "as_of", [](auto& e) -> auto& { return e.as_of; })
                  .About("the latest day with data when not given"),
          },
      .owners = {{"region", ""}},
      .permission = Permission::kDecideLevels,
  };
  return kRecord;
}

const record::Record<TaskDoneInput>& TaskDoneRecord() {
  static const record::Record<TaskDoneInput> kRecord{
      .schema = "TaskDone",
      .list = "task",
      .about = "A task marked done",
      .fields = {Text("note", &TaskDoneInput::note).Optional().About("what was done")},
      .permission = Permission::kUpdateTasks,
  };
  return kRecord;
}

// The longest rules or programmes document (a request body is at most 4 MiB).
constexpr size_t kMaxDocumentBytes = 1'000'000;

const record::Record<DocumentInput>& DocumentRecord() {
  static const record::Record<DocumentInput> kRecord{
      .schema = "LevelsDocument",
      .list = "document",
      .about = "A rules or programmes document, loaded or only checked",
      .fields =
          {
              Text("text", &DocumentInput::text)
                  .Longest(kMaxDocumentBytes)
                  .About("the document's text"),
              Text("source", &DocumentInput::source).Optional().About("its name in messages"),
              Flag("dry_run", &DocumentInput::dry_run).About("only check it"),
              Text("reason", &DocumentInput::reason).Optional(),
          },
      .permission = Permission::kDecideLevels,
  };
  return kRecord;
}

}  // namespace outbreak::app
