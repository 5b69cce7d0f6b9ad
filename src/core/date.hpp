#pragma once
// Civil dates in the headquarters' time zone, as a count of days since 1970-01-01.
// A Date is a plain value: cheap to copy, ordered, and usable as an array offset.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace outbreak {

class Date {
 public:
  constexpr Date() = default;
  constexpr explicit Date(int32_t days_since_epoch) : days_(days_since_epoch) {}

  // Parses exactly "YYYY-MM-DD" (a real calendar day); nullopt otherwise.
  static std::optional<Date> Parse(std::string_view text);
  static Date FromCivil(int year, unsigned month, unsigned day);

  constexpr int32_t days_since_epoch() const { return days_; }
  std::string ToString() const;

  constexpr Date operator+(int32_t days) const { return Date(days_ + days); }
  constexpr Date operator-(int32_t days) const { return Date(days_ - days); }
  constexpr int32_t operator-(Date other) const { return days_ - other.days_; }
  constexpr auto operator<=>(const Date&) const = default;

 private:
  int32_t days_ = 0;
};

// The reporting day that is open at `unix_seconds`: the local civil date (UTC offset in minutes)
// moved one day on once the day has closed at `close_hour` (the 2022 reports ran 18:00 to 18:00,
// so at 19:00 on 20 May the open reporting day is 21 May).
Date ReportingDay(int64_t unix_seconds, int utc_offset_minutes, int close_hour);

}  // namespace outbreak
