#include "supply/medicine_flow.hpp"

#include <algorithm>

#include <lemon/network_simplex.h>
#include <lemon/preflow.h>
#include <lemon/smart_graph.h>

namespace outbreak::supply::detail {

namespace {

using Graph = lemon::SmartDigraph;
using ArcValues = Graph::ArcMap<int64_t>;
using Simplex = lemon::NetworkSimplex<Graph, int64_t, int64_t>;

// The LEMON graph of a network without the arcs that can carry nothing (upper bound 0, the
// max-flow's sink arcs excepted) and the vertices left isolated: they change no level's optimum.
struct Lemon {
  Graph graph;
  std::vector<Graph::Node> vertex;  // INVALID for a vertex left out
  std::vector<Graph::Arc> arc;      // INVALID for an arc left out
  std::vector<int> kept;            // the arcs in the graph, ascending
};

void BuildLemon(const FlowNetwork& net, const std::vector<int64_t>& upper, Lemon& g) {
  g.vertex.assign(net.vertices, lemon::INVALID);
  g.arc.assign(net.arcs(), lemon::INVALID);
  for (int a = 0; a < net.arcs(); ++a) {
    if (upper[a] > 0 || net.kind[a] == ArcKind::kSink) g.kept.push_back(a);
  }
  g.graph.reserveArc(static_cast<int>(g.kept.size()));
  auto vertex = [&](int v) {
    if (g.vertex[v] == lemon::INVALID) g.vertex[v] = g.graph.addNode();
    return g.vertex[v];
  };
  for (int v : {net.source, net.sink, net.zeta}) vertex(v);
  for (int a : g.kept) g.arc[a] = g.graph.addArc(vertex(net.tail[a]), vertex(net.head[a]));
}

bool MaxFlowOnly(ArcKind kind) { return kind == ArcKind::kSource || kind == ArcKind::kSink; }
bool MinCostOnly(ArcKind kind) {
  return kind == ArcKind::kMetOut || kind == ArcKind::kCover || kind == ArcKind::kExcess;
}

// The largest fraction k / need (over all needs) at most `bound`, and strictly below `below`.
Fraction LargestAtMost(const FlowNetwork& net, Fraction bound, Fraction below) {
  Fraction best{0, 1};
  for (const NeedNode& n : net.needs) {
    const int64_t at_most =
        static_cast<int64_t>(static_cast<__int128>(bound.num) * n.need / bound.den);
    const int64_t under =
        static_cast<int64_t>((static_cast<__int128>(below.num) * n.need + below.den - 1) /
                             below.den) -
        1;
    const Fraction candidate{std::clamp<int64_t>(std::min(at_most, under), 0, n.need), n.need};
    if (Less(best, candidate)) best = candidate;
  }
  return best;
}

Fraction Min(Fraction a, Fraction b) { return Less(a, b) ? a : b; }

class LambdaSearch {
 public:
  LambdaSearch(const FlowNetwork& net, const Lemon& g, const std::vector<int64_t>& upper)
      : net_(net), g_(g), capacity_(g.graph) {
    for (int a : g.kept) capacity_[g.arc[a]] = MinCostOnly(net.kind[a]) ? 0 : upper[a];
  }

  // Whether every need can get ceil(λ × need); when not, `cut_bound` gets an upper bound on the
  // feasible λ from the minimum cut: the needs on its sink side can together receive at most
  // the cut's other capacity K, so λ × Σ their need ≤ K.
  bool Feasible(Fraction lambda, Fraction& cut_bound) {
    int64_t required = 0;
    for (const NeedNode& n : net_.needs) {
      const int64_t r = CeilTimes(lambda, n.need);
      capacity_[g_.arc[n.sink_arc]] = r;
      required += r;
    }
    cut_bound = {1, 1};
    if (required == 0) return true;
    if (required > net_.total_supply) {
      cut_bound = {net_.total_supply, net_.total_need};
      return false;
    }
    ++probes_;
    lemon::Preflow<Graph, ArcValues> preflow(g_.graph, capacity_, g_.vertex[net_.source],
                                             g_.vertex[net_.sink]);
    preflow.runMinCut();  // the first phase gives the value and a minimum cut
    if (preflow.flowValue() == required) return true;
    int64_t other = 0;  // K
    for (int a : g_.kept) {
      if (net_.kind[a] == ArcKind::kSink) continue;
      if (preflow.minCut(g_.vertex[net_.tail[a]]) && !preflow.minCut(g_.vertex[net_.head[a]])) {
        other += capacity_[g_.arc[a]];
      }
    }
    int64_t need_beyond = 0;
    for (const NeedNode& n : net_.needs) {
      if (!preflow.minCut(g_.vertex[net_.tail[n.sink_arc]])) need_beyond += n.need;
    }
    if (need_beyond > 0) cut_bound = {other, need_beyond};
    return false;
  }

  // The largest fraction k / need (over all needs) that is feasible. Every probe is the largest
  // fraction under all upper bounds known (the total supply, the infeasible fractions, the cut
  // bounds: a Newton-like step), so the first feasible probe is the answer; the search ends
  // because each infeasible probe lowers the next one. `one_infeasible`: λ = 1 is known to be.
  Fraction Largest(bool one_infeasible) {
    Fraction cut_bound{1, 1};
    if (net_.needs.empty() || (!one_infeasible && Feasible({1, 1}, cut_bound))) return {1, 1};
    Fraction bound = Min(cut_bound, {net_.total_supply, net_.total_need});
    Fraction below{1, 1};  // infeasible
    while (true) {
      const Fraction probe = LargestAtMost(net_, bound, below);
      if (probe.num == 0) return probe;  // λ = 0 is always feasible
      if (Feasible(probe, cut_bound)) return probe;
      below = probe;
      bound = Min(bound, cut_bound);
    }
  }

  int probes() const { return probes_; }

 private:
  const FlowNetwork& net_;
  const Lemon& g_;
  ArcValues capacity_;
  int probes_ = 0;
};

// One min-cost flow: a level, or two adjacent levels joined by a weight on the higher one that
// is proven large enough to keep their order (see Stages).
struct Stage {
  Level high = Level::kLateness;
  int64_t weight = 1;  // on `high`; 0 when the stage has only `high`
  Level low = Level::kLateness;
  int64_t Cost(const FlowNetwork& net, int arc) const {
    return weight == 0 ? net.Cost(arc, high) : weight * net.Cost(arc, high) + net.Cost(arc, low);
  }
};

// The stages of the levels. Two levels share one min-cost flow when a weight W above the whole
// range of the lower level's objective exists and nothing overflows: then one unit less of the
// higher level always outweighs any change of the lower one, which is the lexicographic order
// exactly. Ranges: a level's objective lies within ± Σ |cost| × upper bound over its arcs; the
// unit-days held lie in [0, S × H] (at most the supply S is in stock on any day, the end-stock
// arc counting as day H). Otherwise each level is a stage of its own.
std::vector<Stage> Stages(const FlowNetwork& net, const std::vector<int64_t>& upper) {
  constexpr __int128 kSafe = static_cast<__int128>(1) << 60;
  struct Range {
    __int128 total = 0;  // Σ |cost| × upper
    __int128 arc = 0;    // max |cost|
  };
  constexpr Level kLevels[] = {Level::kLateness, Level::kCover, Level::kTransport};
  Range range[std::size(kLevels)];
  for (int a = 0; a < net.arcs(); ++a) {
    if (upper[a] == 0) continue;
    for (size_t level_idx = 0; level_idx < std::size(kLevels); ++level_idx) {
      const __int128 cost = net.Cost(a, kLevels[level_idx]);
      const __int128 magnitude = cost < 0 ? -cost : cost;
      range[level_idx].total += magnitude * upper[a];
      range[level_idx].arc = std::max(range[level_idx].arc, magnitude);
    }
  }
  const Range& lateness = range[0];
  const Range& cover = range[1];
  const Range& transport = range[2];
  const __int128 held_range = static_cast<__int128>(net.total_supply) * net.horizon_days;
  // Potentials add arc costs along tree paths: keep |cost| × vertices within range too.
  auto fits = [&](__int128 weight, const Range& high, __int128 low_total) {
    return weight * high.total + low_total < kSafe && weight * high.arc * net.vertices < kSafe;
  };
  std::vector<Stage> stages;
  const __int128 w1 = cover.total + 1;
  if (fits(w1, lateness, cover.total)) {
    stages.push_back({Level::kLateness, static_cast<int64_t>(w1), Level::kCover});
  } else {
    stages.push_back({Level::kLateness, 0, Level::kLateness});
    stages.push_back({Level::kCover, 0, Level::kCover});
  }
  const __int128 w2 = held_range + 1;
  if (fits(w2, transport, held_range)) {
    stages.push_back({Level::kTransport, static_cast<int64_t>(w2), Level::kHolding});
  } else {
    stages.push_back({Level::kTransport, 0, Level::kTransport});
    stages.push_back({Level::kHolding, 0, Level::kHolding});
  }
  return stages;
}

}  // namespace

bool Less(Fraction a, Fraction b) {
  return static_cast<__int128>(a.num) * b.den < static_cast<__int128>(b.num) * a.den;
}

int64_t CeilTimes(Fraction f, int64_t units) {
  const __int128 scaled = static_cast<__int128>(f.num) * units;
  return static_cast<int64_t>((scaled + f.den - 1) / f.den);
}

namespace {

enum class Outcome { kOptimal, kInfeasible, kFailed };

// The stages over the bounds `lower` / `upper` (λ's requirement already in `lower`); the flow of
// the last one into `out`. Only the first stage solved can be infeasible: later ones keep optima.
Outcome SolveStages(const FlowNetwork& net, const Lemon& g, std::vector<int64_t> lower,
                    std::vector<int64_t> upper, MedicineFlow& out) {
  Simplex simplex(g.graph);
  ArcValues lower_map(g.graph), upper_map(g.graph), cost_map(g.graph);
  Graph::NodeMap<int64_t> supply_map(g.graph, 0);
  for (int v = 0; v < net.vertices; ++v) {
    if (g.vertex[v] != lemon::INVALID) supply_map[g.vertex[v]] = net.vertex_supply[v];
  }
  const std::vector<Stage> stages = Stages(net, upper);
  bool solved = false;
  for (size_t stage_idx = 0; stage_idx < stages.size(); ++stage_idx) {
    const Stage& stage = stages[stage_idx];
    bool any_cost = false;
    for (int a : g.kept) {
      const int64_t cost = stage.Cost(net, a);
      any_cost = any_cost || (cost != 0 && upper[a] > lower[a]);
      cost_map[g.arc[a]] = cost;
      lower_map[g.arc[a]] = lower[a];
      upper_map[g.arc[a]] = upper[a];
    }
    const bool last = stage_idx + 1 == stages.size();
    if (!any_cost && !(last && !solved)) continue;  // nothing to choose at this level
    simplex.reset();
    simplex.lowerMap(lower_map).upperMap(upper_map).costMap(cost_map).supplyMap(supply_map);
    // First-eligible pricing: on these networks about 3× faster than LEMON's default block
    // search (bench/README.md, "Supply distribution plan").
    const Simplex::ProblemType result = simplex.run(Simplex::FIRST_ELIGIBLE);
    if (result == Simplex::INFEASIBLE && !solved) return Outcome::kInfeasible;
    if (result != Simplex::OPTIMAL) return Outcome::kFailed;
    solved = true;
    if (last) break;
    // Keep only the optima of this stage: complementary slackness with the optimal potentials.
    for (int a : g.kept) {
      const int64_t reduced = cost_map[g.arc[a]] + simplex.potential(g.vertex[net.tail[a]]) -
                              simplex.potential(g.vertex[net.head[a]]);
      if (reduced > 0) upper[a] = lower[a];
      if (reduced < 0) lower[a] = upper[a];
    }
  }
  out.flow.assign(net.arcs(), 0);
  for (int a : g.kept) out.flow[a] = simplex.flow(g.arc[a]);
  return Outcome::kOptimal;
}

}  // namespace

MedicineFlow SolveMedicine(const FlowNetwork& net, const std::vector<int64_t>* shared_upper) {
  MedicineFlow out;
  std::vector<int64_t> upper = net.upper;
  if (shared_upper != nullptr) {
    for (int a = 0; a < net.shared_arcs; ++a) upper[a] = std::min(upper[a], (*shared_upper)[a]);
  }
  Lemon g;
  BuildLemon(net, upper, g);
  std::vector<int64_t> min_cost_upper = upper;
  for (int a = 0; a < net.arcs(); ++a) {
    if (MaxFlowOnly(net.kind[a])) min_cost_upper[a] = 0;
  }
  auto with_lambda = [&](Fraction lambda) {
    std::vector<int64_t> lower = net.lower;
    for (const NeedNode& n : net.needs) lower[n.met_out_arc] = CeilTimes(lambda, n.need);
    return lower;
  };
  // λ = 1 when the stages can meet every need: then they alone decide it, without a max-flow.
  bool one_infeasible = net.needs.empty() || net.total_supply < net.total_need;
  if (!one_infeasible) {
    const Outcome first = SolveStages(net, g, with_lambda({1, 1}), min_cost_upper, out);
    if (first == Outcome::kOptimal) {
      out.ok = true;
      return out;
    }
    if (first == Outcome::kFailed) return out;
    one_infeasible = true;
  }
  LambdaSearch search(net, g, upper);
  out.lambda = search.Largest(one_infeasible && !net.needs.empty());
  out.max_flows = search.probes();
  out.ok = SolveStages(net, g, with_lambda(out.lambda), min_cost_upper, out) == Outcome::kOptimal;
  return out;
}

}  // namespace outbreak::supply::detail
