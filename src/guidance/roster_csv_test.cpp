// The roster file: all-or-nothing, every error as file:line: field: "value" reason.

#include "guidance/roster_csv.hpp"

#include <gtest/gtest.h>

namespace outbreak::guidance {
namespace {

std::string CheckHome(std::string_view code) {
  return code.starts_with("KP-") && code.size() == 5 ? "" : "is not a province";
}

TEST(RosterCsv, ReadsOfficialsWithTheirExpertiseAndAvailability) {
  auto roster = ParseRosterCsv(
      "code,name,position,home,expertise,available,user\n"
      "OF-1,Kim A,presidium_member,KP-01,industry;agriculture,yes,\n"
      "OF-2,Ri B,department_official,KP-04,,no,team4\n",
      "roster.csv", CheckHome);
  ASSERT_TRUE(roster.ok()) << roster.status().ToString();
  ASSERT_EQ(roster->size(), 2u);
  EXPECT_EQ((*roster)[0].expertise, (std::vector<std::string>{"agriculture", "industry"}));
  EXPECT_TRUE((*roster)[0].available);
  EXPECT_TRUE(MayLead((*roster)[0].position));
  EXPECT_FALSE((*roster)[1].available);
  EXPECT_EQ((*roster)[1].user, "team4");
}

TEST(RosterCsv, ReportsEveryBadFieldAndImportsNothing) {
  auto roster = ParseRosterCsv(
      "code,name,position,home,expertise,available\n"
      "OF-1,Kim A,general,KP-01,industry,yes\n"
      "OF-1,,secretary,KP-99X,farming,maybe\n",
      "roster.csv", CheckHome);
  ASSERT_FALSE(roster.ok());
  EXPECT_EQ(roster.status().code(), StatusCode::kInvalidArgument);
  const std::string text = roster.status().ToString();
  for (const char* expected :
       {"roster.csv:2: position: \"general\" is not presidium_member",
        "roster.csv:3: code: \"OF-1\" appears twice", "roster.csv:3: name: \"\" is empty",
        "roster.csv:3: home: \"KP-99X\" is not a province",
        "roster.csv:3: expertise: \"farming\" has \"farming\", which is not agriculture",
        "roster.csv:3: available: \"maybe\" is not true or false"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
}

TEST(RosterCsv, RefusesAFileWithoutTheRequiredColumns) {
  auto roster = ParseRosterCsv("code,name,home\nOF-1,Kim,KP-01\n", "roster.csv", CheckHome);
  ASSERT_FALSE(roster.ok());
  EXPECT_NE(roster.status().ToString().find("position"), std::string::npos);
}

}  // namespace
}  // namespace outbreak::guidance
