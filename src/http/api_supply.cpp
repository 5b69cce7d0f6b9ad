// The supply's reference data: the medicine catalogue, treatment protocols, the network's nodes
// and links, reserve floors and factory capacities. The ledger and reads are in
// api_supply_stock.cpp, shipments in api_supply_shipments.cpp, plans in api_supply_plans.cpp.

#include <set>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "http/api.hpp"
#include "http/api_supply_common.hpp"
#include "http/json_response.hpp"
#include "http/record_routes.hpp"
#include "http/routes.hpp"
#include "http/supply_body.hpp"
#include "supply/supply_records.hpp"

namespace outbreak::http {

namespace {

using supply_api::ActorOf;

HttpResponse Written(const store::WriteCounts& counts) {
  return JsonResponse(201, WriteCountsJson(counts));
}

}  // namespace

void SupplyRoutes::Add() {
  using access::Permission;
  const OwnerGate owners = scope_.Owners();

  // The catalogue and the protocols are national: every caller reads them whole.
  AddTableRoutes<supply::Medicine>(
      router_,
      {&supply::MedicineRecord(), "/api/v1/supply/medicines", "supply", "The medicine catalogue",
       "Add or replace medicines by code ({\"medicines\": [...]} or one), all or nothing",
       [this](const std::string&) { return supply_.Medicines(); },
       Counted([this](const auto& rows, const app::Actor& actor) {
         return supply_.SaveMedicines(rows, actor);
       })},
      owners);
  AddTableRoutes<supply::TreatmentProtocol>(
      router_,
      {&supply::ProtocolRecord(), "/api/v1/supply/protocols", "supply",
       "Treatment protocols: which share of which patients take how much of a medicine for how "
       "many days",
       "Add or replace protocol lines by (case type, medicine), all or nothing",
       [this](const std::string&) { return supply_.Protocols(); },
       Counted([this](const auto& rows, const app::Actor& actor) {
         return supply_.SaveProtocols(rows, actor);
       })},
      owners);
  AddTableRoutes<supply::SupplyNode>(
      router_,
      {&supply::NodeRecord(), "/api/v1/supply/nodes", "supply",
       "The supply nodes serving the regions under a region",
       "Add or replace supply nodes by code ({\"nodes\": [...]} or one), all or nothing",
       [this](const std::string& region) { return supply_.Nodes(region); },
       Counted([this](const auto& rows, const app::Actor& actor) {
         return supply_.SaveNodes(rows, actor);
       }),
       [this](const supply::SupplyNode& node) { return supply_.NodeRegion(node.code); }},
      owners);
  AddTableRoutes<supply::SupplyLink>(
      router_,
      {&supply::LinkRecord(), "/api/v1/supply/links", "supply",
       "The links touching a node under a region: transit hours and daily capacity",
       "Add or replace links by (from, to) between known nodes, all or nothing",
       [this](const std::string& region) { return supply_.Links(region); },
       Counted([this](const auto& rows, const app::Actor& actor) {
         return supply_.SaveLinks(rows, actor);
       })},
      owners);

  router_.Add(
      {"POST",
       "/api/v1/supply/links/default",
       Permission::kManageSupply,
       "",
       {"Link every node that has no supplier yet along the default hierarchy (factory, central "
        "base, provincial centre, county base, pharmacy; the nearest higher node in its region or "
        "above). Body optional: {\"daily_capacity_units\": N} for the links made (0: unlimited)",
        "supply",
        {},
        "",
        "SupplyWriteResult",
        201},
       [this](RequestContext& context) {
         auto capacity = ParseDefaultLinksBody(context.request.body);
         if (!capacity.ok()) return ErrorResponse(capacity.status());
         auto written = supply_.AddDefaultLinks(*capacity, ActorOf(context, ""));
         if (!written.ok()) return ErrorResponse(written.status());
         return Written(*written);
       },
       /*national=*/true});

  // Reserve floors and capacities of the nodes under a region: of what `fetch` finds, the rows
  // whose node serves a region under it.
  auto of_nodes_under = [this](const std::string& region, auto fetch) -> decltype(fetch()) {
    auto nodes = supply_.Nodes(region);
    if (!nodes.ok()) return nodes.status();
    std::set<std::string> codes;
    for (const supply::SupplyNode& node : *nodes) codes.insert(node.code);
    auto rows = fetch();
    if (!rows.ok()) return rows;
    std::erase_if(*rows, [&](const auto& row) { return !codes.contains(row.node); });
    return rows;
  };
  AddTableRoutes<supply::NodeReserveFloor>(
      router_,
      {&supply::ReserveFloorRecord(), "/api/v1/supply/reserve", "supply",
       "The national reserve floors of the nodes under a region: stock that only a headquarters "
       "order may take",
       "Set reserve floors by (node, medicine) ({\"reserve\": [...]} or one), all or nothing",
       [this, of_nodes_under](const std::string& region) {
         return of_nodes_under(region, [this] { return supply_.Reserve(); });
       },
       Counted([this](const auto& rows, const app::Actor& actor) {
         return supply_.SaveReserve(rows, actor);
       })},
      owners);
  AddTableRoutes<supply::FactoryCapacity>(
      router_,
      {&supply::CapacityRecord(), "/api/v1/supply/capacities", "supply",
       "What the factories under a region can make of each medicine per day",
       "Set factory capacities by (factory, medicine) ({\"capacities\": [...]} or one), all or "
       "nothing",
       [this, of_nodes_under](const std::string& region) {
         return of_nodes_under(region, [this] { return supply_.Capacities(); });
       },
       Counted([this](const auto& rows, const app::Actor& actor) {
         return supply_.SaveCapacities(rows, actor);
       })},
      owners);

  AddStock();
  AddShipments();
  AddPlans();
}

}  // namespace outbreak::http
