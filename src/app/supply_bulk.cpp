// SupplyService: shipments in bulk (a step for a plan's or a node's shipments at once) and the
// work queue of a node.

#include <algorithm>

#include <fmt/format.h>

#include "app/supply_service.hpp"

namespace outbreak::app {

namespace {

// The statuses a shipment may be in to take `step`.
std::vector<supply::ShipmentStatus> FromStatuses(supply::ShipmentStatus step) {
  switch (step) {
    case supply::ShipmentStatus::kApproved:
      return {supply::ShipmentStatus::kPlanned};
    case supply::ShipmentStatus::kDispatched:
      return {supply::ShipmentStatus::kApproved};
    case supply::ShipmentStatus::kReceived:
      return {supply::ShipmentStatus::kDispatched};
    case supply::ShipmentStatus::kCancelled:
      return {supply::ShipmentStatus::kPlanned, supply::ShipmentStatus::kApproved};
    case supply::ShipmentStatus::kPlanned:
      break;
  }
  return {};
}

// The day a shipment is due for `step`: its arrival for a receipt, else its ship day.
Date DueDay(const supply::Shipment& shipment, supply::ShipmentStatus step) {
  return step == supply::ShipmentStatus::kReceived ? shipment.arrival_day : shipment.ship_day;
}

// Oldest due first, then by number.
void SortByDue(std::vector<supply::Shipment>& shipments, supply::ShipmentStatus step) {
  std::sort(shipments.begin(), shipments.end(), [step](const auto& a, const auto& b) {
    return std::pair(DueDay(a, step), a.id) < std::pair(DueDay(b, step), b.id);
  });
}

// Bulk steps above this many shipments are refused: split them by node or day.
constexpr size_t kMaxBulkShipments = 20'000;

}  // namespace

Result<std::vector<supply::Shipment>> SupplyService::SelectForStep(
    std::string_view region, supply::ShipmentStatus step,
    const ShipmentSelection& selection) const {
  const std::vector<supply::ShipmentStatus> from_statuses = FromStatuses(step);
  if (from_statuses.empty()) {
    return Status::InvalidArgument(
        "step: a shipment is approved, dispatched, received or cancelled");
  }
  std::vector<supply::Shipment> out;
  if (!selection.ids.empty()) {
    // Named shipments: each must exist and be ready for the step (the store checks again).
    for (int64_t id : selection.ids) {
      auto shipment = FindShipment(id);
      if (!shipment.ok()) return shipment.status();
      out.push_back(std::move(*shipment));
    }
    return out;
  }
  for (supply::ShipmentStatus status : from_statuses) {
    store::ShipmentQuery query;
    query.status = std::string(supply::ShipmentStatusName(status));
    query.plan_id = selection.plan_id;
    if (!selection.from.empty()) query.nodes.push_back(selection.from);
    if (!selection.to.empty()) query.nodes.push_back(selection.to);
    query.limit = static_cast<int64_t>(kMaxBulkShipments) + 1;
    auto found = Shipments(region, query);
    if (!found.ok()) return found.status();
    for (supply::Shipment& shipment : *found) {
      if (!selection.from.empty() && shipment.from != selection.from) continue;
      if (!selection.to.empty() && shipment.to != selection.to) continue;
      if (selection.through && DueDay(shipment, step) > *selection.through) continue;
      out.push_back(std::move(shipment));
    }
  }
  if (out.size() > kMaxBulkShipments) {
    return Status::InvalidArgument(fmt::format(
        "more than {} shipments selected: choose a node, a plan or a day", kMaxBulkShipments));
  }
  SortByDue(out, step);
  return out;
}

Result<std::vector<supply::Shipment>> SupplyService::StepMany(supply::ShipmentStatus step,
                                                              const std::vector<int64_t>& ids,
                                                              std::optional<Date> day,
                                                              const Actor& actor) {
  if (step == supply::ShipmentStatus::kCancelled && actor.reason.empty()) {
    return Status::InvalidArgument("reason: a cancellation needs a reason");
  }
  if (ids.empty()) return Status::InvalidArgument("no shipment is ready for this step");
  const Date today = Today();
  if (day && *day > today) {
    return Status::InvalidArgument("day: " + day->ToString() + " is in the future");
  }
  store::BulkStep bulk;
  bulk.to = step;
  bulk.ids = ids;
  bulk.day = day;
  bulk.today = today;
  std::lock_guard lock(mutex_);
  ForgetCover();
  return store_->Supply().StepShipments(bulk, Context(actor));
}

Result<WorkQueue> SupplyService::Queue(std::string_view node, std::optional<Date> day) const {
  auto region = NodeRegion(node);
  if (!region.ok()) return region.status();
  WorkQueue queue;
  queue.node = std::string(node);
  queue.day = day.value_or(Today());
  auto list = [&](supply::ShipmentStatus step, bool outgoing,
                  std::vector<supply::Shipment>& into) -> Status {
    ShipmentSelection selection;
    (outgoing ? selection.from : selection.to) = queue.node;
    selection.through = queue.day;
    auto found = SelectForStep(*region, step, selection);
    if (!found.ok()) return found.status();
    for (const supply::Shipment& shipment : *found) {
      if (DueDay(shipment, step) < queue.day) ++queue.overdue;
    }
    into = std::move(*found);
    return Status::Ok();
  };
  if (Status s = list(supply::ShipmentStatus::kApproved, true, queue.to_approve); !s.ok()) return s;
  if (Status s = list(supply::ShipmentStatus::kDispatched, true, queue.to_dispatch); !s.ok()) {
    return s;
  }
  if (Status s = list(supply::ShipmentStatus::kReceived, false, queue.to_receive); !s.ok()) {
    return s;
  }
  return queue;
}

}  // namespace outbreak::app
