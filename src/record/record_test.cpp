// The readers, the rendering and the schema derived from one declaration agree with each other.

#include <gtest/gtest.h>

#include <random>

#include <boost/json.hpp>

#include "record/record_csv.hpp"
#include "record/record_json.hpp"

namespace outbreak::record {
namespace {

enum class Colour { kRed, kGreen };
std::string_view ColourName(Colour colour) { return colour == Colour::kRed ? "red" : "green"; }

struct Crate {
  std::string code;
  std::string note;
  int32_t units = 0;
  double share = 1;
  bool sealed = false;
  Date packed;
  Colour colour = Colour::kRed;
  std::string region;
};

const Record<Crate>& CrateRecord() {
  static const Record<Crate> kRecord{
      .schema = "Crate",
      .list = "crates",
      .fields =
          {
              Code("code", &Crate::code),
              Text("note", &Crate::note).Optional(),
              Whole("units", &Crate::units, 0, 1000).Unit("units"),
              Number("share", &Crate::share, 0, 1, /*above_min=*/true).Optional(),
              Flag("sealed", &Crate::sealed),
              Day("packed", &Crate::packed),
              Choice("colour", &Crate::colour, {Colour::kRed, Colour::kGreen}, ColourName)
                  .Optional(),
              Code("region", &Crate::region),
          },
      .key = {"code"},
      .owners = {{"region", ""}},
      .check =
          [](const Crate& crate, const Problem& problem) {
            if (crate.sealed && crate.units == 0) problem("units", "a sealed crate is not empty");
          },
  };
  return kRecord;
}

TEST(Record, ReadsAFileAndABodyToTheSameRecords) {
  auto file = ReadCsv(CrateRecord(),
                      "code,units,sealed,packed,colour,region,share\n"
                      "C-1,10,true,2022-05-20,green,KP-04,0.5\n"
                      "C-2,0,,2022-05-21,,KP-05,\n",
                      "crates.csv");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  auto body = ReadBody(CrateRecord(),
                       R"({"crates": [{"code": "C-1", "units": 10, "sealed": true,
                            "packed": "2022-05-20", "colour": "green", "region": "KP-04",
                            "share": 0.5},
                           {"code": "C-2", "units": 0, "packed": "2022-05-21",
                            "region": "KP-05"}], "reason": "count"})");
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  ASSERT_EQ(file->size(), 2u);
  ASSERT_EQ(body->items.size(), 2u);
  for (size_t idx = 0; idx < 2; ++idx) {
    EXPECT_EQ(ToJson(CrateRecord(), (*file)[idx]), ToJson(CrateRecord(), body->items[idx]));
  }
  EXPECT_EQ((*file)[0].colour, Colour::kGreen);
  EXPECT_EQ((*file)[1].share, 1);  // the declaration's default when not given
  EXPECT_EQ(body->reason, "count");
  EXPECT_EQ(body->where[1], "crates[1]");
}

TEST(Record, ARenderedRecordReadsBackAsItself) {
  Crate crate{"C-9", "fragile", 7, 0.25, true, *Date::Parse("2022-06-01"), Colour::kGreen, "KP"};
  const boost::json::object rendered = ToJson(CrateRecord(), crate);
  auto back = ReadBody(CrateRecord(), boost::json::serialize(rendered));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(ToJson(CrateRecord(), back->items[0]), rendered);
  EXPECT_EQ(back->where[0], "crates");
}

// The same bad value is refused by the file and by the body for the same reason.
TEST(Record, AFileAndABodyRefuseTheSameValuesAlike) {
  struct Case {
    const char* field;
    const char* csv;
    const char* json;
    const char* reason;
  };
  const Case cases[] = {
      {"units", "-3", "-3", "is negative"},
      {"units", "1001", "1001", "is more than 1000"},
      {"units", "9223372036854775807", "9223372036854775807", "is more than 1000"},
      {"units", "99999999999999999999", "99999999999999999999", "is more than 1000"},
      {"units", "1.5", "1.5", "is not a whole number"},
      {"share", "0", "0", "must be more than 0 and at most 1"},
      {"share", "1.5", "1.5", "is more than 1"},
      {"code", "a b", "\"a b\"", "contains a space"},
      {"colour", "blue", "\"blue\"", "is not red or green"},
      {"packed", "20.5.2022", "\"20.5.2022\"", "is not a date"},
  };
  for (const Case& c : cases) {
    std::map<std::string, std::string> csv = {
        {"code", "C-1"},  {"units", "1"}, {"sealed", "true"}, {"packed", "2022-05-20"},
        {"region", "KP"}, {"share", "1"}, {"colour", "red"}};
    std::map<std::string, std::string> json = {
        {"code", "\"C-1\""},  {"units", "1"}, {"sealed", "true"},   {"packed", "\"2022-05-20\""},
        {"region", "\"KP\""}, {"share", "1"}, {"colour", "\"red\""}};
    csv[c.field] = c.csv;
    json[c.field] = c.json;
    std::string header, row, body;
    for (const auto& [name, value] : csv) {
      header += (header.empty() ? "" : ",") + name;
      row += (row.empty() ? "" : ",") + value;
    }
    for (const auto& [name, value] : json) {
      body += (body.empty() ? "{" : ",") + ("\"" + name + "\": " + value);
    }
    body += "}";
    auto file = ReadCsv(CrateRecord(), header + "\n" + row + "\n", "crates.csv");
    auto read = ReadBody(CrateRecord(), body);
    ASSERT_FALSE(file.ok()) << c.field << " " << c.csv;
    ASSERT_FALSE(read.ok()) << c.field << " " << c.json;
    ASSERT_EQ(file.status().details().size(), 1u) << file.status().ToString();
    ASSERT_EQ(read.status().details().size(), 1u) << read.status().ToString();
    const std::string in_file = file.status().details()[0];
    const std::string in_body = read.status().details()[0];
    EXPECT_NE(in_file.find(std::string("crates.csv:2: ") + c.field + ":"), std::string::npos)
        << in_file;
    EXPECT_NE(in_body.find(std::string("crates.") + c.field + ":"), std::string::npos) << in_body;
    EXPECT_NE(in_file.find(c.reason), std::string::npos) << in_file;
    EXPECT_NE(in_body.find(c.reason), std::string::npos) << in_body;
  }
}

TEST(Record, RefusesMissingUnknownRepeatedAndContradictoryFields) {
  auto body = ReadBody(CrateRecord(), R"({"crates": [
      {"code": "C-1", "units": 0, "sealed": true, "packed": "2022-05-20", "region": "KP"},
      {"code": "C-2", "units": 1, "packed": "2022-05-20", "region": "KP", "colr": "red"},
      {"code": "C-2", "units": 1, "packed": "2022-05-20", "region": "KP"},
      {"units": 1, "packed": "2022-05-20"}]})");
  ASSERT_FALSE(body.ok());
  const std::vector<std::string> expected = {
      "crates[0].units: a sealed crate is not empty", "crates[1].colr: is not a known field",
      "crates[2].code: appears twice in the body", "crates[3].code: is missing",
      "crates[3].region: is missing"};
  EXPECT_EQ(body.status().details(), expected);

  auto file = ReadCsv(CrateRecord(),
                      "code,units,sealed,packed,region\nC-1,0,true,2022-05-20,KP\n"
                      "C-1,1,false,2022-05-20,KP\n,1,false,2022-05-20,KP\n",
                      "crates.csv");
  ASSERT_FALSE(file.ok());
  const std::vector<std::string> in_file = {
      "crates.csv:2: units: \"0\" a sealed crate is not empty",
      "crates.csv:3: code: \"C-1\" appears twice in the file", "crates.csv:4: code: \"\" is empty"};
  EXPECT_EQ(file.status().details(), in_file);
}

TEST(Record, ValidatesRecordsMadeByAProgramLikeTheReaders) {
  Crate good{"C-1", "", 1, 1, false, *Date::Parse("2022-05-20"), Colour::kRed, "KP"};
  EXPECT_TRUE(Validate(CrateRecord(), std::vector<Crate>{good}).ok());
  Crate bad = good;
  bad.units = -1;
  bad.code = "";
  Status s = Validate(CrateRecord(), std::vector<Crate>{good, bad, good});
  ASSERT_FALSE(s.ok());
  const std::vector<std::string> expected = {"crates[1].code: \"\" is empty",
                                             "crates[1].units: \"-1\" is negative",
                                             "crates: C-1 appears twice"};
  EXPECT_EQ(s.details(), expected);
}

// Boost.JSON 1.81 reads about one decimal in eight one unit in the last place off; a number this
// server renders must read back as itself.
TEST(Record, ADecimalReadsBackAsTheNumberItWasWrittenFrom) {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> hours(0, 720);
  boost::json::array numbers;
  std::vector<double> written;
  for (int idx = 0; idx < 10'000; ++idx) {
    written.push_back(hours(random));
    numbers.emplace_back(written.back());
  }
  const std::string text = boost::json::serialize(
      boost::json::object{{"note", "a \"quoted\" 1.5 in text"}, {"numbers", numbers}, {"n", 3}});
  auto parsed = ParseJson(text);
  ASSERT_TRUE(parsed.ok());
  const auto& read = parsed->at("numbers").as_array();
  ASSERT_EQ(read.size(), written.size());
  for (size_t idx = 0; idx < written.size(); ++idx) {
    ASSERT_EQ(read[idx].as_double(), written[idx]) << idx;
  }
  EXPECT_EQ(parsed->at("n").as_int64(), 3);
  EXPECT_EQ(parsed->at("note").as_string(), "a \"quoted\" 1.5 in text");
}

TEST(Record, SchemaStatesEveryFieldWithItsBounds) {
  const boost::json::object schema = Schema(CrateRecord());
  const auto& properties = schema.at("properties").as_object();
  EXPECT_EQ(properties.size(), CrateRecord().fields.size());
  EXPECT_EQ(properties.at("units").at("maximum").as_int64(), 1000);
  EXPECT_EQ(properties.at("units").at("minimum").as_int64(), 0);
  EXPECT_EQ(properties.at("share").at("exclusiveMinimum").as_double(), 0);
  EXPECT_EQ(properties.at("colour").at("enum").as_array().size(), 2u);
  EXPECT_EQ(properties.at("packed").at("format").as_string(), "date");
  const auto& required = schema.at("required").as_array();
  EXPECT_EQ(required.size(), 4u);  // code, units, packed, region (a flag is false when absent)
  EXPECT_EQ(CsvColumns(CrateRecord()), "code,units,packed,region[,note,share,sealed,colour]");
}

}  // namespace
}  // namespace outbreak::record

namespace outbreak::record {
namespace {

// A pallet of crates: a list inside a record, an optional day kept in a std::optional, a count
// kept in a member of a member, an answer of any scalar kind.
struct Tally {
  int64_t counted = 0;
};
struct Pallet {
  std::string code;
  std::optional<Date> shipped;
  Tally tally;
  std::string answer;
  std::vector<Crate> crates;
};

const Record<Pallet>& PalletRecord() {
  static const Record<Pallet> kRecord{
      .schema = "Pallet",
      .list = "pallets",
      .fields =
          {
              Code("code", &Pallet::code),
              DayAt<Pallet>(
                  "shipped", [](auto& p) -> auto& { return p.shipped; }),
              WholeAt<Pallet>(
                  "counted", [](auto& p) -> auto& { return p.tally.counted; }, 0, 9),
              Scalar("answer", &Pallet::answer).Optional(),
              Items("crates", &Pallet::crates, CrateRecord()),
          },
      .key = {"code"},
  };
  return kRecord;
}

TEST(Record, AListInsideARecordIsReadByItsOwnDeclarationAndNamedByPlace) {
  auto read = ReadOne(PalletRecord(),
                      R"({"code":"P-1","counted":3,"answer":true,"crates":[)"
                      R"({"code":"C-1","units":1,"packed":"2022-05-20","region":"KP-04"},)"
                      R"({"code":"C-2","units":2,"packed":"2022-05-21","region":"KP-05"}]})");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_FALSE(read->shipped.has_value());
  EXPECT_EQ(read->tally.counted, 3);
  EXPECT_EQ(read->answer, "yes");
  ASSERT_EQ(read->crates.size(), 2u);
  EXPECT_EQ(read->crates[1].units, 2);
  // Rendered and read again, it is the same.
  auto again = ReadOne(PalletRecord(), boost::json::serialize(ToJson(PalletRecord(), *read)));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->crates.size(), 2u);
  EXPECT_EQ(again->answer, "yes");
  const boost::json::object schema = Schema(PalletRecord());
  EXPECT_EQ(schema.at("properties").at("crates").at("items").at("$ref"),
            "#/components/schemas/Crate");

  auto bad =
      ReadOne(PalletRecord(), R"({"code":"P-2","counted":10,"answer":[1],"crates":[)"
                              R"({"code":"C-1","units":1,"packed":"2022-05-20","region":"KP-04"},)"
                              R"({"code":"C-1","units":-1,"packed":"2022-05-20","region":"KP-04"},)"
                              R"(7]})");
  ASSERT_FALSE(bad.ok());
  const std::vector<std::string> expected = {
      "counted: 10 is more than 9", "answer: [1] is not a string, number or boolean",
      "crates[1].units: -1 is negative", "crates[1].code: appears twice in crates",
      "crates[2]: must be an object"};
  for (const std::string& text : expected) {
    bool found = false;
    for (const std::string& detail : bad.status().details()) found = found || detail == text;
    EXPECT_TRUE(found) << text << "\n" << bad.status().ToString();
  }
  EXPECT_FALSE(ReadOne(PalletRecord(), R"({"code":"P-3","counted":1,"crates":[]})").ok());
}

}  // namespace
}  // namespace outbreak::record
