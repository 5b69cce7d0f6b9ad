#pragma once
// Store: the port through which Outbreak keeps its data durable. SQL lives only behind it.
//
// Adapters: SQLite (embedded default) and PostgreSQL, both through SOCI (store/sqlite,
// store/postgres). Every method is one transaction: it either happens entirely or not at all, and
// a killed process leaves the data as it was before the call. Regions and reports are addressed by
// region code. A Store object is used by one thread at a time; open one per thread.
//
// Errors: kInvalidArgument for data the schema refuses, kConflict when a write races another
// (a "new" report that already exists, a correction of a report that does not), kUnavailable
// when the database cannot be reached or is locked, kInternal otherwise.

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/progress.hpp"
#include "core/region.hpp"
#include "core/status.hpp"
#include "surveillance/daily_report.hpp"

namespace outbreak::store {

// One report row as stored: the current value of a (region, date).
struct ReportRow {
  std::string region;
  Date date;
  surveillance::ReportCounts counts;
};

struct OpeningRow {
  std::string region;
  Date as_of;
  int64_t fever = 0;
  int64_t recovered = 0;
  int64_t deaths = 0;
  std::string note;
};

// Who writes, when and why; recorded with every report and every superseded value.
struct WriteContext {
  std::string user;         // who
  std::string recorded_at;  // when: an ISO 8601 UTC timestamp from the caller's clock
  std::string reason;       // why (required for corrections by the caller's policy)
  std::string source;       // where from: a file name, "api", "demo"
  std::string address;      // from which address ("cli" on the command line)
};

// One line of the audit trail: who did what, when, from where, and what changed.
struct AuditEntry {
  int64_t id = 0;           // assigned by the store
  std::string recorded_at;  // ISO 8601 UTC
  std::string user;
  std::string address;
  std::string action;     // e.g. "report.correct", "reports.add", "user.add", "auth.login"
  std::string target;     // what was acted on, e.g. "KP-01-001/2022-05-20"
  std::string old_value;  // JSON, empty when there was none
  std::string new_value;  // JSON, empty when there is none
};

struct AuditQuery {
  std::string user;    // only this user's entries, when not empty
  std::string action;  // only this action, when not empty
  std::string from;    // recorded_at >= from (ISO 8601), when not empty
  std::string to;      // recorded_at < to, when not empty
  int64_t limit = 100;
  int64_t offset = 0;
};

struct UserRecord {
  std::string name;
  std::string role;           // access::RoleName
  std::string region;         // home region code
  std::string password_hash;  // Argon2id, in libsodium's string format
  bool disabled = false;
  std::string created_at;
};

struct TokenRecord {
  std::string token_hash;  // hex BLAKE2b of the bearer token; the token itself is never stored
  std::string user;
  std::string created_at;
  int64_t expires_at = 0;  // Unix seconds
  bool revoked = false;
};

// The stored answer to a write sent with an Idempotency-Key.
struct IdempotencyRecord {
  std::string user;
  std::string key;
  std::string request_hash;  // so the same key with a different body is refused
  int status = 0;
  std::string body;
  std::string created_at;
};

class Store {
 public:
  virtual ~Store() = default;

  // Creates the schema or upgrades it to the latest version; idempotent.
  virtual Status Migrate() = 0;
  // The applied schema version (0 for an empty database).
  virtual Result<int> SchemaVersion() = 0;

  virtual Result<std::vector<Region>> LoadRegions() = 0;
  // Inserts new regions and updates existing ones (by code), all in one transaction.
  virtual Status SaveRegions(std::span<const Region> regions) = 0;

  virtual Result<std::vector<ReportRow>> LoadReports() = 0;
  virtual Result<std::vector<OpeningRow>> LoadOpenings() = 0;
  virtual Status SaveOpenings(std::span<const OpeningRow> openings,
                              const WriteContext& context) = 0;

  // Writes first reports and corrections in one transaction, with their audit entries. A
  // correction keeps the value it replaces in the history with who, when and why, and is audited
  // one by one (old -> new); first reports are audited as one entry per call.
  virtual Status WriteReports(std::span<const ReportRow> first_reports,
                              std::span<const ReportRow> corrections, const WriteContext& context,
                              const ProgressFn& progress = {}) = 0;

  // Every version of one report, oldest first; empty when there is none.
  virtual Result<std::vector<surveillance::ReportVersion>> ReportHistory(std::string_view region,
                                                                         Date date) = 0;

  // Users and tokens. AddUser fails with kConflict when the name is taken.
  virtual Status AddUser(const UserRecord& user) = 0;
  virtual Result<std::optional<UserRecord>> FindUser(std::string_view name) = 0;
  virtual Result<std::vector<UserRecord>> ListUsers() = 0;
  virtual Status SetUserDisabled(std::string_view name, bool disabled) = 0;
  virtual Status SaveToken(const TokenRecord& token) = 0;
  virtual Result<std::optional<TokenRecord>> FindToken(std::string_view token_hash) = 0;
  // Revokes one token (by hash) or, with an empty hash, every token of the user; returns how many.
  virtual Result<int64_t> RevokeTokens(std::string_view user, std::string_view token_hash) = 0;

  // The audit trail: appended, never changed; newest first when listed.
  virtual Status AppendAudit(const AuditEntry& entry) = 0;
  virtual Result<std::vector<AuditEntry>> ListAudit(const AuditQuery& query) = 0;

  virtual Result<std::optional<IdempotencyRecord>> FindIdempotency(std::string_view user,
                                                                   std::string_view key) = 0;
  // Fails with kConflict when the (user, key) is already stored.
  virtual Status SaveIdempotency(const IdempotencyRecord& record) = 0;
};

}  // namespace outbreak::store
