#include "analytics/rt_estimator.hpp"

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/csv_reader.hpp"

namespace outbreak::analytics {
namespace {

// EpiEstim's saved output against ours: the bar.
constexpr double kEpiEstimTolerance = 1e-6;
// Constant incidence: R = (a + 7c) / (1/b + 7c Σw) → 1 as the counts grow; at c = 10,000 a day
// the prior moves the mean by about 1e-5.
constexpr double kConstantIncidenceTolerance = 1e-4;
// Exponential growth, rounded to whole cases from 10,000 a day up: the rounding and the prior
// move R by a few parts in 1e5.
constexpr double kWallingaLipsitchRelativeTolerance = 1e-4;

std::string ReadDataFile(const std::string& relative) {
  std::ifstream in(std::string(OUTBREAK_TEST_DATA_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// EpiEstim's saved estimate_R output, row by row.
struct ExpectedWindow {
  int t_start = 0;  // 1-based, as in R
  int t_end = 0;
  std::vector<double> values;  // mean, sd, q025, q05, q25, median, q75, q95, q975
};

std::vector<ExpectedWindow> ReadExpected(const std::string& relative) {
  const std::string text = ReadDataFile(relative);
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  std::vector<ExpectedWindow> out;
  reader.Next(fields);  // header
  while (reader.Next(fields)) {
    ExpectedWindow row;
    row.t_start = std::stoi(std::string(fields[0]));
    row.t_end = std::stoi(std::string(fields[1]));
    for (size_t column = 4; column < fields.size(); ++column) {
      row.values.push_back(std::stod(std::string(fields[column])));
    }
    out.push_back(row);
  }
  return out;
}

IncidenceSeries Flu2009() {
  // t,dates,I: keep dates and I as date,cases.
  const std::string text = ReadDataFile("epiestim/flu2009_incidence.csv");
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  std::string as_cases = "date,cases\n";
  reader.Next(fields);
  while (reader.Next(fields)) {
    as_cases += std::string(fields[1]) + "," + std::string(fields[2]) + "\n";
  }
  Result<IncidenceSeries> series = ParseIncidenceCsv(as_cases, "flu2009");
  EXPECT_TRUE(series.ok()) << series.status().ToString();
  return std::move(series).value();
}

std::vector<double> SummaryValues(const RtSummary& summary) {
  return {summary.mean,   summary.sd,  summary.q025, summary.q05, summary.q25,
          summary.median, summary.q75, summary.q95,  summary.q975};
}

// Compares every window, and returns the largest deviation seen.
double ExpectMatchesEpiEstim(const SerialInterval& si) {
  const std::vector<ExpectedWindow> expected =
      ReadExpected("epiestim/expected_example3_flu2009_parametric_si_2.6_1.5.csv");
  const IncidenceSeries flu = Flu2009();
  Result<std::vector<RtPosterior>> estimates = EstimateRt(flu, si);
  EXPECT_TRUE(estimates.ok()) << estimates.status().ToString();
  if (!estimates.ok()) return INFINITY;
  EXPECT_EQ(estimates->size(), expected.size());
  double max_deviation = 0;
  for (size_t row = 0; row < std::min(expected.size(), estimates->size()); ++row) {
    const RtSummary summary = Summarise((*estimates)[row]);
    EXPECT_EQ(summary.window.start_day_idx + 1, expected[row].t_start);
    EXPECT_EQ(summary.window.end_day_idx + 1, expected[row].t_end);
    const std::vector<double> ours = SummaryValues(summary);
    EXPECT_EQ(ours.size(), expected[row].values.size());
    for (size_t column = 0; column < std::min(ours.size(), expected[row].values.size()); ++column) {
      EXPECT_NEAR(ours[column], expected[row].values[column], kEpiEstimTolerance)
          << "window " << expected[row].t_start << "-" << expected[row].t_end << ", column "
          << column;
      max_deviation =
          std::max(max_deviation, std::fabs(ours[column] - expected[row].values[column]));
    }
  }
  return max_deviation;
}

TEST(EstimateRt, MatchesEpiEstimWithItsOwnDiscretisedSerialInterval) {
  const std::string path = "epiestim/flu2009_parametric_si_2.6_1.5_discr.csv";
  Result<SerialInterval> si = ParseSerialIntervalCsv(ReadDataFile(path), path);
  ASSERT_TRUE(si.ok()) << si.status().ToString();
  const double deviation = ExpectMatchesEpiEstim(*si);
  RecordProperty("max_deviation", std::to_string(deviation));
  std::printf("max deviation from EpiEstim (its serial interval): %.3g\n", deviation);
}

TEST(EstimateRt, MatchesEpiEstimWithOurDiscretisation) {
  Result<SerialInterval> si = DiscretiseSerialInterval(2.6, 1.5);
  ASSERT_TRUE(si.ok());
  const double deviation = ExpectMatchesEpiEstim(*si);
  RecordProperty("max_deviation", std::to_string(deviation));
  std::printf("max deviation from EpiEstim (our discretisation): %.3g\n", deviation);
}

TEST(EstimateRt, GivesOneForConstantIncidence) {
  const SerialInterval si = OmicronBa2SerialInterval();
  const std::vector<int64_t> cases(200, 10'000);
  Result<std::vector<RtPosterior>> estimates =
      EstimateRt(IncidenceFromCases(Date::FromCivil(2022, 5, 12), cases), si);
  ASSERT_TRUE(estimates.ok());
  // Once the serial interval is wholly inside the series (its tail < 1e-12 after ~70 days).
  for (const RtPosterior& posterior : *estimates) {
    if (posterior.window.start_day_idx < 100) continue;
    EXPECT_NEAR(posterior.Mean(), 1.0, kConstantIncidenceTolerance);
  }
}

TEST(EstimateRt, FollowsWallingaLipsitchForExponentialGrowth) {
  const SerialInterval si = OmicronBa2SerialInterval();
  for (double rate : {0.1, 0.03, -0.05}) {
    std::vector<int64_t> cases;
    const int days = 150;
    for (int day_idx = 0; day_idx < days; ++day_idx) {
      // Start high enough that rounding is negligible, declining or not.
      const double start = rate >= 0 ? 10'000.0 : 1e4 * std::exp(-rate * days);
      cases.push_back(std::llround(start * std::exp(rate * day_idx)));
    }
    Result<std::vector<RtPosterior>> estimates =
        EstimateRt(IncidenceFromCases(Date::FromCivil(2022, 5, 12), cases), si);
    ASSERT_TRUE(estimates.ok());
    const double expected = ReproductionNumberFromGrowthRate(si, rate);
    const RtPosterior& last = estimates->back();
    EXPECT_NEAR(last.Mean() / expected, 1.0, kWallingaLipsitchRelativeTolerance)
        << "rate " << rate << ": R " << last.Mean() << ", Wallinga-Lipsitch " << expected;
  }
}

TEST(EstimateRt, CountsImportedCasesAsInfectorsOnly) {
  // Two series with the same totals: the one whose later cases are imported has a lower R,
  // since only local cases are in the numerator.
  const SerialInterval si{{0, 0.5, 0.5}, "test"};
  IncidenceSeries all_local =
      IncidenceFromCases(Date::FromCivil(2022, 1, 1), std::vector<int64_t>(10, 20));
  IncidenceSeries some_imported = all_local;
  for (size_t day_idx = 1; day_idx < some_imported.days(); ++day_idx) {
    some_imported.local[day_idx] = 15;
    some_imported.imported[day_idx] = 5;
  }
  Result<std::vector<RtPosterior>> local = EstimateRt(all_local, si);
  Result<std::vector<RtPosterior>> imported = EstimateRt(some_imported, si);
  ASSERT_TRUE(local.ok() && imported.ok());
  ASSERT_EQ(local->size(), imported->size());
  EXPECT_DOUBLE_EQ(local->back().scale, imported->back().scale);
  EXPECT_DOUBLE_EQ(local->back().shape - imported->back().shape, 7 * 5);
}

TEST(EstimateRt, TreatsLocalCasesOfTheFirstDayAsImported) {
  const SerialInterval si{{0, 0.5, 0.5}, "test"};
  IncidenceSeries series =
      IncidenceFromCases(Date::FromCivil(2022, 1, 1), std::vector<int64_t>(9, 4));
  IncidenceSeries moved = series;
  moved.local[0] = moved.imported[0];
  moved.imported[0] = 0;
  Result<std::vector<RtPosterior>> a = EstimateRt(series, si);
  Result<std::vector<RtPosterior>> b = EstimateRt(moved, si);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_DOUBLE_EQ(a->front().shape, b->front().shape);
  EXPECT_DOUBLE_EQ(a->front().scale, b->front().scale);
}

TEST(EstimateRt, SkipsWindowsEndingBeforeTheMeanSerialInterval) {
  // Mean serial interval 5 days: windows must end on day 6 or later (counted from 1).
  const SerialInterval si{{0, 0, 0, 0, 0, 1}, "test"};
  RtOptions options;
  options.window_days = 2;
  Result<std::vector<RtPosterior>> estimates = EstimateRt(
      IncidenceFromCases(Date::FromCivil(2022, 1, 1), std::vector<int64_t>(10, 3)), si, options);
  ASSERT_TRUE(estimates.ok());
  ASSERT_FALSE(estimates->empty());
  EXPECT_EQ(estimates->front().window.end_day_idx + 1, 6);
  EXPECT_EQ(estimates->back().window.end_day_idx, 9);
}

TEST(EstimateRt, UsesCustomWindows) {
  const SerialInterval si{{0, 0.5, 0.5}, "test"};
  RtOptions options;
  options.windows = {{1, 9}, {5, 5}};
  Result<std::vector<RtPosterior>> estimates = EstimateRt(
      IncidenceFromCases(Date::FromCivil(2022, 1, 1), std::vector<int64_t>(10, 3)), si, options);
  ASSERT_TRUE(estimates.ok());
  ASSERT_EQ(estimates->size(), 2u);
  EXPECT_DOUBLE_EQ(estimates->at(0).shape, 1 + 9 * 3);
  EXPECT_DOUBLE_EQ(estimates->at(1).shape, 1 + 3);
}

TEST(EstimateRt, RejectsAWindowLongerThanTheSeries) {
  const SerialInterval si{{0, 0.5, 0.5}, "test"};
  const IncidenceSeries series =
      IncidenceFromCases(Date::FromCivil(2022, 1, 1), std::vector<int64_t>(7, 3));
  Result<std::vector<RtPosterior>> estimates = EstimateRt(series, si);
  ASSERT_FALSE(estimates.ok());
  EXPECT_EQ(estimates.status().code(), StatusCode::kInvalidArgument);
  ASSERT_EQ(estimates.status().details().size(), 1u);
  EXPECT_NE(estimates.status().details()[0].find("window: \"7\" days is longer than the series "
                                                 "allows"),
            std::string::npos);
  RtOptions options;
  options.windows = {{0, 3}, {2, 7}, {4, 3}};
  estimates = EstimateRt(series, si, options);
  ASSERT_FALSE(estimates.ok());
  EXPECT_EQ(estimates.status().details().size(), 3u);
}

TEST(EstimateRt, RejectsEmptyInputNegativeCountsABadPriorAndABadSerialInterval) {
  const SerialInterval si{{0, 0.5, 0.5}, "test"};
  EXPECT_FALSE(EstimateRt(IncidenceSeries{}, si).ok());
  IncidenceSeries series =
      IncidenceFromCases(Date::FromCivil(2022, 1, 1), std::vector<int64_t>(10, 3));
  series.local[4] = -1;
  Result<std::vector<RtPosterior>> estimates = EstimateRt(series, si);
  ASSERT_FALSE(estimates.ok());
  EXPECT_EQ(estimates.status().details().at(0), "2022-01-05: local: \"-1\" is negative");
  series.local[4] = 3;
  RtOptions options;
  options.prior_sd = 0;
  EXPECT_FALSE(EstimateRt(series, si, options).ok());
  const SerialInterval mass_at_zero{{0.5, 0.5}, "test"};
  EXPECT_FALSE(EstimateRt(series, mass_at_zero).ok());
}

TEST(TotalInfectiousness, ConvolvesPastIncidenceWithTheSerialInterval) {
  const std::vector<double> incidence = {1, 2, 4, 8};
  const std::vector<double> pmf = {0, 0.5, 0.25, 0.25};
  const std::vector<double> lambda = TotalInfectiousness(incidence, pmf);
  ASSERT_EQ(lambda.size(), 4u);
  EXPECT_DOUBLE_EQ(lambda[0], 0);
  EXPECT_DOUBLE_EQ(lambda[1], 0.5);
  EXPECT_DOUBLE_EQ(lambda[2], 0.5 * 2 + 0.25 * 1);
  EXPECT_DOUBLE_EQ(lambda[3], 0.5 * 4 + 0.25 * 2 + 0.25 * 1);
}

}  // namespace
}  // namespace outbreak::analytics
