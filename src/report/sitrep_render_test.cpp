#include "report/sitrep_render.hpp"

#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "surveillance/epidemic_cube.hpp"

namespace outbreak::report {
namespace {

using surveillance::DailyReport;
using surveillance::EpidemicCube;
using surveillance::OpeningBalance;
using surveillance::ReportCounts;
using surveillance::SituationReport;

Region MakeRegion(std::string code, std::string name, std::string name_local, std::string parent,
                  int level, int64_t population) {
  Region region;
  region.code = std::move(code);
  region.name = std::move(name);
  region.name_local = std::move(name_local);
  region.parent = std::move(parent);
  region.level = level;
  region.population = population;
  return region;
}

const Date kMay20 = Date::FromCivil(2022, 5, 20);

ReportCounts Counts(int64_t fever, int64_t recovered, int64_t deaths, int64_t under_treatment) {
  ReportCounts counts;
  counts.new_fever = fever;
  counts.new_recovered = recovered;
  counts.new_deaths = deaths;
  counts.under_treatment = under_treatment;
  return counts;
}

// The nation with two reporting units, reporting on 19 and 20 May; Pyongyang opens with the
// figures since late April.
//
// On 20 May: 150,123 + 113,247 = 263,370 new cases (200,000 the day before), 120,456 recovered,
// 1 death. In all 563,370 cases, 250,456 recovered, 14 deaths; 199,654 + 113,246 = 312,900 under
// treatment.
class SitrepFixture {
 public:
  SitrepFixture()
      : tree_(BuildTree()),
        cube_(tree_),
        pyongyang_(tree_.Find("KP-01").value()),
        phyongan_(tree_.Find("KP-02").value()) {
    OpeningBalance opening;
    opening.region = pyongyang_;
    opening.as_of = kMay20 - 8;
    opening.fever = 100'000;
    opening.recovered = 40'000;
    opening.deaths = 10;
    cube_.SetOpenings(std::span<const OpeningBalance>(&opening, 1));
    const std::vector<DailyReport> reports = {
        {pyongyang_, kMay20 - 1, Counts(120'000, 60'000, 2, 119'988)},
        {phyongan_, kMay20 - 1, Counts(80'000, 30'000, 1, 49'999)},
        {pyongyang_, kMay20, Counts(150'123, 70'456, 1, 199'654)},
        {phyongan_, kMay20, Counts(113'247, 50'000, 0, 113'246)},
    };
    cube_.Apply(reports);
  }

  SituationReport Report() const {
    return surveillance::BuildSituationReport(cube_, tree_.root(), kMay20);
  }
  const RegionTree& tree() const { return tree_; }

 private:
  static RegionTree BuildTree() {
    Result<RegionTree> tree = RegionTree::Build({
        MakeRegion("KP", "DPR Korea", "조선", "", 0, 25'000'000),
        MakeRegion("KP-01", "Pyongyang", "평양", "KP", 1, 3'000'000),
        MakeRegion("KP-02", "South Phyongan", "", "KP", 1, 4'000'000),
    });
    EXPECT_TRUE(tree.ok()) << tree.status().ToString();
    return std::move(tree).value();
  }

  RegionTree tree_;
  EpidemicCube cube_;
  RegionIdx pyongyang_;
  RegionIdx phyongan_;
};

void ExpectContains(const std::string& text, const std::string& part) {
  EXPECT_NE(text.find(part), std::string::npos) << "missing: " << part << "\nin:\n" << text;
}

std::set<std::string> Keys(const boost::json::object& object) {
  std::set<std::string> keys;
  for (const auto& [key, value] : object) keys.emplace(key);
  return keys;
}

int64_t Int(const boost::json::value& value) { return boost::json::value_to<int64_t>(value); }

TEST(RenderSitrepText, GivesTheHeadlineNumbersWithSeparatorsAndLocalNames) {
  const SitrepFixture fixture;
  const std::string text = RenderSitrepText(fixture.Report(), fixture.tree());
  EXPECT_EQ(text.rfind("SITUATION REPORT: DPR Korea (조선), as of 20 May 2022\n", 0), 0u) << text;
  ExpectContains(text,
                 "From 18:00 on 19 May 2022 to 18:00 on 20 May 2022, 263,370 new fever cases were "
                 "reported in DPR Korea; 120,456 persons recovered and 1 person died.\n");
  ExpectContains(text,
                 "In all, 563,370 persons have had fever, of whom 250,456 have recovered and 14 "
                 "have died; 312,900 are under treatment.\n");
  ExpectContains(text, "Reporting: 2 of 2 reporting units reported (100.0%).");
}

TEST(RenderSitrepText, TabulatesTodayTheChangesAndTheWeeklyAverage) {
  const SitrepFixture fixture;
  const std::string text = RenderSitrepText(fixture.Report(), fixture.tree());
  // The week before 20 May lies before the first report: there is no change to give, and the
  // average is over the two days with reports, (200,000 + 263,370) / 2, saying so; the opening
  // balance is not new cases.
  const size_t row = text.find("New fever cases ");
  ASSERT_NE(row, std::string::npos) << text;
  const std::string line = text.substr(row, text.find('\n', row) - row);
  ExpectContains(line, " 263,370 ");
  ExpectContains(line, " +63,370 ");
  ExpectContains(line, " n/a ");
  EXPECT_TRUE(line.ends_with(" 231,685.0 (2 d)")) << line;
  const size_t treatment = text.find("Under treatment ");
  ASSERT_NE(treatment, std::string::npos);
  const std::string treatment_line = text.substr(treatment, text.find('\n', treatment) - treatment);
  ExpectContains(treatment_line, " 312,900 ");
  ExpectContains(treatment_line, " +142,913 ");
  ExpectContains(treatment_line, " n/a");
}

TEST(RenderSitrepText, SaysNoReportRatherThanZerosOnADayWithoutData) {
  const SitrepFixture fixture;
  surveillance::SituationReport report = fixture.Report();
  report.region.completeness.reported = 0;
  const std::string text = RenderSitrepText(report, fixture.tree());
  ExpectContains(text, "No report: no reporting unit of DPR Korea has reported for the day");
  EXPECT_EQ(text.find("new fever cases were reported"), std::string::npos) << text;
  EXPECT_EQ(text.find("vs day before"), std::string::npos) << text;
}

TEST(RenderSitrepText, HeadlinesAPartialDayAsProvisionalAndShowsALaterOneBeside) {
  const SitrepFixture fixture;
  surveillance::SituationReport report = fixture.Report();
  report.region.completeness.reported = 1;
  const std::string partial = RenderSitrepText(report, fixture.tree());
  ExpectContains(partial,
                 "PROVISIONAL: 1 of 2 reporting units have reported for this day; the figures are "
                 "theirs only.\nFrom 18:00");
  surveillance::SituationReport complete = fixture.Report();
  complete.provisional = complete.region;
  complete.provisional->completeness.reported = 1;
  complete.provisional_day = complete.as_of + 1;
  ExpectContains(RenderSitrepText(complete, fixture.tree()),
                 "Provisional, 21 May 2022: 1 of 2 reporting units have reported so far: 263,370 "
                 "new fever cases.");
}

TEST(RenderSitrepText, ListsTheChildRegionsMostNewCasesFirst) {
  const SitrepFixture fixture;
  const std::string text = RenderSitrepText(fixture.Report(), fixture.tree());
  ExpectContains(text, "By region, most new fever cases first:\n");
  const size_t pyongyang = text.find("KP-01 Pyongyang");
  const size_t phyongan = text.find("KP-02 South Phyongan");
  ASSERT_NE(pyongyang, std::string::npos) << text;
  ASSERT_NE(phyongan, std::string::npos) << text;
  EXPECT_LT(pyongyang, phyongan);
  const std::string line = text.substr(pyongyang, text.find('\n', pyongyang) - pyongyang);
  ExpectContains(line, " 150,123 ");
  ExpectContains(line, " 5,004.1 ");  // per 100,000 of 3,000,000
  ExpectContains(line, " 199,654 ");
  ExpectContains(line, " 370,123 ");
  EXPECT_TRUE(line.ends_with(" 1/1")) << line;
}

TEST(RenderSitrepText, UsesTheDayCloseHourOfTheStyle) {
  const SitrepFixture fixture;
  SitrepStyle style;
  style.day_close_hour = 6;
  const std::string text = RenderSitrepText(fixture.Report(), fixture.tree(), style);
  ExpectContains(text, "From 06:00 on 19 May 2022 to 06:00 on 20 May 2022, 263,370 new");
}

TEST(RenderSitrepText, LeavesOutTheRegionTableForAReportingUnit) {
  const SitrepFixture fixture;
  const RegionIdx pyongyang = fixture.tree().Find("KP-01").value();
  SituationReport report = fixture.Report();
  report.region = report.children.front();
  report.children.clear();
  ASSERT_EQ(report.region.region, pyongyang);
  const std::string text = RenderSitrepText(report, fixture.tree());
  EXPECT_EQ(text.rfind("SITUATION REPORT: Pyongyang (평양), as of 20 May 2022\n", 0), 0u) << text;
  ExpectContains(text,
                 "150,123 new fever cases were reported in Pyongyang; 70,456 persons "
                 "recovered and 1 person died.");
  ExpectContains(text, "Reporting: 1 of 1 reporting units reported (100.0%).");
  EXPECT_EQ(text.find("By region"), std::string::npos);
}

TEST(RenderSitrepMarkdown, GivesAHeadingTheHeadlineAndATable) {
  const SitrepFixture fixture;
  const std::string markdown = RenderSitrepMarkdown(fixture.Report(), fixture.tree());
  EXPECT_EQ(markdown.rfind("# Situation report: DPR Korea (조선), as of 20 May 2022\n\n", 0), 0u)
      << markdown;
  ExpectContains(markdown, "263,370 new fever cases were reported in DPR Korea");
  ExpectContains(markdown,
                 "| | today | vs day before | vs week before | 7-day avg |\n"
                 "|---|---:|---:|---:|---:|\n"
                 "| New fever cases | 263,370 | +63,370 | n/a | 231,685.0 (2 d) |\n"
                 "| Recovered | 120,456 | +30,456 | n/a | 105,228.0 (2 d) |\n"
                 "| Deaths | 1 | -2 | n/a | 2.0 (2 d) |\n"
                 "| Under treatment | 312,900 | +142,913 | n/a |  |\n");
  ExpectContains(markdown, "\nReporting: 2 of 2 reporting units reported (100.0%).\n");
}

TEST(RenderSitrepMarkdown, TabulatesTheChildRegionsWithLocalNames) {
  const SitrepFixture fixture;
  const std::string markdown = RenderSitrepMarkdown(fixture.Report(), fixture.tree());
  ExpectContains(markdown,
                 "## By region\n\n"
                 "| region | new fever | per 100k | recovered | deaths | under treatment | "
                 "cumulative | reported |\n"
                 "|---|---:|---:|---:|---:|---:|---:|---:|\n"
                 "| Pyongyang (평양) | 150,123 | 5,004.1 | 70,456 | 1 | 199,654 | 370,123 | 1/1 |\n"
                 "| South Phyongan | 113,247 | 2,831.2 | 50,000 | 0 | 113,246 | 193,247 | 1/1 |\n");
}

TEST(SitrepJson, HasExactlyTheStableTopLevelFields) {
  const SitrepFixture fixture;
  const boost::json::value parsed =
      boost::json::parse(boost::json::serialize(SitrepJson(fixture.Report(), fixture.tree())));
  ASSERT_TRUE(parsed.is_object());
  EXPECT_EQ(Keys(parsed.as_object()),
            (std::set<std::string>{"as_of", "region", "new", "cumulative", "under_treatment",
                                   "data", "change_1d", "change_7d", "avg_7d", "new_per_100k",
                                   "completeness", "children", "provisional"}));
}

TEST(SitrepJson, CarriesTheFiguresOfTheRegion) {
  const SitrepFixture fixture;
  const boost::json::value parsed =
      boost::json::parse(boost::json::serialize(SitrepJson(fixture.Report(), fixture.tree())));
  const boost::json::object& sitrep = parsed.as_object();
  EXPECT_EQ(sitrep.at("as_of").as_string(), "2022-05-20");
  const boost::json::object& region = sitrep.at("region").as_object();
  EXPECT_EQ(region.at("code").as_string(), "KP");
  EXPECT_EQ(region.at("name").as_string(), "DPR Korea");
  EXPECT_EQ(region.at("name_local").as_string(), "조선");
  EXPECT_EQ(Int(region.at("level")), 0);
  EXPECT_EQ(Int(region.at("population")), 25'000'000);
  EXPECT_TRUE(region.at("parent").is_null());
  const boost::json::object& fresh = sitrep.at("new").as_object();
  EXPECT_EQ(Int(fresh.at("fever")), 263'370);
  EXPECT_EQ(Int(fresh.at("recovered")), 120'456);
  EXPECT_EQ(Int(fresh.at("deaths")), 1);
  EXPECT_EQ(Int(fresh.at("tested")), 0);
  EXPECT_EQ(Int(fresh.at("positive")), 0);
  const boost::json::object& cumulative = sitrep.at("cumulative").as_object();
  EXPECT_EQ(Int(cumulative.at("fever")), 563'370);
  EXPECT_EQ(Int(cumulative.at("recovered")), 250'456);
  EXPECT_EQ(Int(cumulative.at("deaths")), 14);
  EXPECT_EQ(Int(sitrep.at("under_treatment")), 312'900);
  const boost::json::object& change_1d = sitrep.at("change_1d").as_object();
  EXPECT_EQ(Int(change_1d.at("fever")), 63'370);
  EXPECT_EQ(Int(change_1d.at("deaths")), -2);
  EXPECT_EQ(Int(change_1d.at("under_treatment")), 142'913);
  EXPECT_TRUE(sitrep.at("change_7d").is_null()) << "no report a week before";
  EXPECT_NEAR(sitrep.at("avg_7d").at("fever").as_double(), 463'370.0 / 2, 1e-9);
  EXPECT_EQ(Int(sitrep.at("avg_7d").at("days")), 2);
  EXPECT_EQ(sitrep.at("data").as_string(), "complete");
  EXPECT_TRUE(sitrep.at("provisional").is_null());
  EXPECT_NEAR(sitrep.at("new_per_100k").as_double(), 263'370 * 1e5 / 25'000'000, 1e-9);
  const boost::json::object& completeness = sitrep.at("completeness").as_object();
  EXPECT_EQ(Int(completeness.at("reported")), 2);
  EXPECT_EQ(Int(completeness.at("expected")), 2);
  EXPECT_DOUBLE_EQ(completeness.at("ratio").as_double(), 1.0);
}

TEST(SitrepJson, ListsTheChildrenRankedWithTheSameFields) {
  const SitrepFixture fixture;
  const boost::json::value parsed =
      boost::json::parse(boost::json::serialize(SitrepJson(fixture.Report(), fixture.tree())));
  const boost::json::array& children = parsed.at("children").as_array();
  ASSERT_EQ(children.size(), 2u);
  for (const boost::json::value& child : children) {
    EXPECT_EQ(Keys(child.as_object()),
              (std::set<std::string>{"region", "new", "cumulative", "under_treatment", "data",
                                     "change_1d", "change_7d", "avg_7d", "new_per_100k",
                                     "completeness"}));
  }
  EXPECT_EQ(children[0].at("region").at("code").as_string(), "KP-01");
  EXPECT_EQ(children[0].at("region").at("parent").as_string(), "KP");
  EXPECT_EQ(children[0].at("region").at("name_local").as_string(), "평양");
  EXPECT_EQ(Int(children[0].at("new").at("fever")), 150'123);
  EXPECT_NEAR(children[0].at("new_per_100k").as_double(), 150'123 * 1e5 / 3'000'000, 1e-9);
  EXPECT_EQ(children[1].at("region").at("code").as_string(), "KP-02");
  EXPECT_EQ(children[1].at("region").at("name_local").as_string(), "");
  EXPECT_EQ(Int(children[1].at("cumulative").at("fever")), 193'247);
}

TEST(RegionJson, GivesTheIdentityOfARegion) {
  const SitrepFixture fixture;
  const boost::json::value region =
      RegionJson(fixture.tree(), fixture.tree().Find("KP-02").value());
  EXPECT_EQ(Keys(region.as_object()),
            (std::set<std::string>{"code", "name", "name_local", "level", "population", "parent"}));
  EXPECT_EQ(region.at("name").as_string(), "South Phyongan");
  EXPECT_EQ(Int(region.at("level")), 1);
  EXPECT_EQ(Int(region.at("population")), 4'000'000);
  EXPECT_EQ(region.at("parent").as_string(), "KP");
}

}  // namespace
}  // namespace outbreak::report
