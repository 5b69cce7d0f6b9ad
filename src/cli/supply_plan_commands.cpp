// outbreak supply shipments ... | plan | plans | plan-show | adopt | production

#include <cstdio>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "app/file_text.hpp"
#include "app/supply_service.hpp"
#include "cli/cli_state.hpp"
#include "core/csv_rows.hpp"
#include "http/supply_body.hpp"
#include "report/supply_render.hpp"
#include "report/tables.hpp"

namespace outbreak::cli {

namespace {

struct PlanOptions {
  app::SupplyPlanRequest request;
  bool no_production = false;
  int64_t id = 0;
  std::string counts_file;
  std::string status;
  int64_t plan_filter = 0;
  int production_horizon_days = 14;
  bool confirm_stale = false;
};

void FormatOption(CLI::App* command, std::string& format) {
  command->add_option("--format", format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
}

int PrintShipment(const CliState& s, const supply::Shipment& shipment) {
  std::fputs(s.format == "json" ? report::JsonText(report::ShipmentJson(shipment)).c_str()
                                : report::RenderShipmentText(shipment).c_str(),
             stdout);
  return 0;
}

// medicine,lot,received[,loss_reason,temperature_excursion]: what was counted on arrival.
Result<std::vector<supply::ReceivedCount>> ParseCountsCsv(std::string_view text,
                                                          std::string_view source) {
  CsvRows rows(text, source);
  if (Status s =
          rows.Header({"medicine", "lot", "received"}, {"loss_reason", "temperature_excursion"});
      !s.ok()) {
    return s;
  }
  std::vector<supply::ReceivedCount> out;
  while (rows.Next()) {
    supply::ReceivedCount count;
    count.medicine = std::string(rows.Field("medicine"));
    if (count.medicine.empty()) rows.Error("medicine", "", "is empty");
    count.lot = std::string(rows.Field("lot"));
    if (count.lot.empty()) rows.Error("lot", "", "is empty");
    count.received = rows.Count("received");
    count.loss_reason = std::string(rows.Field("loss_reason"));
    count.temperature_excursion = rows.Flag("temperature_excursion");
    out.push_back(std::move(count));
  }
  if (Status s = rows.Finish(); !s.ok()) return s;
  return out;
}

// A shipment step on ID: opens the services, runs `step`, prints the shipment.
template <typename Step>
void OnShipment(CLI::App* command, CliState& s, std::shared_ptr<PlanOptions> o, Step step) {
  command->add_option("ID", o->id, "Shipment number")->required()->check(CLI::PositiveNumber);
  FormatOption(command, s.format);
  command->callback([&s, o, step] {
    s.action = [&s, o, step] {
      auto services = OpenSupplyServices(s);
      if (!services.ok()) return Fail(services.status());
      Result<supply::Shipment> shipment = step(*services->supply, *o);
      if (!shipment.ok()) return Fail(shipment.status());
      return PrintShipment(s, *shipment);
    };
  });
}

}  // namespace

void AddSupplyPlanCommands(CLI::App& supply_app, CliState& s) {
  CLI::App* supply = &supply_app;
  auto o = std::make_shared<PlanOptions>();

  CLI::App* shipments = supply->add_subcommand(
      "shipments",
      "Shipments between nodes: planned -> approved -> dispatched -> received, or cancelled");
  shipments->require_subcommand(1);
  AddSupplyBulkCommands(*supply, *shipments, s);

  CLI::App* create = shipments->add_subcommand(
      "create",
      "Plan shipments from a JSON file, the body of POST /api/v1/supply/shipments: "
      "{\"shipments\": [{\"from\", \"to\", \"ship_day\", \"arrival_day\", \"reserve_order\", "
      "\"note\", \"lines\": [{\"medicine\", \"quantity\"}]}]} or one shipment. All or nothing.");
  create->add_option("FILE", s.file, "Shipments JSON file")->required();
  create->callback([&s] {
    s.action = [&s] {
      auto services = OpenSupplyServices(s);
      if (!services.ok()) return Fail(services.status());
      Result<std::string> text = app::ReadFileText(s.file);
      if (!text.ok()) return Fail(text.status());
      auto body = http::ParseShipmentsBody(*text);
      if (!body.ok()) {
        Status status = body.status();
        return Fail(Status(status.code(), s.file + ": " + status.message(),
                           std::vector<std::string>(status.details())));
      }
      auto ids = services->supply->CreateShipments(body->items, {s.user, body->reason, s.file});
      if (!ids.ok()) return Fail(ids.status());
      for (int64_t id : *ids) {
        std::printf("shipment %lld planned: `outbreak supply shipments approve %lld`\n",
                    static_cast<long long>(id), static_cast<long long>(id));
      }
      return 0;
    };
  });

  CLI::App* list = shipments->add_subcommand(
      "list", "Shipments from or to the nodes under a region, newest first");
  list->add_option("--region", s.region, "Region code (default: the whole country)");
  list->add_option("--status", o->status, "Only this status")
      ->check(CLI::IsMember({"planned", "approved", "dispatched", "received", "cancelled"}));
  list->add_option("--plan", o->plan_filter, "Only the shipments of this plan")
      ->check(CLI::PositiveNumber);
  FormatOption(list, s.format);
  list->callback([&s, o] {
    s.action = [&s, o] {
      auto services = OpenSupplyServices(s);
      if (!services.ok()) return Fail(services.status());
      store::ShipmentQuery query;
      query.status = o->status;
      query.plan_id = o->plan_filter;
      query.limit = 100'000;
      auto found = services->supply->Shipments(s.RegionOr(*services->surveillance), query);
      if (!found.ok()) return Fail(found.status());
      boost::json::array items;
      for (const supply::Shipment& shipment : *found)
        items.push_back(report::ShipmentJson(shipment));
      std::fputs(s.format == "json"
                     ? report::JsonText(boost::json::object{{"shipments", items}}).c_str()
                     : report::RenderShipmentsText(*found).c_str(),
                 stdout);
      return 0;
    };
  });

  OnShipment(shipments->add_subcommand("show", "One shipment: lines, lots and custody"), s, o,
             [](app::SupplyService& service, PlanOptions& options) {
               return service.FindShipment(options.id);
             });
  CLI::App* approve = shipments->add_subcommand("approve", "Approve a planned shipment");
  approve->add_option("--reason", s.reason, "Kept as the step's note");
  OnShipment(approve, s, o, [&s](app::SupplyService& service, PlanOptions& options) {
    return service.Approve(options.id, {s.user, s.reason, "cli"});
  });
  CLI::App* cancel =
      shipments->add_subcommand("cancel", "Cancel a planned or approved shipment, with a reason");
  cancel->add_option("--reason", s.reason, "Why it is cancelled")->required();
  OnShipment(cancel, s, o, [&s](app::SupplyService& service, PlanOptions& options) {
    return service.Cancel(options.id, {s.user, s.reason, "cli"});
  });
  CLI::App* dispatch = shipments->add_subcommand(
      "dispatch",
      "Dispatch an approved shipment: its stock leaves the sender, lots first expiry first out");
  dispatch
      ->add_option("--day", s.date,
                   "Day it leaves (default: its planned ship day, or today if that is ahead)")
      ->check(DateValidator());
  OnShipment(dispatch, s, o, [&s](app::SupplyService& service, PlanOptions& options) {
    std::optional<Date> day;
    if (!s.date.empty()) day = Date::Parse(s.date);
    return service.Dispatch(options.id, day, {s.user, s.reason, "cli"});
  });
  CLI::App* receive = shipments->add_subcommand(
      "receive",
      "Sign for a dispatched shipment with what was counted of each lot sent, from CSV: "
      "medicine,lot,received[,loss_reason,temperature_excursion]. A shortfall needs a "
      "loss_reason.");
  receive->add_option("--counts", o->counts_file, "Counts CSV file")->required();
  receive
      ->add_option("--day", s.date,
                   "Day it arrived (default: its expected arrival day, or today if that is ahead)")
      ->check(DateValidator());
  OnShipment(
      receive, s, o,
      [&s](app::SupplyService& service, PlanOptions& options) -> Result<supply::Shipment> {
        Result<std::string> text = app::ReadFileText(options.counts_file);
        if (!text.ok()) return text.status();
        auto counts = ParseCountsCsv(*text, options.counts_file);
        if (!counts.ok()) return counts.status();
        std::optional<Date> day;
        if (!s.date.empty()) day = Date::Parse(s.date);
        return service.Receive(options.id, day, *counts, {s.user, s.reason, options.counts_file});
      });

  CLI::App* plan = supply->add_subcommand(
      "plan",
      "Plan the distribution of medicines over the days ahead: every node's expected need met as "
      "fully, as fairly and as early as the stock allows, without the reserve unless "
      "--draw-reserve. Stores the plan as proposed and prints it (docs/supply.md).");
  plan->add_option("--region", s.region, "Plan for the nodes under this region (default: all)");
  plan->add_option("--as-of", s.as_of, "Plan from the data of this day (default: the latest)")
      ->check(DateValidator());
  plan->add_option("--horizon", o->request.horizon_days, "Days ahead, 1 to 28")
      ->check(CLI::Range(1, 28))
      ->capture_default_str();
  plan->add_flag("--draw-reserve", o->request.draw_reserve,
                 "A headquarters order: the reserve may be shipped and used");
  plan->add_flag("--no-production", o->no_production,
                 "Leave out the production plan's output at the factories");
  FormatOption(plan, s.format);
  plan->callback([&s, o] {
    s.action = [&s, o] {
      auto services = OpenSupplyServices(s);
      if (!services.ok()) return Fail(services.status());
      o->request.within = s.region;
      if (!s.as_of.empty()) o->request.as_of = Date::Parse(s.as_of);
      o->request.include_production = !o->no_production;
      auto result = services->supply->Plan(o->request, {s.user, s.reason, "cli"});
      if (!result.ok()) return Fail(result.status());
      const boost::json::object document = report::SupplyPlanDocument(result->record);
      if (s.format == "json") {
        std::fputs(report::JsonText(document).c_str(), stdout);
        return 0;
      }
      std::fputs(report::RenderSupplyPlanText(document).c_str(), stdout);
      std::printf(
          "\nsupply plan %lld is proposed: `outbreak supply adopt %lld` makes its "
          "shipments\n",
          static_cast<long long>(result->record.id), static_cast<long long>(result->record.id));
      return 0;
    };
  });

  CLI::App* plans = supply->add_subcommand("plans", "The stored distribution plans, newest first");
  FormatOption(plans, s.format);
  plans->callback([&s] {
    s.action = [&s] {
      auto services = OpenSupplyServices(s);
      if (!services.ok()) return Fail(services.status());
      auto list = services->supply->Plans();
      if (!list.ok()) return Fail(list.status());
      boost::json::array items;
      for (const store::SupplyPlanRecord& plan : *list)
        items.push_back(report::SupplyPlanDocument(plan));
      std::fputs(s.format == "json"
                     ? report::JsonText(boost::json::object{{"plans", items}}).c_str()
                     : report::RenderSupplyPlanListText(items).c_str(),
                 stdout);
      return 0;
    };
  });

  CLI::App* show = supply->add_subcommand("plan-show", "One distribution plan as it was made");
  show->add_option("PLAN_ID", o->id, "Plan number")->required()->check(CLI::PositiveNumber);
  FormatOption(show, s.format);
  show->callback([&s, o] {
    s.action = [&s, o] {
      auto services = OpenSupplyServices(s);
      if (!services.ok()) return Fail(services.status());
      auto found = services->supply->FindPlan(o->id);
      if (!found.ok()) return Fail(found.status());
      const boost::json::object document = report::SupplyPlanDocument(*found);
      std::fputs(s.format == "json" ? report::JsonText(document).c_str()
                                    : report::RenderSupplyPlanText(document).c_str(),
                 stdout);
      return 0;
    };
  });

  CLI::App* adopt = supply->add_subcommand(
      "adopt",
      "Adopt a proposed distribution plan: its shipments are created as planned, and the adopted "
      "plans of its scope and the scopes under it are superseded (their shipments not yet "
      "dispatched are cancelled). A plan whose data changed since it was made needs "
      "--confirm-stale");
  adopt->add_option("PLAN_ID", o->id, "Plan number")->required()->check(CLI::PositiveNumber);
  adopt->add_option("--reason", s.reason, "Recorded in the audit trail");
  adopt->add_flag("--confirm-stale", o->confirm_stale,
                  "Adopt although reports, stock, shipments or the network changed since");
  adopt->callback([&s, o] {
    s.action = [&s, o] {
      auto services = OpenSupplyServices(s);
      if (!services.ok()) return Fail(services.status());
      auto outcome = services->supply->Adopt(o->id, o->confirm_stale, {s.user, s.reason, "cli"});
      if (!outcome.ok()) return Fail(outcome.status());
      std::printf(
          "supply plan %lld adopted: %zu shipment(s) planned (`outbreak supply shipments "
          "list --plan %lld`)\n",
          static_cast<long long>(o->id), outcome->created.size(), static_cast<long long>(o->id));
      for (int64_t old : outcome->superseded) {
        std::printf("supply plan %lld superseded\n", static_cast<long long>(old));
      }
      if (!outcome->cancelled.empty()) {
        std::printf("%zu shipment(s) of superseded plans not yet dispatched were cancelled\n",
                    outcome->cancelled.size());
      }
      if (!outcome->topped_up.empty()) {
        std::printf("%zu order(s) not yet dispatched on the plan's lines were raised\n",
                    outcome->topped_up.size());
      }
      if (outcome->stale_changes > 0) {
        std::printf("adopted although %lld change(s) since the plan was made (confirmed)\n",
                    static_cast<long long>(outcome->stale_changes));
      }
      return 0;
    };
  });

  CLI::App* production = supply->add_subcommand(
      "production",
      "The production plan: what each factory should make each day so that the forecast need "
      "is met on time and the reserve reaches its target, and what capacity cannot cover");
  production->add_option("--as-of", s.as_of, "Plan from the data of this day (default: the latest)")
      ->check(DateValidator());
  production->add_option("--horizon", o->production_horizon_days, "Days ahead, 1 to 28")
      ->check(CLI::Range(1, 28))
      ->capture_default_str();
  FormatOption(production, s.format);
  production->callback([&s, o] {
    s.action = [&s, o] {
      auto services = OpenSupplyServices(s);
      if (!services.ok()) return Fail(services.status());
      std::optional<Date> as_of;
      if (!s.as_of.empty()) as_of = Date::Parse(s.as_of);
      auto result = services->supply->Production(as_of, o->production_horizon_days);
      if (!result.ok()) return Fail(result.status());
      const report::ProductionContext context{result->as_of,         result->as_of + 1,
                                              result->horizon_days,  result->basis,
                                              result->factory_codes, result->medicine_codes};
      std::fputs(s.format == "json"
                     ? report::JsonText(report::ProductionJson(result->plan, context)).c_str()
                     : report::RenderProductionText(result->plan, context).c_str(),
                 stdout);
      return 0;
    };
  });
}

}  // namespace outbreak::cli
