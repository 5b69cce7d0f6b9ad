// The trends of the situation report on every day of the 2022 demo, for the nation and every
// province: the trend word agrees with the sign of the growth rate's interval, the words and the
// numbers never contradict each other, and no alert is raised on a window without cases.

#include <unistd.h>

#include <cstdio>
#include <string>

#include <gtest/gtest.h>

#include "analytics/growth.hpp"
#include "app/analytics_service.hpp"
#include "app/demo.hpp"
#include "app/open_store.hpp"
#include "app/surveillance_service.hpp"
#include "report/analytics_render.hpp"

namespace outbreak::app {
namespace {

using analytics::GrowthEstimate;
using analytics::Trend;

// The words the interval allows, and the numbers the words allow.
void ExpectAgrees(const GrowthEstimate& growth, const std::string& where) {
  switch (growth.trend) {
    case Trend::kRising:
      EXPECT_GT(growth.lower_per_day, 0) << where;
      break;
    case Trend::kDeclining:
      EXPECT_LT(growth.upper_per_day, 0) << where;
      break;
    case Trend::kStable:
      EXPECT_LE(growth.lower_per_day, 0) << where;
      EXPECT_GE(growth.upper_per_day, 0) << where;
      EXPECT_FALSE(report::RenderTrendText({"", growth, {}, {}}).find("doubling") !=
                   std::string::npos)
          << where;
      break;
    case Trend::kNoCases:
    case Trend::kTooFewCases:
      EXPECT_FALSE(growth.Doubling().has_value()) << where;
      break;
  }
  const std::string text = report::RenderTrendText({"", growth, {}, {}});
  if (growth.trend != Trend::kRising) {
    EXPECT_EQ(text.find("doubling"), std::string::npos) << where << ": " << text;
  }
  if (growth.trend != Trend::kDeclining) {
    EXPECT_EQ(text.find("halving"), std::string::npos) << where << ": " << text;
  }
  if (!growth.Measured()) {
    EXPECT_EQ(text.find("% a day"), std::string::npos) << where << ": " << text;
  }
  if (growth.Measured()) {
    EXPECT_GT(analytics::DailyChange(growth.lower_per_day), -1.0) << where;
  }
}

TEST(Trends2022, TheWordsAgreeWithTheIntervalAndNoAlertComesWithoutCases) {
  const std::string path =
      ::testing::TempDir() + "trends_2022_test_" + std::to_string(::getpid()) + ".db";
  std::remove(path.c_str());
  auto store = OpenStore(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  const SystemClock clock;
  auto service = SurveillanceService::Open(std::move(*store), clock, Config{});
  ASSERT_TRUE(service.ok()) << service.status().ToString();
  auto demo = LoadDemo(**service, OUTBREAK_TEST_DATA_DIR, "demo", {});
  ASSERT_TRUE(demo.ok()) << demo.status().ToString();
  const AnalyticsService analytics(**service);
  const RegionTree& tree = (*service)->tree();

  int estimates = 0;
  int quiet = 0;
  for (Date day = demo->first_day; day <= demo->last_day; day = day + 1) {
    auto trends = analytics.Trends("KP", day);
    ASSERT_TRUE(trends.ok()) << trends.status().ToString();
    if (trends->region_growth) {
      ExpectAgrees(*trends->region_growth, "KP " + day.ToString());
      ++estimates;
    }
    for (const analytics::RegionGrowth& child : trends->children) {
      if (!child.growth) continue;
      ExpectAgrees(*child.growth, tree.region(child.region).code + " " + day.ToString());
      ++estimates;
      quiet += child.growth->Measured() ? 0 : 1;
    }
    // An alert rests on cases: the province's last week holds at least kMinCasesForRate.
    for (const analytics::Alert& alert : trends->alerts) {
      auto series = (*service)->Series(alert.region, day - 6, day);
      ASSERT_TRUE(series.ok());
      int64_t cases = 0;
      for (const auto& point : *series) cases += point.day.new_fever;
      EXPECT_GE(cases, analytics::kMinCasesForRate)
          << day.ToString() << ": " << alert.message << " on " << cases << " cases";
    }
  }
  EXPECT_GT(estimates, 13 * 60) << "the demo's provinces were not walked";
  EXPECT_GT(quiet, 0) << "August's quiet provinces have windows with too few cases";
  std::remove(path.c_str());
}

}  // namespace
}  // namespace outbreak::app
