#include "supply/shipment.hpp"

#include <array>
#include <map>
#include <set>
#include <utility>

#include <fmt/format.h>

namespace outbreak::supply {

namespace {

constexpr std::array<std::pair<ShipmentStatus, std::string_view>, 5> kStatuses = {{
    {ShipmentStatus::kPlanned, "planned"},
    {ShipmentStatus::kApproved, "approved"},
    {ShipmentStatus::kDispatched, "dispatched"},
    {ShipmentStatus::kReceived, "received"},
    {ShipmentStatus::kCancelled, "cancelled"},
}};

}  // namespace

std::string_view ShipmentStatusName(ShipmentStatus status) {
  for (const auto& [candidate, name] : kStatuses) {
    if (candidate == status) return name;
  }
  return "planned";
}

std::optional<ShipmentStatus> ParseShipmentStatus(std::string_view name) {
  for (const auto& [status, candidate] : kStatuses) {
    if (candidate == name) return status;
  }
  return std::nullopt;
}

Status CheckTransition(int64_t shipment_id, ShipmentStatus from, ShipmentStatus to) {
  bool allowed = false;
  switch (to) {
    case ShipmentStatus::kApproved:
      allowed = from == ShipmentStatus::kPlanned;
      break;
    case ShipmentStatus::kDispatched:
      allowed = from == ShipmentStatus::kApproved;
      break;
    case ShipmentStatus::kReceived:
      allowed = from == ShipmentStatus::kDispatched;
      break;
    case ShipmentStatus::kCancelled:
      allowed = from == ShipmentStatus::kPlanned || from == ShipmentStatus::kApproved;
      break;
    case ShipmentStatus::kPlanned:
      allowed = false;
      break;
  }
  if (allowed) return Status::Ok();
  std::string why;
  if (from == ShipmentStatus::kCancelled) {
    why = "; it was cancelled";
  } else if (to == ShipmentStatus::kDispatched && from == ShipmentStatus::kPlanned) {
    why = "; approve it first";
  } else if (from == ShipmentStatus::kReceived) {
    why = "; it was received already";
  }
  return Status::Conflict(fmt::format("shipment {} is {}: it cannot be {}{}", shipment_id,
                                      ShipmentStatusName(from), ShipmentStatusName(to), why));
}

Status ValidateNewShipment(const Shipment& shipment) {
  std::vector<std::string> errors;
  if (shipment.from.empty()) errors.push_back("from: is empty");
  if (shipment.to.empty()) errors.push_back("to: is empty");
  if (!shipment.from.empty() && shipment.from == shipment.to) {
    errors.push_back(fmt::format("to: {} is the sending node itself", shipment.to));
  }
  if (shipment.lines.empty()) errors.push_back("lines: a shipment needs at least one line");
  if (shipment.arrival_day < shipment.ship_day) {
    errors.push_back(fmt::format("arrival_day: {} is before the ship day {}",
                                 shipment.arrival_day.ToString(), shipment.ship_day.ToString()));
  }
  std::set<std::string> medicines;
  for (size_t idx = 0; idx < shipment.lines.size(); ++idx) {
    const ShipmentLine& line = shipment.lines[idx];
    if (line.medicine.empty()) errors.push_back(fmt::format("lines[{}].medicine: is empty", idx));
    if (line.quantity <= 0) {
      errors.push_back(
          fmt::format("lines[{}].quantity: {} must be a whole number > 0", idx, line.quantity));
    }
    if (!medicines.insert(line.medicine).second) {
      errors.push_back(fmt::format("lines[{}].medicine: {} is listed twice", idx, line.medicine));
    }
  }
  if (errors.empty()) return Status::Ok();
  return Status::InvalidArgument(
      fmt::format("the shipment has {} error(s); nothing was saved", errors.size()),
      std::move(errors));
}

Result<std::vector<ShipmentLot>> ApplyReceipt(const Shipment& shipment,
                                              const std::vector<ReceivedCount>& counts) {
  if (shipment.status != ShipmentStatus::kDispatched) {
    if (Status s = CheckTransition(shipment.id, shipment.status, ShipmentStatus::kReceived);
        !s.ok()) {
      return s;
    }
  }
  std::map<std::pair<std::string, std::string>, const ReceivedCount*> by_lot;
  std::vector<std::string> errors;
  for (const ReceivedCount& count : counts) {
    if (!by_lot.emplace(std::make_pair(count.medicine, count.lot), &count).second) {
      errors.push_back(fmt::format("{} lot {}: counted twice", count.medicine, count.lot));
    }
  }
  std::vector<ShipmentLot> out = shipment.lots;
  for (ShipmentLot& lot : out) {
    auto found = by_lot.find({lot.medicine, lot.lot});
    if (found == by_lot.end()) {
      errors.push_back(
          fmt::format("{} lot {}: sent {}, not counted", lot.medicine, lot.lot, lot.sent));
      continue;
    }
    const ReceivedCount& count = *found->second;
    by_lot.erase(found);
    if (count.received < 0) {
      errors.push_back(
          fmt::format("{} lot {}: received {} is negative", lot.medicine, lot.lot, count.received));
      continue;
    }
    if (count.received > lot.sent) {
      errors.push_back(fmt::format("{} lot {}: received {} is more than the {} sent", lot.medicine,
                                   lot.lot, count.received, lot.sent));
      continue;
    }
    if (count.received < lot.sent && count.loss_reason.empty()) {
      errors.push_back(fmt::format("{} lot {}: {} of {} missing; a shortfall needs a loss_reason",
                                   lot.medicine, lot.lot, lot.sent - count.received, lot.sent));
      continue;
    }
    lot.received = count.received;
    lot.lost = lot.sent - count.received;
    lot.loss_reason = lot.lost > 0 ? count.loss_reason : std::string();
    lot.temperature_excursion = count.temperature_excursion;
  }
  for (const auto& [key, count] : by_lot) {
    errors.push_back(
        fmt::format("{} lot {}: was not sent on shipment {}", key.first, key.second, shipment.id));
  }
  if (!errors.empty()) {
    return Status::InvalidArgument(
        fmt::format("the receipt of shipment {} has {} error(s); nothing was recorded", shipment.id,
                    errors.size()),
        std::move(errors));
  }
  return out;
}

}  // namespace outbreak::supply
