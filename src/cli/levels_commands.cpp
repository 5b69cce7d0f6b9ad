// outbreak levels ...: prevention levels, their rules and action programmes, proposals,
// decisions, the replay of the rules, and the tasks.

#include <cstdio>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "app/file_text.hpp"
#include "app/indicator_source.hpp"
#include "app/levels_service.hpp"
#include "app/open_store.hpp"
#include "cli/cli_state.hpp"
#include "report/levels_render.hpp"
#include "report/tables.hpp"

namespace outbreak::cli {

namespace {

struct LevelsOptions {
  int64_t id = 0;
  bool accept = false;
  bool reject = false;
  std::string level;
  std::string status;
  std::string day;
  std::string note;
  std::string rules_file;
  bool overdue = false;
};

// What a levels command needs, opened in order and destroyed in reverse.
struct LevelServices {
  CareServices care;
  std::unique_ptr<app::SupplyService> supply;  // medicine days of cover
  std::unique_ptr<app::IndicatorSource> indicators;
  std::unique_ptr<app::LevelsService> levels_service;
};

Result<LevelServices> OpenLevelServices(CliState& s) {
  LevelServices out;
  auto care = OpenCareServices(s);
  if (!care.ok()) return care.status();
  out.care = std::move(*care);
  auto supply = OpenSupply(s, *out.care.surveillance, out.care.analytics.get());
  if (!supply.ok()) return supply.status();
  out.supply = std::move(*supply);
  out.indicators = std::make_unique<app::IndicatorSource>(*out.care.surveillance,
                                                          *out.care.analytics, out.care.care.get());
  out.indicators->SetMedicineCoverProvider(app::MedicineCoverOf(*out.supply));
  auto levels_service = OpenLevels(s, *out.care.surveillance, *out.indicators);
  if (!levels_service.ok()) return levels_service.status();
  out.levels_service = std::move(*levels_service);
  return out;
}

std::optional<Date> OptionalDate(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return Date::Parse(text);
}

app::Actor ActorOf(const CliState& s, const std::string& source = "cli") {
  return {s.user, s.reason, source};
}

int Print(const CliState& s, const boost::json::value& json, const std::string& text) {
  std::fputs(s.format == "json" ? report::JsonText(json).c_str() : text.c_str(), stdout);
  return 0;
}

void FormatOption(CLI::App* command, std::string& format) {
  command->add_option("--format", format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
}

void RegionOption(CLI::App* command, CliState& s) {
  command->add_option("--region", s.region, "Region code (default: the whole country)");
}

// `outbreak levels rules|programmes check|load|show`.
void AddDocumentCommands(CLI::App& levels, CliState& s, const std::string& kind) {
  const bool rules = kind == "rules";
  CLI::App* group = levels.add_subcommand(
      kind, rules ? "The rules file: levels, measures and the thresholds that move a region"
                  : "The action programmes file: the tasks of each level");
  group->require_subcommand(1);
  CLI::App* check = group->add_subcommand(
      "check", "Validate a file and list every mistake (file:line: field: reason); writes nothing");
  check->add_option("FILE", s.file, "The file")->required();
  check->callback([&s, rules] {
    s.action = [&s, rules] {
      Result<std::string> text = app::ReadFileText(s.file);
      if (!text.ok()) return Fail(text.status());
      if (rules) {
        auto parsed = levels::ParseLevelRules(*text, s.file);
        if (!parsed.ok()) return Fail(parsed.status());
        std::printf("%s: rules %s are valid: %zu levels\n", s.file.c_str(), parsed->version.c_str(),
                    parsed->levels.size());
        return 0;
      }
      auto services = OpenLevelServices(s);
      if (!services.ok()) return Fail(services.status());
      auto parsed = services->levels_service->CheckProgrammes(*text, s.file);
      if (!parsed.ok()) return Fail(parsed.status());
      std::printf("%s: action programmes %s are valid\n", s.file.c_str(), parsed->version.c_str());
      return 0;
    };
  });
  CLI::App* load = group->add_subcommand(
      "load", rules ? "Validate and put a rules file in force (kept with its version)"
                    : "Validate and put an action programmes file in force");
  load->add_option("FILE", s.file, "The file")->required();
  load->add_option("--reason", s.reason, "Why the file changes");
  load->callback([&s, rules] {
    s.action = [&s, rules] {
      Result<std::string> text = app::ReadFileText(s.file);
      if (!text.ok()) return Fail(text.status());
      auto services = OpenLevelServices(s);
      if (!services.ok()) return Fail(services.status());
      auto loaded =
          rules ? services->levels_service->LoadRules(*text, s.file, ActorOf(s, s.file))
                : services->levels_service->LoadProgrammes(*text, s.file, ActorOf(s, s.file));
      if (!loaded.ok()) return Fail(loaded.status());
      std::printf("%s: %s %s in force\n", s.file.c_str(), rules ? "rules" : "action programmes",
                  loaded->version.c_str());
      return 0;
    };
  });
  CLI::App* show = group->add_subcommand("show", "The file in force");
  FormatOption(show, s.format);
  show->callback([&s, rules] {
    s.action = [&s, rules] {
      auto services = OpenLevelServices(s);
      if (!services.ok()) return Fail(services.status());
      if (rules) {
        auto in_force = services->levels_service->Rules();
        if (!in_force) return Fail(Status::NotFound("no rules are loaded"));
        return Print(s, report::LevelRulesJson(*in_force), report::RenderLevelRulesText(*in_force));
      }
      auto in_force = services->levels_service->Programmes();
      auto document = services->levels_service->Document("programmes");
      if (!in_force || !document.ok() || !document->has_value()) {
        return Fail(Status::NotFound("no action programmes are loaded"));
      }
      return Print(s, report::ProgrammesJson(*in_force), (*document)->text);
    };
  });
}

int RunDecide(CliState& s, const LevelsOptions& o) {
  const int chosen = (o.accept ? 1 : 0) + (o.reject ? 1 : 0) + (o.level.empty() ? 0 : 1);
  if (chosen != 1) {
    return Fail(Status::InvalidArgument("choose one of --accept, --reject or --level LEVEL"));
  }
  auto services = OpenLevelServices(s);
  if (!services.ok()) return Fail(services.status());
  app::DecisionInput input;
  input.outcome = o.accept   ? app::LevelOutcome::kAccept
                  : o.reject ? app::LevelOutcome::kReject
                             : app::LevelOutcome::kOverride;
  input.level = o.level;
  input.reason = s.reason;
  auto decision = services->levels_service->Decide(o.id, input, ActorOf(s));
  if (!decision.ok()) return Fail(decision.status());
  const RegionTree& tree = services->care.surveillance->tree();
  return Print(s, report::DecisionJson(*decision, tree),
               report::RenderDecisionsText({*decision}, tree));
}

}  // namespace

Result<std::unique_ptr<app::LevelsService>> OpenLevels(const CliState& state,
                                                       const app::SurveillanceService& surveillance,
                                                       const app::IndicatorSource& indicators) {
  Result<std::unique_ptr<store::Store>> store = app::OpenStore(state.config.database);
  if (!store.ok()) return store.status();
  return app::LevelsService::Open(std::move(*store), surveillance, indicators, state.clock);
}

void AddLevelsCommands(CLI::App& app, CliState& s) {
  auto o = std::make_shared<LevelsOptions>();
  CLI::App* levels = app.add_subcommand(
      "levels",
      "Prevention levels: rules, indicators, proposals and decisions, the replay of the rules, "
      "and the tasks of the action programmes (docs/levels.md)");
  levels->require_subcommand(1);
  AddDocumentCommands(*levels, s, "rules");
  AddDocumentCommands(*levels, s, "programmes");

  CLI::App* show = levels->add_subcommand(
      "show", "The level of a region and of the regions the rules evaluate under it");
  RegionOption(show, s);
  show->add_option("--as-of", s.as_of, "Day (default: the latest with data)")
      ->check(DateValidator());
  FormatOption(show, s.format);
  show->callback([&s] {
    s.action = [&s] {
      auto services = OpenLevelServices(s);
      if (!services.ok()) return Fail(services.status());
      const app::SurveillanceService& surveillance = *services->care.surveillance;
      auto result =
          services->levels_service->Levels(s.RegionOr(surveillance), OptionalDate(s.as_of));
      if (!result.ok()) return Fail(result.status());
      boost::json::array items;
      for (const auto& level : *result)
        items.push_back(report::RegionLevelJson(level, surveillance.tree()));
      return Print(s, boost::json::object{{"levels", std::move(items)}},
                   report::RenderLevelsText(*result, surveillance.tree()));
    };
  });

  CLI::App* indicators = levels->add_subcommand(
      "indicators", "The indicators the rules read, for the regions they evaluate, on a day");
  RegionOption(indicators, s);
  indicators->add_option("--as-of", s.as_of, "Day (default: the latest with data)")
      ->check(DateValidator());
  FormatOption(indicators, s.format);
  indicators->callback([&s] {
    s.action = [&s] {
      auto services = OpenLevelServices(s);
      if (!services.ok()) return Fail(services.status());
      const app::SurveillanceService& surveillance = *services->care.surveillance;
      auto result =
          services->levels_service->Indicators(s.RegionOr(surveillance), OptionalDate(s.as_of));
      if (!result.ok()) return Fail(result.status());
      return Print(s, report::IndicatorsJson(*result, surveillance.tree()),
                   report::RenderIndicatorsText(*result, surveillance.tree()));
    };
  });

  CLI::App* evaluate = levels->add_subcommand(
      "evaluate", "Run the rules on a day and store what they propose (again: adds nothing)");
  RegionOption(evaluate, s);
  evaluate->add_option("--as-of", s.as_of, "Day (default: the latest with data)")
      ->check(DateValidator());
  FormatOption(evaluate, s.format);
  evaluate->callback([&s] {
    s.action = [&s] {
      auto services = OpenLevelServices(s);
      if (!services.ok()) return Fail(services.status());
      const app::SurveillanceService& surveillance = *services->care.surveillance;
      auto result = services->levels_service->Evaluate(s.RegionOr(surveillance),
                                                       OptionalDate(s.as_of), ActorOf(s));
      if (!result.ok()) return Fail(result.status());
      boost::json::array items;
      for (const auto& p : result->proposed)
        items.push_back(report::ProposalJson(p, surveillance.tree()));
      const std::string text =
          report::RenderProposalsText(result->proposed, surveillance.tree()) +
          fmt::format(
              "{}: {} region(s) evaluated, {} new proposal(s), {} already made, {} "
              "superseded\n",
              result->as_of.ToString(), result->regions, result->proposed.size(), result->kept,
              result->superseded);
      return Print(s,
                   boost::json::object{{"as_of", result->as_of.ToString()},
                                       {"regions", result->regions},
                                       {"proposed", std::move(items)},
                                       {"kept", result->kept},
                                       {"superseded", result->superseded}},
                   text);
    };
  });

  CLI::App* proposals = levels->add_subcommand("proposals", "Level proposals, newest first");
  RegionOption(proposals, s);
  proposals
      ->add_option("--status", o->status,
                   "Only these: pending (default), accepted, "
                   "rejected, overridden, superseded or all")
      ->check(CLI::IsMember({"pending", "accepted", "rejected", "overridden", "superseded", "all"}))
      ->default_str("pending");
  FormatOption(proposals, s.format);
  proposals->callback([&s, o] {
    s.action = [&s, o] {
      auto services = OpenLevelServices(s);
      if (!services.ok()) return Fail(services.status());
      const app::SurveillanceService& surveillance = *services->care.surveillance;
      const std::string status = o->status.empty()    ? "pending"
                                 : o->status == "all" ? ""
                                                      : o->status;
      auto result = services->levels_service->Proposals(s.RegionOr(surveillance), status);
      if (!result.ok()) return Fail(result.status());
      boost::json::array items;
      for (const auto& p : *result) items.push_back(report::ProposalJson(p, surveillance.tree()));
      return Print(s, boost::json::object{{"proposals", std::move(items)}},
                   report::RenderProposalsText(*result, surveillance.tree()));
    };
  });

  CLI::App* decide = levels->add_subcommand(
      "decide", "Accept, reject or override (--level) a pending proposal, with a reason");
  decide->add_option("ID", o->id, "The proposal")->required();
  decide->add_flag("--accept", o->accept, "Move the region as proposed");
  decide->add_flag("--reject", o->reject, "Keep the region at its level");
  decide->add_option("--level", o->level, "Move the region to this level instead");
  decide->add_option("--reason", s.reason, "Why")->required();
  FormatOption(decide, s.format);
  decide->callback([&s, o] { s.action = [&s, o] { return RunDecide(s, *o); }; });

  CLI::App* set = levels->add_subcommand(
      "set", "Set a region's level directly (a headquarters decision without a proposal)");
  set->add_option("--region", s.region, "Region code")->required();
  set->add_option("--level", o->level, "The level")->required();
  set->add_option("--day", o->day, "The day it takes effect (default: the latest with data)")
      ->check(DateValidator());
  set->add_option("--reason", s.reason, "Why")->required();
  FormatOption(set, s.format);
  set->callback([&s, o] {
    s.action = [&s, o] {
      auto services = OpenLevelServices(s);
      if (!services.ok()) return Fail(services.status());
      const app::SurveillanceService& surveillance = *services->care.surveillance;
      const Date day = OptionalDate(o->day).value_or(surveillance.LatestDay());
      auto decision =
          services->levels_service->SetLevel(s.region, o->level, day, s.reason, ActorOf(s));
      if (!decision.ok()) return Fail(decision.status());
      return Print(s, report::DecisionJson(*decision, surveillance.tree()),
                   report::RenderDecisionsText({*decision}, surveillance.tree()));
    };
  });

  CLI::App* history = levels->add_subcommand(
      "history", "Every decision on a region, its ancestors and the regions under it");
  RegionOption(history, s);
  FormatOption(history, s.format);
  history->callback([&s] {
    s.action = [&s] {
      auto services = OpenLevelServices(s);
      if (!services.ok()) return Fail(services.status());
      const app::SurveillanceService& surveillance = *services->care.surveillance;
      auto result = services->levels_service->History(s.RegionOr(surveillance));
      if (!result.ok()) return Fail(result.status());
      boost::json::array items;
      for (const auto& d : *result) items.push_back(report::DecisionJson(d, surveillance.tree()));
      return Print(s, boost::json::object{{"decisions", std::move(items)}},
                   report::RenderDecisionsText(*result, surveillance.tree()));
    };
  });

  CLI::App* replay = levels->add_subcommand(
      "replay",
      "When each region would have moved had every proposal been accepted (writes "
      "nothing)");
  RegionOption(replay, s);
  replay->add_option("--from", s.from, "First day (default: the first with data)")
      ->check(DateValidator());
  replay->add_option("--to", s.to, "Last day (default: the latest with data)")
      ->check(DateValidator());
  replay->add_option("--rules", o->rules_file, "A rules file to replay instead of those in force");
  replay->add_option("--format", s.format, "text, markdown or json")
      ->check(CLI::IsMember({"text", "markdown", "json"}))
      ->default_str("text");
  replay->callback([&s, o] {
    s.action = [&s, o] {
      std::optional<levels::LevelRules> rules;
      if (!o->rules_file.empty()) {
        Result<std::string> text = app::ReadFileText(o->rules_file);
        if (!text.ok()) return Fail(text.status());
        auto parsed = levels::ParseLevelRules(*text, o->rules_file);
        if (!parsed.ok()) return Fail(parsed.status());
        rules = std::move(*parsed);
      }
      auto services = OpenLevelServices(s);
      if (!services.ok()) return Fail(services.status());
      const app::SurveillanceService& surveillance = *services->care.surveillance;
      auto result = services->levels_service->Replay(s.RegionOr(surveillance), OptionalDate(s.from),
                                                     OptionalDate(s.to), rules);
      if (!result.ok()) return Fail(result.status());
      const RegionTree& tree = surveillance.tree();
      if (s.format == "markdown") {
        std::fputs(report::RenderReplayMarkdown(*result, tree).c_str(), stdout);
        return 0;
      }
      return Print(s, report::ReplayJson(*result, tree), report::RenderReplayText(*result, tree));
    };
  });

  CLI::App* tasks = levels->add_subcommand(
      "tasks", "The tasks of the action programmes: open, done, overdue by today's date");
  RegionOption(tasks, s);
  tasks->add_flag("--overdue", o->overdue, "Only the overdue ones");
  FormatOption(tasks, s.format);
  tasks->callback([&s, o] {
    s.action = [&s, o] {
      auto services = OpenLevelServices(s);
      if (!services.ok()) return Fail(services.status());
      const app::SurveillanceService& surveillance = *services->care.surveillance;
      auto result = services->levels_service->Tasks(s.RegionOr(surveillance), o->overdue);
      if (!result.ok()) return Fail(result.status());
      boost::json::array items;
      for (const auto& t : *result) items.push_back(report::TaskJson(t, surveillance.tree()));
      return Print(s, boost::json::object{{"tasks", std::move(items)}},
                   report::RenderTasksText(*result, surveillance.tree()));
    };
  });

  CLI::App* task = levels->add_subcommand("task", "One task of an action programme");
  task->require_subcommand(1);
  CLI::App* done = task->add_subcommand("done", "Mark a task done (who and when are recorded)");
  done->add_option("ID", o->id, "The task")->required();
  done->add_option("--note", o->note, "What was done");
  FormatOption(done, s.format);
  done->callback([&s, o] {
    s.action = [&s, o] {
      auto services = OpenLevelServices(s);
      if (!services.ok()) return Fail(services.status());
      auto result = services->levels_service->CompleteTask(o->id, o->note, ActorOf(s));
      if (!result.ok()) return Fail(result.status());
      const RegionTree& tree = services->care.surveillance->tree();
      return Print(s, report::TaskJson(*result, tree), report::RenderTasksText({*result}, tree));
    };
  });
}

}  // namespace outbreak::cli
