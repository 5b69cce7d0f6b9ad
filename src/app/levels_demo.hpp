#pragma once
// The prevention levels of the demo: the default rules (data/prevention_rules.txt) and action
// programmes (data/action_programmes.txt), and the headquarters' switch of the whole country to
// maximum emergency on 12 May 2022 as a recorded decision, with its tasks.

#include <cstdint>
#include <string>

#include "app/levels_service.hpp"
#include "app/surveillance_service.hpp"

namespace outbreak::app {

struct LevelsDemoSummary {
  std::string rules_version;
  std::string programmes_version;
  int documents_loaded = 0;  // 0 when the files in force are the same already
  int64_t decisions = 0;     // recorded now (0 when the switch was recorded before)
  int64_t tasks = 0;         // created with them
};

// Loads the files when they differ from those in force and records the switch once; running it
// again changes nothing.
Result<LevelsDemoSummary> LoadLevelsDemo(const SurveillanceService& surveillance,
                                         LevelsService& levels, const std::string& data_dir,
                                         const std::string& user);

}  // namespace outbreak::app
