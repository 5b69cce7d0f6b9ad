#pragma once
// The supply's reference records as they come from outside, each declared once (record.hpp): the
// medicine catalogue, treatment protocols, network nodes and links, reserve floors and factory
// capacities. Their CSV files, request bodies, JSON and API schema are all derived from these.

#include "record/record.hpp"
#include "supply/medicine.hpp"
#include "supply/supply_network.hpp"

namespace outbreak::supply {

const record::Record<Medicine>& MedicineRecord();
const record::Record<TreatmentProtocol>& ProtocolRecord();
const record::Record<SupplyNode>& NodeRecord();
const record::Record<SupplyLink>& LinkRecord();
const record::Record<NodeReserveFloor>& ReserveFloorRecord();
const record::Record<FactoryCapacity>& CapacityRecord();

}  // namespace outbreak::supply
