// The distribution planner against an independent formulation. On small seeded instances the
// same problem is written again as a mixed-integer programme in other variables (units of day e's
// demand served on day d, end-of-day stocks, shipments per link and dispatch day) and solved with
// CBC level by level; the planner's λ and lateness must equal it. When the planner used its LP,
// the LP relaxation of that formulation over every medicine (solved with CLP) must give the
// planner's LP λ and lateness. Every plan is also checked, without a solver, for conservation,
// capacities, reserve floors and transit times.

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <regex>
#include <vector>

#include <gtest/gtest.h>

#include <CbcModel.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>

#include "supply/distribution_planner.hpp"

namespace outbreak::supply {
namespace {

constexpr double kLambdaTolerance = 1e-6;    // λ from a double-precision solver
constexpr double kLatenessTolerance = 1e-4;  // unit-days, relative to max(1, value)

int64_t Kept(const DistributionProblem& p, int node, int medicine) {
  if (p.draw_reserve) return 0;
  int64_t floor = 0, on_hand = 0;
  for (const ReserveFloor& f : p.reserve_floors) {
    if (f.node == node && f.medicine == medicine) floor += f.units;
  }
  for (const SupplyEntry& s : p.supply) {
    if (s.node == node && s.medicine == medicine && s.available_day == 0) on_hand += s.quantity;
  }
  return std::min(floor, on_hand);
}

// Supply of (node, medicine) on a day, the reserve set aside on day 0.
int64_t SupplyOn(const DistributionProblem& p, int node, int medicine, int day) {
  int64_t q = day == 0 ? -Kept(p, node, medicine) : 0;
  for (const SupplyEntry& s : p.supply) {
    if (s.node == node && s.medicine == medicine && s.available_day == day) q += s.quantity;
  }
  return q;
}

// Storage bound at the end of a day for the plan's units, -1 unlimited.
int64_t StoreBound(const DistributionProblem& p, int node, int day) {
  const int64_t cap = p.nodes[node].storage_capacity_units;
  if (cap == 0) return -1;
  int64_t arrived = 0, kept = 0;
  for (const SupplyEntry& s : p.supply) {
    if (s.node == node && s.available_day <= day) arrived += s.quantity;
  }
  for (int m = 0; m < static_cast<int>(p.medicines.size()); ++m) kept += Kept(p, node, m);
  return std::max(cap, arrived) - kept;
}

struct Fraction {
  int64_t num = 0;
  int64_t den = 1;
};

struct Reference {
  bool ok = false;
  double lambda = 0;
  double lateness = 0;  // unmet counted as late to the day after the horizon
};

// The formulation in (shipment, stock, served-by-day) variables over `meds`, with one λ.
Reference Solve(const DistributionProblem& p, const std::vector<int>& meds, bool integer) {
  const int H = p.horizon_days;
  const int N = static_cast<int>(p.nodes.size());
  std::vector<double> lo, hi, lateness_cost;
  std::vector<bool> is_int;
  auto column = [&](double l, double u, double late, bool integral) {
    lo.push_back(l);
    hi.push_back(u);
    lateness_cost.push_back(late);
    is_int.push_back(integral);
    return static_cast<int>(lo.size()) - 1;
  };
  std::vector<int> ri, ci;
  std::vector<double> el, rlo, rhi;
  auto row = [&](double l, double u) {
    rlo.push_back(l);
    rhi.push_back(u);
    return static_cast<int>(rlo.size()) - 1;
  };
  auto put = [&](int r, int c, double v) {
    ri.push_back(r);
    ci.push_back(c);
    el.push_back(v);
  };
  const double inf = COIN_DBL_MAX;
  const int lambda = column(0, 1, 0, false);
  double constant = 0;
  std::vector<std::pair<int, int64_t>> fairness;  // (row, need)
  std::map<std::pair<int, int>, std::vector<int>> link_day_cols, store_day_cols;
  for (int m : meds) {
    std::vector<std::vector<int>> stock(N, std::vector<int>(H));
    for (int n = 0; n < N; ++n) {
      for (int d = 0; d < H; ++d) {
        stock[n][d] = column(0, inf, 0, integer);
        store_day_cols[{n, d}].push_back(stock[n][d]);
      }
    }
    std::vector<std::vector<int>> balance(N, std::vector<int>(H));
    for (int n = 0; n < N; ++n) {
      for (int d = 0; d < H; ++d) {
        const double q = static_cast<double>(SupplyOn(p, n, m, d));
        balance[n][d] = row(q, q);
        put(balance[n][d], stock[n][d], 1);
        if (d > 0) put(balance[n][d], stock[n][d - 1], -1);
      }
    }
    for (int l = 0; l < static_cast<int>(p.links.size()); ++l) {
      const PlanLink& link = p.links[l];
      for (int d = 0; d + link.transit_days < H; ++d) {
        const double cap = link.daily_capacity_units > 0 ? link.daily_capacity_units : inf;
        const int x = column(0, cap, 0, integer);
        link_day_cols[{l, d}].push_back(x);
        put(balance[link.from][d], x, 1);
        put(balance[link.to][d + link.transit_days], x, -1);
      }
    }
    std::vector<std::vector<int64_t>> demand(N, std::vector<int64_t>(H, 0));
    for (const DemandEntry& e : p.demand) {
      if (e.medicine == m) demand[e.node][e.day] += e.quantity;
    }
    for (int n = 0; n < N; ++n) {
      int64_t need = 0;
      for (int e = 0; e < H; ++e) need += demand[n][e];
      if (need == 0) continue;
      const int fair = row(0, inf);
      fairness.push_back({fair, need});
      put(fair, lambda, -static_cast<double>(need));
      for (int e = 0; e < H; ++e) {
        if (demand[n][e] == 0) continue;
        constant += static_cast<double>(demand[n][e]) * (H - e);
        const int cap = row(-inf, static_cast<double>(demand[n][e]));
        for (int d = e; d < H; ++d) {
          const int y = column(0, inf, d - H, integer);  // (d − e) late instead of (H − e)
          put(balance[n][d], y, 1);
          put(cap, y, 1);
          put(fair, y, 1);
        }
      }
    }
  }
  for (const auto& [key, cols] : link_day_cols) {
    const int64_t cap = p.links[key.first].daily_capacity_units;
    if (cap <= 0 || cols.size() < 2) continue;
    const int r = row(-inf, static_cast<double>(cap));
    for (int c : cols) put(r, c, 1);
  }
  for (const auto& [key, cols] : store_day_cols) {
    const int64_t bound = StoreBound(p, key.first, key.second);
    if (bound < 0) continue;
    const int r = row(-inf, static_cast<double>(bound));
    for (int c : cols) put(r, c, 1);
  }
  const int columns = static_cast<int>(lo.size());
  CoinPackedMatrix matrix(true, ri.data(), ci.data(), el.data(),
                          static_cast<CoinBigIndex>(el.size()));
  matrix.setDimensions(static_cast<int>(rlo.size()), columns);

  // Solves with λ at least `lambda_lower` (LP) or, for whole units, with every fairness row at
  // ceil(fraction × need) and λ out of the model.
  auto run = [&](const std::vector<double>& objective, double lambda_lower, const Fraction* whole,
                 double& value) {
    std::vector<double> lower = lo, upper = hi, row_lower = rlo;
    lower[lambda] = lambda_lower;
    if (whole != nullptr) {
      lower[lambda] = upper[lambda] = 0;
      for (const auto& [r, need] : fairness) {
        row_lower[r] = static_cast<double>((whole->num * need + whole->den - 1) / whole->den);
      }
    }
    OsiClpSolverInterface solver;
    solver.messageHandler()->setLogLevel(0);
    solver.loadProblem(matrix, lower.data(), upper.data(), objective.data(), row_lower.data(),
                       rhi.data());
    if (!integer) {
      solver.initialSolve();
      if (!solver.isProvenOptimal()) return false;
      value = solver.getObjValue();
      return true;
    }
    for (int c = 0; c < columns; ++c) {
      if (is_int[c]) solver.setInteger(c);
    }
    CbcModel model(solver);
    model.setLogLevel(0);
    model.branchAndBound();
    if (!model.isProvenOptimal()) return false;
    value = model.getObjValue();
    return true;
  };
  Reference ref;
  double value = 0;
  if (!integer) {
    std::vector<double> objective(columns, 0);
    objective[lambda] = -1;
    if (!run(objective, 0, nullptr, value)) return ref;
    ref.lambda = -value;
    if (!run(lateness_cost, std::max(0.0, ref.lambda - 1e-9), nullptr, value)) return ref;
    ref.lateness = value + constant;
    ref.ok = true;
    return ref;
  }
  // Whole units: the largest k / need for which a whole-unit plan exists, by bisection over the
  // sorted fractions (feasibility is monotone), each probe a CBC feasibility problem.
  std::vector<Fraction> candidates{{0, 1}};
  for (const auto& [r, need] : fairness) {
    for (int64_t k = 1; k <= need; ++k) candidates.push_back({k, need});
  }
  std::sort(candidates.begin(), candidates.end(),
            [](Fraction a, Fraction b) { return a.num * b.den < b.num * a.den; });
  const std::vector<double> zero(columns, 0);
  size_t good = 0, bad = candidates.size();  // candidates[good] feasible, [bad] not (or end)
  while (bad - good > 1) {
    const size_t mid = (good + bad) / 2;
    if (run(zero, 0, &candidates[mid], value)) {
      good = mid;
    } else {
      bad = mid;
    }
  }
  ref.lambda =
      static_cast<double>(candidates[good].num) / static_cast<double>(candidates[good].den);
  if (!run(lateness_cost, 0, &candidates[good], value)) return ref;
  ref.lateness = value + constant;
  ref.ok = true;
  return ref;
}

DistributionProblem Generate(std::mt19937_64& rng) {
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  DistributionProblem p;
  p.horizon_days = uniform(2, 4);
  const int nodes = uniform(3, 5);
  const int medicines = uniform(1, 3);
  for (int n = 0; n < nodes; ++n) {
    const int64_t storage = uniform(0, 3) == 0 ? uniform(10, 40) : 0;
    p.nodes.push_back({"N" + std::to_string(n),
                       n == 0 ? NodeKind::kCentralBase : NodeKind::kCountyBase, storage});
  }
  for (int m = 0; m < medicines; ++m) p.medicines.push_back({"M" + std::to_string(m), m == 0});
  std::vector<std::pair<int, int>> pairs;
  for (int a = 0; a < nodes; ++a) {
    for (int b = 0; b < nodes; ++b) {
      if (a != b) pairs.push_back({a, b});
    }
  }
  std::shuffle(pairs.begin(), pairs.end(), rng);
  const int links = uniform(nodes - 1, std::min<int>(2 * nodes, static_cast<int>(pairs.size())));
  for (int l = 0; l < links; ++l) {
    const int64_t cap = uniform(0, 1) == 0 ? uniform(2, 12) : 0;
    p.links.push_back({pairs[l].first, pairs[l].second, uniform(0, 2), cap, uniform(1, 30)});
  }
  for (int m = 0; m < medicines; ++m) {
    for (int k = uniform(1, 3); k > 0; --k) {
      p.supply.push_back({uniform(0, nodes - 1), m, uniform(0, p.horizon_days), uniform(0, 40)});
    }
    for (int k = uniform(2, 5); k > 0; --k) {
      p.demand.push_back(
          {uniform(0, nodes - 1), m, uniform(0, p.horizon_days - 1), uniform(1, 20)});
    }
    if (uniform(0, 3) == 0) p.reserve_floors.push_back({uniform(0, nodes - 1), m, uniform(1, 20)});
    if (uniform(0, 3) == 0) p.cover_targets.push_back({uniform(0, nodes - 1), m, uniform(1, 20)});
  }
  p.draw_reserve = uniform(0, 3) == 0;
  return p;
}

// Conservation, capacities, floors and transit times, from the plan's shipments and outcomes.
void CheckPlan(const DistributionProblem& p, const DistributionPlan& plan) {
  const int H = p.horizon_days;
  const int N = static_cast<int>(p.nodes.size());
  const int M = static_cast<int>(p.medicines.size());
  std::map<std::pair<int, int>, int64_t> link_day;
  // Stock before consumption, cumulated: supply + arrivals − dispatches up to each day.
  std::vector<int64_t> flow_by(static_cast<size_t>(N) * M * H, 0);
  auto at = [&](int n, int m, int d) -> int64_t& {
    return flow_by[(static_cast<size_t>(n) * M + m) * H + d];
  };
  for (const SupplyEntry& s : p.supply) {
    if (s.available_day < H) at(s.node, s.medicine, s.available_day) += s.quantity;
  }
  for (const PlannedShipment& s : plan.shipments) {
    ASSERT_GT(s.quantity, 0);
    ASSERT_GE(s.dispatch_day, 0);
    ASSERT_LT(s.arrive_day, H) << "a shipment arrives after the horizon";
    int link_idx = -1;
    for (int l = 0; l < static_cast<int>(p.links.size()); ++l) {
      if (p.links[l].from == s.from && p.links[l].to == s.to) link_idx = l;
    }
    ASSERT_GE(link_idx, 0) << "a shipment along no link";
    EXPECT_EQ(s.arrive_day, s.dispatch_day + p.links[link_idx].transit_days);
    link_day[{link_idx, s.dispatch_day}] += s.quantity;
    at(s.from, s.medicine, s.dispatch_day) -= s.quantity;
    at(s.to, s.medicine, s.arrive_day) += s.quantity;
  }
  for (const auto& [key, units] : link_day) {
    const int64_t cap = p.links[key.first].daily_capacity_units;
    if (cap > 0) {
      EXPECT_LE(units, cap) << "link " << key.first << " day " << key.second;
    }
  }
  for (const NodeMedicineOutcome& o : plan.outcomes) {
    EXPECT_EQ(o.met_on_time + o.met_late + o.unmet, o.need);
    EXPECT_GE(o.unmet, 0);
    int64_t cumulative = 0;
    for (int d = 0; d < H; ++d) {
      cumulative += at(o.node, o.medicine, d);
      // Stock is never drawn below the reserve kept, even before any consumption is taken off.
      EXPECT_GE(cumulative, Kept(p, o.node, o.medicine)) << "day " << d;
    }
    EXPECT_EQ(o.end_stock, cumulative - o.met_on_time - o.met_late) << "conservation";
    if (!p.draw_reserve) {
      EXPECT_GE(o.end_stock, Kept(p, o.node, o.medicine));
    }
  }
  for (int n = 0; n < N; ++n) {
    const int64_t bound = StoreBound(p, n, H - 1);
    if (bound < 0) continue;
    int64_t end = 0;
    for (const NodeMedicineOutcome& o : plan.outcomes) {
      if (o.node == n) end += o.end_stock - o.reserve_kept;
    }
    EXPECT_LE(end, bound) << "store " << n;
  }
}

TEST(DistributionOptimality, MatchesAnIndependentFormulationOnSeededInstances) {
  std::mt19937_64 rng(20220512);
  int lp_instances = 0, short_instances = 0;
  for (int instance = 0; instance < 200; ++instance) {
    const DistributionProblem p = Generate(rng);
    SCOPED_TRACE("instance " + std::to_string(instance));
    Result<DistributionPlan> plan = PlanDistribution(p);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    CheckPlan(p, *plan);
    if (plan->method == PlanMethod::kNetworkSimplexPerMedicine) {
      for (int m = 0; m < static_cast<int>(p.medicines.size()); ++m) {
        const Reference ref = Solve(p, {m}, true);
        ASSERT_TRUE(ref.ok);
        const MedicinePlanSummary& s = plan->medicines[m];
        EXPECT_NEAR(s.lambda, ref.lambda, kLambdaTolerance) << "medicine " << m;
        EXPECT_NEAR(static_cast<double>(s.late_unit_days), ref.lateness,
                    kLatenessTolerance * std::max(1.0, ref.lateness))
            << "medicine " << m;
        if (s.lambda < 1) ++short_instances;
      }
    } else {
      ++lp_instances;
      std::vector<int> with_supply;
      for (int m = 0; m < static_cast<int>(p.medicines.size()); ++m) {
        if (plan->medicines[m].supply_units > 0) with_supply.push_back(m);
      }
      const Reference ref = Solve(p, with_supply, false);
      ASSERT_TRUE(ref.ok);
      EXPECT_NEAR(plan->lp_lambda, ref.lambda, kLambdaTolerance);
      EXPECT_NEAR(plan->lp_late_unit_days, ref.lateness,
                  kLatenessTolerance * std::max(1.0, ref.lateness));
      double worst = 1;
      for (int m : with_supply) worst = std::min(worst, plan->medicines[m].lambda);
      EXPECT_LE(worst, ref.lambda + kLambdaTolerance) << "a whole-unit plan beats its LP bound";
    }
  }
  EXPECT_GT(lp_instances, 5) << "the generator should give instances where shared capacity binds";
  EXPECT_GT(short_instances, 20) << "the generator should give instances with unmet need";
}

// Every node short or late is given a reason, and each reason holds in the plan's own flows: a
// shortage where supply is below need, a full link that carries its capacity on the day named, an
// arrival day before which nothing reaches the node, a share where the fill rate is below one or
// the need is met late.
TEST(DistributionOptimality, EachReasonHoldsInThePlansOwnFlows) {
  std::mt19937_64 rng(20220520);
  const std::regex full_link("the link (\\S+)→(\\S+) is full on day (\\d+) \\((\\d+) units");
  const std::regex first_day("can first reach (\\S+) on day (\\d+)");
  std::map<UnmetReason, int> seen;
  for (int instance = 0; instance < 200; ++instance) {
    const DistributionProblem p = Generate(rng);
    SCOPED_TRACE("instance " + std::to_string(instance));
    Result<DistributionPlan> plan = PlanDistribution(p);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    auto node_of = [&](const std::string& code) {
      for (int n = 0; n < static_cast<int>(p.nodes.size()); ++n) {
        if (p.nodes[n].code == code) return n;
      }
      return -1;
    };
    for (const NodeMedicineOutcome& o : plan->outcomes) {
      const bool short_or_late = o.unmet > 0 || o.met_late > 0;
      EXPECT_EQ(o.reason != UnmetReason::kNone, short_or_late) << o.why;
      if (!short_or_late) continue;
      ++seen[o.reason];
      const MedicinePlanSummary& m = plan->medicines[o.medicine];
      std::smatch match;
      switch (o.reason) {
        case UnmetReason::kNationalShortage:
          EXPECT_LT(m.supply_units, m.need_units) << o.why;
          break;
        case UnmetReason::kSaturatedLink: {
          ASSERT_TRUE(std::regex_search(o.why, match, full_link)) << o.why;
          const int from = node_of(match[1]);
          const int to = node_of(match[2]);
          const int day = std::stoi(match[3]);
          int64_t carried = 0;
          int64_t capacity = -1;
          for (const PlanLink& link : p.links) {
            if (link.from == from && link.to == to) capacity = link.daily_capacity_units;
          }
          for (const PlannedShipment& s : plan->shipments) {
            if (s.from == from && s.to == to && s.dispatch_day == day) carried += s.quantity;
          }
          EXPECT_EQ(std::stoll(match[4]), capacity) << o.why;
          EXPECT_EQ(carried, capacity) << "the link named is full on the day named: " << o.why;
          break;
        }
        case UnmetReason::kUnreachable:
          if (std::regex_search(o.why, match, first_day)) {
            const int day = std::stoi(match[2]);
            for (const PlannedShipment& s : plan->shipments) {
              if (s.to == o.node && s.medicine == o.medicine) EXPECT_GE(s.arrive_day, day) << o.why;
            }
            for (const SupplyEntry& e : p.supply) {
              if (e.node == o.node && e.medicine == o.medicine && e.quantity > 0) {
                EXPECT_GE(e.available_day, day) << o.why;
              }
            }
          } else {
            EXPECT_GT(o.unmet, 0) << o.why;
          }
          break;
        case UnmetReason::kFairShare:
          EXPECT_TRUE(m.lambda < 1 || o.met_late > 0) << o.why;
          break;
        case UnmetReason::kSaturatedStorage:
          EXPECT_NE(o.why.find("is full at the end of day"), std::string::npos) << o.why;
          break;
        case UnmetReason::kShortInScope:
        case UnmetReason::kNone:
          ADD_FAILURE() << "a national problem gives no regional reason: " << o.why;
          break;
      }
    }
  }
  EXPECT_GT(seen[UnmetReason::kNationalShortage], 0);
  EXPECT_GT(seen[UnmetReason::kSaturatedLink] + seen[UnmetReason::kFairShare], 0);
}

TEST(DistributionOptimality, PlansOnlyTheBreakingMedicinesInTheLpWhenTheJointLpIsTooLarge) {
  std::mt19937_64 rng(7);
  int coupled = 0;
  for (int instance = 0; instance < 100; ++instance) {
    DistributionProblem p = Generate(rng);
    p.max_joint_lp_columns = 0;
    SCOPED_TRACE("instance " + std::to_string(instance));
    Result<DistributionPlan> plan = PlanDistribution(p);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    CheckPlan(p, *plan);
    if (plan->method == PlanMethod::kCoupledLp) ++coupled;
  }
  EXPECT_GT(coupled, 2);
}

}  // namespace
}  // namespace outbreak::supply
