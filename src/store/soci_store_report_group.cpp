// SociStore: a group commit of reports (Store::WriteReportGroup). The jobs are first decided and
// written together, with statements prepared once for the group: under load most of a write's
// cost is preparing its statements, not running them. When a write fails after the first (a
// correction that lost a race on PostgreSQL, a row the database refuses), the group is rolled
// back whole and written again job by job, each in a savepoint of its own, so that only that
// job fails.

#include <fmt/format.h>
#include <soci/soci.h>

#include "store/soci_report_writes.hpp"
#include "store/soci_store.hpp"
#include "store/write_transaction.hpp"

namespace outbreak::store {

void SociStore::WriteReportGroup(std::span<ReportJob* const> jobs) {
  try {
    WriteTransaction transaction(session(), dialect_);
    WriteGroupAtOnce(jobs);
    transaction.CommitGroup();
    return;
  } catch (const std::exception&) {
    // Rolled back whole: written again job by job below, where each failure is its job's own.
  }
  for (ReportJob* job : jobs) {
    job->outcome = ReportWriteOutcome{};
    job->key_outcome = RequestKeyOutcome::kNotRecorded;
  }
  WriteGroupOneByOne(jobs);
}

void SociStore::WriteGroupAtOnce(std::span<ReportJob* const> jobs) {
  // The region ids of every job, and what is stored of every report the group names.
  std::vector<std::vector<int>> ids(jobs.size());
  std::vector<bool> open(jobs.size(), true);
  std::vector<int> all_ids;
  std::vector<ReportWrite> all_writes;
  for (size_t at = 0; at < jobs.size(); ++at) {
    ReportJob& job = *jobs[at];
    const auto& known = KnownRegionIds(job.writes);
    for (const ReportWrite& write : job.writes) {
      auto id = known.find(write.row.region);
      if (id == known.end()) {
        job.outcome =
            Status::InvalidArgument(fmt::format("report: unknown region \"{}\"", write.row.region));
        open[at] = false;
        break;
      }
      ids[at].push_back(id->second);
    }
    if (!open[at]) continue;
    all_ids.insert(all_ids.end(), ids[at].begin(), ids[at].end());
    all_writes.insert(all_writes.end(), job.writes.begin(), job.writes.end());
  }
  StoredReports stored = StoredReportsOf(*session_, all_ids, all_writes);

  // Each job decided after those before it, as if written alone in their order: what it writes
  // counts as stored for the next.
  WriteContext context;
  long long batch_id = 0;
  soci::statement insert_batch =
      (session_->prepare << "INSERT INTO report_batches (recorded_by, recorded_at, reason, source,"
                            " address) VALUES (:who, :at, :reason, :source, :address) RETURNING id",
       soci::use(context.user), soci::use(context.recorded_at), soci::use(context.reason),
       soci::use(context.source), soci::use(context.address), soci::into(batch_id));
  std::vector<int> added_ids;
  std::vector<ReportRow> added;
  std::vector<long long> added_batches;
  struct Correction {
    int region_id;
    ReportRow row;
    StoredReport replaced;
    long long batch_id;
  };
  std::vector<Correction> corrections;
  std::vector<AuditEntry> audit;
  std::vector<std::string> change_keys;
  std::vector<ReportJob*> writers;
  for (size_t at = 0; at < jobs.size(); ++at) {
    if (!open[at]) continue;
    ReportJob& job = *jobs[at];
    Result<ReportDecision> decision = DecideReports(job.writes, ids[at], stored, job.context);
    if (!decision.ok() ||
        (decision->outcome.added.empty() && decision->outcome.corrected.empty())) {
      job.outcome = decision.ok() ? Result<ReportWriteOutcome>(std::move(decision->outcome))
                                  : Result<ReportWriteOutcome>(decision.status());
      continue;
    }
    if (job.request_key != nullptr) {
      if (!TryRecordRequestKey(*session_, *job.request_key)) {
        job.outcome = Status::Conflict(
            "another request with this Idempotency-Key wrote first; nothing was written");
        job.key_outcome = RequestKeyOutcome::kTakenByAnother;
        continue;
      }
      job.key_outcome = RequestKeyOutcome::kRecorded;
    }
    context = job.context;
    insert_batch.execute(true);
    ReportWriteOutcome& outcome = decision->outcome;
    for (size_t row = 0; row < outcome.added.size(); ++row) {
      const ReportRow& report = outcome.added[row];
      added_ids.push_back(decision->first_ids[row]);
      added.push_back(report);
      added_batches.push_back(batch_id);
      stored[ReportKeyOf(decision->first_ids[row], report.date.days_since_epoch())] = {
          report.counts, report.version, batch_id};
    }
    for (size_t row = 0; row < outcome.corrected.size(); ++row) {
      const ReportRow& report = outcome.corrected[row];
      const int region_id = decision->correction_ids[row];
      corrections.push_back({region_id, report, decision->replaced[row], batch_id});
      stored[ReportKeyOf(region_id, report.date.days_since_epoch())] = {report.counts,
                                                                        report.version, batch_id};
    }
    std::vector<AuditEntry> entries = ReportAudit(*decision, job.context);
    audit.insert(audit.end(), std::make_move_iterator(entries.begin()),
                 std::make_move_iterator(entries.end()));
    change_keys.push_back(ReportChangeKeys(outcome));
    writers.push_back(&job);
    job.outcome = std::move(outcome);
  }

  InsertReports(added_ids, added, KeyOrder(added_ids, added), added_batches, {});
  if (!corrections.empty()) {
    CorrectionWriter writer(*session_);
    for (const Correction& each : corrections) {
      if (!writer.Apply(each.region_id, each.row, each.replaced, each.batch_id)) {
        throw std::runtime_error("a correction lost a race to another transaction");
      }
    }
  }
  InsertAuditRows(*session_, audit);
  const std::vector<int64_t> seqs =
      AppendChanges(*session_, dialect_, ChangeKind::kReports, change_keys);
  for (size_t at = 0; at < writers.size(); ++at) writers[at]->outcome->change = seqs[at];
}

void SociStore::WriteGroupOneByOne(std::span<ReportJob* const> jobs) {
  try {
    WriteTransaction transaction(session(), dialect_);
    for (ReportJob* each : jobs) {
      ReportJob& job = *each;
      *session_ << "SAVEPOINT report_job";
      bool recording_key = false;
      try {
        job.outcome = WriteReportsIn(job.writes, job.context, {});
        if (job.outcome.ok() && !(job.outcome->added.empty() && job.outcome->corrected.empty())) {
          job.outcome->change = AppendChange(*session_, dialect_, ChangeKind::kReports,
                                             ReportChangeKeys(*job.outcome));
          recording_key = true;
          if (RecordRequestKeyOf(*session_, job.request_key)) {
            job.key_outcome = RequestKeyOutcome::kRecorded;
          }
        }
      } catch (const std::exception& error) {
        job.outcome = DatabaseError("writing reports", error);
        // Only the key's row can fail there: another request with it wrote first.
        if (recording_key) job.key_outcome = RequestKeyOutcome::kTakenByAnother;
      }
      if (!job.outcome.ok()) *session_ << "ROLLBACK TO SAVEPOINT report_job";
      *session_ << "RELEASE SAVEPOINT report_job";
    }
    transaction.CommitGroup();
  } catch (const std::exception& error) {
    const Status failed = DatabaseError("writing reports", error);
    for (ReportJob* job : jobs) {
      job->outcome = failed;
      if (job->key_outcome == RequestKeyOutcome::kRecorded) {
        job->key_outcome = RequestKeyOutcome::kNotRecorded;
      }
    }
  }
}

}  // namespace outbreak::store
