#pragma once
// The 2022 demo: the published national series, the broadcast provincial figures and the
// region tree, with every reporting unit's daily figures derived from them (data/README.md).

#include <string>

#include "app/care_demo.hpp"
#include "app/care_service.hpp"
#include "app/guidance_demo.hpp"
#include "app/levels_demo.hpp"
#include "app/supply_demo.hpp"
#include "app/surveillance_service.hpp"

namespace outbreak::app {

struct DemoSummary {
  int regions = 0;
  int64_t reports_added = 0;
  int64_t reports_unchanged = 0;
  size_t findings = 0;
  Date first_day;
  Date last_day;
  std::optional<CareDemoSummary> care;          // when a CareService was given
  std::optional<SupplyDemoSummary> supply;      // when a SupplyService was given
  std::optional<GuidanceDemoSummary> guidance;  // when a GuidanceService was given
  std::optional<LevelsDemoSummary> levels;      // when a LevelsService was given
};

// The services that take a part of the demo besides surveillance; each may be null.
struct DemoTargets {
  CareService* care = nullptr;
  SupplyService* supply = nullptr;
  GuidanceService* guidance = nullptr;
  LevelsService* levels = nullptr;
};

// Loads the demo from `data_dir`/dprk2022 into the service, and each other part (care_demo.hpp,
// ...) into its service when given. Running it again changes nothing.
Result<DemoSummary> LoadDemo(SurveillanceService& service, const std::string& data_dir,
                             const std::string& user, const DemoTargets& targets = {});

}  // namespace outbreak::app
