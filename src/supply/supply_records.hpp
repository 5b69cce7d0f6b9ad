#pragma once
// The supply's reference records as they come from outside, each declared once (record.hpp): the
// medicine catalogue, treatment protocols, network nodes and links, reserve floors and factory
// capacities; and the movements posted to the stock ledger. Their CSV files, request bodies, JSON
// and API schema are all derived from these.

#include <optional>
#include <string>
#include "record/record.hpp"

#include "supply/medicine.hpp"
#include "supply/shipment.hpp"
#include "supply/stock_ledger.hpp"
#include "supply/supply_network.hpp"

namespace outbreak::supply {

const record::Record<Medicine>& MedicineRecord();
const record::Record<TreatmentProtocol>& ProtocolRecord();
const record::Record<SupplyNode>& NodeRecord();
const record::Record<SupplyLink>& LinkRecord();
const record::Record<NodeReserveFloor>& ReserveFloorRecord();
const record::Record<FactoryCapacity>& CapacityRecord();

// One line of a ledger file or body: a movement to post, and for a lot it brings in, the lot's
// expiry and maker.
struct MovementLine {
  Date day;
  std::string node;
  std::string medicine;
  EntryKind kind = EntryKind::kReceipt;
  int64_t quantity = 0;  // more than 0; an adjustment's signed change
  std::string lot;
  std::optional<Date> expiry;  // given: the line brings in a new lot
  std::string maker;
  std::string reason;
  std::string movement;  // the movement's identity (PostRequest::movement); may be empty
};
const record::Record<MovementLine>& MovementRecord();

// A shipment made by hand and its lines (a medicine and its units): from, to, the ship day, the
// arrival day (the ship day when not given), a reserve order, a note.
const record::Record<ShipmentLine>& ShipmentLineRecord();
const record::Record<Shipment>& ShipmentRecord();

// A step of a shipment or of a recall as a request gives it: the day it happened (when the step
// takes one; the planned day or today when not given) and why.
struct StepInput {
  std::optional<Date> day;
  std::string reason;
};
const record::Record<StepInput>& ApproveRecord();   // {reason}
const record::Record<StepInput>& DispatchRecord();  // {day, reason}
const record::Record<StepInput>& CancelRecord();    // {reason}, the reason required
const record::Record<StepInput>& LiftRecord();      // {day, reason}, the reason required

// A recall order: a lot of a medicine stopped everywhere from a day (today when not given).
struct RecallInput {
  std::string medicine;
  std::string lot;
  std::string reason;
  std::optional<Date> day;
};
const record::Record<RecallInput>& RecallRecord();

}  // namespace outbreak::supply
