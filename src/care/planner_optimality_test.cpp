// The planner against an independent formulation: on small generated instances, every possible
// plan is enumerated, the limits are checked plan by plan, and the lexicographic optimum (worst
// load, then travel) is compared with the planner's.

#include <cstdint>
#include <optional>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "care/deployment_planner.hpp"

namespace outbreak::care {
namespace {

struct Instance {
  int regions = 0;
  std::vector<int64_t> patients, own, away, incoming;
  std::vector<std::vector<int>> minutes;  // travel, symmetric
  int bound_minutes = 0;
  int percent = 0;
};

// patients / workers as a pair compared by cross-multiplication; workers 0 with patients is
// worse than anything.
struct Ratio {
  int64_t num = 0;
  int64_t den = 1;
};
bool Worse(Ratio a, Ratio b) {  // a > b
  if (a.num == 0) return false;
  if (b.num == 0) return true;
  if (a.den == 0 || b.den == 0) return a.den == 0 && b.den != 0;
  return a.num * b.den > b.num * a.den;
}
bool Same(Ratio a, Ratio b) { return !Worse(a, b) && !Worse(b, a); }

int64_t KeepAtLeast(int64_t own, int percent) {
  int64_t keep = 0;
  while (keep * 100 < own * percent) ++keep;
  return keep;
}

struct Best {
  std::optional<Ratio> worst;
  int64_t minutes = 0;
};

// Enumerates x[i][j] pair by pair.
void Enumerate(const Instance& in, std::vector<std::vector<int64_t>>& x, int pair, Best& best) {
  const int n = in.regions;
  if (pair == n * n) {
    std::vector<int64_t> out(n, 0), inflow(n, 0);
    int64_t minutes = 0;
    for (int i = 0; i < n; ++i) {
      for (int j = 0; j < n; ++j) {
        out[i] += x[i][j];
        inflow[j] += x[i][j];
        minutes += x[i][j] * in.minutes[i][j];
      }
    }
    Ratio worst{0, 1};
    for (int i = 0; i < n; ++i) {
      if (out[i] > 0 && inflow[i] > 0) return;  // no relays
      const int64_t home = in.own[i] - in.away[i];
      if (out[i] > 0 && home - out[i] < KeepAtLeast(in.own[i], in.percent)) return;  // retention
      const Ratio load{in.patients[i], home + in.incoming[i] - out[i] + inflow[i]};
      if (Worse(load, worst)) worst = load;
    }
    if (!best.worst || Worse(*best.worst, worst) ||
        (Same(*best.worst, worst) && minutes < best.minutes)) {
      best.worst = worst;
      best.minutes = minutes;
    }
    return;
  }
  const int i = pair / n;
  const int j = pair % n;
  if (i == j || in.minutes[i][j] > in.bound_minutes) {
    Enumerate(in, x, pair + 1, best);
    return;
  }
  int64_t sent = 0;
  for (int k = 0; k < n; ++k) sent += x[i][k];
  const int64_t can = in.own[i] - in.away[i] - sent;
  for (int64_t v = 0; v <= can; ++v) {
    x[i][j] = v;
    Enumerate(in, x, pair + 1, best);
  }
  x[i][j] = 0;
}

Instance Generate(std::mt19937_64& rng) {
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  Instance in;
  in.regions = uniform(2, 4);
  const int n = in.regions;
  in.percent = n == 4 ? (uniform(0, 1) ? 50 : 70) : std::vector<int>{0, 50, 70, 100}[uniform(0, 3)];
  const int most_own = n == 4 ? 5 : 6;
  for (int i = 0; i < n; ++i) {
    const bool has_patients = uniform(0, 4) > 0;
    in.patients.push_back(has_patients ? uniform(1, 60) : 0);
    in.own.push_back(uniform(has_patients ? 1 : 0, most_own));
    in.away.push_back(uniform(0, 5) == 0 ? std::min<int64_t>(1, in.own.back() - 1) : 0);
    if (in.away.back() < 0) in.away.back() = 0;
    in.incoming.push_back(uniform(0, 5) == 0 ? uniform(1, 2) : 0);
  }
  in.minutes.assign(n, std::vector<int>(n, 0));
  for (int i = 0; i < n; ++i) {
    for (int j = i + 1; j < n; ++j) in.minutes[i][j] = in.minutes[j][i] = uniform(20, 600);
  }
  in.bound_minutes = uniform(0, 2) == 0 ? 300 : 600;
  return in;
}

PlannerInput ToPlannerInput(const Instance& in) {
  PlannerInput input;
  input.options.min_retention_percent = in.percent;
  input.options.max_travel_hours = in.bound_minutes / 60.0;
  for (int i = 0; i < in.regions; ++i) {
    input.regions.push_back({"R" + std::to_string(i), in.patients[i], std::nullopt});
    for (int j = i + 1; j < in.regions; ++j) input.legs.push_back({i, j, in.minutes[i][j] / 60.0});
  }
  input.categories.push_back({WorkerCategory::kNurse, in.own, in.away, in.incoming});
  return input;
}

TEST(PlannerOptimality, MatchesExhaustiveEnumerationOnSmallInstances) {
  std::mt19937_64 rng(20220512);
  int instances_with_moves = 0;
  for (int instance = 0; instance < 400; ++instance) {
    const Instance in = Generate(rng);
    SCOPED_TRACE("instance " + std::to_string(instance));
    Best best;
    std::vector<std::vector<int64_t>> x(in.regions, std::vector<int64_t>(in.regions, 0));
    Enumerate(in, x, 0, best);
    ASSERT_TRUE(best.worst.has_value());  // moving nobody is always allowed

    Result<PlannerResult> plan = PlanDeployments(ToPlannerInput(in));
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    const CategoryBalance& balance = plan->categories.at(0);
    EXPECT_TRUE(Same({balance.worst_after.patients, balance.worst_after.workers}, *best.worst))
        << "planner " << balance.worst_after.patients << "/" << balance.worst_after.workers
        << ", enumeration " << best.worst->num << "/" << best.worst->den;
    EXPECT_EQ(balance.travel_worker_minutes, best.minutes);
    if (!plan->deployments.empty()) ++instances_with_moves;
  }
  EXPECT_GT(instances_with_moves, 100) << "the generator should give instances that need moves";
}

}  // namespace
}  // namespace outbreak::care
