#pragma once
// The store contract fixture: a fresh store on the backend the parameter names ("sqlite", or
// "postgres" when OUTBREAK_TEST_PG_URL names a throw-away database, in a schema of the test
// process's own), with a small region tree saved.

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <tuple>

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "app/open_store.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/store.hpp"

namespace outbreak::store {

using surveillance::ReportCounts;

inline const char* PostgresUrl() {
  const char* url = std::getenv("OUTBREAK_TEST_PG_URL");
  return url != nullptr && *url != '\0' ? url : nullptr;
}

class StoreContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string database;
    if (GetParam() == "sqlite") {
      path_ = std::filesystem::temp_directory_path() /
              ("outbreak-contract-" + std::to_string(getpid()) + ".db");
      std::filesystem::remove(path_);
      database = path_.string();
    } else {
      const char* url = PostgresUrl();
      if (url == nullptr) {
        if (std::getenv("OUTBREAK_REQUIRE_PG") != nullptr) {
          FAIL() << "OUTBREAK_TEST_PG_URL is not set but PostgreSQL tests are required";
        }
        GTEST_SKIP() << "OUTBREAK_TEST_PG_URL is not set";
      }
      // A schema of its own for every test process, so tests may run in parallel.
      schema_ = "contract_" + std::to_string(getpid());
      admin_ =
          std::make_unique<soci::session>(*soci::factory_postgresql(), *ConnectionInfoFromUrl(url));
      *admin_ << "SET client_min_messages = WARNING";
      *admin_ << "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE";
      *admin_ << "CREATE SCHEMA " + schema_;
      database = std::string(url) + (std::string(url).find('?') == std::string::npos ? "?" : "&") +
                 "options=-csearch_path%3D" + schema_;
    }
    database_ = database;
    Result<std::unique_ptr<Store>> store = app::OpenStore(database);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->SaveRegions(Regions()).ok());
  }
  void TearDown() override {
    store_.reset();
    if (admin_) *admin_ << "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE";
    if (!path_.empty()) {
      for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path_.string() + suffix);
      }
    }
  }

  static std::vector<Region> Regions() {
    return {{"KP", "DPR Korea", "조선", "", 0, 30, std::nullopt, std::nullopt},
            {"KP-01", "Pyongyang", "평양", "KP", 1, 30, 39.0, 125.7},
            {"KP-01-001", "Central", "중구역", "KP-01", 2, 10, 39.01, 125.75},
            {"KP-01-002", "Moranbong", "", "KP-01", 2, 20, std::nullopt, std::nullopt}};
  }
  static ReportRow Row(const std::string& region, const char* date, int64_t fever,
                       std::optional<int64_t> tested = std::nullopt) {
    ReportCounts counts{fever,     1,      0,
                        fever * 2, tested, tested ? std::optional<int64_t>(1) : std::nullopt};
    return {region, *Date::Parse(date), counts};
  }
  static WriteContext Context(const std::string& user, const std::string& reason = "") {
    return {user, "2022-05-20T09:00:00Z", reason, "test", "127.0.0.1"};
  }
  // Writes reports as given (no version read), returning what the store decided.
  Result<ReportWriteOutcome> Write(const std::vector<ReportRow>& rows, const WriteContext& context,
                                   std::optional<int> expected_version = std::nullopt) {
    std::vector<ReportWrite> writes;
    for (const ReportRow& row : rows) writes.push_back({row, expected_version});
    return store_->WriteReports(writes, context);
  }
  std::vector<ReportRow> Reports() {
    Result<std::vector<ReportRow>> rows = store_->LoadReports();
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    std::vector<ReportRow> out = rows.ok() ? *rows : std::vector<ReportRow>{};
    std::sort(out.begin(), out.end(), [](const ReportRow& a, const ReportRow& b) {
      return std::tie(a.region, a.date) < std::tie(b.region, b.date);
    });
    return out;
  }

  std::filesystem::path path_;
  std::string database_;  // what OpenStore was given, for tests that open more connections
  std::string schema_;
  std::unique_ptr<soci::session> admin_;
  std::unique_ptr<Store> store_;
};

}  // namespace outbreak::store
