#include "record/json_number.hpp"

#include <cmath>

#include <fmt/format.h>
#include <boost/json/serialize.hpp>

namespace outbreak::record {

std::optional<int64_t> WholeNumber(const boost::json::value& value, int64_t min, int64_t max,
                                   std::string& reason) {
  const std::string text = boost::json::serialize(value);
  std::optional<int64_t> number;
  if (value.is_int64()) {
    number = value.as_int64();
  } else if (value.is_double() && std::trunc(value.as_double()) == value.as_double() &&
             std::fabs(value.as_double()) < 9e15) {
    number = static_cast<int64_t>(value.as_double());
  } else if (!value.is_uint64()) {
    reason = fmt::format("{} is not a whole number", text);
    return std::nullopt;
  }
  if (number && *number < min) {
    reason = min == 0 ? fmt::format("{} is negative", text)
                      : fmt::format("{} is less than {}", text, min);
    return std::nullopt;
  }
  if (!number || *number > max) {  // a uint64 is beyond every int64 bound
    reason = fmt::format("{} is more than {}", text, max);
    return std::nullopt;
  }
  return number;
}

}  // namespace outbreak::record
