#include "core/date.hpp"

#include <cstdint>
#include <string_view>

#include <gtest/gtest.h>

namespace outbreak {
namespace {

constexpr int kUtcPlus9Minutes = 9 * 60;
constexpr int kCloseHour = 18;

// Seconds since the Unix epoch at hour:minute UTC on the given day.
int64_t UnixSeconds(Date date, int hour, int minute, int second = 0) {
  return static_cast<int64_t>(date.days_since_epoch()) * 86400 + hour * 3600 + minute * 60 + second;
}

TEST(Date, ParsesTheEpochAndKnownDays) {
  EXPECT_EQ(Date::Parse("1970-01-01"), Date(0));
  EXPECT_EQ(Date::Parse("1970-01-02"), Date(1));
  EXPECT_EQ(Date::Parse("1969-12-31"), Date(-1));
  EXPECT_EQ(Date::Parse("2022-05-12"), Date(19124));
  EXPECT_EQ(Date::Parse("2022-05-12"), Date::FromCivil(2022, 5, 12));
  EXPECT_EQ(Date::Parse("2000-01-01"), Date(10957));
}

TEST(Date, AcceptsTheLeapDayOfALeapYearOnly) {
  EXPECT_EQ(Date::Parse("2024-02-29"), Date::FromCivil(2024, 2, 29));
  EXPECT_EQ(Date::Parse("2000-02-29"), Date::FromCivil(2000, 2, 29));
  EXPECT_EQ(Date::Parse("2022-02-29"), std::nullopt);
  EXPECT_EQ(Date::Parse("1900-02-29"), std::nullopt);
  EXPECT_EQ(Date::Parse("2024-02-30"), std::nullopt);
}

TEST(Date, RejectsDaysThatAreNotOnTheCalendar) {
  for (std::string_view text :
       {"2022-04-31", "2022-13-01", "2022-00-10", "2022-05-00", "2022-05-32", "2022-06-31"}) {
    EXPECT_EQ(Date::Parse(text), std::nullopt) << text;
  }
}

TEST(Date, RejectsAnythingButExactlyYyyyMmDd) {
  for (std::string_view text :
       {"", "2022-5-1", "2022-05-1", "2022-5-01", "22-05-01", "2022/05/01", "2022-05-01x",
        "2022-05-01 ", " 2022-05-01", "2022-05-01T00:00", "2022-0a-01", "2022--5-01", "+022-05-01",
        "2022-05-+1", "20220501", "01-05-2022"}) {
    EXPECT_EQ(Date::Parse(text), std::nullopt) << '"' << text << '"';
  }
}

TEST(Date, FormatsAsIsoWithPadding) {
  EXPECT_EQ(Date(0).ToString(), "1970-01-01");
  EXPECT_EQ(Date(-1).ToString(), "1969-12-31");
  EXPECT_EQ(Date::FromCivil(2022, 5, 2).ToString(), "2022-05-02");
  EXPECT_EQ(Date::FromCivil(812, 1, 9).ToString(), "0812-01-09");
}

TEST(Date, ToStringAndParseRoundTripOverManyDays) {
  // From 1900-01-01 to beyond 2100, leap years and centuries included.
  const Date first = Date::FromCivil(1900, 1, 1);
  const Date last = Date::FromCivil(2101, 12, 31);
  std::string previous;
  for (Date day = first; day <= last; day = day + 1) {
    const std::string text = day.ToString();
    ASSERT_EQ(Date::Parse(text), day) << text;
    ASSERT_LT(previous, text);  // ISO dates sort as the days do
    previous = text;
  }
}

TEST(Date, AddsAndSubtractsDaysAcrossMonthsAndYears) {
  EXPECT_EQ(Date::FromCivil(2022, 2, 28) + 1, Date::FromCivil(2022, 3, 1));
  EXPECT_EQ(Date::FromCivil(2024, 2, 28) + 1, Date::FromCivil(2024, 2, 29));
  EXPECT_EQ(Date::FromCivil(2022, 12, 31) + 1, Date::FromCivil(2023, 1, 1));
  EXPECT_EQ(Date::FromCivil(2023, 1, 1) - 1, Date::FromCivil(2022, 12, 31));
  EXPECT_EQ(Date::FromCivil(2022, 5, 20) - 7, Date::FromCivil(2022, 5, 13));
  EXPECT_EQ(Date(0) - 1, Date(-1));
  EXPECT_EQ(Date::FromCivil(2023, 1, 1) - Date::FromCivil(2022, 1, 1), 365);
  EXPECT_EQ(Date::FromCivil(2025, 1, 1) - Date::FromCivil(2024, 1, 1), 366);
  EXPECT_EQ(Date::FromCivil(2022, 5, 12) - Date::FromCivil(2022, 5, 20), -8);
}

TEST(Date, OrdersByDay) {
  const Date may_12 = Date::FromCivil(2022, 5, 12);
  const Date may_13 = Date::FromCivil(2022, 5, 13);
  EXPECT_LT(may_12, may_13);
  EXPECT_GT(may_13, may_12);
  EXPECT_EQ(may_12 + 1, may_13);
  EXPECT_NE(may_12, may_13);
  EXPECT_EQ(Date(), Date(0));
}

TEST(ReportingDay, IsTheLocalDayUntilTheCloseHour) {
  const Date may_20 = Date::FromCivil(2022, 5, 20);
  // 08:59 UTC is 17:59 in UTC+9: still the reporting day of 20 May.
  EXPECT_EQ(ReportingDay(UnixSeconds(may_20, 8, 59), kUtcPlus9Minutes, kCloseHour), may_20);
  EXPECT_EQ(ReportingDay(UnixSeconds(may_20, 8, 59, 59), kUtcPlus9Minutes, kCloseHour), may_20);
  // 09:00 UTC is 18:00 local: 20 May has closed and 21 May is open.
  EXPECT_EQ(ReportingDay(UnixSeconds(may_20, 9, 0), kUtcPlus9Minutes, kCloseHour), may_20 + 1);
}

TEST(ReportingDay, RunsFromTheCloseHourToTheCloseHour) {
  const Date may_20 = Date::FromCivil(2022, 5, 20);
  // 18:00 local on 19 May opens the reporting day of 20 May ...
  EXPECT_EQ(ReportingDay(UnixSeconds(may_20 - 1, 9, 0), kUtcPlus9Minutes, kCloseHour), may_20);
  // ... local midnight and the morning of 20 May (the day before in UTC) belong to it ...
  EXPECT_EQ(ReportingDay(UnixSeconds(may_20 - 1, 15, 0), kUtcPlus9Minutes, kCloseHour), may_20);
  EXPECT_EQ(ReportingDay(UnixSeconds(may_20 - 1, 14, 59), kUtcPlus9Minutes, kCloseHour), may_20);
  // ... and 17:59 local on 19 May still belongs to 19 May.
  EXPECT_EQ(ReportingDay(UnixSeconds(may_20 - 1, 8, 59), kUtcPlus9Minutes, kCloseHour), may_20 - 1);
}

TEST(ReportingDay, HandlesNegativeOffsets) {
  constexpr int kUtcMinus5Minutes = -5 * 60;
  const Date may_20 = Date::FromCivil(2022, 5, 20);
  // 22:59 UTC is 17:59 in UTC-5.
  EXPECT_EQ(ReportingDay(UnixSeconds(may_20, 22, 59), kUtcMinus5Minutes, kCloseHour), may_20);
  EXPECT_EQ(ReportingDay(UnixSeconds(may_20, 23, 0), kUtcMinus5Minutes, kCloseHour), may_20 + 1);
  // 03:00 UTC on 21 May is 22:00 on 20 May local: the reporting day of 21 May.
  EXPECT_EQ(ReportingDay(UnixSeconds(may_20 + 1, 3, 0), kUtcMinus5Minutes, kCloseHour), may_20 + 1);
  // 04:59 UTC on 20 May is 23:59 on 19 May local.
  EXPECT_EQ(ReportingDay(UnixSeconds(may_20, 4, 59), kUtcMinus5Minutes, kCloseHour), may_20);
  EXPECT_EQ(ReportingDay(UnixSeconds(may_20, 5, 0), kUtcMinus5Minutes, kCloseHour), may_20);
}

TEST(ReportingDay, HandlesOffsetsThatAreNotWholeHours) {
  constexpr int kUtcPlus530Minutes = 5 * 60 + 30;
  const Date may_20 = Date::FromCivil(2022, 5, 20);
  EXPECT_EQ(ReportingDay(UnixSeconds(may_20, 12, 29), kUtcPlus530Minutes, kCloseHour), may_20);
  EXPECT_EQ(ReportingDay(UnixSeconds(may_20, 12, 30), kUtcPlus530Minutes, kCloseHour), may_20 + 1);
}

TEST(ReportingDay, WorksBefore1970) {
  const Date dec_31_1969 = Date(-1);
  EXPECT_EQ(ReportingDay(UnixSeconds(dec_31_1969, 0, 0), 0, kCloseHour), dec_31_1969);
  EXPECT_EQ(ReportingDay(UnixSeconds(dec_31_1969, 12, 0), 0, kCloseHour), dec_31_1969);
  EXPECT_EQ(ReportingDay(UnixSeconds(dec_31_1969, 17, 59, 59), 0, kCloseHour), dec_31_1969);
  EXPECT_EQ(ReportingDay(UnixSeconds(dec_31_1969, 18, 0), 0, kCloseHour), Date(0));
  EXPECT_EQ(ReportingDay(-1, 0, kCloseHour), Date(0));
  // 12:00 UTC on 31 December 1969 is 21:00 in UTC+9: already the reporting day of 1 January.
  EXPECT_EQ(ReportingDay(UnixSeconds(dec_31_1969, 12, 0), kUtcPlus9Minutes, kCloseHour), Date(0));
  // Far back: 08:59 UTC on 1 March 1950 in UTC+9.
  const Date mar_1_1950 = Date::FromCivil(1950, 3, 1);
  ASSERT_LT(UnixSeconds(mar_1_1950, 8, 59), 0);
  EXPECT_EQ(ReportingDay(UnixSeconds(mar_1_1950, 8, 59), kUtcPlus9Minutes, kCloseHour), mar_1_1950);
  EXPECT_EQ(ReportingDay(UnixSeconds(mar_1_1950, 9, 0), kUtcPlus9Minutes, kCloseHour),
            mar_1_1950 + 1);
}

TEST(ReportingDay, NegativeOffsetCanCrossTheEpochBackwards) {
  // 02:00 UTC on 1 January 1970 is 21:00 on 31 December 1969 in UTC-5.
  EXPECT_EQ(ReportingDay(UnixSeconds(Date(0), 2, 0), -5 * 60, kCloseHour), Date(0));
  EXPECT_EQ(ReportingDay(UnixSeconds(Date(0), 2, 0), -5 * 60, 22), Date(-1));
}

}  // namespace
}  // namespace outbreak
