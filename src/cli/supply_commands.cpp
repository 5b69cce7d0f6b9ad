// outbreak supply medicines | protocols | nodes | links | reserve | capacities | ledger | stock |
// cover | demand | recall (shipments, plans and production: supply_plan_commands.cpp)

#include <cstdio>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "app/file_text.hpp"
#include "app/open_store.hpp"
#include "app/supply_service.hpp"
#include "cli/cli_state.hpp"
#include "record/record_json.hpp"
#include "report/supply_render.hpp"
#include "report/tables.hpp"
#include "supply/supply_records.hpp"

namespace outbreak::cli {

namespace {

struct SupplyOptions {
  bool draw_reserve = false;
  int64_t capacity = 0;
  std::string node;
  std::string medicine;
  std::string lot;
  int horizon_days = 14;
  int64_t limit = 1000;
  bool order_recall = false;
  bool lift_recall = false;
};

std::optional<Date> OptionalDate(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return Date::Parse(text);
}

void FormatOption(CLI::App* command, std::string& format) {
  command->add_option("--format", format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
}

int Print(const std::string& format, const boost::json::value& json, const std::string& text) {
  std::fputs(format == "json" ? report::JsonText(json).c_str() : text.c_str(), stdout);
  return 0;
}

int PrintWrite(const std::string& what, const store::WriteCounts& counts) {
  std::printf("%s: %lld added, %lld updated, %lld unchanged\n", what.c_str(),
              static_cast<long long>(counts.added), static_cast<long long>(counts.updated),
              static_cast<long long>(counts.unchanged));
  return 0;
}

template <typename T, typename ToJson>
boost::json::object ListJson(const char* key, const std::vector<T>& items, ToJson to_json) {
  boost::json::array out;
  for (const T& item : items) out.push_back(to_json(item));
  return {{key, std::move(out)}};
}

using ImportFn = Result<store::WriteCounts> (app::SupplyService::*)(std::string_view,
                                                                    std::string_view,
                                                                    const app::Actor&);

// `outbreak supply WHAT import FILE`: the whole file or nothing, every mistake named.
void AddImport(CLI::App* parent, CliState& s, const std::string& columns, ImportFn import) {
  CLI::App* command = parent->add_subcommand(
      "import", "Add or replace by key from CSV: " + columns +
                    ". One bad row and nothing is imported; every error names line and field.");
  command->add_option("FILE", s.file, "CSV file")->required();
  command->callback([&s, import] {
    s.action = [&s, import] {
      auto services = OpenSupplyServices(s);
      if (!services.ok()) return Fail(services.status());
      Result<std::string> text = app::ReadFileText(s.file);
      if (!text.ok()) return Fail(text.status());
      auto result = ((*services->supply).*import)(*text, s.file, {s.user, s.reason, s.file});
      if (!result.ok()) return Fail(result.status());
      return PrintWrite(s.file, *result);
    };
  });
}

// `outbreak supply WHAT list`: `read` gives the JSON and the text.
template <typename Read>
CLI::App* AddList(CLI::App* parent, CliState& s, const std::string& help, Read read) {
  CLI::App* command = parent->add_subcommand("list", help);
  FormatOption(command, s.format);
  command->callback([&s, read] {
    s.action = [&s, read] {
      auto services = OpenSupplyServices(s);
      if (!services.ok()) return Fail(services.status());
      boost::json::object json;
      std::string text;
      if (Status status = read(*services, json, text); !status.ok()) return Fail(status);
      return Print(s.format, json, text);
    };
  });
  return command;
}

}  // namespace

Result<std::unique_ptr<app::SupplyService>> OpenSupply(const CliState& state,
                                                       const app::SurveillanceService& surveillance,
                                                       const app::AnalyticsService* analytics) {
  Result<std::unique_ptr<store::Store>> store = app::OpenStore(state.config.database);
  if (!store.ok()) return store.status();
  return std::make_unique<app::SupplyService>(std::move(*store), surveillance, analytics,
                                              state.clock);
}

Result<SupplyServices> OpenSupplyServices(CliState& state) {
  SupplyServices out;
  auto surveillance = state.Open();
  if (!surveillance.ok()) return surveillance.status();
  out.surveillance = std::move(*surveillance);
  out.analytics = std::make_unique<app::AnalyticsService>(*out.surveillance);
  auto supply = OpenSupply(state, *out.surveillance, out.analytics.get());
  if (!supply.ok()) return supply.status();
  out.supply = std::move(*supply);
  return out;
}

void AddSupplyCommands(CLI::App& app, CliState& s) {
  auto o = std::make_shared<SupplyOptions>();
  CLI::App* supply = app.add_subcommand(
      "supply",
      "Medicine supply: the catalogue, the network, the stock ledger, shipments, days of cover, "
      "distribution and production plans (docs/supply.md)");
  supply->require_subcommand(1);

  CLI::App* medicines = supply->add_subcommand("medicines", "The medicine catalogue");
  medicines->require_subcommand(1);
  AddImport(medicines, s, record::CsvColumns(supply::MedicineRecord()),
            &app::SupplyService::ImportMedicines);
  AddList(medicines, s, "The catalogue",
          [](SupplyServices& services, boost::json::object& json, std::string& text) -> Status {
            auto list = services.supply->Medicines();
            if (!list.ok()) return list.status();
            json = ListJson("medicines", *list, record::Renderer(supply::MedicineRecord()));
            text = report::RenderMedicinesText(*list);
            return Status::Ok();
          });

  CLI::App* protocols = supply->add_subcommand("protocols", "Treatment protocols");
  protocols->require_subcommand(1);
  AddImport(protocols, s, record::CsvColumns(supply::ProtocolRecord()),
            &app::SupplyService::ImportProtocols);
  AddList(protocols, s, "The protocols",
          [](SupplyServices& services, boost::json::object& json, std::string& text) -> Status {
            auto list = services.supply->Protocols();
            if (!list.ok()) return list.status();
            json = ListJson("protocols", *list, record::Renderer(supply::ProtocolRecord()));
            text = report::RenderProtocolsText(*list);
            return Status::Ok();
          });

  CLI::App* nodes = supply->add_subcommand("nodes", "Supply nodes: factories, bases, pharmacies");
  nodes->require_subcommand(1);
  AddImport(nodes, s, record::CsvColumns(supply::NodeRecord()), &app::SupplyService::ImportNodes);
  AddList(nodes, s, "The nodes serving the regions under a region",
          [&s](SupplyServices& services, boost::json::object& json, std::string& text) -> Status {
            auto list = services.supply->Nodes(s.RegionOr(*services.surveillance));
            if (!list.ok()) return list.status();
            json = ListJson("nodes", *list, record::Renderer(supply::NodeRecord()));
            text = report::RenderNodesText(*list);
            return Status::Ok();
          })
      ->add_option("--region", s.region, "Region code (default: the whole country)");

  CLI::App* links = supply->add_subcommand("links", "Links between nodes");
  links->require_subcommand(1);
  AddImport(links, s, record::CsvColumns(supply::LinkRecord()), &app::SupplyService::ImportLinks);
  AddList(links, s, "The links touching a node under a region",
          [&s](SupplyServices& services, boost::json::object& json, std::string& text) -> Status {
            auto list = services.supply->Links(s.RegionOr(*services.surveillance));
            if (!list.ok()) return list.status();
            json = ListJson("links", *list, record::Renderer(supply::LinkRecord()));
            text = report::RenderLinksText(*list);
            return Status::Ok();
          })
      ->add_option("--region", s.region, "Region code (default: the whole country)");
  CLI::App* default_links = links->add_subcommand(
      "default",
      "Link every node without a supplier to the nearest higher node in its region or above "
      "(factory, central base, provincial centre, county base, pharmacy)");
  default_links
      ->add_option("--capacity", o->capacity,
                   "Daily capacity of the links made, units (0: unlimited)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  default_links->callback([&s, o] {
    s.action = [&s, o] {
      auto services = OpenSupplyServices(s);
      if (!services.ok()) return Fail(services.status());
      auto result = services->supply->AddDefaultLinks(o->capacity, {s.user, s.reason, "cli"});
      if (!result.ok()) return Fail(result.status());
      return PrintWrite("default links", *result);
    };
  });

  CLI::App* reserve = supply->add_subcommand("reserve", "National reserve floors");
  reserve->require_subcommand(1);
  AddImport(reserve, s, record::CsvColumns(supply::ReserveFloorRecord()),
            &app::SupplyService::ImportReserve);
  AddList(reserve, s, "The reserve floors",
          [](SupplyServices& services, boost::json::object& json, std::string& text) -> Status {
            auto list = services.supply->Reserve();
            if (!list.ok()) return list.status();
            json = ListJson("reserve", *list, record::Renderer(supply::ReserveFloorRecord()));
            text = report::RenderReserveText(*list);
            return Status::Ok();
          });

  CLI::App* capacities = supply->add_subcommand("capacities", "Factory capacities");
  capacities->require_subcommand(1);
  AddImport(capacities, s, record::CsvColumns(supply::CapacityRecord()),
            &app::SupplyService::ImportCapacities);
  AddList(capacities, s, "What each factory can make per day",
          [](SupplyServices& services, boost::json::object& json, std::string& text) -> Status {
            auto list = services.supply->Capacities();
            if (!list.ok()) return list.status();
            json = ListJson("capacities", *list, record::Renderer(supply::CapacityRecord()));
            text = report::RenderCapacitiesText(*list);
            return Status::Ok();
          });

  CLI::App* ledger = supply->add_subcommand("ledger", "The stock ledger: post movements, list");
  ledger->require_subcommand(1);
  CLI::App* post = ledger->add_subcommand(
      "post",
      "Post movements from CSV: day,node,medicine,kind,quantity[,lot,expiry,maker,reason]; kind "
      "is receipt, production, issue, adjustment (signed), expiry or loss; a row with an expiry "
      "brings in a new lot. Stock never goes negative, expired lots are not issued, and nothing "
      "goes below a reserve floor without --draw-reserve. All or nothing.");
  post->add_option("FILE", s.file, "Movements CSV file")->required();
  post->add_flag("--draw-reserve", o->draw_reserve,
                 "A headquarters order: the movements may take stock below the reserve floor");
  post->add_option("--reason", s.reason, "Recorded in the audit trail");
  post->callback([&s, o] {
    s.action = [&s, o] {
      auto services = OpenSupplyServices(s);
      if (!services.ok()) return Fail(services.status());
      Result<std::string> text = app::ReadFileText(s.file);
      if (!text.ok()) return Fail(text.status());
      auto posted = services->supply->ImportLedger(*text, s.file, o->draw_reserve,
                                                   {s.user, s.reason, s.file});
      if (!posted.ok()) return Fail(posted.status());
      if (posted->entries.empty() && posted->unchanged > 0) {
        std::printf("%s: every movement was posted already (%lld); nothing was written\n",
                    s.file.c_str(), static_cast<long long>(posted->unchanged));
        return 0;
      }
      std::printf("%s: %zu ledger entr%s posted", s.file.c_str(), posted->entries.size(),
                  posted->entries.size() == 1 ? "y" : "ies");
      if (posted->unchanged > 0) {
        std::printf("; %lld movement(s) posted already, passed over",
                    static_cast<long long>(posted->unchanged));
      }
      std::printf("\n");
      return 0;
    };
  });
  CLI::App* ledger_list = ledger->add_subcommand("list", "Ledger entries, oldest first");
  ledger_list->add_option("--region", s.region, "Nodes under this region (default: all)");
  ledger_list->add_option("--node", o->node, "Only this node");
  ledger_list->add_option("--medicine", o->medicine, "Only this medicine");
  ledger_list->add_option("--lot", o->lot, "Only this lot");
  ledger_list->add_option("--from", s.from, "First day, included")->check(DateValidator());
  ledger_list->add_option("--to", s.to, "Last day, included")->check(DateValidator());
  ledger_list->add_option("--limit", o->limit, "At most this many entries")
      ->check(CLI::Range(int64_t{1}, int64_t{10'000'000}))
      ->capture_default_str();
  FormatOption(ledger_list, s.format);
  ledger_list->callback([&s, o] {
    s.action = [&s, o] {
      auto services = OpenSupplyServices(s);
      if (!services.ok()) return Fail(services.status());
      store::LedgerQuery query;
      if (!o->node.empty()) query.nodes.push_back(o->node);
      query.medicine = o->medicine;
      query.lot = o->lot;
      query.from = OptionalDate(s.from);
      query.to = OptionalDate(s.to);
      query.limit = o->limit;
      auto entries = services->supply->Ledger(s.RegionOr(*services->surveillance), query);
      if (!entries.ok()) return Fail(entries.status());
      return Print(s.format, ListJson("entries", *entries, report::LedgerEntryJson),
                   report::RenderLedgerText(*entries));
    };
  });

  CLI::App* stock = supply->add_subcommand(
      "stock", "Stock on hand at the nodes under a region, by medicine and lot");
  stock->add_option("--region", s.region, "Region code (default: the whole country)");
  stock->add_option("--as-of", s.as_of, "Day (default: the latest with data)")
      ->check(DateValidator());
  stock->add_option("--medicine", o->medicine, "Only this medicine");
  FormatOption(stock, s.format);
  stock->callback([&s, o] {
    s.action = [&s, o] {
      auto services = OpenSupplyServices(s);
      if (!services.ok()) return Fail(services.status());
      auto report = services->supply->Stock(s.RegionOr(*services->surveillance),
                                            OptionalDate(s.as_of), o->medicine);
      if (!report.ok()) return Fail(report.status());
      return Print(s.format, report::StockReportJson(*report), report::RenderStockText(*report));
    };
  });

  CLI::App* cover = supply->add_subcommand(
      "cover",
      "Days of cover at the nodes under a region: usable stock over the expected need, against "
      "the minimum and maximum for the node's kind");
  cover->add_option("--region", s.region, "Region code (default: the whole country)");
  cover->add_option("--as-of", s.as_of, "Day (default: the latest with data)")
      ->check(DateValidator());
  FormatOption(cover, s.format);
  cover->callback([&s] {
    s.action = [&s] {
      auto services = OpenSupplyServices(s);
      if (!services.ok()) return Fail(services.status());
      auto report =
          services->supply->Cover(s.RegionOr(*services->surveillance), OptionalDate(s.as_of));
      if (!report.ok()) return Fail(report.status());
      return Print(s.format, report::CoverReportJson(*report), report::RenderCoverText(*report));
    };
  });

  CLI::App* demand = supply->add_subcommand(
      "demand",
      "Expected need of each medicine in the reporting regions under a region, from the "
      "protocols and the forecast");
  demand->add_option("--region", s.region, "Region code (default: the whole country)");
  demand->add_option("--as-of", s.as_of, "Day (default: the latest with data)")
      ->check(DateValidator());
  demand->add_option("--horizon", o->horizon_days, "Days ahead, 1 to 28")
      ->check(CLI::Range(1, 28))
      ->capture_default_str();
  FormatOption(demand, s.format);
  demand->callback([&s, o] {
    s.action = [&s, o] {
      auto services = OpenSupplyServices(s);
      if (!services.ok()) return Fail(services.status());
      auto report = services->supply->Demand(s.RegionOr(*services->surveillance),
                                             OptionalDate(s.as_of), o->horizon_days);
      if (!report.ok()) return Fail(report.status());
      return Print(s.format, report::DemandReportJson(*report), report::RenderDemandText(*report));
    };
  });

  CLI::App* recall = supply->add_subcommand(
      "recall",
      "Where a lot is: every node holding it, its units on the way, every shipment that carried "
      "it, and its recall; with --order, stop the lot everywhere (neither issued nor dispatched) "
      "until --lift");
  recall->add_option("--medicine", o->medicine, "Medicine code")->required();
  recall->add_option("--lot", o->lot, "Lot number")->required();
  recall->add_flag("--order", o->order_recall,
                   "Order the lot recalled (national headquarters; needs --reason)");
  recall->add_flag("--lift", o->lift_recall,
                   "Lift the lot's active recall (national headquarters; needs --reason)");
  recall->add_option("--reason", s.reason, "Why the recall is ordered or lifted");
  recall->add_option("--day", s.as_of, "The day of the order (default: the latest reporting day)")
      ->check(DateValidator());
  FormatOption(recall, s.format);
  recall->callback([&s, o] {
    s.action = [&s, o] {
      if (o->order_recall && o->lift_recall) {
        return Fail(Status::InvalidArgument("give --order or --lift, not both"));
      }
      auto services = OpenSupplyServices(s);
      if (!services.ok()) return Fail(services.status());
      if (o->order_recall) {
        auto ordered = services->supply->OrderRecall(o->medicine, o->lot, OptionalDate(s.as_of),
                                                     s.reason, {s.user, s.reason, "cli"});
        if (!ordered.ok()) return Fail(ordered.status());
      } else if (o->lift_recall) {
        auto recalls = services->supply->Recalls();
        if (!recalls.ok()) return Fail(recalls.status());
        int64_t active = 0;
        for (const supply::LotRecall& recall : *recalls) {
          if (recall.active() && recall.medicine == o->medicine && recall.lot == o->lot) {
            active = recall.id;
          }
        }
        if (active == 0) {
          return Fail(Status::NotFound(
              fmt::format("lot {} of {} has no active recall to lift", o->lot, o->medicine)));
        }
        auto lifted = services->supply->LiftRecall(active, OptionalDate(s.as_of), s.reason,
                                                   {s.user, s.reason, "cli"});
        if (!lifted.ok()) return Fail(lifted.status());
      }
      auto report = services->supply->Recall(o->medicine, o->lot);
      if (!report.ok()) return Fail(report.status());
      return Print(s.format, report::RecallReportJson(*report), report::RenderRecallText(*report));
    };
  });

  AddSupplyPlanCommands(*supply, s);
}

}  // namespace outbreak::cli
