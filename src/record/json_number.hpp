#pragma once
// The one reader of whole numbers in JSON bodies: every count and quantity a request carries is
// read here, within its bounds (core/bounds.hpp), so that no body can carry 2^63-1 into a total.

#include <cstdint>
#include <optional>
#include <string>

#include <boost/json/value.hpp>

#include "core/bounds.hpp"

namespace outbreak::record {

// `value` as a whole number within [min, max]; nullopt with `reason` set otherwise ("-3 is
// negative", "9223372036854775807 is more than 1000000000000", "1.5 is not a whole number").
// A double with no fraction (1e3) is read as the whole number it is.
std::optional<int64_t> WholeNumber(const boost::json::value& value, int64_t min, int64_t max,
                                   std::string& reason);

// A count: a whole number from 0 to kMaxCount.
inline std::optional<int64_t> JsonCount(const boost::json::value& value, std::string& reason) {
  return WholeNumber(value, 0, kMaxCount, reason);
}

}  // namespace outbreak::record
