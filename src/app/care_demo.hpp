#pragma once
// The care part of the 2022 demo: illustrative treatment centres, a medical workforce and a
// census, built deterministically from the regions' populations and the demo's reports. None of
// it is published data: docs/care.md and data/README.md say how each figure is made.

#include "app/care_service.hpp"
#include "app/surveillance_service.hpp"

namespace outbreak::app {

struct CareDemoSummary {
  int64_t centres = 0;
  int64_t workforce_counts = 0;
  int64_t census_days = 0;
  int64_t unchanged = 0;  // rows already stored as they are
};

// Loads the care demo for the regions and reports already in `surveillance` (LoadDemo first).
// Running it again changes nothing.
Result<CareDemoSummary> LoadCareDemo(const SurveillanceService& surveillance, CareService& care,
                                     const std::string& user);

}  // namespace outbreak::app
