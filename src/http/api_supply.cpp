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

HttpResponse Written(const store::WriteCounts& counts) {
  return JsonResponse(201, report::SupplyWriteJson(counts.added, counts.updated, counts.unchanged));
}

// The write of reference rows: a JSON body parsed by `parse`, checked by `check` (a Status;
// nothing is written unless it is ok), saved all or nothing by `supply.*save`, answered 201
// with the counts.
template <typename Parse, typename Check, typename Save>
HttpResponse WriteRows(const RequestContext& context, Parse parse, Check check,
                       app::SupplyService& supply, Save save) {
  if (auto refused = NotJson(context)) return *refused;
  auto body = parse(context.request.body);
  if (!body.ok()) return ErrorResponse(body.status());
  if (Status s = check(*body); !s.ok()) return ErrorResponse(s);
  auto written = (supply.*save)(body->items, ActorOf(context, body->reason));
  if (!written.ok()) return ErrorResponse(written.status());
  return Written(*written);
}

// The list read of reference rows: a page of what `list` finds, each rendered by `to_json`.
template <typename List, typename ToJson>
HttpResponse ListRows(const RequestContext& context, List list, ToJson to_json) {
  Result<Paging> paging = PagingParams(context);
  if (!paging.ok()) return ErrorResponse(paging.status());
  auto rows = list();
  if (!rows.ok()) return ErrorResponse(rows.status());
  return JsonResponse(200, PageOf(*rows, *paging, to_json));
}

// `check` for rows that need no check beyond their parsing.
constexpr auto kNoCheck = [](const auto&) { return Status::Ok(); };

const ParamDoc kRegion{"region", "string", "Region code (default: your home region)"};
const ParamDoc kLimit{"limit", "integer", "Page size, 1 to 1000 (default 100)"};
const ParamDoc kOffset{"offset", "integer", "Items to skip (default 0)"};

}  // namespace

Status Api::CheckNodesInScope(const RequestContext& context,
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
    Result<RegionIdx> idx = RegionInScope(surveillance_, context.principal, *region);
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
                 return ListRows(
                     context, [this] { return supply_.Medicines(); }, report::MedicineJson);
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
                 return WriteRows(context, ParseMedicinesBody, kNoCheck, supply_,
                                  &app::SupplyService::SaveMedicines);
               },
               /*national=*/true});

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
                 return ListRows(
                     context, [this] { return supply_.Protocols(); }, report::ProtocolJson);
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
                 return WriteRows(context, ParseProtocolsBody, kNoCheck, supply_,
                                  &app::SupplyService::SaveProtocols);
               },
               /*national=*/true});

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
                 return ListRows(
                     context, [&] { return supply_.Nodes(surveillance_.tree().region(*idx).code); },
                     report::NodeJson);
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
                 auto check = [&](const auto& body) {
                   std::vector<Placement> placements;
                   std::vector<std::string> unknown;
                   for (size_t idx = 0; idx < body.items.size(); ++idx) {
                     const supply::SupplyNode& node = body.items[idx];
                     if (!surveillance_.FindRegion(node.region).ok()) {
                       unknown.push_back(fmt::format(
                           "nodes[{}].region: \"{}\" is not a known region", idx, node.region));
                     }
                     placements.push_back({fmt::format("nodes[{}]", idx), node.code, node.region});
                   }
                   if (!unknown.empty()) {
                     return Status::InvalidArgument("unknown regions; nothing was written",
                                                    std::move(unknown));
                   }
                   return CheckPlacements(context, placements, [this](const std::string& code) {
                     return supply_.NodeRegion(code);
                   });
                 };
                 return WriteRows(context, ParseNodesBody, check, supply_,
                                  &app::SupplyService::SaveNodes);
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
                 return ListRows(
                     context, [&] { return supply_.Links(surveillance_.tree().region(*idx).code); },
                     report::LinkJson);
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
                 auto check = [&](const auto& body) {
                   std::vector<std::pair<std::string, std::string>> nodes;
                   for (size_t idx = 0; idx < body.items.size(); ++idx) {
                     nodes.emplace_back(fmt::format("links[{}].from", idx), body.items[idx].from);
                     nodes.emplace_back(fmt::format("links[{}].to", idx), body.items[idx].to);
                   }
                   return CheckNodesInScope(context, nodes);
                 };
                 return WriteRows(context, ParseLinksBody, check, supply_,
                                  &app::SupplyService::SaveLinks);
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
       },
       /*national=*/true});

  // Reserve floors and capacities of the nodes under a region: of what `fetch` finds, the rows
  // whose node serves a region under it.
  auto of_nodes_under = [this](RegionIdx idx, auto fetch) -> decltype(fetch()) {
    auto nodes = supply_.Nodes(surveillance_.tree().region(idx).code);
    if (!nodes.ok()) return nodes.status();
    std::set<std::string> codes;
    for (const supply::SupplyNode& node : *nodes) codes.insert(node.code);
    auto rows = fetch();
    if (!rows.ok()) return rows;
    std::erase_if(*rows, [&](const auto& row) { return !codes.contains(row.node); });
    return rows;
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
               [this, of_nodes_under](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 return ListRows(
                     context,
                     [&] { return of_nodes_under(*idx, [this] { return supply_.Reserve(); }); },
                     report::ReserveFloorJson);
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
                 auto check = [&](const auto& body) {
                   std::vector<std::pair<std::string, std::string>> nodes;
                   for (size_t idx = 0; idx < body.items.size(); ++idx) {
                     nodes.emplace_back(fmt::format("reserve[{}].node", idx), body.items[idx].node);
                   }
                   return CheckNodesInScope(context, nodes);
                 };
                 return WriteRows(context, ParseReserveBody, check, supply_,
                                  &app::SupplyService::SaveReserve);
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
               [this, of_nodes_under](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 return ListRows(
                     context,
                     [&] { return of_nodes_under(*idx, [this] { return supply_.Capacities(); }); },
                     report::CapacityJson);
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
                 auto check = [&](const auto& body) {
                   std::vector<std::pair<std::string, std::string>> nodes;
                   for (size_t idx = 0; idx < body.items.size(); ++idx) {
                     nodes.emplace_back(fmt::format("capacities[{}].node", idx),
                                        body.items[idx].node);
                   }
                   return CheckNodesInScope(context, nodes);
                 };
                 return WriteRows(context, ParseCapacitiesBody, check, supply_,
                                  &app::SupplyService::SaveCapacities);
               }});

  AddSupplyStockRoutes();
  AddSupplyShipmentRoutes();
  AddSupplyPlanRoutes();
}

}  // namespace outbreak::http
