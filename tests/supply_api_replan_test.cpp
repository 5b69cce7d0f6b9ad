// Planning again on the demo: a plan counts what is already ordered, adopting it replaces the
// plan adopted before without ordering anything twice, and a plan made from data that changed
// since is adopted only when confirmed.

#include <map>
#include <set>
#include <tuple>

#include "supply_api_fixture.hpp"

namespace outbreak::testing {
namespace {

using Order = std::tuple<std::string, std::string, std::string, std::string>;

class SupplyReplanTest : public SupplyApiTest {
 protected:
  static json::object ProposeKp04() {
    HttpReply proposed =
        Post("/api/v1/supply/plans", "hq",
             json::object{{"within", "KP-04"}, {"as_of", "2022-05-20"}, {"horizon_days", 7}});
    EXPECT_EQ(proposed.status, 201) << Describe(proposed);
    return proposed.status == 201 ? proposed.Json().as_object() : json::object{};
  }

  static std::string IdOf(const json::object& plan) {
    return std::to_string(plan.at("id").as_int64());
  }

  // Units a plan sends to each (to, medicine).
  static std::map<std::pair<std::string, std::string>, int64_t> UnitsTo(const json::object& plan) {
    std::map<std::pair<std::string, std::string>, int64_t> out;
    for (const json::value& s : plan.at("shipments").as_array()) {
      out[{std::string(s.at("to").as_string()), std::string(s.at("medicine").as_string())}] +=
          s.at("quantity").as_int64();
    }
    return out;
  }

  // Every (from, to, medicine, ship day) of the shipments in force under KP-04, with how often.
  static std::map<Order, int> OrdersInForce() {
    std::map<Order, int> out;
    for (int64_t offset = 0;; offset += 1000) {
      HttpReply page =
          Get("/api/v1/supply/shipments?region=KP-04&limit=1000&offset=" + std::to_string(offset),
              "hq");
      EXPECT_EQ(page.status, 200) << Describe(page);
      if (page.status != 200) return out;
      const json::value body = page.Json();
      for (const json::value& s : body.at("items").as_array()) {
        if (s.at("status").as_string() == "cancelled") continue;
        for (const json::value& line : s.at("lines").as_array()) {
          ++out[{std::string(s.at("from").as_string()), std::string(s.at("to").as_string()),
                 std::string(line.at("medicine").as_string()),
                 std::string(s.at("ship_day").as_string())}];
        }
      }
      if (offset + 1000 >= body.at("total").as_int64()) return out;
    }
  }
};

TEST_F(SupplyReplanTest, PlanningAgainReplacesTheAdoptedPlanAndOrdersNothingTwice) {
  const json::object first = ProposeKp04();
  ASSERT_FALSE(first.empty());
  HttpReply adopted_first =
      Post("/api/v1/supply/plans/" + IdOf(first) + "/adopt", "hq", json::object{});
  ASSERT_EQ(adopted_first.status, 200) << Describe(adopted_first);
  const size_t first_shipments = adopted_first.Json().at("shipment_ids").as_array().size();
  ASSERT_GT(first_shipments, 0u);

  // Made after the adoption: fresh, and it does not count the first plan's shipments, which its
  // adoption cancels.
  const json::object second = ProposeKp04();
  ASSERT_FALSE(second.empty());
  EXPECT_FALSE(second.at("stale").as_bool());
  EXPECT_EQ(UnitsTo(second), UnitsTo(first));
  HttpReply adopted = Post("/api/v1/supply/plans/" + IdOf(second) + "/adopt", "hq", json::object{});
  ASSERT_EQ(adopted.status, 200) << Describe(adopted);
  const json::object outcome = adopted.Json().as_object();
  EXPECT_EQ(outcome.at("superseded_plans").as_array(), json::array{first.at("id")});
  EXPECT_EQ(outcome.at("cancelled_shipment_ids").as_array().size(), first_shipments);
  HttpReply old_plan = Get("/api/v1/supply/plans/" + IdOf(first), "hq");
  EXPECT_EQ(old_plan.Json().at("status").as_string(), "superseded");
  EXPECT_EQ(old_plan.Json().at("superseded_by"), second.at("id"));

  const std::map<Order, int> orders = OrdersInForce();
  EXPECT_FALSE(orders.empty());
  for (const auto& [order, times] : orders) {
    EXPECT_EQ(times, 1) << std::get<2>(order) << " " << std::get<0>(order) << " -> "
                        << std::get<1>(order) << " on " << std::get<3>(order);
  }
}

TEST_F(SupplyReplanTest, APlanCountsTheShipmentsAlreadyOrderedByHand) {
  const json::object before = ProposeKp04();
  ASSERT_FALSE(before.empty());
  ASSERT_FALSE(before.at("shipments").as_array().empty()) << "the demo plan ships nothing";
  // The largest delivery of one medicine to one node is ordered by hand before planning again.
  const auto units = UnitsTo(before);
  auto largest = units.begin();
  for (auto it = units.begin(); it != units.end(); ++it) {
    if (it->second > largest->second) largest = it;
  }
  const auto& [to, medicine] = largest->first;
  std::string from;
  for (const json::value& s : before.at("shipments").as_array()) {
    if (s.at("to").as_string() == to && s.at("medicine").as_string() == medicine) {
      from = std::string(s.at("from").as_string());
    }
  }
  HttpReply ordered =
      Post("/api/v1/supply/shipments", "officer",
           json::object{{"from", from},
                        {"to", to},
                        {"ship_day", "2022-05-21"},
                        {"arrival_day", "2022-05-21"},
                        {"lines", json::array{json::object{{"medicine", medicine},
                                                           {"quantity", largest->second}}}}});
  ASSERT_EQ(ordered.status, 201) << Describe(ordered);

  const json::object after = ProposeKp04();
  ASSERT_FALSE(after.empty());
  const auto again = UnitsTo(after);
  const auto found = again.find(largest->first);
  const int64_t sent_again = found == again.end() ? 0 : found->second;
  EXPECT_LT(sent_again, largest->second)
      << medicine << " to " << to << ": the plan orders again what was ordered by hand";
}

TEST_F(SupplyReplanTest, APlanMadeBeforeTheStockChangedIsAdoptedOnlyWhenConfirmed) {
  const json::object plan = ProposeKp04();
  ASSERT_FALSE(plan.empty());
  EXPECT_FALSE(plan.at("stale").as_bool());
  ASSERT_EQ(
      Post(
          "/api/v1/supply/ledger", "officer",
          Movements({NewLot(Movement("2022-05-20", "CO-KP-04-010", "ORS", "receipt", 70, "T-STALE"),
                            "2024-01-31")}))
          .status,
      201);
  HttpReply read = Get("/api/v1/supply/plans/" + IdOf(plan), "hq");
  EXPECT_TRUE(read.Json().at("stale").as_bool()) << read.body;
  EXPECT_EQ(read.Json().at("changes_since").as_int64(), 1);

  const std::string path = "/api/v1/supply/plans/" + IdOf(plan) + "/adopt";
  HttpReply refused = Post(path, "hq", json::object{});
  EXPECT_EQ(refused.status, 409) << Describe(refused);
  EXPECT_TRUE(Mentions(refused, "stale")) << refused.body;
  EXPECT_EQ(Post(path, "hq", json::object{{"confirm_stale", "yes"}}).status, 400);
  HttpReply confirmed = Post(path, "hq", json::object{{"confirm_stale", true}});
  EXPECT_EQ(confirmed.status, 200) << Describe(confirmed);
}

}  // namespace
}  // namespace outbreak::testing
