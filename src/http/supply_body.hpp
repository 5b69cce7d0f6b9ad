#pragma once
// Reading the JSON bodies of the supply's movements, shipments, steps and plans into domain
// values (the reference tables are read from their declarations, supply_records.hpp), with every
// field checked and every mistake named as `where.field: reason` (`movements[2].quantity: -3 must
// be more than 0`), all at once. A list body is {"<list>": [...], "reason": ...} or one item alone.
//
// Only the shape of the input is checked here; whether a medicine, node or lot exists is the
// service's (and the handler's, for the scope check).

#include <optional>
#include <string>
#include <vector>

#include "app/supply_service.hpp"
#include "core/date.hpp"
#include "core/status.hpp"
#include "record/record_json.hpp"
#include "supply/medicine.hpp"
#include "supply/shipment.hpp"
#include "supply/stock_ledger.hpp"
#include "supply/supply_csv.hpp"
#include "supply/supply_network.hpp"
#include "supply/supply_records.hpp"

namespace outbreak::http {

template <typename T>
using BodyList = record::Batch<T>;

// {"movements": [{day, node, medicine, kind, quantity, lot, expiry, maker, reason}],
//  "draw_reserve": bool, "reason": ...}. A movement that gives an `expiry` brings in a new lot.
struct LedgerBody {
  std::vector<supply::Lot> new_lots;
  std::vector<supply::PostRequest> requests;  // draw_reserve set on each from the body
  bool draw_reserve = false;
  std::string reason;
};
Result<LedgerBody> ParseLedgerBody(const std::string& body);

// {"shipments": [{from, to, ship_day, arrival_day, reserve_order, note, lines: [{medicine,
// quantity}]}]} or one shipment alone. arrival_day defaults to ship_day.
Result<BodyList<supply::Shipment>> ParseShipmentsBody(const std::string& body);

// The body of a shipment's or a recall's step, read by its declaration (supply_records.hpp):
// approve {reason}, dispatch {day, reason}, cancel {reason!}, lift {day, reason!}; empty is {}.
using StepBody = supply::StepInput;
Result<StepBody> ParseStepBody(const std::string& body, bool allow_day, bool reason_required);

// A recall order: {"medicine": M, "lot": L, "reason": WHY, "day": D (optional)}.
using RecallBody = supply::RecallInput;
Result<RecallBody> ParseRecallBody(const std::string& body);

// A step for many shipments: {"step": "approve" | "dispatch" | "receive" | "cancel", "ids":
// [...] or a filter ("plan", "from", "to", "through"), "day", "reason"}.
struct BulkStepBody {
  supply::ShipmentStatus step = supply::ShipmentStatus::kApproved;
  app::ShipmentSelection selection;
  std::optional<Date> day;
  std::string reason;
};
Result<BulkStepBody> ParseBulkStepBody(const std::string& body);

// A plan's adoption: {"reason": ..., "confirm_stale": false}.
struct AdoptBody {
  std::string reason;
  bool confirm_stale = false;  // adopt although the plan's data changed since it was made
};
Result<AdoptBody> ParseAdoptBody(const std::string& body);

// {"day": ..., "counts": [{medicine, lot, received, loss_reason, temperature_excursion}]}.
struct ReceiptBody {
  std::optional<Date> day;
  std::vector<supply::ReceivedCount> counts;
};
Result<ReceiptBody> ParseReceiptBody(const std::string& body);

// {"within", "as_of", "horizon_days" (1 to 28), "draw_reserve", "include_production"}.
Result<app::SupplyPlanRequest> ParseSupplyPlanBody(const std::string& body);

// {"daily_capacity_units": N} or empty.
Result<int64_t> ParseDefaultLinksBody(const std::string& body);

}  // namespace outbreak::http
