#pragma once
// The bounds of every count that comes from outside (a file, a request), declared once. Any sum of
// bounded values over every region, node, lot and day of a country stays far inside int64
// (2^63 is about 9.2e18), so no total in the cube, the ledger, the plans or the indicators can
// overflow: a value beyond its bound is refused where it enters, naming its field.

#include <cstdint>

namespace outbreak {

// Units, beds, persons or any other count in one field (a million million).
inline constexpr int64_t kMaxCount = 1'000'000'000'000;
// Persons living in one region, and in the whole tree (more than the world's population).
inline constexpr int64_t kMaxPopulation = 10'000'000'000;
// A daily report's count in a reporting unit whose population is not known (0); otherwise a count
// is at most the unit's population.
inline constexpr int64_t kMaxReportCountWithoutPopulation = 10'000'000;

}  // namespace outbreak
