#pragma once
// The outbreak command line: each command parses its options, calls the service, and renders.

#include <CLI/CLI.hpp>

namespace outbreak::cli {

// Registers every command on `app`; Run() then executes the one the user chose and returns the
// process exit code (0 success, 1 failure; CLI11 usage errors exit 2 before this).
class Commands {
 public:
  explicit Commands(CLI::App& app);
  int Run();

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace outbreak::cli
