#pragma once
// Runs the outbreak binary as a child process for the end-to-end tests.

#include <sys/types.h>
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

// Starts `binary args...` in the background; stdout and stderr go to /dev/null.
pid_t Start(const std::string& binary, const std::vector<std::string>& args);

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& text);

}  // namespace outbreak::testing
