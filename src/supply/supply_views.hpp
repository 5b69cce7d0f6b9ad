#pragma once
// What the supply reads answer: stock on hand, days of cover, demand and a lot recall. Plain
// values, filled by the app and rendered by report/supply_render.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "supply/shipment.hpp"
#include "supply/stock_ledger.hpp"
#include "supply/supply_network.hpp"

namespace outbreak::supply {

// One medicine at one node on a day.
struct StockLine {
  SupplyNode node;
  std::string medicine;
  int64_t on_hand = 0;           // every lot
  int64_t usable = 0;            // lots not expired on the day
  std::vector<LotBalance> lots;  // first expiry first
};

struct StockReport {
  std::string region;
  Date as_of;
  std::vector<StockLine> lines;  // by node code, then medicine
};

enum class CoverStatus { kNoNeed, kBelowMinimum, kWithin, kAboveMaximum };
std::string_view CoverStatusName(CoverStatus status);

struct CoverLine {
  SupplyNode node;
  std::string medicine;
  int64_t usable = 0;
  double need_per_day = 0;    // expected need of the region the node serves, units/day
  double issued_per_day = 0;  // issued to patients at the node over the last 7 days, units/day
  double cover_days = 0;      // usable / need (or / issued when no need is expected)
  double min_days = 0;
  double max_days = 0;
  CoverStatus status = CoverStatus::kNoNeed;
};

struct CoverReport {
  std::string region;
  Date as_of;
  std::string basis;  // where the need came from: the forecast or the recent trend
  std::vector<CoverLine> lines;
  int64_t below_minimum = 0;
};

// Expected need of one medicine in one reporting region over the days ahead.
struct DemandLine {
  std::string region;
  std::string medicine;
  std::vector<double> need_per_day;  // units, day 1 … horizon after as_of
  double total = 0;
};

struct DemandReport {
  std::string region;
  Date as_of;
  int horizon_days = 0;
  std::string basis;
  std::vector<DemandLine> lines;
};

// A headquarters order that stops a lot: from it until it is lifted, the lot is neither issued
// nor shipped anywhere (StockBook::SetRecalled); it may be written off.
struct LotRecall {
  int64_t id = 0;  // assigned by the store
  std::string medicine;
  std::string lot;
  Date day;  // the day of the order
  std::string reason;
  std::string ordered_by;
  std::string ordered_at;
  std::optional<Date> lifted_day;  // set once lifted
  std::string lifted_by;
  std::string lift_reason;

  bool active() const { return !lifted_day.has_value(); }
};

// A lot's units on one shipment still on the way (dispatched, not yet received).
struct LotInTransit {
  int64_t shipment_id = 0;
  std::string from;
  std::string to;
  Date arrival_day;
  int64_t units = 0;
};

// Where a lot is: every node holding it, every unit of it on the way, every shipment that carried
// it, and its recall with how far it has gone.
struct RecallReport {
  Lot lot;
  std::vector<StockRow> holders;
  std::vector<LotInTransit> in_transit;
  std::vector<Shipment> shipments;
  int64_t units_held = 0;
  int64_t units_in_transit = 0;
  std::optional<LotRecall> recall;    // the latest order, active or lifted
  std::vector<StockRow> written_off;  // per node: losses, expiries and downward counts since it
  int64_t units_written_off = 0;      // their sum
};

}  // namespace outbreak::supply
