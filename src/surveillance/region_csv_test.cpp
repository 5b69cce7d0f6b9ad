#include "surveillance/region_csv.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace outbreak::surveillance {
namespace {

using Strings = std::vector<std::string>;

constexpr char kHeader[] = "code,name,name_local,parent,level,population,lat,lon\n";

// The details of a rejected file; a failure when the file was accepted.
Strings Rejections(const std::string& text) {
  Result<ParsedRegions> parsed = ParseRegionsCsv(text, "regions.csv");
  EXPECT_FALSE(parsed.ok());
  if (parsed.ok()) return {};
  EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
  return parsed.status().details();
}

TEST(ParseRegionsCsv, ReadsEveryFieldAndTheLineOfEachRegion) {
  const std::string text = std::string(kHeader) +
                           "KP,DPR Korea,조선,,0,25000000,40.3,127.5\n"
                           "\n"
                           "KP-01,Pyongyang,평양,KP,1,3000000,39.03,125.75\n";
  Result<ParsedRegions> parsed = ParseRegionsCsv(text, "regions.csv");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->regions.size(), 2u);
  EXPECT_EQ(parsed->lines, (std::vector<int>{2, 4}));
  const Region& root = parsed->regions[0];
  EXPECT_EQ(root.code, "KP");
  EXPECT_EQ(root.name, "DPR Korea");
  EXPECT_EQ(root.name_local, "조선");
  EXPECT_EQ(root.parent, "");
  EXPECT_EQ(root.level, 0);
  EXPECT_EQ(root.population, 25000000);
  EXPECT_DOUBLE_EQ(root.lat.value(), 40.3);
  EXPECT_DOUBLE_EQ(root.lon.value(), 127.5);
  const Region& city = parsed->regions[1];
  EXPECT_EQ(city.code, "KP-01");
  EXPECT_EQ(city.parent, "KP");
  EXPECT_EQ(city.level, 1);
  EXPECT_DOUBLE_EQ(city.lat.value(), 39.03);
  EXPECT_DOUBLE_EQ(city.lon.value(), 125.75);
}

TEST(ParseRegionsCsv, LeavesOptionalFieldsEmptyWhenTheyAreEmpty) {
  Result<ParsedRegions> parsed =
      ParseRegionsCsv(std::string(kHeader) + "KP,DPR Korea,,,0,25,,\n", "regions.csv");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->regions.size(), 1u);
  EXPECT_EQ(parsed->regions[0].name_local, "");
  EXPECT_EQ(parsed->regions[0].lat, std::nullopt);
  EXPECT_EQ(parsed->regions[0].lon, std::nullopt);
}

TEST(ParseRegionsCsv, AcceptsAHeaderWithoutTheOptionalColumnsInAnyOrder) {
  Result<ParsedRegions> parsed = ParseRegionsCsv(
      "population,parent,code,level,name\n25,,KP,0,DPR Korea\n5,KP,KP-01,1,\"Pyongyang, city\"\n",
      "regions.csv");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->regions.size(), 2u);
  EXPECT_EQ(parsed->regions[1].code, "KP-01");
  EXPECT_EQ(parsed->regions[1].name, "Pyongyang, city");
  EXPECT_EQ(parsed->regions[1].population, 5);
  EXPECT_EQ(parsed->regions[1].name_local, "");
  EXPECT_EQ(parsed->regions[1].lat, std::nullopt);
}

TEST(ParseRegionsCsv, AcceptsAByteOrderMarkAndCrlf) {
  Result<ParsedRegions> parsed = ParseRegionsCsv(
      "\xEF\xBB\xBF"
      "code,name,parent,level,population\r\nKP,DPR Korea,,0,25\r\n",
      "regions.csv");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->regions.size(), 1u);
  EXPECT_EQ(parsed->regions[0].population, 25);
}

TEST(ParseRegionsCsv, AcceptsAHeaderOnlyFile) {
  Result<ParsedRegions> parsed = ParseRegionsCsv(kHeader, "regions.csv");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_TRUE(parsed->regions.empty());
  EXPECT_TRUE(parsed->lines.empty());
}

TEST(ParseRegionsCsv, RejectsAnEmptyFile) {
  for (const char* text : {"", "\n\n"}) {
    Result<ParsedRegions> parsed = ParseRegionsCsv(text, "regions.csv");
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(parsed.status().message(), "regions.csv: is empty (expected a header line)");
  }
}

TEST(ParseRegionsCsv, RejectsABadHeader) {
  Result<ParsedRegions> parsed =
      ParseRegionsCsv("code,name,parent,level,popluation\nKP,DPR Korea,,0,25\n", "regions.csv");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().details(),
            (Strings{"regions.csv:1: popluation: \"popluation\" is not a known column",
                     "regions.csv:1: population: required column is missing"}));
}

TEST(ParseRegionsCsv, RejectsAMalformedHeader) {
  Result<ParsedRegions> parsed = ParseRegionsCsv("code,\"name\n", "regions.csv");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "regions.csv:1: unterminated quoted field");
}

TEST(ParseRegionsCsv, RejectsANegativePopulation) {
  EXPECT_EQ(Rejections(std::string(kHeader) + "KP,DPR Korea,,,0,-3,,\n"),
            (Strings{"regions.csv:2: population: \"-3\" is negative"}));
}

TEST(ParseRegionsCsv, RejectsALevelThatIsNotAWholeNumber) {
  EXPECT_EQ(Rejections(std::string(kHeader) + "KP,DPR Korea,,,one,25,,\n"),
            (Strings{"regions.csv:2: level: \"one\" is not a whole number"}));
}

TEST(ParseRegionsCsv, RejectsAnEmptyCodeOrName) {
  EXPECT_EQ(Rejections(std::string(kHeader) + ",,,,0,25,,\n"),
            (Strings{"regions.csv:2: code: \"\" is empty", "regions.csv:2: name: \"\" is empty"}));
}

TEST(ParseRegionsCsv, RejectsACodeThatCannotSitInAUrl) {
  for (const std::string code : {"KP 01", "KP/01", "KP?01", "KP#01", "KP%01", "KP\\01"}) {
    EXPECT_EQ(
        Rejections(std::string(kHeader) + code + ",X,,,0,25,,\n"),
        (Strings{"regions.csv:2: code: \"" + code + "\" contains a space or one of / \\ ? # %"}));
  }
}

TEST(ParseRegionsCsv, RejectsOneCoordinateWithoutTheOther) {
  EXPECT_EQ(Rejections(std::string(kHeader) + "KP,DPR Korea,,,0,25,40.3,\n"),
            (Strings{"regions.csv:2: lon: \"\" is empty while the other coordinate is given"}));
  EXPECT_EQ(Rejections(std::string(kHeader) + "KP,DPR Korea,,,0,25,,127.5\n"),
            (Strings{"regions.csv:2: lat: \"\" is empty while the other coordinate is given"}));
}

TEST(ParseRegionsCsv, RejectsCoordinatesOutOfRangeOrNotNumbers) {
  EXPECT_EQ(Rejections(std::string(kHeader) + "KP,DPR Korea,,,0,25,91,181\n"),
            (Strings{"regions.csv:2: lat: \"91\" is outside -90..90 degrees",
                     "regions.csv:2: lon: \"181\" is outside -180..180 degrees"}));
  EXPECT_EQ(Rejections(std::string(kHeader) + "KP,DPR Korea,,,0,25,north,nan\n"),
            (Strings{"regions.csv:2: lat: \"north\" is not a number",
                     "regions.csv:2: lon: \"nan\" is not a number"}));
}

TEST(ParseRegionsCsv, RejectsARowWithTheWrongNumberOfFields) {
  EXPECT_EQ(Rejections(std::string(kHeader) + "KP,DPR Korea,,,0,25,,\nKP-01,Pyongyang,,KP,1,5\n"),
            (Strings{"regions.csv:3: has 6 fields, the header has 8"}));
}

TEST(ParseRegionsCsv, RejectsMalformedCsvWithItsLine) {
  EXPECT_EQ(
      Rejections(std::string(kHeader) + "KP,DPR Korea,,,0,25,,\nKP-01,\"Pyongyang,,KP,1,5,,\n"),
      (Strings{"regions.csv:3: unterminated quoted field"}));
  EXPECT_EQ(Rejections(std::string(kHeader) + "KP,DPR \"Korea\",,,0,25,,\n"),
            (Strings{"regions.csv:2: quote inside an unquoted field"}));
}

TEST(ParseRegionsCsv, ReportsEveryBadRowAndNothingIsImported) {
  Result<ParsedRegions> parsed = ParseRegionsCsv(std::string(kHeader) +
                                                     "KP,DPR Korea,,,0,-1,,\n"
                                                     "KP-01,Pyongyang,,KP,1,5,,\n"
                                                     "KP-02,,,KP,x,5,,\n",
                                                 "regions.csv");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "regions.csv: 3 error(s); nothing was imported");
  EXPECT_EQ(parsed.status().details(),
            (Strings{"regions.csv:2: population: \"-1\" is negative",
                     "regions.csv:4: name: \"\" is empty",
                     "regions.csv:4: level: \"x\" is not a whole number"}));
}

TEST(ParseRegionsCsv, CapsTheNumberOfErrors) {
  std::string text = kHeader;
  for (int row = 0; row < 250; ++row) text += "KP-" + std::to_string(row) + ",X,,KP,1,-1,,\n";
  const Strings errors = Rejections(text);
  ASSERT_EQ(errors.size(), 100u);
  EXPECT_EQ(errors.front(), "regions.csv:2: population: \"-1\" is negative");
  EXPECT_EQ(errors.back(), "regions.csv:101: population: \"-1\" is negative");
}

TEST(ParseRegionsCsv, CapsTheNumberOfErrorsWhenRowsHaveSeveral) {
  std::string text = kHeader;
  // Three errors a row: 34 rows would give 102.
  for (int row = 0; row < 250; ++row) text += ",,,KP,1,-1,,\n";
  EXPECT_EQ(Rejections(text).size(), 100u);
}

TEST(ParseRegionsCsv, SaysWhenTheErrorsWereCapped) {
  std::string text = kHeader;
  for (int row = 0; row < 250; ++row) text += "KP-" + std::to_string(row) + ",X,,KP,1,-1,,\n";
  Result<ParsedRegions> parsed = ParseRegionsCsv(text, "regions.csv");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "regions.csv: 100 or more error(s); nothing was imported");
}

}  // namespace
}  // namespace outbreak::surveillance
