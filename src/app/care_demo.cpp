#include "app/care_demo.hpp"

#include "app/demo_values.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace outbreak::app {

namespace {

// Workers per 10,000 people, by category in the order of care::AllCategories(): doctor, section
// doctor, nurse, pharmacist, traditional doctor, medical student, military medic, lab technician.
constexpr double kWorkersPer10k[] = {20, 12, 35, 4, 4, 8, 3, 3};
// The share of a county's fever patients treated in its district treatment centre.
constexpr double kInpatientShare = 0.02;
// Beds per 1,000 people: a district treatment centre's general, intensive and isolation beds, and
// a provincial hospital's general and intensive beds.
constexpr double kCentreBedsPer1000[] = {1.2, 0.05, 0.3};
constexpr double kHospitalBedsPer1000[] = {0.5, 0.05};

int64_t Round(double value) { return std::llround(std::max(0.0, value)); }

}  // namespace

Result<CareDemoSummary> LoadCareDemo(const SurveillanceService& surveillance, CareService& care,
                                     const std::string& user) {
  const Actor actor{user, "demo: illustrative care data (docs/care.md)", "demo (illustrative)"};
  std::vector<care::TreatmentCentre> centres;
  std::vector<care::WorkforceCount> counts;
  std::vector<std::pair<std::string, std::string>> county_centres;  // centre, county
  Date first_day;
  surveillance.WithTree([&](const RegionTree& tree) {
    if (tree.empty()) return 0;
    const Region& nation = tree.region(tree.root());
    centres.push_back({nation.code + "-MOBILE", "Mobile treatment units of the headquarters",
                       nation.code, care::CentreKind::kMobileUnit, care::CentreStatus::kStandby, 0,
                       0, 200, 150});
    for (RegionIdx idx = 0; idx < tree.size(); ++idx) {
      const Region& region = tree.region(idx);
      const double thousands = static_cast<double>(region.population) / 1000;
      if (region.level == 1) {
        centres.push_back({region.code + "-HOSP", region.name + " provincial hospital", region.code,
                           care::CentreKind::kHospital, care::CentreStatus::kOpen,
                           Round(thousands * kHospitalBedsPer1000[0]),
                           Round(thousands * kHospitalBedsPer1000[1]), 0, Round(thousands * 0.4)});
      }
      if (!tree.IsLeaf(idx)) continue;
      centres.push_back({region.code + "-DTC", region.name + " district treatment centre",
                         region.code, care::CentreKind::kDistrictTreatmentCentre,
                         care::CentreStatus::kOpen, Round(thousands * kCentreBedsPer1000[0]),
                         Round(thousands * kCentreBedsPer1000[1]),
                         Round(thousands * kCentreBedsPer1000[2]), Round(thousands * 0.3)});
      county_centres.emplace_back(centres.back().code, region.code);
      for (size_t c = 0; c < care::AllCategories().size(); ++c) {
        const care::WorkerCategory category = care::AllCategories()[c];
        const std::string key = region.code + "/" + std::string(care::CategoryName(category));
        const int64_t on_duty = Round(static_cast<double>(region.population) / 10'000 *
                                      kWorkersPer10k[c] * DemoSpread(key, 0.75, 1.25));
        counts.push_back({region.code, category, Date(), on_duty,
                          Round(on_duty * DemoSpread(key + "/ill", 0, 0.08)), 0,
                          Round(on_duty * DemoSpread(key + "/rest", 0.02, 0.06)),
                          5 + static_cast<int64_t>(DemoHash(key + "/run") % 12)});
      }
    }
    return 0;
  });
  if (centres.empty()) return Status::InvalidArgument("the care demo needs the regions first");

  // The census of each county's district treatment centre: a share of its fever patients, with
  // the census identity holding from the first day.
  std::vector<care::CensusDay> census;
  for (const auto& [centre, county] : county_centres) {
    auto series = surveillance.Series(county, std::nullopt, std::nullopt);
    if (!series.ok()) return series.status();
    if (series->empty()) continue;
    first_day = series->front().date;
    int64_t occupied = 0;
    for (size_t day_idx = 0; day_idx < series->size(); ++day_idx) {
      const surveillance::SeriesPoint& point = (*series)[day_idx];
      care::CensusDay day{centre, point.date, 0, 0, 0, 0, 0};
      if (day_idx == 0) {
        day.admitted = Round(kInpatientShare * point.day.under_treatment);
      } else {
        day.admitted = Round(kInpatientShare * point.day.new_fever);
        day.discharged =
            std::min(occupied + day.admitted, Round(kInpatientShare * point.day.new_recovered));
        day.died = std::min(occupied + day.admitted - day.discharged, point.day.new_deaths);
      }
      occupied += day.admitted - day.discharged - day.died;
      day.occupied = occupied;
      census.push_back(day);
    }
  }
  for (care::WorkforceCount& count : counts) count.date = first_day;

  CareDemoSummary summary;
  auto saved_centres = care.SaveCentres(centres, actor);
  if (!saved_centres.ok()) return saved_centres.status();
  auto saved_counts = care.RecordWorkforce(counts, actor);
  if (!saved_counts.ok()) return saved_counts.status();
  auto saved_census = care.RecordCensus(census, actor);
  if (!saved_census.ok()) return saved_census.status();
  summary.centres = saved_centres->counts.added + saved_centres->counts.updated;
  summary.workforce_counts = saved_counts->counts.added + saved_counts->counts.updated;
  summary.census_days = saved_census->counts.added + saved_census->counts.updated;
  summary.unchanged = saved_centres->counts.unchanged + saved_counts->counts.unchanged +
                      saved_census->counts.unchanged;
  return summary;
}

}  // namespace outbreak::app
