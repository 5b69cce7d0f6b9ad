#include "analytics/growth.hpp"

#include <cmath>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/csv_reader.hpp"
#include "core/date.hpp"

namespace outbreak::analytics {
namespace {

// Exact exponential counts from 1,000 a day up: rounding to whole cases moves r by < 1e-4.
constexpr double kExactRateTolerance = 1e-4;
// ln 2 / r for r known to 1e-4.
constexpr double kDoublingToleranceDays = 0.01;
// Share of 95% intervals that hold the true rate, over kReplicates Poisson series: the binomial
// sd of that share is 0.011, so ±0.03 is about 3 sd.
constexpr int kReplicates = 400;
constexpr double kCoverageTolerance = 0.03;

std::vector<int64_t> Exponential(double start, double rate, int days) {
  std::vector<int64_t> out;
  for (int day_idx = 0; day_idx < days; ++day_idx) {
    out.push_back(std::llround(start * std::exp(rate * day_idx)));
  }
  return out;
}

TEST(EstimateGrowth, RecoversTheRateOfExactExponentialGrowth) {
  for (double rate : {0.08, -0.05}) {
    const std::vector<int64_t> cases = Exponential(rate > 0 ? 1000 : 10'000, rate, 30);
    Result<GrowthEstimate> growth = EstimateGrowth(cases);
    ASSERT_TRUE(growth.ok()) << growth.status().ToString();
    EXPECT_NEAR(growth->rate_per_day, rate, kExactRateTolerance);
    EXPECT_EQ(growth->method, GrowthMethod::kQuasiPoisson);
    EXPECT_EQ(growth->trend, rate > 0 ? Trend::kRising : Trend::kDeclining);
    EXPECT_EQ(growth->start_day_idx, 16);
    EXPECT_EQ(growth->end_day_idx, 29);
    const std::optional<DoublingTime> doubling = growth->Doubling();
    ASSERT_TRUE(doubling.has_value());
    EXPECT_EQ(doubling->halving, rate < 0);
    EXPECT_NEAR(doubling->days, std::log(2.0) / std::fabs(rate), kDoublingToleranceDays);
    EXPECT_LE(doubling->lower_days, doubling->days);
    EXPECT_GE(doubling->upper_days, doubling->days);
  }
}

TEST(EstimateGrowth, IntervalsHoldTheTrueRateAtTheirNominalRate) {
  std::mt19937_64 rng(20220512);
  const double rate = 0.05;
  int covered = 0;
  for (int replicate = 0; replicate < kReplicates; ++replicate) {
    std::vector<int64_t> cases;
    for (int day_idx = 0; day_idx < 14; ++day_idx) {
      cases.push_back(std::poisson_distribution<int64_t>(40 * std::exp(rate * day_idx))(rng));
    }
    Result<GrowthEstimate> growth = EstimateGrowth(cases);
    ASSERT_TRUE(growth.ok());
    if (growth->lower_per_day <= rate && rate <= growth->upper_per_day) ++covered;
  }
  EXPECT_NEAR(static_cast<double>(covered) / kReplicates, 0.95, kCoverageTolerance);
}

TEST(EstimateGrowth, CallsFlatNoisyCountsStable) {
  std::mt19937_64 rng(7);
  std::vector<int64_t> cases;
  for (int day_idx = 0; day_idx < 14; ++day_idx) {
    cases.push_back(std::poisson_distribution<int64_t>(200)(rng));
  }
  Result<GrowthEstimate> growth = EstimateGrowth(cases);
  ASSERT_TRUE(growth.ok());
  EXPECT_EQ(growth->trend, Trend::kStable);
  EXPECT_LT(growth->lower_per_day, 0);
  EXPECT_GT(growth->upper_per_day, 0);
  EXPECT_GT(growth->dispersion, 0.3);
  EXPECT_LT(growth->dispersion, 3);
}

TEST(EstimateGrowth, WidensTheIntervalForOverdispersedCounts) {
  // The same trend with and without large day-to-day swings.
  std::vector<int64_t> smooth = Exponential(1000, 0.02, 14);
  std::vector<int64_t> noisy = smooth;
  for (size_t day_idx = 0; day_idx < noisy.size(); ++day_idx) {
    noisy[day_idx] = day_idx % 2 == 0 ? noisy[day_idx] * 13 / 10 : noisy[day_idx] * 7 / 10;
  }
  Result<GrowthEstimate> a = EstimateGrowth(smooth);
  Result<GrowthEstimate> b = EstimateGrowth(noisy);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_GT(b->dispersion, 10);
  EXPECT_GT(b->upper_per_day - b->lower_per_day, 3 * (a->upper_per_day - a->lower_per_day));
}

TEST(EstimateGrowth, SaysNoCasesForAnEmptyWindowAndFallsBackWhenCasesSitAtOneEnd) {
  const std::vector<int64_t> none(14, 0);
  Result<GrowthEstimate> growth = EstimateGrowth(none);
  ASSERT_TRUE(growth.ok());
  EXPECT_EQ(growth->trend, Trend::kNoCases);
  EXPECT_FALSE(growth->Doubling().has_value());

  std::vector<int64_t> first_day_only(14, 0);
  first_day_only[0] = 50;
  growth = EstimateGrowth(first_day_only);
  ASSERT_TRUE(growth.ok());
  EXPECT_EQ(growth->method, GrowthMethod::kLogLinearLeastSquares);
  EXPECT_LT(growth->rate_per_day, 0);
}

TEST(EstimateGrowth, UsesTheWindowEndingOnTheDayAskedFor) {
  std::vector<int64_t> cases = Exponential(1000, 0.1, 20);
  const std::vector<int64_t> falling = Exponential(cases.back(), -0.1, 20);
  cases.insert(cases.end(), falling.begin(), falling.end());
  GrowthOptions options;
  options.window_days = 7;
  Result<GrowthEstimate> rising = EstimateGrowth(cases, 18, options);
  Result<GrowthEstimate> declining = EstimateGrowth(cases, options);
  ASSERT_TRUE(rising.ok() && declining.ok());
  EXPECT_EQ(rising->trend, Trend::kRising);
  EXPECT_EQ(declining->trend, Trend::kDeclining);
}

TEST(EstimateGrowth, RejectsBadWindowsEndsAndCounts) {
  const std::vector<int64_t> cases(10, 5);
  GrowthOptions options;
  EXPECT_FALSE(EstimateGrowth(cases, options).ok());  // 14 days > 10
  options.window_days = 2;
  EXPECT_FALSE(EstimateGrowth(cases, options).ok());
  options.window_days = 7;
  EXPECT_FALSE(EstimateGrowth(cases, 10, options).ok());
  options.confidence = 1;
  EXPECT_FALSE(EstimateGrowth(cases, options).ok());
  options.confidence = 0.95;
  std::vector<int64_t> negative = cases;
  negative[8] = -1;
  Result<GrowthEstimate> growth = EstimateGrowth(negative, options);
  ASSERT_FALSE(growth.ok());
  EXPECT_EQ(growth.status().message(), "growth: day 8: \"-1\" cases is negative");
}

TEST(TrendStatement, CountsAbatingRegionsAndNamesTheRest) {
  std::vector<RegionTrend> provinces;
  for (int idx = 0; idx < 11; ++idx) {
    provinces.push_back({"P" + std::to_string(idx), Trend::kDeclining});
  }
  provinces.push_back({"Kaesong", Trend::kStable});
  provinces.push_back({"Rason", Trend::kRising});
  EXPECT_EQ(TrendStatement(provinces, "provinces"),
            "the spread is being controlled and abating in 11 of 13 provinces; stable in "
            "Kaesong; rising in Rason");
}

TEST(TrendStatement, SaysAllWhenEveryRegionAgrees) {
  const std::vector<RegionTrend> provinces = {
      {"A", Trend::kDeclining}, {"B", Trend::kDeclining}, {"C", Trend::kDeclining}};
  EXPECT_EQ(TrendStatement(provinces, "provinces"),
            "the spread is being controlled and abating in all 3 provinces");
  const std::vector<RegionTrend> quiet = {{"A", Trend::kNoCases}, {"B", Trend::kNoCases}};
  EXPECT_EQ(TrendStatement(quiet, "provinces"), "there are no new cases in all 2 provinces");
}

TEST(TrendStatement, NamesSmallGroupsAndCountsLargeOnes) {
  std::vector<RegionTrend> counties = {
      {"A", Trend::kRising}, {"B", Trend::kRising}, {"C", Trend::kDeclining}};
  EXPECT_EQ(TrendStatement(counties, "counties"),
            "the spread is being controlled and abating in C; rising in A and B");
  for (const char* name : {"D", "E", "F"}) counties.push_back({name, Trend::kRising});
  EXPECT_EQ(TrendStatement(counties, "counties"),
            "the spread is being controlled and abating in C; rising in 5 of 6 counties");
  EXPECT_EQ(TrendStatement(std::vector<RegionTrend>{}, "counties"), "");
}

// The published daily new fever cases of 2022, nation and provinces, as runs of consecutive days
// (the provincial series has gaps, which are not zeros).
std::map<std::string, std::vector<std::vector<int64_t>>> Series2022() {
  std::map<std::string, std::vector<std::vector<int64_t>>> out;
  std::map<std::string, Date> last_day;
  auto add = [&](const std::string& region, std::string_view date, std::string_view cases) {
    const std::optional<Date> day = Date::Parse(date);
    if (!day || cases.empty()) return;
    auto& runs = out[region];
    auto last = last_day.find(region);
    if (runs.empty() || last == last_day.end() || *day != last->second + 1) runs.emplace_back();
    runs.back().push_back(std::stoll(std::string(cases)));
    last_day[region] = *day;
  };
  for (const char* file : {"national.csv", "provinces.csv"}) {
    std::ifstream in(std::string(OUTBREAK_TEST_DATA_DIR) + "/dprk2022/" + file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const std::string content = text.str();
    CsvReader reader(content);
    std::vector<std::string_view> fields;
    reader.Next(fields);
    const bool national = std::string(file) == "national.csv";
    while (reader.Next(fields)) {
      if (national) {
        add("KP", fields[0], fields[1]);
      } else {
        add(std::string(fields[2]), fields[0], fields[3]);
      }
    }
  }
  return out;
}

// On every day of 2022, for the nation and every province: the trend word agrees with the
// interval, a rate is given only on enough cases, and no daily change is below -100%.
TEST(EstimateGrowth, TheTrendAgreesWithTheIntervalOnEveryDayOf2022) {
  int days_checked = 0;
  int too_few = 0;
  for (const auto& [region, runs] : Series2022()) {
    for (const std::vector<int64_t>& run : runs) {
      for (int32_t end = 13; end < static_cast<int32_t>(run.size()); ++end) {
        Result<GrowthEstimate> growth = EstimateGrowth(run, end);
        ASSERT_TRUE(growth.ok()) << region << " day " << end << ": " << growth.status().ToString();
        int64_t cases = 0;
        for (int32_t day = end - 13; day <= end; ++day) cases += run[day];
        ++days_checked;
        const std::string where = region + " day " + std::to_string(end);
        if (cases == 0) {
          EXPECT_EQ(growth->trend, Trend::kNoCases) << where;
          continue;
        }
        if (cases < kMinCasesForRate) {
          ++too_few;
          EXPECT_EQ(growth->trend, Trend::kTooFewCases) << where;
          EXPECT_FALSE(growth->Doubling().has_value()) << where;
          continue;
        }
        EXPECT_GT(DailyChange(growth->lower_per_day), -1.0) << where;
        switch (growth->trend) {
          case Trend::kRising:
            EXPECT_GT(growth->lower_per_day, 0) << where;
            break;
          case Trend::kDeclining:
            EXPECT_LT(growth->upper_per_day, 0) << where;
            break;
          case Trend::kStable:
            EXPECT_LE(growth->lower_per_day, 0) << where;
            EXPECT_GE(growth->upper_per_day, 0) << where;
            break;
          default:
            ADD_FAILURE() << where << ": " << TrendName(growth->trend) << " on " << cases
                          << " cases";
        }
      }
    }
  }
  // The national series (the provincial one has gaps; the demo's daily provinces are walked in
  // src/app/trends_2022_test.cpp).
  EXPECT_GT(days_checked, 70) << "the 2022 series were not read";
  (void)too_few;
}

TEST(EstimateGrowth, AHandfulOfCasesIsTooFewForARate) {
  // Ryanggang's August: a few cases, then none for days.
  const std::vector<int64_t> cases = {3, 2, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  Result<GrowthEstimate> growth = EstimateGrowth(cases);
  ASSERT_TRUE(growth.ok());
  EXPECT_EQ(growth->trend, Trend::kTooFewCases);
  EXPECT_FALSE(growth->Measured());
  EXPECT_FALSE(growth->Doubling().has_value());
  EXPECT_STREQ(TrendName(growth->trend), "too few cases");
  // The daily change a rate means never goes below -100%, however steep the fall.
  EXPECT_GT(DailyChange(-1.099), -1.0);
  EXPECT_NEAR(DailyChange(-1.099), std::expm1(-1.099), 1e-15);
}

}  // namespace
}  // namespace outbreak::analytics
