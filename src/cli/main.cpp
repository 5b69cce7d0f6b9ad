#include <cstdlib>

#include <CLI/CLI.hpp>

#include "cli/cli_state.hpp"

namespace {

std::string DefaultUser() {
  if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') return user;
  return "cli";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "outbreak: the command system of a national emergency epidemic prevention headquarters.\n"
      "Reports from every reporting unit, rolled up to every level, the morning situation "
      "report, and the HTTP API."};
  app.require_subcommand(1);
  outbreak::cli::CliState state;
  state.user = DefaultUser();
  state.config.data_dir = outbreak::app::DefaultDataDir();
  if (const char* db = std::getenv("OUTBREAK_DB"); db != nullptr && *db != '\0') {
    state.config.database = db;
  }
  app.add_option("--db", state.config.database,
                 "SQLite database file, or a postgresql:// URL (env OUTBREAK_DB)")
      ->capture_default_str();
  app.add_option("--data-dir", state.config.data_dir, "Folder holding the demo data")
      ->capture_default_str();
  app.add_option("--user", state.user, "Name recorded with every write from the command line")
      ->capture_default_str();
  app.add_option("--day-close-hour", state.config.day_close_hour,
                 "Local hour at which a reporting day closes")
      ->check(CLI::Range(0, 23))
      ->capture_default_str();
  app.add_option("--utc-offset-minutes", state.config.utc_offset_minutes,
                 "The headquarters' time zone, minutes east of UTC")
      ->check(CLI::Range(-14 * 60, 14 * 60))
      ->capture_default_str();

  outbreak::cli::AddSurveillanceCommands(app, state);
  outbreak::cli::AddAnalyticsCommands(app, state);
  outbreak::cli::AddCareCommands(app, state);
  outbreak::cli::AddLevelsCommands(app, state);
  outbreak::cli::AddGuidanceCommands(app, state);
  outbreak::cli::AddSupplyCommands(app, state);
  outbreak::cli::AddServeCommand(app, state);
  outbreak::cli::AddUserCommands(app, state);
  outbreak::cli::AddBackupCommands(app, state);
  CLI11_PARSE(app, argc, argv);
  return state.action ? state.action() : 0;
}
