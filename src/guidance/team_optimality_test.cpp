// The optimiser against brute force: on small generated instances (3 areas, 8 officials), every
// assignment of officials to teams is enumerated, the rules are checked assignment by assignment,
// and the lexicographic optimum (largest workload per member, then the sum) is compared with the
// optimiser's plan. Where no assignment keeps every rule, the optimiser must say which rules fail.

#include <cmath>
#include <limits>
#include <set>

#include <gtest/gtest.h>

#include "guidance/formation_checker.hpp"
#include "guidance/team_formation.hpp"

namespace outbreak::guidance {
namespace {

constexpr double kTolerance = 1e-7;

struct BruteForce {
  bool feasible = false;
  double max = std::numeric_limits<double>::infinity();
  double sum = std::numeric_limits<double>::infinity();
};

BruteForce Enumerate(const FormationInput& input) {
  const size_t n = input.officials.size();
  const size_t areas = input.areas.size();
  std::set<std::string> excluded(input.excluded.begin(), input.excluded.end());
  BruteForce best;
  std::vector<int> choice(n, -1);  // -1: no team
  size_t combos = 1;
  for (size_t i = 0; i < n; ++i) combos *= areas + 1;
  for (size_t code = 0; code < combos; ++code) {
    size_t rest = code;
    for (size_t i = 0; i < n; ++i) {
      choice[i] = static_cast<int>(rest % (areas + 1)) - 1;
      rest /= areas + 1;
    }
    Formation plan;
    bool ok = true;
    for (size_t a = 0; a < areas && ok; ++a) {
      FormedTeam team;
      team.area = input.areas[a].code;
      for (size_t i = 0; i < n; ++i) {
        if (choice[i] != static_cast<int>(a)) continue;
        if (team.leader.empty() && MayLead(input.officials[i].position)) {
          team.leader = input.officials[i].code;
        }
        team.members.push_back(input.officials[i].code);
      }
      // Which member leads does not change the objective; any who may lead will do.
      if (team.leader.empty()) ok = false;
      plan.teams.push_back(std::move(team));
    }
    if (!ok || !testing::BrokenRules(input, plan).empty()) continue;
    const auto [max, sum] = testing::Objective(input, plan);
    best.feasible = true;
    if (max < best.max - kTolerance ||
        (std::abs(max - best.max) <= kTolerance && sum < best.sum - kTolerance)) {
      best.max = max;
      best.sum = sum;
    }
  }
  return best;
}

TEST(TeamOptimality, MatchesBruteForceOnSmallGeneratedInstances) {
  int feasible = 0;
  int infeasible = 0;
  for (uint32_t seed = 1; seed <= 60; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    FormationInput input = testing::GenerateInput(seed, 3, 8, 3 + seed % 2);
    if (seed % 5 == 0) input.excluded.push_back(input.officials[seed % 8].code);
    if (seed % 7 == 0) {
      input.pins.push_back({input.officials[(seed + 3) % 8].code, input.areas[seed % 3].code});
    }
    const BruteForce expected = Enumerate(input);
    Result<Formation> plan = FormTeams(input);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    if (!expected.feasible) {
      EXPECT_FALSE(plan->violations.empty()) << "no assignment keeps every rule";
      EXPECT_TRUE(plan->teams.empty());
      ++infeasible;
      continue;
    }
    ASSERT_TRUE(plan->violations.empty()) << plan->violations.front().message;
    EXPECT_TRUE(plan->proven_optimal);
    EXPECT_EQ(testing::BrokenRules(input, *plan), std::vector<std::string>());
    const auto [max, sum] = testing::Objective(input, *plan);
    EXPECT_NEAR(max, expected.max, kTolerance);
    EXPECT_NEAR(sum, expected.sum, kTolerance);
    EXPECT_NEAR(plan->max_workload_per_member, max, kTolerance);
    ++feasible;
  }
  // The generator gives both kinds, so both paths are compared.
  EXPECT_GE(feasible, 10);
  EXPECT_GE(infeasible, 5);
}

}  // namespace
}  // namespace outbreak::guidance
