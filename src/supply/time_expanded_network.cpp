#include "supply/time_expanded_network.hpp"

#include <algorithm>

namespace outbreak::supply::detail {

int64_t FlowNetwork::Cost(int arc, Level level) const {
  switch (level) {
    case Level::kLateness:
      if (kind[arc] == ArcKind::kBacklog) return 1;
      if (kind[arc] == ArcKind::kMeet) return -(horizon_days - day[arc]);
      return 0;
    case Level::kCover:
      return kind[arc] == ArcKind::kCover ? -1 : 0;
    case Level::kTransport:
      return kind[arc] == ArcKind::kTransport ? link_hours[ref[arc]] : 0;
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
  for (const PlanLink& link : problem.links) net.link_hours.push_back(link.transit_hours);

  // Supply and need of this medicine.
  std::vector<int64_t> supply_at(static_cast<size_t>(nodes) * days, 0);
  for (const SupplyEntry& s : problem.supply) {
    if (s.medicine != medicine || s.available_day >= days) continue;
    supply_at[static_cast<size_t>(s.node) * days + s.available_day] += s.quantity;
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

  // Vertices.
  int next = nodes * days;  // X(n, d)
  std::vector<int> need_base(nodes, -1);
  std::vector<int> first_day(nodes, days);
  std::vector<int> collector(nodes, -1);
  for (int node_idx = 0; node_idx < nodes; ++node_idx) {
    int64_t need = 0;
    for (int day_idx = 0; day_idx < days; ++day_idx) {
      const int64_t q = demand_at[static_cast<size_t>(node_idx) * days + day_idx];
      if (q > 0 && first_day[node_idx] == days) first_day[node_idx] = day_idx;
      need += q;
    }
    if (need == 0) continue;
    need_base[node_idx] = next;
    next += days;
    collector[node_idx] = next++;
    net.needs.push_back({node_idx, need, -1, -1});
    net.total_need += need;
  }
  const int end_base = next;
  next += nodes;
  net.zeta = next++;
  net.source = next++;
  net.sink = next++;
  net.vertices = next;

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
    for (int day_idx = 0; day_idx + link.transit_days < days; ++day_idx) {
      add(stock(link.from, day_idx), stock(link.to, day_idx + link.transit_days),
          ArcKind::kTransport, link_idx, day_idx, 0, cap);
    }
  }
  net.transport_arcs = net.arcs();
  for (int node_idx = 0; node_idx < nodes; ++node_idx) {
    for (int day_idx = 0; day_idx < days; ++day_idx) {
      const int64_t bound = layout.store_capacity[static_cast<size_t>(node_idx) * days + day_idx];
      const int64_t cap = bound >= 0 ? std::min(bound, inf) : inf;
      const int head = day_idx + 1 < days ? stock(node_idx, day_idx + 1) : end_base + node_idx;
      add(stock(node_idx, day_idx), head, ArcKind::kHold, node_idx, day_idx, 0, cap);
    }
  }
  net.shared_arcs = net.arcs();

  for (NeedNode& need : net.needs) {
    const int node_idx = need.node;
    for (int day_idx = first_day[node_idx]; day_idx < days; ++day_idx) {
      const int b = need_base[node_idx] + day_idx;
      add(stock(node_idx, day_idx), b, ArcKind::kServe, node_idx, day_idx, 0, need.need);
      if (day_idx > first_day[node_idx]) {
        add(b, b - 1, ArcKind::kBacklog, node_idx, day_idx, 0, need.need);
      }
      const int64_t q = demand_at[static_cast<size_t>(node_idx) * days + day_idx];
      if (q > 0) add(b, collector[node_idx], ArcKind::kMeet, node_idx, day_idx, 0, q);
    }
    need.met_out_arc =
        add(collector[node_idx], net.zeta, ArcKind::kMetOut, node_idx, days - 1, 0, need.need);
    need.sink_arc = add(collector[node_idx], net.sink, ArcKind::kSink, node_idx, days - 1, 0, 0);
  }
  for (int node_idx = 0; node_idx < nodes; ++node_idx) {
    if (cover[node_idx] > 0) {
      add(end_base + node_idx, net.zeta, ArcKind::kCover, node_idx, days - 1, 0,
          std::min(cover[node_idx], inf));
    }
    add(end_base + node_idx, net.zeta, ArcKind::kExcess, node_idx, days - 1, 0, inf);
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
