#include "store/sqlite/sqlite_store.hpp"

#include <fmt/format.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "store/soci_store.hpp"

namespace outbreak::store {

namespace {

// SOCI declares SQLite's C API inside this namespace.
using namespace sqlite_api;  // NOLINT(google-build-using-namespace)

constexpr int kBusyTimeoutMs = 10'000;

// Bulk inserts go straight to SQLite's prepared-statement API: SOCI's generic bulk path copies
// every value through its type layer, which costs more than SQLite's own insert.
class SqliteStore : public SociStore {
 public:
  using SociStore::SociStore;

 protected:
  void InsertReports(const std::vector<int>& region_ids, std::span<const ReportRow> rows,
                     const std::vector<uint32_t>& order, std::span<const long long> batch_ids,
                     const ProgressFn& progress) override {
    sqlite3* db = static_cast<soci::sqlite3_session_backend*>(session().get_backend())->conn_;
    sqlite3_stmt* statement = nullptr;
    const char* sql =
        "INSERT INTO reports (region_id, day, new_fever, new_recovered, new_deaths,"
        " under_treatment, tested, positive, version, batch_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)";
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
      throw soci::soci_error(fmt::format("preparing the report insert: {}", sqlite3_errmsg(db)));
    }
    auto bind_optional = [&](int column, const std::optional<int64_t>& value) {
      if (value) {
        sqlite3_bind_int64(statement, column, *value);
      } else {
        sqlite3_bind_null(statement, column);
      }
    };
    for (size_t row_idx = 0; row_idx < rows.size(); ++row_idx) {
      const ReportRow& row = rows[order[row_idx]];
      sqlite3_bind_int(statement, 1, region_ids[order[row_idx]]);
      sqlite3_bind_int64(statement, 9,
                         batch_ids.size() == 1 ? batch_ids[0] : batch_ids[order[row_idx]]);
      sqlite3_bind_int(statement, 2, row.date.days_since_epoch());
      sqlite3_bind_int64(statement, 3, row.counts.new_fever);
      sqlite3_bind_int64(statement, 4, row.counts.new_recovered);
      sqlite3_bind_int64(statement, 5, row.counts.new_deaths);
      sqlite3_bind_int64(statement, 6, row.counts.under_treatment);
      bind_optional(7, row.counts.tested);
      bind_optional(8, row.counts.positive);
      const int rc = sqlite3_step(statement);
      if (rc != SQLITE_DONE) {
        const std::string message = sqlite3_errmsg(db);
        const int code = sqlite3_extended_errcode(db);
        sqlite3_finalize(statement);
        throw soci::sqlite3_soci_error(
            fmt::format("inserting report {} {}: {}", row.region, row.date.ToString(), message),
            code);
      }
      sqlite3_reset(statement);
      if (progress && (row_idx + 1) % 100'000 == 0) {
        progress("write", static_cast<int64_t>(row_idx + 1), static_cast<int64_t>(rows.size()));
      }
    }
    sqlite3_finalize(statement);
    if (progress) progress("write", rows.size(), rows.size());
  }
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  try {
    auto session = std::make_unique<soci::session>(
        *soci::factory_sqlite3(), fmt::format("db=\"{}\" timeout={}", path, kBusyTimeoutMs / 1000));
    // Errors then carry their extended codes (a unique key from a check), which the store's
    // error mapping reads instead of the driver's text.
    sqlite3_extended_result_codes(
        static_cast<soci::sqlite3_session_backend*>(session->get_backend())->conn_, 1);
    *session << "PRAGMA foreign_keys = ON";
    if (path != ":memory:") {
      std::string mode;
      *session << "PRAGMA journal_mode = WAL", soci::into(mode);
    }
    *session << "PRAGMA synchronous = FULL";
    *session << fmt::format("PRAGMA busy_timeout = {}", kBusyTimeoutMs);
    return std::unique_ptr<Store>(
        std::make_unique<SqliteStore>(std::move(session), Dialect::kSqlite));
  } catch (const std::exception& error) {
    return DatabaseError(fmt::format("opening SQLite database {}", path), error);
  }
}

}  // namespace outbreak::store
