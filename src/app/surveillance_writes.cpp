// SurveillanceService: the write of reports, from a request's checks through the group commit
// to the cube, the versions, the findings and the live feed.

#include <mutex>
#include <unordered_set>

#include <fmt/format.h>

#include "app/surveillance_service.hpp"
#include "surveillance/report_bounds.hpp"

namespace outbreak::app {

using surveillance::DailyReport;

Result<ReportWriteResult> SurveillanceService::SubmitReports(const std::vector<ReportInput>& inputs,
                                                             const Actor& actor) {
  ReportCommit commit;
  {
    // The tree only: a commit under way (which holds mutex_) does not hold this one up.
    std::shared_lock lock(tree_mutex_);
    std::vector<std::string> errors;
    std::vector<DailyReport> reports;
    std::vector<std::optional<int>> expected_versions;
    std::unordered_set<int64_t> keys;
    for (size_t item = 0; item < inputs.size(); ++item) {
      const ReportInput& input = inputs[item];
      const std::optional<RegionIdx> idx = tree_->Find(input.region);
      if (!idx) {
        errors.push_back(
            fmt::format("reports[{}]: region: \"{}\" is not a known region", item, input.region));
        continue;
      }
      if (!tree_->IsLeaf(*idx)) {
        errors.push_back(
            fmt::format("reports[{}]: region: \"{}\" is not a reporting unit (it has sub-regions)",
                        item, input.region));
        continue;
      }
      if (!keys.insert(ReportKey(*idx, input.date)).second) {
        errors.push_back(fmt::format("reports[{}]: date: \"{}\" for region \"{}\" appears twice",
                                     item, input.date.ToString(), input.region));
        continue;
      }
      reports.push_back({*idx, input.date, input.counts});
      expected_versions.push_back(input.expected_version);
    }
    if (!errors.empty()) {
      return Status::InvalidArgument(fmt::format("{} error(s); nothing was written", errors.size()),
                                     std::move(errors));
    }
    Result<std::vector<store::ReportWrite>> writes =
        ToWrites(std::move(reports), expected_versions);
    if (!writes.ok()) return writes.status();
    commit.job.writes = std::move(*writes);
  }
  commit.job.context = ContextOf(actor);
  commit.job.request_key = store::CurrentRequestKey();
  commit.actor = &actor;
  commits_.Submit(commit);
  store::NoteRequestKeyOutcome(commit.job.key_outcome);
  if (commit.job.outcome.ok()) store::NoteCommittedChange(commit.job.outcome->change);
  return std::move(commit.result);
}

void SurveillanceService::CommitReports(std::span<ReportCommit* const> batch) {
  std::vector<store::ReportJob*> jobs;
  jobs.reserve(batch.size());
  for (ReportCommit* commit : batch) jobs.push_back(&commit->job);
  std::unique_lock lock(mutex_);
  store_->WriteReportGroup(jobs);
  for (ReportCommit* commit : batch) {
    if (!commit->job.outcome.ok()) {
      commit->result = commit->job.outcome.status();
    } else {
      commit->result = AfterWrite(*commit->job.outcome, *commit->actor);
    }
  }
}

Result<std::vector<store::ReportWrite>> SurveillanceService::ToWrites(
    std::vector<DailyReport> reports,
    const std::vector<std::optional<int>>& expected_versions) const {
  if (std::vector<std::string> errors = surveillance::CheckReportBounds(*tree_, reports);
      !errors.empty()) {
    return Status::InvalidArgument(
        fmt::format("{} count(s) beyond their bounds; nothing was written", errors.size()),
        std::move(errors));
  }
  std::vector<store::ReportWrite> writes;
  writes.reserve(reports.size());
  for (size_t at = 0; at < reports.size(); ++at) {
    const DailyReport& report = reports[at];
    writes.push_back({{tree_->region(report.region).code, report.date, report.counts},
                      at < expected_versions.size() ? expected_versions[at] : std::nullopt});
  }
  return writes;
}

store::WriteContext SurveillanceService::ContextOf(const Actor& actor) const {
  return {actor.user, IsoTimestamp(clock_.NowUnixSeconds()), actor.reason, actor.source,
          actor.address};
}

Result<ReportWriteResult> SurveillanceService::Write(
    std::vector<DailyReport> reports, const std::vector<std::optional<int>>& expected_versions,
    const Actor& actor, const ProgressFn& progress) {
  Result<std::vector<store::ReportWrite>> writes = ToWrites(std::move(reports), expected_versions);
  if (!writes.ok()) return writes.status();
  Result<store::ReportWriteOutcome> outcome =
      store_->WriteReports(*writes, ContextOf(actor), progress);
  if (!outcome.ok()) return outcome.status();
  writes->clear();
  return AfterWrite(*outcome, actor);
}

ReportWriteResult SurveillanceService::AfterWrite(const store::ReportWriteOutcome& outcome,
                                                  const Actor& actor) {
  ReportWriteResult result;
  result.added = static_cast<int64_t>(outcome.added.size());
  result.corrected = static_cast<int64_t>(outcome.corrected.size());
  result.unchanged = outcome.unchanged;
  if (outcome.change == 0) return result;
  NoteOwnChange(outcome.change);
  std::vector<DailyReport> changed;
  changed.reserve(outcome.added.size() + outcome.corrected.size());
  for (const auto* rows : {&outcome.added, &outcome.corrected}) {
    for (const store::ReportRow& row : *rows) {
      // A unit the store knows and this tree does not yet (regions written meanwhile by another
      // process) comes with the reload its change brings.
      const std::optional<RegionIdx> leaf = tree_->Find(row.region);
      if (!leaf) continue;
      changed.push_back({*leaf, row.date, row.counts});
      SetVersion(*leaf, row.date, row.version);
    }
  }
  cube_->Apply(changed);
  data_version_.fetch_add(1, std::memory_order_release);
  result.findings = surveillance::ValidateReports(*cube_, changed, Today());
  if (feed_ != nullptr) Publish(changed, outcome.corrected, result.findings, actor);
  return result;
}

}  // namespace outbreak::app
