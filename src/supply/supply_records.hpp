#pragma once
// The supply's reference records as they come from outside, each declared once (record.hpp): the
// medicine catalogue, treatment protocols, network nodes and links, reserve floors and factory
// capacities; and the movements posted to the stock ledger. Their CSV files, request bodies, JSON
// and API schema are all derived from these.

#include <optional>
#include <string>
#include "record/record.hpp"

#include "supply/medicine.hpp"
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

}  // namespace outbreak::supply
