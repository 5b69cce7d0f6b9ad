#pragma once
// The exact plan of one medicine on its own time-expanded network: the largest fair fill rate λ
// (a search over the fractions k / need with LEMON Preflow max-flows and their minimum cuts),
// then the levels lateness, cover, transport and holding as LEMON NetworkSimplex min-cost flows,
// each over the optima of the level before (arcs fixed by the sign of their reduced cost), two
// adjacent levels in one flow where a proven weight keeps their order. When the supply covers the
// total need, the first min-cost flow is tried with every need met in full: feasible means λ = 1
// and no max-flow is run. distribution_planner.hpp states the model and why this is exact. LEMON
// stays inside medicine_flow.cpp. Reentrant: medicines are solved on several threads. Internal.

#include <cstdint>
#include <vector>

#include "supply/time_expanded_network.hpp"

namespace outbreak::supply::detail {

// An exact non-negative fraction num / den (den > 0).
struct Fraction {
  int64_t num = 0;
  int64_t den = 1;
};
bool Less(Fraction a, Fraction b);
// ceil(f × units), exactly.
int64_t CeilTimes(Fraction f, int64_t units);

struct MedicineFlow {
  bool ok = false;  // false only if a solver reports a state that cannot happen (a bug)
  Fraction lambda{1, 1};
  std::vector<int64_t> flow;  // per arc of the network
  int max_flows = 0;
};

// `shared_upper`, when given, replaces the upper bound of the shared arcs [0, net.shared_arcs)
// (a medicine's share of a shared capacity).
MedicineFlow SolveMedicine(const FlowNetwork& net, const std::vector<int64_t>* shared_upper);

}  // namespace outbreak::supply::detail
