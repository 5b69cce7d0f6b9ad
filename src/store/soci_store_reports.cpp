// SociStore: reports written in bulk, the store's decision of new, correction or unchanged
// inside the write, and a report's history.

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <soci/soci.h>
#include <boost/json.hpp>

#include "store/soci_report_columns.hpp"
#include "store/soci_report_writes.hpp"
#include "store/soci_store.hpp"
#include "store/write_transaction.hpp"

namespace outbreak::store {

void SociStore::InsertReports(const std::vector<int>& region_ids, std::span<const ReportRow> rows,
                              const std::vector<uint32_t>& order,
                              std::span<const long long> batch_ids, const ProgressFn& progress) {
  std::vector<int> ids;
  std::vector<int> days;
  CountColumns columns;
  std::vector<long long> batches;
  for (size_t start = 0; start < rows.size(); start += kBatchRows) {
    const size_t count = std::min(kBatchRows, rows.size() - start);
    ids.resize(count);
    days.resize(count);
    columns.Resize(count);
    for (size_t row = 0; row < count; ++row) {
      const uint32_t at = order[start + row];
      ids[row] = region_ids[at];
      days[row] = rows[at].date.days_since_epoch();
      columns.Set(row, rows[at].counts);
    }
    batches.resize(count);
    for (size_t row = 0; row < count; ++row) {
      batches[row] = batch_ids.size() == 1 ? batch_ids[0] : batch_ids[order[start + row]];
    }
    *session_ << "INSERT INTO reports (region_id, day, new_fever, new_recovered, new_deaths,"
                 " under_treatment, tested, positive, version, batch_id) VALUES (:id, :day,"
                 " :fever, :recovered, :deaths, :treatment, :tested, :positive, 1, :batch)",
        soci::use(ids), soci::use(days), soci::use(columns.fever), soci::use(columns.recovered),
        soci::use(columns.deaths), soci::use(columns.under_treatment),
        soci::use(columns.tested, columns.tested_ind),
        soci::use(columns.positive, columns.positive_ind), soci::use(batches);
    if (progress) progress("write", static_cast<int64_t>(start + count), rows.size());
  }
}

namespace {

// Up to this many reports are looked up one by one; a larger write reads the days it spans.
constexpr size_t kPointLookups = 256;

}  // namespace

// "KP-01-001 2022-05-12: stored version 2 is {...}" for a conflict's details.
std::string StoredText(const ReportRow& row, const StoredReport& stored) {
  return fmt::format("{} {}: stored version {} is {}", row.region, row.date.ToString(),
                     stored.version, CountsJson(stored.counts));
}

StoredReports StoredReportsOf(soci::session& session, const std::vector<int>& region_ids,
                              std::span<const ReportWrite> writes) {
  StoredReports out;
  if (writes.empty()) return out;
  if (writes.size() <= kPointLookups) {
    int id = 0;
    int day = 0;
    int version = 0;
    long long batch = 0;
    CountColumns columns;
    columns.Resize(1);
    soci::statement read =
        (session.prepare << "SELECT new_fever, new_recovered, new_deaths, under_treatment, tested,"
                            " positive, version, batch_id FROM reports"
                            " WHERE region_id = :id AND day = :day",
         soci::into(columns.fever[0]), soci::into(columns.recovered[0]),
         soci::into(columns.deaths[0]), soci::into(columns.under_treatment[0]),
         soci::into(columns.tested[0], columns.tested_ind[0]),
         soci::into(columns.positive[0], columns.positive_ind[0]), soci::into(version),
         soci::into(batch), soci::use(id), soci::use(day));
    for (size_t row = 0; row < writes.size(); ++row) {
      id = region_ids[row];
      day = writes[row].row.date.days_since_epoch();
      if (read.execute(true)) out[ReportKeyOf(id, day)] = {columns.Get(0), version, batch};
    }
    return out;
  }
  std::unordered_set<int64_t> wanted;
  int first = writes.front().row.date.days_since_epoch();
  int last = first;
  for (size_t row = 0; row < writes.size(); ++row) {
    const int day = writes[row].row.date.days_since_epoch();
    first = std::min(first, day);
    last = std::max(last, day);
    wanted.insert(ReportKeyOf(region_ids[row], day));
  }
  std::vector<int> ids(kBatchRows);
  std::vector<int> days(kBatchRows);
  std::vector<int> versions(kBatchRows);
  std::vector<long long> batches(kBatchRows);
  CountColumns columns;
  columns.Resize(kBatchRows);
  soci::statement select =
      (session.prepare << "SELECT region_id, day, new_fever, new_recovered, new_deaths,"
                          " under_treatment, tested, positive, version, batch_id FROM reports"
                          " WHERE day BETWEEN :first AND :last",
       soci::into(ids), soci::into(days), soci::into(columns.fever), soci::into(columns.recovered),
       soci::into(columns.deaths), soci::into(columns.under_treatment),
       soci::into(columns.tested, columns.tested_ind),
       soci::into(columns.positive, columns.positive_ind), soci::into(versions),
       soci::into(batches), soci::use(first), soci::use(last));
  select.execute();
  while (select.fetch()) {
    for (size_t row = 0; row < ids.size(); ++row) {
      const int64_t key = ReportKeyOf(ids[row], days[row]);
      if (wanted.contains(key)) out[key] = {columns.Get(row), versions[row], batches[row]};
    }
    ids.resize(kBatchRows);
    days.resize(kBatchRows);
    versions.resize(kBatchRows);
    batches.resize(kBatchRows);
    columns.Resize(kBatchRows);
  }
  return out;
}

CorrectionWriter::CorrectionWriter(soci::session& session)
    // Only the version read is replaced: on PostgreSQL another transaction may have corrected
    // the report since, and then this one is the loser of the race.
    : update_((session.prepare << "UPDATE reports SET new_fever = :fever,"
                                  " new_recovered = :recovered, new_deaths = :deaths,"
                                  " under_treatment = :treatment, tested = :tested,"
                                  " positive = :positive, version = version + 1, batch_id = :batch"
                                  " WHERE region_id = :id AND day = :day AND version = :version",
               soci::use(columns_.fever[0]), soci::use(columns_.recovered[0]),
               soci::use(columns_.deaths[0]), soci::use(columns_.under_treatment[0]),
               soci::use(columns_.tested[0], columns_.tested_ind[0]),
               soci::use(columns_.positive[0], columns_.positive_ind[0]), soci::use(batch_id_),
               soci::use(id_), soci::use(day_), soci::use(read_version_))),
      // The replaced value goes to the history once the update has taken the row: two writers
      // that read the same version never both record it.
      keep_old_((session.prepare << "INSERT INTO report_revisions (region_id, day, version,"
                                    " new_fever, new_recovered, new_deaths, under_treatment,"
                                    " tested, positive, batch_id) VALUES (:id, :day, :version,"
                                    " :fever, :recovered, :deaths, :treatment, :tested, :positive,"
                                    " :batch)",
                 soci::use(id_), soci::use(day_), soci::use(read_version_),
                 soci::use(old_columns_.fever[0]), soci::use(old_columns_.recovered[0]),
                 soci::use(old_columns_.deaths[0]), soci::use(old_columns_.under_treatment[0]),
                 soci::use(old_columns_.tested[0], old_columns_.tested_ind[0]),
                 soci::use(old_columns_.positive[0], old_columns_.positive_ind[0]),
                 soci::use(old_batch_))) {}

bool CorrectionWriter::Apply(int region_id, const ReportRow& row, const StoredReport& replaced,
                             long long batch_id) {
  id_ = region_id;
  day_ = row.date.days_since_epoch();
  read_version_ = replaced.version;
  batch_id_ = batch_id;
  columns_.Set(0, row.counts);
  old_columns_.Set(0, replaced.counts);
  old_batch_ = replaced.batch_id;
  update_.execute(true);
  if (update_.get_affected_rows() != 1) return false;
  keep_old_.execute(true);
  return true;
}

Result<ReportDecision> DecideReports(std::span<const ReportWrite> writes,
                                     const std::vector<int>& region_ids,
                                     const StoredReports& stored, const WriteContext& context) {
  ReportDecision decision;
  ReportWriteOutcome& outcome = decision.outcome;
  std::vector<std::string> stale;        // reports changed since their writer read them
  std::vector<std::string> unexplained;  // corrections without a reason
  for (size_t at = 0; at < writes.size(); ++at) {
    const ReportWrite& write = writes[at];
    auto found = stored.find(ReportKeyOf(region_ids[at], write.row.date.days_since_epoch()));
    const bool exists = found != stored.end();
    if (exists && found->second.counts == write.row.counts) {
      ++outcome.unchanged;
      continue;
    }
    const int version = exists ? found->second.version : 0;
    if (write.expected_version && *write.expected_version != version) {
      stale.push_back(exists ? StoredText(write.row, found->second) +
                                   fmt::format(" (you read version {})", *write.expected_version)
                             : fmt::format("{} {}: nothing is stored (you read version {})",
                                           write.row.region, write.row.date.ToString(),
                                           *write.expected_version));
      continue;
    }
    ReportRow row = write.row;
    if (!exists) {
      row.version = 1;
      outcome.added.push_back(std::move(row));
      decision.first_ids.push_back(region_ids[at]);
      continue;
    }
    if (context.reason.empty()) {
      unexplained.push_back(fmt::format("{} {} was already reported: stored version {} is {}",
                                        write.row.region, write.row.date.ToString(),
                                        found->second.version, CountsJson(found->second.counts)));
      continue;
    }
    row.version = version + 1;
    outcome.corrected.push_back(std::move(row));
    decision.correction_ids.push_back(region_ids[at]);
    decision.replaced.push_back(found->second);
  }
  if (!stale.empty()) {
    return Status(StatusCode::kConflict,
                  fmt::format("{} report(s) changed since you read them; nothing was written: "
                              "read them again",
                              stale.size()),
                  std::move(stale));
  }
  if (!unexplained.empty()) {
    return Status(StatusCode::kConflict,
                  fmt::format("{} report(s) correct stored ones: a correction needs a reason; "
                              "nothing was written",
                              unexplained.size()),
                  std::move(unexplained));
  }
  return decision;
}

std::vector<AuditEntry> ReportAudit(const ReportDecision& decision, const WriteContext& context) {
  std::vector<AuditEntry> entries;
  const ReportWriteOutcome& outcome = decision.outcome;
  if (!outcome.added.empty()) {
    Date first = outcome.added.front().date;
    Date last = first;
    for (const ReportRow& row : outcome.added) {
      first = std::min(first, row.date);
      last = std::max(last, row.date);
    }
    entries.push_back({0, context.recorded_at, context.user, context.address, "reports.add",
                       context.source, "",
                       boost::json::serialize(boost::json::object{{"reports", outcome.added.size()},
                                                                  {"from", first.ToString()},
                                                                  {"to", last.ToString()},
                                                                  {"reason", context.reason}})});
  }
  for (size_t at = 0; at < outcome.corrected.size(); ++at) {
    const ReportRow& row = outcome.corrected[at];
    entries.push_back({0, context.recorded_at, context.user, context.address, "report.correct",
                       row.region + "/" + row.date.ToString(),
                       CountsJson(decision.replaced[at].counts), CountsJson(row.counts)});
  }
  return entries;
}

Result<ReportWriteOutcome> SociStore::WriteReports(std::span<const ReportWrite> writes,
                                                   const WriteContext& context,
                                                   const ProgressFn& progress) {
  try {
    WriteTransaction transaction(session(), dialect_);
    Result<ReportWriteOutcome> outcome = WriteReportsIn(writes, context, progress);
    if (!outcome.ok() || (outcome->added.empty() && outcome->corrected.empty())) return outcome;
    outcome->change = transaction.Commit(ChangeKind::kReports, ReportChangeKeys(*outcome));
    return outcome;
  } catch (const std::exception& error) {
    return DatabaseError("writing reports", error);
  }
}

Result<ReportWriteOutcome> SociStore::WriteReportsIn(std::span<const ReportWrite> writes,
                                                     const WriteContext& context,
                                                     const ProgressFn& progress) {
  {
    const auto& ids = KnownRegionIds(writes);
    std::vector<int> region_ids;
    region_ids.reserve(writes.size());
    for (const ReportWrite& write : writes) {
      auto id = ids.find(write.row.region);
      if (id == ids.end()) {
        return Status::InvalidArgument(
            fmt::format("report: unknown region \"{}\"", write.row.region));
      }
      region_ids.push_back(id->second);
    }
    // New, correction or identical is decided here, from what is stored now: never from a
    // server's memory, which another server's write may have made stale.
    Result<ReportDecision> decision =
        DecideReports(writes, region_ids, StoredReportsOf(*session_, region_ids, writes), context);
    if (!decision.ok()) return decision.status();
    ReportWriteOutcome& outcome = decision->outcome;
    const std::vector<int>& first_ids = decision->first_ids;
    const std::vector<int>& correction_ids = decision->correction_ids;
    const std::vector<StoredReport>& replaced = decision->replaced;
    if (outcome.added.empty() && outcome.corrected.empty()) return outcome;

    long long batch_id = 0;
    *session_ << "INSERT INTO report_batches (recorded_by, recorded_at, reason, source, address)"
                 " VALUES (:who, :at, :reason, :source, :address) RETURNING id",
        soci::use(context.user), soci::use(context.recorded_at), soci::use(context.reason),
        soci::use(context.source), soci::use(context.address), soci::into(batch_id);
    InsertReports(first_ids, outcome.added, KeyOrder(first_ids, outcome.added),
                  std::span(&batch_id, 1), progress);
    CorrectionWriter corrections(*session_);
    for (size_t at = 0; at < outcome.corrected.size(); ++at) {
      const ReportRow& row = outcome.corrected[at];
      if (!corrections.Apply(correction_ids[at], row, replaced[at], batch_id)) {
        // Another transaction corrected it after this one read it (PostgreSQL): its value is
        // committed now, and the loser is shown it.
        std::vector<std::string> details;
        std::vector<int> one_id{correction_ids[at]};
        const ReportWrite again{row, std::nullopt};
        const auto now = StoredReportsOf(*session_, one_id, std::span(&again, 1));
        if (auto found = now.find(ReportKeyOf(correction_ids[at], row.date.days_since_epoch()));
            found != now.end()) {
          details.push_back(StoredText(row, found->second) +
                            fmt::format(" (you read version {})", replaced[at].version));
        }
        return Status(StatusCode::kConflict,
                      "1 report(s) changed since you read them; nothing was written: read them "
                      "again",
                      std::move(details));
      }
    }
    for (const AuditEntry& entry : ReportAudit(*decision, context)) InsertAudit(entry);
    return std::move(outcome);
  }
}

Result<std::vector<surveillance::ReportVersion>> SociStore::ReportHistory(std::string_view region,
                                                                          Date date) {
  try {
    std::vector<surveillance::ReportVersion> out;
    const std::string code(region);
    const int day = date.days_since_epoch();
    const std::string columns =
        "t.version, t.new_fever, t.new_recovered, t.new_deaths, t.under_treatment, t.tested,"
        " t.positive, b.recorded_by, b.recorded_at, b.reason, b.source";
    for (const bool current : {false, true}) {
      const std::string sql = fmt::format(
          "SELECT {} FROM {} t JOIN regions g ON g.id = t.region_id JOIN report_batches b ON"
          " b.id = t.batch_id WHERE g.code = :code AND t.day = :day ORDER BY t.version",
          columns, current ? "reports" : "report_revisions");
      soci::rowset<soci::row> rows = (session_->prepare << sql, soci::use(code), soci::use(day));
      for (const soci::row& row : rows) {
        surveillance::ReportVersion revision;
        revision.version = row.get<int>(0);
        revision.counts.new_fever = row.get<long long>(1);
        revision.counts.new_recovered = row.get<long long>(2);
        revision.counts.new_deaths = row.get<long long>(3);
        revision.counts.under_treatment = row.get<long long>(4);
        if (row.get_indicator(5) != soci::i_null) revision.counts.tested = row.get<long long>(5);
        if (row.get_indicator(6) != soci::i_null) revision.counts.positive = row.get<long long>(6);
        revision.recorded_by = row.get<std::string>(7);
        revision.recorded_at = row.get<std::string>(8);
        revision.reason = row.get<std::string>(9);
        revision.source = row.get<std::string>(10);
        revision.current = current;
        out.push_back(std::move(revision));
      }
    }
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("reading report history", error);
  }
}

}  // namespace outbreak::store
