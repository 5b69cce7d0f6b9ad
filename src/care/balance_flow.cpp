#include "care/balance_flow.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <lemon/network_simplex.h>
#include <lemon/preflow.h>
#include <lemon/smart_graph.h>

#include "care/workforce.hpp"

namespace outbreak::care {

namespace {

using Graph = lemon::SmartDigraph;
using Capacity = Graph::ArcMap<int64_t>;

// Steps that only narrow the search interval without solving a flow; a bound against a search
// that floating point could keep from ending.
constexpr int kMaxSteeringSteps = 200;

struct Working {
  std::vector<int64_t> patients;  // uncovered regions are set to 0
  std::vector<int64_t> present;
  std::vector<int64_t> home;  // own workers at home
  std::vector<int64_t> keep;  // the retention floor
  const std::vector<std::vector<Reach>>* reach = nullptr;
  int regions() const { return static_cast<int>(patients.size()); }
};

// ceil(P / t): the workers that keep a region with P patients at load t or below.
int64_t Need(int64_t patients, Load t) {
  if (patients <= 0) return 0;
  const __int128 scaled = static_cast<__int128>(patients) * t.workers;
  return static_cast<int64_t>((scaled + t.patients - 1) / t.patients);
}

struct Sides {
  std::vector<int64_t> deficit;  // workers a region must receive to be at t
  std::vector<int64_t> surplus;  // workers it may give and stay at t and above its floor
  int64_t total_deficit = 0;
  int64_t total_surplus = 0;
};

Sides SidesAt(const Working& w, Load t) {
  Sides s;
  s.deficit.assign(w.regions(), 0);
  s.surplus.assign(w.regions(), 0);
  for (int idx = 0; idx < w.regions(); ++idx) {
    const int64_t need = Need(w.patients[idx], t);
    if (need > w.present[idx]) {
      s.deficit[idx] = need - w.present[idx];
      s.total_deficit += s.deficit[idx];
    } else {
      s.surplus[idx] =
          std::max<int64_t>(0, std::min(w.home[idx] - w.keep[idx], w.present[idx] - need));
      s.total_surplus += s.surplus[idx];
    }
  }
  return s;
}

// The bipartite network of surpluses and deficits at one load: nodes for regions that give or
// receive, arcs only along reachable pairs.
struct Network {
  Graph graph;
  Capacity capacity{graph};
  Graph::ArcMap<int64_t> cost{graph};
  Graph::NodeMap<int64_t> supply{graph};
  std::vector<Graph::Node> node;  // by region; INVALID when the region is on neither side
  Graph::Node source, sink;       // for the max-flow only
};

void BuildNetwork(const Working& w, const Sides& s, bool with_terminals, Network& net) {
  net.node.assign(w.regions(), lemon::INVALID);
  if (with_terminals) {
    net.source = net.graph.addNode();
    net.sink = net.graph.addNode();
  }
  for (int idx = 0; idx < w.regions(); ++idx) {
    if (s.deficit[idx] == 0 && s.surplus[idx] == 0) continue;
    net.node[idx] = net.graph.addNode();
    net.supply[net.node[idx]] = s.surplus[idx] > 0 ? s.surplus[idx] : -s.deficit[idx];
    if (!with_terminals) continue;
    const Graph::Arc arc = s.surplus[idx] > 0 ? net.graph.addArc(net.source, net.node[idx])
                                              : net.graph.addArc(net.node[idx], net.sink);
    net.capacity[arc] = std::max(s.surplus[idx], s.deficit[idx]);
  }
  for (int from = 0; from < w.regions(); ++from) {
    if (s.surplus[from] == 0) continue;
    for (const Reach& reach : (*w.reach)[from]) {
      if (s.deficit[reach.to] == 0) continue;
      const Graph::Arc arc = net.graph.addArc(net.node[from], net.node[reach.to]);
      net.capacity[arc] = std::min(s.surplus[from], s.deficit[reach.to]);
      net.cost[arc] = reach.minutes;
    }
  }
}

// The most of the deficits at load t that the surpluses can meet, and how much each region
// receives in one such flow when `inflow` is given.
int64_t MaxFlow(const Working& w, Load t, std::vector<int64_t>* inflow) {
  const Sides s = SidesAt(w, t);
  if (s.total_deficit == 0 || s.total_surplus == 0) {
    if (inflow != nullptr) inflow->assign(w.regions(), 0);
    return 0;
  }
  Network net;
  BuildNetwork(w, s, true, net);
  lemon::Preflow<Graph, Capacity> preflow(net.graph, net.capacity, net.source, net.sink);
  if (inflow == nullptr) {
    preflow.runMinCut();  // the first phase gives the value
    return preflow.flowValue();
  }
  preflow.run();
  inflow->assign(w.regions(), 0);
  for (int idx = 0; idx < w.regions(); ++idx) {
    if (s.deficit[idx] == 0) continue;
    for (Graph::InArcIt arc(net.graph, net.node[idx]); arc != lemon::INVALID; ++arc) {
      (*inflow)[idx] += preflow.flow(arc);
    }
  }
  return preflow.flowValue();
}

bool Feasible(const Working& w, Load t, int& checks) {
  const Sides s = SidesAt(w, t);
  if (s.total_deficit == 0) return true;
  if (s.total_deficit > s.total_surplus) return false;
  ++checks;
  return MaxFlow(w, t, nullptr) == s.total_deficit;
}

// The largest load P_i / k (k a whole number) strictly below `hi`; zero when there is none.
Load LargestBelow(const std::vector<int64_t>& patients, Load hi) {
  Load best;
  for (int64_t p : patients) {
    if (p <= 0) continue;
    const int64_t k = static_cast<int64_t>(static_cast<__int128>(p) * hi.workers / hi.patients) + 1;
    best = std::max(best, Load{p, k});
  }
  return best;
}

// The largest load P_i / k at most `value` (as near as floating point tells); zero when none.
Load LargestAtMost(const std::vector<int64_t>& patients, double value) {
  Load best;
  for (int64_t p : patients) {
    if (p <= 0) continue;
    const double k = std::max(1.0, std::ceil(static_cast<double>(p) / value));
    if (k > 9e18) continue;
    best = std::max(best, Load{p, static_cast<int64_t>(k)});
  }
  return best;
}

// The smallest feasible worst load, from a feasible `hi`.
Load SmallestFeasibleLoad(const Working& w, Load hi, int& checks) {
  const int64_t total_patients = std::accumulate(w.patients.begin(), w.patients.end(), int64_t{0});
  const int64_t total_present = std::accumulate(w.present.begin(), w.present.end(), int64_t{0});
  // Below the average no plan can go: the workers are only moved, never added.
  const Load average{total_patients, total_present};
  std::optional<Load> infeasible;  // the largest load known to be infeasible
  double low = average.PerWorker();
  int steering = 0;
  while (true) {
    const Load next = LargestBelow(w.patients, hi);
    if (next.patients == 0 || next < average || (infeasible && next <= *infeasible)) return hi;
    Load probe = next;
    const double mid = (low + hi.PerWorker()) / 2;
    if (steering < kMaxSteeringSteps && mid > low && mid < hi.PerWorker()) {
      const Load below = LargestAtMost(w.patients, mid);
      const bool useful = below.patients > 0 && below < hi && !(below < average) &&
                          (!infeasible || below > *infeasible);
      if (!useful) {
        // No load worth testing in (low, mid]: every load there is infeasible.
        low = mid;
        ++steering;
        continue;
      }
      probe = below;
    }
    if (Feasible(w, probe, checks)) {
      hi = probe;
    } else {
      infeasible = probe;
      low = std::max(low, probe.PerWorker());
    }
  }
}

// Regions with patients and nobody present need one worker each before any balance; those the
// workers within reach cannot give one are left out (their patients set to 0 in `w`).
std::vector<int> CoverEmptyRegions(Working& w) {
  std::vector<int> empty;
  int64_t most_patients = 0;
  for (int idx = 0; idx < w.regions(); ++idx) {
    most_patients = std::max(most_patients, w.patients[idx]);
    if (w.patients[idx] > 0 && w.present[idx] == 0) empty.push_back(idx);
  }
  if (empty.empty()) return {};
  // At this load every region with patients needs one worker and those with any have enough.
  std::vector<int64_t> inflow;
  MaxFlow(w, Load{most_patients, 1}, &inflow);
  std::vector<int> uncovered;
  for (int idx : empty) {
    if (inflow[idx] > 0) continue;
    uncovered.push_back(idx);
    w.patients[idx] = 0;
  }
  return uncovered;
}

}  // namespace

CategorySolution BalanceCategory(const CategoryProblem& problem) {
  const int regions = static_cast<int>(problem.patients.size());
  Working w;
  w.reach = problem.reach;
  w.patients.assign(problem.patients.begin(), problem.patients.end());
  CategorySolution out;
  for (int idx = 0; idx < regions; ++idx) {
    const int64_t home = std::max<int64_t>(0, problem.own[idx] - problem.away[idx]);
    w.home.push_back(home);
    w.present.push_back(home + problem.incoming[idx]);
    w.keep.push_back(RetentionFloor(problem.own[idx], problem.min_retention_percent));
    out.worst_before = std::max(out.worst_before, Load{problem.patients[idx], w.present[idx]});
  }
  out.before = w.present;
  out.after = w.present;
  out.uncovered = CoverEmptyRegions(w);

  Load hi;  // a feasible worst load: the present one, or one worker for every region with patients
  for (int idx = 0; idx < regions; ++idx) {
    hi = std::max(hi, Load{w.patients[idx], std::max<int64_t>(w.present[idx], 1)});
  }
  if (hi.patients > 0) {
    const Load best = SmallestFeasibleLoad(w, hi, out.flow_checks);
    const Sides s = SidesAt(w, best);
    if (s.total_deficit > 0) {
      Network net;
      BuildNetwork(w, s, false, net);
      lemon::NetworkSimplex<Graph, int64_t, int64_t> simplex(net.graph);
      simplex.upperMap(net.capacity).costMap(net.cost).supplyMap(net.supply);
      simplex.supplyType(decltype(simplex)::LEQ);
      if (simplex.run() == decltype(simplex)::OPTIMAL) {
        std::vector<int> region_of(net.graph.maxNodeId() + 1, -1);
        for (int idx = 0; idx < regions; ++idx) {
          if (net.node[idx] != lemon::INVALID) region_of[net.graph.id(net.node[idx])] = idx;
        }
        for (int from = 0; from < regions; ++from) {
          if (s.surplus[from] == 0) continue;
          for (Graph::OutArcIt arc(net.graph, net.node[from]); arc != lemon::INVALID; ++arc) {
            const int64_t workers = simplex.flow(arc);
            if (workers == 0) continue;
            const int to = region_of[net.graph.id(net.graph.target(arc))];
            out.transfers.push_back({from, to, workers, static_cast<int>(net.cost[arc])});
            out.after[from] -= workers;
            out.after[to] += workers;
            out.travel_worker_minutes += workers * net.cost[arc];
          }
        }
      }
    }
  }
  for (int idx = 0; idx < regions; ++idx) {
    out.worst_after = std::max(out.worst_after, Load{problem.patients[idx], out.after[idx]});
  }
  return out;
}

}  // namespace outbreak::care
