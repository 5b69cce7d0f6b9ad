// The one gate every request passes, tried as a hostile user of each role would: records of a
// sibling region taken over by code, national reference data written by a province, admins beyond
// their region, numbers near 2^63, and reading beyond one's region. One server on the demo.

#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "capability_api_fixture.hpp"
#include "supply_api_fixture.hpp"

namespace outbreak::testing {
namespace {

namespace json = boost::json;

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();

class ApiGateTest : public CapabilityApiTest {
 protected:
  static void SetUpTestSuite() {
    StartSuite({{"hq", "headquarters", "KP"},
                {"hq4", "headquarters", "KP-04"},
                {"officer4", "province_officer", "KP-04"},
                {"admin5", "admin", "KP-05"},
                {"clerk5", "county_clerk", "KP-05-001"},
                {"clerk4", "county_clerk", "KP-04-003"},
                {"supply4", "supply_officer", "KP-04-003"}},
               {"--threads", "2"});
  }

  // The region of the first item of `list` whose `key` is `code`, as the headquarters reads it.
  static std::string RegionOf(const std::string& target, const std::string& code,
                              const char* region_key = "region") {
    HttpReply reply = Get(target, "hq");
    EXPECT_EQ(reply.status, 200) << Describe(reply);
    if (reply.status != 200) return "";
    const json::value body = reply.Json();
    for (const json::value& item : body.at("items").as_array()) {
      if (item.at("code").as_string() == code) return std::string(item.at(region_key).as_string());
    }
    return "";
  }

  // The stock of PARA-500 at the county base of KP-04-003, as the headquarters reads it.
  static int64_t CountyStock() {
    HttpReply stock = Get("/api/v1/supply/stock?region=KP-04-003&medicine=PARA-500", "hq");
    EXPECT_EQ(stock.status, 200) << Describe(stock);
    int64_t on_hand = 0;
    const json::value body = stock.Json();
    for (const json::value& line : body.at("lines").as_array()) {
      if (line.at("node").as_string() == "CO-KP-04-003") on_hand += line.at("on_hand").as_int64();
    }
    return on_hand;
  }
};

TEST_F(ApiGateTest, AProvinceCannotTakeOverASiblingProvincesCentreByItsCode) {
  ASSERT_EQ(RegionOf("/api/v1/care/centres?region=KP-05&limit=1000", "KP-05-HOSP"), "KP-05");
  HttpReply taken = Post("/api/v1/care/centres", "officer4",
                         json::object{{"code", "KP-05-HOSP"},
                                      {"name", "taken"},
                                      {"region", "KP-04"},
                                      {"kind", "hospital"},
                                      {"status", "closed"}});
  EXPECT_EQ(taken.status, 403) << Describe(taken);
  EXPECT_TRUE(Mentions(taken, "belongs to region")) << taken.body;
  EXPECT_EQ(RegionOf("/api/v1/care/centres?region=KP-05&limit=1000", "KP-05-HOSP"), "KP-05");
  // Moving one of its own into a sibling province is refused too.
  HttpReply moved = Post(
      "/api/v1/care/centres", "officer4",
      json::object{
          {"code", "KP-04-HOSP"}, {"name", "moved"}, {"region", "KP-05"}, {"kind", "hospital"}});
  EXPECT_EQ(moved.status, 403) << Describe(moved);
}

TEST_F(ApiGateTest, AProvinceCannotMoveASiblingsSupplyNodeOrOfficial) {
  HttpReply node = Post("/api/v1/supply/nodes", "hq4",
                        json::object{{"code", "PC-KP-05"},
                                     {"name", "taken"},
                                     {"kind", "provincial_centre"},
                                     {"region", "KP-04"}});
  EXPECT_EQ(node.status, 403) << Describe(node);
  EXPECT_EQ(RegionOf("/api/v1/supply/nodes?region=KP-05&limit=1000", "PC-KP-05"), "KP-05");

  HttpReply roster = Get("/api/v1/guidance/officials?region=KP-05", "hq");
  ASSERT_EQ(roster.status, 200) << Describe(roster);
  const json::value roster_json = roster.Json();
  ASSERT_FALSE(roster_json.at("items").as_array().empty());
  json::object official = roster_json.at("items").as_array()[0].as_object();
  const std::string code(official.at("code").as_string());
  HttpReply moved = Post("/api/v1/guidance/officials", "hq4",
                         json::object{{"code", code},
                                      {"name", "taken"},
                                      {"position", official.at("position")},
                                      {"home", "KP-04"}});
  EXPECT_EQ(moved.status, 403) << Describe(moved);
  EXPECT_EQ(RegionOf("/api/v1/guidance/officials?region=KP-05", code, "home"), "KP-05");
}

TEST_F(ApiGateTest, NationalReferenceDataIsWrittenByTheNationOnly) {
  const json::object medicine{
      {"code", "X-TEST"}, {"name", "x"}, {"unit", "tablet"}, {"category", "antipyretic"}};
  for (const char* target :
       {"/api/v1/supply/medicines", "/api/v1/supply/protocols", "/api/v1/supply/links/default"}) {
    HttpReply refused = Post(target, "hq4", medicine);
    EXPECT_EQ(refused.status, 403) << target << ": " << Describe(refused);
    EXPECT_TRUE(Mentions(refused, "only callers of the whole country")) << refused.body;
  }
  // The nation passes the gate (and meets the body's own checks).
  EXPECT_NE(Post("/api/v1/supply/protocols", "hq", json::object{}).status, 403);
}

TEST_F(ApiGateTest, AnAdminManagesUsersInsideItsOwnRegionOnly) {
  HttpReply national = Post("/api/v1/users", "admin5",
                            json::object{{"name", "usurper"},
                                         {"role", "headquarters"},
                                         {"region", "KP"},
                                         {"password", "long-enough-1"}});
  EXPECT_EQ(national.status, 403) << Describe(national);
  HttpReply sibling = Post("/api/v1/users", "admin5",
                           json::object{{"name", "spy"},
                                        {"role", "county_clerk"},
                                        {"region", "KP-04-003"},
                                        {"password", "long-enough-1"}});
  EXPECT_EQ(sibling.status, 403) << Describe(sibling);
  HttpReply own = Post("/api/v1/users", "admin5",
                       json::object{{"name", "clerk5b"},
                                    {"role", "county_clerk"},
                                    {"region", "KP-05-001"},
                                    {"password", "long-enough-1"}});
  EXPECT_EQ(own.status, 201) << Describe(own);

  for (const char* action : {"disable", "enable", "revoke"}) {
    HttpReply other = Post(std::string("/api/v1/users/clerk4/") + action, "admin5", json::object{});
    EXPECT_EQ(other.status, 404) << action << ": " << Describe(other);
  }
  EXPECT_EQ(Get("/api/v1/me", "clerk4").status, 200);  // still signed in

  HttpReply users = Get("/api/v1/users?limit=1000", "admin5");
  ASSERT_EQ(users.status, 200) << Describe(users);
  const json::value users_json = users.Json();
  std::set<std::string> names;
  for (const json::value& user : users_json.at("items").as_array()) {
    names.insert(std::string(user.at("name").as_string()));
    EXPECT_TRUE(std::string(user.at("region").as_string()).starts_with("KP-05")) << user;
  }
  EXPECT_TRUE(names.contains("clerk5"));
  EXPECT_FALSE(names.contains("hq"));
}

TEST_F(ApiGateTest, AProvinceReadsTheAuditTrailOfItsOwnUsersOnly) {
  ASSERT_EQ(Post("/api/v1/care/centres", "hq",
                 json::object{{"code", "KP-01-GATE"},
                              {"name", "gate test"},
                              {"region", "KP-01"},
                              {"kind", "mobile_unit"}})
                .status,
            201);
  // The audit trail's from and to are times, not days: the router leaves them to the route.
  HttpReply timed = Get("/api/v1/audit?from=2022-05-20T00:00:00Z&to=2100-01-01T00:00:00Z", "hq");
  EXPECT_EQ(timed.status, 200) << Describe(timed);
  HttpReply national = Get("/api/v1/audit?limit=1000", "hq");
  ASSERT_EQ(national.status, 200) << Describe(national);
  EXPECT_TRUE(Mentions(national, "\"user\":\"hq\"")) << national.body.substr(0, 400);
  HttpReply province = Get("/api/v1/audit?limit=1000", "hq4");
  ASSERT_EQ(province.status, 200) << Describe(province);
  const json::value entries = province.Json();
  for (const json::value& entry : entries.at("items").as_array()) {
    const std::string user(entry.at("user").as_string());
    EXPECT_TRUE(user == "hq4" || user == "officer4" || user == "clerk4" || user == "supply4")
        << entry;
  }
}

TEST_F(ApiGateTest, ACountNearTwoToTheSixtyThreeIsRefusedNamingTheFieldAndTotalsStay) {
  const std::string before = Get("/api/v1/sitrep?as_of=2022-05-20", "hq").body;
  for (const int64_t huge : {kInt64Max, int64_t{1'000'000'000'000}, int64_t{-1}}) {
    HttpReply report = Post("/api/v1/reports", "clerk4",
                            json::object{{"region", "KP-04-003"},
                                         {"date", "2022-08-20"},
                                         {"new_fever", huge},
                                         {"new_recovered", 0},
                                         {"new_deaths", 0},
                                         {"under_treatment", 0}});
    EXPECT_EQ(report.status, 400) << huge << ": " << Describe(report);
    EXPECT_TRUE(Mentions(report, "new_fever")) << report.body;
  }
  EXPECT_EQ(Get("/api/v1/sitrep?as_of=2022-05-20", "hq").body, before);

  for (const int64_t huge : {kInt64Max, int64_t{1'000'000'000'001}}) {
    HttpReply receipt = Post("/api/v1/supply/ledger", "supply4",
                             Movements({NewLot(Movement("2022-09-01", "CO-KP-04-003", "PARA-500",
                                                        "receipt", huge, "GATE-LOT"),
                                               "2024-01-31")}));
    EXPECT_EQ(receipt.status, 400) << huge << ": " << Describe(receipt);
    EXPECT_TRUE(Mentions(receipt, "quantity")) << receipt.body;
  }
  EXPECT_EQ(Get("/api/v1/supply/stock?region=KP-04", "hq").status, 200);
  EXPECT_EQ(Get("/api/v1/supply/cover?region=KP", "hq").status, 200);
}

TEST_F(ApiGateTest, AClerkReadsOnlyTheAreasOfAPlanThatConcernItsRegion) {
  HttpReply plans = Get("/api/v1/guidance/plans", "clerk5");
  ASSERT_EQ(plans.status, 200) << Describe(plans);
  const json::value plans_json = plans.Json();
  for (const json::value& plan : plans_json.at("items").as_array()) {
    const json::object& body = plan.as_object();
    if (const json::value* areas = body.if_contains("areas")) {
      for (const json::value& area : areas->as_array()) {
        bool concerns = false;
        for (const json::value& province : area.at("provinces").as_array()) {
          concerns = concerns || province.as_string() == "KP-05";
        }
        EXPECT_TRUE(concerns) << area;
      }
    }
    EXPECT_FALSE(body.contains("unassigned"));
  }
}

TEST_F(ApiGateTest, TheSameIdempotencyKeySentTenTimesAtOnceWritesOnce) {
  const int64_t before = CountyStock();
  const std::string body = json::serialize(Movements(
      {NewLot(Movement("2022-09-05", "CO-KP-04-003", "PARA-500", "receipt", 100, "IDEM-LOT"),
              "2024-01-31")}));
  const Headers key = {{"Idempotency-Key", "receipt-2022-09-05"}};
  std::vector<std::thread> senders;
  std::vector<int> statuses(10);
  for (size_t sender_idx = 0; sender_idx < statuses.size(); ++sender_idx) {
    senders.emplace_back([&, sender_idx] {
      statuses[sender_idx] = PostText("/api/v1/supply/ledger", "supply4", body, key).status;
    });
  }
  for (std::thread& sender : senders) sender.join();
  for (const int status : statuses) EXPECT_TRUE(status == 201 || status == 409) << status;
  EXPECT_EQ(CountyStock(), before + 100);
  // Once the first has answered, a resend replays it.
  HttpReply resend = PostText("/api/v1/supply/ledger", "supply4", body, key);
  EXPECT_EQ(resend.status, 201) << Describe(resend);
  EXPECT_EQ(resend.Header("idempotent-replayed"), "true");
  EXPECT_EQ(CountyStock(), before + 100);
}

TEST_F(ApiGateTest, ARegionParameterOutsideTheCallersRegionIsRefusedByTheGate) {
  for (const char* target : {"/api/v1/sitrep?region=KP-05", "/api/v1/care/centres?region=KP-05",
                             "/api/v1/supply/stock?region=KP-05"}) {
    HttpReply reply = Get(target, "clerk4");
    EXPECT_EQ(reply.status, 403) << target << ": " << Describe(reply);
  }
}

}  // namespace
}  // namespace outbreak::testing
