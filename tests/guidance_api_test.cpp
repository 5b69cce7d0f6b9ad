// The guidance resources of the API end to end: a team records visits in its own areas only,
// answers are checked against their questions, findings are closed once and never deleted, a plan
// that cannot meet its rules says which rule and which province, and the compiled report. One
// server on the demo for the suite (test_server.hpp).

#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "capability_api_fixture.hpp"

namespace outbreak::testing {
namespace {

namespace json = boost::json;

constexpr char kDay[] = "2022-05-20";

class GuidanceApiTest : public CapabilityApiTest {
 protected:
  static void SetUpTestSuite() {
    StartSuite({{"hq", "headquarters", "KP"},
                {"team4", "guidance_team", "KP"},
                {"team5", "guidance_team", "KP"},
                {"officer", "province_officer", "KP-04"}},
               {"--threads", "2"}, SetUpTeams);
  }
  // Officials T-4 and T-5 of the roster, linked to users team4 and team5 and pinned to Jagang
  // (KP-04) and Ryanggang (KP-05) in an adopted plan.
  static std::string SetUpTeams(const TestDatabase& database) {
    const std::string roster = database.dir() + "/roster.csv";
    std::ofstream(roster) << "code,name,position,home,expertise,available,user\n"
                             "T-4,Team four official,department_official,KP-01,,yes,team4\n"
                             "T-5,Team five official,cabinet_official,KP-01,,yes,team5\n";
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"guidance", "roster", "import", roster},
          std::vector<std::string>{"guidance", "plan", "--pin", "T-4=KP-04", "--pin", "T-5=KP-05",
                                   "--adopt"}}) {
      const RunResult run = database.Cli(args);
      if (run.exit_code != 0) return "outbreak " + args[1] + ": " + run.err;
    }
    return "";
  }

  static json::object Visit(const std::string& region, json::array answers,
                            json::array findings = {}) {
    return {{"region", region},
            {"date", kDay},
            {"checklist_version", 1},
            {"answers", std::move(answers)},
            {"findings", std::move(findings)}};
  }
  static json::object Finding(const std::string& evidence) {
    return {{"topic", "medicine_supply"},
            {"severity", "high"},
            {"evidence", evidence},
            {"measure", "open the county pharmacy until 22:00"},
            {"owner", "county people's committee"}};
  }
  static size_t Count(const std::string& resource, const std::string& region) {
    HttpReply reply = Get("/api/v1/guidance/" + resource + "?region=" + region, "hq");
    EXPECT_EQ(reply.status, 200) << Describe(reply);
    return reply.status == 200 ? reply.Json().at("items").as_array().size() : 0;
  }
  // The id of the adopted team whose area is `province`.
  static int64_t TeamOf(const std::string& province) {
    HttpReply reply = Get("/api/v1/guidance/teams?region=" + province, "hq");
    EXPECT_EQ(reply.status, 200) << Describe(reply);
    const json::value reply_body = reply.Json();
    for (const json::value& team : reply_body.at("items").as_array()) {
      if (team.at("area").as_string() == province) return team.at("id").as_int64();
    }
    ADD_FAILURE() << "no team for " << province;
    return 0;
  }
};

TEST_F(GuidanceApiTest, ATeamRecordsAVisitInItsAreaAndTheReportShowsItsFinding) {
  HttpReply visit = Post("/api/v1/guidance/visits", "team4",
                         Visit("KP-04-005",
                               json::array{json::object{{"question", "MS1"}, {"value", false}},
                                           json::object{{"question", "TR2"}, {"value", 41.5}},
                                           json::object{{"question", "LV2"}, {"value", "2"}}},
                               json::array{Finding("the pharmacy of the county closes at noon")}));
  ASSERT_EQ(visit.status, 201) << Describe(visit);
  EXPECT_EQ(visit.Json().at("team").as_int64(), TeamOf("KP-04"));
  EXPECT_EQ(visit.Json().at("answers").at(0).at("value").as_string(), "no");

  HttpReply findings = Get("/api/v1/guidance/findings?region=KP-04&status=open", "officer");
  ASSERT_EQ(findings.status, 200) << Describe(findings);
  EXPECT_TRUE(Mentions(findings, "closes at noon")) << findings.body;

  HttpReply report = Get("/api/v1/guidance/report?region=KP-04&as_of=2022-05-25", "officer");
  ASSERT_EQ(report.status, 200) << Describe(report);
  const json::object province = report.Json().at("provinces").at(0).as_object();
  EXPECT_EQ(province.at("code").as_string(), "KP-04");
  EXPECT_GT(province.at("indicators").at("population").as_int64(), 1'000'000);
  EXPECT_GT(province.at("indicators").at("cumulative_fever").as_int64(), 0);
  EXPECT_GT(province.at("indicators").at("new_7d").as_int64(), 0);
  EXPECT_EQ(province.at("topics").at(0).at("topic").as_string(), "medicine_supply");
  EXPECT_TRUE(Mentions(report, "closes at noon")) << report.body;
  EXPECT_TRUE(Mentions(report, "T-4 Team four official")) << report.body;

  HttpReply markdown = Get("/api/v1/guidance/report?region=KP-04&format=markdown", "hq");
  ASSERT_EQ(markdown.status, 200) << Describe(markdown);
  EXPECT_TRUE(Mentions(markdown, "## Jagang (KP-04)")) << markdown.body;
  EXPECT_TRUE(Mentions(markdown, "### Medicine supply to residents")) << markdown.body;
}

TEST_F(GuidanceApiTest, AVisitOutsideTheTeamsAreaIsRefusedAndWritesNothing) {
  const size_t before = Count("visits", "KP");
  HttpReply own = Post("/api/v1/guidance/visits", "team4", Visit("KP-05-001", {}));
  EXPECT_EQ(own.status, 403) << Describe(own);
  EXPECT_TRUE(Mentions(own, "outside the areas of your team")) << own.body;
  json::object named = Visit("KP-05-001", {});
  named["team"] = TeamOf("KP-04");
  HttpReply hq = Post("/api/v1/guidance/visits", "hq", named);
  EXPECT_EQ(hq.status, 400) << Describe(hq);
  EXPECT_TRUE(Mentions(hq, "is outside the area of team")) << hq.body;
  HttpReply province = Post("/api/v1/guidance/visits", "hq", Visit("KP-05", {}));
  EXPECT_EQ(province.status, 400) << Describe(province);
  EXPECT_TRUE(Mentions(province, "is not a county")) << province.body;
  EXPECT_EQ(Count("visits", "KP"), before);
}

TEST_F(GuidanceApiTest, AnswersOfTheWrongTypeOrUnknownQuestionsAndVersionsAreRejectedWhole) {
  const size_t before = Count("visits", "KP");
  HttpReply bad = Post("/api/v1/guidance/visits", "hq",
                       Visit("KP-04-005",
                             json::array{json::object{{"question", "MS1"}, {"value", "maybe"}},
                                         json::object{{"question", "TR3"}, {"value", 9}},
                                         json::object{{"question", "ZZ1"}, {"value", "yes"}},
                                         json::object{{"question", "TR2"}, {"value", "many"}}},
                             json::array{Finding("")}));
  ASSERT_EQ(bad.status, 400) << Describe(bad);
  for (const char* reason :
       {"answers[0].value: \\\"maybe\\\" is not yes or no",
        "answers[1].value: \\\"9\\\" is not a rating",
        "answers[2].question: \\\"ZZ1\\\" is not a question of checklist version 1",
        "answers[3].value: \\\"many\\\" is not a number", "findings[0].evidence: is empty"}) {
    EXPECT_TRUE(Mentions(bad, reason)) << reason << "\n" << bad.body;
  }
  // Read from the visit's declaration: free text has a bound, a finding's severity is one of
  // four, a question is answered once; Korean text is text like any other.
  json::object grave = Finding(std::string(2001, 'e'));
  grave["severity"] = "grave";
  HttpReply bounded = Post("/api/v1/guidance/visits", "hq",
                           Visit("KP-04-005",
                                 json::array{json::object{{"question", "MS1"}, {"value", true}},
                                             json::object{{"question", "MS1"}, {"value", "no"}}},
                                 json::array{grave, Finding("해열제 재고 부족 (강계)")}));
  ASSERT_EQ(bounded.status, 400) << Describe(bounded);
  for (const char* reason :
       {"findings[0].evidence: ", "is longer than 2000 characters",
        "findings[0].severity: \\\"grave\\\" is not low, medium, high or critical",
        "answers[1].question: appears twice"}) {
    EXPECT_TRUE(Mentions(bounded, reason)) << reason << "\n" << bounded.body;
  }
  EXPECT_FALSE(Mentions(bounded, "findings[1]")) << bounded.body;
  json::object version = Visit("KP-04-005", {});
  version["checklist_version"] = 99;
  HttpReply unknown = Post("/api/v1/guidance/visits", "hq", version);
  EXPECT_EQ(unknown.status, 400) << Describe(unknown);
  EXPECT_TRUE(Mentions(unknown, "99 is not a known checklist version")) << unknown.body;
  EXPECT_EQ(Count("visits", "KP"), before);
}

TEST_F(GuidanceApiTest, AFindingIsClosedOnceWithWhoAndHowAndNeverDeleted) {
  HttpReply visit = Post("/api/v1/guidance/visits", "team5",
                         Visit("KP-05-001", {}, json::array{Finding("seedlings are short")}));
  ASSERT_EQ(visit.status, 201) << Describe(visit);
  const std::string id = std::to_string(visit.Json().at("findings").at(0).as_int64());
  const std::string target = "/api/v1/guidance/findings/" + id + "/close";
  EXPECT_EQ(Post(target, "team5", json::object{{"how", "x"}}).status, 403);
  HttpReply empty = Post(target, "hq", json::object{{"how", ""}});
  EXPECT_EQ(empty.status, 400) << Describe(empty);
  HttpReply closed = Post(target, "hq", json::object{{"how", "seedlings sent from KP-02"}});
  ASSERT_EQ(closed.status, 200) << Describe(closed);
  EXPECT_EQ(closed.Json().at("status").as_string(), "closed");
  EXPECT_EQ(closed.Json().at("closed_by").as_string(), "hq");
  HttpReply again = Post(target, "hq", json::object{{"how", "again"}});
  EXPECT_EQ(again.status, 409) << Describe(again);
  EXPECT_TRUE(Mentions(again, "already closed")) << again.body;
  EXPECT_EQ(Post("/api/v1/guidance/findings/999999/close", "hq", json::object{{"how", "x"}}).status,
            404);
  HttpReply listed = Get("/api/v1/guidance/findings?region=KP-05&status=closed", "hq");
  ASSERT_EQ(listed.status, 200) << Describe(listed);
  EXPECT_TRUE(Mentions(listed, "seedlings sent from KP-02")) << listed.body;
}

TEST_F(GuidanceApiTest, APlanThatCannotMeetItsRulesNamesTheRuleAndTheProvince) {
  HttpReply roster = Get("/api/v1/guidance/officials?limit=1000", "hq");
  ASSERT_EQ(roster.status, 200) << Describe(roster);
  // Leave only leaders from Pyongyang: Pyongyang's team has no one to lead it.
  json::array exclude;
  const json::value roster_body = roster.Json();
  for (const json::value& official : roster_body.at("items").as_array()) {
    const std::string position(official.at("position").as_string());
    if ((position == "presidium_member" || position == "secretary") &&
        official.at("home").as_string() != "KP-01") {
      exclude.push_back(official.at("code"));
    }
  }
  const size_t plans = Get("/api/v1/guidance/plans", "hq").Json().at("items").as_array().size();
  HttpReply refused = Post("/api/v1/guidance/plans", "hq", json::object{{"exclude", exclude}});
  ASSERT_EQ(refused.status, 409) << Describe(refused);
  EXPECT_TRUE(Mentions(refused, "leader: KP-01 (Pyongyang)")) << refused.body;
  EXPECT_TRUE(Mentions(refused, "from KP-01 itself")) << refused.body;
  EXPECT_EQ(Get("/api/v1/guidance/plans", "hq").Json().at("items").as_array().size(), plans);

  HttpReply unknown = Post(
      "/api/v1/guidance/plans", "hq",
      json::object{{"exclude", json::array{"NOBODY"}},
                   {"pins", json::array{json::object{{"official", "T-4"}, {"area", "KP-99"}}}}});
  EXPECT_EQ(unknown.status, 400) << Describe(unknown);
  EXPECT_TRUE(Mentions(unknown, "NOBODY")) << unknown.body;
  EXPECT_TRUE(Mentions(unknown, "KP-99")) << unknown.body;
}

TEST_F(GuidanceApiTest, APlanKeepsPinsAndExclusionsAndIsAdoptedOnlyWhileProposed) {
  HttpReply made =
      Post("/api/v1/guidance/plans", "hq",
           json::object{{"pins", json::array{json::object{{"official", "T-4"}, {"area", "KP-04"}}}},
                        {"exclude", json::array{"T-5"}},
                        {"needs", json::object{{"KP-05", json::array{"agriculture"}}}}});
  ASSERT_EQ(made.status, 201) << Describe(made);
  const json::object plan = made.Json().as_object();
  EXPECT_EQ(plan.at("status").as_string(), "proposed");
  ASSERT_EQ(plan.at("teams").as_array().size(), 13u);
  for (const json::value& team : plan.at("teams").as_array()) {
    const bool pinned_here = team.at("area").as_string() == "KP-04";
    bool has_t4 = false;
    for (const json::value& member : team.at("members").as_array()) {
      EXPECT_NE(member.at("code").as_string(), "T-5");
      EXPECT_NE(member.at("home").as_string(), team.at("area").as_string());
      has_t4 = has_t4 || member.at("code").as_string() == "T-4";
    }
    EXPECT_EQ(has_t4, pinned_here);
  }
  const std::string adopt =
      "/api/v1/guidance/plans/" + std::to_string(plan.at("id").as_int64()) + "/adopt";
  EXPECT_EQ(Post(adopt, "team4", json::object{}).status, 403);
  EXPECT_EQ(Post("/api/v1/guidance/plans", "team4", json::object{}).status, 403);
  // Adopting it would move T-5's team away; this suite keeps the plan it started with.
  EXPECT_EQ(Post("/api/v1/guidance/plans/999/adopt", "hq", json::object{}).status, 404);
}

TEST_F(GuidanceApiTest, ReadersSeeOnlyTheTeamsOfTheirRegion) {
  HttpReply own = Get("/api/v1/guidance/teams?region=KP-04", "officer");
  ASSERT_EQ(own.status, 200) << Describe(own);
  ASSERT_EQ(own.Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(own.Json().at("items").at(0).at("area").as_string(), "KP-04");
  EXPECT_EQ(Get("/api/v1/guidance/teams?region=KP-05", "officer").status, 403);
  HttpReply plans = Get("/api/v1/guidance/plans", "officer");
  ASSERT_EQ(plans.status, 200) << Describe(plans);
  const json::value plans_body = plans.Json();
  for (const json::value& plan : plans_body.at("items").as_array()) {
    EXPECT_LE(plan.at("teams").as_array().size(), 1u);
  }
}

TEST_F(GuidanceApiTest, ANewChecklistVersionLeavesEarlierAnswersAsTheyWere) {
  HttpReply visit =
      Post("/api/v1/guidance/visits", "team4",
           Visit("KP-04-003", json::array{json::object{{"question", "AG1"}, {"value", 63}}}));
  ASSERT_EQ(visit.status, 201) << Describe(visit);
  HttpReply version =
      Post("/api/v1/guidance/checklists", "hq",
           json::object{{"title", "Second half"},
                        {"questions", json::array{json::object{{"code", "AG1"},
                                                               {"topic", "agriculture"},
                                                               {"text", "Harvest on schedule?"},
                                                               {"answer_type", "yes_no"}}}}});
  ASSERT_EQ(version.status, 201) << Describe(version);
  EXPECT_GE(version.Json().at("version").as_int64(), 2);
  HttpReply visits = Get("/api/v1/guidance/visits?region=KP-04-003", "hq");
  ASSERT_EQ(visits.status, 200) << Describe(visits);
  const json::object stored = visits.Json().at("items").as_array().back().as_object();
  EXPECT_EQ(stored.at("checklist_version").as_int64(), 1);
  EXPECT_EQ(stored.at("answers").at(0).at("value").as_string(), "63");
  HttpReply lists = Get("/api/v1/guidance/checklists", "officer");
  ASSERT_EQ(lists.status, 200) << Describe(lists);
  EXPECT_EQ(lists.Json().at("items").at(0).at("questions").as_array().size(), 15u);
}

}  // namespace
}  // namespace outbreak::testing
