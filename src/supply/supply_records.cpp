#include "supply/supply_records.hpp"

#include <fmt/format.h>

#include "record/record_json.hpp"

namespace outbreak::supply {

using access::Permission;
using record::Choice;
using record::Code;
using record::Day;
using record::DayAt;
using record::Flag;
using record::Number;
using record::Text;
using record::Whole;

// Days a medicine keeps, at most (a century).
constexpr int64_t kMaxShelfLifeDays = 36'500;
// Hours on a link, at most (30 days on the road).
constexpr double kMaxTransitHours = 24 * 30;
// Units of a medicine one patient takes a day, at most.
constexpr double kMaxUnitsPerDay = 1'000'000;

const record::Record<Medicine>& MedicineRecord() {
  static const record::Record<Medicine> kRecord{
      .schema = "Medicine",
      .list = "medicines",
      .about = "A medicine of the national catalogue",
      .fields =
          {
              Code("code", &Medicine::code).About("stable identifier, e.g. PARA-500"),
              Text("name", &Medicine::name).About("e.g. Paracetamol 500 mg tablet"),
              Text("name_local", &Medicine::name_local).Optional().About("the name in Korean"),
              Text("form", &Medicine::form).Optional().About("tablet, capsule, syrup, ..."),
              Text("unit", &Medicine::unit).About("what one unit of stock is: tablet, vial, ..."),
              Choice("category", &Medicine::category,
                     {MedicineCategory::kAntipyretic, MedicineCategory::kAntibiotic,
                      MedicineCategory::kAntiviral, MedicineCategory::kTraditionalKoryo,
                      MedicineCategory::kSupportive, MedicineCategory::kOther},
                     CategoryName),
              Flag("essential", &Medicine::essential).About("on the essential medicines list"),
              Flag("national_reserve", &Medicine::national_reserve)
                  .About("held in the national reserve"),
              Choice("storage", &Medicine::storage,
                     {StorageCondition::kAmbient, StorageCondition::kCool,
                      StorageCondition::kColdChain},
                     StorageName)
                  .Optional()
                  .About("ambient when not given"),
              Whole("shelf_life_days", &Medicine::shelf_life_days, 0, kMaxShelfLifeDays)
                  .Optional()
                  .Unit("days")
                  .About("from production to expiry; 0 when not known"),
          },
      .key = {"code"},
      .permission = Permission::kManageSupply,
      .national = true,
  };
  return kRecord;
}

const record::Record<TreatmentProtocol>& ProtocolRecord() {
  static const record::Record<TreatmentProtocol> kRecord{
      .schema = "Protocol",
      .list = "protocols",
      .about = "A share of the patients of a case type take units of a medicine a day for days",
      .fields =
          {
              Code("case_type", &TreatmentProtocol::case_type)
                  .About("fever (every person under treatment), severe, ..."),
              Code("medicine", &TreatmentProtocol::medicine).About("medicine code"),
              Number("share", &TreatmentProtocol::share, 0, 1, /*above_min=*/true)
                  .Optional()
                  .About("of the patients of the case type; 1 when not given"),
              Number("units_per_day", &TreatmentProtocol::units_per_day, 0, kMaxUnitsPerDay,
                     /*above_min=*/true)
                  .Unit("units a day"),
              Whole("days", &TreatmentProtocol::days, 1, 365).Unit("days"),
          },
      .key = {"case_type", "medicine"},
      .permission = Permission::kManageSupply,
      .national = true,
  };
  return kRecord;
}

const record::Record<SupplyNode>& NodeRecord() {
  static const record::Record<SupplyNode> kRecord{
      .schema = "SupplyNode",
      .list = "nodes",
      .about = "A factory, base, centre or pharmacy of the supply network",
      .fields =
          {
              Code("code", &SupplyNode::code).About("stable identifier, e.g. PC-KP-04"),
              Text("name", &SupplyNode::name),
              Choice("kind", &SupplyNode::kind,
                     {NodeKind::kFactory, NodeKind::kCentralBase, NodeKind::kProvincialCentre,
                      NodeKind::kCountyBase, NodeKind::kPharmacy},
                     NodeKindName),
              Code("region", &SupplyNode::region).About("the region it serves"),
              Whole("storage_capacity_units", &SupplyNode::storage_capacity_units)
                  .Optional()
                  .Unit("units")
                  .About("all medicines together; 0 is not limited"),
          },
      .key = {"code"},
      .owners = {{"region", ""}},
      .permission = Permission::kManageSupply,
  };
  return kRecord;
}

const record::Record<SupplyLink>& LinkRecord() {
  static const record::Record<SupplyLink> kRecord{
      .schema = "SupplyLink",
      .list = "links",
      .about = "A route medicines travel along from one node to another",
      .fields =
          {
              Code("from", &SupplyLink::from).About("node code"),
              Code("to", &SupplyLink::to).About("node code"),
              Number("transit_hours", &SupplyLink::transit_hours, 0, kMaxTransitHours)
                  .Unit("hours"),
              Whole("daily_capacity_units", &SupplyLink::daily_capacity_units)
                  .Optional()
                  .Unit("units a day")
                  .About("all medicines together; 0 is not limited"),
          },
      .key = {"from", "to"},
      .owners = {{"from", "node"}, {"to", "node"}},
      .permission = Permission::kManageSupply,
      .check =
          [](const SupplyLink& link, const record::Problem& problem) {
            if (link.from == link.to) problem("to", "is the same node as from");
          },
  };
  return kRecord;
}

const record::Record<NodeReserveFloor>& ReserveFloorRecord() {
  static const record::Record<NodeReserveFloor> kRecord{
      .schema = "ReserveFloor",
      .list = "reserve",
      .about = "The stock of a medicine a node keeps as national reserve",
      .fields =
          {
              Code("node", &NodeReserveFloor::node),
              Code("medicine", &NodeReserveFloor::medicine),
              Whole("units", &NodeReserveFloor::units).Unit("units"),
          },
      .key = {"node", "medicine"},
      .owners = {{"node", "node"}},
      .permission = Permission::kManageSupply,
  };
  return kRecord;
}

const record::Record<FactoryCapacity>& CapacityRecord() {
  static const record::Record<FactoryCapacity> kRecord{
      .schema = "FactoryCapacity",
      .list = "capacities",
      .about = "What a factory can make of a medicine each day",
      .fields =
          {
              Code("node", &FactoryCapacity::node),
              Code("medicine", &FactoryCapacity::medicine),
              Whole("units_per_day", &FactoryCapacity::units_per_day).Unit("units a day"),
          },
      .key = {"node", "medicine"},
      .owners = {{"node", "node"}},
      .permission = Permission::kManageSupply,
  };
  return kRecord;
}

// The longest movement identity.
constexpr size_t kMaxMovementIdLength = 200;

const record::Record<MovementLine>& MovementRecord() {
  static const record::Record<MovementLine> kRecord{
      .schema = "LedgerMovement",
      .list = "movements",
      .about =
          "A movement of stock at a node; transfers are made by dispatching and receiving "
          "shipments",
      .fields =
          {
              Day("day", &MovementLine::day).About("the day it happened"),
              Code("node", &MovementLine::node),
              Code("medicine", &MovementLine::medicine),
              Choice("kind", &MovementLine::kind,
                     {EntryKind::kReceipt, EntryKind::kProduction, EntryKind::kIssue,
                      EntryKind::kAdjustment, EntryKind::kExpiry, EntryKind::kLoss,
                      EntryKind::kTransferIn, EntryKind::kTransferOut},
                     EntryKindName)
                  .About("transfer_in and transfer_out are made by shipments, not by hand"),
              Whole("quantity", &MovementLine::quantity, -kMaxCount, kMaxCount)
                  .Unit("units")
                  .About("more than 0; an adjustment's signed change of the count"),
              Code("lot", &MovementLine::lot)
                  .Optional()
                  .About("the maker's lot number; an outgoing movement without one takes the "
                         "lots that expire first"),
              DayAt<MovementLine>(
                  "expiry", [](auto& line) -> auto& { return line.expiry; })
                  .About("the lot's last day of use: given, the line brings in a new lot"),
              Text("maker", &MovementLine::maker).Optional().About("who made a new lot"),
              Text("reason", &MovementLine::reason)
                  .Optional()
                  .About("required for adjustments and losses"),
              Text("movement", &MovementLine::movement)
                  .Optional()
                  .About("the movement's identity: posted again, the same movement changes "
                         "nothing and another movement under it is refused"),
          },
      .owners = {{"node", "node"}},
      .permission = Permission::kWriteSupply,
      .check =
          [](const MovementLine& line, const record::Problem& problem) {
            if (line.kind == EntryKind::kTransferIn || line.kind == EntryKind::kTransferOut) {
              problem("kind", "transfers are made by shipments, not by hand");
            }
            if (line.kind == EntryKind::kAdjustment && line.quantity == 0) {
              problem("quantity", "is zero: an adjustment changes the stock");
            } else if (line.kind != EntryKind::kAdjustment && line.quantity <= 0) {
              problem("quantity", "must be more than 0");
            }
            if (line.expiry && line.lot.empty()) {
              problem("lot", "is missing: an expiry belongs to a lot");
            }
            if (!line.expiry && !line.maker.empty()) {
              problem("expiry", "is missing: a new lot gives its expiry with its maker");
            }
            if (line.movement.size() > kMaxMovementIdLength) {
              problem("movement",
                      fmt::format("is longer than {} characters", kMaxMovementIdLength));
            }
          },
  };
  return kRecord;
}

const record::Record<ShipmentLine>& ShipmentLineRecord() {
  static const record::Record<ShipmentLine> kRecord{
      .schema = "ShipmentLineInput",
      .list = "lines",
      .about = "Units of one medicine on a shipment",
      .fields =
          {
              Code("medicine", &ShipmentLine::medicine),
              Whole("quantity", &ShipmentLine::quantity, 1, kMaxCount).Unit("units"),
          },
      .key = {"medicine"},
      .permission = Permission::kWriteSupply,
  };
  return kRecord;
}

const record::Record<Shipment>& ShipmentRecord() {
  static const record::Record<Shipment> kRecord{
      .schema = "ShipmentInput",
      .list = "shipments",
      .about = "A shipment from one node to another, planned by hand",
      .fields =
          {
              Code("from", &Shipment::from).About("node code"),
              Code("to", &Shipment::to).About("node code"),
              Day("ship_day", &Shipment::ship_day),
              Day("arrival_day", &Shipment::arrival_day)
                  .Optional()
                  .About("the ship day when not given"),
              Flag("reserve_order", &Shipment::reserve_order)
                  .About("a headquarters order that may draw on the reserve"),
              Text("note", &Shipment::note).Optional(),
              record::Items("lines", &Shipment::lines, ShipmentLineRecord()),
          },
      .owners = {{"from", "node"}, {"to", "node"}},
      .permission = Permission::kWriteSupply,
      .check =
          [](const Shipment& shipment, const record::Problem& problem) {
            if (shipment.from == shipment.to) problem("to", "is the same node as from");
            if (shipment.arrival_day != Date() && shipment.arrival_day < shipment.ship_day) {
              problem("arrival_day",
                      fmt::format("{} is before the ship day {}", shipment.arrival_day.ToString(),
                                  shipment.ship_day.ToString()));
            }
          },
  };
  return kRecord;
}

namespace {

// A step's record: `with_day` takes the day it happened, `reason_required` needs the why.
record::Record<StepInput> StepRecord(std::string schema, std::string about, bool with_day,
                                     bool reason_required, Permission permission) {
  record::Record<StepInput> out{
      .schema = std::move(schema),
      .list = "step",
      .about = std::move(about),
      .permission = permission,
  };
  if (with_day) {
    out.fields.push_back(DayAt<StepInput>(
                             "day", [](auto& step) -> auto& { return step.day; })
                             .About("the day it happened; the planned day when not given"));
  }
  record::Field<StepInput> reason = Text("reason", &StepInput::reason).About("why");
  if (!reason_required) reason.Optional();
  out.fields.push_back(std::move(reason));
  return out;
}

}  // namespace

const record::Record<StepInput>& ApproveRecord() {
  static const record::Record<StepInput> kRecord =
      StepRecord("ShipmentApprove", "A shipment approved", false, false, Permission::kWriteSupply);
  return kRecord;
}

const record::Record<StepInput>& DispatchRecord() {
  static const record::Record<StepInput> kRecord = StepRecord(
      "ShipmentDispatch", "A shipment dispatched", true, false, Permission::kWriteSupply);
  return kRecord;
}

const record::Record<StepInput>& CancelRecord() {
  static const record::Record<StepInput> kRecord =
      StepRecord("ShipmentCancel", "A shipment cancelled", false, true, Permission::kWriteSupply);
  return kRecord;
}

const record::Record<StepInput>& LiftRecord() {
  static const record::Record<StepInput> kRecord =
      StepRecord("RecallLift", "A recall lifted", true, true, Permission::kManageSupply);
  return kRecord;
}

const record::Record<RecallInput>& RecallRecord() {
  static const record::Record<RecallInput> kRecord{
      .schema = "RecallOrder",
      .list = "recall",
      .about = "A lot stopped everywhere: not issued or dispatched until the order is lifted",
      .fields =
          {
              Code("medicine", &RecallInput::medicine),
              Code("lot", &RecallInput::lot),
              Text("reason", &RecallInput::reason),
              DayAt<RecallInput>(
                  "day", [](auto& recall) -> auto& { return recall.day; })
                  .About("from this day; today when not given"),
          },
      .permission = Permission::kManageSupply,
      .national = true,
  };
  return kRecord;
}

}  // namespace outbreak::supply
