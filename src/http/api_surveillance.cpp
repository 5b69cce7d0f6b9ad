// The surveillance resources: regions, reports, the situation report, series, completeness,
// validation findings and report history.

#include <charconv>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "http/api.hpp"
#include "http/json_response.hpp"
#include "http/routes.hpp"
#include "record/record_json.hpp"
#include "report/analytics_render.hpp"
#include "report/levels_render.hpp"
#include "report/sitrep_render.hpp"
#include "report/tables.hpp"
#include "surveillance/report_record.hpp"

namespace outbreak::http {

namespace {

using boost::json::array;
using boost::json::object;

using ReportBody = record::Batch<app::ReportInput>;

// If-Match: "3" (or 3) names the version a single report corrects, as expected_version does.
Status ApplyIfMatch(const std::string& if_match, ReportBody& body) {
  if (if_match.empty()) return Status::Ok();
  std::string_view text = if_match;
  if (text.starts_with("W/")) text.remove_prefix(2);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    text = text.substr(1, text.size() - 2);
  }
  int version = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), version);
  if (ec != std::errc() || end != text.data() + text.size() || version < 0) {
    return Status::InvalidArgument(
        fmt::format("If-Match: \"{}\" is not a report version (e.g. \"2\")", if_match));
  }
  if (body.items.size() != 1) {
    return Status::InvalidArgument(
        "If-Match: names the version of one report; for a batch, give each report its "
        "expected_version");
  }
  std::optional<int>& expected = body.items.front().expected_version;
  if (expected && *expected != version) {
    return Status::InvalidArgument(fmt::format(
        "If-Match says version {} and expected_version {}: say one", version, *expected));
  }
  expected = version;
  return Status::Ok();
}

}  // namespace

void SurveillanceRoutes::Add() {
  using access::Permission;
  const ParamDoc region{"region", "string", "Region code (default: your home region)"};
  const ParamDoc from{"from", "date", "First day, included"};
  const ParamDoc to{"to", "date", "Last day, included"};
  const ParamDoc limit{"limit", "integer", "Page size, 1 to 1000 (default 100)"};
  const ParamDoc offset{"offset", "integer", "Items to skip (default 0)"};

  router_.Add({"GET",
               "/api/v1/regions",
               Permission::kReadSurveillance,
               "region",
               {"The regions under a region (default: your home region), itself included, in "
                "tree order",
                "regions",
                {region, limit, offset},
                "",
                "RegionPage"},
               [this](RequestContext& context) {
                 Result<RegionIdx> root = ScopedRegion(surveillance_, context, "region");
                 if (!root.ok()) return ErrorResponse(root.status());
                 const Paging& paging = context.paging;
                 return surveillance_.WithTree([&](const RegionTree& tree) {
                   std::vector<RegionIdx> order{*root};
                   for (size_t at = 0; at < order.size(); ++at) {
                     for (RegionIdx child : tree.children(order[at])) order.push_back(child);
                   }
                   array items;
                   for (int64_t idx = paging.offset;
                        idx < static_cast<int64_t>(order.size()) &&
                        static_cast<int64_t>(items.size()) < paging.limit;
                        ++idx) {
                     items.push_back(report::RegionJson(tree, order[idx]));
                   }
                   return JsonResponse(200, PageJson(std::move(items), order.size(), paging));
                 });
               }});

  router_.Add({"GET",
               "/api/v1/regions/{region}",
               Permission::kReadSurveillance,
               "region",
               {"One region, with its children", "regions", {}, "", "RegionDetail"},
               [this](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 return surveillance_.WithTree([&](const RegionTree& tree) {
                   const Region& region = tree.region(*idx);
                   array children;
                   for (RegionIdx child : tree.children(*idx)) {
                     // With its centroid, so that a client can map the children in one request.
                     boost::json::value item = report::RegionJson(tree, child);
                     const Region& each = tree.region(child);
                     item.as_object()["lat"] = each.lat ? boost::json::value(*each.lat) : nullptr;
                     item.as_object()["lon"] = each.lon ? boost::json::value(*each.lon) : nullptr;
                     children.push_back(std::move(item));
                   }
                   object out{{"region", report::RegionJson(tree, *idx)},
                              {"reporting_unit", tree.IsLeaf(*idx)},
                              {"reporting_units", tree.leaf_count(*idx)},
                              {"children", std::move(children)}};
                   out["lat"] = region.lat ? boost::json::value(*region.lat) : nullptr;
                   out["lon"] = region.lon ? boost::json::value(*region.lon) : nullptr;
                   return JsonResponse(200, out);
                 });
               }});

  router_.Add({"GET",
               "/api/v1/reports",
               Permission::kReadSurveillance,
               "region",
               {"Stored reports of the reporting units under a region, by date then unit",
                "reports",
                {region, from, to, limit, offset},
                "",
                "ReportPage"},
               [this](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 const DateRange dates = context.Dates();
                 const Paging& paging = context.paging;
                 const std::string code = surveillance_.tree().region(*idx).code;
                 auto page = surveillance_.ListReports(code, dates.from, dates.to, paging.limit,
                                                       paging.offset);
                 if (!page.ok()) return ErrorResponse(page.status());
                 array items;
                 for (const auto& item : page->items) {
                   items.push_back(object{{"region", surveillance_.tree().region(item.region).code},
                                          {"date", item.date.ToString()},
                                          {"counts", report::CountsJson(item.counts)},
                                          {"version", item.version}});
                 }
                 return JsonResponse(200, PageJson(std::move(items), page->total, paging));
               }});

  router_.Add(
      {"POST",
       "/api/v1/reports",
       Permission::kWriteReports,
       "region",
       {"File one report or a batch ({\"reports\": [...], \"reason\": ...}). A report "
        "for a (region, date) already stored is a correction and needs a reason. A "
        "correction names the version it corrects (expected_version, or If-Match for one "
        "report): if the report changed since, the answer is 409 with its stored value. "
        "All or nothing.",
        "reports",
        {},
        "ReportBatch",
        "WriteResult",
        201},
       [this](RequestContext& context) {
         Result<ReportBody> body =
             record::ReadBody(surveillance::ReportRecord(), context.request.body);
         if (!body.ok()) return ErrorResponse(body.status());
         if (Status s = ApplyIfMatch(context.request.Header("if-match"), *body); !s.ok()) {
           return ErrorResponse(s);
         }
         std::vector<std::string> outside;
         for (const app::ReportInput& input : body->items) {
           context.path_params["region"] = input.region;
           Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
           if (idx.status().code() == StatusCode::kForbidden) {
             outside.push_back(idx.status().message());
           }
         }
         if (!outside.empty()) {
           return ErrorResponse(Status(StatusCode::kForbidden, "reports for regions outside yours",
                                       std::move(outside)));
         }
         const app::Actor actor{context.principal.user, body->reason, "api",
                                context.request.remote_address};
         auto written = surveillance_.SubmitReports(body->items, actor);
         if (!written.ok()) return ErrorResponse(written.status());
         return JsonResponse(
             201,
             object{{"added", written->added},
                    {"corrected", written->corrected},
                    {"unchanged", written->unchanged},
                    {"findings", report::FindingsJson(written->findings, surveillance_.tree())}});
       }});

  router_.Add({"GET",
               "/api/v1/reports/{region}/{date}/history",
               Permission::kReadSurveillance,
               "region",
               {"Every version of one report: who, when, why", "reports", {}, "", "History"},
               [this](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 const std::optional<Date> date = context.Day("date");
                 auto history = surveillance_.History(context.Param("region"), *date);
                 if (!history.ok()) return ErrorResponse(history.status());
                 return JsonResponse(200, report::HistoryJson(*history));
               }});

  router_.Add(
      {"GET",
       "/api/v1/sitrep",
       Permission::kReadSurveillance,
       "region",
       {"The situation report as of a day",
        "situation",
        {region,
         {"as_of", "date", "Reporting day (default: the latest with data)"},
         {"format", "string", "json (default), text or markdown"}},
        "",
        "Sitrep"},
       [this](RequestContext& context) {
         Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
         if (!idx.ok()) return ErrorResponse(idx.status());
         const std::optional<Date> as_of = context.Day("as_of");
         const std::string format = context.Param("format");
         if (!format.empty() && format != "json" && format != "text" && format != "markdown") {
           return ErrorResponse(Status::InvalidArgument(
               fmt::format("format: \"{}\" is not json, text or markdown", format)));
         }
         const RegionTree& tree = surveillance_.tree();
         // The version is read before the report is built, so an entry is never newer
         // than its version says.
         const uint64_t version = surveillance_.DataVersion();
         const Date day = as_of.value_or(surveillance_.LatestDay());
         // Level decisions and task updates change the prevention section: their version is
         // part of the key.
         const std::string key =
             fmt::format("{}|{}|{}|{}|{}", tree.region(*idx).code, day.ToString(), format,
                         levels_.DataVersion(), as_of.has_value() ? "asked" : "default");
         if (auto cached = sitrep_cache_.Find(key, version)) return *cached;
         auto sitrep = surveillance_.Sitrep(tree.region(*idx).code, as_of);
         if (!sitrep.ok()) return ErrorResponse(sitrep.status());
         auto trends = analytics_.Trends(tree.region(*idx).code, day);
         if (!trends.ok()) return ErrorResponse(trends.status());
         auto prevention = levels_.Summary(tree.region(*idx).code, day);
         if (!prevention.ok()) return ErrorResponse(prevention.status());
         const report::SitrepStyle style{
             18, report::RenderTrendText(*trends),
             format == "markdown" ? report::RenderPreventionSectionMarkdown(*prevention, tree)
                                  : report::RenderPreventionSectionText(*prevention, tree)};
         HttpResponse response;
         if (format == "text" || format == "markdown") {
           response.content_type =
               format == "text" ? "text/plain; charset=utf-8" : "text/markdown; charset=utf-8";
           response.body = format == "text" ? report::RenderSitrepText(*sitrep, tree, style)
                                            : report::RenderSitrepMarkdown(*sitrep, tree, style);
         } else {
           boost::json::value json = report::SitrepJson(*sitrep, tree);
           json.as_object()["trend"] = report::TrendJson(*trends, tree);
           json.as_object()["prevention"] = report::PreventionSummaryJson(*prevention, tree);
           response = JsonResponse(200, json);
         }
         sitrep_cache_.Store(key, version, response);
         return response;
       }});

  router_.Add({"GET",
               "/api/v1/series",
               Permission::kReadSurveillance,
               "region",
               {"A region's daily series", "situation", {region, from, to}, "", "Series"},
               [this](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 const DateRange dates = context.Dates();
                 const RegionTree& tree = surveillance_.tree();
                 auto series = surveillance_.Series(tree.region(*idx).code, dates.from, dates.to);
                 if (!series.ok()) return ErrorResponse(series.status());
                 return JsonResponse(200, report::SeriesJson(*series, tree, *idx));
               }});

  router_.Add({"GET",
               "/api/v1/completeness",
               Permission::kReadSurveillance,
               "region",
               {"Which reporting units have not reported on a day",
                "situation",
                {region, {"date", "date", "Reporting day (default: the latest with data)"}},
                "",
                "Completeness"},
               [this](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 const std::optional<Date> date = context.Day("date");
                 const RegionTree& tree = surveillance_.tree();
                 auto report = surveillance_.Completeness(tree.region(*idx).code, date);
                 if (!report.ok()) return ErrorResponse(report.status());
                 return JsonResponse(200, report::CompletenessJson(*report, tree));
               }});

  router_.Add({"GET",
               "/api/v1/findings",
               Permission::kReadSurveillance,
               "region",
               {"Validation findings over the stored reports under a region",
                "reports",
                {region, limit, offset},
                "",
                "Findings"},
               [this](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 const Paging& paging = context.paging;
                 const RegionTree& tree = surveillance_.tree();
                 auto findings = surveillance_.Check(tree.region(*idx).code);
                 if (!findings.ok()) return ErrorResponse(findings.status());
                 const size_t begin = std::min<size_t>(paging.offset, findings->size());
                 const size_t end = std::min<size_t>(begin + paging.limit, findings->size());
                 boost::json::value json =
                     report::FindingsJson(std::span(findings->data() + begin, end - begin), tree);
                 array items = std::move(json.as_object()["findings"].as_array());
                 return JsonResponse(200, PageJson(std::move(items), findings->size(), paging));
               }});
}

}  // namespace outbreak::http
