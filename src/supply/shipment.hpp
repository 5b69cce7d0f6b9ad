#pragma once
// Shipments between supply nodes and their chain of custody:
//
//   planned -> approved -> dispatched -> received
//   planned or approved -> cancelled
//
// Dispatch moves the stock out of the sending node (transfer-out entries, lots picked FEFO);
// receipt moves what was counted on arrival into the receiving node (transfer-in entries) and
// records any shortfall as a loss with a reason and the name of who signed for it, so that for
// every lot sent = received + lost. Each step records who took it and when.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/status.hpp"

namespace outbreak::supply {

enum class ShipmentStatus { kPlanned, kApproved, kDispatched, kReceived, kCancelled };

std::string_view ShipmentStatusName(ShipmentStatus status);
std::optional<ShipmentStatus> ParseShipmentStatus(std::string_view name);

// Whether a shipment may move from one status to the other; kConflict naming both otherwise.
Status CheckTransition(int64_t shipment_id, ShipmentStatus from, ShipmentStatus to);

// What a shipment is asked to carry.
struct ShipmentLine {
  std::string medicine;
  int64_t quantity = 0;  // units
};

// What left with it, by lot (filled at dispatch), and what arrived (filled at receipt).
struct ShipmentLot {
  std::string medicine;
  std::string lot;
  int64_t sent = 0;
  int64_t received = 0;
  int64_t lost = 0;
  std::string loss_reason;
  bool temperature_excursion = false;  // cold-chain lines: the logger showed an excursion
};

// One step of the chain of custody.
struct CustodyEvent {
  std::string step;  // "planned", "approved", "dispatched", "received", "cancelled"
  std::string by;
  std::string at;  // ISO 8601 UTC
  std::string note;
};

struct Shipment {
  int64_t id = 0;  // assigned by the store
  std::string from;
  std::string to;
  ShipmentStatus status = ShipmentStatus::kPlanned;
  Date ship_day;               // planned (then actual) day of dispatch
  Date arrival_day;            // expected (then actual) day of arrival
  int64_t plan_id = 0;         // the distribution plan it came from, 0 when made by hand
  bool reserve_order = false;  // a headquarters order that may draw on the reserve
  std::string note;
  std::vector<ShipmentLine> lines;
  std::vector<ShipmentLot> lots;
  std::vector<CustodyEvent> custody;
};

// What was counted on arrival for one lot of a shipment.
struct ReceivedCount {
  std::string medicine;
  std::string lot;
  int64_t received = 0;
  std::string loss_reason;  // required when received < sent
  bool temperature_excursion = false;
};

// Checks a new shipment: two different nodes, at least one line, quantities > 0, each medicine
// once, arrival not before dispatch.
Status ValidateNewShipment(const Shipment& shipment);

// Applies the counts to the lots that were sent: every lot counted exactly once, received <= sent,
// a reason for any shortfall. Returns the lots with received and lost filled in; the shipment is
// not changed on error.
Result<std::vector<ShipmentLot>> ApplyReceipt(const Shipment& shipment,
                                              const std::vector<ReceivedCount>& counts);

}  // namespace outbreak::supply
