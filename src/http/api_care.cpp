// The care resources: treatment centres, census, occupancy and workforce (the plans are in
// api_care_plans.cpp).

#include <charconv>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "http/api.hpp"
#include "http/care_body.hpp"
#include "http/json_response.hpp"
#include "report/care_render.hpp"

namespace outbreak::http {

namespace {

using boost::json::array;
using boost::json::object;

Result<std::optional<int>> OptionalInt(const RequestContext& context, const std::string& name,
                                       int min, int max) {
  const std::string text = context.Param(name);
  if (text.empty()) return std::optional<int>();
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < min || value > max) {
    return Status::InvalidArgument(
        fmt::format("{}: \"{}\" must be a whole number from {} to {}", name, text, min, max));
  }
  return std::optional<int>(value);
}

HttpResponse Written(const app::CareWriteResult& result) {
  return JsonResponse(201, report::CareWriteJson(result.counts.added, result.counts.updated,
                                                 result.counts.unchanged, result.findings));
}

}  // namespace

void Api::AddCareRoutes() {
  using access::Permission;
  const ParamDoc region{"region", "string", "Region code (default: your home region)"};
  const ParamDoc as_of{"as_of", "date", "Day (default: the latest with data)"};
  const ParamDoc limit{"limit", "integer", "Page size, 1 to 1000 (default 100)"};
  const ParamDoc offset{"offset", "integer", "Items to skip (default 0)"};
  auto json_body = [](const RequestContext& context) {
    return context.request.Header("content-type").starts_with("application/json");
  };
  auto actor = [](const RequestContext& context, const std::string& reason) {
    return app::Actor{context.principal.user, reason, "api", context.request.remote_address};
  };

  router_.Add(
      {"GET",
       "/api/v1/care/centres",
       Permission::kReadSurveillance,
       "region",
       {"Treatment centres under a region", "care", {region, limit, offset}, "", "CentrePage"},
       [this](RequestContext& context) {
         Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
         if (!idx.ok()) return ErrorResponse(idx.status());
         Result<Paging> paging = PagingParams(context);
         if (!paging.ok()) return ErrorResponse(paging.status());
         auto centres = care_.Centres(surveillance_.tree().region(*idx).code);
         if (!centres.ok()) return ErrorResponse(centres.status());
         array items;
         for (int64_t at = paging->offset; at < static_cast<int64_t>(centres->size()) &&
                                           static_cast<int64_t>(items.size()) < paging->limit;
              ++at) {
           items.push_back(report::CentreJson((*centres)[at]));
         }
         return JsonResponse(200, PageJson(std::move(items), centres->size(), *paging));
       }});

  router_.Add(
      {"POST",
       "/api/v1/care/centres",
       Permission::kManageCare,
       "region",
       {"Add or update treatment centres ({\"centres\": [...]} or one centre), all or nothing",
        "care",
        {},
        "CentreBatch",
        "CareWriteResult",
        201},
       [this, json_body, actor](RequestContext& context) {
         if (!json_body(context)) {
           return ErrorResponse(415, "unsupported_media_type", "send the body as application/json");
         }
         auto body = BodyItems::Parse(context.request.body, "centres");
         if (!body.ok()) return ErrorResponse(body.status());
         std::vector<care::TreatmentCentre> centres;
         for (size_t idx = 0; idx < body->size(); ++idx) {
           body->OnlyKnown(idx, {"code", "name", "region", "kind", "status", "beds_general",
                                 "beds_intensive", "beds_isolation", "staff"});
           care::TreatmentCentre c;
           c.code = body->String(idx, "code", true);
           c.name = body->String(idx, "name", true);
           c.region = body->String(idx, "region", true);
           const std::string kind = body->String(idx, "kind", true);
           const std::string status = body->String(idx, "status", false);
           if (auto parsed = care::ParseCentreKind(kind)) {
             c.kind = *parsed;
           } else if (!kind.empty()) {
             body->Error(
                 fmt::format("{}.kind: \"{}\" is not district_treatment_centre, "
                             "hospital, isolation_ward or mobile_unit",
                             body->Where(idx), kind));
           }
           if (auto parsed = care::ParseCentreStatus(status.empty() ? "open" : status)) {
             c.status = *parsed;
           } else {
             body->Error(fmt::format("{}.status: \"{}\" is not open, standby or closed",
                                     body->Where(idx), status));
           }
           c.beds_general = body->Count(idx, "beds_general", false);
           c.beds_intensive = body->Count(idx, "beds_intensive", false);
           c.beds_isolation = body->Count(idx, "beds_isolation", false);
           c.staff = body->Count(idx, "staff", false);
           centres.push_back(std::move(c));
         }
         if (Status s = body->Check(); !s.ok()) return ErrorResponse(s);
         std::vector<Placement> placements;
         for (size_t idx = 0; idx < centres.size(); ++idx) {
           placements.push_back({body->Where(idx), centres[idx].code, centres[idx].region});
         }
         auto current_region = [this](const std::string& code) -> Result<std::string> {
           auto centre = care_.FindCentre(code);
           if (!centre.ok()) return centre.status();
           return centre->region;
         };
         if (Status s = CheckPlacements(context, placements, current_region); !s.ok()) {
           return ErrorResponse(s);
         }
         auto written = care_.SaveCentres(centres, actor(context, body->reason()));
         if (!written.ok()) return ErrorResponse(written.status());
         return Written(*written);
       }});

  router_.Add(
      {"GET",
       "/api/v1/care/census",
       Permission::kReadSurveillance,
       "region",
       {"The census of the centres under a region, by centre then day",
        "care",
        {region,
         {"from", "date", "First day, included"},
         {"to", "date", "Last day, included"},
         limit,
         offset},
        "",
        "CensusPage"},
       [this](RequestContext& context) {
         Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
         if (!idx.ok()) return ErrorResponse(idx.status());
         auto dates = DateRangeParams(context);
         if (!dates.ok()) return ErrorResponse(dates.status());
         Result<Paging> paging = PagingParams(context);
         if (!paging.ok()) return ErrorResponse(paging.status());
         auto census = care_.Census(surveillance_.tree().region(*idx).code, dates->from, dates->to);
         if (!census.ok()) return ErrorResponse(census.status());
         array items;
         for (int64_t at = paging->offset; at < static_cast<int64_t>(census->size()) &&
                                           static_cast<int64_t>(items.size()) < paging->limit;
              ++at) {
           items.push_back(report::CensusJson((*census)[at]));
         }
         return JsonResponse(200, PageJson(std::move(items), census->size(), *paging));
       }});

  router_.Add(
      {"POST",
       "/api/v1/care/census",
       Permission::kWriteCensus,
       "region",
       {"Record the census of centres in your region ({\"census\": [...], \"reason\": ...} or "
        "one day). A (centre, date) already recorded with other figures is a correction and "
        "needs a reason. More occupied than beds is a finding. All or nothing.",
        "care",
        {},
        "CensusBatch",
        "CareWriteResult",
        201},
       [this, json_body, actor](RequestContext& context) {
         if (!json_body(context)) {
           return ErrorResponse(415, "unsupported_media_type", "send the body as application/json");
         }
         auto body = BodyItems::Parse(context.request.body, "census");
         if (!body.ok()) return ErrorResponse(body.status());
         std::vector<care::CensusDay> days;
         std::vector<std::string> regions;
         for (size_t idx = 0; idx < body->size(); ++idx) {
           body->OnlyKnown(idx, {"centre", "date", "occupied", "admitted", "discharged", "died",
                                 "transferred"});
           care::CensusDay day;
           day.centre = body->String(idx, "centre", true);
           day.date = body->DateField(idx, "date", true).value_or(Date());
           day.occupied = body->Count(idx, "occupied", true);
           day.admitted = body->Count(idx, "admitted", true);
           day.discharged = body->Count(idx, "discharged", true);
           day.died = body->Count(idx, "died", true);
           day.transferred = body->Count(idx, "transferred", false);
           if (!day.centre.empty()) {
             auto centre = care_.FindCentre(day.centre);
             if (centre.ok()) {
               regions.push_back(centre->region);
             } else {
               body->Error(fmt::format("{}.centre: \"{}\" is not a known treatment centre",
                                       body->Where(idx), day.centre));
             }
           }
           days.push_back(std::move(day));
         }
         if (Status s = body->Check(); !s.ok()) return ErrorResponse(s);
         if (Status s = CheckRegionsInScope(context, regions); !s.ok()) return ErrorResponse(s);
         auto written = care_.RecordCensus(days, actor(context, body->reason()));
         if (!written.ok()) return ErrorResponse(written.status());
         return Written(*written);
       }});

  router_.Add(
      {"GET",
       "/api/v1/care/occupancy",
       Permission::kReadSurveillance,
       "region",
       {"Beds and occupied beds of the centres under a region, and the days until each "
        "is full if its province's patients follow the forecast",
        "care",
        {region, as_of, {"horizon", "integer", "Forecast days ahead, 0 to 28 (default 14)"}},
        "",
        "Occupancy"},
       [this](RequestContext& context) {
         Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
         if (!idx.ok()) return ErrorResponse(idx.status());
         auto day = DateParam(context, "as_of");
         if (!day.ok()) return ErrorResponse(day.status());
         auto horizon = OptionalInt(context, "horizon", 0, 28);
         if (!horizon.ok()) return ErrorResponse(horizon.status());
         const RegionTree& tree = surveillance_.tree();
         auto report = care_.Occupancy(tree.region(*idx).code, *day, horizon->value_or(14));
         if (!report.ok()) return ErrorResponse(report.status());
         return JsonResponse(200, report::OccupancyJson(*report, tree));
       }});

  router_.Add(
      {"GET",
       "/api/v1/care/workforce",
       Permission::kReadSurveillance,
       "region",
       {"Medical workers by region and category on a day, with those deployed away and "
        "in by adopted plans, and the worker-protection findings",
        "care",
        {region, as_of, {"level", "integer", "Sum the counts to the regions of this level"}},
        "",
        "Workforce"},
       [this](RequestContext& context) {
         Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
         if (!idx.ok()) return ErrorResponse(idx.status());
         auto day = DateParam(context, "as_of");
         if (!day.ok()) return ErrorResponse(day.status());
         auto level = OptionalInt(context, "level", 0, 10);
         if (!level.ok()) return ErrorResponse(level.status());
         const RegionTree& tree = surveillance_.tree();
         auto report = care_.Workforce(tree.region(*idx).code, *day, *level);
         if (!report.ok()) return ErrorResponse(report.status());
         return JsonResponse(200, report::WorkforceJson(*report, tree));
       }});

  router_.Add(
      {"POST",
       "/api/v1/care/workforce",
       Permission::kManageCare,
       "region",
       {"Add or replace workforce counts ({\"workforce\": [...]} or one count), all or nothing",
        "care",
        {},
        "WorkforceBatch",
        "CareWriteResult",
        201},
       [this, json_body, actor](RequestContext& context) {
         if (!json_body(context)) {
           return ErrorResponse(415, "unsupported_media_type", "send the body as application/json");
         }
         auto body = BodyItems::Parse(context.request.body, "workforce");
         if (!body.ok()) return ErrorResponse(body.status());
         std::vector<care::WorkforceCount> counts;
         std::vector<std::string> regions;
         for (size_t idx = 0; idx < body->size(); ++idx) {
           body->OnlyKnown(idx, {"region", "category", "date", "on_duty", "ill", "quarantined",
                                 "resting", "longest_duty_run_days"});
           care::WorkforceCount count;
           count.region = body->String(idx, "region", true);
           const std::string category = body->String(idx, "category", true);
           if (auto parsed = care::ParseCategory(category)) {
             count.category = *parsed;
           } else if (!category.empty()) {
             body->Error(fmt::format("{}.category: \"{}\" is not one of {}", body->Where(idx),
                                     category, care::CategoryList()));
           }
           count.date = body->DateField(idx, "date", true).value_or(Date());
           count.on_duty = body->Count(idx, "on_duty", true);
           count.ill = body->Count(idx, "ill", false);
           count.quarantined = body->Count(idx, "quarantined", false);
           count.resting = body->Count(idx, "resting", false);
           count.longest_duty_run_days = body->Count(idx, "longest_duty_run_days", false);
           regions.push_back(count.region);
           counts.push_back(std::move(count));
         }
         if (Status s = body->Check(); !s.ok()) return ErrorResponse(s);
         if (Status s = CheckRegionsInScope(context, regions); !s.ok()) return ErrorResponse(s);
         auto written = care_.RecordWorkforce(counts, actor(context, body->reason()));
         if (!written.ok()) return ErrorResponse(written.status());
         return Written(*written);
       }});

  AddCarePlanRoutes();
}

}  // namespace outbreak::http
