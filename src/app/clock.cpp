#include "app/clock.hpp"

#include "core/date.hpp"

#include <fmt/format.h>

namespace outbreak::app {

std::string IsoTimestamp(int64_t unix_seconds) {
  int64_t days = unix_seconds / 86400;
  int64_t seconds = unix_seconds % 86400;
  if (seconds < 0) {
    seconds += 86400;
    days -= 1;
  }
  return fmt::format("{}T{:02}:{:02}:{:02}Z", Date(static_cast<int32_t>(days)).ToString(),
                     seconds / 3600, seconds / 60 % 60, seconds % 60);
}

}  // namespace outbreak::app
