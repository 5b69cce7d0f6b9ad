#include "cli/terminal_progress.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include <fmt/format.h>

namespace outbreak::cli {

namespace {

bool g_drawn = false;

}  // namespace

ProgressFn TerminalProgress() {
  if (isatty(STDERR_FILENO) == 0) return {};
  auto started =
      std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::steady_clock::now());
  auto phase_seen = std::make_shared<std::string>();
  return [started, phase_seen](std::string_view phase, int64_t done, int64_t total) {
    const auto now = std::chrono::steady_clock::now();
    if (*phase_seen != phase) {
      *phase_seen = std::string(phase);
      *started = now;
    }
    const double seconds = std::chrono::duration<double>(now - *started).count();
    std::string line;
    if (phase == "parse") {
      line = fmt::format("reading: {:.0f}%", total > 0 ? 100.0 * done / total : 0.0);
    } else {
      line = fmt::format("writing: {} of {} rows, {:.0f} rows/s", done, total,
                         seconds > 0 ? done / seconds : 0.0);
    }
    std::fprintf(stderr, "\r%-60s", line.c_str());
    std::fflush(stderr);
    g_drawn = true;
  };
}

void EndTerminalProgress() {
  if (!g_drawn) return;
  std::fprintf(stderr, "\n");
  g_drawn = false;
}

}  // namespace outbreak::cli
