#pragma once
// Stock that expires inside a distribution plan's horizon. The planner (distribution_planner.hpp)
// treats supply as usable to the end of the horizon, so stock whose last day of use falls inside
// it is kept out of the plan and used here instead, where it is: a node's own short-dated stock
// meets the node's own need on the days it is usable, first expiry first, and the need it meets
// is taken out of the plan's demand. What no need of its node can use before it expires is left
// to expire: it is never shipped and never counted as meeting a need, so that every plan can be
// carried out by the ledger (which ships only lots still usable on arrival). Pure: values in,
// values out.
//
// This keeps plans safe, not always optimal: a short-dated lot at a base without need of its
// own could sometimes be shipped and used before it expires, and is left out instead.

#include <cstdint>
#include <vector>

#include "supply/distribution_planner.hpp"

namespace outbreak::supply {

struct ShortDatedStock {
  int node = 0;
  int medicine = 0;
  int first_day = 0;  // plan day from which it is at the node (0, or a shipment's arrival)
  int last_day = 0;   // its last day of use, a plan day before the horizon's last
  int64_t quantity = 0;
};

struct ShortDatedUse {
  int64_t used = 0;            // need met where the stock is
  int64_t left_to_expire = 0;  // units no need of their node can use in time
};

// Takes `units` that orders already made will ship out of a node from its short-dated stock of
// the medicine, the longest-lived first (what is left for the node's own need is then what
// expires soonest: the cautious reading). Returns the units it could not take.
int64_t TakeCommitted(std::vector<ShortDatedStock>& stock, int node, int medicine, int64_t units);

// Meets need from the short-dated stock as above and lowers `demand` by what it met (entries met
// in full are removed). Returns the use per medicine (`medicines` entries).
std::vector<ShortDatedUse> UseShortDatedLocally(std::vector<ShortDatedStock> stock,
                                                std::vector<DemandEntry>& demand, int medicines);

}  // namespace outbreak::supply
