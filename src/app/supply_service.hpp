#pragma once
// SupplyService: the medicine catalogue, the supply network, the stock ledger, shipments,
// demand, days of cover, distribution plans and production planning, for the CLI and the HTTP
// layer.
//
// It owns a store connection of its own and reads the region tree and the new cases from the
// SurveillanceService and forecasts from the AnalyticsService when one is given. Every write is
// one store transaction with its audit entries: an import with one bad row writes nothing. Who
// may do what (supply officers inside their region, the reserve for the headquarters only) is
// the caller's to check; the service refuses what the data does not allow.
//
// Thread-safe: one mutex serialises the store connection.

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/analytics_service.hpp"
#include "app/clock.hpp"
#include "app/surveillance_service.hpp"
#include "store/supply_store.hpp"
#include "supply/demand.hpp"
#include "supply/distribution_planner.hpp"
#include "supply/production_planner.hpp"
#include "supply/short_dated.hpp"
#include "supply/supply_views.hpp"

namespace outbreak::app {

// The (medicine, lot) pairs under an active recall order, read from `store`.
Result<std::set<std::pair<std::string, std::string>>> RecalledLots(store::Store& store);

struct SupplyOptions {
  supply::CoverPolicy cover;   // minimum and maximum days of cover per kind of node
  double road_speed_kmh = 40;  // for the default links' transit hours
  int recent_days = 7;         // the window of "recent consumption" and of the recent trend
};

struct SupplyPlanRequest {
  std::string within;         // plan for the nodes of this region's subtree; "" = nation
  std::optional<Date> as_of;  // the day the plan starts after; default: the latest day with data
  int horizon_days = 14;      // 1 … 28
  bool draw_reserve = false;  // a headquarters order: the reserve may be used
  bool include_production = true;  // add the production plan's output at the factories
};

struct SupplyPlanResult {
  store::SupplyPlanRecord record;
  supply::DistributionPlan plan;
  std::vector<std::string> node_codes;      // plan indices → codes
  std::vector<std::string> medicine_codes;  // plan indices → codes
  std::string basis;                        // where the demand came from
  // Per medicine: stock expiring inside the horizon, used where it is held or left to expire.
  std::vector<supply::ShortDatedUse> short_dated;
};

struct ProductionReport {
  Date as_of;
  int horizon_days = 0;
  std::string basis;
  supply::ProductionPlan plan;
  std::vector<std::string> factory_codes;
  std::vector<std::string> medicine_codes;
};

// Which shipments a bulk step takes (SupplyService::SelectForStep).
struct ShipmentSelection {
  std::vector<int64_t> ids;  // these, when not empty; otherwise every one matching:
  int64_t plan_id = 0;       // of this plan, when not 0
  std::string from;          // sent from this node, when not empty
  std::string to;            // sent to this node, when not empty
  // Due by this day: planned to leave by then (to approve, dispatch or cancel), expected by
  // then (to receive).
  std::optional<Date> through;
};

// What a node has to do on a day. Each list is due by the day (ship day, or arrival day for
// what it receives), the oldest first; overdue counts those due before the day.
struct WorkQueue {
  std::string node;
  Date day;
  std::vector<supply::Shipment> to_approve;   // planned, leaving from the node
  std::vector<supply::Shipment> to_dispatch;  // approved, leaving from the node
  std::vector<supply::Shipment> to_receive;   // dispatched to the node
  int64_t overdue = 0;
};

class SupplyService {
 public:
  // `analytics` may be null: demand then follows the recent trend.
  SupplyService(std::unique_ptr<store::Store> store, const SurveillanceService& surveillance,
                const AnalyticsService* analytics, const Clock& clock, SupplyOptions options = {});

  // Reference data: add or replace by key, all-or-nothing; the CSV forms name file, line and
  // field of every mistake.
  Result<store::WriteCounts> ImportMedicines(std::string_view csv, std::string_view source,
                                             const Actor& actor);
  Result<store::WriteCounts> SaveMedicines(const std::vector<supply::Medicine>& medicines,
                                           const Actor& actor);
  Result<std::vector<supply::Medicine>> Medicines() const;
  Result<store::WriteCounts> ImportProtocols(std::string_view csv, std::string_view source,
                                             const Actor& actor);
  Result<store::WriteCounts> SaveProtocols(const std::vector<supply::TreatmentProtocol>& protocols,
                                           const Actor& actor);
  Result<std::vector<supply::TreatmentProtocol>> Protocols() const;
  Result<store::WriteCounts> ImportNodes(std::string_view csv, std::string_view source,
                                         const Actor& actor);
  Result<store::WriteCounts> SaveNodes(const std::vector<supply::SupplyNode>& nodes,
                                       const Actor& actor);
  // The nodes of the regions under `region` (itself included).
  Result<std::vector<supply::SupplyNode>> Nodes(std::string_view region) const;
  Result<supply::SupplyNode> FindNode(std::string_view code) const;
  Result<store::WriteCounts> ImportLinks(std::string_view csv, std::string_view source,
                                         const Actor& actor);
  Result<store::WriteCounts> SaveLinks(const std::vector<supply::SupplyLink>& links,
                                       const Actor& actor);
  // Links into every node that has none, along the default hierarchy (supply_network.hpp).
  Result<store::WriteCounts> AddDefaultLinks(int64_t daily_capacity_units, const Actor& actor);
  // The links touching a node under `region`.
  Result<std::vector<supply::SupplyLink>> Links(std::string_view region) const;
  Result<store::WriteCounts> ImportReserve(std::string_view csv, std::string_view source,
                                           const Actor& actor);
  Result<store::WriteCounts> SaveReserve(const std::vector<supply::NodeReserveFloor>& floors,
                                         const Actor& actor);
  Result<std::vector<supply::NodeReserveFloor>> Reserve() const;
  Result<store::WriteCounts> ImportCapacities(std::string_view csv, std::string_view source,
                                              const Actor& actor);
  Result<store::WriteCounts> SaveCapacities(const std::vector<supply::FactoryCapacity>& capacities,
                                            const Actor& actor);
  Result<std::vector<supply::FactoryCapacity>> Capacities() const;

  // The ledger. Movements by hand (receipts, production, issues, adjustments, expiry, losses);
  // transfers happen only through shipments. A movement with an identity (PostRequest::movement;
  // in a file, its `movement` column, else the file's text and line) is written once: posted
  // again it is counted unchanged, so a file posted twice writes nothing the second time.
  Result<supply::PostOutcome> ImportLedger(std::string_view csv, std::string_view source,
                                           bool draw_reserve, const Actor& actor);
  Result<supply::PostOutcome> Post(const std::vector<supply::Lot>& new_lots,
                                   std::vector<supply::PostRequest> requests, const Actor& actor);
  // Entries at the nodes under `region` (and the query's filters).
  Result<std::vector<supply::LedgerEntry>> Ledger(std::string_view region,
                                                  store::LedgerQuery query) const;
  Result<supply::StockReport> Stock(std::string_view region, std::optional<Date> as_of,
                                    std::string_view medicine = {}) const;
  Result<supply::CoverReport> Cover(std::string_view region, std::optional<Date> as_of) const;
  Result<supply::DemandReport> Demand(std::string_view region, std::optional<Date> as_of,
                                      int horizon_days) const;
  Result<supply::RecallReport> Recall(std::string_view medicine, std::string_view lot) const;
  // A recall order stops the lot everywhere: it is neither issued nor dispatched until the order
  // is lifted (the day defaults to the latest reporting day). A reason is required for both.
  Result<supply::LotRecall> OrderRecall(const std::string& medicine, const std::string& lot,
                                        std::optional<Date> day, const std::string& reason,
                                        const Actor& actor);
  Result<supply::LotRecall> LiftRecall(int64_t id, std::optional<Date> day,
                                       const std::string& reason, const Actor& actor);
  Result<std::vector<supply::LotRecall>> Recalls() const;

  // Shipments (shipment.hpp for the steps).
  Result<std::vector<int64_t>> CreateShipments(const std::vector<supply::Shipment>& shipments,
                                               const Actor& actor);
  Result<supply::Shipment> FindShipment(int64_t id) const;
  // Shipments from or to the nodes under `region`.
  Result<std::vector<supply::Shipment>> Shipments(std::string_view region,
                                                  store::ShipmentQuery query) const;
  Result<supply::Shipment> Approve(int64_t id, const Actor& actor);
  Result<supply::Shipment> Cancel(int64_t id, const Actor& actor);
  Result<supply::Shipment> Dispatch(int64_t id, std::optional<Date> day, const Actor& actor);
  Result<supply::Shipment> Receive(int64_t id, std::optional<Date> day,
                                   const std::vector<supply::ReceivedCount>& counts,
                                   const Actor& actor);

  // Work in bulk (supply_bulk.cpp). The shipments under `region` that a step would take: those
  // in the status the step needs (planned to approve; approved to dispatch; dispatched to
  // receive; planned or approved to cancel) that match the selection.
  Result<std::vector<supply::Shipment>> SelectForStep(std::string_view region,
                                                      supply::ShipmentStatus step,
                                                      const ShipmentSelection& selection) const;
  // The step for every shipment, all or nothing (store::SupplyStore::StepShipments). A cancel
  // needs a reason; a day may not be ahead of today.
  Result<std::vector<supply::Shipment>> StepMany(supply::ShipmentStatus step,
                                                 const std::vector<int64_t>& ids,
                                                 std::optional<Date> day, const Actor& actor);
  // A node's work on a day: what it has to approve, dispatch and receive by then.
  Result<WorkQueue> Queue(std::string_view node, std::optional<Date> day) const;

  // Distribution plans: computed and stored as proposed; adoption makes their shipments.
  Result<SupplyPlanResult> Plan(const SupplyPlanRequest& request, const Actor& actor);
  // Plans, with a proposed plan's changes since it was made (stale when any).
  Result<std::vector<store::SupplyPlanRecord>> Plans() const;
  Result<store::SupplyPlanRecord> FindPlan(int64_t id) const;
  // Adopts a proposed plan: it replaces the adopted plans of its scope and the scopes under it
  // (their shipments not yet dispatched are cancelled) in one transaction. A plan whose data
  // changed since it was made is refused unless `confirm_stale` (store::SupplyStore::AdoptPlan).
  Result<store::AdoptOutcome> Adopt(int64_t id, bool confirm_stale, const Actor& actor);

  Result<ProductionReport> Production(std::optional<Date> as_of, int horizon_days) const;

  // The region a node serves, for the callers' scope checks.
  Result<std::string> NodeRegion(std::string_view node) const;

  // Days of cover of a region's essential medicines on a day, for the prevention indicators: the
  // least, over the essential medicines with a protocol, of the usable stock at the nodes under
  // the region ÷ the mean daily need of its reported cases over the last `recent_days`. nullopt
  // when nothing is needed or the region has no nodes. Cheap to ask for many regions and days:
  // the stock of a day is read once until the ledger changes.
  std::optional<double> RegionCoverDays(std::string_view region, Date day) const;

  // Another process changed the ledger or the network (the change log): forgets the cover read.
  Status ApplyChanges(std::span<const store::Change> changes) const;

 private:
  store::WriteContext Context(const Actor& actor) const;
  Date Today() const;
  void ForgetCover() const;
  // Expected need per reporting region under `region` and medicine for the days after `as_of`.
  Result<supply::DemandReport> ComputeDemand(RegionIdx region, Date as_of, int horizon_days) const;
  // What the days ahead of CasesAround rest on.
  struct CasesBasis {
    std::string rule;      // "forecast (...)" or "recent trend (...)"
    std::string not_used;  // why a flagged forecast was not used; empty otherwise
    std::optional<analytics::ForecastSkill> skill;  // of the forecast used
  };
  // New cases of a region for the days as_of-past+1 … as_of+ahead (forecast or recent trend).
  std::vector<double> CasesAround(RegionIdx region, Date as_of, int past_days, int ahead_days,
                                  CasesBasis* basis) const;
  // Fills a proposed plan's stale_changes.
  Status ReadStaleness(store::SupplyPlanRecord& plan) const;
  // The codes of `scope` and every region under it.
  std::vector<std::string> ScopesUnder(std::string_view scope) const;
  // The shipments a plan of `scope` must count as already moving: every one dispatched, and
  // those planned or approved that adopting the plan would not cancel.
  Result<std::vector<supply::Shipment>> ShipmentsInForce(std::string_view scope) const;
  Result<supply::DistributionProblem> BuildProblem(const SupplyPlanRequest& request, Date as_of,
                                                   SupplyPlanResult& result) const;

  std::unique_ptr<store::Store> store_;
  const SurveillanceService& surveillance_;
  const AnalyticsService* analytics_;
  const Clock& clock_;
  SupplyOptions options_;
  mutable std::mutex mutex_;
  // Usable stock by (node, medicine) per day, for RegionCoverDays; cleared by every ledger write.
  mutable std::mutex cover_mutex_;
  mutable std::map<Date, std::map<std::pair<std::string, std::string>, int64_t>> usable_by_day_;
};

// The prevention indicators' medicine days of cover (indicator_source.hpp), from `supply`, which
// must outlive the provider.
inline auto MedicineCoverOf(const SupplyService& supply) {
  return [&supply](const std::string& region, Date day) {
    return supply.RegionCoverDays(region, day);
  };
}

}  // namespace outbreak::app
