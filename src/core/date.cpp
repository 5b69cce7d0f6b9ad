#include "core/date.hpp"

#include <chrono>
#include <cstdio>

namespace outbreak {

namespace {

bool ParseDigits(std::string_view text, int& out) {
  out = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return !text.empty();
}

}  // namespace

std::optional<Date> Date::Parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int year = 0;
  int month = 0;
  int day = 0;
  if (!ParseDigits(text.substr(0, 4), year) || !ParseDigits(text.substr(5, 2), month) ||
      !ParseDigits(text.substr(8, 2), day)) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year(year),
                                        std::chrono::month(static_cast<unsigned>(month)),
                                        std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok()) return std::nullopt;
  return Date(std::chrono::sys_days(ymd).time_since_epoch().count());
}

Date Date::FromCivil(int year, unsigned month, unsigned day) {
  const std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month),
                                        std::chrono::day(day)};
  return Date(std::chrono::sys_days(ymd).time_since_epoch().count());
}

std::string Date::ToString() const {
  const std::chrono::year_month_day ymd{std::chrono::sys_days(std::chrono::days(days_))};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

Date ReportingDay(int64_t unix_seconds, int utc_offset_minutes, int close_hour) {
  const int64_t local_seconds = unix_seconds + static_cast<int64_t>(utc_offset_minutes) * 60;
  int64_t days = local_seconds / 86400;
  int64_t seconds_of_day = local_seconds % 86400;
  if (seconds_of_day < 0) {
    seconds_of_day += 86400;
    days -= 1;
  }
  if (seconds_of_day >= static_cast<int64_t>(close_hour) * 3600) days += 1;
  return Date(static_cast<int32_t>(days));
}

}  // namespace outbreak
