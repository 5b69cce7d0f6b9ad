// `outbreak guidance` end to end on the real binary: the demo's adopted plan keeps every rule,
// pins and exclusions, a diagnosis naming rule and province, visits and findings, the report, and
// bad input that names file, line and field and changes nothing.

#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "cli_fixture.hpp"

namespace outbreak::testing {
namespace {

namespace json = boost::json;

class GuidanceCliTest : public DemoCliTest {
 protected:
  // Everything a reader sees of the guidance data.
  std::string Snapshot() override {
    return Outbreak({"guidance", "roster", "list", "--format", "json"}).out +
           Outbreak({"guidance", "plans"}).out +
           Outbreak({"guidance", "checklist", "list", "--format", "json"}).out +
           Outbreak({"guidance", "findings", "list", "--format", "json"}).out;
  }
};

TEST_F(GuidanceCliTest, EveryGuidanceCommandHasHelp) {
  for (std::vector<std::string> command : {std::vector<std::string>{"guidance"},
                                           {"guidance", "roster"},
                                           {"guidance", "roster", "import"},
                                           {"guidance", "roster", "list"},
                                           {"guidance", "plan"},
                                           {"guidance", "plans"},
                                           {"guidance", "show"},
                                           {"guidance", "adopt"},
                                           {"guidance", "teams"},
                                           {"guidance", "checklist"},
                                           {"guidance", "checklist", "import"},
                                           {"guidance", "checklist", "list"},
                                           {"guidance", "visit"},
                                           {"guidance", "visit", "record"},
                                           {"guidance", "findings"},
                                           {"guidance", "findings", "list"},
                                           {"guidance", "findings", "close"},
                                           {"guidance", "report"}}) {
    command.push_back("--help");
    RunResult result = Outbreak(command);
    EXPECT_EQ(result.exit_code, 0) << command[1] << ": " << result.err;
    EXPECT_NE(result.out.find("Usage"), std::string::npos) << result.out;
  }
}

TEST_F(GuidanceCliTest, TheDemoAdoptsAPlanThatKeepsEveryRule) {
  const json::value roster = Json({"guidance", "roster", "list", "--format", "json"});
  std::map<std::string, json::object> officials;
  for (const json::value& o : roster.at("officials").as_array()) {
    officials[std::string(o.at("code").as_string())] = o.as_object();
  }
  const json::value plan = Json({"guidance", "teams", "--format", "json"});
  EXPECT_EQ(plan.at("status").as_string(), "adopted");
  EXPECT_TRUE(plan.at("objective").at("proven_optimal").as_bool());
  const std::set<std::string> farming = {"KP-02", "KP-03", "KP-05", "KP-06"};
  std::set<std::string> seen;
  ASSERT_EQ(plan.at("teams").as_array().size(), 13u);
  for (const json::value& team : plan.at("teams").as_array()) {
    const std::string area(team.at("area").as_string());
    SCOPED_TRACE(area);
    const json::object& leader =
        officials.at(std::string(team.at("leader").at("code").as_string()));
    const std::string position(leader.at("position").as_string());
    EXPECT_TRUE(position == "presidium_member" || position == "secretary") << position;
    int department = 0;
    bool agriculture = false;
    const auto& members = team.at("members").as_array();
    EXPECT_GE(members.size(), 3u);
    EXPECT_LE(members.size(), 6u);
    for (const json::value& member : members) {
      const std::string code(member.at("code").as_string());
      EXPECT_TRUE(seen.insert(code).second) << code << " is in two teams";
      const json::object& o = officials.at(code);
      EXPECT_NE(o.at("home").as_string(), area) << code << " inspects his home province";
      EXPECT_TRUE(o.at("available").as_bool()) << code;
      department += o.at("position").as_string() == "department_official" ? 1 : 0;
      for (const json::value& field : o.at("expertise").as_array()) {
        agriculture = agriculture || field.as_string() == "agriculture";
      }
    }
    EXPECT_GE(department, 1);
    if (farming.contains(area)) {
      EXPECT_TRUE(agriculture) << "a farming province without agriculture";
    }
  }
}

TEST_F(GuidanceCliTest, PinsAndExclusionsAreKeptWhenThePlanIsMadeAgain) {
  const json::value first = Json({"guidance", "teams", "--format", "json"});
  const json::value& team = first.at("teams").at(0);
  const std::string dropped(team.at("members").as_array().back().at("code").as_string());
  const json::value again =
      Json({"guidance", "plan", "--exclude", dropped, "--pin", "GT-J01=KP-07", "--format", "json"});
  EXPECT_EQ(again.at("status").as_string(), "proposed");
  for (const json::value& each : again.at("teams").as_array()) {
    bool has_pinned = false;
    for (const json::value& member : each.at("members").as_array()) {
      EXPECT_NE(member.at("code").as_string(), dropped);
      has_pinned = has_pinned || member.at("code").as_string() == "GT-J01";
    }
    EXPECT_EQ(has_pinned, each.at("area").as_string() == "KP-07");
  }
}

TEST_F(GuidanceCliTest, APlanThatCannotBeMadeNamesTheRuleAndTheProvince) {
  // Every agriculture expert but those from South Hwanghae is left out.
  const json::value roster = Json({"guidance", "roster", "list", "--format", "json"});
  std::vector<std::string> args = {"guidance", "plan", "--need", "KP-05=agriculture"};
  for (const json::value& o : roster.at("officials").as_array()) {
    bool agriculture = false;
    for (const json::value& field : o.at("expertise").as_array()) {
      agriculture = agriculture || field.as_string() == "agriculture";
    }
    if (agriculture && o.at("home").as_string() != "KP-05") {
      args.push_back("--exclude");
      args.push_back(std::string(o.at("code").as_string()));
    }
  }
  ExpectRejected(
      args, {"the rules cannot all be met", "expertise: KP-05 (South Hwanghae)", "agriculture"});
  ExpectRejected({"guidance", "plan", "--pin", "NOBODY=KP-04"},
                 {"pin: official \"NOBODY\" is not on the roster"});
}

TEST_F(GuidanceCliTest, AMalformedRosterNamesFileLineAndFieldAndImportsNothing) {
  const std::string file = File("roster.csv",
                                "code,name,position,home,expertise\n"
                                "X-1,Somebody,secretary,KP-04,agriculture\n"
                                "X-2,Somebody else,general,KP-04-003,farming\n");
  ExpectRejected({"guidance", "roster", "import", file},
                 {file + ":3: position: \"general\" is not presidium_member",
                  file + ":3: home: \"KP-04-003\" is not a province",
                  file + ":3: expertise: \"farming\" has \"farming\", which is not agriculture",
                  "nothing was imported"});
}

TEST_F(GuidanceCliTest, AVisitIsRecordedFindingsAreClosedOnceAndTheReportShowsThem) {
  const json::value teams = Json({"guidance", "teams", "--format", "json"});
  const std::string visit =
      File("visit.json",
           R"({"region": "KP-05-001", "date": "2022-05-24", "checklist_version": 1,
          "answers": [{"question": "AG1", "value": 72}, {"question": "AG2", "value": "yes"}],
          "findings": [{"topic": "agriculture", "severity": "critical",
                        "evidence": "no fuel for the transplanting machines",
                        "measure": "send fuel from the reserve", "owner": "provincial committee"}]})");
  RunResult recorded = Outbreak({"guidance", "visit", "record", visit});
  ASSERT_EQ(recorded.exit_code, 0) << recorded.err;
  EXPECT_NE(recorded.out.find("1 finding(s) (#1)"), std::string::npos) << recorded.out;

  const std::string report = Outbreak({"guidance", "report", "--as-of", "2022-05-24"}).out;
  EXPECT_NE(report.find("## South Hwanghae (KP-05)"), std::string::npos) << report;
  EXPECT_NE(report.find("### Agriculture"), std::string::npos) << report;
  EXPECT_NE(report.find("send fuel from the reserve"), std::string::npos) << report;
  const json::value json_report =
      Json({"guidance", "report", "--region", "KP-05", "--format", "json"});
  EXPECT_EQ(json_report.at("open").as_int64(), 1);

  RunResult closed = Outbreak({"guidance", "findings", "close", "1", "--how", "fuel delivered"});
  ASSERT_EQ(closed.exit_code, 0) << closed.err;
  ExpectRejected({"guidance", "findings", "close", "1", "--how", "again"},
                 {"finding 1 is already closed"});
  ExpectRejected({"guidance", "findings", "close", "42", "--how", "x"},
                 {"finding 42 is not known"});
}

TEST_F(GuidanceCliTest, ABadVisitIsRefusedWholeWithEveryReason) {
  const std::string visit =
      File("visit.json",
           R"({"region": "KP-05-001", "date": "2022-05-24", "checklist_version": 1,
          "answers": [{"question": "AG1", "value": "lots"}, {"question": "NOPE", "value": "yes"},
                      {"question": "MS3", "value": 0}]})");
  ExpectRejected({"guidance", "visit", "record", visit},
                 {"answers[0].value: \"lots\" is not a number",
                  "answers[1].question: \"NOPE\" is not a question of checklist version 1",
                  "answers[2].value: \"0\" is not a rating", "nothing was written"});
  const std::string unknown_version =
      File("v.json", R"({"region": "KP-05-001", "date": "2022-05-24", "checklist_version": 4})");
  ExpectRejected({"guidance", "visit", "record", unknown_version},
                 {"checklist_version: 4 is not a known checklist version"});
  const std::string malformed = File("m.json", R"({"region": "KP-05-001", )");
  ExpectRejected({"guidance", "visit", "record", malformed}, {"malformed JSON"});
}

TEST_F(GuidanceCliTest, ReimportingTheSameChecklistAddsNoVersion) {
  const std::string file = std::string(OUTBREAK_TEST_DATA_DIR) + "/dprk2022/guidance_checklist.csv";
  RunResult again = Outbreak({"guidance", "checklist", "import", file, "--title",
                              "Survey of the first half of 2022 (illustrative)"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("version 1 unchanged"), std::string::npos) << again.out;
  const std::string bad =
      File("list.csv", "question,topic,text,answer_type\nQ1,farming,Q?,scale\n");
  ExpectRejected({"guidance", "checklist", "import", bad},
                 {bad + ":2: topic: \"farming\"", bad + ":2: answer_type: \"scale\""});
}

}  // namespace
}  // namespace outbreak::testing
