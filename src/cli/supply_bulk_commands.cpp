// outbreak supply shipments bulk STEP ... | outbreak supply queue NODE: shipments in bulk and a
// node's work queue.

#include <cstdio>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "app/supply_service.hpp"
#include "cli/cli_state.hpp"
#include "report/supply_render.hpp"
#include "report/tables.hpp"

namespace outbreak::cli {

namespace {

struct BulkOptions {
  std::string step;
  std::vector<int64_t> ids;
  app::ShipmentSelection selection;
  std::string through;
  std::string node;
};

supply::ShipmentStatus StepStatus(const std::string& step) {
  if (step == "approve") return supply::ShipmentStatus::kApproved;
  if (step == "dispatch") return supply::ShipmentStatus::kDispatched;
  if (step == "receive") return supply::ShipmentStatus::kReceived;
  return supply::ShipmentStatus::kCancelled;
}

void PrintShipments(const CliState& s, const char* title,
                    const std::vector<supply::Shipment>& shipments, boost::json::object& json) {
  boost::json::array items;
  for (const supply::Shipment& shipment : shipments) {
    items.push_back(report::ShipmentJson(shipment));
  }
  json[title] = std::move(items);
  if (s.format == "json") return;
  std::printf("\n%s (%zu)\n", title, shipments.size());
  if (!shipments.empty()) std::fputs(report::RenderShipmentsText(shipments).c_str(), stdout);
}

}  // namespace

void AddSupplyBulkCommands(CLI::App& supply, CLI::App& shipments, CliState& s) {
  auto o = std::make_shared<BulkOptions>();

  CLI::App* bulk = shipments.add_subcommand(
      "bulk",
      "One step for many shipments, all or nothing: approve, dispatch, receive (in full; "
      "shortfalls are signed one by one with `receive`) or cancel (with --reason). Name the "
      "shipments, or filter them by --plan, --from, --to and --through: every shipment found "
      "under --region in the status the step needs takes it");
  bulk->add_option("STEP", o->step, "approve, dispatch, receive or cancel")
      ->required()
      ->check(CLI::IsMember({"approve", "dispatch", "receive", "cancel"}));
  bulk->add_option("IDS", o->ids, "Shipment numbers")->check(CLI::PositiveNumber);
  bulk->add_option("--plan", o->selection.plan_id, "The shipments of this plan")
      ->check(CLI::PositiveNumber);
  bulk->add_option("--from", o->selection.from, "Sent from this node");
  bulk->add_option("--to", o->selection.to, "Sent to this node");
  bulk->add_option("--through", o->through,
                   "Due by this day: leaving by then, or expected by then for a receipt")
      ->check(DateValidator());
  bulk->add_option("--region", s.region, "Only shipments under this region (default: all)");
  bulk->add_option("--day", s.date,
                   "Day of a dispatch or receipt (default: each one's planned day, or today if "
                   "that is ahead)")
      ->check(DateValidator());
  bulk->add_option("--reason", s.reason, "Kept as each step's note (required to cancel)");
  bulk->callback([&s, o] {
    s.action = [&s, o] {
      o->selection.ids = o->ids;
      if (!o->through.empty()) o->selection.through = Date::Parse(o->through);
      const bool filtered = o->selection.plan_id != 0 || !o->selection.from.empty() ||
                            !o->selection.to.empty() || o->selection.through.has_value();
      if (o->ids.empty() == !filtered) {
        return Fail(Status::InvalidArgument(
            "name the shipments, or filter them by --plan, --from, --to or --through (not both)"));
      }
      auto services = OpenSupplyServices(s);
      if (!services.ok()) return Fail(services.status());
      const supply::ShipmentStatus step = StepStatus(o->step);
      auto selected =
          services->supply->SelectForStep(s.RegionOr(*services->surveillance), step, o->selection);
      if (!selected.ok()) return Fail(selected.status());
      std::vector<int64_t> ids;
      for (const supply::Shipment& shipment : *selected) ids.push_back(shipment.id);
      std::optional<Date> day;
      if (!s.date.empty()) day = Date::Parse(s.date);
      auto moved = services->supply->StepMany(step, ids, day, {s.user, s.reason, "cli"});
      if (!moved.ok()) return Fail(moved.status());
      std::printf("%zu shipment(s) %s\n", moved->size(),
                  std::string(supply::ShipmentStatusName(step)).c_str());
      return 0;
    };
  });

  CLI::App* queue = supply.add_subcommand(
      "queue",
      "A node's work on a day: the shipments it has to approve and dispatch (leaving by the "
      "day) and to receive (expected by the day), the oldest first, and how many are overdue");
  queue->add_option("NODE", o->node, "Supply node code")->required();
  queue->add_option("--day", s.date, "Day (default: today)")->check(DateValidator());
  queue->add_option("--format", s.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
  queue->callback([&s, o] {
    s.action = [&s, o] {
      auto services = OpenSupplyServices(s);
      if (!services.ok()) return Fail(services.status());
      std::optional<Date> day;
      if (!s.date.empty()) day = Date::Parse(s.date);
      auto found = services->supply->Queue(o->node, day);
      if (!found.ok()) return Fail(found.status());
      boost::json::object json{
          {"node", found->node}, {"day", found->day.ToString()}, {"overdue", found->overdue}};
      if (s.format != "json") {
        std::printf("WORK OF %s ON %s: %lld overdue\n", found->node.c_str(),
                    found->day.ToString().c_str(), static_cast<long long>(found->overdue));
      }
      PrintShipments(s, "to_approve", found->to_approve, json);
      PrintShipments(s, "to_dispatch", found->to_dispatch, json);
      PrintShipments(s, "to_receive", found->to_receive, json);
      if (s.format == "json") std::fputs(report::JsonText(json).c_str(), stdout);
      return 0;
    };
  });
}

}  // namespace outbreak::cli
