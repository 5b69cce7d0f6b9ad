// The distribution planner on hand-built cases whose answers are known.

#include <gtest/gtest.h>

#include "supply/distribution_planner.hpp"

namespace outbreak::supply {
namespace {

// A central base (node 0) and counties 1 … n, one medicine "AMX" unless more are added.
DistributionProblem Base(int counties, int horizon_days) {
  DistributionProblem p;
  p.horizon_days = horizon_days;
  p.nodes.push_back({"CB", NodeKind::kCentralBase, 0});
  for (int idx = 1; idx <= counties; ++idx) {
    p.nodes.push_back({"CO-" + std::to_string(idx), NodeKind::kCountyBase, 0});
  }
  p.medicines.push_back({"AMX", true});
  return p;
}

const NodeMedicineOutcome& Outcome(const DistributionPlan& plan, int node, int medicine = 0) {
  for (const NodeMedicineOutcome& o : plan.outcomes) {
    if (o.node == node && o.medicine == medicine) return o;
  }
  static const NodeMedicineOutcome kNone{};
  ADD_FAILURE() << "no outcome for node " << node;
  return kNone;
}

int64_t Shipped(const DistributionPlan& plan, int from, int to, int medicine = 0) {
  int64_t units = 0;
  for (const PlannedShipment& s : plan.shipments) {
    if (s.from == from && s.to == to && s.medicine == medicine) units += s.quantity;
  }
  return units;
}

TEST(DistributionPlanner, MeetsOneCountyFromOneBaseOnTime) {
  DistributionProblem p = Base(1, 3);
  p.links.push_back({0, 1, 1, 0, 10});
  p.supply.push_back({0, 0, 0, 100});
  p.demand.push_back({1, 0, 2, 60});
  Result<DistributionPlan> plan = PlanDistribution(p);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->method, PlanMethod::kNetworkSimplexPerMedicine);
  EXPECT_EQ(Shipped(*plan, 0, 1), 60);
  for (const PlannedShipment& s : plan->shipments) EXPECT_EQ(s.arrive_day, s.dispatch_day + 1);
  const NodeMedicineOutcome& county = Outcome(*plan, 1);
  EXPECT_EQ(county.met_on_time, 60);
  EXPECT_EQ(county.unmet, 0);
  EXPECT_EQ(county.end_stock, 0);
  EXPECT_EQ(plan->medicines[0].lambda, 1);
  EXPECT_EQ(plan->medicines[0].late_unit_days, 0);
  EXPECT_EQ(plan->medicines[0].transport_unit_hours, 600);
}

TEST(DistributionPlanner, ServesAPharmacyFromItsCountyOnTheDayOfConsumption) {
  DistributionProblem p = Base(1, 4);
  p.nodes.push_back({"PH-1", NodeKind::kPharmacy, 0});
  p.links.push_back({0, 1, 1, 0, 10});
  p.links.push_back({1, 2, 0, 0, 2});  // same day, unlimited: the pharmacy is folded
  p.supply.push_back({0, 0, 0, 100});
  p.demand.push_back({2, 0, 1, 5});
  p.demand.push_back({2, 0, 3, 10});
  p.cover_targets.push_back({1, 0, 4});
  Result<DistributionPlan> folded = PlanDistribution(p);
  ASSERT_TRUE(folded.ok()) << folded.status().ToString();
  int64_t pharmacy_days = 0;
  for (const PlannedShipment& s : folded->shipments) {
    if (s.to != 2) continue;
    EXPECT_EQ(s.arrive_day, s.dispatch_day);
    pharmacy_days += 1;
  }
  EXPECT_EQ(pharmacy_days, 2);
  EXPECT_EQ(Shipped(*folded, 1, 2), 15);
  const NodeMedicineOutcome& pharmacy = Outcome(*folded, 2);
  EXPECT_EQ(pharmacy.met_on_time, 15);
  EXPECT_EQ(pharmacy.end_stock, 0);
  // A store limit at the pharmacy keeps it a node of its own: every level must be the same.
  p.nodes[2].storage_capacity_units = 1000;
  Result<DistributionPlan> unfolded = PlanDistribution(p);
  ASSERT_TRUE(unfolded.ok()) << unfolded.status().ToString();
  const MedicinePlanSummary& a = folded->medicines[0];
  const MedicinePlanSummary& b = unfolded->medicines[0];
  EXPECT_EQ(a.lambda, b.lambda);
  EXPECT_EQ(a.late_unit_days, b.late_unit_days);
  EXPECT_EQ(a.cover_shortfall_units, b.cover_shortfall_units);
  EXPECT_EQ(a.transport_unit_hours, b.transport_unit_hours);
  EXPECT_EQ(a.holding_unit_days, b.holding_unit_days);
  EXPECT_EQ(a.transport_unit_hours, 15 * 10 + 4 * 10 + 15 * 2);
}

TEST(DistributionPlanner, ReportsACountyBeyondTransitTimeAsUnreachable) {
  DistributionProblem p = Base(1, 3);
  p.links.push_back({0, 1, 5, 0, 120});
  p.supply.push_back({0, 0, 0, 100});
  p.demand.push_back({1, 0, 1, 60});
  Result<DistributionPlan> plan = PlanDistribution(p);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  const NodeMedicineOutcome& county = Outcome(*plan, 1);
  EXPECT_EQ(county.unmet, 60);
  EXPECT_EQ(county.reason, UnmetReason::kUnreachable);
  EXPECT_NE(county.why.find("day 5"), std::string::npos) << county.why;
  EXPECT_TRUE(plan->shipments.empty());
}

TEST(DistributionPlanner, NamesTheSaturatedLinkAndTheDay) {
  DistributionProblem p = Base(1, 3);
  p.links.push_back({0, 1, 1, 20, 10});
  p.supply.push_back({0, 0, 0, 100});
  p.demand.push_back({1, 0, 1, 60});
  Result<DistributionPlan> plan = PlanDistribution(p);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  const NodeMedicineOutcome& county = Outcome(*plan, 1);
  EXPECT_EQ(county.met_on_time, 20);  // day 0's dispatch
  EXPECT_EQ(county.met_late, 20);     // day 1's, a day late
  EXPECT_EQ(county.unmet, 20);
  EXPECT_EQ(county.late_unit_days, 20);
  EXPECT_EQ(county.reason, UnmetReason::kSaturatedLink);
  EXPECT_NE(county.why.find("CB→CO-1"), std::string::npos) << county.why;
  EXPECT_NE(county.why.find("day 0"), std::string::npos) << county.why;
}

TEST(DistributionPlanner, SharesANationalShortageInProportionToNeed) {
  DistributionProblem p = Base(2, 3);
  p.links.push_back({0, 1, 1, 0, 10});
  p.links.push_back({0, 2, 1, 0, 10});
  p.supply.push_back({0, 0, 0, 200});
  p.demand.push_back({1, 0, 1, 100});
  p.demand.push_back({2, 0, 1, 300});
  Result<DistributionPlan> plan = PlanDistribution(p);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(Outcome(*plan, 1).met_on_time, 50);
  EXPECT_EQ(Outcome(*plan, 2).met_on_time, 150);
  EXPECT_EQ(plan->medicines[0].lambda_num * 2, plan->medicines[0].lambda_den);
  EXPECT_EQ(Outcome(*plan, 1).reason, UnmetReason::kNationalShortage);
  EXPECT_NE(Outcome(*plan, 2).why.find("200 short"), std::string::npos) << Outcome(*plan, 2).why;
}

// A region's plan counts the stock of the region's nodes only: its shortfall is the region's,
// with what is held outside it named, never "national".
TEST(DistributionPlanner, NamesARegionsShortfallAsTheRegionsAndWhatLiesOutside) {
  DistributionProblem p = Base(2, 3);
  p.scope = "KP-05";
  p.whole_country = false;
  p.outside_usable = {21'000'000};
  p.links.push_back({0, 1, 1, 0, 10});
  p.links.push_back({0, 2, 1, 0, 10});
  p.supply.push_back({0, 0, 0, 200});
  p.demand.push_back({1, 0, 1, 100});
  p.demand.push_back({2, 0, 1, 300});
  Result<DistributionPlan> plan = PlanDistribution(p);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  const NodeMedicineOutcome& county = Outcome(*plan, 2);
  EXPECT_EQ(county.reason, UnmetReason::kShortInScope);
  EXPECT_EQ(county.why.find("national"), std::string::npos) << county.why;
  EXPECT_NE(county.why.find("short within KP-05"), std::string::npos) << county.why;
  EXPECT_NE(county.why.find("21000000 usable units are held outside KP-05"), std::string::npos)
      << county.why;
}

// A need met in full but late says why it was late.
TEST(DistributionPlanner, ExplainsANeedMetOnlyLate) {
  DistributionProblem p = Base(1, 3);
  p.links.push_back({0, 1, 1, 0, 10});
  p.supply.push_back({0, 0, 0, 100});
  p.demand.push_back({1, 0, 0, 50});
  Result<DistributionPlan> plan = PlanDistribution(p);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  const NodeMedicineOutcome& county = Outcome(*plan, 1);
  ASSERT_EQ(county.unmet, 0);
  ASSERT_EQ(county.met_late, 50);
  EXPECT_EQ(county.reason, UnmetReason::kUnreachable);
  EXPECT_NE(county.why.find("first reach CO-1 on day 1"), std::string::npos) << county.why;
}

TEST(DistributionPlanner, KeepsTheReserveFloorUnlessDrawingIsAllowed) {
  DistributionProblem p = Base(1, 3);
  p.links.push_back({0, 1, 1, 0, 10});
  p.supply.push_back({0, 0, 0, 100});
  p.reserve_floors.push_back({0, 0, 80});
  p.demand.push_back({1, 0, 2, 50});
  Result<DistributionPlan> kept = PlanDistribution(p);
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(Outcome(*kept, 1).met_on_time, 20);
  EXPECT_EQ(Outcome(*kept, 0).end_stock, 80);
  EXPECT_EQ(Outcome(*kept, 0).reserve_kept, 80);

  p.draw_reserve = true;
  Result<DistributionPlan> drawn = PlanDistribution(p);
  ASSERT_TRUE(drawn.ok()) << drawn.status().ToString();
  EXPECT_EQ(Outcome(*drawn, 1).met_on_time, 50);
  EXPECT_EQ(Outcome(*drawn, 0).end_stock, 50);
}

TEST(DistributionPlanner, MeetsNeedLateRatherThanNever) {
  DistributionProblem p = Base(1, 5);
  p.links.push_back({0, 1, 1, 0, 10});
  p.supply.push_back({0, 0, 2, 30});  // production ready on day 2
  p.demand.push_back({1, 0, 0, 30});
  Result<DistributionPlan> plan = PlanDistribution(p);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  const NodeMedicineOutcome& county = Outcome(*plan, 1);
  EXPECT_EQ(county.met_late, 30);
  EXPECT_EQ(county.unmet, 0);
  EXPECT_EQ(county.late_unit_days, 90);  // arrives day 3, three days late
  EXPECT_EQ(plan->medicines[0].late_unit_days, 90);
}

TEST(DistributionPlanner, FillsCoverTargetsOnlyAfterConsumption) {
  DistributionProblem p = Base(2, 3);
  p.links.push_back({0, 1, 1, 0, 10});
  p.links.push_back({0, 2, 1, 0, 10});
  p.supply.push_back({0, 0, 0, 100});
  p.demand.push_back({1, 0, 2, 80});
  p.cover_targets.push_back({2, 0, 50});
  Result<DistributionPlan> plan = PlanDistribution(p);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(Outcome(*plan, 1).met_on_time, 80);
  EXPECT_EQ(Outcome(*plan, 2).end_stock, 20);
  EXPECT_EQ(plan->medicines[0].cover_shortfall_units, 30);
}

TEST(DistributionPlanner, SolvesALinkSharedByTwoMedicinesWithTheLp) {
  DistributionProblem p = Base(1, 2);
  p.medicines.push_back({"PCM", true});
  p.links.push_back({0, 1, 1, 50, 10});
  for (int m = 0; m < 2; ++m) {
    p.supply.push_back({0, m, 0, 100});
    p.demand.push_back({1, m, 1, 50});
  }
  Result<DistributionPlan> plan = PlanDistribution(p);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->method, PlanMethod::kJointLp);
  EXPECT_NE(plan->method_reason.find("CB→CO-1"), std::string::npos) << plan->method_reason;
  EXPECT_NEAR(plan->lp_lambda, 0.5, 1e-9);
  EXPECT_EQ(Shipped(*plan, 0, 1, 0) + Shipped(*plan, 0, 1, 1), 50);
  EXPECT_EQ(Outcome(*plan, 1, 0).met_on_time, 25);
  EXPECT_EQ(Outcome(*plan, 1, 1).met_on_time, 25);
  EXPECT_EQ(Outcome(*plan, 1, 0).reason, UnmetReason::kSaturatedLink);
}

TEST(DistributionPlanner, KeepsStorageWithinTheSharedCapacity) {
  DistributionProblem p = Base(1, 3);
  p.medicines.push_back({"PCM", true});
  p.nodes[1].storage_capacity_units = 30;
  p.links.push_back({0, 1, 1, 0, 10});
  for (int m = 0; m < 2; ++m) {
    p.supply.push_back({0, m, 0, 100});
    p.cover_targets.push_back({1, m, 30});
  }
  Result<DistributionPlan> plan = PlanDistribution(p);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->method, PlanMethod::kJointLp);
  EXPECT_EQ(Outcome(*plan, 1, 0).end_stock + Outcome(*plan, 1, 1).end_stock, 30);
}

TEST(DistributionPlanner, RejectsEveryBadFieldAtOnce) {
  DistributionProblem p = Base(1, 0);
  p.links.push_back({0, 7, 1, 0, 10});
  p.links.push_back({1, 1, -1, -5, 10});
  p.supply.push_back({0, 3, 0, -10});
  p.demand.push_back({1, 0, 4, 5});
  p.reserve_floors.push_back({-1, 0, 5});
  p.cover_targets.push_back({1, 0, -2});
  Result<DistributionPlan> plan = PlanDistribution(p);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().code(), StatusCode::kInvalidArgument);
  const std::string text = plan.status().ToString();
  for (const char* expected :
       {"horizon_days: 0", "link 0: node index 0→7", "link 1: from and to are the same",
        "transit_days -1", "daily_capacity_units -5", "supply 0: medicine index 3",
        "supply 0: quantity -10", "demand 0: day 4 is outside", "reserve floor 0: node index -1",
        "cover target 0: quantity -2"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
}

TEST(DistributionPlanner, RejectsADemandDayBeyondTheHorizon) {
  DistributionProblem p = Base(1, 3);
  p.demand.push_back({1, 0, 3, 5});
  Result<DistributionPlan> plan = PlanDistribution(p);
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.status().ToString().find("outside the horizon 0 … 2"), std::string::npos);
}

}  // namespace
}  // namespace outbreak::supply
