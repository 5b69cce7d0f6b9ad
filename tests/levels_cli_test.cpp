// `outbreak levels` end to end on the real binary: the replay of the rules over the 2022 demo
// (deterministic, with hand-checked dates), bad rules files, and the evaluate → decide → tasks
// cycle with its unhappy paths.

#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "cli_fixture.hpp"

namespace outbreak::testing {
namespace {

namespace json = boost::json;

class LevelsCliTest : public DemoCliTest {
 protected:
  size_t Decisions() {
    return Json({"levels", "history", "--format", "json"}).at("decisions").as_array().size();
  }
};

// Each region's moves in the replay: "DAY LEVEL".
std::map<std::string, std::vector<std::string>> Moves(const json::value& replay) {
  std::map<std::string, std::vector<std::string>> out;
  for (const json::value& change : replay.at("changes").as_array()) {
    out[std::string(change.at("region").as_string())].push_back(
        std::string(change.at("day").as_string()) + " " +
        std::string(change.at("to_level").as_string()));
  }
  return out;
}

TEST_F(LevelsCliTest, TheReplayOfThe2022DemoIsDeterministicAndMatchesHandCheckedDates) {
  const RunResult first = Outbreak({"levels", "replay", "--format", "json"});
  const RunResult second = Outbreak({"levels", "replay", "--format", "json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, second.out);
  const json::value replay = json::parse(first.out);
  EXPECT_EQ(replay.at("from").as_string(), "2022-05-12");
  EXPECT_EQ(replay.at("to").as_string(), "2022-08-09");
  EXPECT_EQ(replay.at("regions").as_array().size(), 13u);
  const auto moves = Moves(replay);
  // Worked by hand from `outbreak levels indicators` (docs/levels.md): Pyongyang's 7-day
  // incidence passes 50 per 100,000 on 12 May and 1,000 on 13 May; it is below 200 from 19 June
  // (203 on 18 June) and below 10 from 17 July (10.8 on 16 July).
  EXPECT_EQ(moves.at("KP-01"),
            (std::vector<std::string>{"2022-05-14 heightened", "2022-05-15 maximum_emergency",
                                      "2022-06-25 heightened", "2022-07-23 normal"}));
  // North Hamgyong: 35.5 on 12 May, 380 on 13 May, 965 on 14 May, 1,255 on 15 May; below 200 from
  // 18 June; below 10 from 7 July.
  EXPECT_EQ(moves.at("KP-09"),
            (std::vector<std::string>{"2022-05-15 heightened", "2022-05-17 maximum_emergency",
                                      "2022-06-24 heightened", "2022-07-13 normal"}));
  for (const auto& [region, each] : moves) {
    EXPECT_EQ(each.size(), 4u) << region << " should move four times, no flapping";
  }
  const RunResult markdown = Outbreak({"levels", "replay", "--format", "markdown"});
  EXPECT_NE(markdown.out.find("| KP-01 Pyongyang | 2022-05-14 → heightened, 2022-05-15 → "
                              "maximum_emergency, 2022-06-25 → heightened, 2022-07-23 → normal |"),
            std::string::npos)
      << markdown.out;
}

TEST_F(LevelsCliTest, ABadRulesFileListsEveryMistakeWithLineAndField) {
  const std::string bad = File("bad_rules.txt",
                               "version = 1\nmin_days_at_level = soon\n[level normal]\nname = N\n"
                               "[level high]\nname = H\nraise = incidence_7d_per_100k >= 50\n"
                               "lower = incidence_7d_per_100k < 80\nraise = beds >= 0.9\n");
  const RunResult check = Outbreak({"levels", "rules", "check", bad});
  EXPECT_NE(check.exit_code, 0);
  for (const std::string& text :
       {bad + ":2: min_days_at_level: \"soon\" is not a whole number",
        bad + ":8: lower: \"incidence_7d_per_100k < 80\" must be strictly below",
        bad + ":9: raise: \"beds\" is not an indicator"}) {
    EXPECT_NE(check.err.find(text), std::string::npos) << check.err << "\nmissing: " << text;
  }
  const RunResult load = Outbreak({"levels", "rules", "load", bad});
  EXPECT_NE(load.exit_code, 0);
  EXPECT_EQ(Json({"levels", "rules", "show", "--format", "json"}).at("version").as_string(),
            "2022.1");
  const RunResult good = Outbreak(
      {"levels", "rules", "check", std::string(OUTBREAK_TEST_DATA_DIR) + "/prevention_rules.txt"});
  EXPECT_EQ(good.exit_code, 0) << good.err;
}

TEST_F(LevelsCliTest, EvaluateDecideAndMarkTasksDoneWithTheUnhappyPaths) {
  // The demo recorded the switch of 12 May with its six national tasks.
  ASSERT_EQ(Decisions(), 1u);
  const json::value evaluated =
      Json({"levels", "evaluate", "--as-of", "2022-06-25", "--format", "json"});
  ASSERT_EQ(evaluated.at("proposed").as_array().size(), 2u);
  EXPECT_EQ(evaluated.at("proposed").as_array()[0].at("region").as_string(), "KP-01");
  // Again on the same day: nothing new.
  EXPECT_EQ(Json({"levels", "evaluate", "--as-of", "2022-06-25", "--format", "json"})
                .at("proposed")
                .as_array()
                .size(),
            0u);
  const RunResult neither = Outbreak({"levels", "decide", "1", "--reason", "x"});
  EXPECT_NE(neither.exit_code, 0);
  const RunResult unknown =
      Outbreak({"levels", "decide", "1", "--level", "lockdown", "--reason", "stricter"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("\"lockdown\" is not a level of the rules"), std::string::npos)
      << unknown.err;
  const RunResult nowhere =
      Outbreak({"levels", "set", "--region", "KP-99", "--level", "heightened", "--reason", "x"});
  EXPECT_NE(nowhere.exit_code, 0);
  EXPECT_NE(nowhere.err.find("region: \"KP-99\" is not a known region"), std::string::npos)
      << nowhere.err;
  EXPECT_EQ(Decisions(), 1u);

  const json::value accepted = Json(
      {"levels", "decide", "1", "--accept", "--reason", "a week of decline", "--format", "json"});
  EXPECT_EQ(accepted.at("to_level").as_string(), "heightened");
  EXPECT_EQ(accepted.at("tasks").as_int64(), 4);
  const RunResult twice = Outbreak({"levels", "decide", "1", "--reject", "--reason", "no"});
  EXPECT_NE(twice.exit_code, 0);
  EXPECT_NE(twice.err.find("not pending"), std::string::npos) << twice.err;
  EXPECT_EQ(Decisions(), 2u);

  const json::value tasks =
      Json({"levels", "tasks", "--region", "KP-01", "--overdue", "--format", "json"});
  ASSERT_EQ(tasks.at("tasks").as_array().size(), 4u);
  const std::string task = std::to_string(tasks.at("tasks").as_array()[0].at("id").as_int64());
  const json::value done =
      Json({"levels", "task", "done", task, "--note", "done by noon", "--format", "json"});
  EXPECT_EQ(done.at("state").as_string(), "done");
  EXPECT_NE(Outbreak({"levels", "task", "done", task}).exit_code, 0);
  EXPECT_EQ(Json({"levels", "tasks", "--region", "KP-01", "--overdue", "--format", "json"})
                .at("tasks")
                .as_array()
                .size(),
            3u);

  const RunResult sitrep = Outbreak({"sitrep", "--as-of", "2022-06-26"});
  EXPECT_NE(sitrep.out.find("Prevention levels:"), std::string::npos) << sitrep.out;
  EXPECT_NE(sitrep.out.find("Proposal 2 (2022-06-25): North Hamgyong"), std::string::npos)
      << sitrep.out;

  // The demo again changes nothing.
  ASSERT_EQ(Outbreak({"demo"}).exit_code, 0);
  EXPECT_EQ(Decisions(), 2u);
}

TEST_F(LevelsCliTest, EveryLevelsCommandHasHelp) {
  for (const std::vector<std::string>& command :
       std::vector<std::vector<std::string>>{{"levels"},
                                             {"levels", "rules"},
                                             {"levels", "rules", "check"},
                                             {"levels", "rules", "load"},
                                             {"levels", "rules", "show"},
                                             {"levels", "programmes"},
                                             {"levels", "programmes", "check"},
                                             {"levels", "programmes", "load"},
                                             {"levels", "programmes", "show"},
                                             {"levels", "show"},
                                             {"levels", "indicators"},
                                             {"levels", "evaluate"},
                                             {"levels", "proposals"},
                                             {"levels", "decide"},
                                             {"levels", "set"},
                                             {"levels", "history"},
                                             {"levels", "replay"},
                                             {"levels", "tasks"},
                                             {"levels", "task"},
                                             {"levels", "task", "done"}}) {
    std::vector<std::string> args = command;
    args.push_back("--help");
    const RunResult help = outbreak::testing::Run(OUTBREAK_BINARY, args);
    EXPECT_EQ(help.exit_code, 0) << args[args.size() - 2];
    EXPECT_NE(help.out.find("Usage"), std::string::npos) << help.out;
  }
}

}  // namespace
}  // namespace outbreak::testing
