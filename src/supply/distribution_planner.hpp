#pragma once
// The distribution planner: which medicines to ship from where to where on which day so that the
// expected consumption of every node is met as fully, as fairly and as early as the stock that
// exists allows, without touching the national reserve. Pure: values in, values out; no clock.
//
// Model (all quantities are whole units; days are 0 … H-1, day 0 the first day of the plan).
//   * Stock of a medicine at a node on day d is what it held at the end of day d-1, plus supply
//     that becomes available there on day d (stock on hand on day 0, production, shipments already
//     in transit), plus planned shipments arriving on day d, minus planned shipments dispatched on
//     day d, minus consumption met on day d. What is left at the end of a day is held; the end
//     stock of a node is what it holds at the end of day H-1. Supply available on or after day H
//     is outside the plan and ignored.
//   * A planned shipment dispatched on day d along a link with `transit_days` t arrives on day
//     d + t (t = 0: the same day) and only shipments arriving by day H-1 are planned.
//   * Consumption of day e at node n is met from the stock at n on a day d >= e. d > e is late
//     by d - e days (backlog); need not met by day H-1 is unmet. The fill rate of (n, medicine)
//     is (need met within the horizon) / need.
//   * A link's `daily_capacity_units` bounds the units of all medicines dispatched along it on one
//     day. A node's `storage_capacity_units` bounds the units of all medicines it holds at the
//     end of a day; a node may always keep what it already has or is sent from outside the plan
//     (the bound on day d is max(capacity, supply available there by day d)).
//   * Reserve floors: unless `draw_reserve`, min(floor, stock on hand on day 0) units of the
//     medicine are set aside at the node and take no part in the plan (they still count in its
//     end stock and its storage). The plan can therefore never take a node below its floor.
//
// Objective, per medicine, lexicographic (each level only among the optima of the level above):
//   1. fairness: the largest λ such that every (node, medicine) with need > 0 has at least
//      λ × need met within the horizon (max-min fill rate, weighted by need);
//   2. lateness: Σ units × days late, an unmet unit of day e counting as late by H - e days (as if
//      met the day after the horizon), so earlier is always preferred and met always beats unmet;
//   3. cover: Σ max(0, cover target - end stock), the shortfall against the minimum cover targets;
//   4. transport: Σ units × transit hours of planned shipments;
//   5. holding: Σ units held at the end of each day (unit-days in storage), a last tie-breaker.
//
// Method. One time-expanded network per medicine: a vertex per (node, day) for stock, a chain
// per node with need that carries what is served by each day (at most the need of the days so
// far), and end-stock vertices (time_expanded_network.hpp). Stock no supply can reach by its day
// is left out, and a pharmacy-like leaf (one same-day link of unlimited capacity, unlimited
// stores) is served straight from its link's origin: both keep every level's optimum. Supplies,
// demands and capacities are integers and the network matrix is totally unimodular, so every
// level has an integral optimum: whole units. Medicines are solved in parallel on
// std::thread::hardware_concurrency() threads; each writes its own result, so the plan does not
// depend on the threads.
//   * λ = 1 needs no max-flow when the supply covers the total need: the first min-cost flow
//     with every need required in full is feasible exactly when λ = 1.
//   * λ is exact: feasibility of "every (n, m) has at least ceil(λ × need) met" only changes at
//     the fractions k / need, and it is monotone in λ. Each probe is a LEMON Preflow max-flow; an
//     infeasible probe's minimum cut bounds λ (the needs behind the cut can receive at most its
//     capacity), and the next probe is the largest fraction under every bound known, so the first
//     feasible probe is the answer (integer arithmetic throughout; ~10 probes for a short
//     medicine).
//   * Levels 2 … 5 without magic weights: after the min-cost flow (LEMON NetworkSimplex) of a
//     level, every arc whose reduced cost (with the simplex's optimal potentials) is positive is
//     fixed at its lower bound and every arc whose reduced cost is negative at its upper bound.
//     By complementary slackness the flows that remain feasible are exactly the optima of that
//     level, and the next level is solved over them. Two adjacent levels share one min-cost flow
//     only when a weight on the higher one above the whole range of the lower one (the cover
//     shortfall lies in [0, Σ targets], the unit-days held in [0, supply × H]) fits in 64 bits with
//     room for the simplex's potentials: then the order is kept exactly, and otherwise the levels
//     are solved one by one. In practice: (lateness, cover), then (transport, holding).
//   * Shared capacity. Each medicine is first solved on its own with the whole capacity of each
//     link and store. When the sum over medicines then fits every link on every day and every
//     store, that is the joint optimum ("network simplex per medicine: no shared capacity
//     binds"). Otherwise the problem is multi-commodity and is solved as one LP with CLP: the
//     same levels over the joint flow (level 1 becomes one λ common to the medicines in the LP),
//     each level's optimum added as a constraint (within `lp_tolerance`) before the next. The LP
//     optimum need not be integral, so each medicine then gets a whole-unit share of every shared
//     capacity (the LP's flows rounded down, the remainder to the largest fractions) and is
//     solved exactly on its share as above: the plan is integral and feasible, and its λ and
//     lateness may be below the LP's bound by the rounding, both of which are reported. The LP
//     holds every medicine with supply in the horizon when that LP has at most
//     `max_joint_lp_columns` columns (then it is the joint optimum); above that, only the
//     medicines whose own plans break a shared capacity, on what the others leave (the method
//     says so).
//   * Speed (bench/README.md, "Supply distribution plan"): at 3,000 nodes × 50 medicines × 14
//     days the exact per-medicine plan takes about 1 s of CPU (12 s before the smaller networks,
//     the chain costs and first-eligible pricing) and half that in wall time on two idle cores;
//     the shared case's LP at that size takes over a minute.

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "supply/supply_network.hpp"

namespace outbreak::supply {

struct PlanNode {
  std::string code;
  NodeKind tier = NodeKind::kCountyBase;
  int64_t storage_capacity_units = 0;  // all medicines together; 0 = unlimited
};

struct PlanMedicine {
  std::string code;
  bool essential = false;  // on the essential list (used in explanations only)
};

struct PlanLink {
  int from = 0;  // node index
  int to = 0;
  int transit_days = 0;              // >= 0; the service rounds transit hours up to whole days
  int64_t daily_capacity_units = 0;  // all medicines together, per dispatch day; 0 = unlimited
  int64_t transit_hours = 0;         // the cost of moving one unit along the link
};

// Stock on hand (day 0), production, or a shipment already in transit arriving on that day.
struct SupplyEntry {
  int node = 0;
  int medicine = 0;
  int available_day = 0;  // >= 0; on or after the horizon: ignored
  int64_t quantity = 0;
};

// Units of a medicine that must stay at a node: the national reserve.
struct ReserveFloor {
  int node = 0;
  int medicine = 0;
  int64_t units = 0;
};

// Expected consumption at a node on one day.
struct DemandEntry {
  int node = 0;
  int medicine = 0;
  int day = 0;  // 0 … H-1
  int64_t quantity = 0;
};

// Stock a node should hold at the end of the horizon (minimum cover).
struct CoverTarget {
  int node = 0;
  int medicine = 0;
  int64_t units = 0;
};

struct DistributionProblem {
  int horizon_days = 14;  // H, 1 … 60
  std::vector<PlanNode> nodes;
  std::vector<PlanMedicine> medicines;
  std::vector<PlanLink> links;
  std::vector<SupplyEntry> supply;
  std::vector<ReserveFloor> reserve_floors;
  std::vector<DemandEntry> demand;
  std::vector<CoverTarget> cover_targets;
  bool draw_reserve = false;  // true: the floors may be consumed and shipped like any stock
  // The region the plan covers, for messages, and whether it is the whole country. A plan of a
  // region plans with the stock of that region's nodes only; `outside_usable` holds, per
  // medicine, the usable units at nodes outside it (the central base, other provinces), so that a
  // shortfall is named as the region's, not the nation's.
  std::string scope;
  bool whole_country = true;
  std::vector<int64_t> outside_usable;
  // Above this many LP columns the LP holds only the medicines that break a shared capacity.
  int64_t max_joint_lp_columns = 400'000;
  double lp_tolerance = 1e-7;  // relative slack when an LP level's optimum becomes a constraint
};

struct PlannedShipment {
  int from = 0;  // node index
  int to = 0;
  int medicine = 0;
  int dispatch_day = 0;
  int arrive_day = 0;
  int64_t quantity = 0;
};

enum class UnmetReason {
  kNone,
  kNationalShortage,  // the medicine's supply in the horizon is below its total need
  kShortInScope,      // the same within a region's plan, whose supply is the region's nodes only
  kUnreachable,       // no stock of the medicine can reach the node by the end of the horizon
  kSaturatedLink,     // a link towards the node is full on the day it would be needed
  kSaturatedStorage,  // a store on the way is full
  kFairShare,         // reachable stock exists, but is shared with others at the fair rate
};

struct NodeMedicineOutcome {
  int node = 0;
  int medicine = 0;
  int64_t need = 0;
  int64_t met_on_time = 0;  // a day's service meets that day's need first, then the oldest open
  int64_t met_late = 0;
  int64_t unmet = 0;
  int64_t late_unit_days = 0;
  int64_t end_stock = 0;  // including the reserve kept at the node
  int64_t cover_target = 0;
  int64_t reserve_kept = 0;  // units set aside as reserve (0 with draw_reserve)
  UnmetReason reason = UnmetReason::kNone;
  std::string why;  // for an officer, when unmet > 0: e.g. "national shortage of AMX: ..."
};

struct MedicinePlanSummary {
  int medicine = 0;
  int64_t supply_units = 0;  // available within the horizon, reserve set aside excluded
  int64_t need_units = 0;
  // The achieved max-min fill rate of the plan, as an exact fraction met / need of the worst
  // (node, medicine); 1/1 when there is no need.
  int64_t lambda_num = 1;
  int64_t lambda_den = 1;
  double lambda = 1;
  int64_t late_unit_days = 0;  // level 2, the unmet counted as late to the day after the horizon
  int64_t cover_shortfall_units = 0;  // level 3
  int64_t transport_unit_hours = 0;   // level 4
  int64_t holding_unit_days = 0;      // level 5
  bool in_lp = false;
};

enum class PlanMethod {
  kNetworkSimplexPerMedicine,
  kJointLp,    // CLP over every medicine that shares a limited capacity, then whole-unit shares
  kCoupledLp,  // CLP over the medicines that break a shared capacity only (large instances)
};

struct DistributionPlan {
  std::vector<PlannedShipment> shipments;      // by medicine, dispatch day, from, to
  std::vector<NodeMedicineOutcome> outcomes;   // every (node, medicine) with need, cover or reserve
  std::vector<MedicinePlanSummary> medicines;  // one per medicine, in input order
  PlanMethod method = PlanMethod::kNetworkSimplexPerMedicine;
  std::string method_reason;  // e.g. "LP (CLP): link CB→PC-04 shared by 3 medicines binds on day 4"
  // The LP's own optimum (level 1 and 2, fractional), when an LP was solved.
  double lp_lambda = 0;
  double lp_late_unit_days = 0;
  int lp_columns = 0;
  int max_flows = 0;  // feasibility probes of the λ search, for the benchmark's curiosity
};

// Every mistake in the problem at once (kInvalidArgument, one detail per mistake), or OK.
Status CheckDistributionProblem(const DistributionProblem& problem);

// kInvalidArgument for a bad problem (see CheckDistributionProblem); kInternal if a solver fails.
Result<DistributionPlan> PlanDistribution(const DistributionProblem& problem);

std::string_view UnmetReasonName(UnmetReason reason);
std::string_view PlanMethodName(PlanMethod method);

}  // namespace outbreak::supply
