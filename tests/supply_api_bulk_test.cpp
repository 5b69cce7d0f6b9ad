// Shipments in bulk on the demo: a plan's shipments approved, dispatched and received in a few
// steps, all or nothing; the ends that may take each step; and a node's work queue.

#include <map>
#include <string>

#include "supply_api_fixture.hpp"

namespace outbreak::testing {
namespace {

class SupplyBulkTest : public CapabilityApiTest {
 protected:
  static void SetUpTestSuite() {
    StartSuite({{"hq", "headquarters", "KP"},
                {"officer", "supply_officer", "KP-04"},
                {"neighbour", "supply_officer", "KP-05"}},
               {"--threads", "4"});
  }

  // Adopts a 7-day plan for Jagang from 20 May; returns its number and shipments.
  static std::pair<std::string, json::array> AdoptedPlan() {
    HttpReply proposed =
        Post("/api/v1/supply/plans", "hq",
             json::object{{"within", "KP-04"}, {"as_of", "2022-05-20"}, {"horizon_days", 7}});
    EXPECT_EQ(proposed.status, 201) << Describe(proposed);
    const std::string id = std::to_string(proposed.Json().at("id").as_int64());
    HttpReply adopted = Post("/api/v1/supply/plans/" + id + "/adopt", "hq", json::object{});
    EXPECT_EQ(adopted.status, 200) << Describe(adopted);
    HttpReply listed =
        Get("/api/v1/supply/shipments?region=KP-04&limit=1000&plan=" + id, "officer");
    EXPECT_EQ(listed.status, 200) << Describe(listed);
    return {id, listed.Json().at("items").as_array()};
  }

  static std::map<std::string, int> StatusCounts(const std::string& plan) {
    std::map<std::string, int> out;
    HttpReply listed =
        Get("/api/v1/supply/shipments?region=KP-04&limit=1000&plan=" + plan, "officer");
    const json::value body = listed.Json();
    for (const json::value& s : body.at("items").as_array()) {
      ++out[std::string(s.at("status").as_string())];
    }
    return out;
  }
};

TEST_F(SupplyBulkTest, APlansShipmentsGoFromPlannedToReceivedInThreeSteps) {
  const auto [plan, shipments] = AdoptedPlan();
  ASSERT_FALSE(shipments.empty());
  const int total = static_cast<int>(shipments.size());

  HttpReply approved = Post("/api/v1/supply/shipment-steps", "officer",
                            json::object{{"step", "approve"}, {"plan", std::stoll(plan)}});
  ASSERT_EQ(approved.status, 200) << Describe(approved);
  EXPECT_EQ(approved.Json().at("count").as_int64(), total);
  EXPECT_EQ(StatusCounts(plan), (std::map<std::string, int>{{"approved", total}}));
  // Nothing is left to approve: a clear refusal, nothing written.
  HttpReply again = Post("/api/v1/supply/shipment-steps", "officer",
                         json::object{{"step", "approve"}, {"plan", std::stoll(plan)}});
  EXPECT_EQ(again.status, 400) << Describe(again);

  // The first day's shipments leave on their day, then arrive in full.
  HttpReply dispatched = Post(
      "/api/v1/supply/shipment-steps", "officer",
      json::object{{"step", "dispatch"}, {"plan", std::stoll(plan)}, {"through", "2022-05-21"}});
  ASSERT_EQ(dispatched.status, 200) << Describe(dispatched);
  const int64_t left = dispatched.Json().at("count").as_int64();
  ASSERT_GT(left, 0);
  const json::value left_json = dispatched.Json();
  for (const json::value& s : left_json.at("shipments").as_array()) {
    EXPECT_EQ(s.at("ship_day").as_string(), "2022-05-21");
    EXPECT_EQ(s.at("custody").as_array().back().at("step").as_string(), "dispatched");
  }
  HttpReply received = Post(
      "/api/v1/supply/shipment-steps", "officer",
      json::object{{"step", "receive"}, {"plan", std::stoll(plan)}, {"through", "2022-05-28"}});
  ASSERT_EQ(received.status, 200) << Describe(received);
  EXPECT_EQ(received.Json().at("count").as_int64(), left);
  const json::value arrived = received.Json();
  for (const json::value& s : arrived.at("shipments").as_array()) {
    for (const json::value& lot : s.at("lots").as_array()) {
      EXPECT_EQ(lot.at("received"), lot.at("sent")) << s;
    }
  }
  EXPECT_EQ(StatusCounts(plan),
            (std::map<std::string, int>{{"approved", total - static_cast<int>(left)},
                                        {"received", static_cast<int>(left)}}));
}

TEST_F(SupplyBulkTest, OneShipmentThatCannotTakeTheStepStopsTheWholeStep) {
  const auto [plan, shipments] = AdoptedPlan();
  ASSERT_GE(shipments.size(), 2u);
  json::array ids;
  for (const json::value& s : shipments) ids.push_back(s.at("id"));
  // The neighbouring province's officer may not take a step at Jagang's nodes.
  HttpReply foreign = Post("/api/v1/supply/shipment-steps", "neighbour",
                           json::object{{"step", "approve"}, {"ids", ids}});
  EXPECT_EQ(foreign.status, 403) << Describe(foreign);
  EXPECT_TRUE(Mentions(foreign, "nothing was written")) << foreign.body;

  // One of them cancelled: approving them all is refused, naming it, and none is approved.
  const int64_t cancelled = ids.back().as_int64();
  ASSERT_EQ(Post("/api/v1/supply/shipments/" + std::to_string(cancelled) + "/cancel", "officer",
                 json::object{{"reason", "not needed"}})
                .status,
            200);
  HttpReply refused = Post("/api/v1/supply/shipment-steps", "officer",
                           json::object{{"step", "approve"}, {"ids", ids}});
  EXPECT_EQ(refused.status, 409) << Describe(refused);
  EXPECT_TRUE(Mentions(refused, "shipment " + std::to_string(cancelled) + ":")) << refused.body;
  EXPECT_EQ(StatusCounts(plan),
            (std::map<std::string, int>{{"planned", static_cast<int>(shipments.size()) - 1},
                                        {"cancelled", 1}}));

  // A cancellation in bulk needs a reason; ids and a filter together are refused.
  EXPECT_EQ(Post("/api/v1/supply/shipment-steps", "officer",
                 json::object{{"step", "cancel"}, {"plan", std::stoll(plan)}})
                .status,
            400);
  EXPECT_EQ(Post("/api/v1/supply/shipment-steps", "officer",
                 json::object{{"step", "approve"}, {"ids", ids}, {"plan", std::stoll(plan)}})
                .status,
            400);
  EXPECT_EQ(Post("/api/v1/supply/shipment-steps", "officer",
                 json::object{{"step", "teleport"}, {"plan", std::stoll(plan)}})
                .status,
            400);
}

TEST_F(SupplyBulkTest, ANodesQueueListsWhatItMustApproveDispatchAndReceiveByTheDay) {
  const auto [plan, shipments] = AdoptedPlan();
  std::string sender;
  for (const json::value& s : shipments) {
    if (s.at("ship_day").as_string() == "2022-05-21")
      sender = std::string(s.at("from").as_string());
  }
  ASSERT_FALSE(sender.empty());
  int due_by_22 = 0;
  for (const json::value& s : shipments) {
    if (s.at("from").as_string() == sender && s.at("ship_day").as_string() <= "2022-05-22") {
      ++due_by_22;
    }
  }
  HttpReply queue = Get("/api/v1/supply/queue?node=" + sender + "&day=2022-05-22", "officer");
  ASSERT_EQ(queue.status, 200) << Describe(queue);
  const json::value body = queue.Json();
  EXPECT_EQ(static_cast<int>(body.at("to_approve").as_array().size()), due_by_22);
  EXPECT_TRUE(body.at("to_dispatch").as_array().empty());
  EXPECT_GT(body.at("overdue").as_int64(), 0);  // those of the 21st
  std::string previous;
  for (const json::value& s : body.at("to_approve").as_array()) {
    EXPECT_LE(previous, std::string(s.at("ship_day").as_string()));
    previous = std::string(s.at("ship_day").as_string());
  }
  EXPECT_EQ(Get("/api/v1/supply/queue?node=" + sender, "neighbour").status, 403);
  EXPECT_EQ(Get("/api/v1/supply/queue?node=NO-SUCH-NODE", "hq").status, 404);
  EXPECT_EQ(Get("/api/v1/supply/queue", "hq").status, 400);
}

// Stock that expires inside the horizon, or on the day planned from, is never planned to move:
// the plan is the same as without it, and every one of its shipments can leave as planned.
TEST_F(SupplyBulkTest, APlanNeverShipsStockThatExpiresAndTheLedgerCarriesItOut) {
  auto propose = [] {
    HttpReply proposed =
        Post("/api/v1/supply/plans", "hq",
             json::object{{"within", "KP-04"}, {"as_of", "2022-05-20"}, {"horizon_days", 7}});
    EXPECT_EQ(proposed.status, 201) << Describe(proposed);
    return proposed.Json().as_object();
  };
  const json::object before = propose();
  ASSERT_EQ(Post("/api/v1/supply/ledger", "officer",
                 Movements({NewLot(Movement("2022-05-20", "PC-KP-04", "PARA-500", "receipt",
                                            1'000'000, "L-SHORT"),
                                   "2022-05-22"),
                            NewLot(Movement("2022-05-20", "PC-KP-04", "PARA-500", "receipt",
                                            1'000'000, "L-AS-OF"),
                                   "2022-05-20")}))
                .status,
            201);
  const json::object after = propose();
  EXPECT_EQ(after.at("shipments"), before.at("shipments"));
  bool reported = false;
  for (const json::value& use : after.at("short_dated").as_array()) {
    if (use.at("medicine").as_string() != "PARA-500") continue;
    reported = true;
    EXPECT_GE(use.at("left_to_expire").as_int64(), 1'000'000) << use;
  }
  EXPECT_TRUE(reported) << json::serialize(after.at("short_dated"));

  const std::string id = std::to_string(after.at("id").as_int64());
  ASSERT_EQ(
      Post("/api/v1/supply/plans/" + id + "/adopt", "hq", json::object{{"confirm_stale", true}})
          .status,
      200);
  // Carried out day by day as planned: every shipment in force is approved, leaves on its day
  // and is received in full on its arrival day, and the ledger accepts every step.
  auto step = [](const char* what, const std::string& through) {
    HttpReply reply = Post("/api/v1/supply/shipment-steps", "hq",
                           json::object{{"step", what}, {"through", through}});
    if (reply.status == 400 && Mentions(reply, "no shipment is ready")) return json::array{};
    EXPECT_EQ(reply.status, 200) << what << " through " << through << ": " << Describe(reply);
    return reply.status == 200 ? json::array(reply.Json().at("shipments").as_array())
                               : json::array{};
  };
  step("approve", "2022-05-27");
  for (int day = 21; day <= 27; ++day) {
    const std::string through = "2022-05-" + std::to_string(day);
    for (const json::value& s : step("dispatch", through)) {
      for (const json::value& lot : s.at("lots").as_array()) {
        EXPECT_NE(lot.at("lot").as_string(), "L-AS-OF") << s;
        if (lot.at("lot").as_string() == "L-SHORT") {
          EXPECT_LE(std::string(s.at("arrival_day").as_string()), "2022-05-22") << s;
        }
      }
    }
    step("receive", through);
    if (HasFailure()) return;
  }
}

}  // namespace
}  // namespace outbreak::testing
