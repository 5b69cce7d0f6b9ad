// Prevention levels through the API end to end: evaluation, decisions and their conflicts, the
// tasks of a region, who may do what, bad rules files, and a situation report that never shows a
// stale prevention section. One server on the demo for the suite (test_server.hpp).

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "capability_api_fixture.hpp"

namespace outbreak::testing {
namespace {

namespace json = boost::json;

class LevelsApiTest : public CapabilityApiTest {
 protected:
  static void SetUpTestSuite() {
    StartSuite({{"hq", "headquarters", "KP"},
                {"officer", "province_officer", "KP-04"},
                {"clerk", "county_clerk", "KP-04-003"}},
               {"--threads", "2"});
    if (!setup_error_.empty()) return;
    // The first evaluation of the suite: proposals 1 (Pyongyang) and 2 (North Hamgyong).
    HttpReply evaluated = Post("/api/v1/levels/evaluate", "hq",
                               json::object{{"region", "KP"}, {"as_of", "2022-06-25"}});
    if (evaluated.status != 200) setup_error_ = "evaluate: " + Describe(evaluated);
  }

  static int64_t DecisionCount() {
    HttpReply reply = Get("/api/v1/levels/decisions?region=KP&limit=1000", "hq");
    EXPECT_EQ(reply.status, 200) << Describe(reply);
    return reply.status == 200 ? reply.Json().at("total").as_int64() : -1;
  }
  // The proposal ids of the prevention section of the JSON situation report.
  static std::vector<int64_t> SitrepPending(const std::string& as_of) {
    HttpReply reply = Get("/api/v1/sitrep?region=KP&as_of=" + as_of, "hq");
    EXPECT_EQ(reply.status, 200) << Describe(reply);
    std::vector<int64_t> out;
    if (reply.status != 200) return out;
    const json::value body = reply.Json();
    for (const json::value& p : body.at("prevention").at("pending_proposals").as_array()) {
      out.push_back(p.at("id").as_int64());
    }
    return out;
  }
};

TEST_F(LevelsApiTest, TheRulesProposeLoweringAndAnAcceptedProposalMovesTheRegionWithItsTasks) {
  HttpReply proposals = Get("/api/v1/levels/proposals?region=KP-01", "hq");
  ASSERT_EQ(proposals.status, 200) << Describe(proposals);
  const json::array items = proposals.Json().at("items").as_array();
  ASSERT_EQ(items.size(), 1u) << proposals.body;
  EXPECT_EQ(items[0].at("id").as_int64(), 1);
  EXPECT_EQ(items[0].at("from_level").as_string(), "maximum_emergency");
  EXPECT_EQ(items[0].at("to_level").as_string(), "heightened");
  EXPECT_EQ(items[0].at("triggers").as_array().size(), 5u);

  HttpReply decided = Post("/api/v1/levels/proposals/1/decide", "hq",
                           json::object{{"decision", "accept"}, {"reason", "a week of decline"}});
  ASSERT_EQ(decided.status, 201) << Describe(decided);
  EXPECT_EQ(decided.Json().at("outcome").as_string(), "accepted");
  EXPECT_EQ(decided.Json().at("tasks").as_int64(), 4);
  EXPECT_EQ(decided.Json().at("rules_version").as_string(), "2022.1");

  HttpReply again = Post("/api/v1/levels/proposals/1/decide", "hq",
                         json::object{{"decision", "reject"}, {"reason", "second thoughts"}});
  EXPECT_EQ(again.status, 409) << Describe(again);

  HttpReply levels = Get("/api/v1/levels?region=KP-01&as_of=2022-06-26", "hq");
  ASSERT_EQ(levels.status, 200) << Describe(levels);
  EXPECT_EQ(levels.Json().at("levels").as_array()[0].at("level").as_string(), "heightened");
  EXPECT_EQ(levels.Json().at("levels").as_array()[0].at("since").as_string(), "2022-06-25");
  HttpReply tasks = Get("/api/v1/levels/tasks?region=KP-01", "hq");
  ASSERT_EQ(tasks.status, 200) << Describe(tasks);
  EXPECT_EQ(tasks.Json().at("total").as_int64(), 4);
}

TEST_F(LevelsApiTest, UnknownLevelsAndRegionsInDecisionsAreClearErrorsAndWriteNothing) {
  const int64_t before = DecisionCount();
  HttpReply override =
      Post("/api/v1/levels/proposals/2/decide", "hq",
           json::object{{"decision", "override"}, {"level", "lockdown"}, {"reason", "stricter"}});
  EXPECT_EQ(override.status, 400) << Describe(override);
  EXPECT_TRUE(Mentions(override, "level: \\\"lockdown\\\" is not a level of the rules"))
      << override.body;
  HttpReply no_reason =
      Post("/api/v1/levels/proposals/2/decide", "hq", json::object{{"decision", "accept"}});
  EXPECT_EQ(no_reason.status, 400) << Describe(no_reason);
  HttpReply set = Post("/api/v1/levels/decisions", "hq",
                       json::object{{"region", "KP-99"}, {"level", "purple"}, {"reason", "x"}});
  EXPECT_EQ(set.status, 400) << Describe(set);
  EXPECT_TRUE(Mentions(set, "region: \\\"KP-99\\\" is not a known region")) << set.body;
  EXPECT_TRUE(Mentions(set, "level: \\\"purple\\\" is not a level of the rules")) << set.body;
  // Read from the declarations: a reason has a bound, a decision is one of three, a level code
  // takes no space.
  HttpReply bounded = Post(
      "/api/v1/levels/proposals/2/decide", "hq",
      json::object{
          {"decision", "approve"}, {"level", "high level"}, {"reason", std::string(2001, 'x')}});
  EXPECT_EQ(bounded.status, 400) << Describe(bounded);
  EXPECT_TRUE(Mentions(bounded, "is longer than 2000 characters")) << bounded.body;
  EXPECT_TRUE(Mentions(bounded, "decision: \\\"approve\\\" is not accept, reject or override"))
      << bounded.body;
  EXPECT_TRUE(Mentions(bounded, "level: \\\"high level\\\" contains a space")) << bounded.body;
  HttpReply missing = Post("/api/v1/levels/proposals/999/decide", "hq",
                           json::object{{"decision", "accept"}, {"reason", "x"}});
  EXPECT_EQ(missing.status, 404) << Describe(missing);
  EXPECT_EQ(DecisionCount(), before);
}

TEST_F(LevelsApiTest, OnlyTheHeadquartersDecideAndClerksMarkOnlyTheirOwnTasksDone) {
  HttpReply officer =
      Post("/api/v1/levels/decisions", "officer",
           json::object{{"region", "KP-04"}, {"level", "heightened"}, {"reason", "x"}});
  EXPECT_EQ(officer.status, 403) << Describe(officer);
  HttpReply set = Post("/api/v1/levels/decisions", "hq",
                       json::object{{"region", "KP-04-003"},
                                    {"level", "heightened"},
                                    {"day", "2022-06-01"},
                                    {"reason", "a county ahead of its province"}});
  ASSERT_EQ(set.status, 201) << Describe(set);
  HttpReply tasks = Get("/api/v1/levels/tasks?region=KP-04-003", "clerk");
  ASSERT_EQ(tasks.status, 200) << Describe(tasks);
  const json::array items = tasks.Json().at("items").as_array();
  ASSERT_EQ(items.size(), 4u) << tasks.body;
  const std::string task = std::to_string(items[0].at("id").as_int64());
  HttpReply done = Post("/api/v1/levels/tasks/" + task + "/done", "clerk",
                        json::object{{"note", "screening organised"}});
  ASSERT_EQ(done.status, 200) << Describe(done);
  EXPECT_EQ(done.Json().at("state").as_string(), "done");
  EXPECT_EQ(done.Json().at("done_by").as_string(), "clerk");
  HttpReply twice = Post("/api/v1/levels/tasks/" + task + "/done", "clerk", json::object{});
  EXPECT_EQ(twice.status, 409) << Describe(twice);
  // The nation's tasks (from the demo's switch to maximum emergency) are not the clerk's.
  HttpReply national = Get("/api/v1/levels/tasks?region=KP", "hq");
  const std::string national_task =
      std::to_string(national.Json().at("items").as_array()[0].at("id").as_int64());
  HttpReply outside =
      Post("/api/v1/levels/tasks/" + national_task + "/done", "clerk", json::object{});
  EXPECT_EQ(outside.status, 403) << Describe(outside);
  EXPECT_EQ(Get("/api/v1/levels/tasks?region=KP-04", "clerk").status, 403);
}

TEST_F(LevelsApiTest, ABadRulesFileGetsEveryMistakeAndADryRunWritesNothing) {
  HttpReply bad = Post("/api/v1/levels/rules", "hq",
                       json::object{{"text",
                                     "version = x\nraise_after_days = 0\n[level normal]\nname = N\n"
                                     "[level high]\nname = H\nraise = rt_upper >= 1.2\n"
                                     "lower = rt_upper < 1.5\n"},
                                    {"source", "bad.txt"}});
  ASSERT_EQ(bad.status, 400) << Describe(bad);
  const json::array details = bad.Json().at("error").at("details").as_array();
  ASSERT_EQ(details.size(), 2u) << bad.body;
  EXPECT_TRUE(Mentions(bad, "bad.txt:2: raise_after_days")) << bad.body;
  EXPECT_TRUE(Mentions(bad, "bad.txt:8: lower")) << bad.body;
  HttpReply dry = Post("/api/v1/levels/rules", "hq",
                       json::object{{"text",
                                     "version = trial\n[level normal]\nname = N\n"
                                     "[level heightened]\nname = H\n[level maximum_emergency]\n"
                                     "name = M\n"},
                                    {"dry_run", true}});
  ASSERT_EQ(dry.status, 200) << Describe(dry);
  HttpReply rules = Get("/api/v1/levels/rules", "clerk");
  ASSERT_EQ(rules.status, 200) << Describe(rules);
  EXPECT_EQ(rules.Json().at("version").as_string(), "2022.1");
  EXPECT_EQ(rules.Json().at("levels").as_array().size(), 3u);
}

TEST_F(LevelsApiTest, TheSituationReportIsNeverStaleAfterADecision) {
  std::vector<int64_t> pending = SitrepPending("2022-06-26");
  ASSERT_TRUE(std::find(pending.begin(), pending.end(), 2) != pending.end())
      << "proposal 2 is not in the situation report";
  // Asked again: served from the cache, the same.
  EXPECT_EQ(SitrepPending("2022-06-26"), pending);
  HttpReply rejected = Post("/api/v1/levels/proposals/2/decide", "hq",
                            json::object{{"decision", "reject"}, {"reason", "not yet"}});
  ASSERT_EQ(rejected.status, 201) << Describe(rejected);
  pending = SitrepPending("2022-06-26");
  EXPECT_TRUE(std::find(pending.begin(), pending.end(), 2) == pending.end())
      << "the situation report still shows proposal 2";
  HttpReply text = Get("/api/v1/sitrep?region=KP&as_of=2022-06-26&format=text", "hq");
  ASSERT_EQ(text.status, 200);
  EXPECT_TRUE(Mentions(text, "task(s) of the action programmes overdue")) << text.body;
}

TEST_F(LevelsApiTest, TheReplayGivesPyongyangsHandCheckedTimeline) {
  HttpReply reply = Get("/api/v1/levels/replay?region=KP-01", "officer");
  EXPECT_EQ(reply.status, 403) << Describe(reply);
  reply = Get("/api/v1/levels/replay?region=KP-01", "hq");
  ASSERT_EQ(reply.status, 200) << Describe(reply);
  std::vector<std::string> moves;
  const json::value body = reply.Json();
  for (const json::value& change : body.at("changes").as_array()) {
    moves.push_back(std::string(change.at("day").as_string()) + " " +
                    std::string(change.at("to_level").as_string()));
  }
  EXPECT_EQ(moves,
            (std::vector<std::string>{"2022-05-14 heightened", "2022-05-15 maximum_emergency",
                                      "2022-06-25 heightened", "2022-07-23 normal"}));
}

}  // namespace
}  // namespace outbreak::testing
