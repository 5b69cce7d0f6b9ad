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

#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "care/centre.hpp"
#include "care/workforce.hpp"
#include "core/date.hpp"
#include "core/progress.hpp"
#include "core/region.hpp"
#include "core/status.hpp"
#include "surveillance/daily_report.hpp"

namespace outbreak::store {

class SupplyStore;    // store/supply_store.hpp
class LevelsStore;    // store/levels_store.hpp
class GuidanceStore;  // store/guidance_store.hpp

// One report row as stored: the current value of a (region, date).
struct ReportRow {
  std::string region;
  Date date;
  surveillance::ReportCounts counts;
  int version = 1;  // 1 for a first report, one more with every correction
};

// A report to write, and what its writer read before: `expected_version` is the version of the
// stored report the writer saw (0: it saw none). Without it, the report is written over whatever
// is stored (a correction still needs a reason).
struct ReportWrite {
  ReportRow row;
  std::optional<int> expected_version;
};

// What a write of reports did, decided by the store inside its transaction.
struct ReportWriteOutcome {
  std::vector<ReportRow> added;      // first reports of their (region, date), version 1
  std::vector<ReportRow> corrected;  // reports that replaced a stored value, with their new version
  int64_t unchanged = 0;             // identical to what was stored: nothing written
  int64_t change = 0;                // the change log's number of this write (0: nothing changed)
};

// The change log. Every write, from any process (a server, the CLI, another server on the same
// database), appends one entry in its own transaction, so every server can follow the database.
// Sequence numbers grow in commit order.
enum class ChangeKind { kRegions, kOpenings, kReports, kCare, kSupply, kLevels, kGuidance };
std::string_view ChangeKindName(ChangeKind kind);
std::optional<ChangeKind> ParseChangeKind(std::string_view name);

struct ReportKey {
  std::string region;
  Date date;
  bool operator==(const ReportKey&) const = default;
};

struct Change {
  int64_t seq = 0;
  ChangeKind kind = ChangeKind::kReports;
  // For kReports: the reports written; empty when they were too many to list (any report may
  // then have changed).
  std::vector<ReportKey> reports;
};

// The change number the calling thread's last write committed, then 0 until it writes again.
int64_t TakeCommittedChange();

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
  // Only the entries of these users, when set (a caller below the nation reads the trail of the
  // users of its own subtree).
  std::optional<std::vector<std::string>> users_in;
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
  int status = 0;            // the answer's HTTP status, or kIdempotencyWritten
  std::string body;
  std::string created_at;
};

// The status of a key whose request has written (in the same transaction) but whose answer is
// not stored yet: it is being answered, or its server died before it could.
inline constexpr int kIdempotencyWritten = 1;

// The Idempotency-Key of the request the calling thread serves (nullptr: none; the record must
// outlive the request). The first write the thread then commits records the key in its own
// transaction, with status kIdempotencyWritten: of two requests with one key, on one server or
// two, exactly one writes, and the other's transaction fails on the key and writes nothing. A
// request cut before its commit left nothing, and may be sent again.
void ServeRequestKey(const IdempotencyRecord* key);
enum class RequestKeyOutcome {
  kNotRecorded,     // the request committed no write
  kRecorded,        // its write committed with the key
  kTakenByAnother,  // another request with the key wrote first; this one wrote nothing
};
RequestKeyOutcome TakeRequestKeyOutcome();
// The key of the request the calling thread serves while it is not recorded yet (else nullptr):
// for a write that another thread commits on its behalf (WriteReportGroup), which then reports
// what became of it with NoteRequestKeyOutcome on the request's own thread.
const IdempotencyRecord* CurrentRequestKey();
void NoteRequestKeyOutcome(RequestKeyOutcome outcome);
// Records `seq` as the calling thread's last committed change (see TakeCommittedChange).
void NoteCommittedChange(int64_t seq);

// One request's reports in a group commit (Store::WriteReportGroup). The store fills `outcome`
// and `key_outcome`.
struct ReportJob {
  std::vector<ReportWrite> writes;
  WriteContext context;
  const IdempotencyRecord* request_key = nullptr;  // recorded with the job's write, if it writes
  Result<ReportWriteOutcome> outcome = ReportWriteOutcome{};
  RequestKeyOutcome key_outcome = RequestKeyOutcome::kNotRecorded;
};

// How many rows of a write by key (care, supply and guidance reference data) were new, replaced a
// different stored value (audited old and new), or were identical to what was stored (nothing
// written).
struct WriteCounts {
  int64_t added = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
};

// One deployment of a plan: `workers` of `category` from one region to another, over the days
// start..end (both included).
struct DeploymentRecord {
  int64_t plan_id = 0;
  std::string from;
  std::string to;
  care::WorkerCategory category = care::WorkerCategory::kDoctor;
  int64_t workers = 0;
  Date start;
  Date end;
  double travel_hours = 0;
};

// A deployment plan as stored: what was planned, when, by whom, and whether it was adopted.
struct PlanRecord {
  int64_t id = 0;  // assigned by the store
  std::string created_at;
  std::string created_by;
  Date as_of;         // the day of data the plan was made from
  std::string scope;  // the region whose sub-regions were balanced
  int level = 0;      // the level of the regions balanced
  int horizon_days = 0;
  std::string status;  // "proposed" or "adopted"
  std::string adopted_by;
  std::string adopted_at;
  std::string detail;  // the plan's loads before and after, JSON
  std::vector<DeploymentRecord> deployments;
};

class Store {
 public:
  virtual ~Store() = default;

  // Creates the schema or upgrades it to the latest version; idempotent.
  virtual Status Migrate() = 0;
  // OK when the database answers (a reconnection is tried first when the connection was lost);
  // kUnavailable otherwise.
  virtual Status Ping() = 0;
  // The applied schema version (0 for an empty database).
  virtual Result<int> SchemaVersion() = 0;

  virtual Result<std::vector<Region>> LoadRegions() = 0;
  // Inserts new regions and updates existing ones (by code), all in one transaction.
  virtual Status SaveRegions(std::span<const Region> regions) = 0;

  virtual Result<std::vector<ReportRow>> LoadReports() = 0;
  virtual Result<std::vector<OpeningRow>> LoadOpenings() = 0;
  virtual Status SaveOpenings(std::span<const OpeningRow> openings,
                              const WriteContext& context) = 0;

  // Writes reports in one transaction, with their audit entries, deciding inside it which are
  // first reports, which correct a stored one and which are identical to it. A correction keeps
  // the value it replaces in the history with who, when and why, and is audited one by one
  // (old -> new); first reports are audited as one entry per call. kConflict, writing nothing,
  // naming each report with its stored value: a correction without `context.reason`, or a report
  // whose stored version is not the `expected_version` its writer read ("changed since you read
  // it"); also when a concurrent writer wins the race for the same report.
  virtual Result<ReportWriteOutcome> WriteReports(std::span<const ReportWrite> reports,
                                                  const WriteContext& context,
                                                  const ProgressFn& progress = {}) = 0;
  // Group commit: writes the jobs in one transaction with one durable commit. Each job is
  // all-or-nothing as WriteReports alone (a savepoint each: one that fails leaves the others'
  // writes), is decided after the jobs before it, has its own change in the log and records its
  // request key. When the commit fails, every job fails and nothing is written.
  virtual void WriteReportGroup(std::span<ReportJob* const> jobs) = 0;
  // The stored reports of these keys (those that exist), with their versions.
  virtual Result<std::vector<ReportRow>> LoadReportsAt(std::span<const ReportKey> keys) = 0;

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
  // Stores the answer of a request sent with a key: over the row its write recorded
  // (ServeRequestKey), or as a new row when it wrote nothing; never over another request's.
  virtual Status CompleteIdempotency(const IdempotencyRecord& record) = 0;

  // Treatment centres, census and workforce. Each Save inserts new rows and replaces stored ones
  // by key (centre code; centre and day; region, category and day), and audits in the same
  // transaction: one entry for the rows added, one entry per row replaced (old -> new). A row
  // naming an unknown region or centre is kInvalidArgument and nothing is written.
  virtual Result<WriteCounts> SaveCentres(std::span<const care::TreatmentCentre> centres,
                                          const WriteContext& context) = 0;
  virtual Result<std::vector<care::TreatmentCentre>> LoadCentres() = 0;
  virtual Result<WriteCounts> SaveCensus(std::span<const care::CensusDay> days,
                                         const WriteContext& context) = 0;
  // The census rows with from <= date <= to (either bound may be absent).
  virtual Result<std::vector<care::CensusDay>> LoadCensus(std::optional<Date> from,
                                                          std::optional<Date> to) = 0;
  virtual Result<WriteCounts> SaveWorkforce(std::span<const care::WorkforceCount> counts,
                                            const WriteContext& context) = 0;
  virtual Result<std::vector<care::WorkforceCount>> LoadWorkforce() = 0;

  // Deployment plans. SavePlan stores a proposed plan with its deployments and returns its id.
  virtual Result<int64_t> SavePlan(const PlanRecord& plan, const WriteContext& context) = 0;
  // Newest first, without detail.
  virtual Result<std::vector<PlanRecord>> ListPlans() = 0;
  virtual Result<std::optional<PlanRecord>> FindPlan(int64_t id) = 0;
  // Marks a proposed plan adopted. kNotFound for no such plan, kConflict when it is not proposed
  // (adopted already, perhaps by another caller meanwhile).
  virtual Status AdoptPlan(int64_t id, const WriteContext& context) = 0;
  // The deployments of every adopted plan.
  virtual Result<std::vector<DeploymentRecord>> LoadAdoptedDeployments() = 0;

  // The number of the latest change committed (0 when none), and the changes after `seq`, oldest
  // first, at most `limit`.
  virtual Result<int64_t> LastChange() = 0;
  virtual Result<std::vector<Change>> ChangesSince(int64_t seq, int limit) = 0;
  // Waits at most `timeout` for a change to be committed by any process: true when the database
  // can say (PostgreSQL's LISTEN/NOTIFY), false at once when it cannot (SQLite: poll instead).
  virtual Result<bool> WaitForChange(std::chrono::milliseconds timeout) = 0;

  // The medicine supply's data, on this same connection.
  virtual SupplyStore& Supply() = 0;
  // Prevention levels: rules, proposals, decisions and tasks (store/levels_store.hpp).
  virtual LevelsStore& Levels() = 0;
  // Guidance teams: roster, checklists, team plans, visits, findings (store/guidance_store.hpp).
  virtual GuidanceStore& Guidance() = 0;
};

}  // namespace outbreak::store
