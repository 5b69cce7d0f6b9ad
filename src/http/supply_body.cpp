#include "http/supply_body.hpp"

#include <cmath>
#include <set>
#include <string_view>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "http/body_fields.hpp"
#include "record/record_json.hpp"

namespace outbreak::http {

namespace {

namespace json = boost::json;
using Fields = BodyFields;

// The body's items (record::SplitBody), each read by Fields.
struct Items {
  Fields root;
  std::vector<Fields> items;
};

Result<Items> ReadItems(const std::string& body, const char* list,
                        const std::vector<std::string_view>& root_fields,
                        std::vector<std::string>& errors) {
  Result<record::BodyItems> split = record::SplitBody(body, list, root_fields, errors);
  if (!split.ok()) return split.status();
  Items out{Fields(std::move(split->root), "", errors), {}};
  for (size_t idx = 0; idx < split->items.size(); ++idx) {
    out.items.emplace_back(std::move(split->items[idx]), split->where[idx], errors);
  }
  return out;
}

Status Check(std::vector<std::string>& errors) { return record::BodyStatus(std::move(errors)); }

// Reads a list body with `read` for each item.
template <typename T, typename Read>
Result<BodyList<T>> ReadList(const std::string& body, const char* list, Read read) {
  std::vector<std::string> errors;
  Result<Items> items = ReadItems(body, list, {"reason"}, errors);
  if (!items.ok()) return items.status();
  BodyList<T> out;
  out.reason = items->root.String("reason", false);
  for (Fields& fields : items->items) out.items.push_back(read(fields));
  if (Status s = Check(errors); !s.ok()) return s;
  return out;
}

}  // namespace

Result<LedgerBody> ParseLedgerBody(const std::string& body) {
  supply::LedgerLines across;
  auto batch = record::ReadBody(supply::MovementRecord(), body, across.Checker(), {"draw_reserve"});
  if (!batch.ok()) return batch.status();
  LedgerBody out;
  out.reason = batch->reason;
  if (const json::value* draw = batch->root.if_contains("draw_reserve")) {
    if (!draw->is_bool() && !draw->is_null()) {
      return Status::InvalidArgument("draw_reserve: is not true or false");
    }
    out.draw_reserve = draw->is_bool() && draw->as_bool();
  }
  supply::LedgerFile ledger = supply::ToLedger(std::move(batch->items));
  out.new_lots = std::move(ledger.lots);
  out.requests = std::move(ledger.requests);
  for (supply::PostRequest& request : out.requests) {
    if (request.reason.empty()) request.reason = out.reason;
    request.draw_reserve = out.draw_reserve;
  }
  return out;
}

Result<BodyList<supply::Shipment>> ParseShipmentsBody(const std::string& body) {
  auto batch = record::ReadBody(supply::ShipmentRecord(), body);
  if (!batch.ok()) return batch.status();
  for (supply::Shipment& shipment : batch->items) {
    if (shipment.arrival_day == Date()) shipment.arrival_day = shipment.ship_day;
  }
  return batch;
}

Result<StepBody> ParseStepBody(const std::string& body, bool allow_day, bool reason_required) {
  const record::Record<supply::StepInput>& step =
      allow_day ? (reason_required ? supply::LiftRecord() : supply::DispatchRecord())
                : (reason_required ? supply::CancelRecord() : supply::ApproveRecord());
  return record::ReadOne(step, body);
}

Result<RecallBody> ParseRecallBody(const std::string& body) {
  return record::ReadOne(supply::RecallRecord(), body);
}

Result<AdoptBody> ParseAdoptBody(const std::string& body) {
  Result<json::object> parsed = ParseBodyObject(body);
  if (!parsed.ok()) return parsed.status();
  std::vector<std::string> errors;
  Fields f(std::move(*parsed), "", errors);
  f.OnlyKnown({"reason", "confirm_stale"});
  AdoptBody out;
  out.reason = f.String("reason", false);
  out.confirm_stale = f.Flag("confirm_stale");
  if (Status s = Check(errors); !s.ok()) return s;
  return out;
}

Result<BulkStepBody> ParseBulkStepBody(const std::string& body) {
  Result<json::object> parsed = ParseBodyObject(body);
  if (!parsed.ok()) return parsed.status();
  std::vector<std::string> errors;
  Fields f(std::move(*parsed), "", errors);
  f.OnlyKnown({"step", "ids", "plan", "from", "to", "through", "day", "reason"});
  BulkStepBody out;
  const std::string step = f.String("step", true);
  if (step == "approve") {
    out.step = supply::ShipmentStatus::kApproved;
  } else if (step == "dispatch") {
    out.step = supply::ShipmentStatus::kDispatched;
  } else if (step == "receive") {
    out.step = supply::ShipmentStatus::kReceived;
  } else if (step == "cancel") {
    out.step = supply::ShipmentStatus::kCancelled;
  } else if (!step.empty()) {
    f.Error("step", fmt::format("\"{}\" is not approve, dispatch, receive or cancel", step));
  }
  out.selection.ids = f.Ids("ids");
  out.selection.plan_id = f.Count("plan", false);
  out.selection.from = f.String("from", false);
  out.selection.to = f.String("to", false);
  out.selection.through = f.DateField("through", false);
  out.day = f.DateField("day", false);
  out.reason = f.String("reason", false);
  const bool filtered = out.selection.plan_id != 0 || !out.selection.from.empty() ||
                        !out.selection.to.empty() || out.selection.through.has_value();
  if (!out.selection.ids.empty() && filtered) {
    f.Error("ids", "name shipments or filter them (plan, from, to, through), not both");
  }
  if (out.selection.ids.empty() && !filtered) {
    f.Error("ids", "name the shipments, or filter them by plan, from, to or through");
  }
  if (Status s = Check(errors); !s.ok()) return s;
  return out;
}

Result<ReceiptBody> ParseReceiptBody(const std::string& body) {
  Result<json::object> parsed = ParseBodyObject(body);
  if (!parsed.ok()) return parsed.status();
  std::vector<std::string> errors;
  Fields f(std::move(*parsed), "", errors);
  f.OnlyKnown({"day", "counts"});
  ReceiptBody out;
  out.day = f.DateField("day", false);
  for (Fields& count : f.Objects("counts", true)) {
    count.OnlyKnown({"medicine", "lot", "received", "loss_reason", "temperature_excursion"});
    out.counts.push_back({count.String("medicine", true), count.String("lot", true),
                          count.Count("received", true), count.String("loss_reason", false),
                          count.Flag("temperature_excursion")});
  }
  if (Status s = Check(errors); !s.ok()) return s;
  return out;
}

Result<app::SupplyPlanRequest> ParseSupplyPlanBody(const std::string& body) {
  Result<json::object> parsed = ParseBodyObject(body);
  if (!parsed.ok()) return parsed.status();
  std::vector<std::string> errors;
  Fields f(std::move(*parsed), "", errors);
  f.OnlyKnown({"within", "as_of", "horizon_days", "draw_reserve", "include_production"});
  app::SupplyPlanRequest request;
  request.within = f.String("within", false);
  request.as_of = f.DateField("as_of", false);
  const size_t before = errors.size();
  const int64_t horizon = f.Integer("horizon_days", false);
  if (errors.size() == before && horizon != 0) {
    if (horizon < 1 || horizon > 28) {
      f.Error("horizon_days", fmt::format("{} is not a whole number from 1 to 28", horizon));
    } else {
      request.horizon_days = static_cast<int>(horizon);
    }
  }
  request.draw_reserve = f.Flag("draw_reserve");
  request.include_production = f.Flag("include_production", true);
  if (Status s = Check(errors); !s.ok()) return s;
  return request;
}

Result<int64_t> ParseDefaultLinksBody(const std::string& body) {
  Result<json::object> parsed = ParseBodyObject(body);
  if (!parsed.ok()) return parsed.status();
  std::vector<std::string> errors;
  Fields f(std::move(*parsed), "", errors);
  f.OnlyKnown({"daily_capacity_units"});
  const int64_t capacity = f.Count("daily_capacity_units", false);
  if (Status s = Check(errors); !s.ok()) return s;
  return capacity;
}

}  // namespace outbreak::http
