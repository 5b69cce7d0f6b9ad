// The guidance resources: the roster, checklists, team plans and teams, visits, findings and the
// compiled report (docs/guidance.md).

#include <charconv>
#include <set>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "guidance/guidance_records.hpp"
#include "http/api.hpp"
#include "http/guidance_body.hpp"
#include "http/json_response.hpp"
#include "http/record_routes.hpp"
#include "http/routes.hpp"
#include "report/guidance_render.hpp"

namespace outbreak::http {

namespace {

using boost::json::array;
using boost::json::object;

Result<int64_t> IdParam(const RequestContext& context, const std::string& name) {
  const std::string text = context.Param(name);
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < 1) {
    return Status::NotFound(fmt::format("{} \"{}\" is not known", name, text));
  }
  return value;
}

app::Actor ActorOf(const RequestContext& context) {
  return {context.principal.user, "", "api", context.request.remote_address};
}

}  // namespace

// The teams of a plan the caller may see: those whose areas touch the caller's region.
std::vector<store::GuidanceTeamRecord> GuidanceRoutes::VisibleTeams(
    const RequestContext& context, const std::vector<store::GuidanceTeamRecord>& teams) const {
  std::vector<store::GuidanceTeamRecord> out;
  for (const store::GuidanceTeamRecord& team : teams) {
    if (guidance_.TeamConcerns(team, context.principal.region)) out.push_back(team);
  }
  return out;
}

// A plan as the caller may read it: the teams whose areas touch the caller's region and, below the
// nation, only those areas' figures and pins (another province's findings, population and workload
// are not the caller's to read).
boost::json::object GuidanceRoutes::VisiblePlanJson(
    const RequestContext& context, const store::GuidancePlanRecord& plan,
    std::span<const guidance::Official> roster) const {
  const auto teams = VisibleTeams(context, plan.teams);
  object out = report::GuidancePlanJson(plan, roster, &teams);
  if (IsNational(surveillance_, context.principal)) return out;
  std::set<std::string> areas;
  for (const store::GuidanceTeamRecord& team : teams) areas.insert(team.area);
  auto keep_visible = [&](const char* list, const char* key) {
    boost::json::value* value = out.if_contains(list);
    if (value == nullptr || !value->is_array()) return;
    array kept;
    for (const boost::json::value& item : value->as_array()) {
      const boost::json::value* code =
          item.is_object() ? item.as_object().if_contains(key) : nullptr;
      if (code != nullptr && code->is_string() && areas.contains(std::string(code->as_string()))) {
        kept.push_back(item);
      }
    }
    *value = std::move(kept);
  };
  keep_visible("areas", "code");
  keep_visible("pins", "area");
  out.erase("excluded");
  out.erase("unassigned");
  return out;
}

void GuidanceRoutes::Add() {
  using access::Permission;
  const ParamDoc region{"region", "string", "Region code (default: your home region)"};
  const ParamDoc limit{"limit", "integer", "Page size, 1 to 1000 (default 100)"};
  const ParamDoc offset{"offset", "integer", "Items to skip (default 0)"};

  router_.Add({"GET",
               "/api/v1/guidance/officials",
               Permission::kReadSurveillance,
               "region",
               {"The roster: officials whose home province is under a region",
                "guidance",
                {region, limit, offset},
                "",
                "GuidanceOfficialPage"},
               [this](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 auto roster = guidance_.Roster(surveillance_.tree().region(*idx).code);
                 if (!roster.ok()) return ErrorResponse(roster.status());
                 return PageResponse(context, *roster, report::OfficialJson);
               }});

  AddTableRoutes<guidance::Official>(
      router_,
      {.record = &guidance::OfficialRecord(),
       .path = "/api/v1/guidance/officials",
       .tag = "guidance",
       .write_summary =
           "Add or replace officials of the roster ({\"officials\": [...]} or one), all or "
           "nothing; `user` links an official to the user who records his team's visits",
       .save = Counted([this](const auto& rows, const app::Actor& actor) {
         return guidance_.SaveOfficials(rows, actor);
       }),
       .region_now =
           [this](const guidance::Official& official) {
             return guidance_.OfficialHome(official.code);
           },
       .result_schema = "GuidanceWriteCounts"},
      scope_.Owners());

  router_.Add({"GET",
               "/api/v1/guidance/checklists",
               Permission::kReadSurveillance,
               "",
               {"Every version of the survey checklist, oldest first",
                "guidance",
                {},
                "",
                "GuidanceChecklistList"},
               [this](RequestContext&) {
                 auto checklists = guidance_.Checklists();
                 if (!checklists.ok()) return ErrorResponse(checklists.status());
                 array items;
                 for (const auto& c : *checklists) items.push_back(report::ChecklistJson(c));
                 return JsonResponse(200, object{{"items", std::move(items)}});
               }});

  router_.Add({"POST",
               "/api/v1/guidance/checklists",
               Permission::kManageGuidance,
               "",
               {"A new checklist version (answers recorded against older versions are kept as "
                "they are); the same title and questions as the latest version add nothing",
                "guidance",
                {},
                "GuidanceChecklistInput",
                "GuidanceChecklist",
                201},
               [this](RequestContext& context) {
                 auto body = ParseChecklistBody(context.request.body);
                 if (!body.ok()) return ErrorResponse(body.status());
                 auto written = guidance_.SaveChecklist(
                     std::move(body->title), std::move(body->questions), ActorOf(context));
                 if (!written.ok()) return ErrorResponse(written.status());
                 object out = report::ChecklistJson(written->checklist);
                 out["created"] = written->created;
                 return JsonResponse(written->created ? 201 : 200, out);
               },
               /*national=*/true});

  AddPlans();
  AddVisits();
}

void GuidanceRoutes::AddPlans() {
  using access::Permission;
  const ParamDoc region{"region", "string", "Region code (default: your home region)"};
  auto roster = [this]() -> std::vector<guidance::Official> {
    auto all = guidance_.Roster(surveillance_.WithTree(
        [](const RegionTree& tree) { return tree.region(tree.root()).code; }));
    return all.ok() ? std::move(*all) : std::vector<guidance::Official>();
  };

  router_.Add({"GET",
               "/api/v1/guidance/plans",
               Permission::kReadSurveillance,
               "",
               {"Team plans, newest first, each with the teams that concern your region",
                "guidance",
                {},
                "",
                "GuidancePlanList"},
               [this, roster](RequestContext& context) {
                 auto plans = guidance_.Plans();
                 if (!plans.ok()) return ErrorResponse(plans.status());
                 const auto officials = roster();
                 array items;
                 for (const store::GuidancePlanRecord& plan : *plans) {
                   items.push_back(VisiblePlanJson(context, plan, officials));
                 }
                 return JsonResponse(200, object{{"items", std::move(items)}});
               }});

  router_.Add({"GET",
               "/api/v1/guidance/plans/{plan}",
               Permission::kReadSurveillance,
               "",
               {"A team plan with its objective, rules and the teams that concern your region",
                "guidance",
                {},
                "",
                "GuidancePlan"},
               [this, roster](RequestContext& context) {
                 auto id = IdParam(context, "plan");
                 if (!id.ok()) return ErrorResponse(id.status());
                 auto plan = guidance_.FindPlan(*id);
                 if (!plan.ok()) return ErrorResponse(plan.status());
                 return JsonResponse(200, VisiblePlanJson(context, *plan, roster()));
               }});

  router_.Add(
      {"POST",
       "/api/v1/guidance/plans",
       Permission::kManageGuidance,
       "",
       {"Form the teams and allocate the areas (COIN-OR CBC: the smallest largest workload per "
        "member, then the smallest sum), with pins, exclusions, needs and groups; stored as "
        "proposed, adopted too with \"adopt\": true. 409 naming each rule and province that "
        "cannot be met.",
        "guidance",
        {},
        "GuidancePlanRequest",
        "GuidancePlan",
        201},
       [this, roster](RequestContext& context) {
         auto request = ParsePlanRequestBody(context.request.body, guidance::TeamRules());
         if (!request.ok()) return ErrorResponse(request.status());
         auto plan = guidance_.Plan(*request, ActorOf(context));
         if (!plan.ok()) return ErrorResponse(plan.status());
         return JsonResponse(201, report::GuidancePlanJson(*plan, roster()));
       },
       /*national=*/true,
       /*slow=*/true});

  router_.Add({"POST",
               "/api/v1/guidance/plans/{plan}/adopt",
               Permission::kManageGuidance,
               "",
               {"Adopt a proposed team plan; the plan adopted before is superseded (409 when "
                "the plan is not proposed)",
                "guidance",
                {},
                "",
                "GuidancePlan"},
               [this, roster](RequestContext& context) {
                 auto id = IdParam(context, "plan");
                 if (!id.ok()) return ErrorResponse(id.status());
                 auto plan = guidance_.Adopt(*id, ActorOf(context));
                 if (!plan.ok()) return ErrorResponse(plan.status());
                 return JsonResponse(200, report::GuidancePlanJson(*plan, roster()));
               },
               /*national=*/true});

  router_.Add({"GET",
               "/api/v1/guidance/teams",
               Permission::kReadSurveillance,
               "region",
               {"The adopted plan's teams whose areas touch a region",
                "guidance",
                {region},
                "",
                "GuidanceTeamList"},
               [this, roster](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 auto adopted = guidance_.AdoptedPlan();
                 if (!adopted.ok()) return ErrorResponse(adopted.status());
                 array items;
                 if (adopted->has_value()) {
                   const auto officials = roster();
                   const std::string code = surveillance_.tree().region(*idx).code;
                   for (const store::GuidanceTeamRecord& team : (*adopted)->teams) {
                     if (guidance_.TeamConcerns(team, code)) {
                       items.push_back(report::GuidanceTeamJson(team, officials));
                     }
                   }
                 }
                 return JsonResponse(
                     200, object{{"plan", adopted->has_value() ? boost::json::value((*adopted)->id)
                                                               : boost::json::value(nullptr)},
                                 {"items", std::move(items)}});
               }});
}

}  // namespace outbreak::http
