#include "report/format.hpp"

#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace outbreak::report {

std::string Count(int64_t value) {
  const std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (size_t idx = 0; idx < digits.size(); ++idx) {
    if (idx > 0 && (digits.size() - idx) % 3 == 0) out += ',';
    out += digits[idx];
  }
  return value < 0 ? "-" + out : out;
}

std::string Signed(int64_t value) { return value > 0 ? "+" + Count(value) : Count(value); }

std::string Decimal(double value) {
  const double rounded = std::round(value * 10.0) / 10.0;
  const auto whole = static_cast<int64_t>(std::trunc(rounded));
  const int tenth = static_cast<int>(std::llround(std::fabs(rounded - whole) * 10.0));
  const std::string sign = rounded < 0 && whole == 0 ? "-" : "";
  return fmt::format("{}{}.{}", sign, Count(whole), tenth);
}

std::string LongDate(Date date) {
  static const char* kMonths[] = {"January",   "February", "March",    "April",
                                  "May",       "June",     "July",     "August",
                                  "September", "October",  "November", "December"};
  const std::string iso = date.ToString();
  const int month = std::atoi(iso.substr(5, 2).c_str());
  const int day = std::atoi(iso.substr(8, 2).c_str());
  return fmt::format("{} {} {}", day, kMonths[month - 1], iso.substr(0, 4));
}

std::string Persons(int64_t value) {
  return fmt::format("{} {}", Count(value), value == 1 ? "person" : "persons");
}

}  // namespace outbreak::report
