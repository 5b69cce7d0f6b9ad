// SociSupplyStore: shipments with their lots and chain of custody, and distribution plans.

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>
#include <soci/soci.h>
#include <boost/json.hpp>

#include "store/soci_store.hpp"
#include "store/soci_supply_store.hpp"
#include "store/write_transaction.hpp"

namespace outbreak::store {

namespace {

using boost::json::object;

constexpr const char* kShipmentColumns =
    "id, from_node, to_node, status, ship_day, arrival_day, plan_id, reserve_order, note";

supply::Shipment ShipmentFromRow(const soci::row& row) {
  supply::Shipment s;
  s.id = IntegerAt(row, 0);
  s.from = row.get<std::string>(1);
  s.to = row.get<std::string>(2);
  s.status = supply::ParseShipmentStatus(row.get<std::string>(3))
                 .value_or(supply::ShipmentStatus::kPlanned);
  s.ship_day = DayAt(row, 4);
  s.arrival_day = DayAt(row, 5);
  s.plan_id = IntegerAt(row, 6);
  s.reserve_order = IntegerAt(row, 7) != 0;
  s.note = row.get<std::string>(8);
  return s;
}

}  // namespace

int64_t SociSupplyStore::InsertShipment(const supply::Shipment& shipment) {
  long long id = 0;
  const std::string status(supply::ShipmentStatusName(supply::ShipmentStatus::kPlanned));
  const int ship = shipment.ship_day.days_since_epoch();
  const int arrival = shipment.arrival_day.days_since_epoch();
  const long long plan = shipment.plan_id;
  const int reserve = shipment.reserve_order;
  session() << "INSERT INTO shipments (from_node, to_node, status, ship_day, arrival_day, plan_id,"
               " reserve_order, note) VALUES (:from, :to, :status, :ship, :arrival, :plan,"
               " :reserve, :note) RETURNING id",
      soci::use(shipment.from), soci::use(shipment.to), soci::use(status), soci::use(ship),
      soci::use(arrival), soci::use(plan), soci::use(reserve), soci::use(shipment.note),
      soci::into(id);
  for (const supply::ShipmentLine& line : shipment.lines) {
    const long long quantity = line.quantity;
    session() << "INSERT INTO shipment_lines (shipment_id, medicine, quantity) VALUES (:id,"
                 " :medicine, :quantity)",
        soci::use(id), soci::use(line.medicine), soci::use(quantity);
  }
  return id;
}

void SociSupplyStore::AppendCustody(int64_t id, const std::string& step,
                                    const WriteContext& context, const std::string& note) {
  const long long shipment = id;
  int seq = 0;
  soci::indicator indicator = soci::i_null;
  session() << "SELECT MAX(seq) FROM shipment_events WHERE shipment_id = :id", soci::use(shipment),
      soci::into(seq, indicator);
  const int next = indicator == soci::i_ok ? seq + 1 : 0;
  session() << "INSERT INTO shipment_events (shipment_id, seq, step, done_by, done_at, note)"
               " VALUES (:id, :seq, :step, :by, :at, :note)",
      soci::use(shipment), soci::use(next), soci::use(step), soci::use(context.user),
      soci::use(context.recorded_at), soci::use(note);
  InsertAuditRow(session(), {0, context.recorded_at, context.user, context.address,
                             "shipment." + step, fmt::format("shipment/{}", id), "",
                             boost::json::serialize(object{{"note", note}})});
}

Result<std::optional<supply::Shipment>> SociSupplyStore::LoadShipment(int64_t id) {
  const long long shipment_id = id;
  std::optional<supply::Shipment> out;
  {
    soci::rowset<soci::row> rows =
        (session().prepare << fmt::format("SELECT {} FROM shipments WHERE id = :id",
                                          kShipmentColumns),
         soci::use(shipment_id));
    for (const soci::row& row : rows) out = ShipmentFromRow(row);
  }
  if (!out) return out;
  soci::rowset<soci::row> lines =
      (session().prepare << "SELECT medicine, quantity FROM shipment_lines WHERE shipment_id = :id"
                            " ORDER BY medicine",
       soci::use(shipment_id));
  for (const soci::row& row : lines) {
    out->lines.push_back({row.get<std::string>(0), IntegerAt(row, 1)});
  }
  soci::rowset<soci::row> lots =
      (session().prepare << "SELECT medicine, lot, sent, received, lost, loss_reason,"
                            " temperature_excursion FROM shipment_lots WHERE shipment_id = :id"
                            " ORDER BY medicine, lot",
       soci::use(shipment_id));
  for (const soci::row& row : lots) {
    supply::ShipmentLot lot;
    lot.medicine = row.get<std::string>(0);
    lot.lot = row.get<std::string>(1);
    lot.sent = IntegerAt(row, 2);
    if (row.get_indicator(3) == soci::i_ok) lot.received = IntegerAt(row, 3);
    if (row.get_indicator(4) == soci::i_ok) lot.lost = IntegerAt(row, 4);
    if (row.get_indicator(5) == soci::i_ok) lot.loss_reason = row.get<std::string>(5);
    lot.temperature_excursion = IntegerAt(row, 6) != 0;
    out->lots.push_back(std::move(lot));
  }
  soci::rowset<soci::row> events =
      (session().prepare << "SELECT step, done_by, done_at, note FROM shipment_events"
                            " WHERE shipment_id = :id ORDER BY seq",
       soci::use(shipment_id));
  for (const soci::row& row : events) {
    out->custody.push_back({row.get<std::string>(0), row.get<std::string>(1),
                            row.get<std::string>(2), row.get<std::string>(3)});
  }
  return out;
}

Result<std::vector<int64_t>> SociSupplyStore::CreateShipments(
    std::span<const supply::Shipment> shipments, const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect_);
    std::vector<int64_t> ids;
    for (const supply::Shipment& shipment : shipments) {
      if (Status s = supply::ValidateNewShipment(shipment); !s.ok()) return s;
      const long long id = InsertShipment(shipment);
      AppendCustody(id, "planned", context, context.reason);
      ids.push_back(id);
    }
    transaction.Commit(ChangeKind::kSupply);
    return ids;
  } catch (const std::exception& error) {
    return DatabaseError("creating shipments", error);
  }
}

Result<std::optional<supply::Shipment>> SociSupplyStore::FindShipment(int64_t id) {
  try {
    return LoadShipment(id);
  } catch (const std::exception& error) {
    return DatabaseError("reading a shipment", error);
  }
}

Result<std::vector<supply::Shipment>> SociSupplyStore::ListShipments(const ShipmentQuery& query) {
  try {
    std::vector<long long> ids;
    FilteredQuery filter;
    if (!query.nodes.empty()) {
      filter.Where("(from_node IN (" + filter.List(query.nodes) + ") OR to_node IN (" +
                   filter.List(query.nodes) + "))");
    }
    if (!query.status.empty()) filter.Where("status = " + filter.Bind(query.status));
    if (query.plan_id != 0) filter.Where(fmt::format("plan_id = {}", query.plan_id));
    filter.Run(session(),
               fmt::format("SELECT id FROM shipments WHERE {} ORDER BY id DESC LIMIT {} OFFSET {}",
                           filter.Conditions(), query.limit, query.offset),
               [&](const soci::row& row) { ids.push_back(IntegerAt(row, 0)); });
    std::vector<supply::Shipment> out;
    for (long long id : ids) {
      auto shipment = LoadShipment(id);
      if (!shipment.ok()) return shipment.status();
      if (*shipment) out.push_back(std::move(**shipment));
    }
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("listing shipments", error);
  }
}

namespace {

// Moves a shipment to `to` if it is still in the status the step needs; kConflict otherwise.
Status MoveStatus(soci::session& session, const supply::Shipment& shipment,
                  supply::ShipmentStatus to) {
  if (Status s = supply::CheckTransition(shipment.id, shipment.status, to); !s.ok()) return s;
  const std::string next(supply::ShipmentStatusName(to));
  const std::string now(supply::ShipmentStatusName(shipment.status));
  const long long id = shipment.id;
  soci::statement update = (session.prepare << "UPDATE shipments SET status = :next WHERE id ="
                                               " :id AND status = :now",
                            soci::use(next), soci::use(id), soci::use(now));
  update.execute(true);
  if (update.get_affected_rows() != 1) {
    return Status::Conflict(fmt::format("shipment {} changed meanwhile; read it again", id));
  }
  return Status::Ok();
}

}  // namespace

Result<supply::Shipment> SociSupplyStore::StepLocked(int64_t id, supply::ShipmentStatus to,
                                                     const WriteContext& context,
                                                     const StepWork& work) {
  auto shipment = LoadShipment(id);
  if (!shipment.ok()) return shipment.status();
  if (!*shipment) return Status::NotFound(fmt::format("no shipment {}", id));
  if (Status s = supply::CheckTransition(id, (*shipment)->status, to); !s.ok()) return s;
  Result<std::string> note = work ? work(**shipment) : Result<std::string>(context.reason);
  if (!note.ok()) return note.status();
  if (Status s = MoveStatus(session(), **shipment, to); !s.ok()) return s;
  AppendCustody(id, std::string(supply::ShipmentStatusName(to)), context, *note);
  auto out = LoadShipment(id);
  if (!out.ok()) return out.status();
  return **out;
}

Result<supply::Shipment> SociSupplyStore::Step(int64_t id, supply::ShipmentStatus to,
                                               const WriteContext& context, std::string_view what,
                                               const StepWork& work) {
  try {
    WriteTransaction transaction(session(), dialect_);
    LockLedger();
    auto out = StepLocked(id, to, context, work);
    if (!out.ok()) return out.status();
    transaction.Commit(ChangeKind::kSupply);
    return out;
  } catch (const std::exception& error) {
    return DatabaseError(what, error);
  }
}

Result<supply::Shipment> SociSupplyStore::ApproveShipment(int64_t id, const WriteContext& context) {
  return Step(id, supply::ShipmentStatus::kApproved, context, "approving a shipment", {});
}

Result<supply::Shipment> SociSupplyStore::CancelShipment(int64_t id, const WriteContext& context) {
  return Step(id, supply::ShipmentStatus::kCancelled, context, "cancelling a shipment", {});
}

Result<std::string> SociSupplyStore::DispatchWork(const supply::Shipment& shipment, Date day,
                                                  bool draw_reserve, const WriteContext& context) {
  const int64_t id = shipment.id;
  std::vector<supply::PostRequest> requests;
  for (const supply::ShipmentLine& line : shipment.lines) {
    supply::PostRequest request;
    request.kind = supply::EntryKind::kTransferOut;
    request.node = shipment.from;
    request.medicine = line.medicine;
    request.quantity = line.quantity;
    request.day = day;
    request.reason = fmt::format("shipment {} to {}", id, shipment.to);
    request.shipment_id = id;
    request.draw_reserve = draw_reserve;
    // Only lots still usable on the day it is due to arrive.
    request.usable_through = day + (shipment.arrival_day - shipment.ship_day);
    requests.push_back(std::move(request));
  }
  auto entries = PostLocked(requests, context);
  if (!entries.ok()) return entries.status();
  // What left, by lot: the FEFO picks of the transfer-out entries.
  std::map<std::pair<std::string, std::string>, long long> sent;
  for (const supply::LedgerEntry& entry : *entries) {
    sent[{entry.medicine, entry.lot}] -= entry.quantity;
  }
  const long long shipment_id = id;
  for (const auto& [key, quantity] : sent) {
    session() << "INSERT INTO shipment_lots (shipment_id, medicine, lot, sent) VALUES (:id, :m,"
                 " :l, :sent)",
        soci::use(shipment_id), soci::use(key.first), soci::use(key.second), soci::use(quantity);
  }
  const int ship_day = day.days_since_epoch();
  // The planned transit time still holds from the day it actually left.
  const int arrival_day = ship_day + (shipment.arrival_day - shipment.ship_day);
  session() << "UPDATE shipments SET ship_day = :ship, arrival_day = :arrival WHERE id = :id",
      soci::use(ship_day), soci::use(arrival_day), soci::use(shipment_id);
  return context.reason;
}

Result<supply::Shipment> SociSupplyStore::DispatchShipment(int64_t id, Date day, bool draw_reserve,
                                                           const WriteContext& context) {
  auto work = [&](const supply::Shipment& shipment) {
    return DispatchWork(shipment, day, draw_reserve, context);
  };
  return Step(id, supply::ShipmentStatus::kDispatched, context, "dispatching a shipment", work);
}

Result<std::string> SociSupplyStore::ReceiveWork(const supply::Shipment& shipment, Date day,
                                                 const std::vector<supply::ReceivedCount>& counts,
                                                 const WriteContext& context) {
  const int64_t id = shipment.id;
  auto lots = supply::ApplyReceipt(shipment, counts);
  if (!lots.ok()) return lots.status();
  if (day < shipment.ship_day) {
    return Status::InvalidArgument(fmt::format("day: {} is before the shipment left on {}",
                                               day.ToString(), shipment.ship_day.ToString()));
  }
  std::vector<supply::PostRequest> requests;
  const long long shipment_id = id;
  int64_t lost = 0;
  for (const supply::ShipmentLot& lot : *lots) {
    const long long received = lot.received, lot_lost = lot.lost;
    const int excursion = lot.temperature_excursion;
    soci::indicator reason_ind = lot.loss_reason.empty() ? soci::i_null : soci::i_ok;
    session() << "UPDATE shipment_lots SET received = :received, lost = :lost, loss_reason ="
                 " :reason, temperature_excursion = :excursion WHERE shipment_id = :id AND"
                 " medicine = :m AND lot = :l",
        soci::use(received), soci::use(lot_lost), soci::use(lot.loss_reason, reason_ind),
        soci::use(excursion), soci::use(shipment_id), soci::use(lot.medicine), soci::use(lot.lot);
    lost += lot.lost;
    if (lot.received == 0) continue;
    supply::PostRequest request;
    request.kind = supply::EntryKind::kTransferIn;
    request.node = shipment.to;
    request.medicine = lot.medicine;
    request.lot = lot.lot;
    request.quantity = lot.received;
    request.day = day;
    request.reason = fmt::format("shipment {} from {}", id, shipment.from);
    request.shipment_id = id;
    requests.push_back(std::move(request));
  }
  if (!requests.empty()) {
    auto entries = PostLocked(requests, context);
    if (!entries.ok()) return entries.status();
  }
  const int arrival = day.days_since_epoch();
  session() << "UPDATE shipments SET arrival_day = :day WHERE id = :id", soci::use(arrival),
      soci::use(shipment_id);
  return lost > 0 ? fmt::format("{} unit(s) lost in transit, signed by {}", lost, context.user)
                  : context.reason;
}

Result<supply::Shipment> SociSupplyStore::ReceiveShipment(
    int64_t id, Date day, const std::vector<supply::ReceivedCount>& counts,
    const WriteContext& context) {
  auto work = [&](const supply::Shipment& shipment) {
    return ReceiveWork(shipment, day, counts, context);
  };
  return Step(id, supply::ShipmentStatus::kReceived, context, "receiving a shipment", work);
}

Result<std::vector<supply::Shipment>> SociSupplyStore::StepShipments(const BulkStep& step,
                                                                     const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect_);
    LockLedger();
    std::vector<supply::Shipment> out;
    for (int64_t id : step.ids) {
      StepWork work;
      if (step.to == supply::ShipmentStatus::kDispatched) {
        work = [&](const supply::Shipment& shipment) {
          return DispatchWork(shipment, step.day.value_or(std::min(shipment.ship_day, step.today)),
                              shipment.reserve_order, context);
        };
      } else if (step.to == supply::ShipmentStatus::kReceived) {
        work = [&](const supply::Shipment& shipment) {
          std::vector<supply::ReceivedCount> counts;
          for (const supply::ShipmentLot& lot : shipment.lots) {
            counts.push_back({lot.medicine, lot.lot, lot.sent, "", false});
          }
          return ReceiveWork(shipment,
                             step.day.value_or(std::min(shipment.arrival_day, step.today)), counts,
                             context);
        };
      }
      auto moved = StepLocked(id, step.to, context, work);
      if (!moved.ok()) {
        return Status(moved.status().code(), fmt::format("shipment {}: {}; nothing was written", id,
                                                         moved.status().message()));
      }
      out.push_back(std::move(*moved));
    }
    transaction.Commit(ChangeKind::kSupply);
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("taking a step for many shipments", error);
  }
}

Result<std::vector<supply::Shipment>> SociSupplyStore::ShipmentsWithLot(const std::string& medicine,
                                                                        const std::string& lot) {
  try {
    std::vector<long long> ids;
    soci::rowset<soci::row> rows =
        (session().prepare << "SELECT DISTINCT shipment_id FROM shipment_lots WHERE medicine = :m"
                              " AND lot = :l ORDER BY shipment_id",
         soci::use(medicine), soci::use(lot));
    for (const soci::row& row : rows) ids.push_back(IntegerAt(row, 0));
    std::vector<supply::Shipment> out;
    for (long long id : ids) {
      auto shipment = LoadShipment(id);
      if (!shipment.ok()) return shipment.status();
      if (*shipment) out.push_back(std::move(**shipment));
    }
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("finding the shipments of a lot", error);
  }
}

}  // namespace outbreak::store
