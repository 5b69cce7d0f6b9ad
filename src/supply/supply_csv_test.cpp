#include "supply/supply_csv.hpp"

#include "record/record_csv.hpp"
#include "supply/supply_records.hpp"

#include <gtest/gtest.h>

namespace outbreak::supply {
namespace {

TEST(SupplyCsv, ReadsTheCatalogue) {
  auto medicines = record::ReadCsv(
      MedicineRecord(),
      "code,name,name_local,form,unit,category,essential,national_reserve,storage,shelf_life_days\n"
      "PARA-500,Paracetamol 500 mg,파라세타몰,tablet,tablet,antipyretic,true,yes,ambient,1095\n"
      "KORYO-AN,Angung uhwang hwan,안궁우황환,pill,pill,traditional_koryo,1,0,cool,730\n",
      "medicines.csv");
  ASSERT_TRUE(medicines.ok()) << medicines.status().message();
  ASSERT_EQ(medicines->size(), 2u);
  EXPECT_TRUE((*medicines)[0].essential);
  EXPECT_TRUE((*medicines)[0].national_reserve);
  EXPECT_EQ((*medicines)[1].category, MedicineCategory::kTraditionalKoryo);
  EXPECT_EQ((*medicines)[1].storage, StorageCondition::kCool);
}

TEST(SupplyCsv, ReportsEveryBadFieldWithLineAndReason) {
  auto medicines = record::ReadCsv(MedicineRecord(),
                                   "code,name,unit,category,essential,storage\n"
                                   "A,Aspirin,tablet,painkiller,maybe,frozen\n"
                                   "A,,tablet,antipyretic,,\n",
                                   "medicines.csv");
  ASSERT_FALSE(medicines.ok());
  const auto& details = medicines.status().details();
  ASSERT_EQ(details.size(), 5u) << medicines.status().message();
  EXPECT_NE(details[0].find("medicines.csv:2: category: \"painkiller\""), std::string::npos)
      << details[0];
  EXPECT_NE(details[4].find("medicines.csv:3: code: \"A\" appears twice"), std::string::npos)
      << details[4];
}

TEST(SupplyCsv, ReadsProtocolsAndRefusesImpossibleShares) {
  auto good = record::ReadCsv(
      ProtocolRecord(),
      "case_type,medicine,share,units_per_day,days\nfever,PARA,1,3,5\nsevere,AMOX,0.05,2,7\n",
      "protocols.csv");
  ASSERT_TRUE(good.ok()) << good.status().message();
  EXPECT_DOUBLE_EQ((*good)[1].share, 0.05);
  auto bad = record::ReadCsv(ProtocolRecord(),
                             "case_type,medicine,share,units_per_day,days\nfever,PARA,1.5,-3,0\n",
                             "protocols.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().details().size(), 3u) << bad.status().message();
}

TEST(SupplyCsv, ReadsLedgerMovementsWithTheirLots) {
  auto file = ParseLedgerCsv(
      "day,node,medicine,kind,quantity,lot,expiry,maker,reason\n"
      "2022-05-15,CB,PARA,receipt,1000,L1,2024-05-01,Pyongyang,\n"
      "2022-05-16,CB,PARA,adjustment,-3,L1,,,recount\n",
      "ledger.csv");
  ASSERT_TRUE(file.ok()) << file.status().message();
  ASSERT_EQ(file->requests.size(), 2u);
  ASSERT_EQ(file->lots.size(), 1u);
  EXPECT_EQ(file->lots[0].expiry, Date::FromCivil(2024, 5, 1));
  EXPECT_EQ(file->requests[1].quantity, -3);
  EXPECT_EQ(file->lines[1], 3);
}

TEST(SupplyCsv, RefusesNegativeCountsTransfersByHandAndBadDates) {
  auto file = ParseLedgerCsv(
      "day,node,medicine,kind,quantity,lot\n"
      "2022-05-32,CB,PARA,issue,-5,\n"
      "2022-05-15,CB,PARA,transfer_in,5,L1\n"
      "2022-05-15,CB,PARA,issue,five,\n",
      "ledger.csv");
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().details().size(), 4u) << file.status().message();
}

TEST(SupplyCsv, ReadsNodesLinksFloorsAndCapacities) {
  auto nodes = record::ReadCsv(
      NodeRecord(),
      "code,name,kind,region,storage_capacity_units\nCB,Central,central_base,KP,5000000\n"
      "X,Shed,warehouse,KP,\n",
      "nodes.csv");
  ASSERT_FALSE(nodes.ok());
  EXPECT_EQ(nodes.status().details().size(), 1u);
  auto links = record::ReadCsv(
      LinkRecord(), "from,to,transit_hours,daily_capacity_units\nCB,PC,4.5,20000\nCB,CB,1,\n",
      "links.csv");
  ASSERT_FALSE(links.ok());
  auto floors =
      record::ReadCsv(ReserveFloorRecord(), "node,medicine,units\nCB,PARA,50000\n", "reserve.csv");
  ASSERT_TRUE(floors.ok());
  EXPECT_EQ((*floors)[0].units, 50000);
  auto capacities =
      record::ReadCsv(CapacityRecord(), "node,medicine,units_per_day\nF1,PARA,-1\n", "cap.csv");
  ASSERT_FALSE(capacities.ok());
}

}  // namespace
}  // namespace outbreak::supply
