#pragma once
// Renderers of the medicine supply: the catalogue, protocols, network, reserve floors and factory
// capacities, the ledger (supply_render.cpp); stock, days of cover, demand, a lot recall and
// shipments with their lots and custody (supply_stock_render.cpp); distribution plans and the
// production plan (supply_plan_render.cpp). Each as JSON (stable field names) and as a plain
// text table.
//
// A distribution plan is kept as the JSON document DistributionPlanJson builds when it is made,
// so that what is shown later is exactly what was planned; SupplyPlanDocument adds the stored
// plan's identity and state, and RenderSupplyPlanText renders that document.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "core/date.hpp"
#include "store/supply_store.hpp"
#include "supply/distribution_planner.hpp"
#include "supply/medicine.hpp"
#include "supply/production_planner.hpp"
#include "supply/shipment.hpp"
#include "supply/stock_ledger.hpp"
#include "supply/supply_csv.hpp"
#include "supply/supply_network.hpp"
#include "supply/supply_views.hpp"

namespace outbreak::report {

// Reference data.
std::string RenderMedicinesText(std::span<const supply::Medicine> medicines);
std::string RenderProtocolsText(std::span<const supply::TreatmentProtocol> protocols);
std::string RenderNodesText(std::span<const supply::SupplyNode> nodes);
std::string RenderLinksText(std::span<const supply::SupplyLink> links);
std::string RenderReserveText(std::span<const supply::NodeReserveFloor> floors);
std::string RenderCapacitiesText(std::span<const supply::FactoryCapacity> capacities);
// {"added", "updated", "unchanged"}
boost::json::object SupplyWriteJson(int64_t added, int64_t updated, int64_t unchanged);

// The ledger. A shipment id of 0 is rendered as null.
boost::json::object LedgerEntryJson(const supply::LedgerEntry& entry);
std::string RenderLedgerText(std::span<const supply::LedgerEntry> entries);

// Reads (supply_stock_render.cpp). An infinite cover (nothing needed) is null in JSON.
boost::json::object StockReportJson(const supply::StockReport& report);
std::string RenderStockText(const supply::StockReport& report);
boost::json::object CoverReportJson(const supply::CoverReport& report);
std::string RenderCoverText(const supply::CoverReport& report);
boost::json::object DemandReportJson(const supply::DemandReport& report);
std::string RenderDemandText(const supply::DemandReport& report);
boost::json::object RecallReportJson(const supply::RecallReport& report);
boost::json::object LotRecallJson(const supply::LotRecall& recall);
std::string RenderRecallText(const supply::RecallReport& report);

// Shipments: lines, lots with sent, received and lost, and the chain of custody.
boost::json::object ShipmentJson(const supply::Shipment& shipment);
std::string RenderShipmentText(const supply::Shipment& shipment);
// One line per shipment.
std::string RenderShipmentsText(std::span<const supply::Shipment> shipments);

// Distribution plans (supply_plan_render.cpp). `node_codes` and `medicine_codes` name the plan's
// indices; `first_day` is the plan's day 0. The document: first_day, method, method_reason, the
// LP's bound when one was solved, per medicine the supply, need and λ (the max-min fill rate, as
// a fraction and a number) with the lower levels' figures, the shipments with their dispatch and
// arrival dates, every (node, medicine) outcome with need, met on time and late, unmet and why,
// and the totals.
boost::json::object DistributionPlanJson(const supply::DistributionPlan& plan,
                                         const std::vector<std::string>& node_codes,
                                         const std::vector<std::string>& medicine_codes,
                                         Date first_day);
// The stored detail with the plan's identity and state added (empty adopted_* give null).
boost::json::object SupplyPlanDocument(const store::SupplyPlanRecord& plan);
std::string RenderSupplyPlanText(const boost::json::object& plan);
// One line per plan: {"id", "status", "scope", "as_of", "horizon_days", "created_at",
// "created_by"}.
std::string RenderSupplyPlanListText(const boost::json::array& plans);

// The production plan: per medicine the demand, required, capacity, planned, gaps and cover;
// the runs by factory and day; the variety gap.
struct ProductionContext {
  Date as_of;      // the data the plan was made from
  Date first_day;  // the plan's day 0
  int horizon_days = 0;
  std::string basis;  // where the demand came from
  std::vector<std::string> factory_codes;
  std::vector<std::string> medicine_codes;
};
boost::json::object ProductionJson(const supply::ProductionPlan& plan,
                                   const ProductionContext& context);
std::string RenderProductionText(const supply::ProductionPlan& plan,
                                 const ProductionContext& context);

}  // namespace outbreak::report
