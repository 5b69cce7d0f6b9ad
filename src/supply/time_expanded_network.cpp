#include "supply/time_expanded_network.hpp"

#include <algorithm>
#include <numeric>

namespace outbreak::supply::detail {

int64_t FlowNetwork::Cost(int arc, Level level) const {
  switch (level) {
    case Level::kLateness:  // see "Need" in the header
      return kind[arc] == ArcKind::kCarry || kind[arc] == ArcKind::kMetOut ? -1 : 0;
    case Level::kCover:
      return kind[arc] == ArcKind::kCover ? -1 : 0;
    case Level::kTransport:
      if (kind[arc] == ArcKind::kTransport) return link_hours[ref[arc]];
      if (kind[arc] == ArcKind::kServe) {
        const int via = needs[need_of_node[ref[arc]]].via_link;
        return via >= 0 ? link_hours[via] : 0;
      }
      return 0;
    case Level::kHolding:
      return kind[arc] == ArcKind::kHold ? 1 : 0;
  }
  return 0;
}

SharedLayout BuildSharedLayout(const DistributionProblem& problem) {
  const int days = problem.horizon_days;
  const int nodes = static_cast<int>(problem.nodes.size());
  const int medicines = static_cast<int>(problem.medicines.size());
  SharedLayout layout;
  layout.horizon_days = days;
  layout.nodes = nodes;
  layout.reserve_kept.assign(static_cast<size_t>(nodes) * medicines, 0);
  if (!problem.draw_reserve) {
    std::vector<int64_t> on_hand(static_cast<size_t>(nodes) * medicines, 0);
    for (const SupplyEntry& s : problem.supply) {
      if (s.available_day == 0)
        on_hand[static_cast<size_t>(s.node) * medicines + s.medicine] += s.quantity;
    }
    for (const ReserveFloor& floor : problem.reserve_floors) {
      const size_t key = static_cast<size_t>(floor.node) * medicines + floor.medicine;
      layout.reserve_kept[key] = std::min(floor.units, on_hand[key]);
    }
  }
  // Supply arriving from outside the plan, all medicines, by node and day, then cumulated.
  std::vector<int64_t> arriving(static_cast<size_t>(nodes) * days, 0);
  for (const SupplyEntry& s : problem.supply) {
    if (s.available_day < days)
      arriving[static_cast<size_t>(s.node) * days + s.available_day] += s.quantity;
  }
  layout.store_capacity.assign(static_cast<size_t>(nodes) * days, -1);
  for (int node_idx = 0; node_idx < nodes; ++node_idx) {
    const int64_t capacity = problem.nodes[node_idx].storage_capacity_units;
    if (capacity <= 0) continue;
    int64_t kept = 0;
    for (int medicine_idx = 0; medicine_idx < medicines; ++medicine_idx) {
      kept += layout.reserve_kept[static_cast<size_t>(node_idx) * medicines + medicine_idx];
    }
    int64_t cumulative = 0;
    for (int day_idx = 0; day_idx < days; ++day_idx) {
      cumulative += arriving[static_cast<size_t>(node_idx) * days + day_idx];
      layout.store_capacity[static_cast<size_t>(node_idx) * days + day_idx] =
          std::max(capacity, cumulative) - kept;
    }
  }
  // Nodes that may be folded into the origin of their one link (the header says when).
  std::vector<int> links_at(nodes, 0);
  layout.fold_link.assign(nodes, -1);
  for (const PlanLink& link : problem.links) {
    ++links_at[link.from];
    ++links_at[link.to];
  }
  for (int link_idx = 0; link_idx < static_cast<int>(problem.links.size()); ++link_idx) {
    const PlanLink& link = problem.links[link_idx];
    if (links_at[link.to] == 1 && link.transit_days == 0 && link.daily_capacity_units == 0 &&
        problem.nodes[link.to].storage_capacity_units == 0 &&
        problem.nodes[link.from].storage_capacity_units == 0) {
      layout.fold_link[link.to] = link_idx;
    }
  }
  return layout;
}

FlowNetwork BuildNetwork(const DistributionProblem& problem, const SharedLayout& layout,
                         int medicine) {
  const int days = problem.horizon_days;
  const int nodes = static_cast<int>(problem.nodes.size());
  const int medicines = static_cast<int>(problem.medicines.size());
  FlowNetwork net;
  net.medicine = medicine;
  net.horizon_days = days;
  net.link_hours.reserve(problem.links.size());
  for (const PlanLink& link : problem.links) net.link_hours.push_back(link.transit_hours);

  // Supply and need of this medicine.
  std::vector<int64_t> supply_at(static_cast<size_t>(nodes) * days, 0);
  std::vector<bool> has_supply(nodes, false);
  for (const SupplyEntry& s : problem.supply) {
    if (s.medicine != medicine || s.available_day >= days) continue;
    supply_at[static_cast<size_t>(s.node) * days + s.available_day] += s.quantity;
    if (s.quantity > 0) has_supply[s.node] = true;
  }
  for (int node_idx = 0; node_idx < nodes; ++node_idx) {
    supply_at[static_cast<size_t>(node_idx) * days] -=
        layout.reserve_kept[static_cast<size_t>(node_idx) * medicines + medicine];
  }
  for (int64_t q : supply_at) net.total_supply += q;
  net.unlimited = std::max<int64_t>(net.total_supply, 1);

  std::vector<int64_t> demand_at(static_cast<size_t>(nodes) * days, 0);
  std::vector<int64_t> cover(nodes, 0);
  for (const DemandEntry& d : problem.demand) {
    if (d.medicine == medicine) demand_at[static_cast<size_t>(d.node) * days + d.day] += d.quantity;
  }
  for (const CoverTarget& c : problem.cover_targets) {
    if (c.medicine == medicine) cover[c.node] += c.units;
  }
  for (int node_idx = 0; node_idx < nodes; ++node_idx) {  // the reserve kept counts as cover
    cover[node_idx] = std::max<int64_t>(
        0, cover[node_idx] -
               layout.reserve_kept[static_cast<size_t>(node_idx) * medicines + medicine]);
  }

  // The earliest day the medicine's supply can be at each node (capacities ignored).
  std::vector<int> earliest(nodes, days);
  for (int node_idx = 0; node_idx < nodes; ++node_idx) {
    for (int day_idx = 0; day_idx < days; ++day_idx) {
      if (supply_at[static_cast<size_t>(node_idx) * days + day_idx] > 0) {
        earliest[node_idx] = day_idx;
        break;
      }
    }
  }
  for (bool changed = true; changed;) {  // Bellman-Ford rounds over the links
    changed = false;
    for (const PlanLink& link : problem.links) {
      const int at = earliest[link.from] + link.transit_days;
      if (at < earliest[link.to]) {
        earliest[link.to] = at;
        changed = true;
      }
    }
  }
  // Folded nodes: served from their link's origin; their own stock vertices carry nothing.
  std::vector<int> serve_from(nodes);
  for (int node_idx = 0; node_idx < nodes; ++node_idx) {
    const int link_idx = layout.fold_link[node_idx];
    const bool fold = link_idx >= 0 && !has_supply[node_idx] && cover[node_idx] == 0;
    serve_from[node_idx] = fold ? problem.links[link_idx].from : node_idx;
  }
  auto reached = [&](int node_idx, int day_idx) { return day_idx >= earliest[node_idx]; };
  auto holds = [&](int node_idx, int day_idx) {
    return reached(node_idx, day_idx) && serve_from[node_idx] == node_idx;
  };

  // Vertices.
  int next = nodes * days;                 // X(n, d)
  std::vector<int> chain_base(nodes, -1);  // F(n, d) = chain_base + d, for d >= chain_first
  std::vector<int> chain_first(nodes, days);
  net.need_of_node.assign(nodes, -1);
  for (int node_idx = 0; node_idx < nodes; ++node_idx) {
    const int64_t* by_day = &demand_at[static_cast<size_t>(node_idx) * days];
    const int64_t need = std::accumulate(by_day, by_day + days, int64_t{0});
    if (need == 0) continue;
    NeedNode n;
    n.node = node_idx;
    n.need = need;
    n.need_by_day.assign(by_day, by_day + days);
    if (serve_from[node_idx] != node_idx) n.via_link = layout.fold_link[node_idx];
    for (int day_idx = 0; day_idx < days; ++day_idx)
      n.unmet_late_unit_days += by_day[day_idx] * (days - day_idx);
    // The chain starts on the first day with both need so far and stock within reach.
    int first = 0;
    while (by_day[first] == 0) ++first;
    first = std::max(first, std::min(earliest[serve_from[node_idx]], days - 1));
    chain_first[node_idx] = first;
    chain_base[node_idx] = next - first;
    next += days - first;
    net.need_of_node[node_idx] = static_cast<int>(net.needs.size());
    net.needs.push_back(std::move(n));
    net.total_need += need;
  }
  const int end_base = next;
  next += nodes;
  net.zeta = next++;
  net.source = next++;
  net.sink = next++;
  net.vertices = next;

  const size_t arcs_guess = problem.links.size() * days + static_cast<size_t>(nodes) * (days + 2) +
                            net.needs.size() * (2 * days + 2);
  for (auto* v : {&net.tail, &net.head, &net.ref, &net.day}) v->reserve(arcs_guess);
  net.kind.reserve(arcs_guess);
  net.lower.reserve(arcs_guess);
  net.upper.reserve(arcs_guess);
  auto add = [&](int tail, int head, ArcKind kind, int ref, int day, int64_t lower, int64_t upper) {
    net.tail.push_back(tail);
    net.head.push_back(head);
    net.kind.push_back(kind);
    net.ref.push_back(ref);
    net.day.push_back(day);
    net.lower.push_back(lower);
    net.upper.push_back(upper);
    return net.arcs() - 1;
  };
  auto stock = [days](int node_idx, int day_idx) { return node_idx * days + day_idx; };
  const int64_t inf = net.unlimited;

  for (int link_idx = 0; link_idx < static_cast<int>(problem.links.size()); ++link_idx) {
    const PlanLink& link = problem.links[link_idx];
    const int64_t cap =
        link.daily_capacity_units > 0 ? std::min(link.daily_capacity_units, inf) : inf;
    const bool folded = serve_from[link.to] != link.to;
    for (int day_idx = 0; day_idx + link.transit_days < days; ++day_idx) {
      const bool used = !folded && reached(link.from, day_idx);
      add(stock(link.from, day_idx), stock(link.to, day_idx + link.transit_days),
          ArcKind::kTransport, link_idx, day_idx, 0, used ? cap : 0);
    }
  }
  net.transport_arcs = net.arcs();
  for (int node_idx = 0; node_idx < nodes; ++node_idx) {
    for (int day_idx = 0; day_idx < days; ++day_idx) {
      const int64_t bound = layout.store_capacity[static_cast<size_t>(node_idx) * days + day_idx];
      const int64_t cap = bound >= 0 ? std::min(bound, inf) : inf;
      const int head = day_idx + 1 < days ? stock(node_idx, day_idx + 1) : end_base + node_idx;
      add(stock(node_idx, day_idx), head, ArcKind::kHold, node_idx, day_idx, 0,
          holds(node_idx, day_idx) ? cap : 0);
    }
  }
  net.shared_arcs = net.arcs();

  for (NeedNode& need : net.needs) {
    const int node_idx = need.node;
    const int from = serve_from[node_idx];
    int64_t need_so_far = 0;
    for (int day_idx = 0; day_idx < days; ++day_idx) {
      need_so_far += need.need_by_day[day_idx];
      if (day_idx < chain_first[node_idx]) continue;
      const int chain = chain_base[node_idx] + day_idx;
      const int64_t cap = std::min(need_so_far, inf);
      if (reached(from, day_idx)) {
        add(stock(from, day_idx), chain, ArcKind::kServe, node_idx, day_idx, 0, cap);
      }
      if (day_idx + 1 < days) add(chain, chain + 1, ArcKind::kCarry, node_idx, day_idx, 0, cap);
    }
    const int last = chain_base[node_idx] + days - 1;
    need.met_out_arc = add(last, net.zeta, ArcKind::kMetOut, node_idx, days - 1, 0, need.need);
    need.sink_arc = add(last, net.sink, ArcKind::kSink, node_idx, days - 1, 0, 0);
  }
  for (int node_idx = 0; node_idx < nodes; ++node_idx) {
    const bool ends = holds(node_idx, days - 1);
    if (cover[node_idx] > 0) {
      add(end_base + node_idx, net.zeta, ArcKind::kCover, node_idx, days - 1, 0,
          ends ? std::min(cover[node_idx], inf) : 0);
    }
    add(end_base + node_idx, net.zeta, ArcKind::kExcess, node_idx, days - 1, 0, ends ? inf : 0);
  }
  net.vertex_supply.assign(net.vertices, 0);
  for (int node_idx = 0; node_idx < nodes; ++node_idx) {
    for (int day_idx = 0; day_idx < days; ++day_idx) {
      const int64_t q = supply_at[static_cast<size_t>(node_idx) * days + day_idx];
      if (q <= 0) continue;
      net.vertex_supply[stock(node_idx, day_idx)] += q;
      add(net.source, stock(node_idx, day_idx), ArcKind::kSource, node_idx, day_idx, 0, q);
    }
  }
  net.vertex_supply[net.zeta] = -net.total_supply;
  return net;
}

int64_t SharedCapacity(const DistributionProblem& problem, const SharedLayout& layout,
                       const FlowNetwork& net, int arc) {
  if (net.kind[arc] == ArcKind::kTransport) {
    const int64_t cap = problem.links[net.ref[arc]].daily_capacity_units;
    return cap > 0 ? cap : -1;
  }
  return layout
      .store_capacity[static_cast<size_t>(net.ref[arc]) * layout.horizon_days + net.day[arc]];
}

}  // namespace outbreak::supply::detail
