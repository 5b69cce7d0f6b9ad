#pragma once
// What the situation report says about where the epidemic is going in a region and in each of
// its children: growth, a plain-language statement, and alerts.

#include <optional>
#include <string>
#include <vector>

#include "analytics/alerts.hpp"
#include "analytics/growth.hpp"
#include "core/region_tree.hpp"

namespace outbreak::analytics {

struct RegionGrowth {
  RegionIdx region = kNoRegion;
  std::optional<GrowthEstimate> growth;  // none when the series is too short
};

struct TrendReport {
  std::string statement;  // "the spread is being controlled and abating in 11 of 13 provinces; ..."
  std::optional<GrowthEstimate> region_growth;
  std::vector<RegionGrowth> children;
  std::vector<Alert> alerts;
};

}  // namespace outbreak::analytics
