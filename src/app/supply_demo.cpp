#include "app/supply_demo.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "app/file_text.hpp"
#include "core/csv_rows.hpp"
#include "supply/demand.hpp"

namespace outbreak::app {

namespace {

const Date kOpeningDay = Date::FromCivil(2022, 5, 12);
const Date kLastIssueDay = Date::FromCivil(2022, 5, 20);
constexpr char kCentralBase[] = "CB-KP";
constexpr double kReserveShare = 0.3;  // of the central base's opening stock of reserve medicines
constexpr int64_t kDemoLinkCapacity = 0;  // links are not limited in the demo

struct OpeningLot {
  supply::Lot lot;
  int64_t central_units = 0;
  double provincial_per_1000 = 0;
  double county_per_1000 = 0;
};

Result<std::vector<OpeningLot>> ParseOpening(std::string_view text, std::string_view source) {
  CsvRows rows(text, source);
  if (Status s = rows.Header({"medicine", "lot", "expiry", "maker", "central_units",
                              "provincial_per_1000", "county_per_1000"},
                             {});
      !s.ok()) {
    return s;
  }
  std::vector<OpeningLot> out;
  while (rows.Next()) {
    OpeningLot lot;
    lot.lot = {std::string(rows.Field("medicine")), std::string(rows.Field("lot")),
               rows.DateField("expiry"), std::string(rows.Field("maker"))};
    lot.central_units = rows.Count("central_units");
    lot.provincial_per_1000 = rows.Number("provincial_per_1000");
    lot.county_per_1000 = rows.Number("county_per_1000");
    out.push_back(std::move(lot));
  }
  if (Status s = rows.Finish(); !s.ok()) return s;
  return out;
}

std::vector<supply::SupplyNode> DemoNodes(const RegionTree& tree) {
  std::vector<supply::SupplyNode> nodes = {
      {"F-PYONGYANG", "Pyongyang Pharmaceutical Factory", supply::NodeKind::kFactory, "KP-01-002",
       0},
      {"F-SUNCHON", "Sunchon Pharmaceutical Factory", supply::NodeKind::kFactory, "KP-02-004", 0},
      {"F-KORYO", "Koryo Medicine Factory", supply::NodeKind::kFactory, "KP-01-019", 0},
  };
  for (RegionIdx idx = 0; idx < tree.size(); ++idx) {
    const Region& region = tree.region(idx);
    if (region.level == 0) {
      nodes.push_back(
          {kCentralBase, "Central medicine base", supply::NodeKind::kCentralBase, region.code, 0});
    } else if (region.level == 1) {
      nodes.push_back({"PC-" + region.code, region.name + " medicine supply centre",
                       supply::NodeKind::kProvincialCentre, region.code, 0});
    } else if (tree.IsLeaf(idx)) {
      nodes.push_back({"CO-" + region.code, region.name + " medicine supply base",
                       supply::NodeKind::kCountyBase, region.code, 0});
    }
  }
  return nodes;
}

int64_t Units(double per_1000, int64_t population) {
  return std::llround(per_1000 * static_cast<double>(population) / 1000);
}

// How much better or worse than the file's rate a node was stocked, from 0.45 to 1.75 times:
// provinces and counties were not supplied alike, so the demo's views show where medicine is
// short and where it is not. Fixed by the node's and the medicine's codes (FNV-1a), so every
// demo is the same.
double Variety(const std::string& node, const std::string& medicine) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : node + "/" + medicine) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return 0.45 + 1.3 * static_cast<double>(hash % 10'000) / 10'000.0;
}

}  // namespace

Result<SupplyDemoSummary> LoadSupplyDemo(const SurveillanceService& surveillance,
                                         SupplyService& supply, const std::string& data_dir,
                                         const std::string& user) {
  const std::string folder = data_dir + "/dprk2022/supply";
  const Actor actor{user, "demo: illustrative supply data (docs/supply.md)", "demo (illustrative)"};
  SupplyDemoSummary summary;
  auto text = [&](const char* name) { return ReadFileText(folder + "/" + name); };

  auto medicines_csv = text("medicines.csv");
  if (!medicines_csv.ok()) return medicines_csv.status();
  auto medicines = supply.ImportMedicines(*medicines_csv, folder + "/medicines.csv", actor);
  if (!medicines.ok()) return medicines.status();
  summary.medicines = medicines->added + medicines->updated + medicines->unchanged;
  auto protocols_csv = text("protocols.csv");
  if (!protocols_csv.ok()) return protocols_csv.status();
  auto protocols = supply.ImportProtocols(*protocols_csv, folder + "/protocols.csv", actor);
  if (!protocols.ok()) return protocols.status();

  const RegionTree& tree = surveillance.tree();
  if (tree.empty()) return Status::InvalidArgument("load the demo regions first");
  const std::vector<supply::SupplyNode> nodes = DemoNodes(tree);
  auto saved = supply.SaveNodes(nodes, actor);
  if (!saved.ok()) return saved.status();
  summary.nodes = static_cast<int64_t>(nodes.size());
  auto links = supply.AddDefaultLinks(kDemoLinkCapacity, actor);
  if (!links.ok()) return links.status();
  auto all_links = supply.Links(tree.region(0).code);
  if (!all_links.ok()) return all_links.status();
  summary.links = static_cast<int64_t>(all_links->size());
  auto capacities_csv = text("capacities.csv");
  if (!capacities_csv.ok()) return capacities_csv.status();
  auto capacities = supply.ImportCapacities(*capacities_csv, folder + "/capacities.csv", actor);
  if (!capacities.ok()) return capacities.status();

  auto opening_csv = text("opening_stock.csv");
  if (!opening_csv.ok()) return opening_csv.status();
  auto opening = ParseOpening(*opening_csv, folder + "/opening_stock.csv");
  if (!opening.ok()) return opening.status();
  std::vector<supply::NodeReserveFloor> floors;
  std::map<std::string, bool> reserve;
  if (auto catalogue = supply.Medicines(); catalogue.ok()) {
    for (const supply::Medicine& m : *catalogue) reserve[m.code] = m.national_reserve;
  }
  std::map<std::string, int64_t> central_by_medicine;
  for (const OpeningLot& lot : *opening) central_by_medicine[lot.lot.medicine] += lot.central_units;
  for (const auto& [medicine, units] : central_by_medicine) {
    if (reserve[medicine]) {
      floors.push_back({kCentralBase, medicine, std::llround(units * kReserveShare)});
    }
  }
  if (auto s = supply.SaveReserve(floors, actor); !s.ok()) return s.status();

  // The ledger once: opening stock, then the first days' issues to patients.
  store::LedgerQuery existing;
  existing.limit = 1;
  auto entries = supply.Ledger(tree.region(0).code, existing);
  if (!entries.ok()) return entries.status();
  if (!entries->empty()) return summary;

  std::vector<supply::Lot> lots;
  std::vector<supply::PostRequest> receipts;
  auto receive = [&](const std::string& node, const OpeningLot& lot, int64_t units) {
    if (units <= 0) return;
    supply::PostRequest request;
    request.kind = supply::EntryKind::kReceipt;
    request.node = node;
    request.medicine = lot.lot.medicine;
    request.lot = lot.lot.lot;
    request.quantity = units;
    request.day = kOpeningDay;
    request.reason = "opening stock";
    receipts.push_back(std::move(request));
  };
  for (const OpeningLot& lot : *opening) {
    lots.push_back(lot.lot);
    receive(kCentralBase, lot, lot.central_units);
    for (const supply::SupplyNode& node : nodes) {
      const int64_t population = tree.region(*tree.Find(node.region)).population;
      const double variety = Variety(node.code, lot.lot.medicine);
      if (node.kind == supply::NodeKind::kProvincialCentre) {
        receive(node.code, lot, Units(lot.provincial_per_1000 * variety, population));
      } else if (node.kind == supply::NodeKind::kCountyBase) {
        receive(node.code, lot, Units(lot.county_per_1000 * variety, population));
      }
    }
  }
  auto opened = supply.Post(lots, receipts, actor);
  if (!opened.ok()) return opened.status();
  summary.ledger_entries += static_cast<int64_t>(opened->entries.size());

  // Issues at the county bases: the need of their cases by the protocols, as far as stock goes.
  auto protocol_list = supply.Protocols();
  if (!protocol_list.ok()) return protocol_list.status();
  std::map<std::string, std::vector<supply::TreatmentProtocol>> by_medicine;
  for (const supply::TreatmentProtocol& p : *protocol_list) {
    if (p.case_type == "fever") by_medicine[p.medicine].push_back(p);
  }
  const int course = supply::LongestCourseDays(*protocol_list);
  const int issue_days = kLastIssueDay - kOpeningDay;
  std::map<std::pair<std::string, std::string>, int64_t> left;
  for (const supply::PostRequest& r : receipts) left[{r.node, r.medicine}] += r.quantity;
  std::vector<supply::PostRequest> issues;
  for (const supply::SupplyNode& node : nodes) {
    if (node.kind != supply::NodeKind::kCountyBase) continue;
    auto series = surveillance.Series(node.region, kOpeningDay - course, kLastIssueDay);
    if (!series.ok()) return series.status();
    std::vector<double> cases;
    for (const surveillance::SeriesPoint& point : *series) {
      cases.push_back(static_cast<double>(point.day.new_fever));
    }
    for (const auto& [medicine, list] : by_medicine) {
      const std::vector<double> need =
          supply::DailyNeed(list, cases, static_cast<size_t>(course + 1));
      for (int day_idx = 0; day_idx < issue_days && day_idx < static_cast<int>(need.size());
           ++day_idx) {
        int64_t& stock = left[{node.code, medicine}];
        const int64_t units = std::min<int64_t>(stock, std::llround(need[day_idx]));
        if (units <= 0) continue;
        stock -= units;
        supply::PostRequest request;
        request.kind = supply::EntryKind::kIssue;
        request.node = node.code;
        request.medicine = medicine;
        request.quantity = units;
        request.day = kOpeningDay + 1 + day_idx;
        issues.push_back(std::move(request));
      }
    }
  }
  std::stable_sort(
      issues.begin(), issues.end(),
      [](const supply::PostRequest& a, const supply::PostRequest& b) { return a.day < b.day; });
  auto issued = supply.Post({}, issues, actor);
  if (!issued.ok()) return issued.status();
  summary.ledger_entries += static_cast<int64_t>(issued->entries.size());

  // Three shipments from the central base: received with a loss, on its way, and planned.
  auto ship = [&](const std::string& to, std::vector<supply::ShipmentLine> lines, Date day,
                  int transit_days) {
    supply::Shipment shipment;
    shipment.from = kCentralBase;
    shipment.to = to;
    shipment.ship_day = day;
    shipment.arrival_day = day + transit_days;
    shipment.lines = std::move(lines);
    shipment.note = "demo";
    return shipment;
  };
  auto created = supply.CreateShipments(
      {ship("PC-KP-02", {{"PARA-500", 600000}, {"ORS", 80000}}, Date::FromCivil(2022, 5, 17), 1),
       ship("PC-KP-08", {{"PARA-500", 800000}, {"KORYO-AGU", 120000}}, Date::FromCivil(2022, 5, 19),
            2),
       ship("PC-KP-04", {{"PARA-500", 500000}}, Date::FromCivil(2022, 5, 21), 2)},
      actor);
  if (!created.ok()) return created.status();
  summary.shipments = static_cast<int64_t>(created->size());
  for (int64_t id : {(*created)[0], (*created)[1]}) {
    auto approved = supply.Approve(id, actor);
    if (!approved.ok()) return approved.status();
  }
  auto first = supply.Dispatch((*created)[0], Date::FromCivil(2022, 5, 17), actor);
  if (!first.ok()) return first.status();
  std::vector<supply::ReceivedCount> counts;
  for (const supply::ShipmentLot& lot : first->lots) {
    const bool short_line = lot.medicine == "PARA-500";
    counts.push_back({lot.medicine, lot.lot, short_line ? lot.sent - 12000 : lot.sent,
                      short_line ? "12 cartons water-damaged in transit" : "", false});
  }
  Actor receiver = actor;
  receiver.reason = "counted on arrival at the South Phyongan supply centre";
  auto received = supply.Receive((*created)[0], Date::FromCivil(2022, 5, 18), counts, receiver);
  if (!received.ok()) return received.status();
  auto second = supply.Dispatch((*created)[1], Date::FromCivil(2022, 5, 19), actor);
  if (!second.ok()) return second.status();
  return summary;
}

}  // namespace outbreak::app
