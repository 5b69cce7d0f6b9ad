#include "supply/stock_ledger.hpp"

#include <limits>
#include <map>
#include <random>

#include <gtest/gtest.h>

namespace outbreak::supply {
namespace {

const Date kDay = Date::FromCivil(2022, 5, 20);

StockBook BookWithTwoLots() {
  StockBook book;
  book.AddLot({"PARA", "L-LATE", kDay + 90, "Pyongyang Pharmaceutical"});
  book.AddLot({"PARA", "L-SOON", kDay + 10, "Pyongyang Pharmaceutical"});
  book.AddLot({"PARA", "L-GONE", kDay - 1, "Pyongyang Pharmaceutical"});
  book.SetBalance("CO-1", "PARA", "L-LATE", 100);
  book.SetBalance("CO-1", "PARA", "L-SOON", 30);
  book.SetBalance("CO-1", "PARA", "L-GONE", 50);
  return book;
}

PostRequest Issue(int64_t quantity, std::string lot = "") {
  PostRequest request;
  request.kind = EntryKind::kIssue;
  request.node = "CO-1";
  request.medicine = "PARA";
  request.lot = std::move(lot);
  request.quantity = quantity;
  request.day = kDay;
  return request;
}

TEST(StockLedger, IssuesPickTheFirstExpiringUsableLotFirst) {
  StockBook book = BookWithTwoLots();
  auto entries = book.Post(Issue(40));
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].lot, "L-SOON");
  EXPECT_EQ((*entries)[0].quantity, -30);
  EXPECT_EQ((*entries)[1].lot, "L-LATE");
  EXPECT_EQ((*entries)[1].quantity, -10);
  EXPECT_EQ(book.OnHand("CO-1", "PARA"), 140);  // 90 of L-LATE, 50 expired of L-GONE
}

TEST(StockLedger, ARecalledLotIsNeitherIssuedNorShippedButMayBeWrittenOff) {
  StockBook book = BookWithTwoLots();
  book.SetRecalled("PARA", "L-SOON", "recall 7");
  // FEFO passes over it: the issue takes the later lot.
  auto entries = book.Post(Issue(40));
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].lot, "L-LATE");
  // Named, it is refused, saying why.
  auto named = book.Post(Issue(5, "L-SOON"));
  ASSERT_FALSE(named.ok());
  EXPECT_EQ(named.status().code(), StatusCode::kConflict);
  EXPECT_NE(named.status().message().find("is recalled (recall 7)"), std::string::npos);
  // A shipment wanting more than the unrecalled stock is refused, naming what the recall blocks.
  PostRequest out = Issue(61);
  out.kind = EntryKind::kTransferOut;
  auto shipped = book.Post(out);
  ASSERT_FALSE(shipped.ok());
  EXPECT_NE(shipped.status().message().find("only 60 usable on hand (30 more in recalled lots"),
            std::string::npos)
      << shipped.status().message();
  // Destroyed under the recall: a loss of the lot is taken.
  PostRequest destroyed = Issue(30, "L-SOON");
  destroyed.kind = EntryKind::kLoss;
  destroyed.reason = "destroyed under recall 7";
  ASSERT_TRUE(book.Post(destroyed).ok());
  EXPECT_EQ(book.OnHand("CO-1", "PARA"), 110);  // 60 of L-LATE, 50 expired of L-GONE
}

TEST(StockLedger, AShipmentTakesOnlyLotsStillUsableWhenItArrives) {
  StockBook book = BookWithTwoLots();
  PostRequest out = Issue(40);
  out.kind = EntryKind::kTransferOut;
  out.usable_through = kDay + 11;  // L-SOON's last day is kDay + 10
  auto entries = book.Post(out);
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].lot, "L-LATE");
  EXPECT_EQ((*entries)[0].quantity, -40);

  out.quantity = 61;  // 60 of L-LATE left usable then; L-SOON's 30 are not
  auto short_dated = book.Post(out);
  ASSERT_FALSE(short_dated.ok());
  EXPECT_NE(short_dated.status().message().find("only 60 usable through 2022-05-31 on hand"),
            std::string::npos)
      << short_dated.status().message();
  PostRequest named = Issue(5, "L-SOON");
  named.kind = EntryKind::kTransferOut;
  named.usable_through = kDay + 11;
  EXPECT_EQ(book.Post(named).status().code(), StatusCode::kInvalidArgument);
  named.usable_through = kDay + 10;  // arriving on its last day: still usable
  EXPECT_TRUE(book.Post(named).ok());
}

TEST(StockLedger, RefusesAQuantityBeyondItsBoundAndStockThatWouldPassIt) {
  StockBook book = BookWithTwoLots();
  PostRequest receipt = Issue(std::numeric_limits<int64_t>::max(), "L-LATE");
  receipt.kind = EntryKind::kReceipt;
  auto huge = book.Post(receipt);
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.status().message().find("quantity: 9223372036854775807 is more than"),
            std::string::npos)
      << huge.status().message();
  receipt.quantity = kMaxUnits - book.OnHand("CO-1", "PARA");  // exactly to the bound
  ASSERT_TRUE(book.Post(receipt).ok());
  EXPECT_EQ(book.OnHand("CO-1", "PARA"), kMaxUnits);
  receipt.quantity = 10;
  auto beyond = book.Post(receipt);
  ASSERT_FALSE(beyond.ok());
  EXPECT_EQ(beyond.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(book.OnHand("CO-1", "PARA"), kMaxUnits);
}

TEST(StockLedger, ALotIsUsableOnItsExpiryDayAndNotTheDayAfter) {
  StockBook book = BookWithTwoLots();  // L-SOON expires on kDay + 10
  PostRequest on_expiry = Issue(5, "L-SOON");
  on_expiry.day = kDay + 10;
  EXPECT_TRUE(book.Post(on_expiry).ok());
  PostRequest day_after = Issue(5, "L-SOON");
  day_after.day = kDay + 11;
  EXPECT_FALSE(book.Post(day_after).ok());
  // Without a lot named, the day after passes the expired lot over.
  PostRequest fefo = Issue(5);
  fefo.day = kDay + 11;
  auto entries = book.Post(fefo);
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].lot, "L-LATE");
}

TEST(StockLedger, AReceiptOfALotIsTakenOnItsExpiryDayAndNotTheDayAfter) {
  StockBook book = BookWithTwoLots();
  PostRequest receipt = Issue(5, "L-SOON");
  receipt.kind = EntryKind::kReceipt;
  receipt.day = kDay + 10;
  EXPECT_TRUE(book.Post(receipt).ok());
  receipt.day = kDay + 11;
  EXPECT_FALSE(book.Post(receipt).ok());
}

TEST(StockLedger, RejectsIssueBeyondUsableStockAndChangesNothing) {
  StockBook book = BookWithTwoLots();
  auto entries = book.Post(Issue(131));
  ASSERT_FALSE(entries.ok());
  EXPECT_EQ(entries.status().code(), StatusCode::kConflict);
  EXPECT_NE(entries.status().message().find("only 130 usable"), std::string::npos)
      << entries.status().message();
  EXPECT_EQ(book.OnHand("CO-1", "PARA"), 180);
}

TEST(StockLedger, RefusesToIssueAnExpiredLot) {
  StockBook book = BookWithTwoLots();
  auto entries = book.Post(Issue(5, "L-GONE"));
  ASSERT_FALSE(entries.ok());
  EXPECT_NE(entries.status().message().find("expired on"), std::string::npos);
}

TEST(StockLedger, WritesOffOnlyExpiredLots) {
  StockBook book = BookWithTwoLots();
  PostRequest expiry = Issue(50, "L-GONE");
  expiry.kind = EntryKind::kExpiry;
  EXPECT_TRUE(book.Post(expiry).ok());
  expiry.lot = "L-SOON";
  expiry.quantity = 1;
  EXPECT_FALSE(book.Post(expiry).ok());
}

TEST(StockLedger, KeepsTheReserveFloorUnlessTheHeadquartersOrders) {
  StockBook book = BookWithTwoLots();
  book.SetReserveFloor("CO-1", "PARA", 100);
  auto refused = book.Post(Issue(81));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kForbidden);
  EXPECT_TRUE(book.Post(Issue(80)).ok());
  PostRequest order = Issue(10);
  order.draw_reserve = true;
  EXPECT_TRUE(book.Post(order).ok());
}

TEST(StockLedger, RefusesEntriesDatedBeforeTheNodesLatest) {
  StockBook book = BookWithTwoLots();
  book.SetLatestDay("CO-1", kDay + 1);
  auto entries = book.Post(Issue(1));
  ASSERT_FALSE(entries.ok());
  EXPECT_NE(entries.status().message().find("day order"), std::string::npos);
}

TEST(StockLedger, IncomingNeedsAKnownUnexpiredLotAndAdjustmentsAReason) {
  StockBook book = BookWithTwoLots();
  PostRequest receipt = Issue(10, "L-NEW");
  receipt.kind = EntryKind::kReceipt;
  EXPECT_EQ(book.Post(receipt).status().code(), StatusCode::kInvalidArgument);
  receipt.lot = "L-GONE";
  EXPECT_FALSE(book.Post(receipt).ok());
  PostRequest adjustment = Issue(-3, "L-LATE");
  adjustment.kind = EntryKind::kAdjustment;
  EXPECT_FALSE(book.Post(adjustment).ok());
  adjustment.reason = "recount";
  auto entries = book.Post(adjustment);
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  EXPECT_EQ((*entries)[0].quantity, -3);
  PostRequest negative = Issue(-1);
  EXPECT_FALSE(book.Post(negative).ok());
}

// Property: for any sequence of movements, accepted or refused, each lot's balance equals the sum
// of the accepted entries and is never negative.
TEST(StockLedger, BalancesAlwaysEqualTheSumOfEntriesAndAreNeverNegative) {
  std::mt19937_64 rng(20220512);
  for (int trial = 0; trial < 200; ++trial) {
    StockBook book;
    const std::vector<std::string> lots = {"A", "B", "C"};
    for (size_t idx = 0; idx < lots.size(); ++idx) {
      book.AddLot({"M", lots[idx], kDay + static_cast<int32_t>(5 * idx), "maker"});
    }
    std::vector<LedgerEntry> accepted;
    Date day = kDay - 3;
    for (int step = 0; step < 60; ++step) {
      PostRequest request;
      const EntryKind kinds[] = {EntryKind::kReceipt, EntryKind::kIssue, EntryKind::kLoss,
                                 EntryKind::kAdjustment, EntryKind::kExpiry};
      request.kind = kinds[rng() % 5];
      request.node = rng() % 2 == 0 ? "N1" : "N2";
      request.medicine = "M";
      request.lot = rng() % 3 == 0 ? "" : lots[rng() % lots.size()];
      request.quantity =
          static_cast<int64_t>(rng() % 40) - (request.kind == EntryKind::kAdjustment ? 20 : 5);
      request.reason = rng() % 4 == 0 ? "" : "counted";
      if (rng() % 5 == 0) day = day + 1;
      request.day = day;
      auto entries = book.Post(request);
      if (entries.ok()) accepted.insert(accepted.end(), entries->begin(), entries->end());
    }
    std::map<std::string, int64_t> totals;
    for (const StockRow& row : Balances(accepted, std::nullopt)) {
      ASSERT_GT(row.quantity, 0);
      totals[row.node] += row.quantity;
    }
    for (const std::string node : {"N1", "N2"}) {
      EXPECT_EQ(book.OnHand(node, "M"), totals[node]) << "trial " << trial;
      for (const LotBalance& lot : book.Lots(node, "M")) EXPECT_GT(lot.quantity, 0);
    }
    // On every past day too: the running sums never dip below zero.
    std::map<std::tuple<std::string, std::string>, int64_t> running;
    for (const LedgerEntry& entry : accepted) {
      running[{entry.node, entry.lot}] += entry.quantity;
      EXPECT_GE((running[{entry.node, entry.lot}]), 0);
    }
  }
}

TEST(StockLedger, BalancesAsOfAPastDayLeaveOutLaterEntries) {
  std::vector<LedgerEntry> entries(2);
  entries[0].day = kDay;
  entries[0].node = "N";
  entries[0].medicine = "M";
  entries[0].lot = "A";
  entries[0].quantity = 10;
  entries[1] = entries[0];
  entries[1].day = kDay + 2;
  entries[1].quantity = -4;
  EXPECT_EQ(Balances(entries, kDay + 1).at(0).quantity, 10);
  EXPECT_EQ(Balances(entries, kDay + 2).at(0).quantity, 6);
  EXPECT_TRUE(Balances(entries, kDay - 1).empty());
}

}  // namespace
}  // namespace outbreak::supply
