// The analytics resources: R_t, forecasts, backtests and trends.

#include <charconv>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "http/api.hpp"
#include "http/json_response.hpp"
#include "http/routes.hpp"
#include "report/analytics_render.hpp"

namespace outbreak::http {

namespace {

Result<std::vector<int>> HorizonsParam(const RequestContext& context) {
  const std::string text = context.Param("horizon");
  if (text.empty()) return std::vector<int>{7, 14};
  std::vector<int> out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, comma - start);
    int value = 0;
    auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), value);
    if (item.empty() || ec != std::errc() || ptr != item.data() + item.size() || value < 1 ||
        value > 28) {
      return Status::InvalidArgument(
          fmt::format("horizon: \"{}\" must be days from 1 to 28, e.g. 7,14", text));
    }
    out.push_back(value);
    start = comma + 1;
  }
  return out;
}

// rt_method: "window" (the default) or "filter".
Result<analytics::RtMethod> RtMethodParam(const RequestContext& context) {
  const std::string text = context.Param("rt_method");
  if (text.empty() || text == "window") return analytics::RtMethod::kWindow;
  if (text == "filter") return analytics::RtMethod::kFiltered;
  return Status::InvalidArgument(fmt::format("rt_method: \"{}\" is not window or filter", text));
}

}  // namespace

void AnalyticsRoutes::Add() {
  using access::Permission;
  const ParamDoc region{"region", "string", "Region code (default: your home region)"};
  const ParamDoc rt_method{"rt_method", "string",
                           "R_t from the last week's window (window, the default) or from the "
                           "daily filter (filter)"};

  // Analytics answers are cached per data version: they depend on nothing else.
  auto cached = [this](const std::string& key, auto&& compute) {
    const uint64_t version = surveillance_.DataVersion();
    if (auto hit = analytics_cache_.Find(key, version)) return *hit;
    HttpResponse response = compute();
    if (response.status == 200) analytics_cache_.Store(key, version, response);
    return response;
  };

  router_.Add({"GET",
               "/api/v1/rt",
               Permission::kReadSurveillance,
               "region",
               {"Reproduction number R_t with credible intervals over sliding windows (Cori et "
                "al. 2013, as EpiEstim), with the default serial interval",
                "analytics",
                {region,
                 {"from", "date", "Windows ending on or after this day"},
                 {"to", "date", "Windows ending on or before this day"},
                 IntegerParam("window", "Window length in days, 1 to 365 (default 7)", 1, 365),
                 {"rt_method", "string",
                  "window (EpiEstim's sliding windows, the default) or filter (a daily R_t: "
                  "smoothed, and filtered with the data up to each day)"}},
                "",
                "Rt"},
               [this, cached](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 const DateRange dates = context.Dates();
                 const int window = static_cast<int>(context.Whole("window").value_or(7));
                 auto method = RtMethodParam(context);
                 if (!method.ok()) return ErrorResponse(method.status());
                 const std::string code = surveillance_.tree().region(*idx).code;
                 const std::string key =
                     fmt::format("rt|{}|{}|{}|{}|{}", code, context.Param("from"),
                                 context.Param("to"), window, analytics::RtMethodName(*method));
                 if (*method == analytics::RtMethod::kFiltered) {
                   return cached(key, [&] {
                     auto daily = analytics_.RtDaily(code, app::RtRequest{});
                     if (!daily.ok()) return ErrorResponse(daily.status());
                     boost::json::value json =
                         report::RtDailyJson(daily->result, daily->first_day, dates.from, dates.to,
                                             daily->serial_interval);
                     json.as_object()["region"] = code;
                     return JsonResponse(200, json);
                   });
                 }
                 return cached(key, [&] {
                   app::RtRequest request{dates.from, dates.to, window, std::nullopt};
                   auto rt = analytics_.Rt(code, request);
                   if (!rt.ok()) return ErrorResponse(rt.status());
                   boost::json::value json =
                       report::RtJson(rt->estimates, rt->first_day, rt->serial_interval);
                   json.as_object()["region"] = code;
                   return JsonResponse(200, json);
                 });
               },
               /*national=*/false,
               /*slow=*/true});

  router_.Add({"GET",
               "/api/v1/forecast",
               Permission::kReadSurveillance,
               "region",
               {"Forecast of new cases, recoveries, deaths and people under treatment, 1 to 28 "
                "days ahead, with 50/80/95% intervals",
                "analytics",
                {region,
                 {"as_of", "date", "Forecast from the data up to this day (default: latest)"},
                 IntegerParam("horizon", "Days ahead, 1 to 28 (default 28)", 1, 28),
                 rt_method},
                "",
                "Forecast"},
               [this, cached](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 const std::optional<Date> as_of = context.Day("as_of");
                 const int horizon = static_cast<int>(context.Whole("horizon").value_or(28));
                 auto method = RtMethodParam(context);
                 if (!method.ok()) return ErrorResponse(method.status());
                 const std::string code = surveillance_.tree().region(*idx).code;
                 const std::string key =
                     fmt::format("forecast|{}|{}|{}|{}", code, context.Param("as_of"), horizon,
                                 analytics::RtMethodName(*method));
                 return cached(key, [&] {
                   auto forecast = analytics_.Forecast(code, as_of, horizon, *method);
                   if (!forecast.ok()) return ErrorResponse(forecast.status());
                   boost::json::value json = report::ForecastJson(forecast->forecast);
                   json.as_object()["region"] = code;
                   json.as_object()["origin"] = forecast->origin.ToString();
                   json.as_object()["serial_interval"] = forecast->serial_interval;
                   return JsonResponse(200, json);
                 });
               },
               /*national=*/false,
               /*slow=*/true});

  router_.Add({"GET",
               "/api/v1/backtest",
               Permission::kReadSurveillance,
               "region",
               {"Scores of forecasts rerun on past days (weighted interval score, coverage) "
                "beside two naive baselines",
                "analytics",
                {region,
                 {"from", "date", "First forecast day", true},
                 {"to", "date", "Last forecast day", true},
                 {"horizon", "string", "Horizons in days, e.g. 7,14 (default)"},
                 rt_method},
                "",
                "Backtest"},
               [this, cached](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 const DateRange dates = context.Dates();
                 if (!dates.from || !dates.to) {
                   return ErrorResponse(Status::InvalidArgument("from and to are required"));
                 }
                 constexpr int kMaxOrigins = 366;
                 if (*dates.to - *dates.from >= kMaxOrigins) {
                   return ErrorResponse(Status::InvalidArgument(
                       fmt::format("at most {} forecast days in one backtest", kMaxOrigins)));
                 }
                 auto horizons = HorizonsParam(context);
                 if (!horizons.ok()) return ErrorResponse(horizons.status());
                 auto method = RtMethodParam(context);
                 if (!method.ok()) return ErrorResponse(method.status());
                 const std::string code = surveillance_.tree().region(*idx).code;
                 const std::string key = fmt::format(
                     "backtest|{}|{}|{}|{}|{}", code, context.Param("from"), context.Param("to"),
                     context.Param("horizon"), analytics::RtMethodName(*method));
                 return cached(key, [&] {
                   auto backtest =
                       analytics_.Backtest(code, *dates.from, *dates.to, *horizons, *method);
                   if (!backtest.ok()) return ErrorResponse(backtest.status());
                   boost::json::value json = report::BacktestJson(backtest->result);
                   json.as_object()["region"] = code;
                   return JsonResponse(200, json);
                 });
               },
               /*national=*/false,
               /*slow=*/true});

  router_.Add({"GET",
               "/api/v1/trends",
               Permission::kReadSurveillance,
               "region",
               {"Growth of a region and of each region below it, the trend statement of the "
                "situation report, and alerts (R_t upper bound crossing 1, growth turning "
                "positive)",
                "analytics",
                {region, {"as_of", "date", "Reporting day (default: the latest with data)"}},
                "",
                "Trends"},
               [this, cached](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 const std::optional<Date> as_of = context.Day("as_of");
                 const std::string code = surveillance_.tree().region(*idx).code;
                 const Date day = as_of.value_or(surveillance_.LatestDay());
                 const std::string key = fmt::format("trends|{}|{}", code, day.ToString());
                 return cached(key, [&] {
                   auto trends = analytics_.Trends(code, day);
                   if (!trends.ok()) return ErrorResponse(trends.status());
                   boost::json::value json = report::TrendJson(*trends, surveillance_.tree());
                   json.as_object()["region"] = code;
                   json.as_object()["as_of"] = day.ToString();
                   return JsonResponse(200, json);
                 });
               },
               /*national=*/false,
               /*slow=*/true});
}

}  // namespace outbreak::http
