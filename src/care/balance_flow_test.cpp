#include "care/balance_flow.hpp"

#include <map>
#include <random>

#include <gtest/gtest.h>

#include "care/deployment_planner.hpp"

namespace outbreak::care {
namespace {

// Every region reaches every other in `minutes`.
std::vector<std::vector<Reach>> AllReach(int regions, int minutes) {
  std::vector<std::vector<Reach>> reach(regions);
  for (int from = 0; from < regions; ++from) {
    for (int to = 0; to < regions; ++to) {
      if (to != from) reach[from].push_back({to, minutes});
    }
  }
  return reach;
}

CategorySolution Balance(const std::vector<int64_t>& patients, const std::vector<int64_t>& own,
                         int percent, const std::vector<std::vector<Reach>>& reach) {
  static std::vector<int64_t> zeros;
  zeros.assign(patients.size(), 0);
  return BalanceCategory({patients, own, zeros, zeros, percent, &reach});
}

TEST(Load, ComparesExactlyWithZeroLeastAndNoWorkersWorst) {
  EXPECT_EQ((Load{1, 3}), (Load{2, 6}));
  EXPECT_LT((Load{333'333'333, 1'000'000'000}), (Load{1, 3}));
  EXPECT_LT((Load{0, 0}), (Load{1, 1000}));
  EXPECT_EQ((Load{0, 5}), (Load{0, 0}));
  EXPECT_GT((Load{1, 0}), (Load{1'000'000, 1}));
  EXPECT_EQ(RetentionFloor(10, 70), 7);
  EXPECT_EQ(RetentionFloor(11, 70), 8);
  EXPECT_EQ(RetentionFloor(3, 0), 0);
}

TEST(BalanceCategory, MovesFromTheLightlyLoadedToTheHeavilyLoaded) {
  const auto reach = AllReach(2, 60);
  // 100 patients and 2 nurses against 10 patients and 10 nurses; 70% kept: 3 may go.
  CategorySolution solution = Balance({100, 10}, {2, 10}, 70, reach);
  ASSERT_EQ(solution.transfers.size(), 1u);
  EXPECT_EQ(solution.transfers[0].from, 1);
  EXPECT_EQ(solution.transfers[0].to, 0);
  EXPECT_EQ(solution.transfers[0].workers, 3);
  EXPECT_EQ(solution.after, (std::vector<int64_t>{5, 7}));
  EXPECT_EQ(solution.worst_before, (Load{100, 2}));
  EXPECT_EQ(solution.worst_after, (Load{100, 5}));
  EXPECT_EQ(solution.travel_worker_minutes, 180);
}

TEST(BalanceCategory, StopsWhereMovingMoreWouldMakeTheDonorWorst) {
  const auto reach = AllReach(2, 60);
  // Without a floor: 60/3 and 60/3 is the balance; the donor gives 1 of 4.
  CategorySolution solution = Balance({60, 60}, {2, 4}, 0, reach);
  EXPECT_EQ(solution.after, (std::vector<int64_t>{3, 3}));
  EXPECT_EQ(solution.worst_after, (Load{20, 1}));
}

TEST(BalanceCategory, PrefersTheNearerDonorAtTheSameWorstLoad) {
  std::vector<std::vector<Reach>> reach(3);
  reach[1] = {{0, 30}};
  reach[2] = {{0, 300}};
  CategorySolution solution = Balance({90, 0, 0}, {1, 10, 10}, 80, reach);
  ASSERT_EQ(solution.transfers.size(), 2u);
  std::map<int, int64_t> from;
  for (const Transfer& transfer : solution.transfers) from[transfer.from] = transfer.workers;
  EXPECT_EQ(from[1], 2);  // the near donor gives all it may
  EXPECT_EQ(from[2], 2);
  EXPECT_EQ(solution.travel_worker_minutes, 2 * 30 + 2 * 300);
}

TEST(BalanceCategory, MovesNobodyOutsideTheTravelBoundOrWithoutPatients) {
  std::vector<std::vector<Reach>> none(2);
  EXPECT_TRUE(Balance({100, 1}, {1, 50}, 0, none).transfers.empty());
  const auto reach = AllReach(2, 60);
  EXPECT_TRUE(Balance({0, 0}, {5, 50}, 0, reach).transfers.empty());
  // Already as balanced as whole workers allow.
  EXPECT_TRUE(Balance({10, 10}, {5, 5}, 0, reach).transfers.empty());
}

TEST(BalanceCategory, ARegionWithPatientsAndNoWorkerGetsOneWhenAnyCanReachIt) {
  std::vector<std::vector<Reach>> reach(3);
  reach[2] = {{0, 60}};  // only region 2 reaches region 0; nobody reaches region 1
  CategorySolution solution = Balance({10, 10, 1}, {0, 0, 10}, 50, reach);
  EXPECT_EQ(solution.uncovered, std::vector<int>{1});
  EXPECT_GE(solution.after[0], 1);
  EXPECT_EQ(solution.after[1], 0);
  EXPECT_TRUE(solution.worst_after.infinite());
}

TEST(BalanceCategory, WorkersDeployedInAreNotSentOnAndAwayWorkersCountAgainstTheFloor) {
  const auto reach = AllReach(2, 60);
  const std::vector<int64_t> patients{100, 0};
  const std::vector<int64_t> own{2, 10};
  const std::vector<int64_t> away{0, 3};      // 3 of region 1's own are away already
  const std::vector<int64_t> incoming{0, 5};  // and 5 of somebody else's are in region 1
  CategorySolution solution = BalanceCategory({patients, own, away, incoming, 70, &reach});
  // Region 1 keeps 7 of its 10 at home: none of its own may go, nor the 5 visitors.
  EXPECT_TRUE(solution.transfers.empty());
}

// Larger random instances: whatever the plan, no limit is broken and the worst load only falls.
TEST(BalanceCategory, NeverBreaksALimitOnRandomInstances) {
  std::mt19937_64 rng(7);
  for (int instance = 0; instance < 40; ++instance) {
    PlannerInput input;
    input.options = {std::uniform_int_distribution<int>(0, 100)(rng), 3.0, 40};
    const int regions = 40;
    CategoryWorkers workers{WorkerCategory::kDoctor, {}, {}, {}};
    for (int idx = 0; idx < regions; ++idx) {
      input.regions.push_back({"R" + std::to_string(idx),
                               std::uniform_int_distribution<int64_t>(0, 5000)(rng),
                               Centroid{38 + std::uniform_real_distribution<double>(0, 3)(rng),
                                        125 + std::uniform_real_distribution<double>(0, 4)(rng)}});
      workers.own.push_back(std::uniform_int_distribution<int64_t>(0, 200)(rng));
      workers.away.push_back(workers.own.back() / 10);
      workers.incoming.push_back(idx % 7 == 0 ? 4 : 0);
    }
    input.categories.push_back(workers);
    Result<PlannerResult> plan = PlanDeployments(input);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    const CategoryBalance& balance = plan->categories[0];
    EXPECT_LE(balance.worst_after, balance.worst_before);
    std::vector<int64_t> out(regions, 0), in(regions, 0);
    for (const Deployment& deployment : plan->deployments) {
      EXPECT_GT(deployment.workers, 0);
      EXPECT_LE(deployment.travel_minutes, 180);
      const Centroid a = *input.regions[deployment.from].centroid;
      const Centroid b = *input.regions[deployment.to].centroid;
      EXPECT_LE(GreatCircleKm(a.lat, a.lon, b.lat, b.lon) / 40, 3.0);
      out[deployment.from] += deployment.workers;
      in[deployment.to] += deployment.workers;
    }
    for (int idx = 0; idx < regions; ++idx) {
      EXPECT_FALSE(out[idx] > 0 && in[idx] > 0) << "region " << idx << " sends and receives";
      const int64_t home = workers.own[idx] - workers.away[idx];
      if (out[idx] > 0) {
        EXPECT_GE(home - out[idx],
                  RetentionFloor(workers.own[idx], input.options.min_retention_percent))
            << "region " << idx << " keeps too few of its own";
      }
      EXPECT_EQ(balance.after[idx], balance.before[idx] - out[idx] + in[idx]);
      EXPECT_LE((Load{input.regions[idx].patients, balance.after[idx]}), balance.worst_after);
    }
  }
}

}  // namespace
}  // namespace outbreak::care
