#include "surveillance/epidemic_cube.hpp"

#include <algorithm>
#include <unordered_map>

namespace outbreak::surveillance {

namespace {

// Bits of tests_reported_.
constexpr uint8_t kTestedReported = 1;
constexpr uint8_t kPositiveReported = 2;

void AddFlows(DayValues& into, int64_t fever, int64_t recovered, int64_t deaths, int64_t tested,
              int64_t positive) {
  into.new_fever += fever;
  into.new_recovered += recovered;
  into.new_deaths += deaths;
  into.tested += tested;
  into.positive += positive;
}

}  // namespace

EpidemicCube::EpidemicCube(const RegionTree& tree)
    : tree_(tree),
      opening_(tree.size()),
      opening_under_treatment_(tree.size(), 0),
      leaf_openings_(tree.size()) {}

void EpidemicCube::EnsureRange(Date from, Date to) {
  if (day_count_ > 0 && from >= first_day_ && to <= last_day()) return;
  const Date new_first = day_count_ == 0 ? from : std::min(from, first_day_);
  const Date new_last = day_count_ == 0 ? to : std::max(to, last_day());
  const int32_t new_count = (new_last - new_first) + 1;
  if (day_count_ > 0 && new_first == first_day_ && new_count <= day_capacity_) {
    // Later days within the rows' room: stocks and totals stand still from the last day held.
    for (RegionIdx region = 0; region < tree_.size(); ++region) {
      const DayValues& last = values_[Cell(region, day_count_ - 1)];
      const CumulativeValues& total = cumulative_[Cell(region, day_count_ - 1)];
      for (int32_t day_idx = day_count_; day_idx < new_count; ++day_idx) {
        DayValues& cell = values_[Cell(region, day_idx)];
        cell = DayValues{};
        cell.under_treatment = last.under_treatment;
        cumulative_[Cell(region, day_idx)] = total;
        tests_reported_[Cell(region, day_idx)] = 0;
      }
    }
    day_count_ = new_count;
    return;
  }
  // Laid out again, with room for a quarter more days (at least 64) after the last: the days a
  // headquarters adds one at a time then cost a column each, and the layout is redone rarely.
  const int32_t capacity = new_count + std::max(64, new_count / 4);
  const int32_t shift = day_count_ == 0 ? 0 : first_day_ - new_first;
  const size_t cells = static_cast<size_t>(tree_.size()) * capacity;
  std::vector<DayValues> values(cells);
  std::vector<CumulativeValues> cumulative(cells);
  std::vector<uint8_t> tests_reported(cells, 0);
  for (RegionIdx region = 0; region < tree_.size(); ++region) {
    const size_t row = static_cast<size_t>(region) * capacity;
    for (int32_t day_idx = 0; day_idx < new_count; ++day_idx) {
      const int32_t old_idx = day_idx - shift;
      if (day_count_ > 0 && old_idx >= 0 && old_idx < day_count_) {
        values[row + day_idx] = values_[Cell(region, old_idx)];
        cumulative[row + day_idx] = cumulative_[Cell(region, old_idx)];
        tests_reported[row + day_idx] = tests_reported_[Cell(region, old_idx)];
      } else if (day_count_ > 0 && old_idx >= day_count_) {
        // After the old range: stocks and totals stand still.
        values[row + day_idx].under_treatment =
            values_[Cell(region, day_count_ - 1)].under_treatment;
        cumulative[row + day_idx] = cumulative_[Cell(region, day_count_ - 1)];
      } else {
        // Before any report: the opening balances.
        values[row + day_idx].under_treatment = opening_under_treatment_[region];
        cumulative[row + day_idx] = opening_[region];
      }
    }
  }
  values_ = std::move(values);
  cumulative_ = std::move(cumulative);
  tests_reported_ = std::move(tests_reported);
  first_day_ = new_first;
  day_count_ = new_count;
  day_capacity_ = capacity;
}

void EpidemicCube::SetOpenings(std::span<const OpeningBalance> openings) {
  std::vector<RegionIdx> touched;
  for (const OpeningBalance& opening : openings) {
    const RegionIdx leaf = opening.region;
    if (leaf < 0 || leaf >= tree_.size() || !tree_.IsLeaf(leaf)) continue;
    const OpeningBalance old = leaf_openings_[leaf].value_or(OpeningBalance{});
    const int64_t fever = opening.fever - old.fever;
    const int64_t recovered = opening.recovered - old.recovered;
    const int64_t deaths = opening.deaths - old.deaths;
    const int64_t under_treatment = opening.under_treatment() - old.under_treatment();
    for (RegionIdx at : tree_.PathToRoot(leaf)) {
      opening_[at].fever += fever;
      opening_[at].recovered += recovered;
      opening_[at].deaths += deaths;
      opening_under_treatment_[at] += under_treatment;
    }
    leaf_openings_[leaf] = opening;
    touched.push_back(leaf);
  }
  if (day_count_ == 0) return;
  std::vector<bool> dirty(tree_.size(), false);
  for (RegionIdx leaf : touched) {
    CarryForward(leaf, 0);
    for (RegionIdx at : tree_.PathToRoot(leaf)) dirty[at] = true;
  }
  for (RegionIdx region = 0; region < tree_.size(); ++region) {
    if (dirty[region]) RecomputeCumulative(region, 0);
  }
}

void EpidemicCube::Apply(std::span<const DailyReport> reports) {
  if (reports.empty()) return;
  Date from = reports.front().date;
  Date to = reports.front().date;
  for (const DailyReport& report : reports) {
    from = std::min(from, report.date);
    to = std::max(to, report.date);
  }
  EnsureRange(from, to);

  // Smallest day written per leaf, then per region on a leaf's path.
  std::unordered_map<RegionIdx, int32_t> leaf_from;
  std::vector<int32_t> region_from(tree_.size(), day_count_);
  for (const DailyReport& report : reports) {
    const RegionIdx leaf = report.region;
    if (leaf < 0 || leaf >= tree_.size() || !tree_.IsLeaf(leaf)) continue;
    const int32_t day_idx = DayIdx(report.date);
    DayValues& cell = values_[Cell(leaf, day_idx)];
    const ReportCounts& counts = report.counts;
    const int64_t fever = counts.new_fever - cell.new_fever;
    const int64_t recovered = counts.new_recovered - cell.new_recovered;
    const int64_t deaths = counts.new_deaths - cell.new_deaths;
    const int64_t tested = counts.tested.value_or(0) - cell.tested;
    const int64_t positive = counts.positive.value_or(0) - cell.positive;
    const int64_t under_treatment = counts.under_treatment - cell.under_treatment;
    const int32_t new_reporter = cell.reporters == 0 ? 1 : 0;
    for (RegionIdx at : tree_.PathToRoot(leaf)) {
      DayValues& target = values_[Cell(at, day_idx)];
      AddFlows(target, fever, recovered, deaths, tested, positive);
      target.under_treatment += under_treatment;
      target.reporters += new_reporter;
      region_from[at] = std::min(region_from[at], day_idx);
    }
    tests_reported_[Cell(leaf, day_idx)] =
        (counts.tested ? kTestedReported : 0) | (counts.positive ? kPositiveReported : 0);
    auto [it, inserted] = leaf_from.emplace(leaf, day_idx);
    if (!inserted) it->second = std::min(it->second, day_idx);
  }
  for (const auto& [leaf, day_idx] : leaf_from) CarryForward(leaf, day_idx + 1);
  for (RegionIdx region = 0; region < tree_.size(); ++region) {
    if (region_from[region] < day_count_) RecomputeCumulative(region, region_from[region]);
  }
}

void EpidemicCube::CarryForward(RegionIdx leaf, int32_t from_day_idx) {
  if (from_day_idx >= day_count_) return;
  const std::vector<RegionIdx> path = tree_.PathToRoot(leaf);
  int64_t carried = from_day_idx == 0 ? opening_under_treatment_[leaf]
                                      : values_[Cell(leaf, from_day_idx - 1)].under_treatment;
  for (int32_t day_idx = from_day_idx; day_idx < day_count_; ++day_idx) {
    DayValues& cell = values_[Cell(leaf, day_idx)];
    if (cell.reporters > 0) {
      carried = cell.under_treatment;
      continue;
    }
    const int64_t delta = carried - cell.under_treatment;
    if (delta == 0) continue;
    for (RegionIdx at : path) values_[Cell(at, day_idx)].under_treatment += delta;
  }
}

void EpidemicCube::RecomputeCumulative(RegionIdx region, int32_t from_day_idx) {
  CumulativeValues running =
      from_day_idx == 0 ? opening_[region] : cumulative_[Cell(region, from_day_idx - 1)];
  for (int32_t day_idx = from_day_idx; day_idx < day_count_; ++day_idx) {
    const DayValues& day = values_[Cell(region, day_idx)];
    running.fever += day.new_fever;
    running.recovered += day.new_recovered;
    running.deaths += day.new_deaths;
    running.tested += day.tested;
    running.positive += day.positive;
    cumulative_[Cell(region, day_idx)] = running;
  }
}

DayValues EpidemicCube::At(RegionIdx region, Date date) const {
  if (day_count_ == 0 || date < first_day_) {
    DayValues before;
    before.under_treatment = opening_under_treatment_[region];
    return before;
  }
  if (date > last_day()) {
    DayValues after;
    after.under_treatment = values_[Cell(region, day_count_ - 1)].under_treatment;
    return after;
  }
  return values_[Cell(region, DayIdx(date))];
}

CumulativeValues EpidemicCube::CumulativeAt(RegionIdx region, Date date) const {
  if (day_count_ == 0 || date < first_day_) return opening_[region];
  if (date > last_day()) return cumulative_[Cell(region, day_count_ - 1)];
  return cumulative_[Cell(region, DayIdx(date))];
}

bool EpidemicCube::HasReport(RegionIdx leaf, Date date) const {
  if (day_count_ == 0 || date < first_day_ || date > last_day()) return false;
  return tree_.IsLeaf(leaf) && values_[Cell(leaf, DayIdx(date))].reporters > 0;
}

const DayValues* EpidemicCube::ReportedDay(RegionIdx leaf, Date date) const {
  if (day_count_ == 0 || date < first_day_ || date > last_day()) return nullptr;
  const DayValues& cell = values_[Cell(leaf, DayIdx(date))];
  return cell.reporters > 0 && tree_.IsLeaf(leaf) ? &cell : nullptr;
}

std::optional<ReportCounts> EpidemicCube::ReportOf(RegionIdx leaf, Date date) const {
  if (!HasReport(leaf, date)) return std::nullopt;
  const size_t cell_idx = Cell(leaf, DayIdx(date));
  const DayValues& cell = values_[cell_idx];
  ReportCounts counts;
  counts.new_fever = cell.new_fever;
  counts.new_recovered = cell.new_recovered;
  counts.new_deaths = cell.new_deaths;
  counts.under_treatment = cell.under_treatment;
  if (tests_reported_[cell_idx] & kTestedReported) counts.tested = cell.tested;
  if (tests_reported_[cell_idx] & kPositiveReported) counts.positive = cell.positive;
  return counts;
}

const OpeningBalance* EpidemicCube::OpeningOf(RegionIdx leaf) const {
  const auto& opening = leaf_openings_[leaf];
  return opening.has_value() ? &*opening : nullptr;
}

}  // namespace outbreak::surveillance
