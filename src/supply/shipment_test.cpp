#include "supply/shipment.hpp"

#include <gtest/gtest.h>

namespace outbreak::supply {
namespace {

ShipmentLot Sent(const std::string& lot, int64_t quantity) {
  ShipmentLot out;
  out.medicine = "PARA";
  out.lot = lot;
  out.sent = quantity;
  return out;
}

ReceivedCount Counted(const std::string& lot, int64_t quantity, std::string reason = "",
                      bool excursion = false) {
  return {"PARA", lot, quantity, std::move(reason), excursion};
}

Shipment Dispatched() {
  Shipment shipment;
  shipment.id = 7;
  shipment.from = "PC-1";
  shipment.to = "CO-1";
  shipment.status = ShipmentStatus::kDispatched;
  shipment.lines = {{"PARA", 150}};
  shipment.lots = {Sent("L1", 100), Sent("L2", 50)};
  return shipment;
}

TEST(Shipment, FollowsTheChainOfCustodyAndNothingElse) {
  EXPECT_TRUE(CheckTransition(1, ShipmentStatus::kPlanned, ShipmentStatus::kApproved).ok());
  EXPECT_TRUE(CheckTransition(1, ShipmentStatus::kApproved, ShipmentStatus::kDispatched).ok());
  EXPECT_TRUE(CheckTransition(1, ShipmentStatus::kDispatched, ShipmentStatus::kReceived).ok());
  EXPECT_TRUE(CheckTransition(1, ShipmentStatus::kApproved, ShipmentStatus::kCancelled).ok());
  Status cancelled = CheckTransition(1, ShipmentStatus::kCancelled, ShipmentStatus::kDispatched);
  EXPECT_EQ(cancelled.code(), StatusCode::kConflict);
  EXPECT_NE(cancelled.message().find("cancelled"), std::string::npos);
  EXPECT_FALSE(CheckTransition(1, ShipmentStatus::kReceived, ShipmentStatus::kReceived).ok());
  EXPECT_FALSE(CheckTransition(1, ShipmentStatus::kDispatched, ShipmentStatus::kCancelled).ok());
  EXPECT_FALSE(CheckTransition(1, ShipmentStatus::kPlanned, ShipmentStatus::kDispatched).ok());
}

TEST(Shipment, AReceiptConservesQuantityAndRecordsTheShortfallAsLoss) {
  auto lots = ApplyReceipt(Dispatched(),
                           {Counted("L1", 100), Counted("L2", 45, "five boxes crushed", true)});
  ASSERT_TRUE(lots.ok()) << lots.status().message();
  for (const ShipmentLot& lot : *lots) EXPECT_EQ(lot.sent, lot.received + lot.lost);
  EXPECT_EQ((*lots)[1].lost, 5);
  EXPECT_EQ((*lots)[1].loss_reason, "five boxes crushed");
  EXPECT_TRUE((*lots)[1].temperature_excursion);
}

TEST(Shipment, RefusesAReceiptOfMoreThanWasSentOrAShortfallWithoutReason) {
  auto more = ApplyReceipt(Dispatched(), {Counted("L1", 101), Counted("L2", 50)});
  ASSERT_FALSE(more.ok());
  EXPECT_NE(more.status().details().at(0).find("more than the 100 sent"), std::string::npos);
  auto silent = ApplyReceipt(Dispatched(), {Counted("L1", 90), Counted("L2", 50)});
  ASSERT_FALSE(silent.ok());
  auto missing = ApplyReceipt(Dispatched(), {Counted("L1", 100)});
  ASSERT_FALSE(missing.ok());
  auto stranger =
      ApplyReceipt(Dispatched(), {Counted("L1", 100), Counted("L2", 50), Counted("L9", 1)});
  ASSERT_FALSE(stranger.ok());
}

TEST(Shipment, RefusesToReceiveTwice) {
  Shipment received = Dispatched();
  received.status = ShipmentStatus::kReceived;
  auto again = ApplyReceipt(received, {Counted("L1", 100), Counted("L2", 50)});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kConflict);
}

TEST(Shipment, ValidatesANewShipmentAllAtOnce) {
  Shipment shipment;
  shipment.from = "A";
  shipment.to = "A";
  shipment.ship_day = Date::FromCivil(2022, 5, 20);
  shipment.arrival_day = Date::FromCivil(2022, 5, 19);
  shipment.lines = {{"PARA", 0}, {"PARA", 5}};
  Status status = ValidateNewShipment(shipment);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.details().size(), 4u) << status.message();
}

}  // namespace
}  // namespace outbreak::supply
