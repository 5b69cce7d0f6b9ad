#pragma once
// Load: patients per worker as an exact fraction. The planner compares loads exactly (by cross
// multiplication), never as floating point, so that "the worst load" has one answer.

#include <compare>
#include <cstdint>
#include <limits>

namespace outbreak::care {

struct Load {
  int64_t patients = 0;
  int64_t workers = 0;

  // No patients is no load, whatever the workers; patients and no worker is an infinite load.
  bool infinite() const { return patients > 0 && workers <= 0; }
  double PerWorker() const {
    if (patients <= 0) return 0;
    if (workers <= 0) return std::numeric_limits<double>::infinity();
    return static_cast<double>(patients) / static_cast<double>(workers);
  }

  friend std::weak_ordering operator<=>(const Load& a, const Load& b) {
    const bool a_zero = a.patients <= 0;
    const bool b_zero = b.patients <= 0;
    if (a_zero || b_zero) return b_zero <=> a_zero;  // zero is the least load
    if (a.infinite() || b.infinite()) return a.infinite() <=> b.infinite();
    const __int128 lhs = static_cast<__int128>(a.patients) * b.workers;
    const __int128 rhs = static_cast<__int128>(b.patients) * a.workers;
    return lhs < rhs ? std::weak_ordering::less
                     : (lhs > rhs ? std::weak_ordering::greater : std::weak_ordering::equivalent);
  }
  friend bool operator==(const Load& a, const Load& b) { return (a <=> b) == 0; }
};

}  // namespace outbreak::care
