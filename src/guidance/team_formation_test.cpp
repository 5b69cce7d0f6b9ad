// Team formation: every rule kept on generated rosters (checked by formation_checker, written apart
// from the model), pins and exclusions respected, and a diagnosis that names the rule and the
// province when the rules cannot all be met.

#include "guidance/team_formation.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "guidance/formation_checker.hpp"

namespace outbreak::guidance {
namespace {

Official Person(const std::string& code, Position position, const std::string& home,
                std::vector<std::string> expertise = {}) {
  return {code, "Name " + code, position, std::move(expertise), home, true, ""};
}

Area Province(const std::string& code, int64_t population, std::vector<std::string> needs = {}) {
  return {code, code, {code}, population, 10, 0, std::move(needs)};
}

// Three provinces and a roster that can staff them all.
FormationInput Workable() {
  FormationInput input;
  input.rules.min_size = 2;
  input.rules.max_size = 4;
  input.areas = {Province("KP-01", 3'000'000), Province("KP-04", 1'300'000),
                 Province("KP-05", 2'300'000, {"agriculture"})};
  input.officials = {
      Person("L1", Position::kPresidiumMember, "KP-01"),
      Person("L2", Position::kSecretary, "KP-04"),
      Person("L3", Position::kSecretary, "KP-05"),
      Person("D1", Position::kDepartmentOfficial, "KP-01", {"agriculture"}),
      Person("D2", Position::kDepartmentOfficial, "KP-04", {"public_health"}),
      Person("D3", Position::kDepartmentOfficial, "KP-05"),
      Person("C1", Position::kCabinetOfficial, "KP-01", {"industry"}),
      Person("J1", Position::kJudicialOfficial, "KP-04"),
      Person("H1", Position::kPublicHealthOfficial, "KP-05", {"public_health"}),
  };
  return input;
}

const FormedTeam* TeamOf(const Formation& plan, const std::string& official) {
  for (const FormedTeam& team : plan.teams) {
    if (std::find(team.members.begin(), team.members.end(), official) != team.members.end()) {
      return &team;
    }
  }
  return nullptr;
}

bool Names(const std::vector<Violation>& violations, const std::string& rule,
           const std::string& area) {
  return std::any_of(violations.begin(), violations.end(), [&](const Violation& v) {
    return v.rule == rule && v.area == area && v.message.find(area) != std::string::npos;
  });
}

TEST(TeamFormation, KeepsEveryRuleOnGeneratedRosters) {
  int solved = 0;
  for (uint32_t seed = 100; seed < 130; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    FormationInput input = testing::GenerateInput(seed, 6, 30, 6);
    if (seed % 3 == 0) input.excluded.push_back(input.officials[seed % 30].code);
    Result<Formation> plan = FormTeams(input);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    if (!plan->violations.empty()) {
      EXPECT_TRUE(plan->teams.empty());
      for (const Violation& v : plan->violations) EXPECT_FALSE(v.message.empty());
      continue;
    }
    EXPECT_EQ(testing::BrokenRules(input, *plan), std::vector<std::string>());
    ++solved;
  }
  EXPECT_GE(solved, 15);
}

TEST(TeamFormation, FormsOneTeamPerAreaLedByAPresidiumMemberOrSecretary) {
  const FormationInput input = Workable();
  Result<Formation> plan = FormTeams(input);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_TRUE(plan->violations.empty()) << plan->violations.front().message;
  EXPECT_EQ(testing::BrokenRules(input, *plan), std::vector<std::string>());
  ASSERT_EQ(plan->teams.size(), 3u);
  EXPECT_TRUE(plan->proven_optimal);
  for (const FormedTeam& team : plan->teams) EXPECT_EQ(team.members.front(), team.leader);
}

TEST(TeamFormation, KeepsAPinnedOfficialInHisAreaAndLeavesAnExcludedOneOut) {
  FormationInput input = Workable();
  input.pins = {{"C1", "KP-04"}};
  input.excluded = {"H1"};
  Result<Formation> plan = FormTeams(input);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_TRUE(plan->violations.empty()) << plan->violations.front().message;
  EXPECT_EQ(testing::BrokenRules(input, *plan), std::vector<std::string>());
  ASSERT_NE(TeamOf(*plan, "C1"), nullptr);
  EXPECT_EQ(TeamOf(*plan, "C1")->area, "KP-04");
  EXPECT_EQ(TeamOf(*plan, "H1"), nullptr);
}

TEST(TeamFormation, SolvedAgainWithoutAMemberTheOthersStillKeepEveryRule) {
  FormationInput input = Workable();
  Result<Formation> first = FormTeams(input);
  ASSERT_TRUE(first.ok() && first->violations.empty());
  const std::string dropped = first->teams[0].members.back();
  input.excluded = {dropped};
  Result<Formation> second = FormTeams(input);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  if (second->violations.empty()) {
    EXPECT_EQ(testing::BrokenRules(input, *second), std::vector<std::string>());
    EXPECT_EQ(TeamOf(*second, dropped), nullptr);
  }
}

TEST(TeamFormation, NamesTheProvinceLeftWithoutALeader) {
  FormationInput input = Workable();
  // Every leader is from KP-04.
  for (Official& o : input.officials) {
    if (o.code == "L1" || o.code == "L3") o.home = "KP-04";
  }
  Result<Formation> plan = FormTeams(input);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_TRUE(plan->teams.empty());
  EXPECT_TRUE(Names(plan->violations, "leader", "KP-04")) << plan->violations.size();
  EXPECT_NE(plan->violations.front().message.find("KP-04 itself"), std::string::npos)
      << plan->violations.front().message;
}

TEST(TeamFormation, SaysWhenEveryAgricultureExpertIsFromTheFarmingProvinceItself) {
  FormationInput input = Workable();
  for (Official& o : input.officials) {
    if (o.Has("agriculture")) o.home = "KP-05";
  }
  Result<Formation> plan = FormTeams(input);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_TRUE(Names(plan->violations, "expertise", "KP-05"));
  const Violation& v = plan->violations.front();
  EXPECT_NE(v.message.find("agriculture"), std::string::npos) << v.message;
  EXPECT_NE(v.message.find("from KP-05 itself"), std::string::npos) << v.message;
}

TEST(TeamFormation, NamesTheAreasThatShareTooFewLeaders) {
  FormationInput input = Workable();
  input.officials.erase(input.officials.begin() + 2);  // L3: two leaders for three areas
  Result<Formation> plan = FormTeams(input);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_FALSE(plan->violations.empty());
  EXPECT_EQ(plan->violations.front().rule, "leader");
  EXPECT_NE(plan->violations.front().message.find("share 2 possible leader"), std::string::npos)
      << plan->violations.front().message;
}

TEST(TeamFormation, DiagnosesRulesThatHoldOneByOneButNotTogether) {
  FormationInput input = Workable();
  // Two farming provinces and a single agriculture expert who may go to either.
  input.areas[1].needs = {"agriculture"};
  for (Official& o : input.officials) {
    if (o.code == "D1") o.home = "KP-07";
  }
  ASSERT_TRUE(CheckNecessaryConditions(input).empty());
  Result<Formation> plan = FormTeams(input);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->violations.size(), 1u);
  EXPECT_EQ(plan->violations.front().rule, "expertise");
  EXPECT_TRUE(plan->violations.front().area == "KP-04" || plan->violations.front().area == "KP-05");
  EXPECT_NE(plan->violations.front().message.find("agriculture"), std::string::npos);
}

TEST(TeamFormation, RefusesAPinToTheOfficialsHomeProvince) {
  FormationInput input = Workable();
  input.pins = {{"D2", "KP-04"}};
  Result<Formation> plan = FormTeams(input);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_TRUE(Names(plan->violations, "home_province", "KP-04"));
}

TEST(TeamFormation, RejectsUnknownOfficialsAndAreasInPinsAndExclusions) {
  FormationInput input = Workable();
  input.pins = {{"NOBODY", "KP-04"}, {"D1", "KP-99"}};
  input.excluded = {"GHOST"};
  Result<Formation> plan = FormTeams(input);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().code(), StatusCode::kInvalidArgument);
  const std::string text = plan.status().ToString();
  for (const char* name : {"NOBODY", "KP-99", "GHOST"}) {
    EXPECT_NE(text.find(name), std::string::npos) << text;
  }
}

TEST(TeamFormation, BalancesTheLargestWorkloadPerMember) {
  FormationInput input = Workable();
  input.rules.max_size = 3;
  Result<Formation> plan = FormTeams(input);
  ASSERT_TRUE(plan.ok() && plan->violations.empty());
  // The largest province gets no fewer members than the smallest.
  EXPECT_GE(plan->teams[0].members.size(), plan->teams[1].members.size());
  double max = 0;
  for (const FormedTeam& team : plan->teams) max = std::max(max, team.workload_per_member);
  EXPECT_DOUBLE_EQ(plan->max_workload_per_member, max);
}

}  // namespace
}  // namespace outbreak::guidance
