#pragma once
// The shared ground of the supply API tests: one real server on the demo for the suite, with a
// headquarters user, a supply officer of Jagang (KP-04), a national supply officer and a viewer
// of Jagang, and helpers for the ledger and stock reads.

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "capability_api_fixture.hpp"

namespace outbreak::testing {

namespace json = boost::json;

inline json::object Movement(const std::string& day, const std::string& node,
                             const std::string& medicine, const std::string& kind, int64_t quantity,
                             const std::string& lot = "") {
  json::object out{
      {"day", day}, {"node", node}, {"medicine", medicine}, {"kind", kind}, {"quantity", quantity}};
  if (!lot.empty()) out["lot"] = lot;
  return out;
}

inline json::object NewLot(json::object movement, const std::string& expiry) {
  movement["expiry"] = expiry;
  movement["maker"] = "F-SUNCHON";
  return movement;
}

inline json::object Movements(json::array movements, bool draw_reserve = false) {
  json::object out{{"movements", std::move(movements)}};
  if (draw_reserve) out["draw_reserve"] = true;
  return out;
}

// The shipments adopting a plan makes: one per (from, to, dispatch day), its medicines as lines.
inline size_t ShipmentsOfPlan(const json::value& plan) {
  std::set<std::string> trips;
  for (const json::value& s : plan.at("shipments").as_array()) {
    trips.insert(std::string(s.at("from").as_string()) + " " + std::string(s.at("to").as_string()) +
                 " " + std::string(s.at("dispatch_day").as_string()));
  }
  return trips.size();
}

class SupplyApiTest : public CapabilityApiTest {
 protected:
  static void SetUpTestSuite() {
    StartSuite({{"hq", "headquarters", "KP"},
                {"officer", "supply_officer", "KP-04"},
                {"national", "supply_officer", "KP"},
                {"viewer", "viewer", "KP-04"}},
               {"--threads", "4"});
  }

  // The ledger entries at the nodes under `region` matching `filters` ("&lot=X").
  static json::array Ledger(const std::string& region, const std::string& filters = "") {
    HttpReply reply = Get("/api/v1/supply/ledger?region=" + region + "&limit=1000" + filters, "hq");
    EXPECT_EQ(reply.status, 200) << Describe(reply);
    if (reply.status != 200) return {};
    EXPECT_LE(reply.Json().at("total").as_int64(), 1000);
    return reply.Json().at("items").as_array();
  }
  static int64_t Sum(const json::array& entries) {
    int64_t total = 0;
    for (const json::value& entry : entries) total += entry.at("quantity").as_int64();
    return total;
  }
  // On hand of one lot at one node, from the stock report.
  static int64_t LotOnHand(const std::string& region, const std::string& node,
                           const std::string& medicine, const std::string& lot) {
    HttpReply reply = Get("/api/v1/supply/stock?region=" + region + "&medicine=" + medicine, "hq");
    EXPECT_EQ(reply.status, 200) << Describe(reply);
    if (reply.status != 200) return -1;
    const json::value reply_json = reply.Json();
    for (const json::value& line : reply_json.at("lines").as_array()) {
      if (line.at("node").as_string() != node) continue;
      for (const json::value& each : line.at("lots").as_array()) {
        if (each.at("lot").as_string() == lot) return each.at("quantity").as_int64();
      }
    }
    return 0;
  }
};

}  // namespace outbreak::testing
