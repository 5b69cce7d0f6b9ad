#include "report/format.hpp"

#include <gtest/gtest.h>

namespace outbreak::report {
namespace {

TEST(Count, GroupsThousandsWithCommas) {
  EXPECT_EQ(Count(0), "0");
  EXPECT_EQ(Count(7), "7");
  EXPECT_EQ(Count(999), "999");
  EXPECT_EQ(Count(1000), "1,000");
  EXPECT_EQ(Count(219030), "219,030");
  EXPECT_EQ(Count(1000000), "1,000,000");
  EXPECT_EQ(Count(4772813), "4,772,813");
  EXPECT_EQ(Count(9223372036854775807), "9,223,372,036,854,775,807");
}

TEST(Count, KeepsTheSignOfNegatives) {
  EXPECT_EQ(Count(-1), "-1");
  EXPECT_EQ(Count(-999), "-999");
  EXPECT_EQ(Count(-1000), "-1,000");
  EXPECT_EQ(Count(-100000), "-100,000");
  EXPECT_EQ(Count(-1234567), "-1,234,567");
}

TEST(Signed, MarksRisesWithAPlusAndFallsWithAMinus) {
  EXPECT_EQ(Signed(1204), "+1,204");
  EXPECT_EQ(Signed(1), "+1");
  EXPECT_EQ(Signed(-35), "-35");
  EXPECT_EQ(Signed(-12345), "-12,345");
  EXPECT_EQ(Signed(0), "0");
}

TEST(Decimal, GivesOneDecimalWithThousandsSeparators) {
  EXPECT_EQ(Decimal(31289.4), "31,289.4");
  EXPECT_EQ(Decimal(0), "0.0");
  EXPECT_EQ(Decimal(5), "5.0");
  EXPECT_EQ(Decimal(0.1), "0.1");
  EXPECT_EQ(Decimal(1234567.8), "1,234,567.8");
}

TEST(Decimal, RoundsToTheNearestTenth) {
  EXPECT_EQ(Decimal(31289.44), "31,289.4");
  EXPECT_EQ(Decimal(31289.46), "31,289.5");
  EXPECT_EQ(Decimal(2.0 / 3), "0.7");
  EXPECT_EQ(Decimal(148.0 / 7), "21.1");
  EXPECT_EQ(Decimal(0.04), "0.0");
  EXPECT_EQ(Decimal(0.06), "0.1");
  // Rounding up carries into the whole part and across a thousands separator.
  EXPECT_EQ(Decimal(9.96), "10.0");
  EXPECT_EQ(Decimal(999.97), "1,000.0");
}

TEST(Decimal, FormatsNegatives) {
  EXPECT_EQ(Decimal(-2.5), "-2.5");
  EXPECT_EQ(Decimal(-31289.44), "-31,289.4");
  EXPECT_EQ(Decimal(-1234.56), "-1,234.6");
  EXPECT_EQ(Decimal(-9.96), "-10.0");
}

TEST(Decimal, KeepsTheMinusOfNegativesBetweenZeroAndMinusOne) {
  EXPECT_EQ(Decimal(-0.5), "-0.5");
  EXPECT_EQ(Decimal(-0.06), "-0.1");
  EXPECT_EQ(Decimal(-0.96), "-1.0");
}

TEST(Decimal, DropsTheMinusWhenTheValueRoundsToZero) {
  EXPECT_EQ(Decimal(-0.04), "0.0");
  EXPECT_EQ(Decimal(-0.0), "0.0");
}

TEST(LongDate, SpellsTheMonthOut) {
  EXPECT_EQ(LongDate(Date::FromCivil(2022, 5, 20)), "20 May 2022");
  EXPECT_EQ(LongDate(Date::FromCivil(2022, 5, 1)), "1 May 2022");
  EXPECT_EQ(LongDate(Date::FromCivil(2022, 1, 31)), "31 January 2022");
  EXPECT_EQ(LongDate(Date::FromCivil(2022, 9, 9)), "9 September 2022");
  EXPECT_EQ(LongDate(Date::FromCivil(2021, 12, 25)), "25 December 2021");
  EXPECT_EQ(LongDate(Date::FromCivil(2024, 2, 29)), "29 February 2024");
}

TEST(Persons, UsesTheSingularForOneOnly) {
  EXPECT_EQ(Persons(1), "1 person");
  EXPECT_EQ(Persons(0), "0 persons");
  EXPECT_EQ(Persons(2), "2 persons");
  EXPECT_EQ(Persons(1234), "1,234 persons");
}

}  // namespace
}  // namespace outbreak::report
