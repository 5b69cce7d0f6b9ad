// The store contract of the medicine supply, on every backend: reference data, the append-only
// ledger and its rules under concurrent writers, shipments and their custody, and plans.

#include <algorithm>
#include <atomic>
#include <thread>

#include <fmt/format.h>

#include "store/supply_store.hpp"
#include "store_contract_fixture.hpp"

namespace outbreak::store {
namespace {

class SupplyStoreContractTest : public StoreContractTest {
 protected:
  void SetUp() override {
    StoreContractTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    supply::Medicine para;
    para.code = "PARA";
    para.name = "Paracetamol 500 mg";
    para.unit = "tablet";
    para.category = supply::MedicineCategory::kAntipyretic;
    para.essential = true;
    ASSERT_TRUE(Supply().SaveMedicines(std::vector{para}, Context("hq")).ok());
    std::vector<supply::SupplyNode> nodes = {
        {"CB", "Central base", supply::NodeKind::kCentralBase, "KP", 0},
        {"CO-1", "County 1", supply::NodeKind::kCountyBase, "KP-01-001", 1000},
        {"CO-2", "County 2", supply::NodeKind::kCountyBase, "KP-01-002", 0}};
    ASSERT_TRUE(Supply().SaveNodes(nodes, Context("hq")).ok());
    std::vector<supply::Lot> lots = {{"PARA", "L-EARLY", Day(30), "F1"},
                                     {"PARA", "L-LATE", Day(300), "F1"}};
    std::vector<supply::PostRequest> receipts = {Receipt("CB", "L-EARLY", 100),
                                                 Receipt("CB", "L-LATE", 1000)};
    auto posted = Supply().Post(lots, receipts, Context("hq"));
    ASSERT_TRUE(posted.ok()) << posted.status().ToString();
  }

  SupplyStore& Supply() { return store_->Supply(); }
  static Date Day(int offset) { return Date::FromCivil(2022, 5, 12) + offset; }
  static supply::PostRequest Receipt(const std::string& node, const std::string& lot,
                                     int64_t quantity) {
    supply::PostRequest request;
    request.kind = supply::EntryKind::kReceipt;
    request.node = node;
    request.medicine = "PARA";
    request.lot = lot;
    request.quantity = quantity;
    request.day = Day(0);
    return request;
  }
  static supply::PostRequest Issue(const std::string& node, int64_t quantity, int day = 1) {
    supply::PostRequest request;
    request.kind = supply::EntryKind::kIssue;
    request.node = node;
    request.medicine = "PARA";
    request.quantity = quantity;
    request.day = Day(day);
    return request;
  }
  int64_t OnHand(const std::string& node) {
    auto balances = Supply().LoadBalances(std::nullopt);
    EXPECT_TRUE(balances.ok());
    int64_t total = 0;
    for (const supply::StockRow& row : *balances) {
      if (row.node == node) total += row.quantity;
    }
    return total;
  }
  size_t LedgerSize() {
    LedgerQuery query;
    query.limit = 100000;
    auto entries = Supply().LoadLedger(query);
    EXPECT_TRUE(entries.ok());
    return entries.ok() ? entries->size() : 0;
  }
  int64_t ShipToCounty(int64_t quantity) {
    supply::Shipment shipment;
    shipment.from = "CB";
    shipment.to = "CO-1";
    shipment.ship_day = Day(2);
    shipment.arrival_day = Day(3);
    shipment.lines = {{"PARA", quantity}};
    auto ids = Supply().CreateShipments(std::vector{shipment}, Context("officer"));
    EXPECT_TRUE(ids.ok()) << ids.status().ToString();
    return ids.ok() ? ids->front() : 0;
  }
};

TEST_P(SupplyStoreContractTest, ReferenceDataRoundTripsAndAChangeIsAudited) {
  auto medicines = Supply().LoadMedicines();
  ASSERT_TRUE(medicines.ok());
  ASSERT_EQ(medicines->size(), 1u);
  supply::Medicine para = medicines->front();
  EXPECT_TRUE(para.essential);
  para.national_reserve = true;
  auto counts = Supply().SaveMedicines(std::vector{para}, Context("hq"));
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->updated, 1);
  AuditQuery query;
  query.action = "medicine.update";
  EXPECT_EQ(store_->ListAudit(query)->size(), 1u);
  auto again = Supply().SaveMedicines(std::vector{para}, Context("hq"));
  EXPECT_EQ(again->unchanged, 1);
}

TEST_P(SupplyStoreContractTest, IssuesPickLotsFirstExpiryFirstAndStockIsTheSumOfEntries) {
  auto posted = Supply().Post({}, std::vector{Issue("CB", 150)}, Context("clerk"));
  ASSERT_TRUE(posted.ok()) << posted.status().ToString();
  const std::vector<supply::LedgerEntry>& entries = posted->entries;
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].lot, "L-EARLY");
  EXPECT_EQ(entries[0].quantity, -100);
  EXPECT_EQ(entries[1].quantity, -50);
  EXPECT_EQ(OnHand("CB"), 950);
  auto before = Supply().LoadBalances(Day(0));
  ASSERT_TRUE(before.ok());
  int64_t then = 0;
  for (const supply::StockRow& row : *before) then += row.quantity;
  EXPECT_EQ(then, 1100);  // as of the receipt day, before the issue
}

TEST_P(SupplyStoreContractTest, AMovementPostedAgainUnderItsIdentityChangesNothing) {
  supply::PostRequest issue = Issue("CB", 150);
  issue.movement = "issue-0001";
  supply::PostRequest other = Issue("CB", 20);
  other.movement = "issue-0002";
  auto first = Supply().Post({}, std::vector{issue, other}, Context("clerk"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->unchanged, 0);
  const size_t entries = LedgerSize();
  // Sent again, whole or in part, with a movement of its own: only the new one is written.
  supply::PostRequest third = Issue("CB", 5);
  third.movement = "issue-0003";
  auto again = Supply().Post({}, std::vector{issue, other, third}, Context("clerk"));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->unchanged, 2);
  EXPECT_EQ(again->entries.size(), 1u);
  EXPECT_EQ(LedgerSize(), entries + 1);
  EXPECT_EQ(OnHand("CB"), 1100 - 150 - 20 - 5);
  // Everything posted already: nothing written at all.
  auto nothing = Supply().Post({}, std::vector{issue}, Context("clerk"));
  ASSERT_TRUE(nothing.ok()) << nothing.status().ToString();
  EXPECT_TRUE(nothing->entries.empty());
  EXPECT_EQ(nothing->unchanged, 1);
  // Another movement under a used identity: refused with both shown, nothing written.
  supply::PostRequest changed = issue;
  changed.quantity = 151;
  supply::PostRequest fresh = Issue("CB", 1);
  fresh.movement = "issue-0004";
  auto clash = Supply().Post({}, std::vector{fresh, changed}, Context("clerk"));
  ASSERT_EQ(clash.status().code(), StatusCode::kConflict) << clash.status().ToString();
  ASSERT_EQ(clash.status().details().size(), 1u);
  EXPECT_NE(clash.status().details()[0].find("issue of 150 PARA at CB"), std::string::npos)
      << clash.status().details()[0];
  EXPECT_NE(clash.status().details()[0].find("issue of 151 PARA at CB"), std::string::npos);
  EXPECT_EQ(OnHand("CB"), 1100 - 150 - 20 - 5);
  // Twice in one post, the same: written once.
  supply::PostRequest twice = Issue("CB", 2);
  twice.movement = "issue-0005";
  auto doubled = Supply().Post({}, std::vector{twice, twice}, Context("clerk"));
  ASSERT_TRUE(doubled.ok()) << doubled.status().ToString();
  EXPECT_EQ(doubled->unchanged, 1);
  EXPECT_EQ(OnHand("CB"), 1100 - 150 - 20 - 5 - 2);
}

TEST_P(SupplyStoreContractTest, AnIssueBeyondStockOrOfAnUnknownNodeWritesNothing) {
  const size_t before = LedgerSize();
  auto too_much = Supply().Post({}, std::vector{Issue("CB", 1101)}, Context("clerk"));
  EXPECT_EQ(too_much.status().code(), StatusCode::kConflict);
  auto unknown =
      Supply().Post({}, std::vector{Issue("CB", 1), Issue("NOWHERE", 1)}, Context("clerk"));
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  supply::PostRequest stranger = Issue("CB", 1);
  stranger.lot = "L-UNKNOWN";
  EXPECT_FALSE(Supply().Post({}, std::vector{stranger}, Context("clerk")).ok());
  EXPECT_EQ(LedgerSize(), before);
  EXPECT_EQ(OnHand("CB"), 1100);
}

TEST_P(SupplyStoreContractTest, ReserveFloorsHoldUnlessTheHeadquartersOrders) {
  ASSERT_TRUE(Supply()
                  .SaveReserveFloors(std::vector<supply::NodeReserveFloor>{{"CB", "PARA", 1000}},
                                     Context("hq"))
                  .ok());
  auto refused = Supply().Post({}, std::vector{Issue("CB", 101)}, Context("clerk"));
  EXPECT_EQ(refused.status().code(), StatusCode::kForbidden);
  supply::PostRequest order = Issue("CB", 101);
  order.draw_reserve = true;
  EXPECT_TRUE(Supply().Post({}, std::vector{order}, Context("hq")).ok());
}

// Writers on connections of their own, all issuing from the same stock at once: the ledger never
// goes below zero and the balance is the sum of what was accepted.
TEST_P(SupplyStoreContractTest, ConcurrentWritersNeverTakeStockBelowZero) {
  const std::string database = database_;
  constexpr int kWriters = 4;
  constexpr int kAttempts = 30;
  std::atomic<int64_t> accepted{0};
  std::vector<std::thread> writers;
  for (int writer = 0; writer < kWriters; ++writer) {
    writers.emplace_back([&, writer] {
      auto store = app::OpenStore(database);
      ASSERT_TRUE(store.ok()) << store.status().ToString();
      for (int attempt = 0; attempt < kAttempts; ++attempt) {
        auto entries = (*store)->Supply().Post({}, std::vector{Issue("CB", 10)},
                                               Context("w" + std::to_string(writer)));
        if (entries.ok()) {
          accepted += 10;
        } else {
          EXPECT_TRUE(entries.status().code() == StatusCode::kConflict ||
                      entries.status().code() == StatusCode::kUnavailable)
              << entries.status().ToString();
        }
      }
    });
  }
  for (std::thread& thread : writers) thread.join();
  EXPECT_EQ(accepted.load(), 1100);  // 120 attempts of 10 for 1,100 in stock
  EXPECT_EQ(OnHand("CB"), 0);
  auto balances = Supply().LoadBalances(std::nullopt);
  for (const supply::StockRow& row : *balances) EXPECT_GE(row.quantity, 0);
}

TEST_P(SupplyStoreContractTest, AShipmentConservesQuantityThroughItsChainOfCustody) {
  const int64_t id = ShipToCounty(150);
  EXPECT_EQ(Supply().DispatchShipment(id, Day(2), false, Context("officer")).status().code(),
            StatusCode::kConflict);  // not approved yet
  ASSERT_TRUE(Supply().ApproveShipment(id, Context("hq")).ok());
  auto dispatched = Supply().DispatchShipment(id, Day(2), false, Context("officer"));
  ASSERT_TRUE(dispatched.ok()) << dispatched.status().ToString();
  ASSERT_EQ(dispatched->lots.size(), 2u);  // 100 of L-EARLY, 50 of L-LATE
  EXPECT_EQ(OnHand("CB"), 950);
  std::vector<supply::ReceivedCount> counts;
  for (const supply::ShipmentLot& lot : dispatched->lots) {
    counts.push_back({lot.medicine, lot.lot, lot.lot == "L-LATE" ? lot.sent - 5 : lot.sent,
                      lot.lot == "L-LATE" ? "a torn carton" : "", false});
  }
  auto more = counts;
  more[0].received += 1;
  EXPECT_EQ(Supply().ReceiveShipment(id, Day(3), more, Context("clerk")).status().code(),
            StatusCode::kInvalidArgument);
  auto received = Supply().ReceiveShipment(id, Day(3), counts, Context("clerk"));
  ASSERT_TRUE(received.ok()) << received.status().ToString();
  for (const supply::ShipmentLot& lot : received->lots)
    EXPECT_EQ(lot.sent, lot.received + lot.lost);
  EXPECT_EQ(OnHand("CO-1"), 145);
  EXPECT_EQ(received->custody.size(), 4u);  // planned, approved, dispatched, received
  EXPECT_EQ(received->custody.back().by, "clerk");
  EXPECT_EQ(Supply().ReceiveShipment(id, Day(4), counts, Context("clerk")).status().code(),
            StatusCode::kConflict);  // received twice
  auto recall = Supply().ShipmentsWithLot("PARA", "L-EARLY");
  ASSERT_TRUE(recall.ok());
  ASSERT_EQ(recall->size(), 1u);
  EXPECT_EQ(recall->front().id, id);
}

TEST_P(SupplyStoreContractTest, ACancelledShipmentCannotBeDispatched) {
  const int64_t id = ShipToCounty(10);
  ASSERT_TRUE(Supply().CancelShipment(id, Context("hq", "not needed")).ok());
  auto dispatch = Supply().DispatchShipment(id, Day(2), false, Context("officer"));
  EXPECT_EQ(dispatch.status().code(), StatusCode::kConflict);
  EXPECT_NE(dispatch.status().message().find("cancelled"), std::string::npos);
  EXPECT_EQ(OnHand("CB"), 1100);
}

SupplyPlanRecord OnePlan(int64_t basis_change, const std::string& to, int ship_day,
                         int64_t quantity) {
  SupplyPlanRecord plan;
  plan.as_of = Date::FromCivil(2022, 5, 13);
  plan.horizon_days = 7;
  plan.scope = "KP";
  plan.detail = "{}";
  plan.basis_change = basis_change;
  supply::Shipment shipment;
  shipment.from = "CB";
  shipment.to = to;
  shipment.ship_day = Date::FromCivil(2022, 5, 12) + ship_day;
  shipment.arrival_day = shipment.ship_day + 1;
  shipment.lines = {{"PARA", quantity}};
  plan.shipments = {shipment};
  return plan;
}

TEST_P(SupplyStoreContractTest, APlanIsAdoptedOnceIntoPlannedShipments) {
  auto basis = store_->LastChange();
  ASSERT_TRUE(basis.ok());
  auto id = Supply().SavePlan(OnePlan(*basis, "CO-2", 2, 40), Context("hq"));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto adopted = Supply().AdoptPlan(*id, {}, Context("hq"));
  ASSERT_TRUE(adopted.ok()) << adopted.status().ToString();
  ASSERT_EQ(adopted->created.size(), 1u);
  EXPECT_EQ(adopted->stale_changes, 0);
  auto made = Supply().FindShipment(adopted->created.front());
  ASSERT_TRUE(made.ok() && made->has_value());
  EXPECT_EQ((*made)->plan_id, *id);
  EXPECT_EQ((*made)->lines.front().quantity, 40);
  EXPECT_EQ(Supply().AdoptPlan(*id, {}, Context("hq")).status().code(), StatusCode::kConflict);
  EXPECT_EQ(Supply().AdoptPlan(*id + 100, {}, Context("hq")).status().code(),
            StatusCode::kNotFound);
}

TEST_P(SupplyStoreContractTest, APlanMadeBeforeAChangeIsAdoptedOnlyWhenConfirmed) {
  auto basis = store_->LastChange();
  ASSERT_TRUE(basis.ok());
  auto id = Supply().SavePlan(OnePlan(*basis, "CO-2", 2, 40), Context("hq"));
  ASSERT_TRUE(id.ok());
  // Another plan's proposal changes nothing a plan rests on.
  ASSERT_TRUE(Supply().SavePlan(OnePlan(*basis, "CO-1", 3, 5), Context("hq")).ok());
  EXPECT_EQ(*Supply().ChangesAffectingPlans(*basis), 0);
  ASSERT_TRUE(Supply().Post({}, std::vector{Issue("CB", 10)}, Context("clerk")).ok());
  EXPECT_EQ(*Supply().ChangesAffectingPlans(*basis), 1);

  auto refused = Supply().AdoptPlan(*id, {}, Context("hq"));
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_NE(refused.status().message().find("stale: 1 change"), std::string::npos)
      << refused.status().ToString();
  auto plan = Supply().FindPlan(*id);
  EXPECT_EQ((*plan)->status, "proposed");

  AdoptOptions confirmed;
  confirmed.confirm_stale = true;
  auto adopted = Supply().AdoptPlan(*id, confirmed, Context("hq"));
  ASSERT_TRUE(adopted.ok()) << adopted.status().ToString();
  EXPECT_EQ(adopted->stale_changes, 1);
  EXPECT_EQ(adopted->created.size(), 1u);
}

TEST_P(SupplyStoreContractTest, AdoptingAPlanSupersedesTheAdoptedPlanOfItsScopeInOneStep) {
  auto basis = store_->LastChange();
  ASSERT_TRUE(basis.ok());
  // The older plan ships on two days to CO-2 and on one to CO-1.
  SupplyPlanRecord one = OnePlan(*basis, "CO-2", 2, 40);
  one.shipments.push_back(OnePlan(*basis, "CO-1", 2, 20).shipments.front());
  one.shipments.push_back(OnePlan(*basis, "CO-2", 4, 10).shipments.front());
  auto older = Supply().SavePlan(one, Context("hq"));
  ASSERT_TRUE(older.ok());
  auto adopted_older = Supply().AdoptPlan(*older, {}, Context("hq"));
  ASSERT_TRUE(adopted_older.ok()) << adopted_older.status().ToString();
  ASSERT_EQ(adopted_older->created.size(), 3u);
  // One is approved, one dispatched, one left planned.
  const int64_t approved = adopted_older->created[0];
  const int64_t dispatched = adopted_older->created[1];
  const int64_t planned = adopted_older->created[2];
  ASSERT_TRUE(Supply().ApproveShipment(approved, Context("hq")).ok());
  ASSERT_TRUE(Supply().ApproveShipment(dispatched, Context("hq")).ok());
  ASSERT_TRUE(Supply().DispatchShipment(dispatched, Day(2), false, Context("officer")).ok());

  auto now = store_->LastChange();
  auto newer = Supply().SavePlan(OnePlan(*now, "CO-2", 5, 25), Context("hq"));
  ASSERT_TRUE(newer.ok());
  AdoptOptions options;
  options.superseding = {"KP", "KP-01", "KP-01-001", "KP-01-002"};
  auto adopted = Supply().AdoptPlan(*newer, options, Context("hq"));
  ASSERT_TRUE(adopted.ok()) << adopted.status().ToString();
  EXPECT_EQ(adopted->superseded, std::vector<int64_t>{*older});
  std::vector<int64_t> cancelled = adopted->cancelled;
  std::sort(cancelled.begin(), cancelled.end());
  EXPECT_EQ(cancelled,
            (std::vector<int64_t>{std::min(approved, planned), std::max(approved, planned)}));
  EXPECT_EQ((*Supply().FindShipment(dispatched))->status, supply::ShipmentStatus::kDispatched);
  EXPECT_EQ((*Supply().FindShipment(planned))->status, supply::ShipmentStatus::kCancelled);
  EXPECT_EQ((*Supply().FindShipment(planned))->custody.back().note,
            fmt::format("superseded by distribution plan {}", *newer));
  auto old_plan = Supply().FindPlan(*older);
  EXPECT_EQ((*old_plan)->status, "superseded");
  EXPECT_EQ((*old_plan)->superseded_by, *newer);
  EXPECT_EQ((*Supply().FindPlan(*newer))->status, "adopted");
}

TEST_P(SupplyStoreContractTest, APlanRaisesAnOrderNotYetGoneAndNeverOrdersTwice) {
  auto basis = store_->LastChange();
  const int64_t by_hand = ShipToCounty(10);  // CB -> CO-1 on day 2, planned
  ASSERT_GT(by_hand, 0);
  ASSERT_TRUE(Supply().ApproveShipment(by_hand, Context("hq")).ok());
  AdoptOptions confirmed;
  confirmed.confirm_stale = true;
  auto id = Supply().SavePlan(OnePlan(*basis, "CO-1", 2, 40), Context("hq"));
  ASSERT_TRUE(id.ok());
  auto adopted = Supply().AdoptPlan(*id, confirmed, Context("hq"));
  ASSERT_TRUE(adopted.ok()) << adopted.status().ToString();
  EXPECT_TRUE(adopted->created.empty());
  EXPECT_EQ(adopted->topped_up, std::vector<int64_t>{by_hand});
  auto raised = Supply().FindShipment(by_hand);
  EXPECT_EQ((*raised)->lines.front().quantity, 50);
  EXPECT_EQ((*raised)->status, supply::ShipmentStatus::kPlanned);  // to be approved again
  EXPECT_NE((*raised)->custody.back().note.find("topped up by distribution plan"),
            std::string::npos);
  ShipmentQuery all;
  all.limit = 1000;
  EXPECT_EQ(Supply().ListShipments(all)->size(), 1u);

  // Once it has left, a plan on the same order is refused and writes nothing.
  ASSERT_TRUE(Supply().ApproveShipment(by_hand, Context("hq")).ok());
  ASSERT_TRUE(Supply().DispatchShipment(by_hand, Day(2), false, Context("officer")).ok());
  auto again = Supply().SavePlan(OnePlan(*basis, "CO-1", 2, 5), Context("hq"));
  auto refused = Supply().AdoptPlan(*again, confirmed, Context("hq"));
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_NE(refused.status().message().find("has left already"), std::string::npos)
      << refused.status().ToString();
  EXPECT_EQ((*Supply().FindPlan(*again))->status, "proposed");
  EXPECT_EQ(Supply().ListShipments(all)->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, SupplyStoreContractTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace outbreak::store
