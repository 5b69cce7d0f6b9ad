// Shipments and their chain of custody: create, list, read, approve, cancel, dispatch, receive,
// one at a time or in bulk; and the work queue of a node.
//
// Who may take a step: either end creates a shipment (the receiving end may ask for one) and
// either end cancels it; the sending end approves and dispatches (its stock leaves); the
// receiving end signs for what arrived. A shipment with a reserve order is created only by
// those who may draw on the reserve. A shipment may be read by those whose region holds either
// end, or lies inside the region one end serves.

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
using supply_api::IdParam;

constexpr int64_t kShipmentReadLimit = 10'000'000;

enum class End { kSender, kReceiver, kEither };

}  // namespace

void SupplyRoutes::AddShipments() {
  using access::Permission;

  // Whether a node serves a region inside the caller's; the node's lookup error otherwise.
  auto in_scope = [this](RequestContext& context, const std::string& node) -> Result<bool> {
    Result<std::string> region = supply_.NodeRegion(node);
    if (!region.ok()) return region.status();
    context.path_params["node_region"] = *region;
    Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "node_region");
    if (idx.ok()) return true;
    if (idx.status().code() == StatusCode::kForbidden) return false;
    return idx.status();
  };

  // Whether a node concerns the caller, for reading: its region is inside the caller's or holds
  // it (a shipment of the central base concerns every county it may supply).
  auto concerns = [this](const RequestContext& context, const std::string& node) -> Result<bool> {
    Result<std::string> region = supply_.NodeRegion(node);
    if (!region.ok()) return region.status();
    return surveillance_.WithTree([&](const RegionTree& tree) {
      const std::optional<RegionIdx> home = tree.Find(context.principal.region);
      const std::optional<RegionIdx> at = tree.Find(*region);
      return home && at && (tree.IsInSubtree(*home, *at) || tree.IsInSubtree(*at, *home));
    });
  };

  // The shipment of the path, when the caller may take `step` on it from the end it needs.
  auto authorise = [this, in_scope](RequestContext& context, End end,
                                    const char* step) -> Result<supply::Shipment> {
    Result<int64_t> id = IdParam(context, "shipment");
    if (!id.ok()) return id.status();
    Result<supply::Shipment> shipment = supply_.FindShipment(*id);
    if (!shipment.ok()) return shipment.status();
    Result<bool> sender = in_scope(context, shipment->from);
    if (!sender.ok()) return sender.status();
    Result<bool> receiver = in_scope(context, shipment->to);
    if (!receiver.ok()) return receiver.status();
    const bool allowed = end == End::kSender     ? *sender
                         : end == End::kReceiver ? *receiver
                                                 : *sender || *receiver;
    if (allowed) return shipment;
    const std::string who = end == End::kSender     ? "the sending node " + shipment->from
                            : end == End::kReceiver ? "the receiving node " + shipment->to
                                                    : "either of its nodes";
    return Status::Forbidden(
        fmt::format("shipment {} ({} -> {}): only an officer of {} may {} it; "
                    "it is outside your region {}",
                    *id, shipment->from, shipment->to, who, step, context.principal.region));
  };

  router_.Add({"GET",
               "/api/v1/supply/shipments",
               Permission::kReadSurveillance,
               "region",
               {"Shipments from or to the nodes under a region, newest first",
                "supply",
                {{"region", "string", "Region code (default: your home region)"},
                 {"status", "string",
                  "Only this status: planned, approved, dispatched, received, cancelled"},
                 IntegerParam("plan", "Only the shipments of this distribution plan", 1, INT64_MAX),
                 {"limit", "integer", "Page size, 1 to 1000 (default 100)"},
                 {"offset", "integer", "Items to skip (default 0)"}},
                "",
                "ShipmentPage"},
               [this](RequestContext& context) {
                 Result<RegionIdx> idx = ScopedRegion(surveillance_, context, "region");
                 if (!idx.ok()) return ErrorResponse(idx.status());
                 const Paging& paging = context.paging;
                 store::ShipmentQuery query;
                 query.status = context.Param("status");
                 if (!query.status.empty() && !supply::ParseShipmentStatus(query.status)) {
                   return ErrorResponse(Status::InvalidArgument(fmt::format(
                       "status: \"{}\" is not planned, approved, dispatched, received or "
                       "cancelled",
                       query.status)));
                 }
                 query.plan_id = context.Whole("plan").value_or(0);
                 query.limit = kShipmentReadLimit;
                 auto shipments = supply_.Shipments(surveillance_.tree().region(*idx).code, query);
                 if (!shipments.ok()) return ErrorResponse(shipments.status());
                 return JsonResponse(200, PageOf(*shipments, paging, report::ShipmentJson));
               }});

  router_.Add(
      {"POST",
       "/api/v1/supply/shipments",
       Permission::kWriteSupply,
       "",
       {"Plan shipments between two nodes, one of them in your region ({\"shipments\": [...]} or "
        "one). A reserve_order (it may take the sender below its reserve floor) needs "
        "draw_reserve. All or nothing.",
        "supply",
        {},
        "ShipmentBatch",
        "ShipmentsCreated",
        201},
       [this, in_scope](RequestContext& context) {
         auto body = ParseShipmentsBody(context.request.body);
         if (!body.ok()) return ErrorResponse(body.status());
         std::vector<std::string> unknown;
         std::vector<std::string> outside;
         for (size_t idx = 0; idx < body->items.size(); ++idx) {
           const supply::Shipment& shipment = body->items[idx];
           if (shipment.reserve_order) {
             if (Status s = supply_api::CheckDrawReserve(
                     context, fmt::format("shipments[{}].reserve_order", idx));
                 !s.ok()) {
               return ErrorResponse(s);
             }
           }
           Result<bool> from = in_scope(context, shipment.from);
           Result<bool> to = in_scope(context, shipment.to);
           for (const auto& [field, node, found] :
                {std::tuple{"from", shipment.from, &from}, std::tuple{"to", shipment.to, &to}}) {
             if (found->ok()) continue;
             if (found->status().code() != StatusCode::kNotFound) {
               return ErrorResponse(found->status());
             }
             unknown.push_back(fmt::format("shipments[{}].{}: \"{}\" is not a known supply node",
                                           idx, field, node));
           }
           if (from.ok() && to.ok() && !*from && !*to) {
             outside.push_back(fmt::format("shipments[{}]: neither {} nor {} is in your region {}",
                                           idx, shipment.from, shipment.to,
                                           context.principal.region));
           }
         }
         if (!unknown.empty()) {
           return ErrorResponse(
               Status::InvalidArgument("unknown node(s); nothing was written", std::move(unknown)));
         }
         if (!outside.empty()) {
           return ErrorResponse(Status(StatusCode::kForbidden,
                                       "shipments between nodes outside your region",
                                       std::move(outside)));
         }
         auto ids = supply_.CreateShipments(body->items, ActorOf(context, body->reason));
         if (!ids.ok()) return ErrorResponse(ids.status());
         array shipments;
         for (int64_t id : *ids) {
           auto shipment = supply_.FindShipment(id);
           if (!shipment.ok()) return ErrorResponse(shipment.status());
           shipments.push_back(report::ShipmentJson(*shipment));
         }
         array id_list(ids->begin(), ids->end());
         return JsonResponse(201, object{{"ids", std::move(id_list)}, {"shipments", shipments}});
       }});

  router_.Add({"GET",
               "/api/v1/supply/shipments/{shipment}",
               Permission::kReadSurveillance,
               "",
               {"One shipment: its lines, the lots that left and arrived, and its chain of custody",
                "supply",
                {},
                "",
                "Shipment"},
               [this, concerns](RequestContext& context) {
                 Result<int64_t> id = IdParam(context, "shipment");
                 if (!id.ok()) return ErrorResponse(id.status());
                 Result<supply::Shipment> shipment = supply_.FindShipment(*id);
                 if (!shipment.ok()) return ErrorResponse(shipment.status());
                 Result<bool> from = concerns(context, shipment->from);
                 if (!from.ok()) return ErrorResponse(from.status());
                 Result<bool> to = concerns(context, shipment->to);
                 if (!to.ok()) return ErrorResponse(to.status());
                 if (!*from && !*to) {
                   return ErrorResponse(Status::Forbidden(fmt::format(
                       "shipment {} ({} -> {}) concerns neither your region {} nor a region "
                       "holding it",
                       *id, shipment->from, shipment->to, context.principal.region)));
                 }
                 return JsonResponse(200, report::ShipmentJson(*shipment));
               }});

  router_.Add({"POST",
               "/api/v1/supply/shipments/{shipment}/approve",
               Permission::kWriteSupply,
               "",
               {"Approve a planned shipment (the sending end). Body optional: {\"reason\": ...}, "
                "kept as the step's note. 409 unless it is planned.",
                "supply",
                {},
                "ShipmentApprove",
                "Shipment"},
               [this, authorise](RequestContext& context) {
                 auto body = ParseStepBody(context.request.body, false, false);
                 if (!body.ok()) return ErrorResponse(body.status());
                 auto shipment = authorise(context, End::kSender, "approve");
                 if (!shipment.ok()) return ErrorResponse(shipment.status());
                 auto approved = supply_.Approve(shipment->id, ActorOf(context, body->reason));
                 if (!approved.ok()) return ErrorResponse(approved.status());
                 return JsonResponse(200, report::ShipmentJson(*approved));
               }});

  router_.Add({"POST",
               "/api/v1/supply/shipments/{shipment}/cancel",
               Permission::kWriteSupply,
               "",
               {"Cancel a planned or approved shipment (either end), with a reason. 409 once it "
                "has left.",
                "supply",
                {},
                "ShipmentCancel",
                "Shipment"},
               [this, authorise](RequestContext& context) {
                 auto body = ParseStepBody(context.request.body, false, true);
                 if (!body.ok()) return ErrorResponse(body.status());
                 auto shipment = authorise(context, End::kEither, "cancel");
                 if (!shipment.ok()) return ErrorResponse(shipment.status());
                 auto cancelled = supply_.Cancel(shipment->id, ActorOf(context, body->reason));
                 if (!cancelled.ok()) return ErrorResponse(cancelled.status());
                 return JsonResponse(200, report::ShipmentJson(*cancelled));
               }});

  router_.Add(
      {"POST",
       "/api/v1/supply/shipments/{shipment}/dispatch",
       Permission::kWriteSupply,
       "",
       {"Dispatch an approved shipment (the sending end): its stock leaves the sender, lots first "
        "expiry first out. Body optional: {\"day\": \"YYYY-MM-DD\"} (default: the planned ship "
        "day). 409 unless approved or when the sender lacks the stock.",
        "supply",
        {},
        "ShipmentDispatch",
        "Shipment"},
       [this, authorise](RequestContext& context) {
         auto body = ParseStepBody(context.request.body, true, false);
         if (!body.ok()) return ErrorResponse(body.status());
         auto shipment = authorise(context, End::kSender, "dispatch");
         if (!shipment.ok()) return ErrorResponse(shipment.status());
         auto dispatched =
             supply_.Dispatch(shipment->id, body->day, ActorOf(context, body->reason));
         if (!dispatched.ok()) return ErrorResponse(dispatched.status());
         return JsonResponse(200, report::ShipmentJson(*dispatched));
       }});

  router_.Add(
      {"POST",
       "/api/v1/supply/shipments/{shipment}/receive",
       Permission::kWriteSupply,
       "",
       {"Sign for a dispatched shipment (the receiving end): what was counted of every lot "
        "sent; a shortfall needs a loss_reason and is kept as a loss. Never more than was sent; "
        "received once.",
        "supply",
        {},
        "ShipmentReceipt",
        "Shipment"},
       [this, authorise](RequestContext& context) {
         auto body = ParseReceiptBody(context.request.body);
         if (!body.ok()) return ErrorResponse(body.status());
         auto shipment = authorise(context, End::kReceiver, "receive");
         if (!shipment.ok()) return ErrorResponse(shipment.status());
         auto received =
             supply_.Receive(shipment->id, body->day, body->counts, ActorOf(context, ""));
         if (!received.ok()) return ErrorResponse(supply_api::InBody(received.status()));
         return JsonResponse(200, report::ShipmentJson(*received));
       }});

  router_.Add(
      {"POST",
       "/api/v1/supply/shipment-steps",
       Permission::kWriteSupply,
       "",
       {"Take one step for many shipments at once, all or nothing: approve, dispatch (the sending "
        "end), receive in full (the receiving end; shortfalls are signed one by one) or cancel "
        "(either end, with a reason). Name them (ids) or filter them: a plan, a sending (from) or "
        "receiving (to) node, and through = the last due day; every shipment the filter finds in "
        "the status the step needs, within your region, takes it. Each shipment's custody is "
        "recorded as if taken alone. 403 naming the first shipment outside your end, 409 naming "
        "the first that cannot take the step, and nothing is written.",
        "supply",
        {},
        "ShipmentBulkStep",
        "ShipmentBulkResult"},
       [this, in_scope](RequestContext& context) {
         auto body = ParseBulkStepBody(context.request.body);
         if (!body.ok()) return ErrorResponse(body.status());
         auto selected =
             supply_.SelectForStep(context.principal.region, body->step, body->selection);
         if (!selected.ok()) return ErrorResponse(selected.status());
         const End end = body->step == supply::ShipmentStatus::kReceived    ? End::kReceiver
                         : body->step == supply::ShipmentStatus::kCancelled ? End::kEither
                                                                            : End::kSender;
         std::vector<int64_t> ids;
         for (const supply::Shipment& shipment : *selected) {
           Result<bool> sender = in_scope(context, shipment.from);
           if (!sender.ok()) return ErrorResponse(sender.status());
           Result<bool> receiver = in_scope(context, shipment.to);
           if (!receiver.ok()) return ErrorResponse(receiver.status());
           const bool allowed = end == End::kSender     ? *sender
                                : end == End::kReceiver ? *receiver
                                                        : *sender || *receiver;
           if (!allowed) {
             return ErrorResponse(Status::Forbidden(fmt::format(
                 "shipment {} ({} -> {}): that end is outside your region {}; nothing was "
                 "written",
                 shipment.id, shipment.from, shipment.to, context.principal.region)));
           }
           ids.push_back(shipment.id);
         }
         auto moved = supply_.StepMany(body->step, ids, body->day, ActorOf(context, body->reason));
         if (!moved.ok()) return ErrorResponse(moved.status());
         array shipments;
         for (const supply::Shipment& shipment : *moved) {
           shipments.push_back(report::ShipmentJson(shipment));
         }
         return JsonResponse(200, object{{"step", supply::ShipmentStatusName(body->step)},
                                         {"count", shipments.size()},
                                         {"shipments", std::move(shipments)}});
       },
       /*national=*/false,
       /*slow=*/true});

  router_.Add(
      {"GET",
       "/api/v1/supply/queue",
       Permission::kReadSurveillance,
       "",
       {"A node's work on a day: the shipments it has to approve and dispatch (leaving by the "
        "day) and to receive (expected by the day), the oldest first, and how many are overdue",
        "supply",
        {{"node", "string", "Supply node code (required)"},
         {"day", "date", "Day (default: today)"}},
        "",
        "WorkQueue"},
       [this, concerns](RequestContext& context) {
         const std::string node = context.Param("node");
         if (node.empty()) {
           return ErrorResponse(Status::InvalidArgument("node: a supply node code is required"));
         }
         Result<bool> mine = concerns(context, node);
         if (!mine.ok()) return ErrorResponse(mine.status());
         if (!*mine) {
           return ErrorResponse(Status::Forbidden(
               fmt::format("node {} concerns neither your region {} nor a region holding it", node,
                           context.principal.region)));
         }
         const std::optional<Date> day = context.Day("day");
         auto queue = supply_.Queue(node, day);
         if (!queue.ok()) return ErrorResponse(queue.status());
         auto list = [](const std::vector<supply::Shipment>& shipments) {
           array out;
           for (const supply::Shipment& shipment : shipments) {
             out.push_back(report::ShipmentJson(shipment));
           }
           return out;
         };
         return JsonResponse(200, object{{"node", queue->node},
                                         {"day", queue->day.ToString()},
                                         {"overdue", queue->overdue},
                                         {"to_approve", list(queue->to_approve)},
                                         {"to_dispatch", list(queue->to_dispatch)},
                                         {"to_receive", list(queue->to_receive)}});
       }});
}

}  // namespace outbreak::http
