#pragma once
// IndicatorSource: the indicators the prevention-level rules read (levels/indicators.hpp), for
// given regions and days, from the existing services:
//
// - incidence_7d_per_100k: new fever cases of the 7 days ending on the day (days before the
//   first report count as none) per 100,000 of the region's population (SurveillanceService);
// - rt_mean, rt_upper: the posterior mean and 97.5% quantile of R_t over the weekly window
//   ending on the day (AnalyticsService, Cori et al. 2013); missing before the first window;
// - growth_rate: per day, quasi-Poisson log-linear over the 14 days ending on the day (7 to 13
//   when fewer are known; missing before 7), as the situation report's trend;
// - bed_occupancy: occupied beds by each centre's latest census on or before the day over the
//   beds of the region's centres that are not closed (CareService); missing without beds;
// - patients_per_doctor: people under treatment over the doctors available on duty (the latest
//   workforce counts with adopted deployments, CareService); missing without doctors;
// - reporting_completeness: reporting units that reported over those in the region;
// - medicine_days_of_cover: from the provider set by the composition root (the medicine supply);
//   missing when none is set or it has no figure.
//
// Thread-safe when the services are; the provider must be set before the source is shared.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/analytics_service.hpp"
#include "app/care_service.hpp"
#include "app/surveillance_service.hpp"
#include "levels/indicators.hpp"

namespace outbreak::app {

// Days of cover of a region's medicine stock on a day, or nullopt when unknown.
using MedicineCoverProvider =
    std::function<std::optional<double>(const std::string& region, Date day)>;

class IndicatorSource {
 public:
  // `care` may be null: bed occupancy and patients per doctor are then missing.
  IndicatorSource(const SurveillanceService& surveillance, const AnalyticsService& analytics,
                  const CareService* care);

  void SetMedicineCoverProvider(MedicineCoverProvider provider) {
    medicine_cover_ = std::move(provider);
  }

  // The indicators of each region (by code) for every day from `from` to `to`. kNotFound for
  // an unknown region; a region without reports gets days with every indicator missing.
  Result<levels::IndicatorTable> Build(const std::vector<std::string>& regions, Date from,
                                       Date to) const;

 private:
  // Fills bed occupancy and patients per doctor.
  Status FillCare(levels::IndicatorTable& table, Date from, Date to) const;

  const SurveillanceService& surveillance_;
  const AnalyticsService& analytics_;
  const CareService* care_;
  MedicineCoverProvider medicine_cover_;
};

}  // namespace outbreak::app
