#pragma once
// What the commands of the command line share: the global options, the option values of the
// command chosen, and the action to run once parsing is done.

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/analytics_service.hpp"
#include "app/care_service.hpp"
#include "app/clock.hpp"
#include "app/config.hpp"
#include "app/guidance_service.hpp"
#include "app/indicator_source.hpp"
#include "app/levels_service.hpp"
#include "app/supply_service.hpp"
#include "app/surveillance_service.hpp"
#include "core/status.hpp"

namespace outbreak::cli {

struct CliState {
  app::Config config;
  std::string user;
  app::SystemClock clock;
  std::function<int()> action;

  // Options of the commands (one command runs per process).
  std::string file;
  std::string reason;
  std::string region;
  std::string as_of;
  std::string from;
  std::string to;
  std::string date;
  std::string format;
  std::string name;
  std::string role;

  // Opens the store and loads the service.
  Result<std::unique_ptr<app::SurveillanceService>> Open();
  // The region asked for, or the root when none was given.
  std::string RegionOr(const app::SurveillanceService& service) const;
};

// Prints the error on stderr and returns the failure exit code.
int Fail(const Status& status);

// A CLI11 validator for YYYY-MM-DD options.
const CLI::Validator& DateValidator();

void AddSurveillanceCommands(CLI::App& app, CliState& state);
void AddAnalyticsCommands(CLI::App& app, CliState& state);
void AddServeCommand(CLI::App& app, CliState& state);
void AddUserCommands(CLI::App& app, CliState& state);
// backup FILE, restore FILE --replace (backup_commands.cpp).
void AddBackupCommands(CLI::App& app, CliState& state);
// outbreak care ...: centres, census, occupancy, workforce (care_commands.cpp) and deployment
// plans (plan_commands.cpp, under the same `care` command).
void AddCareCommands(CLI::App& app, CliState& state);
void AddPlanCommands(CLI::App& care, CliState& state);
// outbreak guidance ...: roster, team plans, checklists, visits, findings and the report
// (guidance_commands.cpp, guidance_field_commands.cpp).
void AddGuidanceCommands(CLI::App& app, CliState& state);
void AddGuidanceFieldCommands(CLI::App& guidance, CliState& state);
// A guidance service on its own store connection over the given surveillance service (which must
// outlive it).
Result<std::unique_ptr<app::GuidanceService>> OpenGuidance(
    const CliState& state, const app::SurveillanceService& surveillance);

// A care service on its own store connection, over the given surveillance and analytics
// services (which must outlive it; analytics may be null).
Result<std::unique_ptr<app::CareService>> OpenCare(const CliState& state,
                                                   const app::SurveillanceService& surveillance,
                                                   const app::AnalyticsService* analytics);

// What a care command needs: the surveillance service, analytics over it, and care over both
// (declared in the order they are opened, so destroyed in reverse).
struct CareServices {
  std::unique_ptr<app::SurveillanceService> surveillance;
  std::unique_ptr<app::AnalyticsService> analytics;
  std::unique_ptr<app::CareService> care;
};
Result<CareServices> OpenCareServices(CliState& state);

// outbreak supply ...: the catalogue, network, ledger and reads (supply_commands.cpp), shipments,
// distribution plans and production (supply_plan_commands.cpp).
void AddSupplyCommands(CLI::App& app, CliState& state);
void AddSupplyPlanCommands(CLI::App& supply, CliState& state);
// outbreak supply shipments bulk and outbreak supply queue (supply_bulk_commands.cpp).
void AddSupplyBulkCommands(CLI::App& supply, CLI::App& shipments, CliState& state);

// A supply service on its own store connection, over the given surveillance and analytics
// services (which must outlive it; analytics may be null).
Result<std::unique_ptr<app::SupplyService>> OpenSupply(const CliState& state,
                                                       const app::SurveillanceService& surveillance,
                                                       const app::AnalyticsService* analytics);

// What a supply command needs, declared in the order they are opened.
struct SupplyServices {
  std::unique_ptr<app::SurveillanceService> surveillance;
  std::unique_ptr<app::AnalyticsService> analytics;
  std::unique_ptr<app::SupplyService> supply;
};
Result<SupplyServices> OpenSupplyServices(CliState& state);

// outbreak levels ...: prevention levels, rules, proposals, decisions, replay and tasks
// (levels_commands.cpp).
void AddLevelsCommands(CLI::App& app, CliState& state);
// A levels service on its own store connection, over the given services (which must outlive
// it).
Result<std::unique_ptr<app::LevelsService>> OpenLevels(const CliState& state,
                                                       const app::SurveillanceService& surveillance,
                                                       const app::IndicatorSource& indicators);

}  // namespace outbreak::cli
