// outbreak rt | forecast | backtest

#include <cstdio>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "analytics/incidence.hpp"
#include "analytics/rt_estimator.hpp"
#include "analytics/serial_interval.hpp"
#include "app/analytics_service.hpp"
#include "app/file_text.hpp"
#include "cli/cli_state.hpp"
#include "report/analytics_render.hpp"
#include "report/tables.hpp"

namespace outbreak::cli {

namespace {

struct AnalyticsOptions {
  std::string incidence;  // a plain incidence file instead of the database
  std::optional<double> si_mean;
  std::optional<double> si_sd;
  std::string si_distr;  // a k,w file
  std::optional<int> window;
  int horizon = 28;
  std::vector<int> horizons = {7, 14};
  std::string rt_method = "window";  // or "filter"
};

// The serial interval the options ask for, or nullopt for the default.
Result<std::optional<analytics::SerialInterval>> SerialIntervalFrom(const AnalyticsOptions& o) {
  if (!o.si_distr.empty()) {
    if (o.si_mean || o.si_sd) {
      return Status::InvalidArgument("give either --si-distr or --si-mean and --si-sd, not both");
    }
    Result<std::string> text = app::ReadFileText(o.si_distr);
    if (!text.ok()) return text.status();
    auto si = analytics::ParseSerialIntervalCsv(*text, o.si_distr);
    if (!si.ok()) return si.status();
    return std::optional(*si);
  }
  if (o.si_mean.has_value() != o.si_sd.has_value()) {
    return Status::InvalidArgument("--si-mean and --si-sd go together");
  }
  if (o.si_mean) {
    auto si = analytics::DiscretiseSerialInterval(*o.si_mean, *o.si_sd);
    if (!si.ok()) return si.status();
    return std::optional(*si);
  }
  return std::optional<analytics::SerialInterval>();
}

int PrintRt(const CliState& s, std::span<const analytics::RtSummary> estimates,
            std::optional<Date> first_day, const std::string& serial_interval) {
  if (s.format == "json") {
    std::fputs(report::JsonText(report::RtJson(estimates, first_day, serial_interval)).c_str(),
               stdout);
  } else {
    std::fputs(report::RenderRtCsv(estimates, first_day).c_str(), stdout);
  }
  return 0;
}

int PrintRtDaily(const CliState& s, const analytics::RtFilterResult& result, Date first_day,
                 const std::string& serial_interval) {
  const std::optional<Date> from = s.from.empty() ? std::nullopt : Date::Parse(s.from);
  const std::optional<Date> to = s.to.empty() ? std::nullopt : Date::Parse(s.to);
  if (s.format == "json") {
    std::fputs(
        report::JsonText(report::RtDailyJson(result, first_day, from, to, serial_interval)).c_str(),
        stdout);
  } else {
    std::fputs(report::RenderRtDailyCsv(result, first_day, from, to).c_str(), stdout);
  }
  return 0;
}

// `outbreak rt --rt-method filter`: the daily R_t, beside (never instead of) EpiEstim's windows.
int RunRtDaily(CliState& s, const AnalyticsOptions& o,
               const std::optional<analytics::SerialInterval>& si) {
  if (o.window) {
    return Fail(Status::InvalidArgument("--window is for --rt-method window: the filter has none"));
  }
  if (!o.incidence.empty()) {
    if (!s.region.empty()) return Fail(Status::InvalidArgument("give --region or --incidence"));
    Result<std::string> text = app::ReadFileText(o.incidence);
    if (!text.ok()) return Fail(text.status());
    auto incidence = analytics::ParseIncidenceCsv(*text, o.incidence);
    if (!incidence.ok()) return Fail(incidence.status());
    const analytics::SerialInterval interval = si.value_or(analytics::OmicronBa2SerialInterval());
    auto result = analytics::FilterRt(*incidence, interval);
    if (!result.ok()) return Fail(result.status());
    return PrintRtDaily(s, *result, incidence->first_day, interval.description);
  }
  if (s.region.empty()) return Fail(Status::InvalidArgument("give --region or --incidence"));
  auto service = s.Open();
  if (!service.ok()) return Fail(service.status());
  app::AnalyticsService analytics(**service);
  app::RtRequest request;
  request.serial_interval = si;
  auto daily = analytics.RtDaily(s.region, request);
  if (!daily.ok()) return Fail(daily.status());
  return PrintRtDaily(s, daily->result, daily->first_day, daily->serial_interval);
}

int RunRt(CliState& s, const AnalyticsOptions& o) {
  auto si = SerialIntervalFrom(o);
  if (!si.ok()) return Fail(si.status());
  if (o.rt_method == "filter") return RunRtDaily(s, o, *si);
  if (!o.incidence.empty()) {
    if (!s.region.empty()) return Fail(Status::InvalidArgument("give --region or --incidence"));
    Result<std::string> text = app::ReadFileText(o.incidence);
    if (!text.ok()) return Fail(text.status());
    auto incidence = analytics::ParseIncidenceCsv(*text, o.incidence);
    if (!incidence.ok()) return Fail(incidence.status());
    const analytics::SerialInterval interval = si->value_or(analytics::OmicronBa2SerialInterval());
    analytics::RtOptions options;
    if (o.window) options.window_days = *o.window;
    auto posteriors = analytics::EstimateRt(*incidence, interval, options);
    if (!posteriors.ok()) return Fail(posteriors.status());
    std::vector<analytics::RtSummary> estimates;
    for (const auto& posterior : *posteriors) estimates.push_back(analytics::Summarise(posterior));
    return PrintRt(s, estimates, incidence->first_day, interval.description);
  }
  if (s.region.empty()) return Fail(Status::InvalidArgument("give --region or --incidence"));
  auto service = s.Open();
  if (!service.ok()) return Fail(service.status());
  app::AnalyticsService analytics(**service);
  app::RtRequest request;
  request.from = s.from.empty() ? std::nullopt : Date::Parse(s.from);
  request.to = s.to.empty() ? std::nullopt : Date::Parse(s.to);
  request.window_days = o.window;
  request.serial_interval = *si;
  auto rt = analytics.Rt(s.region, request);
  if (!rt.ok()) return Fail(rt.status());
  return PrintRt(s, rt->estimates, rt->first_day, rt->serial_interval);
}

analytics::RtMethod RtMethodOf(const AnalyticsOptions& o) {
  return o.rt_method == "filter" ? analytics::RtMethod::kFiltered : analytics::RtMethod::kWindow;
}

int RunForecast(CliState& s, const AnalyticsOptions& o) {
  auto service = s.Open();
  if (!service.ok()) return Fail(service.status());
  app::AnalyticsService analytics(**service);
  const std::string region = s.RegionOr(**service);
  auto forecast = analytics.Forecast(region, s.as_of.empty() ? std::nullopt : Date::Parse(s.as_of),
                                     o.horizon, RtMethodOf(o));
  if (!forecast.ok()) return Fail(forecast.status());
  if (s.format == "json") {
    std::fputs(report::JsonText(report::ForecastJson(forecast->forecast)).c_str(), stdout);
  } else if (s.format == "csv") {
    std::fputs(report::RenderForecastCsv(forecast->forecast).c_str(), stdout);
  } else {
    std::fputs(
        report::RenderForecastText(
            forecast->forecast, (*service)->tree().region(forecast->region).name, forecast->origin)
            .c_str(),
        stdout);
  }
  return 0;
}

int RunBacktest(CliState& s, const AnalyticsOptions& o) {
  auto service = s.Open();
  if (!service.ok()) return Fail(service.status());
  app::AnalyticsService analytics(**service);
  const std::string region = s.RegionOr(**service);
  auto backtest = analytics.Backtest(region, *Date::Parse(s.from), *Date::Parse(s.to), o.horizons,
                                     RtMethodOf(o));
  if (!backtest.ok()) return Fail(backtest.status());
  if (s.format == "json") {
    std::fputs(report::JsonText(report::BacktestJson(backtest->result)).c_str(), stdout);
  } else {
    std::fputs(report::RenderBacktestText(backtest->result,
                                          (*service)->tree().region(backtest->region).name,
                                          backtest->from, backtest->to)
                   .c_str(),
               stdout);
  }
  return 0;
}

}  // namespace

void AddAnalyticsCommands(CLI::App& app, CliState& s) {
  auto o = std::make_shared<AnalyticsOptions>();

  CLI::App* rt = app.add_subcommand(
      "rt",
      "Reproduction number R_t with credible intervals, for a stored region or a plain "
      "incidence file: over sliding windows (Cori et al. 2013, as EpiEstim; the default), or "
      "for every day by a filter and smoother of a random walk on log R_t (--rt-method filter)");
  rt->add_option("--region", s.region, "Region code");
  rt->add_option("--incidence", o->incidence,
                 "CSV with date,cases (the first day counts as imported) or date,local,imported");
  rt->add_option("--from", s.from, "Windows ending (or days) on or after this day")
      ->check(DateValidator());
  rt->add_option("--to", s.to, "Windows ending (or days) on or before this day")
      ->check(DateValidator());
  rt->add_option("--window", o->window, "Window length in days (default 7)")
      ->check(CLI::Range(1, 365));
  rt->add_option("--rt-method", o->rt_method,
                 "window: EpiEstim's sliding windows; filter: a daily R_t, smoothed (all the data) "
                 "and filtered (the data up to each day)")
      ->check(CLI::IsMember({"window", "filter"}))
      ->capture_default_str();
  rt->add_option("--si-mean", o->si_mean, "Mean of the serial interval, days (with --si-sd)");
  rt->add_option("--si-sd", o->si_sd, "Sd of the serial interval, days (with --si-mean)");
  rt->add_option("--si-distr", o->si_distr, "The serial interval as a k,w CSV, k from 0");
  rt->add_option("--format", s.format, "csv or json")
      ->check(CLI::IsMember({"csv", "json"}))
      ->default_str("csv");
  rt->callback([&s, o] { s.action = [&s, o] { return RunRt(s, *o); }; });

  CLI::App* forecast = app.add_subcommand(
      "forecast",
      "Forecast new cases, recoveries, deaths and people under treatment with 50/80/95% "
      "intervals (renewal equation driven by the R_t posterior)");
  forecast->add_option("--region", s.region, "Region code (default: the whole country)");
  forecast->add_option("--as-of", s.as_of, "Forecast from the data up to this day")
      ->check(DateValidator());
  forecast->add_option("--horizon", o->horizon, "Days ahead, 1 to 28")
      ->check(CLI::Range(1, 28))
      ->capture_default_str();
  forecast
      ->add_option("--rt-method", o->rt_method,
                   "R_t from the last week's window, or from the daily filter")
      ->check(CLI::IsMember({"window", "filter"}))
      ->capture_default_str();
  forecast->add_option("--format", s.format, "text, csv or json")
      ->check(CLI::IsMember({"text", "csv", "json"}))
      ->default_str("text");
  forecast->callback([&s, o] { s.action = [&s, o] { return RunForecast(s, *o); }; });

  CLI::App* backtest = app.add_subcommand(
      "backtest",
      "Rerun the forecast as if on each past day with only the data known then, and score it "
      "(weighted interval score, coverage, bias) beside two naive baselines; every origin from the "
      "fifth day of data is scored");
  backtest->add_option("--region", s.region, "Region code (default: the whole country)");
  backtest->add_option("--from", s.from, "First forecast day")->required()->check(DateValidator());
  backtest->add_option("--to", s.to, "Last forecast day")->required()->check(DateValidator());
  backtest->add_option("--horizon", o->horizons, "Horizons in days, e.g. 7,14")
      ->delimiter(',')
      ->check(CLI::Range(1, 28));
  backtest
      ->add_option("--rt-method", o->rt_method,
                   "R_t from the last week's window, or from the daily filter")
      ->check(CLI::IsMember({"window", "filter"}))
      ->capture_default_str();
  backtest->add_option("--format", s.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
  backtest->callback([&s, o] { s.action = [&s, o] { return RunBacktest(s, *o); }; });
}

}  // namespace outbreak::cli
