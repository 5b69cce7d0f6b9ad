#include "app/indicator_source.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "analytics/growth.hpp"

namespace outbreak::app {

namespace {

using levels::Indicator;
using levels::IndicatorValues;
using levels::RegionIndicators;

constexpr int kGrowthWindowDays = 14;
constexpr int kShortestGrowthWindowDays = 7;

// The ancestor of `idx` (itself included) among `wanted`, or nullopt.
std::optional<RegionIdx> Owner(const RegionTree& tree, RegionIdx idx,
                               const std::map<RegionIdx, std::string>& wanted) {
  for (RegionIdx at = idx; at != kNoRegion; at = tree.parent(at)) {
    if (wanted.contains(at)) return at;
  }
  return std::nullopt;
}

}  // namespace

IndicatorSource::IndicatorSource(const SurveillanceService& surveillance,
                                 const AnalyticsService& analytics, const CareService* care)
    : surveillance_(surveillance), analytics_(analytics), care_(care) {}

Result<levels::IndicatorTable> IndicatorSource::Build(const std::vector<std::string>& regions,
                                                      Date from, Date to) const {
  if (to < from) {
    return Status::InvalidArgument(
        fmt::format("to {} is before from {}", to.ToString(), from.ToString()));
  }
  const int days = to - from + 1;
  levels::IndicatorTable table;
  for (const std::string& code : regions) {
    Result<RegionIdx> idx = surveillance_.FindRegion(code);
    if (!idx.ok()) return idx.status();
    const auto [population, units] = surveillance_.WithTree([&](const RegionTree& tree) {
      return std::pair<int64_t, int>(tree.region(*idx).population, tree.leaf_count(*idx));
    });
    RegionIndicators& out = table[code];
    out.region = code;
    out.first_day = from;
    out.days.assign(static_cast<size_t>(days), IndicatorValues{});
    if (!surveillance_.HasData()) continue;
    auto series = surveillance_.Series(code, std::nullopt, to);
    if (!series.ok()) return series.status();
    if (series->empty()) continue;
    const Date first = series->front().date;
    std::vector<int64_t> cases;
    for (const surveillance::SeriesPoint& point : *series) cases.push_back(point.day.new_fever);

    std::unordered_map<int32_t, std::pair<double, double>> rt_by_end;  // day -> (mean, q975)
    auto rt = analytics_.Rt(code, {});
    if (rt.ok()) {
      for (const analytics::RtSummary& estimate : rt->estimates) {
        rt_by_end[(rt->first_day + estimate.window.end_day_idx).days_since_epoch()] = {
            estimate.mean, estimate.q975};
      }
    }
    for (int day_idx = 0; day_idx < days; ++day_idx) {
      const Date day = from + day_idx;
      IndicatorValues& values = out.days[static_cast<size_t>(day_idx)];
      const int32_t at = day - first;  // index into the series
      if (at >= 0 && at < static_cast<int32_t>(series->size())) {
        const surveillance::SeriesPoint& point = (*series)[static_cast<size_t>(at)];
        int64_t week = 0;
        for (int32_t back = std::max(0, at - 6); back <= at; ++back) week += cases[back];
        if (population > 0) {
          values[Indicator::kIncidence7dPer100k] =
              static_cast<double>(week) * 1e5 / static_cast<double>(population);
        }
        if (units > 0) {
          values[Indicator::kReportingCompleteness] =
              static_cast<double>(point.day.reporters) / units;
        }
        const int known = at + 1;
        if (known >= kShortestGrowthWindowDays) {
          analytics::GrowthOptions options;
          options.window_days = std::min(kGrowthWindowDays, known);
          auto growth = analytics::EstimateGrowth(cases, at, options);
          if (growth.ok() && growth->Measured()) {
            values[Indicator::kGrowthRate] = growth->rate_per_day;
          }
        }
        // Kept for patients per doctor: people under treatment.
        values[Indicator::kPatientsPerDoctor] = static_cast<double>(point.day.under_treatment);
      }
      if (auto it = rt_by_end.find(day.days_since_epoch()); it != rt_by_end.end()) {
        values[Indicator::kRtMean] = it->second.first;
        values[Indicator::kRtUpper] = it->second.second;
      }
      if (medicine_cover_) values[Indicator::kMedicineDaysOfCover] = medicine_cover_(code, day);
    }
  }
  if (Status s = FillCare(table, from, to); !s.ok()) return s;
  return table;
}

Status IndicatorSource::FillCare(levels::IndicatorTable& table, Date from, Date to) const {
  // Without care data, people under treatment alone are no indicator.
  auto clear_patients = [&] {
    for (auto& [code, region] : table) {
      for (IndicatorValues& values : region.days) values[Indicator::kPatientsPerDoctor].reset();
    }
  };
  if (care_ == nullptr || table.empty()) {
    clear_patients();
    return Status::Ok();
  }
  const std::string root = surveillance_.WithTree(
      [](const RegionTree& tree) { return tree.empty() ? std::string() : tree.region(0).code; });
  std::map<RegionIdx, std::string> wanted;
  std::map<int, int> levels;  // tree level -> regions of it asked for
  surveillance_.WithTree([&](const RegionTree& tree) {
    for (const auto& [code, region] : table) {
      const RegionIdx idx = *tree.Find(code);
      wanted[idx] = code;
      ++levels[tree.region(idx).level];
    }
    return 0;
  });

  // Beds and the latest census of each centre, summed to the regions asked for.
  auto centres = care_->Centres(root);
  if (!centres.ok()) return centres.status();
  auto census = care_->Census(root, std::nullopt, to);
  if (!census.ok()) return census.status();
  std::map<std::string, std::string> owner_of;  // centre -> region asked for
  std::map<std::string, int64_t> centre_beds;   // centre -> its beds
  surveillance_.WithTree([&](const RegionTree& tree) {
    for (const care::TreatmentCentre& centre : *centres) {
      if (centre.status == care::CentreStatus::kClosed) continue;
      const std::optional<RegionIdx> idx = tree.Find(centre.region);
      if (!idx) continue;
      const std::optional<RegionIdx> owner = Owner(tree, *idx, wanted);
      if (!owner) continue;
      owner_of[centre.code] = wanted.at(*owner);
      centre_beds[centre.code] = centre.TotalBeds();
    }
    return 0;
  });
  std::map<std::string, std::vector<const care::CensusDay*>> by_centre;
  for (const care::CensusDay& day : *census) {
    if (owner_of.contains(day.centre)) by_centre[day.centre].push_back(&day);
  }
  for (auto& [centre, days] : by_centre) {
    std::sort(days.begin(), days.end(),
              [](const care::CensusDay* a, const care::CensusDay* b) { return a->date < b->date; });
  }
  for (int day_idx = 0; from + day_idx <= to; ++day_idx) {
    const Date day = from + day_idx;
    // Occupancy over the beds of the centres that have counted: a centre never counted is
    // unknown, not empty, and a region none of whose centres has counted has no occupancy (a
    // rule's "bed_occupancy < 0.3" must not read missing as good news).
    std::map<std::string, int64_t> occupied;
    std::map<std::string, int64_t> counted_beds;
    for (const auto& [centre, days] : by_centre) {
      auto after = std::upper_bound(days.begin(), days.end(), day,
                                    [](Date d, const care::CensusDay* c) { return d < c->date; });
      if (after == days.begin()) continue;
      occupied[owner_of.at(centre)] += (*(after - 1))->occupied;
      if (auto bed = centre_beds.find(centre); bed != centre_beds.end()) {
        counted_beds[owner_of.at(centre)] += bed->second;
      }
    }
    for (auto& [code, region] : table) {
      auto it = counted_beds.find(code);
      if (it == counted_beds.end() || it->second <= 0) continue;
      region.days[static_cast<size_t>(day_idx)][Indicator::kBedOccupancy] =
          static_cast<double>(occupied[code]) / static_cast<double>(it->second);
    }
  }

  // Patients per available doctor, from the workforce summed to each level asked for.
  std::vector<Date> days;
  for (Date day = from; day <= to; day = day + 1) days.push_back(day);
  std::vector<std::map<std::string, int64_t>> doctors(days.size());
  for (const auto& [level, count] : levels) {
    auto workforce = care_->WorkforceOn(root, days, level);
    if (!workforce.ok()) return workforce.status();
    for (size_t day_idx = 0; day_idx < days.size(); ++day_idx) {
      for (const care::WorkforceLine& line : (*workforce)[day_idx].lines) {
        if (line.count.category == care::WorkerCategory::kDoctor) {
          doctors[day_idx][line.count.region] += line.Available();
        }
      }
    }
  }
  for (size_t day_idx = 0; day_idx < days.size(); ++day_idx) {
    for (auto& [code, region] : table) {
      std::optional<double>& value = region.days[day_idx][Indicator::kPatientsPerDoctor];
      auto it = doctors[day_idx].find(code);
      if (!value || it == doctors[day_idx].end() || it->second <= 0) {
        value.reset();
        continue;
      }
      value = *value / static_cast<double>(it->second);
    }
  }
  return Status::Ok();
}

}  // namespace outbreak::app
