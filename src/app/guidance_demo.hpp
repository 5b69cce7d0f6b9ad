#pragma once
// The guidance part of the 2022 demo: an illustrative roster of officials (made-up generic names,
// no real persons), a survey checklist, the areas' needs (data/dprk2022/guidance_*.csv, described
// in data/README.md), and a team plan formed from them and adopted.

#include <string>

#include "app/guidance_service.hpp"
#include "app/surveillance_service.hpp"

namespace outbreak::app {

struct GuidanceDemoSummary {
  int64_t officials_added = 0;
  int checklist_version = 0;
  int64_t plan = 0;  // the adopted plan
  size_t teams = 0;
};

// Loads the guidance demo for the regions already in `surveillance` (LoadDemo first). Running it
// again changes nothing: the roster and checklist are unchanged, and a plan is formed and adopted
// only when none is adopted yet.
Result<GuidanceDemoSummary> LoadGuidanceDemo(const SurveillanceService& surveillance,
                                             GuidanceService& guidance, const std::string& data_dir,
                                             const std::string& user);

// The needs file of `path` (area,needs) for the areas of the provinces in `surveillance`.
Result<std::map<std::string, std::vector<std::string>>> ReadNeedsFile(
    const SurveillanceService& surveillance, const std::string& path);

}  // namespace outbreak::app
