// The guidance resources of the field: visits, findings and their closure, and the compiled report.

#include <charconv>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "http/api.hpp"
#include "http/guidance_body.hpp"
#include "http/json_response.hpp"
#include "http/routes.hpp"
#include "report/guidance_render.hpp"

namespace outbreak::http {

// A guidance_team user records visits for his own team only: the team of the official the roster
// links to his user name, in the adopted plan. A body that is invalid on its face (a region that
// is no county) is left to the service's 400.
Status GuidanceRoutes::CheckOwnTeam(const RequestContext& context,
                                    guidance::VisitInput& visit) const {
  if (context.principal.role != access::Role::kGuidanceTeam) return Status::Ok();
  const bool county = surveillance_.WithTree([&](const RegionTree& tree) {
    std::optional<RegionIdx> idx = tree.Find(visit.region);
    return idx && tree.region(*idx).level >= 2;
  });
  if (!county) return Status::Ok();
  auto mine = guidance_.TeamsOfUser(context.principal.user);
  if (!mine.ok()) return mine.status();
  if (mine->empty()) {
    return Status::Forbidden(fmt::format(
        "user \"{}\" is linked to no official of an adopted team (the roster's user field)",
        context.principal.user));
  }
  auto adopted = guidance_.AdoptedPlan();
  if (!adopted.ok()) return adopted.status();
  const std::string province = guidance_.ProvinceOf(visit.region);
  for (const store::GuidanceTeamRecord& team : (*adopted)->teams) {
    if (std::find(mine->begin(), mine->end(), team.id) == mine->end()) continue;
    const bool covers =
        std::find(team.provinces.begin(), team.provinces.end(), province) != team.provinces.end();
    if (visit.team == 0 && covers) {
      visit.team = team.id;
      return Status::Ok();
    }
    if (visit.team == team.id) return Status::Ok();
  }
  if (visit.team != 0) {
    return Status::Forbidden(fmt::format("team {} is not your team", visit.team));
  }
  return Status::Forbidden(
      fmt::format("region \"{}\" is outside the areas of your team", visit.region));
}

void GuidanceRoutes::AddVisits() {
  using access::Permission;
  const ParamDoc region{"region", "string", "Region code (default: your home region)"};
  const ParamDoc limit{"limit", "integer", "Page size, 1 to 1000 (default 100)"};
  const ParamDoc offset{"offset", "integer", "Items to skip (default 0)"};

  router_.Add(
      {"POST",
       "/api/v1/guidance/visits",
       Permission::kWriteGuidance,
       "region",
       {"Record a team's visit to a county of its areas: answers to a checklist version, each "
        "checked against its question's type, and findings with proposed measures. A "
        "guidance_team user records for his own team only. All or nothing.",
        "guidance",
        {},
        "GuidanceVisitInput",
        "GuidanceVisit",
        201},
       [this](RequestContext& context) {
         auto visit = ParseVisitBody(context.request.body);
         if (!visit.ok()) return ErrorResponse(visit.status());
         if (Status s = scope_.CheckRegionsInScope(context, {visit->region}); !s.ok()) {
           return ErrorResponse(s);
         }
         if (Status s = CheckOwnTeam(context, *visit); !s.ok()) return ErrorResponse(s);
         auto stored = guidance_.RecordVisit(
             *visit, {context.principal.user, "", "api", context.request.remote_address});
         if (!stored.ok()) return ErrorResponse(stored.status());
         return JsonResponse(201, report::VisitJson(*stored));
       }});

  router_.Add({"GET",
               "/api/v1/guidance/visits",
               Permission::kReadSurveillance,
               "region",
               {"Visits to regions under a region, oldest first",
                "guidance",
                {region,
                 {"from", "date", "First day, included"},
                 {"to", "date", "Last day, included"},
                 limit,
                 offset},
                "",
                "GuidanceVisitPage"},
               [this](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 const DateRange dates = context.Dates();
                 auto visits =
                     guidance_.Visits(surveillance_.tree().region(*idx).code, dates.from, dates.to);
                 if (!visits.ok()) return ErrorResponse(visits.status());
                 return PageResponse(context, *visits, report::VisitJson);
               }});

  router_.Add({"GET",
               "/api/v1/guidance/findings",
               Permission::kReadSurveillance,
               "region",
               {"Findings and proposed measures under a region, oldest first",
                "guidance",
                {region, {"status", "string", "open or closed (default: both)"}, limit, offset},
                "",
                "GuidanceFindingPage"},
               [this](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 std::optional<guidance::FindingStatus> status;
                 if (const std::string text = context.Param("status"); !text.empty()) {
                   status = guidance::ParseFindingStatus(text);
                   if (!status) {
                     return ErrorResponse(Status::InvalidArgument(
                         fmt::format("status: \"{}\" is not open or closed", text)));
                   }
                 }
                 auto findings = guidance_.Findings(surveillance_.tree().region(*idx).code, status);
                 if (!findings.ok()) return ErrorResponse(findings.status());
                 return PageResponse(context, *findings, report::FindingJson);
               }});

  router_.Add(
      {"POST",
       "/api/v1/guidance/findings/{finding}/close",
       Permission::kManageGuidance,
       "",
       {"Close an open finding, saying how it was dealt with (409 when it is closed already); "
        "findings are never deleted",
        "guidance",
        {},
        "GuidanceFindingClosure",
        "GuidanceFinding"},
       [this](RequestContext& context) {
         const std::string text = context.Param("finding");
         int64_t id = 0;
         auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
         if (ec != std::errc() || ptr != text.data() + text.size()) {
           return ErrorResponse(Status::NotFound(fmt::format("finding \"{}\" is not known", text)));
         }
         auto finding = guidance_.FindFinding(id);
         if (!finding.ok()) return ErrorResponse(finding.status());
         if (Status s = scope_.CheckRegionsInScope(context, {finding->region}); !s.ok()) {
           return ErrorResponse(s);
         }
         auto how = ParseClosureBody(context.request.body);
         if (!how.ok()) return ErrorResponse(how.status());
         auto closed = guidance_.CloseFinding(
             id, *how, {context.principal.user, "", "api", context.request.remote_address});
         if (!closed.ok()) return ErrorResponse(closed.status());
         return JsonResponse(200, report::FindingJson(*closed));
       }});

  router_.Add(
      {"GET",
       "/api/v1/guidance/report",
       Permission::kReadSurveillance,
       "region",
       {"The compiled report to the plenary meeting: findings and proposed measures by province "
        "and topic beside each province's figures as of a day",
        "guidance",
        {region,
         {"as_of", "date", "Day of the figures (default: the latest with data)"},
         {"format", "string", "json (default) or markdown"}},
        "",
        "PlenaryReport"},
       [this](RequestContext& context) {
         Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
         if (!idx.ok()) return ErrorResponse(idx.status());
         const std::optional<Date> day = context.Day("as_of");
         const std::string format = context.Param("format");
         if (!format.empty() && format != "json" && format != "markdown") {
           return ErrorResponse(Status::InvalidArgument(
               fmt::format("format: \"{}\" is not json or markdown", format)));
         }
         auto report = guidance_.Report(surveillance_.tree().region(*idx).code, day);
         if (!report.ok()) return ErrorResponse(report.status());
         if (format == "markdown") {
           HttpResponse response;
           response.content_type = "text/markdown; charset=utf-8";
           response.body = report::RenderPlenaryMarkdown(*report);
           return response;
         }
         return JsonResponse(200, report::PlenaryReportJson(*report));
       }});
}

}  // namespace outbreak::http
