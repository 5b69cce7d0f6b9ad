#pragma once
// Apportionment: splitting a whole number of persons among items in proportion to weights, so
// that the parts are whole numbers and add up exactly to the total.
//
// The largest-remainder method (Hamilton's method): every item first gets the whole part of its
// exact quota total * weight / sum(weights); the persons left over go one each to the items with
// the largest fractional parts, ties to the lower index. The result is deterministic and never
// differs from an exact quota by a whole person or more.
//
// Pure functions; safe to call from any thread.

#include <cstdint>
#include <span>
#include <vector>

#include "core/status.hpp"

namespace outbreak::surveillance {

// Splits `total` among weights.size() items in proportion to `weights`. When every weight is
// zero the items share equally. The parts are non-negative and sum exactly to `total`.
//
// Preconditions (violations are bugs and throw std::invalid_argument): total >= 0; every weight
// finite and >= 0; weights non-empty unless total == 0.
std::vector<int64_t> Apportion(int64_t total, std::span<const double> weights);

// As Apportion, but item i never gets more than caps[i]. Items that would exceed their cap are
// held at it and the rest is apportioned again among the others (in proportion to their weights,
// or equally among those with room left when all their weights are zero), until nothing is over.
//
// Returns InvalidArgument when sum(caps) < total (the total cannot fit), or when a cap is negative
// or caps and weights differ in length. The weight preconditions of Apportion apply.
Result<std::vector<int64_t>> ApportionCapped(int64_t total, std::span<const double> weights,
                                             std::span<const int64_t> caps);

}  // namespace outbreak::surveillance
