#include "surveillance/demo_derivation.hpp"

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "surveillance/region_csv.hpp"

namespace outbreak::surveillance {
namespace {

// N splits into provinces A and B; A into units A1, A2; B into the city B1 (itself split into
// districts B1a, B1b) and the unit B2, so reporting units sit at levels 2 and 3.
Region MakeRegion(std::string code, std::string parent, int level, int64_t population) {
  Region region;
  region.code = code;
  region.name = code;
  region.parent = std::move(parent);
  region.level = level;
  region.population = population;
  return region;
}

RegionTree SmallTree() {
  std::vector<Region> regions = {
      MakeRegion("N", "", 0, 1000),    MakeRegion("A", "N", 1, 600),
      MakeRegion("B", "N", 1, 400),    MakeRegion("A1", "A", 2, 300),
      MakeRegion("A2", "A", 2, 300),   MakeRegion("B1", "B", 2, 300),
      MakeRegion("B2", "B", 2, 100),   MakeRegion("B1a", "B1", 3, 100),
      MakeRegion("B1b", "B1", 3, 200),
  };
  Result<RegionTree> tree = RegionTree::Build(std::move(regions));
  EXPECT_TRUE(tree.ok()) << tree.status().ToString();
  return std::move(tree.value());
}

constexpr char kSmallNational[] =
    "date,new_fever,new_recovered,new_deaths,under_treatment,cum_fever,cum_recovered,cum_deaths\n"
    "2022-05-12,100,,,600,1100,500,2\n"      // opening 1000/500/2, ut 498: identity 598, +2
    "2022-05-13,200,100,1,699,1300,600,3\n"  // exact
    "2022-05-14,100,300,0,499,1400,900,3\n"  // exact
    "2022-05-15,60,200,1,350,1460,1100,4\n"  // identity 358, -8
    "2022-05-16,0,350,0,0,1460,1450,4\n";    // exact

constexpr char kSmallProvinces[] =
    "date,report_date,region,new_fever,new_recovered,new_deaths,under_treatment\n"
    "2022-05-13,2022-05-14,A,150,80,1,500\n"
    "2022-05-13,2022-05-14,B,30,10,0,100\n"
    "2022-05-15,2022-05-16,A,10,,0,\n"  // broadcast sum 70 > national 60
    "2022-05-15,2022-05-16,B,60,,0,\n"
    "2022-05-16,2022-05-17,A,,,0,\n";  // no fever figure: not a broadcast day

std::vector<NationalDay> SmallNational() {
  Result<std::vector<NationalDay>> days = ParseNationalCsv(kSmallNational, "national.csv");
  EXPECT_TRUE(days.ok()) << days.status().ToString();
  return days.ok() ? days.value() : std::vector<NationalDay>{};
}

std::vector<ProvinceDay> SmallProvinces() {
  Result<std::vector<ProvinceDay>> days = ParseProvincesCsv(kSmallProvinces, "provinces.csv");
  EXPECT_TRUE(days.ok()) << days.status().ToString();
  return days.ok() ? days.value() : std::vector<ProvinceDay>{};
}

// Leaf counts summed into every region of the tree: totals[region][day].
std::vector<std::vector<ReportCounts>> RegionTotals(const RegionTree& tree, size_t day_count,
                                                    const DerivedSeries& series) {
  std::vector<std::vector<ReportCounts>> totals(tree.size(), std::vector<ReportCounts>(day_count));
  const Date first = series.reports.front().date;
  for (const DailyReport& report : series.reports) {
    for (RegionIdx region : tree.PathToRoot(report.region)) {
      ReportCounts& total = totals[region][report.date - first];
      total.new_fever += report.counts.new_fever;
      total.new_recovered += report.counts.new_recovered;
      total.new_deaths += report.counts.new_deaths;
      total.under_treatment += report.counts.under_treatment;
    }
  }
  return totals;
}

// The invariants the derivation promises, for any tree and national series.
void ExpectConsistent(const RegionTree& tree, const std::vector<NationalDay>& national,
                      const DerivedSeries& series) {
  const size_t day_count = national.size();
  const auto& leaves = tree.leaves();
  ASSERT_EQ(series.openings.size(), leaves.size());
  ASSERT_EQ(series.reports.size(), leaves.size() * day_count);

  // Openings: one per leaf, summing to the national figures, consistent and non-negative.
  const NationalDay& first = national.front();
  int64_t fever = 0, recovered = 0, deaths = 0;
  std::map<RegionIdx, int64_t> ut;  // under treatment the day before, per leaf
  for (size_t leaf_idx = 0; leaf_idx < leaves.size(); ++leaf_idx) {
    const OpeningBalance& opening = series.openings[leaf_idx];
    EXPECT_EQ(opening.region, leaves[leaf_idx]);
    EXPECT_EQ(opening.as_of, first.date - 1);
    EXPECT_EQ(opening.note, "since late April");
    EXPECT_GE(opening.recovered, 0);
    EXPECT_GE(opening.deaths, 0);
    EXPECT_GE(opening.under_treatment(), 0);
    fever += opening.fever;
    recovered += opening.recovered;
    deaths += opening.deaths;
    ut[opening.region] = opening.under_treatment();
  }
  EXPECT_EQ(fever, first.cum_fever - first.new_fever);
  EXPECT_EQ(recovered, first.cum_recovered - first.new_recovered.value_or(0));
  EXPECT_EQ(deaths, first.cum_deaths - first.new_deaths.value_or(0));

  // Every level, every day, every measure: regions at level L (a region's figure being the sum of
  // its leaves) plus the leaves above L add up to the national figure.
  const auto totals = RegionTotals(tree, day_count, series);
  int max_level = 0;
  for (const Region& region : tree.regions()) max_level = std::max(max_level, region.level);
  for (int level = 0; level <= max_level; ++level) {
    for (size_t day = 0; day < day_count; ++day) {
      ReportCounts sum;
      for (RegionIdx region = 0; region < tree.size(); ++region) {
        const int region_level = tree.region(region).level;
        if (region_level != level && !(tree.IsLeaf(region) && region_level < level)) continue;
        sum.new_fever += totals[region][day].new_fever;
        sum.new_recovered += totals[region][day].new_recovered;
        sum.new_deaths += totals[region][day].new_deaths;
        sum.under_treatment += totals[region][day].under_treatment;
      }
      const NationalDay& row = national[day];
      const std::string where = row.date.ToString() + " level " + std::to_string(level);
      EXPECT_EQ(sum.new_fever, row.new_fever) << where;
      EXPECT_EQ(sum.new_recovered, row.new_recovered.value_or(0)) << where;
      EXPECT_EQ(sum.new_deaths, row.new_deaths.value_or(0)) << where;
      EXPECT_EQ(sum.under_treatment, row.under_treatment) << where;
    }
  }

  // Each leaf and day once, non-negative; the leaf identity holds on every day on which the
  // national one does, and on the others the leaves' residuals add up to the national one.
  std::map<Date, int64_t> national_residuals;
  int64_t national_ut = fever - recovered - deaths;
  for (const NationalDay& row : national) {
    const int64_t identity =
        national_ut + row.new_fever - row.new_recovered.value_or(0) - row.new_deaths.value_or(0);
    national_residuals[row.date] = row.under_treatment - identity;
    national_ut = row.under_treatment;
  }
  std::set<std::pair<RegionIdx, Date>> seen;
  std::map<Date, int64_t> leaf_residuals;
  for (const DailyReport& report : series.reports) {
    EXPECT_TRUE(tree.IsLeaf(report.region));
    EXPECT_TRUE(seen.emplace(report.region, report.date).second);
    const ReportCounts& counts = report.counts;
    EXPECT_GE(counts.new_fever, 0);
    EXPECT_GE(counts.new_recovered, 0);
    EXPECT_GE(counts.new_deaths, 0);
    EXPECT_GE(counts.under_treatment, 0);
    const int64_t identity =
        ut[report.region] + counts.new_fever - counts.new_recovered - counts.new_deaths;
    if (national_residuals[report.date] == 0) {
      EXPECT_EQ(counts.under_treatment, identity)
          << tree.region(report.region).code << " " << report.date.ToString();
    }
    leaf_residuals[report.date] += counts.under_treatment - identity;
    ut[report.region] = counts.under_treatment;
  }
  EXPECT_EQ(leaf_residuals, national_residuals);
}

// New fever of a region, per day, summed over its leaves.
std::vector<int64_t> FeverOf(const RegionTree& tree, size_t day_count, const DerivedSeries& series,
                             std::string_view code) {
  const auto totals = RegionTotals(tree, day_count, series);
  std::vector<int64_t> fever;
  for (const ReportCounts& counts : totals[*tree.Find(code)]) fever.push_back(counts.new_fever);
  return fever;
}

TEST(ParseNationalCsv, ReadsBlankDailyFiguresAsMissing) {
  const std::vector<NationalDay> days = SmallNational();
  ASSERT_EQ(days.size(), 5u);
  EXPECT_EQ(days[0].date, Date::FromCivil(2022, 5, 12));
  EXPECT_EQ(days[0].new_fever, 100);
  EXPECT_FALSE(days[0].new_recovered.has_value());
  EXPECT_FALSE(days[0].new_deaths.has_value());
  EXPECT_EQ(days[0].cum_fever, 1100);
  EXPECT_EQ(days[1].new_recovered, 100);
  EXPECT_EQ(days[1].new_deaths, 1);
}

TEST(ParseNationalCsv, NamesFileLineAndFieldOfEveryBadValue) {
  const std::string text =
      "date,new_fever,new_recovered,new_deaths,under_treatment,cum_fever,cum_recovered,cum_deaths\n"
      "2022-05-12,100,,,600,1100,500,2\n"
      "2022-05-32,abc,1,-3,,1300,600,3\n"
      "2022-05-14,1,2\n";
  Result<std::vector<NationalDay>> days = ParseNationalCsv(text, "national.csv");
  ASSERT_FALSE(days.ok());
  EXPECT_EQ(days.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(days.status().details(),
            (std::vector<std::string>{
                R"(national.csv:3: date: "2022-05-32" is not a date (expected YYYY-MM-DD))",
                R"(national.csv:3: new_fever: "abc" is not a whole number)",
                R"(national.csv:3: new_deaths: "-3" is negative)",
                R"(national.csv:3: under_treatment: "" is empty)",
                "national.csv:4: has 3 fields, the header has 8",
            }));
}

TEST(ParseNationalCsv, RejectsAMissingColumn) {
  Result<std::vector<NationalDay>> days =
      ParseNationalCsv("date,new_fever\n2022-05-12,1\n", "national.csv");
  ASSERT_FALSE(days.ok());
  EXPECT_NE(days.status().ToString().find("national.csv:1: cum_deaths: required column is missing"),
            std::string::npos)
      << days.status().ToString();
  EXPECT_FALSE(ParseNationalCsv("", "national.csv").ok());
}

TEST(ParseProvincesCsv, ReadsRowsAndBlankFigures) {
  const std::vector<ProvinceDay> days = SmallProvinces();
  ASSERT_EQ(days.size(), 5u);
  EXPECT_EQ(days[0].region, "A");
  EXPECT_EQ(days[0].new_fever, 150);
  EXPECT_EQ(days[0].under_treatment, 500);
  EXPECT_FALSE(days[2].new_recovered.has_value());
  EXPECT_FALSE(days[4].new_fever.has_value());
  EXPECT_EQ(days[4].new_deaths, 0);
}

TEST(ParseProvincesCsv, ValidatesReportDateAndRegion) {
  const std::string text =
      "date,report_date,region,new_fever,new_recovered,new_deaths,under_treatment\n"
      "2022-05-13,13/05/2022,,1.5,,,\n";
  Result<std::vector<ProvinceDay>> days = ParseProvincesCsv(text, "provinces.csv");
  ASSERT_FALSE(days.ok());
  EXPECT_EQ(days.status().details(),
            (std::vector<std::string>{
                R"(provinces.csv:2: report_date: "13/05/2022" is not a date (expected YYYY-MM-DD))",
                R"(provinces.csv:2: region: "" is empty)",
                R"(provinces.csv:2: new_fever: "1.5" is not a whole number)",
            }));
}

TEST(DeriveLeafSeries, KeepsEveryNationalFigureAtEveryLevel) {
  const RegionTree tree = SmallTree();
  const std::vector<NationalDay> national = SmallNational();
  Result<DerivedSeries> series = DeriveLeafSeries(tree, national, SmallProvinces());
  ASSERT_TRUE(series.ok()) << series.status().ToString();
  ExpectConsistent(tree, national, *series);
}

TEST(DeriveLeafSeries, SplitsNationalFeverByBroadcastRemainderAndInterpolation) {
  const RegionTree tree = SmallTree();
  Result<DerivedSeries> series = DeriveLeafSeries(tree, SmallNational(), SmallProvinces());
  ASSERT_TRUE(series.ok()) << series.status().ToString();
  // 05-13: broadcast 150 + 30, remainder 20 split 12:8 by population -> shares .81/.19.
  // 05-15: broadcast 70 > national 60, so 60 is split 10:60 -> 9, 51 (shares 1/7, 6/7).
  // 05-14: shares halfway between -> .476/.524 of 100. 05-12: the first broadcast day's shares.
  EXPECT_EQ(FeverOf(tree, 5, *series, "A"), (std::vector<int64_t>{81, 162, 48, 9, 0}));
  EXPECT_EQ(FeverOf(tree, 5, *series, "B"), (std::vector<int64_t>{19, 38, 52, 51, 0}));
  // Below the provinces by population: B1 gets 3/4 of B and B1b 2/3 of B1.
  EXPECT_EQ(FeverOf(tree, 5, *series, "B1"), (std::vector<int64_t>{14, 29, 39, 38, 0}));
}

TEST(DeriveLeafSeries, SplitsOpeningsByPopulationThenFeverThenRemaining) {
  const RegionTree tree = SmallTree();
  Result<DerivedSeries> series = DeriveLeafSeries(tree, SmallNational(), SmallProvinces());
  ASSERT_TRUE(series.ok()) << series.status().ToString();
  std::map<std::string, OpeningBalance> by_code;
  for (const OpeningBalance& opening : series->openings) {
    by_code[tree.region(opening.region).code] = opening;
  }
  // Fever 1000 by population, recovered 500 by fever; deaths 2: A and B have 300 and 200 left,
  // so 1 each, then A1 (tie, lower index) and B1 -> B1b (twice the room of B1a).
  EXPECT_EQ(by_code["A1"].fever, 300);
  EXPECT_EQ(by_code["A1"].recovered, 150);
  EXPECT_EQ(by_code["A1"].deaths, 1);
  EXPECT_EQ(by_code["A2"].deaths, 0);
  EXPECT_EQ(by_code["B1b"].fever, 200);
  EXPECT_EQ(by_code["B1b"].recovered, 100);
  EXPECT_EQ(by_code["B1b"].deaths, 1);
  EXPECT_EQ(by_code["B2"].fever, 100);
  EXPECT_EQ(by_code["B2"].recovered, 50);
}

TEST(DeriveLeafSeries, WorksWithoutAnyProvincialFigures) {
  const RegionTree tree = SmallTree();
  const std::vector<NationalDay> national = SmallNational();
  Result<DerivedSeries> series = DeriveLeafSeries(tree, national, {});
  ASSERT_TRUE(series.ok()) << series.status().ToString();
  ExpectConsistent(tree, national, *series);
  EXPECT_EQ(FeverOf(tree, 5, *series, "A"), (std::vector<int64_t>{60, 120, 60, 36, 0}));
}

TEST(DeriveLeafSeries, RejectsProvinceRowsThatDoNotFit) {
  const RegionTree tree = SmallTree();
  std::vector<ProvinceDay> provinces = SmallProvinces();
  provinces.push_back({Date::FromCivil(2022, 5, 13), "A1", 1, {}, {}, {}});  // not a province
  provinces.push_back({Date::FromCivil(2022, 5, 13), "X", 1, {}, {}, {}});   // unknown
  provinces.push_back({Date::FromCivil(2022, 5, 20), "B", 1, {}, {}, {}});   // no national day
  provinces.push_back({Date::FromCivil(2022, 5, 13), "B", 1, {}, {}, {}});   // repeated
  Result<DerivedSeries> series = DeriveLeafSeries(tree, SmallNational(), provinces);
  ASSERT_FALSE(series.ok());
  EXPECT_EQ(series.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(series.status().details(),
            (std::vector<std::string>{
                R"(provinces 2022-05-13 A1: region "A1" is not a child of N)",
                R"(provinces 2022-05-13 X: region "X" is not a child of N)",
                "provinces 2022-05-20 B: date is not a national day (2022-05-12 to 2022-05-16)",
                "provinces 2022-05-13 B: the same province and day appear twice",
            }));
}

TEST(DeriveLeafSeries, RejectsEmptyGappedOrImpossibleNationalSeries) {
  const RegionTree tree = SmallTree();
  EXPECT_FALSE(DeriveLeafSeries(tree, {}, {}).ok());

  std::vector<NationalDay> gapped = SmallNational();
  gapped.erase(gapped.begin() + 2);
  Result<DerivedSeries> series = DeriveLeafSeries(tree, gapped, {});
  ASSERT_FALSE(series.ok());
  EXPECT_EQ(series.status().details().front(),
            "national 2022-05-15: follows 2022-05-13; the days must be consecutive");

  std::vector<NationalDay> impossible = SmallNational();
  impossible[4].new_recovered = 400;  // only 350 under treatment the day before
  series = DeriveLeafSeries(tree, impossible, {});
  ASSERT_FALSE(series.ok());
  EXPECT_NE(series.status().ToString().find("national 2022-05-16: 400 recovered"),
            std::string::npos)
      << series.status().ToString();

  std::vector<NationalDay> opening = SmallNational();
  opening[0].cum_recovered = 1000;  // more recovered than cases before the first day
  EXPECT_FALSE(DeriveLeafSeries(tree, opening, {}).ok());
}

#ifdef OUTBREAK_TEST_DATA_DIR

std::string ReadDataFile(const std::string& name) {
  std::ifstream in(std::string(OUTBREAK_TEST_DATA_DIR) + "/dprk2022/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << name;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(DeriveLeafSeries, ReproducesThe2022NationalSeries) {
  Result<ParsedRegions> regions = ParseRegionsCsv(ReadDataFile("regions.csv"), "regions.csv");
  ASSERT_TRUE(regions.ok()) << regions.status().ToString();
  Result<RegionTree> tree = RegionTree::Build(std::move(regions->regions));
  ASSERT_TRUE(tree.ok()) << tree.status().ToString();
  Result<std::vector<NationalDay>> national =
      ParseNationalCsv(ReadDataFile("national.csv"), "national.csv");
  ASSERT_TRUE(national.ok()) << national.status().ToString();
  Result<std::vector<ProvinceDay>> provinces =
      ParseProvincesCsv(ReadDataFile("provinces.csv"), "provinces.csv");
  ASSERT_TRUE(provinces.ok()) << provinces.status().ToString();
  ASSERT_EQ(national->size(), 90u);
  ASSERT_EQ(provinces->size(), 695u);

  Result<DerivedSeries> series = DeriveLeafSeries(*tree, *national, *provinces);
  ASSERT_TRUE(series.ok()) << series.status().ToString();
  EXPECT_EQ(series->openings.size(), 208u);  // 194 cities/counties, 14 districts
  ExpectConsistent(*tree, *national, *series);

  const OpeningBalance total_opening = [&] {
    OpeningBalance sum;
    for (const OpeningBalance& opening : series->openings) {
      sum.fever += opening.fever;
      sum.recovered += opening.recovered;
      sum.deaths += opening.deaths;
    }
    return sum;
  }();
  EXPECT_EQ(total_opening.fever, 332000);
  EXPECT_EQ(total_opening.recovered, 162200);
  EXPECT_EQ(total_opening.deaths, 6);

  const Date may_20 = Date::FromCivil(2022, 5, 20);
  int64_t fever_may_20 = 0, deaths_to_may_20 = total_opening.deaths;
  int64_t fever = total_opening.fever, recovered = total_opening.recovered;
  int64_t deaths = total_opening.deaths;
  for (const DailyReport& report : series->reports) {
    if (report.date == may_20) fever_may_20 += report.counts.new_fever;
    if (report.date <= may_20) deaths_to_may_20 += report.counts.new_deaths;
    fever += report.counts.new_fever;
    recovered += report.counts.new_recovered;
    deaths += report.counts.new_deaths;
  }
  EXPECT_EQ(fever_may_20, 219030);
  EXPECT_EQ(deaths_to_may_20, 66);
  // Sums of the rounded published dailies: the published cumulative figures are 4,772,813 and
  // 4,772,739; deaths agree at 74.
  EXPECT_EQ(fever, 4772452);
  EXPECT_EQ(recovered, 4772439);
  EXPECT_EQ(deaths, 74);

  // Each province gets at least its broadcast figure on every broadcast day (no day's broadcast
  // figures exceed the national one in this series).
  const auto totals = RegionTotals(*tree, national->size(), *series);
  for (const ProvinceDay& row : *provinces) {
    if (!row.new_fever) continue;
    const int64_t derived =
        totals[*tree->Find(row.region)][row.date - national->front().date].new_fever;
    EXPECT_GE(derived, *row.new_fever) << row.region << " " << row.date.ToString();
  }
}

#endif  // OUTBREAK_TEST_DATA_DIR

}  // namespace
}  // namespace outbreak::surveillance
