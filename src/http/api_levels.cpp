// Prevention levels: the rules and programmes, regions' levels and indicators, proposals and
// decisions, the replay of the rules, and the tasks of the action programmes.

#include <charconv>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "app/levels_inputs.hpp"
#include "http/api.hpp"
#include "http/json_response.hpp"
#include "http/routes.hpp"
#include "record/record_json.hpp"
#include "report/levels_render.hpp"

namespace outbreak::http {

namespace {

using boost::json::array;
using boost::json::object;

Result<int64_t> IdParam(const RequestContext& context, const std::string& name) {
  const std::string text = context.Param(name);
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value <= 0) {
    return Status::NotFound(fmt::format("{} \"{}\" does not exist", name, text));
  }
  return value;
}

}  // namespace

void LevelsRoutes::Add() {
  using access::Permission;
  router_.AddSchema("LevelDecision", record::Schema(app::DecisionRecord()));
  router_.AddSchema("LevelSet", record::Schema(app::LevelSettingRecord()));
  router_.AddSchema("EvaluateRequest", record::Schema(app::EvaluateRecord()));
  router_.AddSchema("TaskDone", record::Schema(app::TaskDoneRecord()));
  router_.AddSchema("RulesDocument", record::Schema(app::DocumentRecord()));
  router_.AddSchema("ProgrammesDocument", record::Schema(app::DocumentRecord()));
  const ParamDoc region{"region", "string", "Region code (default: your home region)"};
  const ParamDoc as_of{"as_of", "date", "Day (default: the latest with data)"};
  const ParamDoc limit{"limit", "integer", "Page size, 1 to 1000 (default 100)"};
  const ParamDoc offset{"offset", "integer", "Items to skip (default 0)"};
  auto actor = [](const RequestContext& context, const std::string& reason) {
    return app::Actor{context.principal.user, reason, "api", context.request.remote_address};
  };
  // Checks that `code` lies in the caller's region (kForbidden) and exists (kNotFound).
  auto in_scope = [this](RequestContext& context, const std::string& code) -> Status {
    context.path_params["region"] = code;
    Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
    return idx.ok() ? Status::Ok() : idx.status();
  };

  router_.Add({"GET",
               "/api/v1/levels",
               Permission::kReadSurveillance,
               "region",
               {"The prevention level of a region and of the regions the rules evaluate under it",
                "levels",
                {region, as_of},
                "",
                "RegionLevels"},
               [this](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 const std::optional<Date> day = context.Day("as_of");
                 const RegionTree& tree = surveillance_.tree();
                 auto levels = levels_.Levels(tree.region(*idx).code, day);
                 if (!levels.ok()) return ErrorResponse(levels.status());
                 array items;
                 for (const auto& level : *levels)
                   items.push_back(report::RegionLevelJson(level, tree));
                 return JsonResponse(200, object{{"levels", std::move(items)}});
               }});

  for (const bool rules : {true, false}) {
    const std::string kind = rules ? "rules" : "programmes";
    router_.Add({"GET",
                 "/api/v1/levels/" + kind,
                 Permission::kReadSurveillance,
                 "",
                 {rules ? "The prevention rules in force: levels, measures, thresholds"
                        : "The action programmes in force: the tasks of each level",
                  "levels",
                  {},
                  "",
                  rules ? "LevelRules" : "ActionProgrammes"},
                 [this, rules](RequestContext&) {
                   if (rules) {
                     auto in_force = levels_.Rules();
                     if (!in_force) return ErrorResponse(Status::NotFound("no rules are loaded"));
                     return JsonResponse(200, report::LevelRulesJson(*in_force));
                   }
                   auto in_force = levels_.Programmes();
                   if (!in_force) {
                     return ErrorResponse(Status::NotFound("no action programmes are loaded"));
                   }
                   return JsonResponse(200, report::ProgrammesJson(*in_force));
                 }});
    router_.Add(
        {"POST",
         "/api/v1/levels/" + kind,
         Permission::kDecideLevels,
         "",
         {rules ? "Check a rules file ({\"text\", \"source\", \"dry_run\": true}) or put it in "
                  "force (national callers only); every mistake is listed with line and field"
                : "Check an action programmes file or put it in force (national callers only)",
          "levels",
          {},
          rules ? "RulesDocument" : "ProgrammesDocument",
          "LoadedDocument"},
         [this, rules, kind, actor](RequestContext& context) {
           auto body = record::ReadOne(app::DocumentRecord(), context.request.body);
           if (!body.ok()) return ErrorResponse(body.status());
           const std::string& text = body->text;
           std::string source = body->source;
           const bool dry_run = body->dry_run;
           const std::string& reason = body->reason;
           if (source.empty()) source = kind + ".txt";
           if (dry_run) {
             if (rules) {
               auto parsed = levels_.CheckRules(text, source);
               if (!parsed.ok()) return ErrorResponse(parsed.status());
               return JsonResponse(
                   200,
                   object{{"dry_run", true}, {"version", parsed->version}, {"source", source}});
             }
             auto parsed = levels_.CheckProgrammes(text, source);
             if (!parsed.ok()) return ErrorResponse(parsed.status());
             return JsonResponse(
                 200, object{{"dry_run", true}, {"version", parsed->version}, {"source", source}});
           }
           const std::string root = surveillance_.WithTree(
               [](const RegionTree& tree) { return tree.region(tree.root()).code; });
           if (context.principal.region != root) {
             return ErrorResponse(Status::Forbidden(fmt::format(
                 "only callers of the whole country ({}) put {} in force", root, kind)));
           }
           auto loaded = rules ? levels_.LoadRules(text, source, actor(context, reason))
                               : levels_.LoadProgrammes(text, source, actor(context, reason));
           if (!loaded.ok()) return ErrorResponse(loaded.status());
           return JsonResponse(200, object{{"dry_run", false},
                                           {"id", loaded->id},
                                           {"version", loaded->version},
                                           {"source", loaded->source}});
         }});
  }

  router_.Add(
      {"GET",
       "/api/v1/levels/indicators",
       Permission::kReadSurveillance,
       "region",
       {"The indicators the rules read, for the regions they evaluate under a region, on a day",
        "levels",
        {region, as_of},
        "",
        "LevelIndicators"},
       [this](RequestContext& context) {
         Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
         if (!idx.ok()) return ErrorResponse(idx.status());
         const std::optional<Date> day = context.Day("as_of");
         const RegionTree& tree = surveillance_.tree();
         auto view = levels_.Indicators(tree.region(*idx).code, day);
         if (!view.ok()) return ErrorResponse(view.status());
         return JsonResponse(200, report::IndicatorsJson(*view, tree));
       }});

  router_.Add(
      {"POST",
       "/api/v1/levels/evaluate",
       Permission::kDecideLevels,
       "region",
       {"Run the rules on a day ({\"region\", \"as_of\"}) and store what they propose; again on "
        "the same day adds nothing",
        "levels",
        {},
        "EvaluateRequest",
        "Evaluation"},
       [this, actor, in_scope](RequestContext& context) {
         auto body = record::ReadOne(app::EvaluateRecord(), context.request.body);
         if (!body.ok()) return ErrorResponse(body.status());
         std::string code = body->region;
         const std::optional<Date> day = body->as_of;
         if (code.empty()) code = context.principal.region;
         if (Status s = in_scope(context, code); !s.ok()) return ErrorResponse(s);
         auto result = levels_.Evaluate(code, day, actor(context, ""));
         if (!result.ok()) return ErrorResponse(result.status());
         const RegionTree& tree = surveillance_.tree();
         array proposed;
         for (const auto& p : result->proposed) proposed.push_back(report::ProposalJson(p, tree));
         return JsonResponse(200, object{{"as_of", result->as_of.ToString()},
                                         {"regions", result->regions},
                                         {"proposed", std::move(proposed)},
                                         {"kept", result->kept},
                                         {"superseded", result->superseded}});
       },
       /*national=*/false,
       /*slow=*/true});

  router_.Add(
      {"GET",
       "/api/v1/levels/proposals",
       Permission::kReadSurveillance,
       "region",
       {"Level proposals under a region, newest first",
        "levels",
        {region,
         {"status", "string",
          "pending, accepted, rejected, overridden or superseded (default: all)"},
         limit,
         offset},
        "",
        "ProposalPage"},
       [this](RequestContext& context) {
         Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
         if (!idx.ok()) return ErrorResponse(idx.status());
         const Paging& paging = context.paging;
         const std::string status = context.Param("status");
         if (!status.empty() && status != "pending" && status != "accepted" &&
             status != "rejected" && status != "overridden" && status != "superseded") {
           return ErrorResponse(Status::InvalidArgument(fmt::format(
               "status: \"{}\" is not pending, accepted, rejected, overridden or superseded",
               status)));
         }
         const RegionTree& tree = surveillance_.tree();
         auto proposals = levels_.Proposals(tree.region(*idx).code, status);
         if (!proposals.ok()) return ErrorResponse(proposals.status());
         return JsonResponse(200, PageOf(*proposals, paging, [&](const auto& p) {
                               return report::ProposalJson(p, tree);
                             }));
       }});

  router_.Add(
      {"POST",
       "/api/v1/levels/proposals/{proposal}/decide",
       Permission::kDecideLevels,
       "",
       {"Decide a pending proposal in your region: {\"decision\": \"accept\" | \"reject\" | "
        "\"override\", \"level\" (to override), \"reason\"}. 409 when it was decided already",
        "levels",
        {},
        "LevelDecision",
        "Decision",
        201},
       [this, actor, in_scope](RequestContext& context) {
         Result<int64_t> id = IdParam(context, "proposal");
         if (!id.ok()) return ErrorResponse(id.status());
         auto proposal = levels_.FindProposal(*id);
         if (!proposal.ok()) return ErrorResponse(proposal.status());
         if (Status s = in_scope(context, proposal->region); !s.ok()) return ErrorResponse(s);
         auto input = record::ReadOne(app::DecisionRecord(), context.request.body);
         if (!input.ok()) return ErrorResponse(input.status());
         auto result = levels_.Decide(*id, *input, actor(context, input->reason));
         if (!result.ok()) return ErrorResponse(result.status());
         return JsonResponse(201, report::DecisionJson(*result, surveillance_.tree()));
       }});

  router_.Add({"POST",
               "/api/v1/levels/decisions",
               Permission::kDecideLevels,
               "region",
               {"Set a region's level directly: {\"region\", \"level\", \"day\", \"reason\"}; its "
                "action programme's tasks are created when the level changes",
                "levels",
                {},
                "LevelSet",
                "Decision",
                201},
               [this, actor, in_scope](RequestContext& context) {
                 auto body = record::ReadOne(app::LevelSettingRecord(), context.request.body);
                 if (!body.ok()) return ErrorResponse(body.status());
                 const std::string& code = body->region;
                 const std::string& level = body->level;
                 const std::optional<Date> day = body->day;
                 const std::string& reason = body->reason;
                 if (Status s = in_scope(context, code); s.code() == StatusCode::kForbidden) {
                   return ErrorResponse(s);
                 }
                 auto result =
                     levels_.SetLevel(code, level, day.value_or(surveillance_.LatestDay()), reason,
                                      actor(context, reason));
                 if (!result.ok()) return ErrorResponse(result.status());
                 return JsonResponse(201, report::DecisionJson(*result, surveillance_.tree()));
               }});

  router_.Add({"GET",
               "/api/v1/levels/decisions",
               Permission::kReadSurveillance,
               "region",
               {"The decisions on a region, its ancestors and the regions under it, oldest first",
                "levels",
                {region, limit, offset},
                "",
                "DecisionPage"},
               [this](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 const Paging& paging = context.paging;
                 const RegionTree& tree = surveillance_.tree();
                 auto decisions = levels_.History(tree.region(*idx).code);
                 if (!decisions.ok()) return ErrorResponse(decisions.status());
                 return JsonResponse(200, PageOf(*decisions, paging, [&](const auto& d) {
                                       return report::DecisionJson(d, tree);
                                     }));
               }});

  router_.Add(
      {"GET",
       "/api/v1/levels/replay",
       Permission::kReadSurveillance,
       "region",
       {"When each region under a region would have moved had every proposal of the rules in "
        "force been accepted; writes nothing",
        "levels",
        {region,
         {"from", "date", "First day (default: the first with data)"},
         {"to", "date", "Last day (default: the latest with data)"}},
        "",
        "Replay"},
       [this](RequestContext& context) {
         Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
         if (!idx.ok()) return ErrorResponse(idx.status());
         const DateRange dates = context.Dates();
         const RegionTree& tree = surveillance_.tree();
         auto replay = levels_.Replay(tree.region(*idx).code, dates.from, dates.to, std::nullopt);
         if (!replay.ok()) return ErrorResponse(replay.status());
         return JsonResponse(200, report::ReplayJson(*replay, tree));
       },
       /*national=*/false,
       /*slow=*/true});

  router_.Add({"GET",
               "/api/v1/levels/tasks",
               Permission::kReadSurveillance,
               "region",
               {"The tasks of the action programmes under a region, by due day; state by today",
                "levels",
                {region, {"overdue", "string", "true: only the overdue ones"}, limit, offset},
                "",
                "TaskPage"},
               [this](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 const Paging& paging = context.paging;
                 const std::string overdue = context.Param("overdue");
                 if (!overdue.empty() && overdue != "true" && overdue != "false") {
                   return ErrorResponse(Status::InvalidArgument(
                       fmt::format("overdue: \"{}\" is not true or false", overdue)));
                 }
                 const RegionTree& tree = surveillance_.tree();
                 auto tasks = levels_.Tasks(tree.region(*idx).code, overdue == "true");
                 if (!tasks.ok()) return ErrorResponse(tasks.status());
                 return JsonResponse(200, PageOf(*tasks, paging, [&](const auto& t) {
                                       return report::TaskJson(t, tree);
                                     }));
               }});

  router_.Add(
      {"POST",
       "/api/v1/levels/tasks/{task}/done",
       Permission::kUpdateTasks,
       "",
       {"Mark a task of your region done ({\"note\"}); who and when are recorded. 409 when it "
        "is done already",
        "levels",
        {},
        "TaskDone",
        "Task"},
       [this, actor, in_scope](RequestContext& context) {
         Result<int64_t> id = IdParam(context, "task");
         if (!id.ok()) return ErrorResponse(id.status());
         auto task = levels_.FindTask(*id);
         if (!task.ok()) return ErrorResponse(task.status());
         if (Status s = in_scope(context, task->region); !s.ok()) return ErrorResponse(s);
         auto body = record::ReadOne(app::TaskDoneRecord(), context.request.body);
         if (!body.ok()) return ErrorResponse(body.status());
         const std::string& note = body->note;
         auto done = levels_.CompleteTask(*id, note, actor(context, ""));
         if (!done.ok()) return ErrorResponse(done.status());
         return JsonResponse(200, report::TaskJson(*done, surveillance_.tree()));
       }});
}

}  // namespace outbreak::http
