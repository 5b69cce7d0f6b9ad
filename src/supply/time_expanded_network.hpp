#pragma once
// The time-expanded network of one medicine (distribution_planner.hpp states the model): plain
// arc lists that both the LEMON solver (medicine_flow) and the CLP model (joint_lp) read.
//
// Vertices: stock X(n, d) = n × H + d; a need chain F(n, d) for nodes with need; an end-stock
// vertex E(n) per node; the sink Z; and S, T, used only by the λ feasibility max-flow.
// Arcs come in a fixed order: first the shared ones, identical in number and meaning for every
// medicine of a problem (transport: link × dispatch day; then storage: node × day, the last day
// being the end-stock arc X(n, H-1) → E(n)), then the medicine's own.
//
// Need. Consumption of day e met on day d >= e costs d - e unit-days late and an unmet unit
// H - e, so the lateness of a plan is Σ_e need(e) × (H - e) − Σ_d served(d) × (H - d): it only
// depends on how much is served each day, and any serving with Σ_{d' <= d} served(d') <= the
// need of days 0 … d for every d can be matched to the needs (a unit of day d to need of a day
// e <= d). The chain F(n, d) → F(n, d + 1), at most the need of days 0 … d, carries what is
// served by day d. Its arcs and the met-out arc cost −1 each, so a unit served on day d costs
// −(H − d), the lateness less its constant (costs on the chain rather than on the serve arcs:
// the same optimum, and the network simplex needs several times fewer pivots).
//
// Smaller networks, with the same optimum at every level:
//   * Stock vertices no supply of the medicine can reach by their day (links at their transit
//     times) carry nothing: their arcs get upper bound 0 and the solver leaves them out.
//   * A node reached by one same-day link of unlimited capacity and touching no other link,
//     holding no supply or cover target of the medicine, both ends with unlimited storage (a
//     pharmacy under its county base) is folded into the link's origin: its need is served
//     from the origin's stock through the link on the day of consumption (the serve arc costs
//     the link's transit hours). Any plan can be moved to that form without changing service
//     days or unit-days held and without more transport, so every level keeps its optimum.
// Internal to the supply module.

#include <cstdint>
#include <vector>

#include "supply/distribution_planner.hpp"

namespace outbreak::supply::detail {

enum class ArcKind : uint8_t {
  kTransport,  // X(from, d) → X(to, d + t): ref = link, day = dispatch day
  kHold,       // X(n, d) → X(n, d + 1), or X(n, H-1) → E(n) on the last day: ref = node
  kServe,      // X(n, d) → F(n, d) (X(origin, d) for a folded node): served on day d; ref = n
  kCarry,      // F(n, d) → F(n, d + 1), at most the need of days 0 … d
  kMetOut,     // F(n, H-1) → Z, at least the requirement r(n), at most need(n)
  kCover,      // E(n) → Z, at most the cover target
  kExcess,     // E(n) → Z, the rest of the end stock
  kSource,     // S → X(n, a), the supply: max-flow only
  kSink,       // F(n, H-1) → T, the requirement: max-flow only
};

// Which level of the objective an arc's cost belongs to.
enum class Level { kLateness, kCover, kTransport, kHolding };

struct NeedNode {
  int node = 0;
  int64_t need = 0;
  int via_link = -1;                 // a folded node: the link its need is served through
  int64_t unmet_late_unit_days = 0;  // Σ_e need(e) × (H - e): the lateness when nothing is met
  std::vector<int64_t> need_by_day;  // H entries
  int met_out_arc = -1;              // the kMetOut arc
  int sink_arc = -1;                 // the kSink arc
};

struct FlowNetwork {
  int medicine = 0;
  int horizon_days = 0;
  int vertices = 0;
  int source = -1, sink = -1, zeta = -1;
  int shared_arcs = 0;       // arcs [0, shared_arcs) are the shared transport and storage arcs
  int transport_arcs = 0;    // of which [0, transport_arcs) are transport
  int64_t unlimited = 0;     // the bound standing for "unlimited": the medicine's whole supply
  int64_t total_supply = 0;  // within the horizon, reserve set aside excluded
  int64_t total_need = 0;
  std::vector<int> tail, head, ref, day;
  std::vector<ArcKind> kind;
  std::vector<int64_t> lower, upper;
  std::vector<int64_t> vertex_supply;  // for the min-cost flow: supplies at X, -total at Z
  std::vector<int64_t> link_hours;     // transit hours per link: the transport cost
  std::vector<NeedNode> needs;
  std::vector<int> need_of_node;  // per node: index into `needs`, or -1

  int arcs() const { return static_cast<int>(tail.size()); }
  int64_t Cost(int arc, Level level) const;
};

// The per-problem facts every medicine's network shares.
struct SharedLayout {
  int horizon_days = 0;
  int nodes = 0;
  // Storage bound per node × day (end of day), reserve set aside excluded; -1 = unlimited.
  std::vector<int64_t> store_capacity;
  std::vector<int64_t> reserve_kept;  // per node × medicine (node × M + medicine)
  // Per node: the one link of a node that may be folded into its origin (see above), else -1.
  // Whether it is folded also depends on the medicine (no supply or cover target there).
  std::vector<int> fold_link;
};

SharedLayout BuildSharedLayout(const DistributionProblem& problem);

// The medicine's network. Shared arcs get the whole shared capacity (or `unlimited`).
FlowNetwork BuildNetwork(const DistributionProblem& problem, const SharedLayout& layout,
                         int medicine);

// The shared resource of a shared arc: transport arcs map to (link, day), storage to (node, day).
// Its capacity for all medicines together; -1 when unlimited.
int64_t SharedCapacity(const DistributionProblem& problem, const SharedLayout& layout,
                       const FlowNetwork& net, int arc);

}  // namespace outbreak::supply::detail
