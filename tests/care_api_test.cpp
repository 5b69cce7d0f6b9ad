// The care resources of the API end to end: who may record a census, propose and adopt plans,
// and what bad input gets back. One server on the demo for the suite (test_server.hpp).

#include <string>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "capability_api_fixture.hpp"

namespace outbreak::testing {
namespace {

namespace json = boost::json;

constexpr char kDay[] = "2022-05-20";

class CareApiTest : public CapabilityApiTest {
 protected:
  static void SetUpTestSuite() {
    StartSuite({{"hq", "headquarters", "KP"},
                {"centre", "treatment_centre", "KP-04-003"},
                {"officer", "province_officer", "KP-04"}},
               {"--threads", "2"});
  }

  static json::object Census(const std::string& centre, const std::string& date, int64_t occupied) {
    return {{"centre", centre},     {"date", date},    {"occupied", occupied},
            {"admitted", occupied}, {"discharged", 0}, {"died", 0}};
  }
  static size_t CensusRows(const std::string& region, const std::string& date) {
    HttpReply reply =
        Get("/api/v1/care/census?region=" + region + "&from=" + date + "&to=" + date, "hq");
    EXPECT_EQ(reply.status, 200) << Describe(reply);
    return reply.status == 200 ? reply.Json().at("items").as_array().size() : 0;
  }
};

TEST_F(CareApiTest, ATreatmentCentreRecordsOnlyItsOwnCensusAndOverCapacityIsAFinding) {
  HttpReply own =
      Post("/api/v1/care/census", "centre", Census("KP-04-003-DTC", "2022-08-10", 5000));
  ASSERT_EQ(own.status, 201) << Describe(own);
  EXPECT_TRUE(Mentions(own, "over_capacity")) << own.body;
  EXPECT_EQ(own.Json().at("added").as_int64(), 1);
  EXPECT_EQ(CensusRows("KP-04-003", "2022-08-10"), 1u);

  HttpReply other = Post("/api/v1/care/census", "centre", Census("KP-04-002-DTC", "2022-08-10", 5));
  EXPECT_EQ(other.status, 403) << Describe(other);
  EXPECT_TRUE(Mentions(other, "KP-04-002")) << other.body;
  EXPECT_EQ(CensusRows("KP-04-002", "2022-08-10"), 0u);
  // Reading, too, stays inside the centre's region.
  EXPECT_EQ(Get("/api/v1/care/occupancy?region=KP-04", "centre").status, 403);
  EXPECT_EQ(Get("/api/v1/care/occupancy?region=KP-04-003", "centre").status, 200);
}

TEST_F(CareApiTest, BadCensusIsRejectedWholeWithEveryReasonAndCorrectionsNeedOne) {
  json::array rows{Census("KP-04-003-DTC", "2022-08-11", -3), Census("NOPE", "2022-08-11", 1)};
  HttpReply bad = Post("/api/v1/care/census", "hq", json::object{{"census", rows}});
  EXPECT_EQ(bad.status, 400) << Describe(bad);
  EXPECT_TRUE(Mentions(bad, "census[0].occupied: -3 is negative")) << bad.body;
  EXPECT_TRUE(Mentions(bad, "census[1].centre: \\\"NOPE\\\" is not a known treatment centre"))
      << bad.body;
  EXPECT_EQ(CensusRows("KP-04-003", "2022-08-11"), 0u);

  ASSERT_EQ(Post("/api/v1/care/census", "hq", Census("KP-04-003-DTC", "2022-08-12", 10)).status,
            201);
  HttpReply unexplained =
      Post("/api/v1/care/census", "hq", Census("KP-04-003-DTC", "2022-08-12", 12));
  EXPECT_EQ(unexplained.status, 409) << Describe(unexplained);
  json::object corrected{{"census", json::array{Census("KP-04-003-DTC", "2022-08-12", 12)}},
                         {"reason", "recount"}};
  HttpReply fixed = Post("/api/v1/care/census", "hq", corrected);
  ASSERT_EQ(fixed.status, 201) << Describe(fixed);
  EXPECT_EQ(fixed.Json().at("updated").as_int64(), 1);
}

TEST_F(CareApiTest, ProvinceOfficersManageTheirCentresAndWorkforceOnly) {
  HttpReply centres = Get("/api/v1/care/centres?region=KP-04&limit=1000", "officer");
  ASSERT_EQ(centres.status, 200) << Describe(centres);
  const json::value page = centres.Json();
  for (const json::value& centre : page.at("items").as_array()) {
    EXPECT_EQ(std::string(centre.at("region").as_string()).rfind("KP-04", 0), 0u);
  }
  json::object centre{{"code", "KP-04-001-ISO"},
                      {"name", "Isolation ward"},
                      {"region", "KP-04-001"},
                      {"kind", "isolation_ward"},
                      {"beds_isolation", 40}};
  EXPECT_EQ(Post("/api/v1/care/centres", "officer", centre).status, 201);
  centre["region"] = "KP-01-001";
  centre["code"] = "KP-01-001-ISO";
  EXPECT_EQ(Post("/api/v1/care/centres", "officer", centre).status, 403);
  centre["region"] = "KP-04-001";
  centre["kind"] = "clinic";
  HttpReply bad_kind = Post("/api/v1/care/centres", "officer", centre);
  EXPECT_EQ(bad_kind.status, 400);
  EXPECT_TRUE(Mentions(bad_kind, "centres.kind: \\\"clinic\\\"")) << bad_kind.body;

  json::object count{
      {"region", "KP-04-001"}, {"category", "surgeon"}, {"date", "2022-08-10"}, {"on_duty", -1}};
  HttpReply bad_count = Post("/api/v1/care/workforce", "officer", count);
  EXPECT_EQ(bad_count.status, 400);
  EXPECT_TRUE(Mentions(bad_count, "workforce.on_duty: -1 is negative")) << bad_count.body;
  EXPECT_TRUE(Mentions(bad_count, "workforce.category: \\\"surgeon\\\"")) << bad_count.body;
}

TEST_F(CareApiTest, HeadquartersAdoptsAPlanOnceAndItsWorkersMoveForItsDays) {
  HttpReply plan = Post("/api/v1/care/plans", "officer",
                        json::object{{"within", "KP-04"}, {"as_of", kDay}, {"horizon_days", 0}});
  ASSERT_EQ(plan.status, 201) << Describe(plan);
  const json::object document = plan.Json().as_object();
  const std::string id = std::to_string(document.at("id").as_int64());
  EXPECT_EQ(document.at("status").as_string(), "proposed");
  const json::array& deployments = document.at("deployments").as_array();
  ASSERT_FALSE(deployments.empty()) << plan.body;
  int64_t moved = 0;
  for (const json::value& d : deployments) {
    EXPECT_LE(d.at("travel_hours").to_number<double>(), 8.0);
    if (d.at("category").as_string() == "nurse") moved += d.at("workers").as_int64();
  }

  EXPECT_EQ(Post("/api/v1/care/plans/" + id + "/adopt", "officer", json::object{}).status, 403);
  HttpReply adopted = Post("/api/v1/care/plans/" + id + "/adopt", "hq", json::object{});
  ASSERT_EQ(adopted.status, 200) << Describe(adopted);
  EXPECT_EQ(adopted.Json().at("status").as_string(), "adopted");
  EXPECT_EQ(Post("/api/v1/care/plans/" + id + "/adopt", "hq", json::object{}).status, 409);

  auto nurses_away = [&](const std::string& day) {
    HttpReply workforce = Get("/api/v1/care/workforce?region=KP-04&as_of=" + day, "hq");
    EXPECT_EQ(workforce.status, 200) << Describe(workforce);
    int64_t away = 0;
    const json::value report = workforce.Json();
    for (const json::value& line : report.at("lines").as_array()) {
      if (line.at("category").as_string() == "nurse") away += line.at("deployed_away").as_int64();
    }
    return away;
  };
  EXPECT_EQ(nurses_away(std::string(document.at("start").as_string())), moved);
  EXPECT_EQ(nurses_away(kDay), 0);          // before the start
  EXPECT_EQ(nurses_away("2022-06-30"), 0);  // after the end: back home
}

TEST_F(CareApiTest, APlanThatWouldNowBreakTheRetentionFloorIsRefusedAndChangesNothing) {
  const json::object request{
      {"within", "KP"}, {"as_of", kDay}, {"horizon_days", 0}, {"min_retention_percent", 85}};
  HttpReply first = Post("/api/v1/care/plans", "hq", request);
  HttpReply second = Post("/api/v1/care/plans", "hq", request);
  ASSERT_EQ(first.status, 201) << Describe(first);
  ASSERT_EQ(second.status, 201) << Describe(second);
  const std::string first_id = std::to_string(first.Json().at("id").as_int64());
  const std::string second_id = std::to_string(second.Json().at("id").as_int64());
  ASSERT_EQ(Post("/api/v1/care/plans/" + first_id + "/adopt", "hq", json::object{}).status, 200);
  HttpReply refused = Post("/api/v1/care/plans/" + second_id + "/adopt", "hq", json::object{});
  EXPECT_EQ(refused.status, 409) << Describe(refused);
  EXPECT_TRUE(Mentions(refused, "own would remain")) << refused.body;
  EXPECT_EQ(Get("/api/v1/care/plans/" + second_id, "hq").Json().at("status").as_string(),
            "proposed");
  // A province officer sees the national plan (it concerns the province) but cannot adopt it.
  EXPECT_EQ(Get("/api/v1/care/plans/" + second_id, "officer").status, 200);
}

TEST_F(CareApiTest, BadPlanRequestsAreRejectedWithReasons) {
  HttpReply bad = Post("/api/v1/care/plans", "hq",
                       json::object{{"within", "KP"},
                                    {"horizon_days", 99},
                                    {"colour", "red"},
                                    {"min_retention_percent", -5}});
  EXPECT_EQ(bad.status, 400) << Describe(bad);
  EXPECT_TRUE(Mentions(bad, "horizon_days")) << bad.body;
  EXPECT_TRUE(Mentions(bad, "colour: is not a known field")) << bad.body;
  EXPECT_TRUE(Mentions(bad, "min_retention_percent")) << bad.body;
  EXPECT_EQ(Post("/api/v1/care/plans", "officer", json::object{{"within", "KP-01"}}).status, 403);
  EXPECT_EQ(Get("/api/v1/care/plans/999999", "hq").status, 404);
  HttpReply leaf = Post("/api/v1/care/plans", "hq", json::object{{"within", "KP-04-003"}});
  EXPECT_EQ(leaf.status, 400);
  EXPECT_TRUE(Mentions(leaf, "nothing to balance")) << leaf.body;
}

}  // namespace
}  // namespace outbreak::testing
