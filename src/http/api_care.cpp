// The care resources: treatment centres, census, occupancy and workforce (the plans are in
// api_care_plans.cpp).

#include <charconv>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "care/care_records.hpp"
#include "http/api.hpp"
#include "http/json_response.hpp"
#include "http/record_routes.hpp"
#include "http/routes.hpp"
#include "report/care_render.hpp"

namespace outbreak::http {

namespace {

using boost::json::array;
using boost::json::object;

}  // namespace

void CareRoutes::Add() {
  using access::Permission;
  const ParamDoc region{"region", "string", "Region code (default: your home region)"};
  const ParamDoc as_of{"as_of", "date", "Day (default: the latest with data)"};
  const ParamDoc limit{"limit", "integer", "Page size, 1 to 1000 (default 100)"};
  const ParamDoc offset{"offset", "integer", "Items to skip (default 0)"};
  const OwnerGate owners = scope_.Owners();

  // What a care write answers: the counts and the findings it raised.
  auto answered = [](const Result<app::CareWriteResult>& result) -> Result<object> {
    if (!result.ok()) return result.status();
    return report::CareWriteJson(result->counts.added, result->counts.updated,
                                 result->counts.unchanged, result->findings);
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
         const Paging& paging = context.paging;
         auto centres = care_.Centres(surveillance_.tree().region(*idx).code);
         if (!centres.ok()) return ErrorResponse(centres.status());
         array items;
         for (int64_t at = paging.offset; at < static_cast<int64_t>(centres->size()) &&
                                          static_cast<int64_t>(items.size()) < paging.limit;
              ++at) {
           items.push_back(report::CentreJson((*centres)[at]));
         }
         return JsonResponse(200, PageJson(std::move(items), centres->size(), paging));
       }});

  AddTableRoutes<care::TreatmentCentre>(
      router_,
      {.record = &care::CentreRecord(),
       .path = "/api/v1/care/centres",
       .tag = "care",
       .write_summary =
           "Add or update treatment centres ({\"centres\": [...]} or one centre), all or nothing",
       .save = [this, answered](
                   const auto& rows,
                   const app::Actor& actor) { return answered(care_.SaveCentres(rows, actor)); },
       .region_now = [this](const care::TreatmentCentre& centre) -> Result<std::string> {
         auto found = care_.FindCentre(centre.code);
         if (!found.ok()) return found.status();
         return found->region;
       },
       .result_schema = "CareWriteResult"},
      owners);

  router_.Add({"GET",
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
                 const DateRange dates = context.Dates();
                 const Paging& paging = context.paging;
                 auto census =
                     care_.Census(surveillance_.tree().region(*idx).code, dates.from, dates.to);
                 if (!census.ok()) return ErrorResponse(census.status());
                 array items;
                 for (int64_t at = paging.offset; at < static_cast<int64_t>(census->size()) &&
                                                  static_cast<int64_t>(items.size()) < paging.limit;
                      ++at) {
                   items.push_back(report::CensusJson((*census)[at]));
                 }
                 return JsonResponse(200, PageJson(std::move(items), census->size(), paging));
               }});

  AddTableRoutes<care::CensusDay>(
      router_,
      {.record = &care::CensusRecord(),
       .path = "/api/v1/care/census",
       .tag = "care",
       .write_summary =
           "Record the census of centres in your region ({\"census\": [...], \"reason\": ...} or "
           "one day). A (centre, date) already recorded with other figures is a correction and "
           "needs a reason. More occupied than beds is a finding. All or nothing.",
       .save = [this, answered](
                   const auto& rows,
                   const app::Actor& actor) { return answered(care_.RecordCensus(rows, actor)); },
       .result_schema = "CareWriteResult"},
      owners);

  router_.Add({"GET",
               "/api/v1/care/occupancy",
               Permission::kReadSurveillance,
               "region",
               {"Beds and occupied beds of the centres under a region, and the days until each "
                "is full if its province's patients follow the forecast",
                "care",
                {region, as_of,
                 IntegerParam("horizon", "Forecast days ahead, 0 to 28 (default 14)", 0, 28)},
                "",
                "Occupancy"},
               [this](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 const std::optional<Date> day = context.Day("as_of");
                 const int horizon = static_cast<int>(context.Whole("horizon").value_or(14));
                 const RegionTree& tree = surveillance_.tree();
                 auto report = care_.Occupancy(tree.region(*idx).code, day, horizon);
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
        {region, as_of,
         IntegerParam("level", "Sum the counts to the regions of this level, 0 to 10", 0, 10)},
        "",
        "Workforce"},
       [this](RequestContext& context) {
         Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
         if (!idx.ok()) return ErrorResponse(idx.status());
         const std::optional<Date> day = context.Day("as_of");
         std::optional<int> level;
         if (std::optional<int64_t> given = context.Whole("level"))
           level = static_cast<int>(*given);
         const RegionTree& tree = surveillance_.tree();
         auto report = care_.Workforce(tree.region(*idx).code, day, level);
         if (!report.ok()) return ErrorResponse(report.status());
         return JsonResponse(200, report::WorkforceJson(*report, tree));
       }});

  AddTableRoutes<care::WorkforceCount>(
      router_,
      {.record = &care::WorkforceRecord(),
       .path = "/api/v1/care/workforce",
       .tag = "care",
       .write_summary =
           "Add or replace workforce counts ({\"workforce\": [...]} or one count), all or nothing",
       .save =
           [this, answered](const auto& rows, const app::Actor& actor) {
             return answered(care_.RecordWorkforce(rows, actor));
           },
       .result_schema = "CareWriteResult"},
      owners);

  AddPlans();
}

}  // namespace outbreak::http
