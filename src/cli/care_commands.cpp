// outbreak care centre | census | occupancy | workforce

#include <cstdio>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "app/care_service.hpp"
#include "app/file_text.hpp"
#include "app/open_store.hpp"
#include "cli/cli_state.hpp"
#include "report/care_render.hpp"
#include "report/tables.hpp"

namespace outbreak::cli {

namespace {

constexpr size_t kFindingsShown = 20;

struct CareOptions {
  care::TreatmentCentre centre;
  std::string kind = "district_treatment_centre";
  std::string status = "open";
  care::CensusDay census;
  int horizon_days = 14;
  std::optional<int> level;
};

std::optional<Date> OptionalDate(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return Date::Parse(text);
}

int PrintWrite(const std::string& what, const app::CareWriteResult& result) {
  std::fputs(report::RenderCareFindingsText(result.findings, kFindingsShown).c_str(), stderr);
  std::printf("%s: %lld added, %lld updated, %lld unchanged\n", what.c_str(),
              static_cast<long long>(result.counts.added),
              static_cast<long long>(result.counts.updated),
              static_cast<long long>(result.counts.unchanged));
  return 0;
}

int Print(const std::string& format, const boost::json::value& json, const std::string& text) {
  std::fputs(format == "json" ? report::JsonText(json).c_str() : text.c_str(), stdout);
  return 0;
}

void FormatOption(CLI::App* command, std::string& format) {
  command->add_option("--format", format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
}

int RunCentreAdd(CliState& s, CareOptions& o) {
  auto services = OpenCareServices(s);
  if (!services.ok()) return Fail(services.status());
  std::vector<std::string> errors;
  if (auto kind = care::ParseCentreKind(o.kind)) {
    o.centre.kind = *kind;
  } else {
    errors.push_back(fmt::format(
        "--kind: \"{}\" is not district_treatment_centre, hospital, isolation_ward or mobile_unit",
        o.kind));
  }
  if (auto status = care::ParseCentreStatus(o.status)) {
    o.centre.status = *status;
  } else {
    errors.push_back(fmt::format("--status: \"{}\" is not open, standby or closed", o.status));
  }
  if (!errors.empty()) return Fail(Status::InvalidArgument("bad centre", std::move(errors)));
  auto result = services->care->SaveCentres({o.centre}, {s.user, s.reason, "cli"});
  if (!result.ok()) return Fail(result.status());
  return PrintWrite("centre " + o.centre.code, *result);
}

int RunCensus(CliState& s, CareOptions& o) {
  const bool one_day = !o.census.centre.empty();
  if (s.file.empty() == !one_day) {
    return Fail(Status::InvalidArgument(
        "give a census FILE, or --centre and --date with the day's figures, not both"));
  }
  if (one_day && s.date.empty()) return Fail(Status::InvalidArgument("--date is required"));
  auto services = OpenCareServices(s);
  if (!services.ok()) return Fail(services.status());
  if (one_day) {
    o.census.date = *Date::Parse(s.date);
    auto result = services->care->RecordCensus({o.census}, {s.user, s.reason, "cli"});
    if (!result.ok()) return Fail(result.status());
    return PrintWrite(fmt::format("census of {} on {}", o.census.centre, s.date), *result);
  }
  Result<std::string> text = app::ReadFileText(s.file);
  if (!text.ok()) return Fail(text.status());
  auto result = services->care->ImportCensus(*text, s.file, {s.user, s.reason, s.file});
  if (!result.ok()) return Fail(result.status());
  return PrintWrite(s.file, *result);
}

}  // namespace

Result<std::unique_ptr<app::CareService>> OpenCare(const CliState& state,
                                                   const app::SurveillanceService& surveillance,
                                                   const app::AnalyticsService* analytics) {
  Result<std::unique_ptr<store::Store>> store = app::OpenStore(state.config.database);
  if (!store.ok()) return store.status();
  return std::make_unique<app::CareService>(std::move(*store), surveillance, analytics,
                                            state.clock);
}

Result<CareServices> OpenCareServices(CliState& state) {
  CareServices out;
  auto surveillance = state.Open();
  if (!surveillance.ok()) return surveillance.status();
  out.surveillance = std::move(*surveillance);
  out.analytics = std::make_unique<app::AnalyticsService>(*out.surveillance);
  auto care = OpenCare(state, *out.surveillance, out.analytics.get());
  if (!care.ok()) return care.status();
  out.care = std::move(*care);
  return out;
}

void AddCareCommands(CLI::App& app, CliState& s) {
  auto o = std::make_shared<CareOptions>();
  CLI::App* care = app.add_subcommand(
      "care", "Treatment centres, their census, the medical workforce and deployment plans");
  care->require_subcommand(1);

  CLI::App* centre = care->add_subcommand("centre", "Treatment centres: add, import, list");
  centre->require_subcommand(1);
  CLI::App* add = centre->add_subcommand("add", "Add a treatment centre or update it by code");
  add->add_option("CODE", o->centre.code, "Centre code, e.g. KP-04-003-DTC")->required();
  add->add_option("--name", o->centre.name, "Name")->required();
  add->add_option("--region", o->centre.region, "Region it serves")->required();
  add->add_option("--kind", o->kind,
                  "district_treatment_centre, hospital, isolation_ward or mobile_unit")
      ->capture_default_str();
  add->add_option("--status", o->status, "open, standby or closed")->capture_default_str();
  add->add_option("--beds-general", o->centre.beds_general, "Ordinary beds");
  add->add_option("--beds-intensive", o->centre.beds_intensive, "Intensive-care beds");
  add->add_option("--beds-isolation", o->centre.beds_isolation, "Isolation beds");
  add->add_option("--staff", o->centre.staff, "Medical workers attached to the centre");
  add->callback([&s, o] { s.action = [&s, o] { return RunCentreAdd(s, *o); }; });

  CLI::App* import = centre->add_subcommand(
      "import",
      "Add or update centres from CSV: code,name,region,kind[,status,beds_general,"
      "beds_intensive,beds_isolation,staff]. One bad row and nothing is imported.");
  import->add_option("FILE", s.file, "Centres CSV file")->required();
  import->callback([&s] {
    s.action = [&s] {
      auto services = OpenCareServices(s);
  if (!services.ok()) return Fail(services.status());
  Result<std::string> text = app::ReadFileText(s.file);
  if (!text.ok()) return Fail(text.status());
  auto result = services->care->ImportCentres(*text, s.file, {s.user, s.reason, s.file});
  if (!result.ok()) return Fail(result.status());
  return PrintWrite(s.file, *result);
};
}  // namespace outbreak::cli
);

CLI::App* list = centre->add_subcommand("list", "The centres under a region");
list->add_option("--region", s.region, "Region code (default: the whole country)");
FormatOption(list, s.format);
list->callback([&s] {
  s.action = [&s] {
    auto services = OpenCareServices(s);
    if (!services.ok()) return Fail(services.status());
    auto centres = services->care->Centres(s.RegionOr(*services->surveillance));
    if (!centres.ok()) return Fail(centres.status());
    boost::json::array items;
    for (const care::TreatmentCentre& c : *centres) items.push_back(report::CentreJson(c));
    return Print(s.format, boost::json::object{{"centres", items}},
                 report::RenderCentresText(*centres));
  };
});

CLI::App* census = care->add_subcommand(
    "census",
    "Record the census: a CSV file (centre,date,occupied,admitted,discharged,died"
    "[,transferred]) or one centre's day with --centre and --date. A (centre, date) already "
    "recorded with other figures is a correction and needs --reason. More occupied than beds "
    "is recorded and reported as a finding.");
census->add_option("FILE", s.file, "Census CSV file");
census->add_option("--centre", o->census.centre, "One centre's census: its code");
census->add_option("--date", s.date, "The reporting day")->check(DateValidator());
census->add_option("--occupied", o->census.occupied, "Patients in beds at the close of the day");
census->add_option("--admitted", o->census.admitted, "Admitted during the day");
census->add_option("--discharged", o->census.discharged, "Discharged recovered");
census->add_option("--died", o->census.died, "Died in the centre");
census->add_option("--transferred", o->census.transferred, "Transferred to another centre");
census->add_option("--reason", s.reason, "Why earlier figures are being corrected");
census->callback([&s, o] { s.action = [&s, o] { return RunCensus(s, *o); }; });

CLI::App* occupancy = care->add_subcommand(
    "occupancy",
    "Beds and occupied beds of the centres under a region, and the days until each is full if "
    "its province's people under treatment follow the forecast");
occupancy->add_option("--region", s.region, "Region code (default: the whole country)");
occupancy->add_option("--as-of", s.as_of, "Day (default: the latest with data)")
    ->check(DateValidator());
occupancy->add_option("--horizon-days", o->horizon_days, "Forecast days ahead, 0 to 28")
    ->check(CLI::Range(0, 28))
    ->capture_default_str();
FormatOption(occupancy, s.format);
occupancy->callback([&s, o] {
  s.action = [&s, o] {
    auto services = OpenCareServices(s);
    if (!services.ok()) return Fail(services.status());
    auto result = services->care->Occupancy(s.RegionOr(*services->surveillance),
                                            OptionalDate(s.as_of), o->horizon_days);
    if (!result.ok()) return Fail(result.status());
    const RegionTree& tree = services->surveillance->tree();
    return Print(s.format, report::OccupancyJson(*result, tree),
                 report::RenderOccupancyText(*result, tree));
  };
});

CLI::App* workforce = care->add_subcommand("workforce", "The medical workforce: import, list");
workforce->require_subcommand(1);
CLI::App* workforce_import = workforce->add_subcommand(
    "import",
    "Add or replace workforce counts from CSV: region,category,date,on_duty[,ill,quarantined,"
    "resting,longest_duty_run_days]. One bad row and nothing is imported; rest-rule and "
    "illness findings are printed.");
workforce_import->add_option("FILE", s.file, "Workforce CSV file")->required();
workforce_import->callback([&s] {
  s.action = [&s] {
    auto services = OpenCareServices(s);
    if (!services.ok()) return Fail(services.status());
    Result<std::string> text = app::ReadFileText(s.file);
    if (!text.ok()) return Fail(text.status());
    auto result = services->care->ImportWorkforce(*text, s.file, {s.user, s.reason, s.file});
    if (!result.ok()) return Fail(result.status());
    return PrintWrite(s.file, *result);
  };
});
CLI::App* workforce_list = workforce->add_subcommand(
    "list",
    "Workers by region and category on a day: the latest count, those deployed away and in by "
    "adopted plans, and the protection findings");
workforce_list->add_option("--region", s.region, "Region code (default: the whole country)");
workforce_list->add_option("--as-of", s.as_of, "Day (default: the latest with data)")
    ->check(DateValidator());
workforce_list->add_option("--level", o->level, "Sum the counts to the regions of this level")
    ->check(CLI::Range(0, 10));
FormatOption(workforce_list, s.format);
workforce_list->callback([&s, o] {
  s.action = [&s, o] {
    auto services = OpenCareServices(s);
    if (!services.ok()) return Fail(services.status());
    auto result = services->care->Workforce(s.RegionOr(*services->surveillance),
                                            OptionalDate(s.as_of), o->level);
    if (!result.ok()) return Fail(result.status());
    const RegionTree& tree = services->surveillance->tree();
    return Print(s.format, report::WorkforceJson(*result, tree),
                 report::RenderWorkforceText(*result, tree));
  };
});

AddPlanCommands(*care, s);
}

}  // namespace outbreak::cli
