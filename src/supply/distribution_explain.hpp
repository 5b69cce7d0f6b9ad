#pragma once
// Why a node's need is not met, in an officer's words: a national shortage of the medicine, no
// stock that can reach the node within the horizon, a full link or store on the way (named, with
// the day), or the fair sharing of stock that is reachable but not enough. Reads a finished plan;
// no solver. Internal to the supply module.

#include <cstdint>
#include <vector>

#include "supply/distribution_planner.hpp"
#include "supply/time_expanded_network.hpp"

namespace outbreak::supply::detail {

// Units of all medicines per shared arc index (the networks' common shared arcs).
struct SharedUse {
  std::vector<int64_t> units;
};

// Fills `reason` and `why` of every outcome with unmet > 0. `shipments` and `use` are the plan's.
void ExplainUnmet(const DistributionProblem& problem, const SharedLayout& layout,
                  const FlowNetwork& any_net, const std::vector<int64_t>& shared_capacity,
                  const SharedUse& use, const std::vector<MedicinePlanSummary>& medicines,
                  std::vector<NodeMedicineOutcome>& outcomes);

}  // namespace outbreak::supply::detail
