// The production planner on cases whose answers are known.

#include <random>
#include <string>

#include <gtest/gtest.h>

#include "supply/production_planner.hpp"

namespace outbreak::supply {
namespace {

ProductionMedicine Medicine(std::string code, int64_t stock, int64_t daily_demand, int days,
                            int64_t reserve_target) {
  ProductionMedicine m;
  m.code = std::move(code);
  m.essential = true;
  m.national_stock_units = stock;
  m.forecast_demand_units.assign(days, daily_demand);
  m.reserve_target_units = reserve_target;
  return m;
}

TEST(ProductionPlanner, CoversDemandAndTheReserveGapWithinCapacity) {
  ProductionProblem p;
  p.horizon_days = 10;
  p.medicines.push_back(Medicine("AMX", 20, 5, 10, 30));
  p.factories.push_back({"F1", {10}});
  Result<ProductionPlan> plan = PlanProduction(p);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  const MedicineProduction& m = plan->medicines[0];
  EXPECT_EQ(m.demand_units, 50);
  EXPECT_EQ(m.reserve_gap_units, 30);
  EXPECT_EQ(m.required_units, 60);
  EXPECT_EQ(m.planned_units, 60);
  EXPECT_EQ(m.capacity_gap_units, 0);
  EXPECT_EQ(m.shortfall_unit_days, 0);
  EXPECT_EQ(m.end_stock_units, 30);
  for (const ProductionRun& run : plan->runs) EXPECT_LE(run.units, 10);
}

TEST(ProductionPlanner, ReportsTheCapacityGapAndProducesAsEarlyAsItCan) {
  ProductionProblem p;
  p.horizon_days = 10;
  p.medicines.push_back(Medicine("AMX", 0, 5, 10, 0));
  p.factories.push_back({"F1", {3}});
  Result<ProductionPlan> plan = PlanProduction(p);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  const MedicineProduction& m = plan->medicines[0];
  EXPECT_EQ(m.planned_units, 30);
  EXPECT_EQ(m.capacity_gap_units, 20);
  // Full capacity every day: the shortfall grows by 2 a day, 2 + 4 + … + 20.
  EXPECT_EQ(m.shortfall_unit_days, 110);
  EXPECT_EQ(plan->runs.size(), 10u);
}

TEST(ProductionPlanner, BalancesTheLoadBetweenFactories) {
  ProductionProblem p;
  p.horizon_days = 10;
  p.medicines.push_back(Medicine("AMX", 0, 10, 10, 0));
  p.factories.push_back({"F1", {20}});
  p.factories.push_back({"F2", {20}});
  Result<ProductionPlan> plan = PlanProduction(p);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  int64_t by_factory[2] = {0, 0};
  for (const ProductionRun& run : plan->runs) by_factory[run.factory] += run.units;
  EXPECT_EQ(by_factory[0] + by_factory[1], 100);
  EXPECT_NEAR(plan->max_factory_utilisation, 0.25, 0.01);
  EXPECT_NEAR(static_cast<double>(by_factory[0]), 50, 1);
}

TEST(ProductionPlanner, ListsEssentialMedicinesBelowTheirTargetCover) {
  ProductionProblem p;
  p.horizon_days = 10;
  ProductionMedicine short_one = Medicine("AMX", 0, 10, 10, 70);
  short_one.target_cover_days = 7;
  ProductionMedicine fine = Medicine("PCM", 200, 10, 10, 0);
  fine.target_cover_days = 7;
  p.medicines = {short_one, fine};
  p.factories.push_back({"F1", {13, 0}});
  Result<ProductionPlan> plan = PlanProduction(p);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->variety_gap, std::vector<int>{0});
  const MedicineProduction& m = plan->medicines[0];
  EXPECT_EQ(m.planned_units, 130);
  EXPECT_EQ(m.capacity_gap_units, 40);
  EXPECT_EQ(m.end_stock_units, 30);
  EXPECT_DOUBLE_EQ(m.cover_days, 3);
  EXPECT_DOUBLE_EQ(m.cover_gap_days, 4);
  EXPECT_EQ(m.cover_gap_units, 40);
  EXPECT_FALSE(plan->medicines[1].variety_gap);
  EXPECT_DOUBLE_EQ(plan->medicines[1].cover_days, 10);
}

// On generated instances: no factory leaves capacity for a medicine idle while that medicine
// shows a capacity or variety gap (the planned units are then every factory's whole capacity for
// it), nothing is made beyond what is required, and no run passes its factory's daily capacity.
TEST(ProductionPlanner, LeavesNoCapacityIdleBesideAGapOnGeneratedInstances) {
  std::mt19937 rng(20220520);
  auto uniform = [&](int64_t low, int64_t high) {
    return std::uniform_int_distribution<int64_t>(low, high)(rng);
  };
  int with_gap = 0;
  for (int instance = 0; instance < 200; ++instance) {
    ProductionProblem p;
    p.horizon_days = static_cast<int>(uniform(1, 14));
    const int medicines = static_cast<int>(uniform(1, 4));
    for (int m = 0; m < medicines; ++m) {
      ProductionMedicine med = Medicine("M" + std::to_string(m), uniform(0, 20'000), 0,
                                        p.horizon_days, uniform(0, 1) ? uniform(0, 5'000) : 0);
      for (int64_t& q : med.forecast_demand_units) q = uniform(0, 3'000);
      med.essential = uniform(0, 1) == 1;
      med.target_cover_days = static_cast<double>(uniform(0, 30));
      p.medicines.push_back(std::move(med));
    }
    const int factories = static_cast<int>(uniform(1, 3));
    for (int f = 0; f < factories; ++f) {
      ProductionFactory factory{"F" + std::to_string(f), {}};
      for (int m = 0; m < medicines; ++m) {
        factory.daily_capacity_units.push_back(uniform(0, 2) == 0 ? 0 : uniform(1, 4'000));
      }
      p.factories.push_back(std::move(factory));
    }
    Result<ProductionPlan> plan = PlanProduction(p);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    for (const ProductionRun& run : plan->runs) {
      EXPECT_LE(run.units, p.factories[run.factory].daily_capacity_units[run.medicine]);
    }
    for (const MedicineProduction& m : plan->medicines) {
      SCOPED_TRACE("instance " + std::to_string(instance) + ", medicine " +
                   std::to_string(m.medicine));
      EXPECT_LE(m.planned_units, m.required_units);
      if (m.capacity_gap_units > 0 || m.variety_gap) {
        ++with_gap;
        EXPECT_EQ(m.planned_units, m.capacity_units)
            << "capacity left idle beside a gap: required " << m.required_units << ", gap "
            << m.capacity_gap_units << ", cover " << m.cover_days << " of " << m.target_cover_days
            << ", end stock " << m.end_stock_units << ", demand " << m.demand_units;
      }
    }
  }
  EXPECT_GT(with_gap, 50);  // the instances do exercise the rule
}

TEST(ProductionPlanner, RejectsSizesThatDoNotMatchAndNegativeQuantities) {
  ProductionProblem p;
  p.horizon_days = 5;
  p.medicines.push_back(Medicine("AMX", -1, 5, 4, 0));
  p.factories.push_back({"F1", {3, 4}});
  Result<ProductionPlan> plan = PlanProduction(p);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().code(), StatusCode::kInvalidArgument);
  const std::string text = plan.status().ToString();
  EXPECT_NE(text.find("factory F1: 2 capacities for 1 medicines"), std::string::npos) << text;
  EXPECT_NE(text.find("medicine AMX: 4 days of forecast for a horizon of 5"), std::string::npos);
  EXPECT_NE(text.find("stock or reserve target is negative"), std::string::npos);
}

}  // namespace
}  // namespace outbreak::supply
