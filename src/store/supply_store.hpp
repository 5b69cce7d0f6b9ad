#pragma once
// SupplyStore: the port through which the medicine supply keeps its data durable — the
// catalogue, treatment protocols, the network, reserve floors, factory capacities, the stock
// ledger, shipments and distribution plans. SQL lives only behind it.
//
// Every method is one transaction. The ledger is append-only: Post and the shipment steps load
// the balances they touch inside their write transaction (on PostgreSQL under a lock that keeps
// other ledger writers out until commit) and post through supply::StockBook, so stock never goes
// negative however many writers there are. Writes are audited in the same transaction.
//
// Errors: kInvalidArgument for data the rules refuse (unknown medicine, node or lot, an expired
// lot, a receipt of more than was sent), kConflict for a write that no longer fits what is stored
// (not enough stock, a shipment not in the status the step needs), kForbidden for a movement
// below a reserve floor without a headquarters order, kNotFound for an unknown shipment or plan.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "store/store.hpp"
#include "supply/medicine.hpp"
#include "supply/shipment.hpp"
#include "supply/stock_ledger.hpp"
#include "supply/supply_csv.hpp"
#include "supply/supply_network.hpp"
#include "supply/supply_views.hpp"

namespace outbreak::store {

struct LedgerQuery {
  std::vector<std::string> nodes;  // only these nodes, when not empty
  std::string medicine;            // only this medicine, when not empty
  std::string lot;                 // only this lot, when not empty
  std::optional<Date> from;        // day >= from
  std::optional<Date> to;          // day <= to
  int64_t limit = 1000;
  int64_t offset = 0;
};

struct ShipmentQuery {
  std::vector<std::string> nodes;  // sent from or to one of these nodes, when not empty
  std::string status;              // only this status, when not empty
  int64_t plan_id = 0;             // only this plan's shipments, when not 0
  int64_t limit = 100;
  int64_t offset = 0;
};

// A distribution plan as stored: what was proposed, from which day's data, and whether it was
// adopted (its shipments then exist as planned shipments).
struct SupplyPlanRecord {
  int64_t id = 0;
  std::string created_at;
  std::string created_by;
  Date as_of;
  int horizon_days = 0;
  std::string scope;   // the region whose nodes were planned for
  std::string status;  // "proposed", "adopted" or "superseded" (adopted, then replaced)
  std::string adopted_by;
  std::string adopted_at;
  // The change log's number when the plan's data were read: a change since that could alter the
  // plan (a report, a ledger movement, a shipment step, the network) makes the plan stale.
  int64_t basis_change = 0;
  int64_t superseded_by = 0;  // the plan whose adoption replaced this one, 0 if none
  int64_t stale_changes = 0;  // a proposed plan's changes since its basis (read by the service)
  std::string detail;         // the plan as JSON (report/supply_render.hpp)
  std::vector<supply::Shipment> shipments;  // the proposed shipments
};

// A step taken by many shipments at once (SupplyStore::StepShipments).
struct BulkStep {
  supply::ShipmentStatus to = supply::ShipmentStatus::kApproved;  // approved, cancelled,
                                                                  // dispatched or received
  std::vector<int64_t> ids;
  // The day of a dispatch or a receipt; without one, each shipment's planned ship (or arrival)
  // day, or `today` when that is still ahead. A shipment with a reserve order may draw the
  // reserve.
  std::optional<Date> day;
  Date today;
};

struct AdoptOptions {
  bool confirm_stale = false;  // adopt although the data changed since the plan was made
  // The scopes whose adopted plans the adoption replaces (the plan's region and those under it).
  std::vector<std::string> superseding;
};

struct AdoptOutcome {
  std::vector<int64_t> created;     // the new planned shipments
  std::vector<int64_t> cancelled;   // shipments of superseded plans, not yet dispatched
  std::vector<int64_t> topped_up;   // orders not yet dispatched on a line of the plan, raised
  std::vector<int64_t> superseded;  // plans replaced
  int64_t stale_changes = 0;        // changes since the plan's basis (confirmed when > 0)
};

class SupplyStore {
 public:
  virtual ~SupplyStore() = default;

  // Reference data: each Save adds new rows and replaces stored ones by key (medicine code;
  // (case type, medicine); node code; (from, to); (node, medicine)), auditing every change.
  virtual Result<WriteCounts> SaveMedicines(std::span<const supply::Medicine> medicines,
                                            const WriteContext& context) = 0;
  virtual Result<std::vector<supply::Medicine>> LoadMedicines() = 0;
  virtual Result<WriteCounts> SaveProtocols(std::span<const supply::TreatmentProtocol> protocols,
                                            const WriteContext& context) = 0;
  virtual Result<std::vector<supply::TreatmentProtocol>> LoadProtocols() = 0;
  virtual Result<WriteCounts> SaveNodes(std::span<const supply::SupplyNode> nodes,
                                        const WriteContext& context) = 0;
  virtual Result<std::vector<supply::SupplyNode>> LoadNodes() = 0;
  virtual Result<WriteCounts> SaveLinks(std::span<const supply::SupplyLink> links,
                                        const WriteContext& context) = 0;
  virtual Result<std::vector<supply::SupplyLink>> LoadLinks() = 0;
  virtual Result<WriteCounts> SaveReserveFloors(std::span<const supply::NodeReserveFloor> floors,
                                                const WriteContext& context) = 0;
  virtual Result<std::vector<supply::NodeReserveFloor>> LoadReserveFloors() = 0;
  virtual Result<WriteCounts> SaveCapacities(std::span<const supply::FactoryCapacity> capacities,
                                             const WriteContext& context) = 0;
  virtual Result<std::vector<supply::FactoryCapacity>> LoadCapacities() = 0;

  // The ledger. Post registers the new lots (a lot already known with another expiry is
  // kInvalidArgument) and appends the requests' entries, all or nothing; returns the entries. A
  // request whose movement identity was posted before with the same content is passed over
  // (counted unchanged); with other content it is kConflict, both shown, and nothing is written.
  virtual Result<supply::PostOutcome> Post(std::span<const supply::Lot> new_lots,
                                           std::span<const supply::PostRequest> requests,
                                           const WriteContext& context) = 0;
  virtual Result<std::vector<supply::LedgerEntry>> LoadLedger(const LedgerQuery& query) = 0;
  // Stock by (node, medicine, lot) from the entries dated on or before `as_of` (all when absent);
  // zero balances left out.
  virtual Result<std::vector<supply::StockRow>> LoadBalances(std::optional<Date> as_of) = 0;
  // Units issued to patients per (node, medicine) over from..to, as StockRows with an empty lot.
  virtual Result<std::vector<supply::StockRow>> LoadIssued(Date from, Date to) = 0;
  virtual Result<std::vector<supply::Lot>> LoadLots() = 0;

  // Shipments. Create stores new planned shipments (kInvalidArgument for unknown nodes or
  // medicines) and returns their ids.
  virtual Result<std::vector<int64_t>> CreateShipments(std::span<const supply::Shipment> shipments,
                                                       const WriteContext& context) = 0;
  virtual Result<std::optional<supply::Shipment>> FindShipment(int64_t id) = 0;
  virtual Result<std::vector<supply::Shipment>> ListShipments(const ShipmentQuery& query) = 0;
  // planned -> approved, and planned or approved -> cancelled (with the context's reason).
  virtual Result<supply::Shipment> ApproveShipment(int64_t id, const WriteContext& context) = 0;
  virtual Result<supply::Shipment> CancelShipment(int64_t id, const WriteContext& context) = 0;
  // approved -> dispatched on `day`: transfer-out entries at the sending node, lots FEFO.
  // `draw_reserve`: a headquarters order may take the sending node below its reserve floor.
  virtual Result<supply::Shipment> DispatchShipment(int64_t id, Date day, bool draw_reserve,
                                                    const WriteContext& context) = 0;
  // dispatched -> received on `day`: transfer-in entries of what was counted; shortfalls kept as
  // losses with their reason and the context's user as the one who signed.
  virtual Result<supply::Shipment> ReceiveShipment(int64_t id, Date day,
                                                   const std::vector<supply::ReceivedCount>& counts,
                                                   const WriteContext& context) = 0;
  // One step for many shipments, all or nothing: every shipment takes it, or nothing is written
  // and the refusal names the first shipment that could not (its message prefixed "shipment N:").
  // A bulk receipt counts every lot as received in full; shortfalls are signed one by one.
  virtual Result<std::vector<supply::Shipment>> StepShipments(const BulkStep& step,
                                                              const WriteContext& context) = 0;
  // Every shipment that carried the lot.
  virtual Result<std::vector<supply::Shipment>> ShipmentsWithLot(const std::string& medicine,
                                                                 const std::string& lot) = 0;

  // Recall orders. Ordering one for a lot already under an active order is kConflict; a known
  // lot is required. Lifting needs an active order. Both are audited.
  virtual Result<supply::LotRecall> OrderRecall(const supply::LotRecall& recall,
                                                const WriteContext& context) = 0;
  virtual Result<supply::LotRecall> LiftRecall(int64_t id, Date day, const std::string& reason,
                                               const WriteContext& context) = 0;
  virtual Result<std::vector<supply::LotRecall>> LoadRecalls() = 0;  // oldest first

  // Distribution plans: stored as proposed; adoption creates the plan's shipments as planned
  // shipments in the same transaction (kConflict when the plan is not proposed).
  virtual Result<int64_t> SavePlan(const SupplyPlanRecord& plan, const WriteContext& context) = 0;
  virtual Result<std::vector<SupplyPlanRecord>> ListPlans() = 0;  // newest first, no detail
  virtual Result<std::optional<SupplyPlanRecord>> FindPlan(int64_t id) = 0;
  // Adoption, in one transaction that no other adoption overlaps: refuses a plan that is not
  // proposed (kConflict), and a stale one unless confirmed (kConflict naming the changes); marks
  // every adopted plan of `options.superseding` superseded and cancels its shipments not yet
  // dispatched; then, for each line of the plan: on the (from, to, medicine, ship day) of an
  // order not yet dispatched, it raises that order (back to planned if approved); on that of one
  // dispatched or received, it refuses (kConflict); otherwise it creates a new shipment. No
  // (from, to, medicine, ship day) is ever ordered twice.
  virtual Result<AdoptOutcome> AdoptPlan(int64_t id, const AdoptOptions& options,
                                         const WriteContext& context) = 0;
  // The changes after `basis_change` that could alter a plan: every write but the proposal of
  // a plan (which changes no stock, need or shipment).
  virtual Result<int64_t> ChangesAffectingPlans(int64_t basis_change) = 0;
};

}  // namespace outbreak::store
