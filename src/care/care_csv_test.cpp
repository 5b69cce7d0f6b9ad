#include "care/care_csv.hpp"

#include <gtest/gtest.h>

#include "care/travel.hpp"

namespace outbreak::care {
namespace {

RegionTree Tree() {
  return *RegionTree::Build({{"KP", "Nation", "", "", 0, 3, std::nullopt, std::nullopt},
                             {"KP-01", "P1", "", "KP", 1, 2, 39.0, 125.7},
                             {"KP-01-001", "C1", "", "KP-01", 2, 1, std::nullopt, std::nullopt},
                             {"KP-01-002", "C2", "", "KP-01", 2, 1, std::nullopt, std::nullopt}});
}

bool Mentions(const Status& status, const std::string& text) {
  for (const std::string& detail : status.details()) {
    if (detail.find(text) != std::string::npos) return true;
  }
  return status.message().find(text) != std::string::npos;
}

TEST(CentresCsv, ParsesWithDefaults) {
  auto centres = ParseCentresCsv(
      "code,name,region,kind,beds_general\nKP-01-001-DTC,Central DTC,KP-01-001,"
      "district_treatment_centre,120\nKP-01-H,Provincial,KP-01,hospital,\n",
      "c.csv", Tree());
  ASSERT_TRUE(centres.ok()) << centres.status().ToString();
  ASSERT_EQ(centres->size(), 2u);
  EXPECT_EQ((*centres)[0].TotalBeds(), 120);
  EXPECT_EQ((*centres)[0].status, CentreStatus::kOpen);
  EXPECT_EQ((*centres)[1].kind, CentreKind::kHospital);
  EXPECT_EQ((*centres)[1].TotalBeds(), 0);
}

TEST(CentresCsv, NamesEveryBadFieldAndImportsNothing) {
  auto centres = ParseCentresCsv(
      "code,name,region,kind,status,beds_general\n"
      "A,Alpha,KP-09,clinic,open,10\n"
      "B,,KP-01,hospital,shut,-4\n"
      "A,Again,KP-01,hospital,open,1\n",
      "c.csv", Tree());
  ASSERT_FALSE(centres.ok());
  const Status& s = centres.status();
  EXPECT_TRUE(Mentions(s, "c.csv:2: region: \"KP-09\" is not a known region"));
  EXPECT_TRUE(Mentions(s, "c.csv:2: kind: \"clinic\""));
  EXPECT_TRUE(Mentions(s, "c.csv:3: name: \"\" is empty"));
  EXPECT_TRUE(Mentions(s, "c.csv:3: status: \"shut\""));
  EXPECT_TRUE(Mentions(s, "c.csv:3: beds_general: \"-4\""));
  EXPECT_TRUE(Mentions(s, "c.csv:4: code: \"A\" appears twice"));
  EXPECT_TRUE(Mentions(s, "nothing was imported"));
}

TEST(CensusCsv, RejectsUnknownCentresNegativeCountsAndRepeats) {
  auto known = [](std::string_view code) { return code == "A"; };
  auto ok = ParseCensusCsv("centre,date,occupied,admitted,discharged,died\nA,2022-05-20,10,3,1,0\n",
                           "s.csv", known);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ((*ok)[0].occupied, 10);
  EXPECT_EQ((*ok)[0].transferred, 0);
  auto bad = ParseCensusCsv(
      "centre,date,occupied,admitted,discharged,died,transferred\n"
      "B,2022-05-20,1,0,0,0,0\n"
      "A,2022-05-32,-1,0,0,0,x\n"
      "A,2022-05-21,1,0,0,0,0\n"
      "A,2022-05-21,2,0,0,0,0\n",
      "s.csv", known);
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(Mentions(bad.status(), "s.csv:2: centre: \"B\" is not a known treatment centre"));
  EXPECT_TRUE(Mentions(bad.status(), "s.csv:3: date: \"2022-05-32\""));
  EXPECT_TRUE(Mentions(bad.status(), "s.csv:3: occupied: \"-1\""));
  EXPECT_TRUE(Mentions(bad.status(), "s.csv:3: transferred: \"x\""));
  EXPECT_TRUE(Mentions(bad.status(), "s.csv:5: date: \"2022-05-21\" appears twice for centre"));
}

TEST(WorkforceCsv, ParsesAndRejectsUnknownCategories) {
  auto ok = ParseWorkforceCsv("region,category,date,on_duty,ill\nKP-01-001,nurse,2022-05-12,40,2\n",
                              "w.csv", Tree());
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ((*ok)[0].category, WorkerCategory::kNurse);
  EXPECT_EQ((*ok)[0].Total(), 42);
  auto bad = ParseWorkforceCsv(
      "region,category,date,on_duty\nKP-01-001,surgeon,2022-05-12,4\nXX,nurse,2022-05-12,\n",
      "w.csv", Tree());
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(
      Mentions(bad.status(), "w.csv:2: category: \"surgeon\" is not doctor, section_doctor"));
  EXPECT_TRUE(Mentions(bad.status(), "w.csv:3: region: \"XX\""));
  EXPECT_TRUE(Mentions(bad.status(), "w.csv:3: on_duty: \"\" is empty"));
}

TEST(TravelCsv, ParsesHoursAndRejectsBadRows) {
  auto ok = ParseTravelCsv("from,to,hours\nKP-01-001,KP-01-002,1.5\n", "t.csv", Tree());
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_DOUBLE_EQ((*ok)[0].hours, 1.5);
  auto bad = ParseTravelCsv(
      "from,to,hours\nKP-01-001,KP-01-001,1\nKP-01-001,XX,0\nKP-01-001,KP-01-002,2\n"
      "KP-01-001,KP-01-002,3\n",
      "t.csv", Tree());
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(Mentions(bad.status(), "t.csv:2: to: \"KP-01-001\" is the same region"));
  EXPECT_TRUE(Mentions(bad.status(), "t.csv:3: to: \"XX\" is not a known region"));
  EXPECT_TRUE(Mentions(bad.status(), "t.csv:3: hours: \"0\" is not a positive number"));
  EXPECT_TRUE(Mentions(bad.status(), "t.csv:5: to: \"KP-01-002\" repeats the pair"));
}

TEST(Travel, GreatCircleAndReach) {
  // Pyongyang to Sinuiju is about 170 km as the crow flies.
  EXPECT_NEAR(GreatCircleKm(39.02, 125.75, 40.10, 124.40), 167, 5);
  std::vector<std::optional<Centroid>> centroids = {Centroid{39.0, 125.7}, Centroid{39.0, 126.7},
                                                    std::nullopt};
  // 86 km apart: 2.2 hours at 40 km/h; the third region is reached only through the table.
  auto reach = ReachableWithin(centroids, std::vector<TravelLeg>{{2, 0, 1.0}}, 3, 40);
  ASSERT_EQ(reach[0].size(), 2u);
  EXPECT_EQ(reach[0][0].to, 1);
  EXPECT_NEAR(reach[0][0].minutes, 130, 2);
  EXPECT_EQ(reach[0][1].to, 2);
  EXPECT_EQ(reach[0][1].minutes, 60);
  ASSERT_EQ(reach[2].size(), 1u);  // the leg serves both directions
  EXPECT_TRUE(ReachableWithin(centroids, {}, 2, 40)[0].empty());
}

}  // namespace
}  // namespace outbreak::care
