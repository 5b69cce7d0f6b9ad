#pragma once
// SociStore: the Store port over a SOCI session. The SQLite and PostgreSQL adapters open the
// session their way and share this implementation; where their SQL differs, the Dialect says.

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <soci/row.h>
#include <soci/session.h>

#include "store/schema.hpp"
#include "store/session_health.hpp"
#include "store/store.hpp"

namespace outbreak::store {

class SociStore : public Store {
 public:
  SociStore(std::unique_ptr<soci::session> session, Dialect dialect);
  ~SociStore() override;

  Status Migrate() override;
  Status Ping() override;
  Result<int> SchemaVersion() override;
  Result<std::vector<Region>> LoadRegions() override;
  Status SaveRegions(std::span<const Region> regions) override;
  Result<std::vector<ReportRow>> LoadReports() override;
  Result<std::vector<OpeningRow>> LoadOpenings() override;
  Status SaveOpenings(std::span<const OpeningRow> openings, const WriteContext& context) override;
  Result<ReportWriteOutcome> WriteReports(std::span<const ReportWrite> reports,
                                          const WriteContext& context,
                                          const ProgressFn& progress) override;
  void WriteReportGroup(std::span<ReportJob* const> jobs) override;
  Result<std::vector<ReportRow>> LoadReportsAt(std::span<const ReportKey> keys) override;
  Result<std::vector<surveillance::ReportVersion>> ReportHistory(std::string_view region,
                                                                 Date date) override;

  // Users, tokens, audit and idempotency keys (soci_store_access.cpp).
  Status AddUser(const UserRecord& user) override;
  Result<std::optional<UserRecord>> FindUser(std::string_view name) override;
  Result<std::vector<UserRecord>> ListUsers() override;
  Status SetUserDisabled(std::string_view name, bool disabled) override;
  Status SaveToken(const TokenRecord& token) override;
  Result<std::optional<TokenRecord>> FindToken(std::string_view token_hash) override;
  Result<int64_t> RevokeTokens(std::string_view user, std::string_view token_hash) override;
  Status AppendAudit(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> ListAudit(const AuditQuery& query) override;
  Result<std::optional<IdempotencyRecord>> FindIdempotency(std::string_view user,
                                                           std::string_view key) override;
  Status CompleteIdempotency(const IdempotencyRecord& record) override;

  // Treatment centres, census, workforce and deployment plans (soci_store_care.cpp).
  Result<WriteCounts> SaveCentres(std::span<const care::TreatmentCentre> centres,
                                  const WriteContext& context) override;
  Result<std::vector<care::TreatmentCentre>> LoadCentres() override;
  Result<WriteCounts> SaveCensus(std::span<const care::CensusDay> days,
                                 const WriteContext& context) override;
  Result<std::vector<care::CensusDay>> LoadCensus(std::optional<Date> from,
                                                  std::optional<Date> to) override;
  Result<WriteCounts> SaveWorkforce(std::span<const care::WorkforceCount> counts,
                                    const WriteContext& context) override;
  Result<std::vector<care::WorkforceCount>> LoadWorkforce() override;
  Result<int64_t> SavePlan(const PlanRecord& plan, const WriteContext& context) override;
  Result<std::vector<PlanRecord>> ListPlans() override;
  Result<std::optional<PlanRecord>> FindPlan(int64_t id) override;
  Status AdoptPlan(int64_t id, const WriteContext& context) override;
  Result<std::vector<DeploymentRecord>> LoadAdoptedDeployments() override;

  // The change log (soci_store_changes.cpp).
  Result<int64_t> LastChange() override;
  Result<std::vector<Change>> ChangesSince(int64_t seq, int limit) override;
  Result<bool> WaitForChange(std::chrono::milliseconds timeout) override;

  SupplyStore& Supply() override;
  LevelsStore& Levels() override;
  GuidanceStore& Guidance() override;

 protected:
  soci::session& session() { return Healthy(*session_, dialect_); }
  Dialect dialect() const { return dialect_; }

  // Inserts first reports (already resolved to region ids) in the given order, which is key
  // order, each with its write's batch: `batch_ids` one per row (indexed as `rows`), or one for
  // all. Adapters may override with a faster native path; this one uses SOCI bulk binding.
  virtual void InsertReports(const std::vector<int>& region_ids, std::span<const ReportRow> rows,
                             const std::vector<uint32_t>& order,
                             std::span<const long long> batch_ids, const ProgressFn& progress);

 private:
  // The group commit's two ways (soci_store_report_group.cpp): every job decided and written
  // with statements prepared once for the group, throwing when a write fails after the first;
  // and job by job, each in a savepoint of its own.
  void WriteGroupAtOnce(std::span<ReportJob* const> jobs);
  void WriteGroupOneByOne(std::span<ReportJob* const> jobs);
  // WriteReports inside the caller's transaction, committing nothing.
  Result<ReportWriteOutcome> WriteReportsIn(std::span<const ReportWrite> writes,
                                            const WriteContext& context,
                                            const ProgressFn& progress);
  std::unordered_map<std::string, int> RegionIds();
  // The ids of the regions the writes name, from memory, read again when one is not known yet.
  const std::unordered_map<std::string, int>& KnownRegionIds(std::span<const ReportWrite> writes);
  // Inserts one audit entry inside the caller's transaction.
  void InsertAudit(const AuditEntry& entry);
  Result<int> CurrentVersion();

  std::unique_ptr<soci::session> session_;
  Dialect dialect_;
  void* listening_ = nullptr;  // the PostgreSQL connection LISTEN was sent on, if any
  std::unordered_map<std::string, int> region_ids_;  // region code -> id (KnownRegionIds)
  std::unique_ptr<SupplyStore> supply_;              // soci_supply_store.hpp
  std::unique_ptr<LevelsStore> levels_;              // soci_store_levels.hpp
  std::unique_ptr<GuidanceStore> guidance_;          // soci_store_guidance.hpp
};

// The rows' positions in (region id, day) order, the order of the reports table's key.
std::vector<uint32_t> KeyOrder(const std::vector<int>& region_ids, std::span<const ReportRow> rows);

// The change log's keys of a write of reports: "REGION/DAY ..." when few, empty when too many
// to list (a follower then reloads every report), and back.
std::string ReportChangeKeys(const ReportWriteOutcome& outcome);
std::vector<ReportKey> ParseReportChangeKeys(std::string_view keys);

// {"new_fever":5,...} for the audit trail.
std::string CountsJson(const surveillance::ReportCounts& counts);

// Inserts one audit entry inside the caller's transaction (for every SOCI-backed store).
void InsertAuditRow(soci::session& session, const AuditEntry& entry);
// Inserts audit entries inside the caller's transaction with one prepared statement.
void InsertAuditRows(soci::session& session, std::span<const AuditEntry> entries);

// An integer column, whatever width the backend reports it in (SQLite and PostgreSQL differ).
int64_t IntegerAt(const soci::row& row, size_t idx);

// A list kept in one text column, comma-separated (codes never hold a comma), and back.
inline std::string JoinCommaList(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += ',';
    out += part;
  }
  return out;
}

inline std::vector<std::string> SplitCommaList(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// A text column that may be NULL ("" then).
inline std::string OptionalText(const soci::row& row, size_t idx) {
  return row.get_indicator(idx) == soci::i_null ? std::string() : row.get<std::string>(idx);
}

// A day column (days since 1970-01-01).
inline Date DayAt(const soci::row& row, size_t idx) {
  return Date(static_cast<int32_t>(IntegerAt(row, idx)));
}

// A query whose conditions come from optional filters. Values are bound, never spliced into the
// SQL: Bind returns the placeholder of a value, List a comma-separated list of placeholders.
class FilteredQuery {
 public:
  std::string Bind(const std::string& value);
  std::string List(const std::vector<std::string>& values);
  void Where(const std::string& condition) { conditions_.push_back(condition); }
  // "1 = 1" when there is no condition.
  std::string Conditions() const;
  // Runs `sql` (which uses the placeholders) and calls `read` for every row.
  void Run(soci::session& session, const std::string& sql,
           const std::function<void(const soci::row&)>& read) const;

 private:
  std::vector<std::string> values_;
  std::vector<std::string> conditions_;
};

// Maps a SOCI or database error to a Status with the operation named.
Status DatabaseError(std::string_view operation, const std::exception& error);

}  // namespace outbreak::store
