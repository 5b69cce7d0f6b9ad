// The supply resources of the API end to end on the demo: a shipment from planned to received
// with a shortfall, and the steps it must refuse; a lot recall; distribution plans proposed and
// adopted; the production plan; resent writes; and the ledger under concurrent writers.

#include <atomic>
#include <thread>

#include "supply_api_fixture.hpp"

namespace outbreak::testing {
namespace {

json::object Shipment(const std::string& from, const std::string& to, const std::string& day,
                      const std::string& medicine, int64_t quantity) {
  return {{"from", from},
          {"to", to},
          {"ship_day", day},
          {"arrival_day", day},
          {"lines", json::array{json::object{{"medicine", medicine}, {"quantity", quantity}}}}};
}

TEST_F(SupplyApiTest, AShipmentGoesFromPlannedToReceivedWithTheShortfallKeptAsALoss) {
  HttpReply created = Post("/api/v1/supply/shipments", "officer",
                           Shipment("PC-KP-04", "CO-KP-04-007", "2022-09-03", "IBU-400", 300));
  ASSERT_EQ(created.status, 201) << Describe(created);
  const std::string id = std::to_string(created.Json().at("ids").at(0).as_int64());
  const std::string path = "/api/v1/supply/shipments/" + id;
  EXPECT_EQ(created.Json().at("shipments").at(0).at("status").as_string(), "planned");

  // Not approved yet: it cannot leave.
  EXPECT_EQ(Post(path + "/dispatch", "officer", json::object{{"day", "2022-09-03"}}).status, 409);
  ASSERT_EQ(Post(path + "/approve", "officer", json::object{}).status, 200);
  HttpReply dispatched = Post(path + "/dispatch", "officer", json::object{{"day", "2022-09-03"}});
  ASSERT_EQ(dispatched.status, 200) << Describe(dispatched);
  const json::object shipment = dispatched.Json().as_object();
  EXPECT_EQ(shipment.at("status").as_string(), "dispatched");
  const json::array& lots = shipment.at("lots").as_array();
  ASSERT_FALSE(lots.empty()) << dispatched.body;
  int64_t sent = 0;
  for (const json::value& lot : lots) sent += lot.at("sent").as_int64();
  EXPECT_EQ(sent, 300);
  const json::object first = lots.at(0).as_object();
  const std::string lot(first.at("lot").as_string());
  const int64_t lot_sent = first.at("sent").as_int64();

  auto counts = [&](int64_t received, const std::string& reason) {
    json::array out;
    for (const json::value& each : lots) {
      json::object count{{"medicine", each.at("medicine")},
                         {"lot", each.at("lot")},
                         {"received", each.at("sent")}};
      if (each.at("lot").as_string() == lot) {
        count["received"] = received;
        if (!reason.empty()) count["loss_reason"] = reason;
      }
      out.push_back(std::move(count));
    }
    return json::object{{"day", "2022-09-04"}, {"counts", std::move(out)}};
  };
  HttpReply too_many = Post(path + "/receive", "officer", counts(lot_sent + 1, ""));
  EXPECT_EQ(too_many.status, 400) << Describe(too_many);
  HttpReply no_reason = Post(path + "/receive", "officer", counts(lot_sent - 10, ""));
  EXPECT_EQ(no_reason.status, 400) << Describe(no_reason);
  EXPECT_EQ(Get(path, "hq").Json().at("status").as_string(), "dispatched");

  HttpReply received =
      Post(path + "/receive", "officer", counts(lot_sent - 10, "one carton crushed"));
  ASSERT_EQ(received.status, 200) << Describe(received);
  const json::value received_json = received.Json();
  for (const json::value& each : received_json.at("lots").as_array()) {
    const int64_t expected_lost = each.at("lot").as_string() == lot ? 10 : 0;
    EXPECT_EQ(each.at("lost").as_int64(), expected_lost) << each;
    EXPECT_EQ(each.at("received").as_int64() + each.at("lost").as_int64(),
              each.at("sent").as_int64());
  }
  std::vector<std::string> steps;
  for (const json::value& event : received_json.at("custody").as_array()) {
    steps.emplace_back(event.at("step").as_string());
  }
  EXPECT_EQ(steps, (std::vector<std::string>{"planned", "approved", "dispatched", "received"}));
  HttpReply twice = Post(path + "/receive", "officer", counts(lot_sent - 10, "again"));
  EXPECT_EQ(twice.status, 409) << Describe(twice);

  // What arrived is in the receiver's ledger, and the lot's recall finds it there.
  json::array arrived = Ledger("KP-04-007", "&lot=" + lot + "&node=CO-KP-04-007");
  int64_t in = 0;
  for (const json::value& entry : arrived) {
    if (entry.at("kind").as_string() == "transfer_in") in += entry.at("quantity").as_int64();
  }
  EXPECT_EQ(in, lot_sent - 10);
  HttpReply recall = Get("/api/v1/supply/recall?medicine=IBU-400&lot=" + lot, "officer");
  ASSERT_EQ(recall.status, 200) << Describe(recall);
  bool held = false;
  const json::value recall_json = recall.Json();
  for (const json::value& holder : recall_json.at("holders").as_array()) {
    held = held || holder.at("node").as_string() == "CO-KP-04-007";
  }
  EXPECT_TRUE(held) << recall.body;
  EXPECT_TRUE(Mentions(recall, "\"id\":" + id)) << recall.body;
  EXPECT_EQ(Get("/api/v1/supply/recall?medicine=IBU-400", "officer").status, 400);
}

// A recall stops a lot everywhere: not issued where it is held, not dispatched, not issued where
// it arrives, until national headquarters lift it; it may be written off meanwhile, and the
// recall shows its units on the way and how far it has gone.
TEST_F(SupplyApiTest, ARecalledLotStopsEverywhereUntilTheRecallIsLifted) {
  HttpReply created = Post("/api/v1/supply/shipments", "officer",
                           Shipment("PC-KP-04", "CO-KP-04-007", "2022-09-03", "IBU-400", 300));
  ASSERT_EQ(created.status, 201) << Describe(created);
  const std::string path =
      "/api/v1/supply/shipments/" + std::to_string(created.Json().at("ids").at(0).as_int64());
  ASSERT_EQ(Post(path + "/approve", "officer", json::object{}).status, 200);
  HttpReply dispatched = Post(path + "/dispatch", "officer", json::object{{"day", "2022-09-03"}});
  ASSERT_EQ(dispatched.status, 200) << Describe(dispatched);
  const json::value sent_json = dispatched.Json();
  const json::object& first = sent_json.at("lots").at(0).as_object();
  const std::string lot(first.at("lot").as_string());
  const int64_t sent = first.at("sent").as_int64();

  const json::object order{{"medicine", "IBU-400"}, {"lot", lot}, {"reason", "failed assay"}};
  // A province's supply officer may not order a recall; national headquarters may, once.
  EXPECT_EQ(Post("/api/v1/supply/recalls", "officer", order).status, 403);
  EXPECT_EQ(
      Post("/api/v1/supply/recalls", "hq", json::object{{"medicine", "IBU-400"}, {"lot", lot}})
          .status,
      400);  // no reason
  HttpReply ordered = Post("/api/v1/supply/recalls", "hq", order);
  ASSERT_EQ(ordered.status, 201) << Describe(ordered);
  EXPECT_EQ(ordered.Json().at("status").as_string(), "active");
  const std::string recall_id = std::to_string(ordered.Json().at("id").as_int64());
  EXPECT_EQ(Post("/api/v1/supply/recalls", "hq", order).status, 409);

  // The recall finds its units on the way, by shipment.
  HttpReply where = Get("/api/v1/supply/recall?medicine=IBU-400&lot=" + lot, "hq");
  ASSERT_EQ(where.status, 200) << Describe(where);
  const json::value where_json = where.Json();
  EXPECT_EQ(where_json.at("recall").at("status").as_string(), "active");
  EXPECT_EQ(where_json.at("units_in_transit").as_int64(), sent) << where.body;

  auto movement = [&](const std::string& node, const std::string& kind, int64_t quantity,
                      const std::string& reason) {
    return Post("/api/v1/supply/ledger", "officer",
                json::object{{"movements", json::array{json::object{{"day", "2022-09-05"},
                                                                    {"node", node},
                                                                    {"medicine", "IBU-400"},
                                                                    {"kind", kind},
                                                                    {"quantity", quantity},
                                                                    {"lot", lot},
                                                                    {"reason", reason}}}}});
  };
  // Where it is held it is not issued, saying why.
  if (LotOnHand("KP-04", "PC-KP-04", "IBU-400", lot) > 0) {
    HttpReply issued = movement("PC-KP-04", "issue", 1, "");
    EXPECT_EQ(issued.status, 409) << Describe(issued);
    EXPECT_TRUE(Mentions(issued, "is recalled (recall " + recall_id + ")")) << issued.body;
  }
  // It arrives (receiving is not stopped), and is not issued where it arrived either.
  json::array counts{json::object{{"medicine", "IBU-400"}, {"lot", lot}, {"received", sent}}};
  for (size_t idx = 1; idx < sent_json.at("lots").as_array().size(); ++idx) {
    const json::value& other = sent_json.at("lots").at(idx);
    counts.push_back(json::object{{"medicine", other.at("medicine")},
                                  {"lot", other.at("lot")},
                                  {"received", other.at("sent")}});
  }
  HttpReply received =
      Post(path + "/receive", "officer", json::object{{"day", "2022-09-04"}, {"counts", counts}});
  ASSERT_EQ(received.status, 200) << Describe(received);
  EXPECT_EQ(movement("CO-KP-04-007", "issue", 1, "").status, 409);
  // Destroyed under the recall: written off, and the recall counts it.
  HttpReply destroyed = movement("CO-KP-04-007", "loss", 40, "destroyed under recall");
  ASSERT_EQ(destroyed.status, 201) << Describe(destroyed);
  const json::value progress =
      Get("/api/v1/supply/recall?medicine=IBU-400&lot=" + lot, "hq").Json();
  EXPECT_EQ(progress.at("units_written_off").as_int64(), 40) << progress;
  EXPECT_EQ(progress.at("units_in_transit").as_int64(), 0) << progress;

  // Lifted by national headquarters with a reason: the lot moves again.
  const std::string lift = "/api/v1/supply/recalls/" + recall_id + "/lift";
  EXPECT_EQ(Post(lift, "officer", json::object{{"reason", "assay passed"}}).status, 403);
  EXPECT_EQ(Post(lift, "hq", json::object{}).status, 400);
  HttpReply lifted = Post(lift, "hq", json::object{{"reason", "assay repeated and passed"}});
  ASSERT_EQ(lifted.status, 200) << Describe(lifted);
  EXPECT_EQ(lifted.Json().at("status").as_string(), "lifted");
  EXPECT_EQ(Post(lift, "hq", json::object{{"reason", "again"}}).status, 409);
  EXPECT_EQ(movement("CO-KP-04-007", "issue", 1, "").status, 201);
  const json::value listed = Get("/api/v1/supply/recalls", "viewer").Json();
  EXPECT_EQ(listed.at("items").as_array().size(), 1u) << listed;
}

TEST_F(SupplyApiTest, ACancelledShipmentCannotLeaveAndCancellingNeedsAReason) {
  HttpReply created = Post("/api/v1/supply/shipments", "officer",
                           Shipment("CO-KP-04-008", "CO-KP-04-009", "2022-09-03", "ORS", 5));
  ASSERT_EQ(created.status, 201) << Describe(created);
  const std::string path =
      "/api/v1/supply/shipments/" + std::to_string(created.Json().at("ids").at(0).as_int64());
  ASSERT_EQ(Post(path + "/approve", "officer", json::object{}).status, 200);
  HttpReply unexplained = Post(path + "/cancel", "officer", json::object{});
  EXPECT_EQ(unexplained.status, 400) << Describe(unexplained);
  EXPECT_TRUE(Mentions(unexplained, "reason: is missing")) << unexplained.body;
  ASSERT_EQ(Post(path + "/cancel", "officer", json::object{{"reason", "not needed"}}).status, 200);
  HttpReply dispatch = Post(path + "/dispatch", "officer", json::object{{"day", "2022-09-03"}});
  EXPECT_EQ(dispatch.status, 409) << Describe(dispatch);
  EXPECT_TRUE(Mentions(dispatch, "cancelled")) << dispatch.body;
  EXPECT_TRUE(Ledger("KP-04-008", "&from=2022-09-03").empty());

  HttpReply bad = Post("/api/v1/supply/shipments", "officer",
                       json::object{{"from", "CO-KP-04-008"},
                                    {"to", "CO-KP-04-008"},
                                    {"ship_day", "2022-09-03"},
                                    {"lines", "PARA-500"}});
  EXPECT_EQ(bad.status, 400) << Describe(bad);
  EXPECT_TRUE(Mentions(bad, "shipments.lines: must be an array")) << bad.body;
  EXPECT_TRUE(Mentions(bad, "shipments.to: is the same node") || Mentions(bad, "shipments.lines"))
      << bad.body;
  // Read from the shipment's declaration: a note has a bound, a medicine is on one line only,
  // every mistake of every line named.
  HttpReply lines = Post(
      "/api/v1/supply/shipments", "officer",
      json::object{{"from", "CO-KP-04-008"},
                   {"to", "CO-KP-04-009"},
                   {"ship_day", "2022-09-03"},
                   {"note", std::string(2001, 'n')},
                   {"lines", json::array{json::object{{"medicine", "PARA-500"}, {"quantity", 5}},
                                         json::object{{"medicine", "PARA-500"}, {"quantity", 0}},
                                         json::object{{"medicine", "ORS"}, {"qty", 5}}}}});
  EXPECT_EQ(lines.status, 400) << Describe(lines);
  for (const char* says :
       {"shipments.note: ", "is longer than 2000 characters", "shipments.lines[1].quantity: 0",
        "shipments.lines[2].qty: is not a known field",
        "shipments.lines[2].quantity: is missing"}) {
    EXPECT_TRUE(Mentions(lines, says)) << says << "\n" << lines.body;
  }
  EXPECT_EQ(Get("/api/v1/supply/shipments/999999", "hq").status, 404);
}

TEST_F(SupplyApiTest, APlanIsProposedWithItsReasonsThenAdoptedIntoPlannedShipments) {
  HttpReply proposed =
      Post("/api/v1/supply/plans", "hq",
           json::object{{"within", "KP-04"}, {"as_of", "2022-05-20"}, {"horizon_days", 7}});
  ASSERT_EQ(proposed.status, 201) << Describe(proposed);
  const json::object plan = proposed.Json().as_object();
  EXPECT_EQ(plan.at("status").as_string(), "proposed");
  EXPECT_EQ(plan.at("scope").as_string(), "KP-04");
  EXPECT_FALSE(std::string(plan.at("method").as_string()).empty());
  ASSERT_FALSE(plan.at("medicines").as_array().empty()) << proposed.body;
  for (const json::value& medicine : plan.at("medicines").as_array()) {
    const double lambda = medicine.at("lambda").to_number<double>();
    EXPECT_GE(lambda, 0.0);
    EXPECT_LE(lambda, 1.0);
  }
  for (const json::value& outcome : plan.at("outcomes").as_array()) {
    EXPECT_EQ(outcome.at("met").as_int64() + outcome.at("unmet").as_int64(),
              outcome.at("need").as_int64())
        << outcome;
    if (outcome.at("unmet").as_int64() > 0) {
      EXPECT_FALSE(outcome.at("why").as_string().empty()) << outcome;
    }
  }
  const std::string id = std::to_string(plan.at("id").as_int64());
  const size_t planned = ShipmentsOfPlan(plan);

  EXPECT_EQ(Post("/api/v1/supply/plans", "officer", json::object{{"within", "KP-01"}}).status, 403);
  EXPECT_EQ(Get("/api/v1/supply/plans/" + id, "viewer").status, 200);
  HttpReply adopted = Post("/api/v1/supply/plans/" + id + "/adopt", "officer", json::object{});
  ASSERT_EQ(adopted.status, 200) << Describe(adopted);
  EXPECT_EQ(adopted.Json().at("status").as_string(), "adopted");
  EXPECT_EQ(adopted.Json().at("shipment_ids").as_array().size(), planned);
  EXPECT_EQ(Post("/api/v1/supply/plans/" + id + "/adopt", "hq", json::object{}).status, 409);
  HttpReply shipments =
      Get("/api/v1/supply/shipments?region=KP-04&plan=" + id + "&limit=1000", "officer");
  ASSERT_EQ(shipments.status, 200) << Describe(shipments);
  EXPECT_EQ(shipments.Json().at("total").as_int64(), static_cast<int64_t>(planned));
  const json::value shipments_json = shipments.Json();
  for (const json::value& each : shipments_json.at("items").as_array()) {
    EXPECT_EQ(each.at("status").as_string(), "planned");
  }
  EXPECT_TRUE(Mentions(Get("/api/v1/supply/plans", "viewer"), "\"id\":" + id));
}

TEST_F(SupplyApiTest, TheProductionPlanStaysWithinCapacityAndNamesItsGaps) {
  HttpReply production = Get("/api/v1/supply/production?as_of=2022-05-20&horizon=14", "viewer");
  ASSERT_EQ(production.status, 200) << Describe(production);
  const json::object plan = production.Json().as_object();
  ASSERT_FALSE(plan.at("medicines").as_array().empty()) << production.body;
  for (const json::value& medicine : plan.at("medicines").as_array()) {
    const int64_t planned = medicine.at("planned_units").as_int64();
    EXPECT_LE(planned, medicine.at("capacity_units").as_int64()) << medicine;
    EXPECT_EQ(medicine.at("capacity_gap_units").as_int64(),
              std::max<int64_t>(0, medicine.at("required_units").as_int64() - planned))
        << medicine;
  }
  EXPECT_EQ(Get("/api/v1/supply/production?horizon=0", "viewer").status, 400);
}

TEST_F(SupplyApiTest, AResentPostWithTheSameIdempotencyKeyIsNotPostedTwice) {
  const json::object body = Movements({NewLot(
      Movement("2022-09-01", "CO-KP-04-010", "ORS", "receipt", 70, "T-IDEM"), "2024-01-31")});
  const Headers key{{"Idempotency-Key", "supply-receipt-t-idem"}};
  HttpReply first = Post("/api/v1/supply/ledger", "officer", body, key);
  ASSERT_EQ(first.status, 201) << Describe(first);
  HttpReply again = Post("/api/v1/supply/ledger", "officer", body, key);
  EXPECT_EQ(again.status, 201) << Describe(again);
  EXPECT_EQ(again.Header("idempotent-replayed"), "true");
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(Ledger("KP-04-010", "&lot=T-IDEM").size(), 1u);
}

// Many issues of one lot at one node at once: stock never goes below zero, every refusal is a
// conflict, and the ledger sums to the stock.
TEST_F(SupplyApiTest, ConcurrentIssuesOfOneLotNeverTakeStockBelowZero) {
  constexpr int64_t kReceived = 100;
  constexpr int64_t kEach = 3;
  constexpr int kThreads = 8;
  constexpr int kIssuesPerThread = 6;  // 144 units asked of 100
  ASSERT_EQ(Post("/api/v1/supply/ledger", "officer",
                 Movements({NewLot(Movement("2022-09-01", "CO-KP-04-011", "PARA-500", "receipt",
                                            kReceived, "T-CONC"),
                                   "2024-01-31")}))
                .status,
            201);
  std::atomic<int> issued{0};
  std::atomic<int> refused{0};
  std::atomic<int> other{0};
  std::vector<std::thread> threads;
  for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
    threads.emplace_back([&] {
      for (int issue_idx = 0; issue_idx < kIssuesPerThread; ++issue_idx) {
        HttpReply reply = Post("/api/v1/supply/ledger", "officer",
                               Movements({Movement("2022-09-02", "CO-KP-04-011", "PARA-500",
                                                   "issue", kEach, "T-CONC")}));
        if (reply.status == 201) {
          ++issued;
        } else if (reply.status == 409) {
          ++refused;
        } else {
          ++other;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(issued.load(), static_cast<int>(kReceived / kEach));
  EXPECT_EQ(issued + refused, kThreads * kIssuesPerThread);
  const json::array entries = Ledger("KP-04-011", "&lot=T-CONC");
  const int64_t balance = Sum(entries);
  EXPECT_EQ(balance, kReceived - issued.load() * kEach);
  EXPECT_GE(balance, 0);
  EXPECT_EQ(LotOnHand("KP-04-011", "CO-KP-04-011", "PARA-500", "T-CONC"), balance);
  // Every prefix of the ledger, in the order written, was non-negative.
  int64_t running = 0;
  for (const json::value& entry : entries) {
    running += entry.at("quantity").as_int64();
    EXPECT_GE(running, 0);
  }
}

}  // namespace
}  // namespace outbreak::testing
