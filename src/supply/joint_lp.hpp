#pragma once
// The multi-commodity LP of the distribution plan, solved with CLP: the medicines' time-expanded
// networks side by side, each with its own flow conservation, tied by one row per shared link ×
// day or store × day: Σ over medicines ≤ capacity. Levels as in distribution_planner.hpp: first
// max λ (one λ for all medicines in the LP: met(n, m) ≥ λ × need(n, m)), then lateness, cover,
// transport and holding, each level's optimum added as a row (within the relative tolerance)
// before the next. COIN headers stay inside joint_lp.cpp. Internal.

#include <cstdint>
#include <vector>

#include "supply/time_expanded_network.hpp"

namespace outbreak::supply::detail {

struct JointLpResult {
  bool ok = false;
  double lambda = 0;
  double lateness_cost = 0;  // Σ Level::kLateness costs × flows (the unmet's constant not added)
  int columns = 0;
  // Per network, per shared arc [0, shared_arcs): the LP's flow.
  std::vector<std::vector<double>> shared_flow;
};

// `capacity` per shared arc: what the medicines of the LP may use together; -1 = unlimited.
JointLpResult SolveJointLp(const std::vector<const FlowNetwork*>& nets,
                           const std::vector<int64_t>& capacity, double tolerance);

// The LP's columns for these networks, to decide before building whether it is affordable.
int64_t JointLpColumns(const std::vector<const FlowNetwork*>& nets);

}  // namespace outbreak::supply::detail
