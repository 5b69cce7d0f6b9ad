// outbreak guidance roster | plan | plans | show | adopt | teams | checklist (the field commands,
// visits, findings and the report, are in guidance_field_commands.cpp).

#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "app/file_text.hpp"
#include "app/guidance_demo.hpp"
#include "app/open_store.hpp"
#include "cli/cli_state.hpp"
#include "report/guidance_render.hpp"
#include "report/tables.hpp"

namespace outbreak::cli {

namespace {

struct PlanOptions {
  std::vector<std::string> pins;      // OFFICIAL=AREA
  std::vector<std::string> excluded;  // OFFICIAL
  std::vector<std::string> groups;    // CODE=P1+P2
  std::vector<std::string> needs;     // AREA=EXPERTISE[;EXPERTISE]
  std::vector<std::string> require;   // EXPERTISE, every area
  std::string needs_file;
  guidance::TeamRules rules;
  bool adopt = false;
  int64_t plan = 0;
  std::string title = "Survey checklist";
};

struct GuidanceServices {
  std::unique_ptr<app::SurveillanceService> surveillance;
  std::unique_ptr<app::GuidanceService> guidance;
};

Result<GuidanceServices> Open(CliState& s) {
  GuidanceServices out;
  auto surveillance = s.Open();
  if (!surveillance.ok()) return surveillance.status();
  out.surveillance = std::move(*surveillance);
  auto guidance = OpenGuidance(s, *out.surveillance);
  if (!guidance.ok()) return guidance.status();
  out.guidance = std::move(*guidance);
  return out;
}

void FormatOption(CLI::App* command, std::string& format) {
  command->add_option("--format", format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
}

int Print(const std::string& format, const boost::json::value& json, const std::string& text) {
  std::fputs(format == "json" ? report::JsonText(json).c_str() : text.c_str(), stdout);
  return 0;
}

std::string RootOf(const app::SurveillanceService& surveillance) {
  return surveillance.WithTree([](const RegionTree& tree) {
    return tree.empty() ? std::string() : tree.region(tree.root()).code;
  });
}

// "A=B" -> {A, B}; an error names the option and the text.
Status SplitPair(const std::string& option, const std::string& text, std::string& left,
                 std::string& right) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) {
    return Status::InvalidArgument(fmt::format("{}: \"{}\" is not NAME=VALUE", option, text));
  }
  left = text.substr(0, eq);
  right = text.substr(eq + 1);
  return Status::Ok();
}

Result<app::TeamPlanRequest> BuildRequest(const PlanOptions& o,
                                          const app::SurveillanceService& surveillance) {
  app::TeamPlanRequest request;
  std::vector<std::string> errors;
  for (const std::string& pin : o.pins) {
    std::string official, area;
    if (Status st = SplitPair("--pin", pin, official, area); !st.ok()) {
      errors.push_back(st.message());
    } else {
      request.pins.push_back({official, area});
    }
  }
  request.excluded = o.excluded;
  for (const std::string& group : o.groups) {
    std::string code, provinces;
    if (Status st = SplitPair("--group", group, code, provinces); !st.ok()) {
      errors.push_back(st.message());
      continue;
    }
    app::AreaGroup g{code, code, {}};
    size_t start = 0;
    while (start <= provinces.size()) {
      size_t end = provinces.find('+', start);
      if (end == std::string::npos) end = provinces.size();
      if (end > start) g.provinces.push_back(provinces.substr(start, end - start));
      start = end + 1;
    }
    request.groups.push_back(std::move(g));
  }
  if (!o.needs_file.empty()) {
    auto needs = app::ReadNeedsFile(surveillance, o.needs_file);
    if (!needs.ok()) return needs.status();
    request.needs = std::move(*needs);
  }
  for (const std::string& need : o.needs) {
    std::string area, fields;
    if (Status st = SplitPair("--need", need, area, fields); !st.ok()) {
      errors.push_back(st.message());
      continue;
    }
    std::vector<std::string> unknown;
    for (std::string& field : guidance::SplitExpertise(fields, unknown)) {
      request.needs[area].push_back(std::move(field));
    }
    for (const std::string& field : unknown) {
      errors.push_back(
          fmt::format("--need: \"{}\" is not one of {}", field, guidance::ExpertiseList()));
    }
  }
  for (const std::string& field : o.require) {
    if (!guidance::IsExpertise(field)) {
      errors.push_back(
          fmt::format("--require: \"{}\" is not one of {}", field, guidance::ExpertiseList()));
    }
    request.default_needs.push_back(field);
  }
  request.rules = o.rules;
  request.adopt = o.adopt;
  if (!errors.empty()) {
    std::string message = fmt::format("{} error(s) in the options", errors.size());
    return Status::InvalidArgument(std::move(message), std::move(errors));
  }
  return request;
}

int PrintPlan(CliState& s, GuidanceServices& services, const store::GuidancePlanRecord& plan) {
  auto roster = services.guidance->Roster(RootOf(*services.surveillance));
  if (!roster.ok()) return Fail(roster.status());
  const boost::json::object json = report::GuidancePlanJson(plan, *roster);
  return Print(s.format, json, report::RenderGuidancePlanText(json));
}

}  // namespace

Result<std::unique_ptr<app::GuidanceService>> OpenGuidance(
    const CliState& state, const app::SurveillanceService& surveillance) {
  Result<std::unique_ptr<store::Store>> store = app::OpenStore(state.config.database);
  if (!store.ok()) return store.status();
  return std::make_unique<app::GuidanceService>(std::move(*store), surveillance, state.clock);
}

void AddGuidanceCommands(CLI::App& app, CliState& s) {
  auto o = std::make_shared<PlanOptions>();
  CLI::App* guidance = app.add_subcommand(
      "guidance",
      "Guidance teams: the roster of officials, team plans, survey checklists, visits, findings "
      "and the report to the plenary meeting");
  guidance->require_subcommand(1);

  CLI::App* roster = guidance->add_subcommand("roster", "The roster of officials: import, list");
  roster->require_subcommand(1);
  CLI::App* import = roster->add_subcommand(
      "import",
      "Add or replace officials from CSV: code,name,position,home[,expertise,available,user]. "
      "One bad row and nothing is imported.");
  import->add_option("FILE", s.file, "Roster CSV file")->required();
  import->callback([&s] {
    s.action = [&s] {
      auto services = Open(s);
  if (!services.ok()) return Fail(services.status());
  Result<std::string> text = app::ReadFileText(s.file);
  if (!text.ok()) return Fail(text.status());
  auto counts = services->guidance->ImportRoster(*text, s.file, {s.user, s.reason, s.file});
  if (!counts.ok()) return Fail(counts.status());
  std::printf("%s: %lld added, %lld updated, %lld unchanged\n", s.file.c_str(),
              static_cast<long long>(counts->added), static_cast<long long>(counts->updated),
              static_cast<long long>(counts->unchanged));
  return 0;
};
}  // namespace outbreak::cli
);
CLI::App* list = roster->add_subcommand("list", "Officials whose home is under a region");
list->add_option("--region", s.region, "Region code (default: the whole country)");
FormatOption(list, s.format);
list->callback([&s] {
  s.action = [&s] {
    auto services = Open(s);
    if (!services.ok()) return Fail(services.status());
    auto officials = services->guidance->Roster(s.RegionOr(*services->surveillance));
    if (!officials.ok()) return Fail(officials.status());
    boost::json::array items;
    for (const auto& official : *officials) items.push_back(report::OfficialJson(official));
    return Print(s.format, boost::json::object{{"officials", items}},
                 report::RenderRosterText(*officials));
  };
});

CLI::App* plan = guidance->add_subcommand(
    "plan",
    "Form the teams and allocate the areas with COIN-OR CBC: one team per province (or group), "
    "each led by a Presidium member or a secretary, with department officials and the "
    "expertise its area needs, nobody in his home province; the largest workload per member "
    "as small as it can be. Stored as proposed (--adopt to adopt it). When the rules cannot "
    "all be met, says which rule fails for which province.");
plan->add_option("--pin", o->pins, "Keep OFFICIAL in AREA's team (OFFICIAL=AREA; repeatable)");
plan->add_option("--exclude", o->excluded, "Leave OFFICIAL out (repeatable)");
plan->add_option("--needs", o->needs_file, "CSV area,needs: expertise each area's team needs");
plan->add_option("--need", o->needs, "AREA=EXPERTISE[;EXPERTISE] (repeatable)");
plan->add_option("--require", o->require, "EXPERTISE every team needs (repeatable)");
plan->add_option("--group", o->groups, "One team for several provinces: CODE=KP-13+KP-09");
plan->add_option("--min-size", o->rules.min_size, "Fewest members of a team")
    ->check(CLI::Range(1, 50))
    ->capture_default_str();
plan->add_option("--max-size", o->rules.max_size, "Most members of a team")
    ->check(CLI::Range(1, 50))
    ->capture_default_str();
plan->add_option("--min-department", o->rules.min_department_officials,
                 "Fewest department officials in a team")
    ->check(CLI::Range(0, 50))
    ->capture_default_str();
plan->add_option("--population-weight", o->rules.population_weight,
                 "Workload points per 100,000 people")
    ->capture_default_str();
plan->add_option("--county-weight", o->rules.county_weight,
                 "Workload points per city, county or district")
    ->capture_default_str();
plan->add_option("--finding-weight", o->rules.open_finding_weight,
                 "Workload points per open finding")
    ->capture_default_str();
plan->add_flag("--adopt", o->adopt, "Adopt the plan at once");
FormatOption(plan, s.format);
plan->callback([&s, o] {
  s.action = [&s, o] {
    auto services = Open(s);
    if (!services.ok()) return Fail(services.status());
    auto request = BuildRequest(*o, *services->surveillance);
    if (!request.ok()) return Fail(request.status());
    auto made = services->guidance->Plan(*request, {s.user, s.reason, "cli"});
    if (!made.ok()) return Fail(made.status());
    return PrintPlan(s, *services, *made);
  };
});

CLI::App* plans = guidance->add_subcommand("plans", "The team plans, newest first");
plans->callback([&s] {
  s.action = [&s] {
    auto services = Open(s);
    if (!services.ok()) return Fail(services.status());
    auto all = services->guidance->Plans();
    if (!all.ok()) return Fail(all.status());
    std::fputs(report::RenderGuidancePlanListText(*all).c_str(), stdout);
    return 0;
  };
});
CLI::App* show = guidance->add_subcommand("show", "A team plan with its teams");
show->add_option("PLAN", o->plan, "Plan number")->required();
FormatOption(show, s.format);
show->callback([&s, o] {
  s.action = [&s, o] {
    auto services = Open(s);
    if (!services.ok()) return Fail(services.status());
    auto found = services->guidance->FindPlan(o->plan);
    if (!found.ok()) return Fail(found.status());
    return PrintPlan(s, *services, *found);
  };
});
CLI::App* adopt = guidance->add_subcommand(
    "adopt", "Adopt a proposed team plan; the plan adopted before is superseded");
adopt->add_option("PLAN", o->plan, "Plan number")->required();
adopt->callback([&s, o] {
  s.action = [&s, o] {
    auto services = Open(s);
    if (!services.ok()) return Fail(services.status());
    auto adopted = services->guidance->Adopt(o->plan, {s.user, s.reason, "cli"});
    if (!adopted.ok()) return Fail(adopted.status());
    std::printf("team plan %lld adopted: %zu team(s)\n", static_cast<long long>(adopted->id),
                adopted->teams.size());
    return 0;
  };
});
CLI::App* teams = guidance->add_subcommand("teams", "The teams of the adopted plan");
FormatOption(teams, s.format);
teams->callback([&s] {
  s.action = [&s] {
    auto services = Open(s);
    if (!services.ok()) return Fail(services.status());
    auto adopted = services->guidance->AdoptedPlan();
    if (!adopted.ok()) return Fail(adopted.status());
    if (!adopted->has_value()) {
      return Fail(Status::NotFound("no team plan is adopted (outbreak guidance plan --adopt)"));
    }
    return PrintPlan(s, *services, **adopted);
  };
});

CLI::App* checklist =
    guidance->add_subcommand("checklist", "Survey checklists: import a new version, list");
checklist->require_subcommand(1);
CLI::App* checklist_import = checklist->add_subcommand(
    "import",
    "A new checklist version from CSV: question,topic,text,answer_type (yes_no, number, "
    "rating, text). Answers recorded against older versions stay as they are.");
checklist_import->add_option("FILE", s.file, "Checklist CSV file")->required();
checklist_import->add_option("--title", o->title, "Title of the version")->capture_default_str();
checklist_import->callback([&s, o] {
  s.action = [&s, o] {
    auto services = Open(s);
    if (!services.ok()) return Fail(services.status());
    Result<std::string> text = app::ReadFileText(s.file);
    if (!text.ok()) return Fail(text.status());
    auto written =
        services->guidance->ImportChecklist(*text, s.file, o->title, {s.user, s.reason, s.file});
    if (!written.ok()) return Fail(written.status());
    std::printf("%s: checklist version %d%s, %zu question(s)\n", s.file.c_str(),
                written->checklist.version,
                written->created ? " added" : " unchanged (same as the latest)",
                written->checklist.questions.size());
    return 0;
  };
});
CLI::App* checklist_list = checklist->add_subcommand("list", "Every checklist version");
FormatOption(checklist_list, s.format);
checklist_list->callback([&s] {
  s.action = [&s] {
    auto services = Open(s);
    if (!services.ok()) return Fail(services.status());
    auto all = services->guidance->Checklists();
    if (!all.ok()) return Fail(all.status());
    boost::json::array items;
    for (const auto& c : *all) items.push_back(report::ChecklistJson(c));
    return Print(s.format, boost::json::object{{"checklists", items}},
                 report::RenderChecklistsText(*all));
  };
});

AddGuidanceFieldCommands(*guidance, s);
}

}  // namespace outbreak::cli
