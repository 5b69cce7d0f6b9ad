#include "supply/distribution_planner.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <numeric>
#include <thread>
#include <tuple>

#include <fmt/format.h>

#include "supply/distribution_explain.hpp"
#include "supply/joint_lp.hpp"
#include "supply/medicine_flow.hpp"
#include "supply/time_expanded_network.hpp"

namespace outbreak::supply {

namespace {

using detail::ArcKind;
using detail::FlowNetwork;

constexpr size_t kMaxDetails = 50;

// One solved medicine: its network and whole-unit flows.
struct Solved {
  FlowNetwork net;
  detail::MedicineFlow flow;
};

std::string ArcName(const DistributionProblem& problem, const FlowNetwork& net, int arc) {
  if (net.kind[arc] == ArcKind::kTransport) {
    const PlanLink& link = problem.links[net.ref[arc]];
    return fmt::format("link {}→{}", problem.nodes[link.from].code, problem.nodes[link.to].code);
  }
  return fmt::format("the store at {}", problem.nodes[net.ref[arc]].code);
}

// Whole-unit shares of each shared capacity from the LP's flows: rounded down, then the units
// left to the largest fractions.
std::vector<std::vector<int64_t>> Shares(const std::vector<std::vector<double>>& lp_flow,
                                         const std::vector<int64_t>& capacity,
                                         const std::vector<const FlowNetwork*>& nets) {
  std::vector<std::vector<int64_t>> shares;
  for (const FlowNetwork* net : nets)
    shares.emplace_back(net->upper.begin(), net->upper.begin() + net->shared_arcs);
  const int shared_arcs = nets.front()->shared_arcs;
  std::vector<std::pair<double, size_t>> fractions;
  for (int a = 0; a < shared_arcs; ++a) {
    if (capacity[a] < 0) continue;
    int64_t left = capacity[a];
    fractions.clear();
    for (size_t net_idx = 0; net_idx < nets.size(); ++net_idx) {
      const double x = std::max(0.0, lp_flow[net_idx][a]);
      const int64_t whole = std::min<int64_t>(static_cast<int64_t>(std::floor(x + 1e-6)), left);
      shares[net_idx][a] = whole;
      left -= whole;
      if (x - whole > 1e-6) fractions.push_back({x - whole, net_idx});
    }
    std::sort(fractions.begin(), fractions.end(), std::greater<>());
    for (const auto& [fraction, net_idx] : fractions) {
      if (left <= 0) break;
      ++shares[net_idx][a];
      --left;
    }
  }
  return shares;
}

void Summarise(const DistributionProblem& problem, const detail::SharedLayout& layout,
               const Solved& s, DistributionPlan& plan) {
  const FlowNetwork& net = s.net;
  const int m = net.medicine;
  const int medicines = static_cast<int>(problem.medicines.size());
  const int days = problem.horizon_days;
  MedicinePlanSummary& summary = plan.medicines[m];
  summary.supply_units = net.total_supply;
  summary.need_units = net.total_need;
  std::map<int, NodeMedicineOutcome> by_node;
  auto outcome = [&](int node_idx) -> NodeMedicineOutcome& {
    NodeMedicineOutcome& o = by_node[node_idx];
    o.node = node_idx;
    o.medicine = m;
    o.reserve_kept = layout.reserve_kept[static_cast<size_t>(node_idx) * medicines + m];
    return o;
  };
  for (const detail::NeedNode& need : net.needs) outcome(need.node).need = need.need;
  for (const CoverTarget& c : problem.cover_targets) {
    if (c.medicine == m) outcome(c.node).cover_target += c.units;
  }
  for (const ReserveFloor& f : problem.reserve_floors) {
    if (f.medicine == m) outcome(f.node);
  }
  const size_t need_count = net.needs.size();
  std::vector<int64_t> served(need_count * days, 0);  // per need × day
  for (int a = 0; a < net.arcs(); ++a) {
    const int64_t x = s.flow.flow[a];
    if (x == 0) continue;
    switch (net.kind[a]) {
      case ArcKind::kTransport: {
        const PlanLink& link = problem.links[net.ref[a]];
        plan.shipments.push_back(
            {link.from, link.to, m, net.day[a], net.day[a] + link.transit_days, x});
        summary.transport_unit_hours += x * link.transit_hours;
        break;
      }
      case ArcKind::kHold:
        summary.holding_unit_days += x;
        if (net.day[a] == days - 1) outcome(net.ref[a]).end_stock += x;
        break;
      case ArcKind::kServe: {
        const int need_idx = net.need_of_node[net.ref[a]];
        served[static_cast<size_t>(need_idx) * days + net.day[a]] += x;
        if (const int via = net.needs[need_idx].via_link; via >= 0) {  // a folded node
          const PlanLink& link = problem.links[via];
          plan.shipments.push_back({link.from, link.to, m, net.day[a], net.day[a], x});
          summary.transport_unit_hours += x * link.transit_hours;
        }
        break;
      }
      default:
        break;
    }
  }
  // Which need each day's service meets: that day's first (on time), then the oldest still open.
  // Any such matching gives the same lateness (see time_expanded_network.hpp, "Need"); the unmet
  // count as late to the day after the horizon.
  std::vector<int64_t> unmet_late(problem.nodes.size(), 0);
  std::vector<int64_t> open(days);
  for (size_t need_idx = 0; need_idx < need_count; ++need_idx) {
    const detail::NeedNode& need = net.needs[need_idx];
    NodeMedicineOutcome& o = outcome(need.node);
    int oldest = 0;
    for (int day_idx = 0; day_idx < days; ++day_idx) {
      int64_t left = served[need_idx * days + day_idx];
      open[day_idx] = need.need_by_day[day_idx];
      const int64_t on_time = std::min(left, open[day_idx]);
      o.met_on_time += on_time;
      open[day_idx] -= on_time;
      left -= on_time;
      for (; left > 0 && oldest < day_idx; ++oldest) {
        const int64_t take = std::min(left, open[oldest]);
        o.met_late += take;
        o.late_unit_days += take * (day_idx - oldest);
        open[oldest] -= take;
        left -= take;
        if (open[oldest] > 0) break;
      }
    }
    for (int day_idx = 0; day_idx < days; ++day_idx)
      unmet_late[need.node] += open[day_idx] * (days - day_idx);
  }
  summary.lambda_num = 1;
  summary.lambda_den = 1;
  for (auto& [node_idx, o] : by_node) {
    o.end_stock += o.reserve_kept;
    o.unmet = o.need - o.met_on_time - o.met_late;
    summary.late_unit_days += o.late_unit_days + unmet_late[node_idx];
    summary.cover_shortfall_units += std::max<int64_t>(0, o.cover_target - o.end_stock);
    if (o.need > 0) {
      const detail::Fraction fill{o.need - o.unmet, o.need};
      if (detail::Less(fill, {summary.lambda_num, summary.lambda_den})) {
        summary.lambda_num = fill.num;
        summary.lambda_den = fill.den;
      }
    }
    plan.outcomes.push_back(o);
  }
  summary.lambda =
      static_cast<double>(summary.lambda_num) / static_cast<double>(summary.lambda_den);
  plan.max_flows += s.flow.max_flows;
}

// Runs job(0) … job(count - 1) on up to hardware_concurrency threads; each job writes only its
// own results, so the outcome does not depend on the threads.
template <typename Job>
void RunAll(int count, const Job& job) {
  const int threads = std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, count);
  if (threads <= 1) {
    for (int idx = 0; idx < count; ++idx) job(idx);
    return;
  }
  std::atomic<int> next{0};
  auto work = [&] {
    for (int idx = next++; idx < count; idx = next++) job(idx);
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
}

}  // namespace

std::string_view UnmetReasonName(UnmetReason reason) {
  switch (reason) {
    case UnmetReason::kNone:
      return "none";
    case UnmetReason::kNationalShortage:
      return "national_shortage";
    case UnmetReason::kShortInScope:
      return "short_in_scope";
    case UnmetReason::kUnreachable:
      return "unreachable";
    case UnmetReason::kSaturatedLink:
      return "saturated_link";
    case UnmetReason::kSaturatedStorage:
      return "saturated_storage";
    case UnmetReason::kFairShare:
      return "fair_share";
  }
  return "none";
}

std::string_view PlanMethodName(PlanMethod method) {
  switch (method) {
    case PlanMethod::kNetworkSimplexPerMedicine:
      return "network_simplex_per_medicine";
    case PlanMethod::kJointLp:
      return "joint_lp";
    case PlanMethod::kCoupledLp:
      return "coupled_lp";
  }
  return "network_simplex_per_medicine";
}

Status CheckDistributionProblem(const DistributionProblem& p) {
  std::vector<std::string> errors;
  auto error = [&](std::string message) {
    if (errors.size() < kMaxDetails) errors.push_back(std::move(message));
  };
  const int nodes = static_cast<int>(p.nodes.size());
  const int medicines = static_cast<int>(p.medicines.size());
  const int days = p.horizon_days;
  auto bad_node = [&](int n) { return n < 0 || n >= nodes; };
  auto bad_medicine = [&](int m) { return m < 0 || m >= medicines; };
  if (days < 1 || days > 60) error(fmt::format("horizon_days: {} is not within 1 … 60", days));
  for (int idx = 0; idx < nodes; ++idx) {
    if (p.nodes[idx].storage_capacity_units < 0) {
      error(fmt::format("node {} ({}): storage_capacity_units {} is negative", idx,
                        p.nodes[idx].code, p.nodes[idx].storage_capacity_units));
    }
  }
  for (size_t idx = 0; idx < p.links.size(); ++idx) {
    const PlanLink& l = p.links[idx];
    if (bad_node(l.from) || bad_node(l.to)) {
      error(
          fmt::format("link {}: node index {}→{} is outside 0 … {}", idx, l.from, l.to, nodes - 1));
    } else if (l.from == l.to) {
      error(fmt::format("link {}: from and to are the same node {}", idx, p.nodes[l.from].code));
    }
    if (l.transit_days < 0)
      error(fmt::format("link {}: transit_days {} is negative", idx, l.transit_days));
    if (l.daily_capacity_units < 0) {
      error(
          fmt::format("link {}: daily_capacity_units {} is negative", idx, l.daily_capacity_units));
    }
    if (l.transit_hours < 0)
      error(fmt::format("link {}: transit_hours {} is negative", idx, l.transit_hours));
  }
  auto check_entry = [&](std::string_view what, size_t idx, int node, int medicine, int64_t units) {
    if (bad_node(node))
      error(fmt::format("{} {}: node index {} is outside 0 … {}", what, idx, node, nodes - 1));
    if (bad_medicine(medicine)) {
      error(fmt::format("{} {}: medicine index {} is outside 0 … {}", what, idx, medicine,
                        medicines - 1));
    }
    if (units < 0) error(fmt::format("{} {}: quantity {} is negative", what, idx, units));
  };
  for (size_t idx = 0; idx < p.supply.size(); ++idx) {
    const SupplyEntry& s = p.supply[idx];
    check_entry("supply", idx, s.node, s.medicine, s.quantity);
    if (s.available_day < 0)
      error(fmt::format("supply {}: available_day {} is negative", idx, s.available_day));
  }
  for (size_t idx = 0; idx < p.reserve_floors.size(); ++idx) {
    const ReserveFloor& f = p.reserve_floors[idx];
    check_entry("reserve floor", idx, f.node, f.medicine, f.units);
  }
  for (size_t idx = 0; idx < p.demand.size(); ++idx) {
    const DemandEntry& d = p.demand[idx];
    check_entry("demand", idx, d.node, d.medicine, d.quantity);
    if (d.day < 0 || d.day >= days) {
      error(fmt::format("demand {}: day {} is outside the horizon 0 … {}", idx, d.day, days - 1));
    }
  }
  for (size_t idx = 0; idx < p.cover_targets.size(); ++idx) {
    const CoverTarget& c = p.cover_targets[idx];
    check_entry("cover target", idx, c.node, c.medicine, c.units);
  }
  if (p.max_joint_lp_columns < 0) error("max_joint_lp_columns is negative");
  if (!(p.lp_tolerance >= 0 && p.lp_tolerance <= 1e-3))
    error("lp_tolerance is not within 0 … 1e-3");
  if (errors.empty()) return Status::Ok();
  std::string message = fmt::format("distribution problem: {}{} error(s)",
                                    errors.size() == kMaxDetails ? "at least " : "", errors.size());
  return Status::InvalidArgument(std::move(message), std::move(errors));
}

Result<DistributionPlan> PlanDistribution(const DistributionProblem& problem) {
  if (Status s = CheckDistributionProblem(problem); !s.ok()) return s;
  const int medicines = static_cast<int>(problem.medicines.size());
  DistributionPlan plan;
  plan.medicines.resize(medicines);
  for (int m = 0; m < medicines; ++m) plan.medicines[m].medicine = m;
  if (medicines == 0) {
    plan.method_reason = "network simplex per medicine: no medicine to plan";
    return plan;
  }
  const detail::SharedLayout layout = detail::BuildSharedLayout(problem);
  std::vector<Solved> solved(medicines);
  RunAll(medicines, [&](int m) {
    solved[m].net = detail::BuildNetwork(problem, layout, m);
    solved[m].flow = detail::SolveMedicine(solved[m].net, nullptr);
  });
  for (const Solved& s : solved) {
    if (!s.flow.ok) return Status::Internal("distribution plan: a min-cost flow failed");
  }
  const FlowNetwork& first = solved.front().net;
  const int shared_arcs = first.shared_arcs;
  std::vector<int64_t> capacity(shared_arcs);
  for (int a = 0; a < shared_arcs; ++a)
    capacity[a] = detail::SharedCapacity(problem, layout, first, a);

  auto shared_use = [&] {
    detail::SharedUse use{std::vector<int64_t>(shared_arcs, 0)};
    for (const Solved& s : solved) {
      for (int a = 0; a < shared_arcs; ++a) use.units[a] += s.flow.flow[a];
    }
    return use;
  };
  detail::SharedUse use = shared_use();
  // The shared capacity broken the worst by the medicines' own plans, and who breaks any.
  int worst_arc = -1;
  int64_t worst_excess = 0;
  std::vector<bool> breaks(medicines, false);
  for (int a = 0; a < shared_arcs; ++a) {
    if (capacity[a] < 0 || use.units[a] <= capacity[a]) continue;
    if (use.units[a] - capacity[a] > worst_excess) {
      worst_excess = use.units[a] - capacity[a];
      worst_arc = a;
    }
    for (int m = 0; m < medicines; ++m) breaks[m] = breaks[m] || solved[m].flow.flow[a] > 0;
  }

  if (worst_arc < 0) {
    plan.method = PlanMethod::kNetworkSimplexPerMedicine;
    plan.method_reason = "network simplex per medicine: no shared capacity binds";
  } else {
    int sharing = 0;
    for (const Solved& s : solved) sharing += s.flow.flow[worst_arc] > 0 ? 1 : 0;
    const std::string binds = fmt::format(
        "{} shared by {} medicines binds on day {} (their own plans need {} units, capacity {})",
        ArcName(problem, first, worst_arc), sharing, first.day[worst_arc], use.units[worst_arc],
        capacity[worst_arc]);
    std::vector<int> in_lp;
    std::vector<const FlowNetwork*> all_nets;
    for (int m = 0; m < medicines; ++m) {
      if (solved[m].net.total_supply > 0) {
        in_lp.push_back(m);
        all_nets.push_back(&solved[m].net);
      }
    }
    std::vector<int64_t> lp_capacity = capacity;
    if (detail::JointLpColumns(all_nets) <= problem.max_joint_lp_columns) {
      plan.method = PlanMethod::kJointLp;
      plan.method_reason = "LP (CLP) over all medicines: " + binds;
    } else {
      plan.method = PlanMethod::kCoupledLp;
      in_lp.clear();
      for (int m = 0; m < medicines; ++m) {
        if (breaks[m]) {
          in_lp.push_back(m);
        } else {
          for (int a = 0; a < shared_arcs; ++a) {
            if (lp_capacity[a] >= 0) lp_capacity[a] -= solved[m].flow.flow[a];
          }
        }
      }
      plan.method_reason = fmt::format(
          "LP (CLP) over the {} medicines whose own plans break a shared capacity, the others "
          "kept: {}",
          in_lp.size(), binds);
    }
    std::vector<const FlowNetwork*> nets;
    for (int m : in_lp) nets.push_back(&solved[m].net);
    const detail::JointLpResult lp = detail::SolveJointLp(nets, lp_capacity, problem.lp_tolerance);
    if (!lp.ok)
      return Status::Internal("distribution plan: the joint LP was not solved to optimality");
    plan.lp_lambda = lp.lambda;
    plan.lp_columns = lp.columns;
    double unmet_constant = 0;
    for (const FlowNetwork* net : nets) {
      for (const detail::NeedNode& need : net->needs)
        unmet_constant += static_cast<double>(need.unmet_late_unit_days);
    }
    plan.lp_late_unit_days = lp.lateness_cost + unmet_constant;
    const std::vector<std::vector<int64_t>> shares = Shares(lp.shared_flow, lp_capacity, nets);
    RunAll(static_cast<int>(in_lp.size()), [&](int idx) {
      Solved& s = solved[in_lp[idx]];
      s.flow = detail::SolveMedicine(s.net, &shares[idx]);
    });
    for (int m : in_lp) {
      if (!solved[m].flow.ok) return Status::Internal("distribution plan: a min-cost flow failed");
      plan.medicines[m].in_lp = true;
    }
    use = shared_use();
  }

  for (const Solved& s : solved) Summarise(problem, layout, s, plan);
  std::sort(plan.shipments.begin(), plan.shipments.end(), [](const auto& a, const auto& b) {
    return std::tie(a.medicine, a.dispatch_day, a.from, a.to) <
           std::tie(b.medicine, b.dispatch_day, b.from, b.to);
  });
  detail::ExplainUnmet(problem, layout, first, capacity, use, plan.medicines, plan.outcomes);
  return plan;
}

}  // namespace outbreak::supply
