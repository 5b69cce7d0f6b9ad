#pragma once
// EpidemicCube: region × day × measure, in memory, rolled up to every ancestor on each write.
//
// Every read of surveillance data is answered from here; the store is for durability. A write
// (a new report or a correction) updates the reporting unit and all its ancestors at once, and the
// cumulative totals and the carried-forward number under treatment of every region it touches, so
// a read right after a write sees it.
//
// Under treatment is a stock, not a flow: a unit that has not reported on a day keeps the figure
// of its last report (or of its opening balance) in the roll-up, so a late county does not make
// the national figure fall. Missing tested/positive counts add nothing.
//
// Not synchronised: callers hold a shared lock to read and an exclusive lock to write.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/date.hpp"
#include "core/region_tree.hpp"
#include "surveillance/daily_report.hpp"

namespace outbreak::surveillance {

// Daily flows and stocks of one region on one day.
struct DayValues {
  int64_t new_fever = 0;
  int64_t new_recovered = 0;
  int64_t new_deaths = 0;
  int64_t tested = 0;
  int64_t positive = 0;
  int64_t under_treatment = 0;  // carried forward from each unit's last report
  int32_t reporters = 0;        // reporting units in the subtree that reported this day
};

// Totals up to and including a day, opening balances included.
struct CumulativeValues {
  int64_t fever = 0;
  int64_t recovered = 0;
  int64_t deaths = 0;
  int64_t tested = 0;
  int64_t positive = 0;
};

class EpidemicCube {
 public:
  explicit EpidemicCube(const RegionTree& tree);

  // Sets the opening balances of reporting units (replacing earlier ones of the same unit).
  // Balances must be dated before any report of their unit; CheckOpening tells.
  void SetOpenings(std::span<const OpeningBalance> openings);

  // Applies reports to reporting units (leaves); a report for a (unit, day) already present
  // replaces it (a correction). The caller has validated regions; non-leaves are ignored.
  void Apply(std::span<const DailyReport> reports);

  const RegionTree& tree() const { return tree_; }
  bool empty() const { return day_count_ == 0; }
  // First and last day held (meaningless when empty()).
  Date first_day() const { return first_day_; }
  Date last_day() const { return first_day_ + (day_count_ - 1); }

  // The values of a region on a day; zero outside the held range, except under_treatment which
  // carries forward after the last day and starts from the opening balances before the first.
  DayValues At(RegionIdx region, Date date) const;
  CumulativeValues CumulativeAt(RegionIdx region, Date date) const;
  // The report a reporting unit filed for the day, if any.
  std::optional<ReportCounts> ReportOf(RegionIdx leaf, Date date) const;
  bool HasReport(RegionIdx leaf, Date date) const;
  // The day's values of a reporting unit that reported that day, else nullptr. Cheaper than
  // ReportOf for scans; valid until the next write.
  const DayValues* ReportedDay(RegionIdx leaf, Date date) const;
  const OpeningBalance* OpeningOf(RegionIdx leaf) const;

 private:
  size_t Cell(RegionIdx region, int32_t day_idx) const {
    return static_cast<size_t>(region) * static_cast<size_t>(day_capacity_) + day_idx;
  }
  int32_t DayIdx(Date date) const { return date - first_day_; }
  void EnsureRange(Date from, Date to);
  // Recomputes a leaf's carried-forward under treatment from day_idx on, and pushes the change
  // to its ancestors.
  void CarryForward(RegionIdx leaf, int32_t from_day_idx);
  void RecomputeCumulative(RegionIdx region, int32_t from_day_idx);

  const RegionTree& tree_;
  Date first_day_;
  int32_t day_count_ = 0;
  // Days each region's row has room for (>= day_count_): a report of the next day, the daily
  // case, fills a column instead of laying the whole cube out again.
  int32_t day_capacity_ = 0;
  std::vector<DayValues> values_;             // [region][day]
  std::vector<CumulativeValues> cumulative_;  // [region][day]
  // [leaf region][day]: kTestedReported | kPositiveReported, each when that count was reported,
  // so that ReportOf gives back what was filed.
  std::vector<uint8_t> tests_reported_;
  std::vector<CumulativeValues> opening_;                     // [region], rolled up
  std::vector<int64_t> opening_under_treatment_;              // [region], rolled up
  std::vector<std::optional<OpeningBalance>> leaf_openings_;  // [region]
};

}  // namespace outbreak::surveillance
