#include "surveillance/apportion.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>

namespace outbreak::surveillance {

namespace {

void CheckArguments(int64_t total, std::span<const double> weights) {
  if (total < 0) throw std::invalid_argument(fmt::format("Apportion: total {} < 0", total));
  if (weights.empty() && total > 0) {
    throw std::invalid_argument(fmt::format("Apportion: {} among no items", total));
  }
  for (double weight : weights) {
    if (!std::isfinite(weight) || weight < 0) {
      throw std::invalid_argument(
          fmt::format("Apportion: weight {} is not finite and >= 0", weight));
    }
  }
}

}  // namespace

std::vector<int64_t> Apportion(int64_t total, std::span<const double> weights) {
  CheckArguments(total, weights);
  const size_t count = weights.size();
  std::vector<int64_t> parts(count, 0);
  if (total == 0) return parts;

  // Long double keeps quotas of totals up to ~1e15 exact to well below one person.
  long double weight_sum = 0;
  for (double weight : weights) weight_sum += weight;
  const bool equal = weight_sum <= 0;
  std::vector<long double> remainders(count);
  int64_t given = 0;
  for (size_t item_idx = 0; item_idx < count; ++item_idx) {
    const long double quota =
        equal ? static_cast<long double>(total) / count
              : static_cast<long double>(total) * weights[item_idx] / weight_sum;
    const long double whole = std::floor(quota);
    parts[item_idx] = std::min(static_cast<int64_t>(whole), total);
    remainders[item_idx] = quota - whole;
    given += parts[item_idx];
  }

  // Largest fractional parts first, ties to the lower index (stable sort keeps index order).
  std::vector<size_t> order(count);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return remainders[a] > remainders[b]; });
  // Exact arithmetic leaves 0 <= total - given < count; rounding of the quotas could push it a
  // hair outside, so both directions are handled rather than assumed away.
  for (size_t step = 0; given < total; ++step) {
    ++parts[order[step % count]];
    ++given;
  }
  for (size_t step = 0; given > total; ++step) {
    const size_t item_idx = order[count - 1 - step % count];
    if (parts[item_idx] == 0) continue;
    --parts[item_idx];
    --given;
  }
  return parts;
}

Result<std::vector<int64_t>> ApportionCapped(int64_t total, std::span<const double> weights,
                                             std::span<const int64_t> caps) {
  CheckArguments(total, weights);
  if (caps.size() != weights.size()) {
    return Status::InvalidArgument(
        fmt::format("apportion: {} caps for {} weights", caps.size(), weights.size()));
  }
  int64_t room = 0;
  for (size_t item_idx = 0; item_idx < caps.size(); ++item_idx) {
    if (caps[item_idx] < 0) {
      return Status::InvalidArgument(
          fmt::format("apportion: cap {} of item {} is negative", caps[item_idx], item_idx));
    }
    room += caps[item_idx];
  }
  if (room < total) {
    return Status::InvalidArgument(
        fmt::format("apportion: {} does not fit under caps that sum to {}", total, room));
  }

  const size_t count = weights.size();
  std::vector<int64_t> parts(count, 0);
  std::vector<bool> held(count, false);
  int64_t left = total;
  for (size_t item_idx = 0; item_idx < count; ++item_idx) held[item_idx] = caps[item_idx] == 0;
  // Each round either holds at least one more item at its cap or ends; a held item's cap is less
  // than what it was offered, so `left` never goes negative.
  while (left > 0) {
    std::vector<size_t> active;
    std::vector<double> active_weights;
    for (size_t item_idx = 0; item_idx < count; ++item_idx) {
      if (held[item_idx]) continue;
      active.push_back(item_idx);
      active_weights.push_back(weights[item_idx]);
    }
    const std::vector<int64_t> offered = Apportion(left, active_weights);
    bool any_over = false;
    for (size_t active_idx = 0; active_idx < active.size(); ++active_idx) {
      const size_t item_idx = active[active_idx];
      if (offered[active_idx] > caps[item_idx]) {
        held[item_idx] = true;
        parts[item_idx] = caps[item_idx];
        left -= caps[item_idx];
        any_over = true;
      }
    }
    if (any_over) continue;
    for (size_t active_idx = 0; active_idx < active.size(); ++active_idx) {
      parts[active[active_idx]] = offered[active_idx];
    }
    break;
  }
  return parts;
}

}  // namespace outbreak::surveillance
