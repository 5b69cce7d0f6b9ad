#pragma once
// SociSupplyStore: the SupplyStore port over the SociStore's session (the same connection, so
// the same database and transactions). Reference data lives in soci_supply_store.cpp, the ledger
// in soci_supply_ledger.cpp, shipments in soci_supply_shipments.cpp and plans in
// soci_supply_plans.cpp.

#include <functional>
#include <string_view>

#include <soci/row.h>
#include <soci/session.h>

#include "store/schema.hpp"
#include "store/session_health.hpp"
#include "store/supply_store.hpp"
#include "supply/stock_ledger.hpp"

namespace outbreak::store {

class SociSupplyStore : public SupplyStore {
 public:
  SociSupplyStore(soci::session& session, Dialect dialect) : session_(session), dialect_(dialect) {}

  Result<WriteCounts> SaveMedicines(std::span<const supply::Medicine> medicines,
                                    const WriteContext& context) override;
  Result<std::vector<supply::Medicine>> LoadMedicines() override;
  Result<WriteCounts> SaveProtocols(std::span<const supply::TreatmentProtocol> protocols,
                                    const WriteContext& context) override;
  Result<std::vector<supply::TreatmentProtocol>> LoadProtocols() override;
  Result<WriteCounts> SaveNodes(std::span<const supply::SupplyNode> nodes,
                                const WriteContext& context) override;
  Result<std::vector<supply::SupplyNode>> LoadNodes() override;
  Result<WriteCounts> SaveLinks(std::span<const supply::SupplyLink> links,
                                const WriteContext& context) override;
  Result<std::vector<supply::SupplyLink>> LoadLinks() override;
  Result<WriteCounts> SaveReserveFloors(std::span<const supply::NodeReserveFloor> floors,
                                        const WriteContext& context) override;
  Result<std::vector<supply::NodeReserveFloor>> LoadReserveFloors() override;
  Result<WriteCounts> SaveCapacities(std::span<const supply::FactoryCapacity> capacities,
                                     const WriteContext& context) override;
  Result<std::vector<supply::FactoryCapacity>> LoadCapacities() override;

  Result<supply::PostOutcome> Post(std::span<const supply::Lot> new_lots,
                                   std::span<const supply::PostRequest> requests,
                                   const WriteContext& context) override;
  Result<std::vector<supply::LedgerEntry>> LoadLedger(const LedgerQuery& query) override;
  Result<std::vector<supply::StockRow>> LoadBalances(std::optional<Date> as_of) override;
  Result<std::vector<supply::StockRow>> LoadIssued(Date from, Date to) override;
  Result<std::vector<supply::Lot>> LoadLots() override;

  Result<std::vector<int64_t>> CreateShipments(std::span<const supply::Shipment> shipments,
                                               const WriteContext& context) override;
  Result<std::optional<supply::Shipment>> FindShipment(int64_t id) override;
  Result<std::vector<supply::Shipment>> ListShipments(const ShipmentQuery& query) override;
  Result<supply::Shipment> ApproveShipment(int64_t id, const WriteContext& context) override;
  Result<supply::Shipment> CancelShipment(int64_t id, const WriteContext& context) override;
  Result<supply::Shipment> DispatchShipment(int64_t id, Date day, bool draw_reserve,
                                            const WriteContext& context) override;
  Result<supply::Shipment> ReceiveShipment(int64_t id, Date day,
                                           const std::vector<supply::ReceivedCount>& counts,
                                           const WriteContext& context) override;
  Result<std::vector<supply::Shipment>> StepShipments(const BulkStep& step,
                                                      const WriteContext& context) override;
  Result<std::vector<supply::Shipment>> ShipmentsWithLot(const std::string& medicine,
                                                         const std::string& lot) override;
  Result<supply::LotRecall> OrderRecall(const supply::LotRecall& recall,
                                        const WriteContext& context) override;
  Result<supply::LotRecall> LiftRecall(int64_t id, Date day, const std::string& reason,
                                       const WriteContext& context) override;
  Result<std::vector<supply::LotRecall>> LoadRecalls() override;

  Result<int64_t> SavePlan(const SupplyPlanRecord& plan, const WriteContext& context) override;
  Result<std::vector<SupplyPlanRecord>> ListPlans() override;
  Result<std::optional<SupplyPlanRecord>> FindPlan(int64_t id) override;
  Result<AdoptOutcome> AdoptPlan(int64_t id, const AdoptOptions& options,
                                 const WriteContext& context) override;
  Result<int64_t> ChangesAffectingPlans(int64_t basis_change) override;

 private:
  // Inside a write transaction: on PostgreSQL, keeps other ledger writers out until commit
  // (SQLite's BEGIN IMMEDIATE already does).
  void LockLedger();
  // Changes after `basis_change` that could alter a distribution plan (ChangesAffectingPlans).
  int64_t CountChangesSince(int64_t basis_change);
  // Inside a write transaction: a StockBook with the lots, balances, floors and latest days of
  // the (node, medicine) pairs the requests touch.
  supply::StockBook LoadBook(std::span<const supply::PostRequest> requests);
  // Inside a write transaction: checks the nodes and medicines exist, posts every request through
  // the book and inserts the entries. Throws nothing for refused requests: returns the Status.
  // `numbers` names each request in messages ("entry N"); by default its position, from 1.
  Result<std::vector<supply::LedgerEntry>> PostLocked(std::span<const supply::PostRequest> requests,
                                                      const WriteContext& context,
                                                      std::span<const size_t> numbers = {});
  Result<std::optional<supply::Shipment>> LoadShipment(int64_t id);
  // One step of a shipment's chain of custody: loads it (kNotFound), checks it may move to `to`
  // (kConflict), runs `work` (which may post to the ledger and returns the custody note), moves
  // it and records who took the step. StepLocked inside the caller's transaction (the ledger
  // locked); Step in a transaction of its own.
  using StepWork = std::function<Result<std::string>(const supply::Shipment&)>;
  Result<supply::Shipment> StepLocked(int64_t id, supply::ShipmentStatus to,
                                      const WriteContext& context, const StepWork& work);
  Result<supply::Shipment> Step(int64_t id, supply::ShipmentStatus to, const WriteContext& context,
                                std::string_view what, const StepWork& work);
  // The ledger's part of a dispatch and of a receipt (the StepWork of each).
  Result<std::string> DispatchWork(const supply::Shipment& shipment, Date day, bool draw_reserve,
                                   const WriteContext& context);
  Result<std::string> ReceiveWork(const supply::Shipment& shipment, Date day,
                                  const std::vector<supply::ReceivedCount>& counts,
                                  const WriteContext& context);
  // Inserts a planned shipment with its lines; returns its id. Custody is the caller's.
  int64_t InsertShipment(const supply::Shipment& shipment);
  void AppendCustody(int64_t id, const std::string& step, const WriteContext& context,
                     const std::string& note);

  // The session, reconnected first when its connection was lost (soci_store.hpp).
  soci::session& session() { return Healthy(session_, dialect_); }
  soci::session& session_;
  Dialect dialect_;
};

}  // namespace outbreak::store
