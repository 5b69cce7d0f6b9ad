#pragma once
// The balance of one category of workers between regions: the smallest worst load, and the
// least travel that reaches it. Pure; the method is in docs/care.md.
//
// Model. Region i has P_i patients, `own_i` workers of its own on duty, `away_i` of them already
// deployed elsewhere and `incoming_i` workers of other regions deployed in it; present_i =
// own_i - away_i + incoming_i. A plan moves x_ij of i's own workers at home to j, only along
// reachable pairs, such that
//   * i keeps at least ceil(own_i × percent / 100) of its own workers at home (retention);
//   * no region both sends and receives workers of the category (a worker moves once, from home
//     to where it is needed; workers deployed in are not sent on).
// Objective, lexicographic: first the smallest worst load max_i P_i / after_i, then the least
// total travel Σ x_ij × minutes_ij.
//
// Method. Loads are exact fractions P_i / k. At a load t region i needs ceil(P_i / t) workers:
// regions short of that receive (deficit), the others may give what is above both their need and
// their retention floor (surplus). Load t is feasible exactly when a flow from surpluses to
// deficits along reachable pairs meets every deficit: a max-flow (LEMON Preflow). Feasibility
// only changes at the fractions P_i / k, so the search bisects over those, exactly, and ends at
// the smallest feasible one, t*. At t* a min-cost flow (LEMON NetworkSimplex) gives the least
// travel. Supplies, demands and capacities are integers and the constraint matrix of a flow
// problem is totally unimodular, so the optimum flow is integral: whole workers.

#include <cstdint>
#include <span>
#include <vector>

#include "care/load.hpp"
#include "care/travel.hpp"

namespace outbreak::care {

struct CategoryProblem {
  std::span<const int64_t> patients;                       // per region
  std::span<const int64_t> own;                            // the region's own workers on duty
  std::span<const int64_t> away;                           // of those, deployed to other regions
  std::span<const int64_t> incoming;                       // workers of other regions deployed here
  int min_retention_percent = 70;                          // 0 … 100
  const std::vector<std::vector<Reach>>* reach = nullptr;  // reachable pairs, by region
};

struct Transfer {
  int from = 0;
  int to = 0;
  int64_t workers = 0;
  int minutes = 0;  // travel time of one worker
};

struct CategorySolution {
  std::vector<int64_t> before;  // workers present per region
  std::vector<int64_t> after;
  Load worst_before;
  Load worst_after;
  int64_t travel_worker_minutes = 0;  // Σ workers × minutes
  std::vector<Transfer> transfers;
  // Regions with patients and no worker present that the workers within reach cannot cover
  // (even one each): left out of the balance, reported.
  std::vector<int> uncovered;
  int flow_checks = 0;  // max-flow problems solved, for the benchmark's curiosity
};

// Spans must all have the same size as *reach. Counts are non-negative; away_i <= own_i.
CategorySolution BalanceCategory(const CategoryProblem& problem);

}  // namespace outbreak::care
