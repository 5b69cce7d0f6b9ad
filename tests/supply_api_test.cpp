// The supply resources of the API end to end on the demo: the catalogue and network, the stock
// ledger and its rules, who may do what where, and the reserve. Shipments, recall, plans and
// concurrent writers are in supply_api_flow_test.cpp. Each test works on nodes of its own, so
// that the ledger's day order at a node is the test's alone.

#include "supply_api_fixture.hpp"

namespace outbreak::testing {
namespace {

TEST_F(SupplyApiTest, HeadquartersBuildsTheCatalogueAndNetworkAndOfficersReadTheirRegion) {
  const json::object medicine{{"code", "TEST-AMX"}, {"name", "Amoxicillin 250 mg test"},
                              {"unit", "capsule"},  {"category", "antibiotic"},
                              {"essential", true},  {"shelf_life_days", 730}};
  HttpReply added = Post("/api/v1/supply/medicines", "hq", json::object{{"medicines", {medicine}}});
  ASSERT_EQ(added.status, 201) << Describe(added);
  EXPECT_EQ(added.Json().at("added").as_int64(), 1);
  EXPECT_EQ(Post("/api/v1/supply/medicines", "hq", medicine).Json().at("unchanged").as_int64(), 1);
  EXPECT_EQ(Post("/api/v1/supply/medicines", "officer", medicine).status, 403);
  HttpReply catalogue = Get("/api/v1/supply/medicines?limit=1000", "viewer");
  ASSERT_EQ(catalogue.status, 200) << Describe(catalogue);
  EXPECT_TRUE(Mentions(catalogue, "\"TEST-AMX\"")) << catalogue.body;

  const std::vector<std::pair<std::string, json::object>> writes = {
      {"nodes",
       {{"code", "PH-KP-04-001"},
        {"name", "Kanggye pharmacy"},
        {"kind", "pharmacy"},
        {"region", "KP-04-001"}}},
      {"links",
       {{"from", "CO-KP-04-001"},
        {"to", "PH-KP-04-001"},
        {"transit_hours", 1.5},
        {"daily_capacity_units", 5000}}},
      {"protocols",
       {{"case_type", "severe"},
        {"medicine", "TEST-AMX"},
        {"share", 0.5},
        {"units_per_day", 3},
        {"days", 5}}},
      {"reserve", {{"node", "PC-KP-04"}, {"medicine", "TEST-AMX"}, {"units", 0}}},
      {"capacities", {{"node", "F-PYONGYANG"}, {"medicine", "TEST-AMX"}, {"units_per_day", 1000}}},
  };
  for (const auto& [resource, body] : writes) {
    HttpReply reply = Post("/api/v1/supply/" + resource, "hq", body);
    EXPECT_EQ(reply.status, 201) << resource << ": " << Describe(reply);
    EXPECT_EQ(Post("/api/v1/supply/" + resource, "national", body).status, 403) << resource;
  }
  EXPECT_EQ(Post("/api/v1/supply/links/default", "hq", json::object{}).status, 201);

  HttpReply nodes = Get("/api/v1/supply/nodes?region=KP-04-001", "officer");
  ASSERT_EQ(nodes.status, 200) << Describe(nodes);
  EXPECT_TRUE(Mentions(nodes, "PH-KP-04-001")) << nodes.body;
  EXPECT_TRUE(Mentions(Get("/api/v1/supply/links?region=KP-04-001", "officer"), "PH-KP-04-001"));
  EXPECT_TRUE(Mentions(Get("/api/v1/supply/capacities?region=KP", "hq"), "TEST-AMX"));
  EXPECT_TRUE(Mentions(Get("/api/v1/supply/protocols", "viewer"), "severe"));
  EXPECT_EQ(Get("/api/v1/supply/nodes?region=KP-01", "officer").status, 403);
  EXPECT_EQ(Get("/api/v1/supply/stock?region=KP-01", "viewer").status, 403);
}

TEST_F(SupplyApiTest, BadCataloguesAreRefusedWholeWithEveryFieldNamed) {
  const int64_t before = Get("/api/v1/supply/medicines", "hq").Json().at("total").as_int64();
  HttpReply malformed = PostText("/api/v1/supply/medicines", "hq", "{\"medicines\": [");
  EXPECT_EQ(malformed.status, 400) << Describe(malformed);
  EXPECT_TRUE(Mentions(malformed, "malformed JSON")) << malformed.body;

  json::array items{
      json::object{{"code", "BAD-1"},
                   {"name", "Bad"},
                   {"unit", "tablet"},
                   {"category", "antibiotics"},
                   {"shelf_life_days", -3}},
      json::object{
          {"code", "BAD-2"}, {"unit", "tablet"}, {"category", "other"}, {"colour", "red"}}};
  HttpReply bad = Post("/api/v1/supply/medicines", "hq", json::object{{"medicines", items}});
  EXPECT_EQ(bad.status, 400) << Describe(bad);
  for (const char* text :
       {"medicines[0].shelf_life_days: -3 is negative",
        "medicines[0].category: \\\"antibiotics\\\"", "medicines[1].name: is missing",
        "medicines[1].colour: is not a known field"}) {
    EXPECT_TRUE(Mentions(bad, text)) << text << "\n" << bad.body;
  }
  EXPECT_EQ(Get("/api/v1/supply/medicines", "hq").Json().at("total").as_int64(), before);

  HttpReply region = Post(
      "/api/v1/supply/nodes", "hq",
      json::object{
          {"code", "PH-NOWHERE"}, {"name", "Nowhere"}, {"kind", "pharmacy"}, {"region", "KP-99"}});
  EXPECT_EQ(region.status, 400) << Describe(region);
  EXPECT_TRUE(Mentions(region, "nodes.region: \\\"KP-99\\\" is not a known region")) << region.body;
  HttpReply text =
      Send(server_->port(), "POST", "/api/v1/supply/medicines",
           {{"Authorization", "Bearer " + tokens_->at("hq")}, {"Content-Type", "text/csv"}},
           "code,name\n");
  EXPECT_EQ(text.status, 415) << Describe(text);
}

// A body is read from the same declaration as a file: a code that a file refuses (it goes into
// URLs) is refused in a body too, and a count beyond its bound is refused naming its field.
TEST_F(SupplyApiTest, ABodyRefusesWhatAFileRefuses) {
  HttpReply slash =
      Post("/api/v1/supply/nodes", "hq",
           json::object{
               {"code", "PH/1"}, {"name", "Slash"}, {"kind", "pharmacy"}, {"region", "KP-04-001"}});
  EXPECT_EQ(slash.status, 400) << Describe(slash);
  EXPECT_TRUE(Mentions(slash, "nodes.code: \\\"PH/1\\\" contains a space or one of")) << slash.body;
  HttpReply huge = Post("/api/v1/supply/capacities", "hq",
                        json::object{{"node", "F-KORYO"},
                                     {"medicine", "KORYO-AGU"},
                                     {"units_per_day", 9223372036854775807LL}});
  EXPECT_EQ(huge.status, 400) << Describe(huge);
  EXPECT_TRUE(Mentions(huge, "capacities.units_per_day: 9223372036854775807 is more than"))
      << huge.body;
  HttpReply spaced = Post("/api/v1/supply/protocols", "hq",
                          json::object{{"case_type", "very severe"},
                                       {"medicine", "PARA-500"},
                                       {"units_per_day", 1},
                                       {"days", 1}});
  EXPECT_EQ(spaced.status, 400) << Describe(spaced);
}

// Every declared table reads back what it renders: its rows posted again are all unchanged (the
// link's transit hours among them, read exactly).
TEST_F(SupplyApiTest, EveryTableTakesBackWhatItGives) {
  for (const std::string table :
       {"medicines", "protocols", "nodes", "links", "reserve", "capacities"}) {
    HttpReply page = Get("/api/v1/supply/" + table + "?region=KP&limit=1000", "hq");
    ASSERT_EQ(page.status, 200) << table << " " << page.body;
    const int64_t count = static_cast<int64_t>(page.Json().at("items").as_array().size());
    ASSERT_GT(count, 0) << table;
    // The rows sent back as the server wrote them (the page's items come first).
    const size_t start = page.body.find('[');
    const size_t end = page.body.rfind("],\"total\"");
    ASSERT_NE(end, std::string::npos) << page.body;
    const std::string body =
        "{\"" + table + "\": " + page.body.substr(start, end - start + 1) + "}";
    HttpReply again = Send(
        server_->port(), "POST", "/api/v1/supply/" + table,
        {{"Authorization", "Bearer " + tokens_->at("hq")}, {"Content-Type", "application/json"}},
        body);
    ASSERT_EQ(again.status, 201) << table << " " << again.body;
    const json::value answer = again.Json();
    EXPECT_EQ(answer.at("unchanged").as_int64(), count) << table << " " << again.body;
    EXPECT_EQ(answer.at("updated").as_int64(), 0) << table;
  }
}

TEST_F(SupplyApiTest, ReceiptsAndIssuesMoveStockAndTheLedgerSumsToIt) {
  HttpReply posted = Post(
      "/api/v1/supply/ledger", "officer",
      Movements(
          {NewLot(Movement("2022-09-01", "CO-KP-04-002", "PARA-500", "receipt", 1000, "T-LOT-2"),
                  "2024-01-31"),
           Movement("2022-09-02", "CO-KP-04-002", "PARA-500", "issue", 400, "T-LOT-2")}));
  ASSERT_EQ(posted.status, 201) << Describe(posted);
  EXPECT_EQ(posted.Json().at("posted").as_int64(), 2);
  EXPECT_EQ(Sum(Ledger("KP-04-002", "&lot=T-LOT-2")), 600);
  EXPECT_EQ(LotOnHand("KP-04-002", "CO-KP-04-002", "PARA-500", "T-LOT-2"), 600);

  // Every lot of the medicine at the node: the stock is the sum of the ledger.
  HttpReply stock = Get("/api/v1/supply/stock?region=KP-04-002&medicine=PARA-500", "viewer");
  ASSERT_EQ(stock.status, 200) << Describe(stock);
  int64_t on_hand = -1;
  const json::value stock_json = stock.Json();
  for (const json::value& line : stock_json.at("lines").as_array()) {
    if (line.at("node").as_string() == "CO-KP-04-002") on_hand = line.at("on_hand").as_int64();
  }
  EXPECT_EQ(on_hand, Sum(Ledger("KP-04-002", "&node=CO-KP-04-002&medicine=PARA-500")));
  EXPECT_EQ(Get("/api/v1/supply/cover?region=KP-04", "viewer").status, 200);
  HttpReply demand = Get("/api/v1/supply/demand?region=KP-04&as_of=2022-05-20&horizon=7", "viewer");
  ASSERT_EQ(demand.status, 200) << Describe(demand);
  EXPECT_FALSE(demand.Json().at("lines").as_array().empty()) << demand.body;
}

TEST_F(SupplyApiTest, AMovementSentAgainUnderItsIdentityIsPostedOnce) {
  json::object receipt = NewLot(
      Movement("2022-09-01", "CO-KP-04-002", "PARA-500", "receipt", 500, "T-LOT-ID"), "2024-01-31");
  receipt["movement"] = "GRN-2022-0901/1";
  const json::object body = Movements({receipt});
  HttpReply first = Post("/api/v1/supply/ledger", "officer", body);
  ASSERT_EQ(first.status, 201) << Describe(first);
  EXPECT_EQ(first.Json().at("posted").as_int64(), 1);
  // Sent again without an Idempotency-Key (a clerk pressing twice, a second device): nothing new.
  HttpReply again = Post("/api/v1/supply/ledger", "officer", body);
  ASSERT_EQ(again.status, 201) << Describe(again);
  EXPECT_EQ(again.Json().at("posted").as_int64(), 0);
  EXPECT_EQ(again.Json().at("unchanged").as_int64(), 1);
  EXPECT_EQ(LotOnHand("KP-04-002", "CO-KP-04-002", "PARA-500", "T-LOT-ID"), 500);
  // The same identity for another quantity: a 409 that shows both.
  receipt["quantity"] = 5000;
  HttpReply clash = Post("/api/v1/supply/ledger", "officer", Movements({receipt}));
  EXPECT_EQ(clash.status, 409) << Describe(clash);
  EXPECT_NE(clash.body.find("receipt of 500 PARA-500"), std::string::npos) << clash.body;
  EXPECT_NE(clash.body.find("receipt of 5000 PARA-500"), std::string::npos) << clash.body;
  EXPECT_EQ(LotOnHand("KP-04-002", "CO-KP-04-002", "PARA-500", "T-LOT-ID"), 500);
}

TEST_F(SupplyApiTest, TheLedgerRefusesUnknownNamesExpiredLotsAndBadQuantitiesAndWritesNothing) {
  ASSERT_EQ(Post("/api/v1/supply/ledger", "officer",
                 Movements({NewLot(
                     Movement("2022-09-01", "CO-KP-04-003", "PARA-500", "receipt", 100, "T-LOT-3"),
                     "2022-09-10")}))
                .status,
            201);
  const size_t entries = Ledger("KP-04-003").size();
  struct Case {
    json::object body;
    int status;
    std::string says;
  };
  const std::vector<Case> cases = {
      {Movements({Movement("2022-09-02", "CO-KP-04-003", "NOPE", "issue", 1)}), 400,
       "\\\"NOPE\\\" is not in the catalogue"},
      {Movements({Movement("2022-09-02", "CO-KP-04-999", "PARA-500", "issue", 1)}), 400,
       "movements[0].node: \\\"CO-KP-04-999\\\" is not a known supply node"},
      {Movements({Movement("2022-09-02", "CO-KP-04-003", "PARA-500", "issue", 1, "NO-SUCH")}), 400,
       "NO-SUCH of PARA-500 is not a known lot"},
      {Movements({Movement("2022-09-02", "CO-KP-04-003", "PARA-500", "issue", -5, "T-LOT-3")}), 400,
       "movements[0].quantity: must be more than 0"},
      {Movements({Movement("2022-09-15", "CO-KP-04-003", "PARA-500", "issue", 5, "T-LOT-3")}), 400,
       "T-LOT-3 expired on 2022-09-10"},
      {Movements({Movement("2022-09-02", "CO-KP-04-003", "PARA-500", "issue", 500, "T-LOT-3")}),
       409, "only 100 on hand"},
      {Movements({Movement("2022-09-02", "CO-KP-04-003", "PARA-500", "transfer_out", 5)}), 400,
       "transfers are made by shipments"},
      // One lot given two expiries in one body (the file reader refused it; the body took the
      // first silently).
      {Movements({NewLot(Movement("2022-09-02", "CO-KP-04-003", "ORS", "receipt", 5, "T-ORS-9"),
                         "2024-01-31"),
                  NewLot(Movement("2022-09-02", "CO-KP-04-003", "ORS", "receipt", 5, "T-ORS-9"),
                         "2024-02-29")}),
       400, "movements[1].expiry: differs from the expiry 2024-01-31 given for lot T-ORS-9"},
      // Beyond the bound of one movement, and a field that does not exist.
      {Movements({Movement("2022-09-02", "CO-KP-04-003", "PARA-500", "receipt", 1'000'000'000'001,
                           "T-LOT-3")}),
       400, "movements[0].quantity: 1000000000001 is more than 1000000000000"},
      {Movements({[] {
         json::object m = Movement("2022-09-02", "CO-KP-04-003", "PARA-500", "issue", 1);
         m["quantiy"] = 2;
         return m;
       }()}),
       400, "movements[0].quantiy: is not a known field"},
      // One good movement and one bad: neither is written.
      {Movements({NewLot(Movement("2022-09-02", "CO-KP-04-003", "ORS", "receipt", 50, "T-ORS-3"),
                         "2024-01-31"),
                  Movement("2022-09-02", "CO-KP-04-003", "ORS", "issue", 80, "T-ORS-3")}),
       409, "only 50 on hand"},
  };
  for (const Case& each : cases) {
    HttpReply reply = Post("/api/v1/supply/ledger", "officer", each.body);
    EXPECT_EQ(reply.status, each.status) << json::serialize(each.body) << "\n" << Describe(reply);
    EXPECT_TRUE(Mentions(reply, each.says)) << each.says << "\n" << reply.body;
  }
  EXPECT_EQ(Ledger("KP-04-003").size(), entries) << "a refused movement was written";
  EXPECT_EQ(LotOnHand("KP-04-003", "CO-KP-04-003", "PARA-500", "T-LOT-3"), 100);
}

TEST_F(SupplyApiTest, ASupplyOfficerActsOnlyOnNodesInsideHisRegion) {
  HttpReply outside =
      Post("/api/v1/supply/ledger", "officer",
           Movements({Movement("2022-09-01", "CO-KP-01-001", "PARA-500", "issue", 1)}));
  EXPECT_EQ(outside.status, 403) << Describe(outside);
  EXPECT_TRUE(Mentions(outside, "CO-KP-01-001")) << outside.body;

  const json::object shipment{
      {"from", "CO-KP-01-001"},
      {"to", "CO-KP-01-002"},
      {"ship_day", "2022-09-01"},
      {"lines", json::array{json::object{{"medicine", "PARA-500"}, {"quantity", 10}}}}};
  EXPECT_EQ(Post("/api/v1/supply/shipments", "officer", shipment).status, 403);
  HttpReply created = Post("/api/v1/supply/shipments", "hq", shipment);
  ASSERT_EQ(created.status, 201) << Describe(created);
  const std::string id = std::to_string(created.Json().at("ids").at(0).as_int64());
  for (const char* step : {"approve", "dispatch"}) {
    HttpReply reply =
        Post("/api/v1/supply/shipments/" + id + "/" + step, "officer", json::object{});
    EXPECT_EQ(reply.status, 403) << step << ": " << Describe(reply);
  }
  EXPECT_EQ(Get("/api/v1/supply/shipments/" + id, "officer").status, 403);
  EXPECT_EQ(Get("/api/v1/supply/shipments/" + id, "hq").Json().at("status").as_string(), "planned");
  EXPECT_EQ(Get("/api/v1/supply/ledger?region=KP-01", "officer").status, 403);

  // From the central base to one of his counties: he may cancel it, not approve it.
  json::object inbound = shipment;
  inbound["from"] = "CB-KP";
  inbound["to"] = "CO-KP-04-005";
  HttpReply planned = Post("/api/v1/supply/shipments", "hq", inbound);
  ASSERT_EQ(planned.status, 201) << Describe(planned);
  const std::string inbound_id = std::to_string(planned.Json().at("ids").at(0).as_int64());
  EXPECT_EQ(
      Post("/api/v1/supply/shipments/" + inbound_id + "/approve", "officer", json::object{}).status,
      403);
  HttpReply cancelled = Post("/api/v1/supply/shipments/" + inbound_id + "/cancel", "officer",
                             json::object{{"reason", "stock arrived from the province"}});
  EXPECT_EQ(cancelled.status, 200) << Describe(cancelled);
}

TEST_F(SupplyApiTest, DrawingOnTheReserveNeedsAHeadquartersOrder) {
  ASSERT_EQ(Post("/api/v1/supply/ledger", "officer",
                 Movements({NewLot(
                     Movement("2022-09-01", "CO-KP-04-004", "ORS", "receipt", 1000, "T-ORS-4"),
                     "2024-01-31")}))
                .status,
            201);
  HttpReply stock = Get("/api/v1/supply/stock?region=KP-04-004&medicine=ORS", "hq");
  ASSERT_EQ(stock.status, 200) << Describe(stock);
  const int64_t on_hand = stock.Json().at("lines").at(0).at("on_hand").as_int64();
  ASSERT_GE(on_hand, 1000);
  ASSERT_EQ(
      Post("/api/v1/supply/reserve", "hq",
           json::object{{"node", "CO-KP-04-004"}, {"medicine", "ORS"}, {"units", on_hand - 10}})
          .status,
      201);
  const json::object issue = Movement("2022-09-02", "CO-KP-04-004", "ORS", "issue", 20, "T-ORS-4");
  HttpReply below = Post("/api/v1/supply/ledger", "officer", Movements({issue}));
  EXPECT_EQ(below.status, 403) << Describe(below);
  EXPECT_TRUE(Mentions(below, "reserve")) << below.body;
  HttpReply not_hq = Post("/api/v1/supply/ledger", "officer", Movements({issue}, true));
  EXPECT_EQ(not_hq.status, 403) << Describe(not_hq);
  EXPECT_TRUE(Mentions(not_hq, "headquarters order")) << not_hq.body;
  EXPECT_EQ(Sum(Ledger("KP-04-004", "&lot=T-ORS-4")), 1000);

  HttpReply ordered = Post("/api/v1/supply/ledger", "hq", Movements({issue}, true));
  ASSERT_EQ(ordered.status, 201) << Describe(ordered);
  EXPECT_TRUE(ordered.Json().at("entries").at(0).at("reserve_order").as_bool());
  EXPECT_EQ(Sum(Ledger("KP-04-004", "&lot=T-ORS-4")), 980);

  // A shipment with a reserve order, or a plan that may use the reserve, likewise.
  const json::object reserve_shipment{
      {"from", "PC-KP-04"},
      {"to", "CO-KP-04-004"},
      {"ship_day", "2022-09-03"},
      {"reserve_order", true},
      {"lines", json::array{json::object{{"medicine", "ORS"}, {"quantity", 5}}}}};
  EXPECT_EQ(Post("/api/v1/supply/shipments", "officer", reserve_shipment).status, 403);
  EXPECT_EQ(Post("/api/v1/supply/plans", "officer",
                 json::object{{"within", "KP-04"}, {"draw_reserve", true}})
                .status,
            403);
}

}  // namespace
}  // namespace outbreak::testing
