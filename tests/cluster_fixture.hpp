#pragma once
// What the tests of several servers on one database share: the clerk's unit, report bodies, the
// change a reply reflects, and the fixture that prepares a database (SQLite, or a PostgreSQL
// cluster of the test's own) with users, one medicine and one county base.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "api_fixture.hpp"

namespace outbreak::testing {

constexpr char kUnit[] = "KP-04-003";  // the clerk's reporting unit

inline json::object ReportBody(const std::string& date, int64_t fever) {
  return {{"region", kUnit},    {"date", date},    {"new_fever", fever},
          {"new_recovered", 1}, {"new_deaths", 0}, {"under_treatment", fever + 10}};
}

// The day `offset` days after the demo's last (2022-08-09), as YYYY-MM-DD.
inline std::string FreshDay(int offset) {
  using namespace std::chrono;
  const year_month_day day{sys_days{2022y / August / 10} + days{offset}};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

inline Headers With(Headers headers, const std::string& name, const std::string& value) {
  headers.emplace_back(name, value);
  return headers;
}

// The stored report of kUnit on `date` as `port` answers it: {version, new_fever}, or {0, 0}.
inline std::pair<int64_t, int64_t> StoredOn(uint16_t port, const Headers& headers,
                                            const std::string& date) {
  HttpReply reply = Send(
      port, "GET", "/api/v1/reports?region=" + std::string(kUnit) + "&from=" + date + "&to=" + date,
      headers);
  if (reply.status != 200) return {-1, -1};
  const json::value body = reply.Json();
  const json::array& items = body.at("items").as_array();
  if (items.empty()) return {0, 0};
  const json::object& item = items[0].as_object();
  return {item.at("version").as_int64(), item.at("counts").as_object().at("new_fever").as_int64()};
}

// Polls (bounded) until `port` holds `expected` for `date`; whether it did.
inline bool Shows(uint16_t port, const Headers& headers, const std::string& date,
                  std::pair<int64_t, int64_t> expected) {
  const auto deadline = std::chrono::steady_clock::now() + kPatience;
  while (StoredOn(port, headers, date) != expected) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

inline int64_t ChangeOf(const HttpReply& reply) {
  const std::string header = reply.Header("x-outbreak-change");
  return header.empty() ? -1 : std::stoll(header);
}

inline Headers SignIn(uint16_t port, const std::string& name) {
  HttpReply login =
      Send(port, "POST", "/api/v1/auth/login", {},
           json::serialize(json::object{{"name", name}, {"password", kTestPassword}}));
  EXPECT_EQ(login.status, 200) << Describe(login);
  if (login.status != 200) return {};
  return Bearer(std::string(login.Json().at("token").as_string()));
}

class SeveralServersTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres") {
      if (!PostgresCluster::Installed()) {
        if (std::getenv("OUTBREAK_REQUIRE_PG") != nullptr) {
          FAIL() << "PostgreSQL 15 is not installed";
        }
        GTEST_SKIP() << "PostgreSQL 15 is not installed";
      }
      cluster_ = std::make_unique<PostgresCluster>();
      ASSERT_FALSE(cluster_->url().empty()) << cluster_->error();
      database_ = std::make_unique<TestDatabase>(cluster_->url());
    } else {
      database_ = std::make_unique<TestDatabase>();
    }
    RunResult regions = database_->Cli(
        {"import", "regions", std::string(OUTBREAK_TEST_DATA_DIR) + "/dprk2022/regions.csv"});
    ASSERT_EQ(regions.exit_code, 0) << regions.err;
    ASSERT_EQ(database_->AddUser("clerk", "county_clerk", kUnit), "");
    ASSERT_EQ(database_->AddUser("officer", "province_officer", "KP-04"), "");
    ASSERT_EQ(database_->AddUser("supply", "supply_officer", kUnit), "");
    // One medicine at one county base, for writes that are not idempotent by nature.
    const std::vector<std::pair<std::string, std::string>> supply = {
        {"medicines",
         "code,name,unit,category,essential,shelf_life_days\n"
         "T-PARA,Paracetamol 500 mg,tablet,other,true,720\n"},
        {"nodes", "code,name,kind,region\nT-CO,Manpho county base,county_base,KP-04-003\n"}};
    for (const auto& [kind, text] : supply) {
      const std::string file = database_->dir() + "/" + kind + ".csv";
      std::ofstream(file) << text;
      RunResult imported = database_->Cli({"supply", kind, "import", file});
      ASSERT_EQ(imported.exit_code, 0) << imported.err;
    }
  }

  std::unique_ptr<PostgresCluster> cluster_;
  std::unique_ptr<TestDatabase> database_;
};

}  // namespace outbreak::testing
