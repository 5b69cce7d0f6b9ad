#include "analytics/serial_interval.hpp"

#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace outbreak::analytics {
namespace {

// EpiEstim writes its distribution with 17 significant digits; our gamma CDF (Boost) and R's
// pgamma agree to about 1e-15, and the discretisation adds a few roundings of order k × 1e-16.
constexpr double kDiscretisationTolerance = 1e-12;
// Moments of a distribution computed two ways.
constexpr double kMomentTolerance = 1e-9;
// Summing a few dozen probabilities rounds by about 1e-15.
constexpr double kSumRounding = 1e-14;

std::string ReadDataFile(const std::string& relative) {
  std::ifstream in(std::string(OUTBREAK_TEST_DATA_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool HasDetailContaining(const Status& status, const std::string& needle) {
  for (const std::string& detail : status.details()) {
    if (detail.find(needle) != std::string::npos) return true;
  }
  return false;
}

TEST(DiscretiseSerialInterval, MatchesEpiEstimDiscrSiForFlu2009) {
  const std::string path = "epiestim/flu2009_parametric_si_2.6_1.5_discr.csv";
  Result<SerialInterval> reference = ParseSerialIntervalCsv(ReadDataFile(path), path);
  ASSERT_TRUE(reference.ok()) << reference.status().ToString();
  Result<SerialInterval> ours = DiscretiseSerialInterval(2.6, 1.5);
  ASSERT_TRUE(ours.ok()) << ours.status().ToString();
  // The reference stops at k = 32 (EpiEstim's length for that series); ours runs until the tail
  // is below 1e-12, which is further.
  ASSERT_GE(ours->pmf.size(), reference->pmf.size());
  for (size_t k = 0; k < reference->pmf.size(); ++k) {
    EXPECT_NEAR(ours->pmf[k], reference->pmf[k], kDiscretisationTolerance) << "k = " << k;
  }
  EXPECT_EQ(ours->pmf[0], 0);
}

TEST(DiscretiseSerialInterval, KeepsTheMeanAndLeavesANegligibleTail) {
  for (const auto& [mean, sd] : {std::pair{2.6, 1.5}, {3.39, 2.4}, {6.5, 4.0}, {1.5, 0.3}}) {
    Result<SerialInterval> si = DiscretiseSerialInterval(mean, sd);
    ASSERT_TRUE(si.ok()) << si.status().ToString();
    const double sum = std::accumulate(si->pmf.begin(), si->pmf.end(), 0.0);
    EXPECT_GE(sum, 1 - kSerialIntervalTailMass - kSumRounding);
    EXPECT_LE(sum, 1 + kSumRounding);
    // The discretisation keeps the mean of the continuous distribution.
    EXPECT_NEAR(si->MeanDays(), mean, kMomentTolerance) << mean << ", " << sd;
    EXPECT_TRUE(ValidateSerialIntervalPmf(si->pmf).ok());
  }
}

TEST(DiscretiseSerialInterval, RejectsAMeanOfOneDayOrLessAndANonPositiveSd) {
  Result<SerialInterval> si = DiscretiseSerialInterval(1.0, 0);
  ASSERT_FALSE(si.ok());
  EXPECT_EQ(si.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(HasDetailContaining(si.status(), "mean: \"1\" must be more than 1 day"));
  EXPECT_TRUE(HasDetailContaining(si.status(), "sd: \"0\" must be more than 0 days"));
  EXPECT_FALSE(DiscretiseSerialInterval(std::nan(""), 1).ok());
}

TEST(DiscretiseSerialInterval, RefusesADistributionLongerThanAYear) {
  Result<SerialInterval> si = DiscretiseSerialInterval(300, 200);
  ASSERT_FALSE(si.ok());
  EXPECT_NE(si.status().message().find("beyond 365 days"), std::string::npos);
}

TEST(ValidateSerialIntervalPmf, AcceptsAProperDistribution) {
  const std::vector<double> pmf = {0, 0.25, 0.5, 0.25};
  EXPECT_TRUE(ValidateSerialIntervalPmf(pmf).ok());
  Result<SerialInterval> si = SerialIntervalFromPmf(pmf, "test");
  ASSERT_TRUE(si.ok());
  EXPECT_DOUBLE_EQ(si->MeanDays(), 2.0);
  EXPECT_NEAR(si->SdDays(), std::sqrt(0.5), kMomentTolerance);
}

TEST(ValidateSerialIntervalPmf, RejectsMassAtZeroNegativeValuesAndABadSum) {
  const std::vector<double> mass_at_zero = {0.1, 0.4, 0.5};
  Status status = ValidateSerialIntervalPmf(mass_at_zero);
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(HasDetailContaining(status,
                                  "w[0]: \"0.1\" is the probability of a serial interval"
                                  " of 0 days, which must be 0"));

  const std::vector<double> negative = {0, 1.2, -0.2};
  status = ValidateSerialIntervalPmf(negative);
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(HasDetailContaining(status, "w[2]: \"-0.2\" is negative"));

  const std::vector<double> short_sum = {0, 0.5, 0.3};
  status = ValidateSerialIntervalPmf(short_sum);
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(HasDetailContaining(status, "the probabilities sum to 0.8, not 1"));

  EXPECT_FALSE(ValidateSerialIntervalPmf(std::vector<double>{}).ok());
  EXPECT_FALSE(ValidateSerialIntervalPmf(std::vector<double>{0, NAN, 1}).ok());
  // Within the tolerance is fine.
  EXPECT_TRUE(ValidateSerialIntervalPmf(std::vector<double>{0, 0.5, 0.5 + 5e-7}).ok());
}

TEST(ParseSerialIntervalCsv, ReadsConsecutiveRows) {
  Result<SerialInterval> si = ParseSerialIntervalCsv("k,w\n0,0\n1,0.25\n2,0.75\n", "si.csv");
  ASSERT_TRUE(si.ok()) << si.status().ToString();
  EXPECT_EQ(si->pmf, (std::vector<double>{0, 0.25, 0.75}));
  EXPECT_EQ(si->description, "non-parametric, from si.csv");
}

TEST(ParseSerialIntervalCsv, NamesTheLineOfEachBadRow) {
  Result<SerialInterval> si = ParseSerialIntervalCsv("k,w\n0,0\n2,0.5\n3,x\n4,-0.1\n", "si.csv");
  ASSERT_FALSE(si.ok());
  const Status& status = si.status();
  EXPECT_TRUE(HasDetailContaining(
      status, "si.csv:3: k: \"2\" should be 1 (k counts up from 0 with no gaps)"));
  EXPECT_TRUE(HasDetailContaining(status, "si.csv:4: w: \"x\" is not a number"));
  EXPECT_TRUE(HasDetailContaining(status, "si.csv:5: w: \"-0.1\" is negative"));
}

TEST(ParseSerialIntervalCsv, RejectsMassAtZeroAndABadSumNamingTheFile) {
  Result<SerialInterval> si = ParseSerialIntervalCsv("k,w\n0,0.2\n1,0.8\n", "si.csv");
  ASSERT_FALSE(si.ok());
  EXPECT_TRUE(HasDetailContaining(si.status(),
                                  "si.csv:2: w: \"0.2\" is the probability of a "
                                  "serial interval of 0 days, which must be 0"));
  si = ParseSerialIntervalCsv("k,w\n0,0\n1,0.5\n2,0.4\n", "si.csv");
  ASSERT_FALSE(si.ok());
  EXPECT_TRUE(HasDetailContaining(si.status(), "si.csv: the probabilities sum to 0.9, not 1"));
}

TEST(ParseSerialIntervalCsv, RejectsAWrongHeaderAndAnEmptyFile) {
  EXPECT_FALSE(ParseSerialIntervalCsv("", "si.csv").ok());
  EXPECT_FALSE(ParseSerialIntervalCsv("k,w\n", "si.csv").ok());
  Result<SerialInterval> si = ParseSerialIntervalCsv("day,w\n0,0\n1,1\n", "si.csv");
  ASSERT_FALSE(si.ok());
  EXPECT_TRUE(HasDetailContaining(si.status(), "si.csv:1: k: required column is missing"));
}

TEST(OmicronBa2SerialInterval, IsTheCitedMeanDiscretised) {
  const SerialInterval si = OmicronBa2SerialInterval();
  EXPECT_NEAR(si.MeanDays(), kOmicronBa2SerialIntervalMeanDays, kMomentTolerance);
  EXPECT_TRUE(ValidateSerialIntervalPmf(si.pmf).ok());
  EXPECT_NE(si.description.find("10.1017/S0950268822001248"), std::string::npos);
}

TEST(ReproductionNumberFromGrowthRate, IsOneWithoutGrowthAndFollowsTheMgf) {
  const std::vector<double> pmf = {0, 0.5, 0.5};
  const SerialInterval si{pmf, "test"};
  EXPECT_DOUBLE_EQ(ReproductionNumberFromGrowthRate(si, 0), 1.0);
  const double r = 0.1;
  EXPECT_NEAR(ReproductionNumberFromGrowthRate(si, r),
              1 / (0.5 * std::exp(-r) + 0.5 * std::exp(-2 * r)), kMomentTolerance);
}

}  // namespace
}  // namespace outbreak::analytics
