#pragma once
// Runs the outbreak binary as a child process for the end-to-end tests.

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace outbreak::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `binary args...` with stdin from /dev/null and waits for it.
RunResult Run(const std::string& binary, const std::vector<std::string>& args);
// Likewise with `input` on stdin (a password, say).
RunResult RunWithInput(const std::string& binary, const std::vector<std::string>& args,
                       const std::string& input);

// Starts `binary args...` in the background; stdout and stderr go to /dev/null.
pid_t Start(const std::string& binary, const std::vector<std::string>& args);
// Likewise with stdout and stderr written to the files named (created or truncated).
pid_t StartLogged(const std::string& binary, const std::vector<std::string>& args,
                  const std::string& out_path, const std::string& err_path);

// Waits up to `timeout` for a child to end: its exit code (128 + signal when killed), or nullopt
// when it is still running.
std::optional<int> WaitForExit(pid_t pid, std::chrono::milliseconds timeout);

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& text);

}  // namespace outbreak::testing
