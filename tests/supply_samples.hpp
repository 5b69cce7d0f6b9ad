#pragma once
// Sample bodies of the supply write routes for the tests generated from the route table
// (api_fixture.hpp): each valid for the 2022 demo (src/app/supply_demo.cpp), so that a caller
// who may use the route is not refused for the body.

#include <atomic>
#include <optional>
#include <string>

#include <boost/json.hpp>

namespace outbreak::testing {

// The demo's third shipment, from the central base to Jagang's supply centre, still planned when
// the server starts: for the routes that name a shipment.
constexpr char kShipmentId[] = "3";

// A body for the request schema, or nullopt when it is not a supply schema. `day` is a day no
// other test writes.
inline std::optional<std::string> SupplySampleBody(const std::string& schema,
                                                   const std::string& region,
                                                   const std::string& day) {
  namespace json = boost::json;
  static std::atomic<int> next{0};
  const std::string n = std::to_string(next++);
  const json::array line{json::object{{"medicine", "PARA-500"}, {"quantity", 1}}};
  json::object body;
  if (schema == "MedicineBatch") {
    body = {
        {"code", "MATRIX-M-" + n}, {"name", "Matrix"}, {"unit", "tablet"}, {"category", "other"}};
  } else if (schema == "ProtocolBatch") {
    body = {{"case_type", "matrix"}, {"medicine", "VITC-100"}, {"units_per_day", 1}, {"days", 1}};
  } else if (schema == "SupplyNodeBatch") {
    body = {
        {"code", "MATRIX-N-" + n}, {"name", "Matrix"}, {"kind", "pharmacy"}, {"region", region}};
  } else if (schema == "SupplyLinkBatch") {
    body = {{"from", "CB-KP"}, {"to", "PC-KP-04"}, {"transit_hours", 6}};
  } else if (schema == "ReserveFloorBatch") {
    body = {{"node", "PC-KP-04"}, {"medicine", "VITC-100"}, {"units", 0}};
  } else if (schema == "FactoryCapacityBatch") {
    body = {{"node", "F-KORYO"}, {"medicine", "KORYO-AGU"}, {"units_per_day", 150000}};
  } else if (schema == "LedgerPost") {
    body = {{"day", day},        {"node", "CB-KP"}, {"medicine", "PARA-500"},
            {"kind", "receipt"}, {"quantity", 1},   {"lot", "PA-2204-117"}};
  } else if (schema == "ShipmentBatch") {
    body = {{"from", "CB-KP"}, {"to", "PC-KP-04"}, {"ship_day", day}, {"lines", line}};
  } else if (schema == "RecallOrder") {
    body = {{"medicine", "PARA-500"}, {"lot", "PA-2204-117"}, {"reason", "matrix"}};
  } else if (schema == "ShipmentCancel" || schema == "RecallLift" || schema == "ShipmentApprove") {
    body = {{"reason", "matrix"}};
  } else if (schema == "ShipmentDispatch") {
    body = {{"reason", "matrix"}};
  } else if (schema == "ShipmentReceipt") {
    body = {{"counts", json::array{json::object{
                           {"medicine", "PARA-500"}, {"lot", "PA-2204-117"}, {"received", 1}}}}};
  } else if (schema == "ShipmentBulkStep") {
    body = {{"step", "approve"}, {"ids", json::array{1}}};
  } else if (schema == "SupplyPlanAdoption") {
    body = json::object{};
  } else if (schema == "SupplyPlanRequest") {
    body = {{"within", region}, {"as_of", "2022-05-20"}, {"horizon_days", 2}};
  } else {
    return std::nullopt;
  }
  return json::serialize(body);
}

}  // namespace outbreak::testing
