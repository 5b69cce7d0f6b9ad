// The supply's reference data: the medicine catalogue, treatment protocols, the network's nodes
// and links, reserve floors and factory capacities. The ledger and reads are in
// api_supply_stock.cpp, shipments in api_supply_shipments.cpp, plans in api_supply_plans.cpp.

#include <set>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "http/api.hpp"
#include "http/api_supply_common.hpp"
#include "http/json_response.hpp"
#include "http/supply_body.hpp"
#include "report/supply_render.hpp"

namespace outbreak::http {

namespace {

using boost::json::object;
using supply_api::ActorOf;
using supply_api::NotJson;
using supply_api::PageOf;

HttpResponse Written(const store::CareWriteCounts& counts) {
  return JsonResponse(201, report::SupplyWriteJson(counts.added, counts.updated, counts.unchanged));
}

const ParamDoc kRegion{"region", "string", "Region code (default: your home region)"};
const ParamDoc kLimit{"limit", "integer", "Page size, 1 to 1000 (default 100)"};
const ParamDoc kOffset{"offset", "integer", "Items to skip (default 0)"};

}  // namespace

Status Api::CheckNodesInScope(RequestContext& context,
                              const std::vector<std::pair<std::string, std::string>>& nodes) const {
  std::vector<std::string> unknown;
  std::vector<std::string> outside;
  std::set<std::string> seen;
  for (const auto& [where, node] : nodes) {
    Result<std::string> region = supply_.NodeRegion(node);
    if (!region.ok()) {
      if (region.status().code() != StatusCode::kNotFound) return region.status();
      unknown.push_back(fmt::format("{}: \"{}\" is not a known supply node", where, node));
      continue;
    }
    if (!seen.insert(node).second) continue;
    context.path_params["region"] = *region;
    Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
    if (idx.status().code() == StatusCode::kForbidden) {
      outside.push_back(fmt::format("node {} serves {}, outside your region {}", node, *region,
                                    context.principal.region));
    }
  }
  if (!unknown.empty()) {
    std::string message = fmt::format("{} unknown node(s); nothing was written", unknown.size());
    return Status::InvalidArgument(std::move(message), std::move(unknown));
  }
  if (outside.empty()) return Status::Ok();
  return Status(StatusCode::kForbidden, "supply writes for nodes outside your region",
                std::move(outside));
}

void Api::AddSupplyRoutes() {
  using access::Permission;

  // The catalogue and the protocols are national: every caller reads them whole.
  router_.Add({"GET",
               "/api/v1/supply/medicines",
               Permission::kReadSurveillance,
               "",
               {"The medicine catalogue", "supply", {kLimit, kOffset}, "", "MedicinePage"},
               [this](RequestContext& context) {
                 Result<Paging> paging = PagingParams(context);
                 if (!paging.ok()) return ErrorResponse(paging.status());
                 auto medicines = supply_.Medicines();
                 if (!medicines.ok()) return ErrorResponse(medicines.status());
                 return JsonResponse(200, PageOf(*medicines, *paging, report::MedicineJson));
               }});

  router_.Add({"POST",
               "/api/v1/supply/medicines",
               Permission::kManageSupply,
               "",
               {"Add or replace medicines by code ({\"medicines\": [...]} or one), all or nothing",
                "supply",
                {},
                "MedicineBatch",
                "SupplyWriteResult",
                201},
               [this](RequestContext& context) {
                 if (auto refused = NotJson(context)) return *refused;
                 auto body = ParseMedicinesBody(context.request.body);
                 if (!body.ok()) return ErrorResponse(body.status());
                 auto written = supply_.SaveMedicines(body->items, ActorOf(context, body->reason));
                 if (!written.ok()) return ErrorResponse(written.status());
                 return Written(*written);
               }});

  router_.Add({"GET",
               "/api/v1/supply/protocols",
               Permission::kReadSurveillance,
               "",
               {"Treatment protocols: which share of which patients take how much of a medicine "
                "for how many days",
                "supply",
                {kLimit, kOffset},
                "",
                "ProtocolPage"},
               [this](RequestContext& context) {
                 Result<Paging> paging = PagingParams(context);
                 if (!paging.ok()) return ErrorResponse(paging.status());
                 auto protocols = supply_.Protocols();
                 if (!protocols.ok()) return ErrorResponse(protocols.status());
                 return JsonResponse(200, PageOf(*protocols, *paging, report::ProtocolJson));
               }});

  router_.Add({"POST",
               "/api/v1/supply/protocols",
               Permission::kManageSupply,
               "",
               {"Add or replace protocol lines by (case type, medicine), all or nothing",
                "supply",
                {},
                "ProtocolBatch",
                "SupplyWriteResult",
                201},
               [this](RequestContext& context) {
                 if (auto refused = NotJson(context)) return *refused;
                 auto body = ParseProtocolsBody(context.request.body);
                 if (!body.ok()) return ErrorResponse(body.status());
                 auto written = supply_.SaveProtocols(body->items, ActorOf(context, body->reason));
                 if (!written.ok()) return ErrorResponse(written.status());
                 return Written(*written);
               }});

  router_.Add({"GET",
               "/api/v1/supply/nodes",
               Permission::kReadSurveillance,
               "region",
               {"The supply nodes serving the regions under a region",
                "supply",
                {kRegion, kLimit, kOffset},
                "",
                "NodePage"},
               [this](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 Result<Paging> paging = PagingParams(context);
                 if (!paging.ok()) return ErrorResponse(paging.status());
                 auto nodes = supply_.Nodes(surveillance_.tree().region(*idx).code);
                 if (!nodes.ok()) return ErrorResponse(nodes.status());
                 return JsonResponse(200, PageOf(*nodes, *paging, report::NodeJson));
               }});

  router_.Add({"POST",
               "/api/v1/supply/nodes",
               Permission::kManageSupply,
               "region",
               {"Add or replace supply nodes by code ({\"nodes\": [...]} or one), all or nothing",
                "supply",
                {},
                "NodeBatch",
                "SupplyWriteResult",
                201},
               [this](RequestContext& context) {
                 if (auto refused = NotJson(context)) return *refused;
                 auto body = ParseNodesBody(context.request.body);
                 if (!body.ok()) return ErrorResponse(body.status());
                 std::vector<std::string> regions;
                 std::vector<std::string> unknown;
                 for (size_t idx = 0; idx < body->items.size(); ++idx) {
                   const std::string& region = body->items[idx].region;
                   if (!surveillance_.FindRegion(region).ok()) {
                     unknown.push_back(fmt::format("nodes[{}].region: \"{}\" is not a known region",
                                                   idx, region));
                   }
                   regions.push_back(region);
                 }
                 if (!unknown.empty()) {
                   return ErrorResponse(Status::InvalidArgument(
                       "unknown regions; nothing was written", std::move(unknown)));
                 }
                 if (Status s = CheckRegionsInScope(context, regions); !s.ok()) {
                   return ErrorResponse(s);
                 }
                 auto written = supply_.SaveNodes(body->items, ActorOf(context, body->reason));
                 if (!written.ok()) return ErrorResponse(written.status());
                 return Written(*written);
               }});

  router_.Add({"GET",
               "/api/v1/supply/links",
               Permission::kReadSurveillance,
               "region",
               {"The links touching a node under a region: transit hours and daily capacity",
                "supply",
                {kRegion, kLimit, kOffset},
                "",
                "LinkPage"},
               [this](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 Result<Paging> paging = PagingParams(context);
                 if (!paging.ok()) return ErrorResponse(paging.status());
                 auto links = supply_.Links(surveillance_.tree().region(*idx).code);
                 if (!links.ok()) return ErrorResponse(links.status());
                 return JsonResponse(200, PageOf(*links, *paging, report::LinkJson));
               }});

  router_.Add({"POST",
               "/api/v1/supply/links",
               Permission::kManageSupply,
               "",
               {"Add or replace links by (from, to) between known nodes, all or nothing",
                "supply",
                {},
                "LinkBatch",
                "SupplyWriteResult",
                201},
               [this](RequestContext& context) {
                 if (auto refused = NotJson(context)) return *refused;
                 auto body = ParseLinksBody(context.request.body);
                 if (!body.ok()) return ErrorResponse(body.status());
                 std::vector<std::pair<std::string, std::string>> nodes;
                 for (size_t idx = 0; idx < body->items.size(); ++idx) {
                   nodes.emplace_back(fmt::format("links[{}].from", idx), body->items[idx].from);
                   nodes.emplace_back(fmt::format("links[{}].to", idx), body->items[idx].to);
                 }
                 if (Status s = CheckNodesInScope(context, nodes); !s.ok()) return ErrorResponse(s);
                 auto written = supply_.SaveLinks(body->items, ActorOf(context, body->reason));
                 if (!written.ok()) return ErrorResponse(written.status());
                 return Written(*written);
               }});

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
         if (auto refused = NotJson(context)) return *refused;
         auto capacity = ParseDefaultLinksBody(context.request.body);
         if (!capacity.ok()) return ErrorResponse(capacity.status());
         auto written = supply_.AddDefaultLinks(*capacity, ActorOf(context, ""));
         if (!written.ok()) return ErrorResponse(written.status());
         return Written(*written);
       }});

  // Reserve floors and capacities of the nodes under a region.
  auto node_codes = [this](RegionIdx idx) -> Result<std::set<std::string>> {
    auto nodes = supply_.Nodes(surveillance_.tree().region(idx).code);
    if (!nodes.ok()) return nodes.status();
    std::set<std::string> codes;
    for (const supply::SupplyNode& node : *nodes) codes.insert(node.code);
    return codes;
  };

  router_.Add({"GET",
               "/api/v1/supply/reserve",
               Permission::kReadSurveillance,
               "region",
               {"The national reserve floors of the nodes under a region: stock that only a "
                "headquarters order may take",
                "supply",
                {kRegion, kLimit, kOffset},
                "",
                "ReservePage"},
               [this, node_codes](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 Result<Paging> paging = PagingParams(context);
                 if (!paging.ok()) return ErrorResponse(paging.status());
                 auto codes = node_codes(*idx);
                 if (!codes.ok()) return ErrorResponse(codes.status());
                 auto floors = supply_.Reserve();
                 if (!floors.ok()) return ErrorResponse(floors.status());
                 std::erase_if(*floors, [&](const supply::NodeReserveFloor& floor) {
                   return !codes->contains(floor.node);
                 });
                 return JsonResponse(200, PageOf(*floors, *paging, report::ReserveFloorJson));
               }});

  router_.Add({"POST",
               "/api/v1/supply/reserve",
               Permission::kManageSupply,
               "",
               {"Set reserve floors by (node, medicine) ({\"reserve\": [...]} or one), all or "
                "nothing",
                "supply",
                {},
                "ReserveBatch",
                "SupplyWriteResult",
                201},
               [this](RequestContext& context) {
                 if (auto refused = NotJson(context)) return *refused;
                 auto body = ParseReserveBody(context.request.body);
                 if (!body.ok()) return ErrorResponse(body.status());
                 std::vector<std::pair<std::string, std::string>> nodes;
                 for (size_t idx = 0; idx < body->items.size(); ++idx) {
                   nodes.emplace_back(fmt::format("reserve[{}].node", idx), body->items[idx].node);
                 }
                 if (Status s = CheckNodesInScope(context, nodes); !s.ok()) return ErrorResponse(s);
                 auto written = supply_.SaveReserve(body->items, ActorOf(context, body->reason));
                 if (!written.ok()) return ErrorResponse(written.status());
                 return Written(*written);
               }});

  router_.Add({"GET",
               "/api/v1/supply/capacities",
               Permission::kReadSurveillance,
               "region",
               {"What the factories under a region can make of each medicine per day",
                "supply",
                {kRegion, kLimit, kOffset},
                "",
                "CapacityPage"},
               [this, node_codes](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 Result<Paging> paging = PagingParams(context);
                 if (!paging.ok()) return ErrorResponse(paging.status());
                 auto codes = node_codes(*idx);
                 if (!codes.ok()) return ErrorResponse(codes.status());
                 auto capacities = supply_.Capacities();
                 if (!capacities.ok()) return ErrorResponse(capacities.status());
                 std::erase_if(*capacities, [&](const supply::FactoryCapacity& capacity) {
                   return !codes->contains(capacity.node);
                 });
                 return JsonResponse(200, PageOf(*capacities, *paging, report::CapacityJson));
               }});

  router_.Add({"POST",
               "/api/v1/supply/capacities",
               Permission::kManageSupply,
               "",
               {"Set factory capacities by (factory, medicine) ({\"capacities\": [...]} or one), "
                "all or nothing",
                "supply",
                {},
                "CapacityBatch",
                "SupplyWriteResult",
                201},
               [this](RequestContext& context) {
                 if (auto refused = NotJson(context)) return *refused;
                 auto body = ParseCapacitiesBody(context.request.body);
                 if (!body.ok()) return ErrorResponse(body.status());
                 std::vector<std::pair<std::string, std::string>> nodes;
                 for (size_t idx = 0; idx < body->items.size(); ++idx) {
                   nodes.emplace_back(fmt::format("capacities[{}].node", idx),
                                      body->items[idx].node);
                 }
                 if (Status s = CheckNodesInScope(context, nodes); !s.ok()) return ErrorResponse(s);
                 auto written = supply_.SaveCapacities(body->items, ActorOf(context, body->reason));
                 if (!written.ok()) return ErrorResponse(written.status());
                 return Written(*written);
               }});

  AddSupplyStockRoutes();
  AddSupplyShipmentRoutes();
  AddSupplyPlanRoutes();
}

}  // namespace outbreak::http
