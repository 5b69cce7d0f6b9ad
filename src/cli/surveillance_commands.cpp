#include "cli/cli_state.hpp"

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <optional>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "app/analytics_service.hpp"
#include "app/clock.hpp"
#include "app/config.hpp"
#include "app/demo.hpp"
#include "app/file_text.hpp"
#include "app/open_store.hpp"
#include "app/surveillance_service.hpp"
#include "cli/terminal_progress.hpp"
#include "report/analytics_render.hpp"
#include "report/format.hpp"
#include "report/levels_render.hpp"
#include "report/sitrep_render.hpp"
#include "report/tables.hpp"
#include "store/store.hpp"

namespace outbreak::cli {

namespace {

constexpr size_t kFindingsShown = 20;

std::optional<Date> OptionalDate(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return Date::Parse(text);
}

void PrintFindings(const std::vector<surveillance::Finding>& findings) {
  if (findings.empty()) return;
  std::fputs(report::RenderFindingsText(findings, kFindingsShown).c_str(), stderr);
}

}  // namespace

int Fail(const Status& status) {
  std::fprintf(stderr, "error: %s\n", status.ToString().c_str());
  return 1;
}

const CLI::Validator& DateValidator() {
  static const CLI::Validator validator(
      [](std::string& text) {
        return Date::Parse(text) ? std::string() : "\"" + text + "\" is not a date (YYYY-MM-DD)";
      },
      "DATE");
  return validator;
}

Result<std::unique_ptr<app::SurveillanceService>> CliState::Open() {
  Result<std::unique_ptr<store::Store>> store = app::OpenStore(config.database);
  if (!store.ok()) return store.status();
  return app::SurveillanceService::Open(std::move(*store), clock, config);
}

std::string CliState::RegionOr(const app::SurveillanceService& service) const {
  if (!region.empty() || service.tree().empty()) return region;
  return service.tree().region(service.tree().root()).code;
}

void AddSurveillanceCommands(CLI::App& app, CliState& s) {
  // init
  app.add_subcommand("init", "Create the database schema, or upgrade it to this version")
      ->callback([&s] {
        s.action = [&s] {
          Result<std::unique_ptr<store::Store>> store = app::OpenStore(s.config.database);
          if (!store.ok()) return Fail(store.status());
          Result<int> version = (*store)->SchemaVersion();
          if (!version.ok()) return Fail(version.status());
          std::printf("%s: schema version %d\n", s.config.database.c_str(), *version);
          return 0;
        };
      });

  // import regions|reports
  CLI::App* import = app.add_subcommand("import", "Import regions or daily reports from CSV");
  import->require_subcommand(1);
  import
      ->add_subcommand("regions",
                       "Add or update regions: code,name,name_local,parent,level,population,lat,lon")
      ->callback([&s] {
        s.action = [&s] {
          auto service = s.Open();
  if (!service.ok()) return Fail(service.status());
  Result<std::string> text = app::ReadFileText(s.file);
  if (!text.ok()) return Fail(text.status());
  auto result = (*service)->ImportRegions(*text, s.file);
  if (!result.ok()) return Fail(result.status());
  for (const std::string& warning : result->warnings) {
    std::fprintf(stderr, "warning: %s\n", warning.c_str());
  }
  std::printf("%s: %lld region(s) added, %lld updated\n", s.file.c_str(),
              static_cast<long long>(result->added), static_cast<long long>(result->updated));
  return 0;
};
}  // namespace outbreak::cli
)
      ->add_option("FILE", s.file, "Regions CSV file")
      ->required();
CLI::App* import_reports = import->add_subcommand(
    "reports",
    "Import daily reports: region,date,new_fever,new_recovered,new_deaths,under_treatment"
    "[,tested,positive]. A (region, date) already stored is a correction and needs --reason.");
import_reports->add_option("FILE", s.file, "Reports CSV file")->required();
import_reports->add_option("--reason", s.reason, "Why earlier reports are being corrected");
import_reports->callback([&s] {
  s.action = [&s] {
    auto service = s.Open();
    if (!service.ok()) return Fail(service.status());
    Result<std::string> text = app::ReadFileText(s.file);
    if (!text.ok()) return Fail(text.status());
    auto result =
        (*service)->ImportReports(*text, s.file, {s.user, s.reason, s.file}, TerminalProgress());
    EndTerminalProgress();
    if (!result.ok()) return Fail(result.status());
    PrintFindings(result->findings);
    std::printf("%s: %lld report(s) added, %lld corrected, %lld unchanged\n", s.file.c_str(),
                static_cast<long long>(result->added), static_cast<long long>(result->corrected),
                static_cast<long long>(result->unchanged));
    return 0;
  };
});

// demo
app.add_subcommand("demo",
                   "Load the 2022 demo: regions, published national figures, derived county "
                   "figures (see data/README.md)")
    ->callback([&s] {
      s.action = [&s] {
        auto services = OpenCareServices(s);
        if (!services.ok()) return Fail(services.status());
        auto supply = OpenSupply(s, *services->surveillance, services->analytics.get());
        if (!supply.ok()) return Fail(supply.status());
        auto guidance = OpenGuidance(s, *services->surveillance);
        if (!guidance.ok()) return Fail(guidance.status());
        app::IndicatorSource indicators(*services->surveillance, *services->analytics,
                                        services->care.get());
        indicators.SetMedicineCoverProvider(app::MedicineCoverOf(**supply));
        auto levels_service = OpenLevels(s, *services->surveillance, indicators);
        if (!levels_service.ok()) return Fail(levels_service.status());
        auto summary = app::LoadDemo(*services->surveillance, s.config.data_dir, s.user,
                                     {.care = services->care.get(),
                                      .supply = supply->get(),
                                      .guidance = guidance->get(),
                                      .levels = levels_service->get()});
        if (!summary.ok()) return Fail(summary.status());
        std::printf(
            "demo loaded into %s: %d regions, %s to %s, %lld report(s) added, %lld "
            "unchanged, %zu validation finding(s) (outbreak check lists them)\n",
            s.config.database.c_str(), summary->regions, summary->first_day.ToString().c_str(),
            summary->last_day.ToString().c_str(), static_cast<long long>(summary->reports_added),
            static_cast<long long>(summary->reports_unchanged), summary->findings);
        if (summary->care) {
          std::printf(
              "care demo (illustrative): %lld centre(s), %lld workforce count(s), %lld census "
              "day(s) written, %lld unchanged (docs/care.md)\n",
              static_cast<long long>(summary->care->centres),
              static_cast<long long>(summary->care->workforce_counts),
              static_cast<long long>(summary->care->census_days),
              static_cast<long long>(summary->care->unchanged));
        }
        if (summary->guidance) {
          std::printf(
              "guidance demo (illustrative): %lld official(s) added, checklist version %d, "
              "team plan %lld adopted with %zu team(s) (docs/guidance.md)\n",
              static_cast<long long>(summary->guidance->officials_added),
              summary->guidance->checklist_version, static_cast<long long>(summary->guidance->plan),
              summary->guidance->teams);
        }
        if (summary->levels) {
          std::printf(
              "prevention levels: rules %s, action programmes %s; %lld decision(s) and %lld "
              "task(s) recorded (docs/levels.md)\n",
              summary->levels->rules_version.c_str(), summary->levels->programmes_version.c_str(),
              static_cast<long long>(summary->levels->decisions),
              static_cast<long long>(summary->levels->tasks));
        }
        if (summary->supply) {
          std::printf(
              "supply demo (illustrative): %lld medicine(s), %lld node(s), %lld link(s), %lld "
              "ledger entr(ies) written, %lld shipment(s) (docs/supply.md)\n",
              static_cast<long long>(summary->supply->medicines),
              static_cast<long long>(summary->supply->nodes),
              static_cast<long long>(summary->supply->links),
              static_cast<long long>(summary->supply->ledger_entries),
              static_cast<long long>(summary->supply->shipments));
        }
        return 0;
      };
    });

// sitrep
CLI::App* sitrep = app.add_subcommand("sitrep", "The situation report as of a date");
sitrep->add_option("--as-of", s.as_of, "Reporting day (default: the latest with data)")
    ->check(DateValidator());
sitrep->add_option("--region", s.region, "Region code (default: the whole country)");
sitrep->add_option("--format", s.format, "text, markdown or json")
    ->check(CLI::IsMember({"text", "markdown", "json"}))
    ->default_str("text");
sitrep->callback([&s] {
  s.action = [&s] {
    auto service = s.Open();
    if (!service.ok()) return Fail(service.status());
    if ((*service)->tree().empty()) {
      return Fail(Status::NotFound("there are no regions yet: run `outbreak demo` or import"));
    }
    auto result = (*service)->Sitrep(s.RegionOr(**service), OptionalDate(s.as_of));
    if (!result.ok()) return Fail(result.status());
    const RegionTree& tree = (*service)->tree();
    const app::AnalyticsService analytics(**service);
    auto trends = analytics.Trends(tree.region(result->region.region).code, result->as_of);
    if (!trends.ok()) return Fail(trends.status());
    // The prevention section: pending level proposals and overdue tasks.
    app::IndicatorSource indicators(**service, analytics, nullptr);
    auto levels_service = OpenLevels(s, **service, indicators);
    if (!levels_service.ok()) return Fail(levels_service.status());
    auto prevention =
        (*levels_service)->Summary(tree.region(result->region.region).code, result->as_of);
    if (!prevention.ok()) return Fail(prevention.status());
    const report::SitrepStyle style{s.config.day_close_hour, report::RenderTrendText(*trends),
                                    s.format == "markdown"
                                        ? report::RenderPreventionSectionMarkdown(*prevention, tree)
                                        : report::RenderPreventionSectionText(*prevention, tree)};
    if (s.format == "json") {
      boost::json::value json = report::SitrepJson(*result, tree);
      json.as_object()["trend"] = report::TrendJson(*trends, tree);
      json.as_object()["prevention"] = report::PreventionSummaryJson(*prevention, tree);
      std::fputs(report::JsonText(json).c_str(), stdout);
    } else if (s.format == "markdown") {
      std::fputs(report::RenderSitrepMarkdown(*result, tree, style).c_str(), stdout);
    } else {
      std::fputs(report::RenderSitrepText(*result, tree, style).c_str(), stdout);
    }
    return 0;
  };
});

// series
CLI::App* series = app.add_subcommand("series", "A region's daily series");
series->add_option("--region", s.region, "Region code")->required();
series->add_option("--from", s.from, "First day (default: the first with data)")
    ->check(DateValidator());
series->add_option("--to", s.to, "Last day (default: the last with data)")->check(DateValidator());
series->add_option("--format", s.format, "csv or json")
    ->check(CLI::IsMember({"csv", "json"}))
    ->default_str("csv");
series->callback([&s] {
  s.action = [&s] {
    auto service = s.Open();
    if (!service.ok()) return Fail(service.status());
    auto result = (*service)->Series(s.region, OptionalDate(s.from), OptionalDate(s.to));
    if (!result.ok()) return Fail(result.status());
    const RegionTree& tree = (*service)->tree();
    const RegionIdx idx = *tree.Find(s.region);
    if (s.format == "json") {
      std::fputs(report::JsonText(report::SeriesJson(*result, tree, idx)).c_str(), stdout);
    } else {
      std::fputs(report::RenderSeriesCsv(*result, tree.leaf_count(idx)).c_str(), stdout);
    }
    return 0;
  };
});

// completeness
CLI::App* completeness =
    app.add_subcommand("completeness", "Which reporting units have not reported on a day");
completeness->add_option("--date", s.date, "Reporting day (default: the latest with data)")
    ->check(DateValidator());
completeness->add_option("--region", s.region, "Region code (default: the whole country)");
completeness->add_option("--format", s.format, "text or json")
    ->check(CLI::IsMember({"text", "json"}))
    ->default_str("text");
completeness->callback([&s] {
  s.action = [&s] {
    auto service = s.Open();
    if (!service.ok()) return Fail(service.status());
    auto result = (*service)->Completeness(s.RegionOr(**service), OptionalDate(s.date));
    if (!result.ok()) return Fail(result.status());
    const RegionTree& tree = (*service)->tree();
    if (s.format == "json") {
      std::fputs(report::JsonText(report::CompletenessJson(*result, tree)).c_str(), stdout);
    } else {
      std::fputs(report::RenderCompletenessText(*result, tree).c_str(), stdout);
    }
    return 0;
  };
});

// check
CLI::App* check = app.add_subcommand("check", "Validation findings over the stored reports");
check->add_option("--region", s.region, "Region code (default: the whole country)");
check->add_option("--format", s.format, "text or json")
    ->check(CLI::IsMember({"text", "json"}))
    ->default_str("text");
check->callback([&s] {
  s.action = [&s] {
    auto service = s.Open();
    if (!service.ok()) return Fail(service.status());
    auto result = (*service)->Check(s.RegionOr(**service));
    if (!result.ok()) return Fail(result.status());
    if (s.format == "json") {
      std::fputs(report::JsonText(report::FindingsJson(*result, (*service)->tree())).c_str(),
                 stdout);
    } else {
      std::fputs(report::RenderFindingsText(*result, SIZE_MAX).c_str(), stdout);
    }
    return 0;
  };
});

// history
CLI::App* history = app.add_subcommand("history", "Every version of one report: who, when, why");
history->add_option("--region", s.region, "Reporting unit code")->required();
history->add_option("--date", s.date, "Reporting day")->required()->check(DateValidator());
history->add_option("--format", s.format, "text or json")
    ->check(CLI::IsMember({"text", "json"}))
    ->default_str("text");
history->callback([&s] {
  s.action = [&s] {
    auto service = s.Open();
    if (!service.ok()) return Fail(service.status());
    auto result = (*service)->History(s.region, *Date::Parse(s.date));
    if (!result.ok()) return Fail(result.status());
    if (s.format == "json") {
      std::fputs(report::JsonText(report::HistoryJson(*result)).c_str(), stdout);
    } else {
      std::fputs(report::RenderHistoryText(*result).c_str(), stdout);
    }
    return 0;
  };
});
}

}  // namespace outbreak::cli
