#include "supply/distribution_explain.hpp"

#include <algorithm>
#include <deque>
#include <limits>

#include <fmt/format.h>

namespace outbreak::supply::detail {

namespace {

constexpr int kNever = std::numeric_limits<int>::max();

// The earliest day stock of `medicine` outside the reserve can be at each node, links taken at
// their transit times and without their capacities (a shortest-path over days).
std::vector<int> EarliestArrival(const DistributionProblem& problem, const SharedLayout& layout,
                                 int medicine) {
  const int nodes = static_cast<int>(problem.nodes.size());
  const int medicines = static_cast<int>(problem.medicines.size());
  std::vector<int64_t> free_on_day0(nodes, 0);
  std::vector<int> arrival(nodes, kNever);
  for (const SupplyEntry& s : problem.supply) {
    if (s.medicine != medicine || s.quantity <= 0 || s.available_day >= problem.horizon_days) {
      continue;
    }
    if (s.available_day == 0) {
      free_on_day0[s.node] += s.quantity;
    } else {
      arrival[s.node] = std::min(arrival[s.node], s.available_day);
    }
  }
  for (int node_idx = 0; node_idx < nodes; ++node_idx) {
    if (free_on_day0[node_idx] >
        layout.reserve_kept[static_cast<size_t>(node_idx) * medicines + medicine]) {
      arrival[node_idx] = 0;
    }
  }
  // Bellman-Ford rounds: links are few per node and the answer settles quickly.
  for (bool changed = true; changed;) {
    changed = false;
    for (const PlanLink& link : problem.links) {
      if (arrival[link.from] == kNever) continue;
      const int at = arrival[link.from] + link.transit_days;
      if (at < arrival[link.to]) {
        arrival[link.to] = at;
        changed = true;
      }
    }
  }
  return arrival;
}

struct Saturation {
  bool found = false;
  bool storage = false;
  int link = -1, node = -1, day = -1;
  int64_t capacity = 0;
};

// The full link or store nearest upstream of `node` (breadth-first over the links into it).
Saturation NearestSaturation(const DistributionProblem& problem, const FlowNetwork& net,
                             const std::vector<int64_t>& capacity, const SharedUse& use,
                             const std::vector<std::vector<int>>& links_into, int node) {
  const int nodes = static_cast<int>(problem.nodes.size());
  // Full shared arcs by link and by node.
  std::vector<std::vector<int>> full_link(problem.links.size()), full_store(nodes);
  for (int a = 0; a < net.shared_arcs; ++a) {
    if (capacity[a] < 0 || use.units[a] < capacity[a]) continue;
    if (net.kind[a] == ArcKind::kTransport) {
      full_link[net.ref[a]].push_back(a);
    } else if (capacity[a] > 0) {
      full_store[net.ref[a]].push_back(a);
    }
  }
  std::vector<bool> seen(nodes, false);
  std::deque<int> queue{node};
  seen[node] = true;
  while (!queue.empty()) {
    const int at = queue.front();
    queue.pop_front();
    for (int link_idx : links_into[at]) {
      if (!full_link[link_idx].empty()) {
        const int a = full_link[link_idx].front();
        return {true, false, link_idx, -1, net.day[a], capacity[a]};
      }
    }
    if (at != node && !full_store[at].empty()) {
      const int a = full_store[at].front();
      return {true, true, -1, at, net.day[a], capacity[a]};
    }
    for (int link_idx : links_into[at]) {
      const int from = problem.links[link_idx].from;
      if (!seen[from]) {
        seen[from] = true;
        queue.push_back(from);
      }
    }
  }
  return {};
}

std::string Percent(double share) { return fmt::format("{:.0f}%", 100 * share); }

}  // namespace

void ExplainUnmet(const DistributionProblem& problem, const SharedLayout& layout,
                  const FlowNetwork& any_net, const std::vector<int64_t>& shared_capacity,
                  const SharedUse& use, const std::vector<MedicinePlanSummary>& medicines,
                  std::vector<NodeMedicineOutcome>& outcomes) {
  std::vector<std::vector<int>> links_into(problem.nodes.size());
  for (int link_idx = 0; link_idx < static_cast<int>(problem.links.size()); ++link_idx) {
    links_into[problem.links[link_idx].to].push_back(link_idx);
  }
  int arrival_medicine = -1;
  std::vector<int> arrival;
  const int last_day = problem.horizon_days - 1;
  for (NodeMedicineOutcome& o : outcomes) {
    if (o.unmet <= 0 && o.met_late <= 0) continue;
    const MedicinePlanSummary& m = medicines[o.medicine];
    const std::string& code = problem.medicines[o.medicine].code;
    const std::string& where = problem.nodes[o.node].code;
    // A need met only late is explained like one not met: by what held it back.
    const int64_t held = o.unmet > 0 ? o.unmet : o.met_late;
    const char* held_how = o.unmet > 0 ? "cannot pass" : "pass only late";
    if (o.unmet > 0 && m.supply_units < m.need_units && !problem.whole_country) {
      const int64_t outside = o.medicine < static_cast<int>(problem.outside_usable.size())
                                  ? problem.outside_usable[o.medicine]
                                  : 0;
      o.reason = UnmetReason::kShortInScope;
      o.why = fmt::format(
          "{} is short within {}: its nodes can have {} units within the horizon against a need "
          "of {}, {} short; every node gets at least {} of its need",
          code, problem.scope, m.supply_units, m.need_units, m.need_units - m.supply_units,
          Percent(m.lambda));
      if (outside > 0) {
        o.why += fmt::format(
            "; {} usable units are held outside {} (a plan of the wider region, or an order on "
            "the central base, can bring them)",
            outside, problem.scope);
      }
      continue;
    }
    if (o.unmet > 0 && m.supply_units < m.need_units) {
      o.reason = UnmetReason::kNationalShortage;
      o.why = fmt::format(
          "national shortage of {}: {} units can be had within the horizon against a need of {}, "
          "{} short; every node gets at least {} of its need",
          code, m.supply_units, m.need_units, m.need_units - m.supply_units, Percent(m.lambda));
      continue;
    }
    if (arrival_medicine != o.medicine) {
      arrival = EarliestArrival(problem, layout, o.medicine);
      arrival_medicine = o.medicine;
    }
    if (arrival[o.node] > last_day) {
      o.reason = UnmetReason::kUnreachable;
      o.why = arrival[o.node] == kNever
                  ? fmt::format("{} cannot be reached: no link leads there from stock of {}", where,
                                code)
                  : fmt::format(
                        "no stock of {} can reach {} in time: the nearest arrives on day {}, "
                        "after the last day of the plan (day {})",
                        code, where, arrival[o.node], last_day);
      continue;
    }
    const Saturation s =
        NearestSaturation(problem, any_net, shared_capacity, use, links_into, o.node);
    if (s.found && !s.storage) {
      const PlanLink& link = problem.links[s.link];
      o.reason = UnmetReason::kSaturatedLink;
      o.why = fmt::format(
          "the link {}→{} is full on day {} ({} units a day for all medicines); {} units of {} "
          "for {} {}",
          problem.nodes[link.from].code, problem.nodes[link.to].code, s.day, s.capacity, held, code,
          where, held_how);
    } else if (s.found) {
      o.reason = UnmetReason::kSaturatedStorage;
      o.why = fmt::format(
          "the store at {} is full at the end of day {} ({} units for all medicines); {} units "
          "of {} for {} cannot be staged there in time",
          problem.nodes[s.node].code, s.day, s.capacity, held, code, where);
    } else if (arrival[o.node] > 0 && (o.unmet == 0 || m.lambda >= 1)) {
      o.reason = UnmetReason::kUnreachable;
      o.why = fmt::format(
          "stock of {} can first reach {} on day {}; need before that is met late "
          "or not at all",
          code, where, arrival[o.node]);
    } else {
      o.reason = UnmetReason::kFairShare;
      o.why = o.unmet > 0
                  ? fmt::format(
                        "the stock of {} that can reach {} in time is shared with other nodes: "
                        "each gets at least {} of its need",
                        code, where, Percent(m.lambda))
                  : fmt::format(
                        "the stock of {} that can reach {} from the first day is shared with "
                        "other nodes and spread over the days: {} units of its need arrive late",
                        code, where, o.met_late);
    }
  }
}

}  // namespace outbreak::supply::detail
