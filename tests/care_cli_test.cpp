// `outbreak care` end to end on the real binary: the planner on the 2022 demo, adoption, and bad
// input that must name file, line and field and change nothing.

#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "cli_fixture.hpp"

namespace outbreak::testing {
namespace {

namespace json = boost::json;

class CareCliTest : public DemoCliTest {
 protected:
  // Everything a reader sees of the care data.
  std::string Snapshot() override {
    return Outbreak({"care", "centre", "list", "--format", "json"}).out +
           Outbreak({"care", "occupancy", "--as-of", "2022-08-09", "--horizon-days", "0",
                     "--format", "json"})
               .out +
           Outbreak({"care", "workforce", "list", "--format", "json"}).out;
  }
};

TEST_F(CareCliTest, EveryCareCommandHasHelp) {
  for (std::vector<std::string> command : {std::vector<std::string>{"care"},
                                           {"care", "centre"},
                                           {"care", "centre", "add"},
                                           {"care", "centre", "import"},
                                           {"care", "centre", "list"},
                                           {"care", "census"},
                                           {"care", "occupancy"},
                                           {"care", "workforce", "import"},
                                           {"care", "workforce", "list"},
                                           {"care", "plan"},
                                           {"care", "plans"},
                                           {"care", "show"},
                                           {"care", "adopt"}}) {
    command.push_back("--help");
    RunResult result = Outbreak(command);
    EXPECT_EQ(result.exit_code, 0) << command[1];
    EXPECT_NE(result.out.find("Usage"), std::string::npos) << result.out;
  }
}

// The figure docs/care.md reports: the planner lowers the worst province's patients per worker.
// On 20 May the forecast rests on 9 days of data: the plan says so, and plans on the patients
// under treatment that day instead.
TEST_F(CareCliTest, OnTheDemoThePlanLowersTheWorstProvinceLoadWithinTheLimits) {
  const json::value plan = Json({"care", "plan", "--as-of", "2022-05-20", "--format", "json"});
  ASSERT_TRUE(plan.is_object());
  const std::string notes = json::serialize(plan.at("notes"));
  EXPECT_NE(notes.find("WARNING: the forecast is not used for any region"), std::string::npos)
      << notes;
  EXPECT_NE(notes.find("too little data: 9 days of reports"), std::string::npos) << notes;
  const RunResult text = Outbreak({"care", "plan", "--as-of", "2022-05-20"});
  EXPECT_NE(text.out.find("WARNING: the forecast is not used"), std::string::npos) << text.out;
  EXPECT_EQ(plan.at("regions").as_array().size(), 13u);
  // On 5 June some provinces' forecasts did well lately and drive the plan, named with their
  // skill; the others' 80% intervals missed and they are flagged unreliable, in JSON and text.
  const json::value june = Json({"care", "plan", "--as-of", "2022-06-05", "--format", "json"});
  ASSERT_TRUE(june.is_object());
  const std::string june_notes = json::serialize(june.at("notes"));
  EXPECT_NE(june_notes.find("its skill there lately"), std::string::npos) << june_notes;
  EXPECT_NE(june_notes.find("): unreliable: "), std::string::npos) << june_notes;
  const RunResult june_text = Outbreak({"care", "plan", "--as-of", "2022-06-05"});
  EXPECT_NE(june_text.out.find("): unreliable: "), std::string::npos) << june_text.out;
  std::map<std::string, double> worst_after;
  for (const json::value& category : plan.at("categories").as_array()) {
    const double before = category.at("worst_before").at("per_worker").to_number<double>();
    const double after = category.at("worst_after").at("per_worker").to_number<double>();
    worst_after[std::string(category.at("category").as_string())] = after;
    EXPECT_LT(after, before * 0.75) << category;
  }
  EXPECT_NEAR(worst_after["doctor"], 16.6, 0.1);
  EXPECT_NEAR(worst_after["nurse"], 9.4, 0.1);

  // Limits: travel bound; each province keeps 70% of its own workers.
  const json::value workforce = Json(
      {"care", "workforce", "list", "--as-of", "2022-05-20", "--level", "1", "--format", "json"});
  std::map<std::string, int64_t> own, sent;
  for (const json::value& line : workforce.at("lines").as_array()) {
    own[std::string(line.at("region").as_string()) + "/" +
        std::string(line.at("category").as_string())] = line.at("on_duty").as_int64();
  }
  for (const json::value& d : plan.at("deployments").as_array()) {
    EXPECT_LE(d.at("travel_hours").to_number<double>(), 8.0);
    sent[std::string(d.at("from").as_string()) + "/" + std::string(d.at("category").as_string())] +=
        d.at("workers").as_int64();
  }
  ASSERT_FALSE(sent.empty());
  for (const auto& [key, workers] : sent) EXPECT_LE(workers * 10, own[key] * 3) << key;

  // Adopted, the workers leave on the first day and are back after the last.
  const std::string id = std::to_string(plan.at("id").as_int64());
  RunResult adopt = Outbreak({"care", "adopt", id});
  ASSERT_EQ(adopt.exit_code, 0) << adopt.err;
  auto away = [&](const std::string& day) {
    const json::value report =
        Json({"care", "workforce", "list", "--as-of", day, "--level", "1", "--format", "json"});
    int64_t total = 0;
    for (const json::value& line : report.at("lines").as_array()) {
      total += line.at("deployed_away").as_int64();
    }
    return total;
  };
  int64_t planned = 0;
  for (const auto& [key, workers] : sent) planned += workers;
  EXPECT_EQ(away(std::string(plan.at("start").as_string())), planned);
  EXPECT_EQ(away(std::string(plan.at("end").as_string())), planned);
  EXPECT_EQ(away("2022-06-30"), 0);
  RunResult again = Outbreak({"care", "adopt", id});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.err.find("adopted already"), std::string::npos) << again.err;
}

TEST_F(CareCliTest, BadImportsNameFileLineAndFieldAndChangeNothing) {
  ExpectRejected({"care", "centre", "import",
                  File("centres.csv",
                       "code,name,region,kind,beds_general\n"
                       "KP-04-001-X,Ward,KP-04-001,isolation_ward,10\n"
                       "KP-04-001-Y,Ward,KP-04-001,clinic,-2\n")},
                 {"centres.csv:3: kind: \"clinic\"", "centres.csv:3: beds_general: \"-2\"",
                  "nothing was imported"});
  ExpectRejected({"care", "census",
                  File("census.csv",
                       "centre,date,occupied,admitted,discharged,died\n"
                       "KP-04-001-DTC,2022-08-10,3,3,0,0\n"
                       "KP-04-999-DTC,2022-08-10,3,3,0,0\n")},
                 {"census.csv:3: centre: \"KP-04-999-DTC\" is not a known treatment centre"});
  ExpectRejected({"care", "workforce", "import",
                  File("workforce.csv",
                       "region,category,date,on_duty\n"
                       "KP-04-001,nurse,2022-08-10,30\n"
                       "KP-04-001,nurse,2022-08-10,-1\n")},
                 {"workforce.csv:3: on_duty: \"-1\"",
                  "workforce.csv:3: date: \"2022-08-10\" appears twice for region"});
  ExpectRejected({"care", "census", "--centre", "KP-04-001-DTC", "--date", "2022-08-10",
                  "--occupied", "-3", "--admitted", "0", "--discharged", "0", "--died", "0"},
                 {"occupied: -3 is negative"});
  ExpectRejected({"care", "plan", "--within", "KP-04-001"}, {"nothing to balance"});
  ExpectRejected({"care", "adopt", "42"}, {"plan 42 does not exist"});
}

TEST_F(CareCliTest, MoreOccupiedThanBedsIsAFindingAndACorrectionNeedsAReason) {
  const std::vector<std::string> day = {
      "care", "census",       "--centre", "KP-04-001-DTC", "--date", "2022-08-10", "--admitted",
      "0",    "--discharged", "0",        "--died",        "0",      "--occupied"};
  auto with = [&](const std::string& occupied, std::vector<std::string> more = {}) {
    std::vector<std::string> args = day;
    args.push_back(occupied);
    args.insert(args.end(), more.begin(), more.end());
    return Outbreak(args);
  };
  RunResult over = with("99999");
  EXPECT_EQ(over.exit_code, 0) << over.err;
  EXPECT_NE(over.err.find("finding: over_capacity: KP-04-001-DTC"), std::string::npos) << over.err;
  RunResult unexplained = with("100");
  EXPECT_NE(unexplained.exit_code, 0);
  EXPECT_NE(unexplained.err.find("a correction needs a reason"), std::string::npos);
  RunResult explained = with("100", {"--reason", "typing error"});
  EXPECT_EQ(explained.exit_code, 0) << explained.err;
  EXPECT_NE(explained.out.find("1 updated"), std::string::npos) << explained.out;
}

}  // namespace
}  // namespace outbreak::testing
