#include "levels/action_programme.hpp"

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

LevelRules ThreeLevels() {
  LevelRules rules;
  rules.version = "t";
  rules.levels = {{"normal", "Normal", {}, {}, {}, {}},
                  {"heightened", "Heightened", {}, {}, {}, {}},
                  {"maximum_emergency", "Maximum emergency", {}, {}, {}, {}}};
  return rules;
}

bool HasDetail(const Status& status, const std::string& text) {
  return std::any_of(status.details().begin(), status.details().end(),
                     [&](const std::string& detail) { return detail == text; });
}

TEST(ActionProgrammes, TheDefaultProgrammesParseAgainstTheDefaultRules) {
  Result<LevelRules> rules =
      ParseLevelRules(ReadDataFile("prevention_rules.txt"), "prevention_rules.txt");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  Result<ActionProgrammes> programmes =
      ParseActionProgrammes(ReadDataFile("action_programmes.txt"), "action_programmes.txt", *rules);
  ASSERT_TRUE(programmes.ok()) << programmes.status().ToString();
  EXPECT_FALSE(programmes->tasks.at("maximum_emergency").empty());
  EXPECT_FALSE(programmes->tasks.at("heightened").empty());
}

TEST(ActionProgrammes, PlacesTasksOnTheCalendarFromTheDecisionDay) {
  Result<ActionProgrammes> programmes = ParseActionProgrammes(R"(version = 3
[level maximum_emergency]
task = 0 | county people's committee | Lock down the county
task = 2 | county health bureau | Open the district treatment centre | 24 hours
)",
                                                              "p.txt", ThreeLevels());
  ASSERT_TRUE(programmes.ok()) << programmes.status().ToString();
  const Date day = Date::FromCivil(2022, 5, 12);
  const std::vector<PlannedTask> tasks = TasksFor(*programmes, "maximum_emergency", day);
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[0].due, day);
  EXPECT_EQ(tasks[0].unit, "county people's committee");
  EXPECT_EQ(tasks[1].due, day + 2);
  EXPECT_EQ(tasks[1].title, "Open the district treatment centre | 24 hours");
  EXPECT_TRUE(TasksFor(*programmes, "normal", day).empty());
}

TEST(ActionProgrammes, ReportsEveryBadLine) {
  Result<ActionProgrammes> programmes = ParseActionProgrammes(R"(owner = me
[level purple]
task = 1 | unit | title
[level heightened]
task = soon | unit | title
task = 1 | | title
task = 1 unit title
deadline = 3
)",
                                                              "p.txt", ThreeLevels());
  ASSERT_FALSE(programmes.ok());
  const Status& status = programmes.status();
  EXPECT_TRUE(HasDetail(status, "p.txt:1: owner: is not a setting of the file (version)"))
      << status.ToString();
  EXPECT_TRUE(HasDetail(status, "p.txt:1: version: missing: say which programmes these are"));
  EXPECT_TRUE(HasDetail(status,
                        "p.txt:2: level: \"purple\" is not a level of the rules (normal, "
                        "heightened, maximum_emergency)"));
  EXPECT_TRUE(
      HasDetail(status, "p.txt:5: task: days: \"soon\" is not a whole number from 0 to 365"));
  EXPECT_TRUE(HasDetail(status, "p.txt:6: task: unit: is empty"));
  EXPECT_TRUE(HasDetail(status, "p.txt:7: task: \"1 unit title\" is not DAYS | UNIT | TITLE"));
  EXPECT_TRUE(HasDetail(status, "p.txt:8: deadline: is not a setting of a level (task)"));
  EXPECT_EQ(status.details().size(), 7u);
}

TEST(ActionProgrammes, ATaskIsOverdueOnlyAfterItsDueDay) {
  const Date due = Date::FromCivil(2022, 5, 14);
  EXPECT_EQ(StateOn(due, false, due), TaskState::kOpen);
  EXPECT_EQ(StateOn(due, false, due + 1), TaskState::kOverdue);
  EXPECT_EQ(StateOn(due, true, due + 10), TaskState::kDone);
  EXPECT_EQ(TaskStateName(TaskState::kOverdue), "overdue");
}

}  // namespace
}  // namespace outbreak::levels
