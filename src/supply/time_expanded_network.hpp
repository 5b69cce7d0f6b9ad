#pragma once
// The time-expanded network of one medicine (distribution_planner.hpp states the model): plain
// arc lists that both the LEMON solver (medicine_flow) and the CLP model (joint_lp) read.
//
// Vertices: stock X(n, d) = n × H + d; need B(n, d) and a collector D(n) for nodes with need; an
// end-stock vertex E(n) per node; the sink Z; and S, T, used only by the λ feasibility max-flow.
// Arcs come in a fixed order: first the shared ones, identical in number and meaning for every
// medicine of a problem (transport: link × dispatch day; then storage: node × day, the last day
// being the end-stock arc X(n, H-1) → E(n)), then the medicine's own.
// Internal to the supply module.

#include <cstdint>
#include <vector>

#include "supply/distribution_planner.hpp"

namespace outbreak::supply::detail {

enum class ArcKind : uint8_t {
  kTransport,  // X(from, d) → X(to, d + t): ref = link, day = dispatch day
  kHold,       // X(n, d) → X(n, d + 1), or X(n, H-1) → E(n) on the last day: ref = node
  kServe,      // X(n, d) → B(n, d): consumption met on day d
  kBacklog,    // B(n, d) → B(n, d - 1): one more day late
  kMeet,       // B(n, e) → D(n), at most the need of day e
  kMetOut,     // D(n) → Z, at least the requirement r(n), at most need(n)
  kCover,      // E(n) → Z, at most the cover target
  kExcess,     // E(n) → Z, the rest of the end stock
  kSource,     // S → X(n, a), the supply: max-flow only
  kSink,       // D(n) → T, the requirement: max-flow only
};

// Which level of the objective an arc's cost belongs to.
enum class Level { kLateness, kCover, kTransport, kHolding };

struct NeedNode {
  int node = 0;
  int64_t need = 0;
  int met_out_arc = -1;  // the kMetOut arc
  int sink_arc = -1;     // the kSink arc
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
