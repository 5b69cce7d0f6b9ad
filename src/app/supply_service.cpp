#include "app/supply_service.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "record/record_csv.hpp"
#include "supply/supply_csv.hpp"
#include "supply/supply_records.hpp"

namespace outbreak::app {

SupplyService::SupplyService(std::unique_ptr<store::Store> store,
                             const SurveillanceService& surveillance,
                             const AnalyticsService* analytics, const Clock& clock,
                             SupplyOptions options)
    : store_(std::move(store)),
      surveillance_(surveillance),
      analytics_(analytics),
      clock_(clock),
      options_(options) {}

Result<std::set<std::pair<std::string, std::string>>> RecalledLots(store::Store& store) {
  auto recalls = store.Supply().LoadRecalls();
  if (!recalls.ok()) return recalls.status();
  std::set<std::pair<std::string, std::string>> out;
  for (const supply::LotRecall& recall : *recalls) {
    if (recall.active()) out.insert({recall.medicine, recall.lot});
  }
  return out;
}

store::WriteContext SupplyService::Context(const Actor& actor) const {
  return {actor.user, IsoTimestamp(clock_.NowUnixSeconds()), actor.reason, actor.source,
          actor.address};
}

Date SupplyService::Today() const { return surveillance_.Today(); }

namespace {

Actor WithSource(const Actor& actor, std::string_view source) {
  Actor out = actor;
  if (out.source.empty()) out.source = std::string(source);
  return out;
}

Status ListErrors(std::string_view what, std::vector<std::string> errors) {
  if (errors.empty()) return Status::Ok();
  return Status::InvalidArgument(
      fmt::format("{}: {} error(s); nothing was saved", what, errors.size()), std::move(errors));
}

}  // namespace

// Reference data.

Result<store::WriteCounts> SupplyService::ImportMedicines(std::string_view csv,
                                                          std::string_view source,
                                                          const Actor& actor) {
  auto medicines = record::ReadCsv(supply::MedicineRecord(), csv, source);
  if (!medicines.ok()) return medicines.status();
  return SaveMedicines(*medicines, WithSource(actor, source));
}

Result<store::WriteCounts> SupplyService::SaveMedicines(
    const std::vector<supply::Medicine>& medicines, const Actor& actor) {
  if (Status s = record::Validate(supply::MedicineRecord(), medicines); !s.ok()) return s;
  std::lock_guard lock(mutex_);
  return store_->Supply().SaveMedicines(medicines, Context(actor));
}

Result<std::vector<supply::Medicine>> SupplyService::Medicines() const {
  std::lock_guard lock(mutex_);
  return store_->Supply().LoadMedicines();
}

Result<store::WriteCounts> SupplyService::ImportProtocols(std::string_view csv,
                                                          std::string_view source,
                                                          const Actor& actor) {
  auto protocols = record::ReadCsv(supply::ProtocolRecord(), csv, source);
  if (!protocols.ok()) return protocols.status();
  return SaveProtocols(*protocols, WithSource(actor, source));
}

Result<store::WriteCounts> SupplyService::SaveProtocols(
    const std::vector<supply::TreatmentProtocol>& protocols, const Actor& actor) {
  if (Status s = record::Validate(supply::ProtocolRecord(), protocols); !s.ok()) return s;
  auto medicines = Medicines();
  if (!medicines.ok()) return medicines.status();
  std::set<std::string> known;
  for (const supply::Medicine& m : *medicines) known.insert(m.code);
  std::vector<std::string> errors;
  for (const supply::TreatmentProtocol& p : protocols) {
    const std::string name = p.case_type + "/" + p.medicine;
    if (!known.contains(p.medicine)) {
      errors.push_back(
          fmt::format("protocol {}: medicine \"{}\" is not in the catalogue", name, p.medicine));
    }
  }
  if (Status s = ListErrors("protocols", std::move(errors)); !s.ok()) return s;
  std::lock_guard lock(mutex_);
  return store_->Supply().SaveProtocols(protocols, Context(actor));
}

Result<std::vector<supply::TreatmentProtocol>> SupplyService::Protocols() const {
  std::lock_guard lock(mutex_);
  return store_->Supply().LoadProtocols();
}

Result<store::WriteCounts> SupplyService::ImportNodes(std::string_view csv, std::string_view source,
                                                      const Actor& actor) {
  auto nodes = record::ReadCsv(supply::NodeRecord(), csv, source);
  if (!nodes.ok()) return nodes.status();
  return SaveNodes(*nodes, WithSource(actor, source));
}

Result<store::WriteCounts> SupplyService::SaveNodes(const std::vector<supply::SupplyNode>& nodes,
                                                    const Actor& actor) {
  if (Status s = record::Validate(supply::NodeRecord(), nodes); !s.ok()) return s;
  Status valid = surveillance_.WithTree(
      [&](const RegionTree& tree) { return supply::ValidateNetwork(tree, nodes, {}); });
  if (!valid.ok()) return valid;
  std::lock_guard lock(mutex_);
  return store_->Supply().SaveNodes(nodes, Context(actor));
}

Result<std::vector<supply::SupplyNode>> SupplyService::Nodes(std::string_view region) const {
  Result<RegionIdx> root = surveillance_.FindRegion(region);
  if (!root.ok()) return root.status();
  Result<std::vector<supply::SupplyNode>> all = [&] {
    std::lock_guard lock(mutex_);
    return store_->Supply().LoadNodes();
  }();
  if (!all.ok()) return all.status();
  return surveillance_.WithTree([&](const RegionTree& tree) {
    std::vector<supply::SupplyNode> out;
    for (supply::SupplyNode& node : *all) {
      auto idx = tree.Find(node.region);
      if (idx && tree.IsInSubtree(*root, *idx)) out.push_back(std::move(node));
    }
    return out;
  });
}

Result<supply::SupplyNode> SupplyService::FindNode(std::string_view code) const {
  Result<std::vector<supply::SupplyNode>> all = [&] {
    std::lock_guard lock(mutex_);
    return store_->Supply().LoadNodes();
  }();
  if (!all.ok()) return all.status();
  for (supply::SupplyNode& node : *all) {
    if (node.code == code) return std::move(node);
  }
  return Status::NotFound(fmt::format("no supply node \"{}\"", code));
}

Result<std::string> SupplyService::NodeRegion(std::string_view node) const {
  auto found = FindNode(node);
  if (!found.ok()) return found.status();
  return found->region;
}

Result<store::WriteCounts> SupplyService::ImportLinks(std::string_view csv, std::string_view source,
                                                      const Actor& actor) {
  auto links = record::ReadCsv(supply::LinkRecord(), csv, source);
  if (!links.ok()) return links.status();
  return SaveLinks(*links, WithSource(actor, source));
}

Result<store::WriteCounts> SupplyService::SaveLinks(const std::vector<supply::SupplyLink>& links,
                                                    const Actor& actor) {
  if (Status s = record::Validate(supply::LinkRecord(), links); !s.ok()) return s;
  std::lock_guard lock(mutex_);
  auto nodes = store_->Supply().LoadNodes();
  if (!nodes.ok()) return nodes.status();
  Status valid = surveillance_.WithTree(
      [&](const RegionTree& tree) { return supply::ValidateNetwork(tree, *nodes, links); });
  if (!valid.ok()) return valid;
  return store_->Supply().SaveLinks(links, Context(actor));
}

Result<store::WriteCounts> SupplyService::AddDefaultLinks(int64_t daily_capacity_units,
                                                          const Actor& actor) {
  if (daily_capacity_units < 0) {
    return Status::InvalidArgument("capacity: must be a whole number >= 0 (0: not limited)");
  }
  std::lock_guard lock(mutex_);
  auto nodes = store_->Supply().LoadNodes();
  if (!nodes.ok()) return nodes.status();
  auto links = store_->Supply().LoadLinks();
  if (!links.ok()) return links.status();
  std::vector<supply::SupplyLink> all = surveillance_.WithTree([&](const RegionTree& tree) {
    return supply::DefaultLinks(tree, *nodes, *links, options_.road_speed_kmh,
                                daily_capacity_units);
  });
  std::vector<supply::SupplyLink> added(all.begin() + static_cast<long>(links->size()), all.end());
  return store_->Supply().SaveLinks(added, Context(actor));
}

Result<std::vector<supply::SupplyLink>> SupplyService::Links(std::string_view region) const {
  auto nodes = Nodes(region);
  if (!nodes.ok()) return nodes.status();
  std::set<std::string> inside;
  for (const supply::SupplyNode& node : *nodes) inside.insert(node.code);
  Result<std::vector<supply::SupplyLink>> all = [&] {
    std::lock_guard lock(mutex_);
    return store_->Supply().LoadLinks();
  }();
  if (!all.ok()) return all.status();
  std::vector<supply::SupplyLink> out;
  for (supply::SupplyLink& link : *all) {
    if (inside.contains(link.from) || inside.contains(link.to)) out.push_back(std::move(link));
  }
  return out;
}

namespace {

// Node and medicine codes of (node, medicine) rows checked against what is stored.
template <typename Row>
Status CheckNodeMedicineRows(const std::vector<Row>& rows,
                             const std::vector<supply::SupplyNode>& nodes,
                             const std::vector<supply::Medicine>& medicines, std::string_view what,
                             bool factories_only) {
  std::unordered_map<std::string, supply::NodeKind> kinds;
  for (const supply::SupplyNode& node : nodes) kinds.emplace(node.code, node.kind);
  std::set<std::string> known;
  for (const supply::Medicine& m : medicines) known.insert(m.code);
  std::vector<std::string> errors;
  for (const Row& row : rows) {
    auto kind = kinds.find(row.node);
    if (kind == kinds.end()) {
      errors.push_back(fmt::format("{}/{}: node \"{}\" is not a known supply node", row.node,
                                   row.medicine, row.node));
    } else if (factories_only && kind->second != supply::NodeKind::kFactory) {
      errors.push_back(
          fmt::format("{}/{}: node {} is not a factory", row.node, row.medicine, row.node));
    }
    if (!known.contains(row.medicine)) {
      errors.push_back(fmt::format("{}/{}: medicine \"{}\" is not in the catalogue", row.node,
                                   row.medicine, row.medicine));
    }
  }
  return ListErrors(what, std::move(errors));
}

}  // namespace

Result<store::WriteCounts> SupplyService::ImportReserve(std::string_view csv,
                                                        std::string_view source,
                                                        const Actor& actor) {
  auto floors = record::ReadCsv(supply::ReserveFloorRecord(), csv, source);
  if (!floors.ok()) return floors.status();
  return SaveReserve(*floors, WithSource(actor, source));
}

Result<store::WriteCounts> SupplyService::SaveReserve(
    const std::vector<supply::NodeReserveFloor>& floors, const Actor& actor) {
  if (Status s = record::Validate(supply::ReserveFloorRecord(), floors); !s.ok()) return s;
  std::lock_guard lock(mutex_);
  auto nodes = store_->Supply().LoadNodes();
  if (!nodes.ok()) return nodes.status();
  auto medicines = store_->Supply().LoadMedicines();
  if (!medicines.ok()) return medicines.status();
  if (Status s = CheckNodeMedicineRows(floors, *nodes, *medicines, "reserve floors", false);
      !s.ok()) {
    return s;
  }
  return store_->Supply().SaveReserveFloors(floors, Context(actor));
}

Result<std::vector<supply::NodeReserveFloor>> SupplyService::Reserve() const {
  std::lock_guard lock(mutex_);
  return store_->Supply().LoadReserveFloors();
}

Result<store::WriteCounts> SupplyService::ImportCapacities(std::string_view csv,
                                                           std::string_view source,
                                                           const Actor& actor) {
  auto capacities = record::ReadCsv(supply::CapacityRecord(), csv, source);
  if (!capacities.ok()) return capacities.status();
  return SaveCapacities(*capacities, WithSource(actor, source));
}

Result<store::WriteCounts> SupplyService::SaveCapacities(
    const std::vector<supply::FactoryCapacity>& capacities, const Actor& actor) {
  if (Status s = record::Validate(supply::CapacityRecord(), capacities); !s.ok()) return s;
  std::lock_guard lock(mutex_);
  auto nodes = store_->Supply().LoadNodes();
  if (!nodes.ok()) return nodes.status();
  auto medicines = store_->Supply().LoadMedicines();
  if (!medicines.ok()) return medicines.status();
  if (Status s = CheckNodeMedicineRows(capacities, *nodes, *medicines, "factory capacities", true);
      !s.ok()) {
    return s;
  }
  return store_->Supply().SaveCapacities(capacities, Context(actor));
}

Result<std::vector<supply::FactoryCapacity>> SupplyService::Capacities() const {
  std::lock_guard lock(mutex_);
  return store_->Supply().LoadCapacities();
}

// The ledger.

Result<supply::PostOutcome> SupplyService::ImportLedger(std::string_view csv,
                                                        std::string_view source, bool draw_reserve,
                                                        const Actor& actor) {
  auto file = supply::ParseLedgerCsv(csv, source);
  if (!file.ok()) return file.status();
  for (supply::PostRequest& request : file->requests) request.draw_reserve = draw_reserve;
  auto entries = Post(file->lots, file->requests, WithSource(actor, source));
  if (!entries.ok() && !file->lines.empty()) {
    // The store names requests by their position; the file's users think in lines.
    std::string message = entries.status().message();
    std::vector<std::string> details = entries.status().details();
    for (std::string* text : [&] {
           std::vector<std::string*> all{&message};
           for (std::string& d : details) all.push_back(&d);
           return all;
         }()) {
      const size_t at = text->find("entry ");
      if (at == std::string::npos) continue;
      size_t end = at + 6;
      while (end < text->size() && std::isdigit(static_cast<unsigned char>((*text)[end]))) ++end;
      const int index = std::atoi(text->substr(at + 6, end - at - 6).c_str());
      if (index >= 1 && index <= static_cast<int>(file->lines.size())) {
        text->replace(at, end - at, fmt::format("{}:{}", source, file->lines[index - 1]));
      }
    }
    return Status(entries.status().code(), message, std::move(details));
  }
  return entries;
}

Result<supply::PostOutcome> SupplyService::Post(const std::vector<supply::Lot>& new_lots,
                                                std::vector<supply::PostRequest> requests,
                                                const Actor& actor) {
  if (requests.empty()) return Status::InvalidArgument("no movements to record");
  for (const supply::PostRequest& request : requests) {
    if (request.kind == supply::EntryKind::kTransferIn ||
        request.kind == supply::EntryKind::kTransferOut) {
      return Status::InvalidArgument(
          "kind: transfers are recorded by dispatching and receiving shipments, not by hand");
    }
  }
  const Date today = Today();
  for (size_t idx = 0; idx < requests.size(); ++idx) {
    if (requests[idx].day > today) {
      return Status::InvalidArgument(
          fmt::format("entry {}: day: {} is in the future", idx + 1, requests[idx].day.ToString()));
    }
  }
  std::lock_guard lock(mutex_);
  ForgetCover();
  return store_->Supply().Post(new_lots, requests, Context(actor));
}

Result<std::vector<supply::LedgerEntry>> SupplyService::Ledger(std::string_view region,
                                                               store::LedgerQuery query) const {
  auto nodes = Nodes(region);
  if (!nodes.ok()) return nodes.status();
  std::set<std::string> inside;
  for (const supply::SupplyNode& node : *nodes) inside.insert(node.code);
  if (query.nodes.empty()) {
    query.nodes.assign(inside.begin(), inside.end());
    if (query.nodes.empty()) return std::vector<supply::LedgerEntry>{};
  } else {
    for (const std::string& node : query.nodes) {
      if (!inside.contains(node)) {
        return Status::NotFound(fmt::format("no supply node \"{}\" under {}", node, region));
      }
    }
  }
  std::lock_guard lock(mutex_);
  return store_->Supply().LoadLedger(query);
}

// Shipments.

Result<std::vector<int64_t>> SupplyService::CreateShipments(
    const std::vector<supply::Shipment>& shipments, const Actor& actor) {
  std::lock_guard lock(mutex_);
  auto nodes = store_->Supply().LoadNodes();
  if (!nodes.ok()) return nodes.status();
  auto medicines = store_->Supply().LoadMedicines();
  if (!medicines.ok()) return medicines.status();
  std::set<std::string> node_codes, medicine_codes;
  for (const supply::SupplyNode& n : *nodes) node_codes.insert(n.code);
  for (const supply::Medicine& m : *medicines) medicine_codes.insert(m.code);
  std::vector<std::string> errors;
  for (size_t idx = 0; idx < shipments.size(); ++idx) {
    const supply::Shipment& s = shipments[idx];
    if (Status valid = supply::ValidateNewShipment(s); !valid.ok()) {
      for (const std::string& d : valid.details()) {
        errors.push_back(fmt::format("shipment {}: {}", idx + 1, d));
      }
    }
    for (const std::string* node : {&s.from, &s.to}) {
      if (!node->empty() && !node_codes.contains(*node)) {
        errors.push_back(
            fmt::format("shipment {}: node \"{}\" is not a known supply node", idx + 1, *node));
      }
    }
    for (const supply::ShipmentLine& line : s.lines) {
      if (!line.medicine.empty() && !medicine_codes.contains(line.medicine)) {
        errors.push_back(fmt::format("shipment {}: medicine \"{}\" is not in the catalogue",
                                     idx + 1, line.medicine));
      }
    }
  }
  if (shipments.empty()) errors.push_back("no shipments given");
  if (Status s = ListErrors("shipments", std::move(errors)); !s.ok()) return s;
  return store_->Supply().CreateShipments(shipments, Context(actor));
}

Result<supply::Shipment> SupplyService::FindShipment(int64_t id) const {
  std::lock_guard lock(mutex_);
  auto found = store_->Supply().FindShipment(id);
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound(fmt::format("no shipment {}", id));
  return std::move(**found);
}

Result<std::vector<supply::Shipment>> SupplyService::Shipments(std::string_view region,
                                                               store::ShipmentQuery query) const {
  auto nodes = Nodes(region);
  if (!nodes.ok()) return nodes.status();
  if (query.nodes.empty()) {
    for (const supply::SupplyNode& node : *nodes) query.nodes.push_back(node.code);
    if (query.nodes.empty()) return std::vector<supply::Shipment>{};
  }
  std::lock_guard lock(mutex_);
  return store_->Supply().ListShipments(query);
}

Result<supply::Shipment> SupplyService::Approve(int64_t id, const Actor& actor) {
  std::lock_guard lock(mutex_);
  return store_->Supply().ApproveShipment(id, Context(actor));
}

Result<supply::Shipment> SupplyService::Cancel(int64_t id, const Actor& actor) {
  if (actor.reason.empty()) return Status::InvalidArgument("reason: a cancellation needs a reason");
  std::lock_guard lock(mutex_);
  return store_->Supply().CancelShipment(id, Context(actor));
}

Result<supply::Shipment> SupplyService::Dispatch(int64_t id, std::optional<Date> day,
                                                 const Actor& actor) {
  std::lock_guard lock(mutex_);
  auto shipment = store_->Supply().FindShipment(id);
  if (!shipment.ok()) return shipment.status();
  if (!*shipment) return Status::NotFound(fmt::format("no shipment {}", id));
  // Without a day: the planned ship day, unless that is still ahead (then today).
  const Date when = day.value_or(std::min((*shipment)->ship_day, Today()));
  if (when > Today())
    return Status::InvalidArgument("day: " + when.ToString() + " is in the future");
  ForgetCover();
  return store_->Supply().DispatchShipment(id, when, (*shipment)->reserve_order, Context(actor));
}

Result<supply::Shipment> SupplyService::Receive(int64_t id, std::optional<Date> day,
                                                const std::vector<supply::ReceivedCount>& counts,
                                                const Actor& actor) {
  std::lock_guard lock(mutex_);
  auto shipment = store_->Supply().FindShipment(id);
  if (!shipment.ok()) return shipment.status();
  if (!*shipment) return Status::NotFound(fmt::format("no shipment {}", id));
  // Without a day: the expected arrival day, unless that is still ahead (then today).
  const Date when = day.value_or(std::min((*shipment)->arrival_day, Today()));
  if (when > Today())
    return Status::InvalidArgument("day: " + when.ToString() + " is in the future");
  ForgetCover();
  return store_->Supply().ReceiveShipment(id, when, counts, Context(actor));
}

Result<std::vector<store::SupplyPlanRecord>> SupplyService::Plans() const {
  std::lock_guard lock(mutex_);
  auto plans = store_->Supply().ListPlans();
  if (!plans.ok()) return plans.status();
  for (store::SupplyPlanRecord& plan : *plans) {
    if (Status s = ReadStaleness(plan); !s.ok()) return s;
  }
  return plans;
}

Result<store::SupplyPlanRecord> SupplyService::FindPlan(int64_t id) const {
  std::lock_guard lock(mutex_);
  auto found = store_->Supply().FindPlan(id);
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound(fmt::format("no distribution plan {}", id));
  if (Status s = ReadStaleness(**found); !s.ok()) return s;
  return std::move(**found);
}

Status SupplyService::ReadStaleness(store::SupplyPlanRecord& plan) const {
  if (plan.status != "proposed") return Status::Ok();
  auto changes = store_->Supply().ChangesAffectingPlans(plan.basis_change);
  if (!changes.ok()) return changes.status();
  plan.stale_changes = *changes;
  return Status::Ok();
}

std::vector<std::string> SupplyService::ScopesUnder(std::string_view scope) const {
  return surveillance_.WithTree([&](const RegionTree& tree) {
    std::vector<std::string> out;
    const std::optional<RegionIdx> top = tree.Find(scope);
    if (!top) return out;
    for (RegionIdx idx = 0; idx < tree.size(); ++idx) {
      if (tree.IsInSubtree(*top, idx)) out.push_back(tree.region(idx).code);
    }
    return out;
  });
}

Result<store::AdoptOutcome> SupplyService::Adopt(int64_t id, bool confirm_stale,
                                                 const Actor& actor) {
  std::lock_guard lock(mutex_);
  auto plan = store_->Supply().FindPlan(id);
  if (!plan.ok()) return plan.status();
  if (!*plan) return Status::NotFound(fmt::format("no distribution plan {}", id));
  store::AdoptOptions options;
  options.confirm_stale = confirm_stale;
  options.superseding = ScopesUnder((*plan)->scope);
  return store_->Supply().AdoptPlan(id, options, Context(actor));
}

}  // namespace outbreak::app
