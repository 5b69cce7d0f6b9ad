#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{
      "outbreak: the command system of a national emergency epidemic prevention headquarters.\n"
      "Reports from every reporting unit, rolled up to every level, and the morning situation "
      "report."};
  app.require_subcommand(1);
  outbreak::cli::Commands commands(app);
  CLI11_PARSE(app, argc, argv);
  return commands.Run();
}
