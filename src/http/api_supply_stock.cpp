// The stock ledger (read and post), and the supply reads: stock, days of cover, demand, recall.

#include <set>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "http/api.hpp"
#include "http/api_supply_common.hpp"
#include "http/json_response.hpp"
#include "http/routes.hpp"
#include "http/supply_body.hpp"
#include "report/supply_render.hpp"

namespace outbreak::http {

namespace {

using boost::json::array;
using boost::json::object;
using supply_api::ActorOf;

// The ledger is read whole for a page and its total; the store pages only by limit and offset.
constexpr int64_t kLedgerReadLimit = 10'000'000;

const ParamDoc kRegion{"region", "string", "Region code (default: your home region)"};
const ParamDoc kAsOf{"as_of", "date", "Day (default: the latest with data)"};

}  // namespace

void SupplyRoutes::AddStock() {
  using access::Permission;

  router_.Add({"GET",
               "/api/v1/supply/ledger",
               Permission::kReadSurveillance,
               "region",
               {"Stock ledger entries at the nodes under a region, oldest first",
                "supply",
                {kRegion,
                 {"node", "string", "Only this node"},
                 {"medicine", "string", "Only this medicine"},
                 {"lot", "string", "Only this lot"},
                 {"from", "date", "First day, included"},
                 {"to", "date", "Last day, included"},
                 {"limit", "integer", "Page size, 1 to 1000 (default 100)"},
                 {"offset", "integer", "Items to skip (default 0)"}},
                "",
                "LedgerPage"},
               [this](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 const Paging& paging = context.paging;
                 const DateRange dates = context.Dates();
                 store::LedgerQuery query;
                 if (const std::string node = context.Param("node"); !node.empty()) {
                   query.nodes.push_back(node);
                 }
                 query.medicine = context.Param("medicine");
                 query.lot = context.Param("lot");
                 query.from = dates.from;
                 query.to = dates.to;
                 query.limit = kLedgerReadLimit;
                 auto entries = supply_.Ledger(surveillance_.tree().region(*idx).code, query);
                 if (!entries.ok()) return ErrorResponse(entries.status());
                 return JsonResponse(200, PageOf(*entries, paging, report::LedgerEntryJson));
               }});

  router_.Add(
      {"POST",
       "/api/v1/supply/ledger",
       Permission::kWriteSupply,
       "",
       {"Post stock movements at nodes in your region: receipts, production, issues, "
        "adjustments, expiry, losses ({\"movements\": [...], \"draw_reserve\": false} or one). A "
        "movement that gives an expiry brings in a new lot. Stock never goes negative, expired "
        "lots are not issued, and going below a reserve floor needs draw_reserve, a headquarters "
        "order. All or nothing.",
        "supply",
        {},
        "LedgerPost",
        "LedgerPostResult",
        201},
       [this](RequestContext& context) {
         auto body = ParseLedgerBody(context.request.body);
         if (!body.ok()) return ErrorResponse(body.status());
         if (body->draw_reserve) {
           if (Status s = supply_api::CheckDrawReserve(context, "draw_reserve"); !s.ok()) {
             return ErrorResponse(s);
           }
         }
         std::vector<std::pair<std::string, std::string>> nodes;
         for (size_t idx = 0; idx < body->requests.size(); ++idx) {
           nodes.emplace_back(fmt::format("movements[{}].node", idx), body->requests[idx].node);
         }
         if (Status s = scope_.CheckNodesInScope(context, nodes); !s.ok()) return ErrorResponse(s);
         auto posted = supply_.Post(body->new_lots, std::move(body->requests),
                                    ActorOf(context, body->reason));
         if (!posted.ok()) return ErrorResponse(supply_api::InBody(posted.status()));
         array items;
         for (const supply::LedgerEntry& entry : posted->entries) {
           items.push_back(report::LedgerEntryJson(entry));
         }
         return JsonResponse(201, object{{"posted", posted->entries.size()},
                                         {"unchanged", posted->unchanged},
                                         {"entries", items}});
       }});

  router_.Add({"GET",
               "/api/v1/supply/stock",
               Permission::kReadSurveillance,
               "region",
               {"Stock on hand at the nodes under a region by medicine, usable and by lot",
                "supply",
                {kRegion, kAsOf, {"medicine", "string", "Only this medicine"}},
                "",
                "StockReport"},
               [this](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 const std::optional<Date> day = context.Day("as_of");
                 auto report = supply_.Stock(surveillance_.tree().region(*idx).code, day,
                                             context.Param("medicine"));
                 if (!report.ok()) return ErrorResponse(report.status());
                 return JsonResponse(200, report::StockReportJson(*report));
               }});

  router_.Add({"GET",
               "/api/v1/supply/cover",
               Permission::kReadSurveillance,
               "region",
               {"Days of cover of the nodes under a region: usable stock over the expected need "
                "of the region each serves, against the minimum and maximum for its kind",
                "supply",
                {kRegion, kAsOf},
                "",
                "CoverReport"},
               [this](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 const std::optional<Date> day = context.Day("as_of");
                 auto report = supply_.Cover(surveillance_.tree().region(*idx).code, day);
                 if (!report.ok()) return ErrorResponse(report.status());
                 return JsonResponse(200, report::CoverReportJson(*report));
               }});

  router_.Add(
      {"GET",
       "/api/v1/supply/demand",
       Permission::kReadSurveillance,
       "region",
       {"Expected need of each medicine in the reporting regions under a region, day by "
        "day, from the protocols and the forecast (or the recent trend)",
        "supply",
        {kRegion, kAsOf, IntegerParam("horizon", "Days ahead, 1 to 28 (default 14)", 1, 28)},
        "",
        "DemandReport"},
       [this](RequestContext& context) {
         Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
         if (!idx.ok()) return ErrorResponse(idx.status());
         const std::optional<Date> day = context.Day("as_of");
         const auto horizon = static_cast<int>(context.Whole("horizon").value_or(14));
         auto report = supply_.Demand(surveillance_.tree().region(*idx).code, day, horizon);
         if (!report.ok()) return ErrorResponse(report.status());
         return JsonResponse(200, report::DemandReportJson(*report));
       }});

  router_.Add(
      {"GET",
       "/api/v1/supply/recall",
       Permission::kReadSurveillance,
       "region",
       {"Where a lot is: the nodes under a region holding it and the shipments that carried it "
        "from or to them",
        "supply",
        {{"medicine", "string", "Medicine code", true},
         {"lot", "string", "Lot number", true},
         kRegion},
        "",
        "RecallReport"},
       [this](RequestContext& context) {
         Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
         if (!idx.ok()) return ErrorResponse(idx.status());
         const std::string medicine = context.Param("medicine");
         const std::string lot = context.Param("lot");
         std::vector<std::string> missing;
         if (medicine.empty()) missing.push_back("medicine: is missing");
         if (lot.empty()) missing.push_back("lot: is missing");
         if (!missing.empty()) {
           return ErrorResponse(
               Status::InvalidArgument("name the lot: medicine and lot", std::move(missing)));
         }
         auto report = supply_.Recall(medicine, lot);
         if (!report.ok()) return ErrorResponse(report.status());
         auto nodes = supply_.Nodes(surveillance_.tree().region(*idx).code);
         if (!nodes.ok()) return ErrorResponse(nodes.status());
         std::set<std::string> codes;
         for (const supply::SupplyNode& node : *nodes) codes.insert(node.code);
         // Only what the caller's region holds and sent or received.
         std::erase_if(report->holders,
                       [&](const supply::StockRow& row) { return !codes.contains(row.node); });
         std::erase_if(report->shipments, [&](const supply::Shipment& shipment) {
           return !codes.contains(shipment.from) && !codes.contains(shipment.to);
         });
         std::erase_if(report->in_transit, [&](const supply::LotInTransit& moving) {
           return !codes.contains(moving.from) && !codes.contains(moving.to);
         });
         report->units_held = 0;
         for (const supply::StockRow& row : report->holders) report->units_held += row.quantity;
         std::erase_if(report->written_off,
                       [&](const supply::StockRow& row) { return !codes.contains(row.node); });
         report->units_in_transit = 0;
         for (const supply::LotInTransit& moving : report->in_transit) {
           report->units_in_transit += moving.units;
         }
         report->units_written_off = 0;
         for (const supply::StockRow& row : report->written_off) {
           report->units_written_off += row.quantity;
         }
         return JsonResponse(200, report::RecallReportJson(*report));
       }});

  router_.Add(
      {"GET",
       "/api/v1/supply/recalls",
       Permission::kReadSurveillance,
       "",
       {"Every recall order, active and lifted, oldest first", "supply", {}, "", "LotRecallList"},
       [this](RequestContext&) {
         auto recalls = supply_.Recalls();
         if (!recalls.ok()) return ErrorResponse(recalls.status());
         array items;
         for (const supply::LotRecall& recall : *recalls) {
           items.push_back(report::LotRecallJson(recall));
         }
         return JsonResponse(200, object{{"items", std::move(items)}});
       }});

  router_.Add(
      {"POST",
       "/api/v1/supply/recalls",
       Permission::kManageSupply,
       "",
       {"Order a lot recalled everywhere: from now until a headquarters order lifts it, the lot "
        "is neither issued nor dispatched at any node, and plans and cover do not count it; it "
        "may still be written off. National headquarters and admins only; a reason is required.",
        "supply",
        {},
        "RecallOrder",
        "LotRecall",
        201},
       [this](RequestContext& context) {
         auto body = ParseRecallBody(context.request.body);
         if (!body.ok()) return ErrorResponse(body.status());
         auto recall = supply_.OrderRecall(body->medicine, body->lot, body->day, body->reason,
                                           ActorOf(context, body->reason));
         if (!recall.ok()) return ErrorResponse(recall.status());
         return JsonResponse(201, report::LotRecallJson(*recall));
       },
       /*national=*/true});

  router_.Add(
      {"POST",
       "/api/v1/supply/recalls/{recall}/lift",
       Permission::kManageSupply,
       "",
       {"Lift a recall order: the lot may be issued and dispatched again. National headquarters "
        "and admins only; a reason is required ({\"reason\": WHY, \"day\": D optional}).",
        "supply",
        {},
        "RecallLift",
        "LotRecall"},
       [this](RequestContext& context) {
         auto id = supply_api::IdParam(context, "recall");
         if (!id.ok()) return ErrorResponse(id.status());
         auto body = ParseStepBody(context.request.body, true, true);
         if (!body.ok()) return ErrorResponse(body.status());
         auto lifted =
             supply_.LiftRecall(*id, body->day, body->reason, ActorOf(context, body->reason));
         if (!lifted.ok()) return ErrorResponse(lifted.status());
         return JsonResponse(200, report::LotRecallJson(*lifted));
       },
       /*national=*/true});
}

}  // namespace outbreak::http
