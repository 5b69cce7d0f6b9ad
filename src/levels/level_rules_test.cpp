#include "levels/level_rules.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace outbreak::levels {
namespace {

std::string ReadDataFile(const std::string& name) {
  std::ifstream in(std::string(OUTBREAK_TEST_DATA_DIR) + "/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool HasDetail(const Status& status, const std::string& text) {
  return std::any_of(status.details().begin(), status.details().end(),
                     [&](const std::string& detail) { return detail == text; });
}

TEST(LevelRules, TheDefaultRulesFileParses) {
  Result<LevelRules> rules =
      ParseLevelRules(ReadDataFile("prevention_rules.txt"), "prevention_rules.txt");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  ASSERT_EQ(rules->levels.size(), 3u);
  EXPECT_EQ(rules->levels[0].key, "normal");
  EXPECT_EQ(rules->levels[1].key, "heightened");
  EXPECT_EQ(rules->levels[2].key, "maximum_emergency");
  EXPECT_FALSE(rules->version.empty());
  for (const Level& level : rules->levels) EXPECT_FALSE(level.measures.empty()) << level.key;
}

TEST(LevelRules, ParsesSettingsLevelsAndConditions) {
  Result<LevelRules> rules = ParseLevelRules(R"(# comment
version = 7
region_level = 2
raise_after_days = 4
lower_after_days = 5
min_days_at_level = 21

[level green]
name = Green
measure = Masks indoors
[level red]
name = Red
measure = Isolation by work unit and residential unit
measure = No gatherings
min_days = 30
raise = medicine_days_of_cover <= 7
raise = rt_upper > 1.2
lower = medicine_days_of_cover > 14
lower = rt_upper < 0.9
)",
                                             "r.txt");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->version, "7");
  EXPECT_EQ(rules->region_level, 2);
  EXPECT_EQ(rules->raise_after_days, 4);
  EXPECT_EQ(rules->lower_after_days, 5);
  EXPECT_EQ(rules->MinDaysAt(1), 30);
  EXPECT_EQ(rules->MinDaysAt(0), 21);
  ASSERT_EQ(rules->levels[1].raise.size(), 2u);
  EXPECT_EQ(rules->levels[1].raise[0].ToString(), "medicine_days_of_cover <= 7");
  EXPECT_EQ(rules->levels[1].raise[0].line, 16);
  EXPECT_EQ(rules->levels[1].lower[1].ToString(), "rt_upper < 0.9");
  EXPECT_EQ(rules->levels[1].measures.size(), 2u);
  EXPECT_EQ(rules->IndexOf("red"), std::optional<int>(1));
  EXPECT_EQ(rules->IndexOf("blue"), std::nullopt);
}

TEST(LevelRules, ReportsEveryMistakeAtOnceWithLineAndField) {
  Result<LevelRules> rules = ParseLevelRules(R"(version = 1
raise_after_days = three
colour = red
[level normal]
name = Normal
raise = incidence_7d_per_100k >= 5
[level high]
raise = incidence_per_day >= 50
raise = rt_upper => 1.2
lower = incidence_7d_per_100k < 60
raise = incidence_7d_per_100k >= 50
min_days = -1
[level high]
name = Again
this is not a setting
)",
                                             "bad.txt");
  ASSERT_FALSE(rules.ok());
  const Status& status = rules.status();
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(HasDetail(
      status, "bad.txt:2: raise_after_days: \"three\" is not a whole number from 1 to 60"))
      << status.ToString();
  EXPECT_TRUE(HasDetail(status,
                        "bad.txt:3: colour: is not a setting of the file (version, region_level, "
                        "raise_after_days, lower_after_days, min_days_at_level)"));
  EXPECT_TRUE(HasDetail(
      status, "bad.txt:6: raise: normal is the lowest level: nothing raises a region to it"));
  EXPECT_TRUE(HasDetail(status, "bad.txt:7: name: level high has no name = ..."));
  EXPECT_TRUE(HasDetail(status, "bad.txt:8: raise: \"incidence_per_day\" is not an indicator (" +
                                    IndicatorList() + ")"));
  EXPECT_TRUE(
      HasDetail(status,
                "bad.txt:9: raise: \"rt_upper => 1.2\" is not INDICATOR OP NUMBER with OP one of "
                ">=, >, <=, <"));
  EXPECT_TRUE(HasDetail(status,
                        "bad.txt:10: lower: \"incidence_7d_per_100k < 60\" must be strictly below "
                        "the raise threshold of \"incidence_7d_per_100k >= 50\" (line 11), or a "
                        "region could flap between levels"));
  EXPECT_TRUE(
      HasDetail(status, "bad.txt:12: min_days: \"-1\" is not a whole number from 0 to 3650"));
  EXPECT_TRUE(HasDetail(status, "bad.txt:13: level: high is already defined on line 7"));
  EXPECT_TRUE(HasDetail(status,
                        "bad.txt:15: \"this is not a setting\" is not a comment, a [level KEY] "
                        "section or a KEY = VALUE setting"));
  EXPECT_EQ(status.details().size(), 10u) << status.ToString();
}

TEST(LevelRules, ARaiseWithoutALowerOnTheSameIndicatorIsRefused) {
  Result<LevelRules> rules = ParseLevelRules(R"(version = 1
[level normal]
name = Normal
[level high]
name = High
raise = rt_upper >= 1.2
raise = incidence_7d_per_100k >= 50
lower = incidence_7d_per_100k < 20
lower = incidence_7d_per_100k >= 10
)",
                                             "h.txt");
  ASSERT_FALSE(rules.ok());
  EXPECT_TRUE(HasDetail(rules.status(),
                        "h.txt:6: raise: level high raises on rt_upper but has no lower condition "
                        "on it: a region lowered from it could be raised again at once"))
      << rules.status().ToString();
  EXPECT_TRUE(HasDetail(rules.status(),
                        "h.txt:9: lower: \"incidence_7d_per_100k >= 10\" points the same way as "
                        "the raise condition \"incidence_7d_per_100k >= 50\" (line 7): a lower "
                        "condition must point the other way"));
  EXPECT_EQ(rules.status().details().size(), 2u);
}

TEST(LevelRules, AFileWithoutVersionOrLevelsSaysSo) {
  Result<LevelRules> rules = ParseLevelRules("# nothing\n[level only]\nname = Only\n", "e.txt");
  ASSERT_FALSE(rules.ok());
  EXPECT_TRUE(HasDetail(rules.status(), "e.txt:1: version: missing: say which rules these are"));
  EXPECT_TRUE(HasDetail(
      rules.status(),
      "e.txt:1: level: 1 level(s) defined; at least two [level KEY] sections are needed"));
}

}  // namespace
}  // namespace outbreak::levels
