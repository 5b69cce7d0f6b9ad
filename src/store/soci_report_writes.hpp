#pragma once
// How a write of reports is decided, for the SociStore translation units: what is stored of the
// reports a write names, and the decision of new, correction, unchanged or refused that both a
// write alone (soci_store_reports.cpp) and a group commit (soci_store_report_group.cpp) take.

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include <soci/session.h>
#include <soci/statement.h>

#include "core/status.hpp"
#include "store/soci_report_columns.hpp"
#include "store/store.hpp"

namespace outbreak::store {

// A stored report: its value and version.
struct StoredReport {
  surveillance::ReportCounts counts;
  int version = 0;
  long long batch_id = 0;  // the write it came with
};

inline int64_t ReportKeyOf(int region_id, int day) {
  return (static_cast<int64_t>(region_id) << 32) | static_cast<uint32_t>(day);
}

// Stored reports by ReportKeyOf.
using StoredReports = std::unordered_map<int64_t, StoredReport>;

// The stored reports among those `writes` name (`region_ids` theirs, in order).
StoredReports StoredReportsOf(soci::session& session, const std::vector<int>& region_ids,
                              std::span<const ReportWrite> writes);

// "KP-01-001 2022-05-12: stored version 2 is {...}" for a conflict's details.
std::string StoredText(const ReportRow& row, const StoredReport& stored);

// What a write of reports does.
struct ReportDecision {
  ReportWriteOutcome outcome;          // added and corrected with their new versions; unchanged
  std::vector<int> first_ids;          // the region ids of outcome.added
  std::vector<int> correction_ids;     // the region ids of outcome.corrected
  std::vector<StoredReport> replaced;  // the value each correction replaces
};

// Decides a write from what is stored: kConflict, naming each report with its stored value, when
// a report changed since its writer read it (expected_version) or a correction has no reason.
Result<ReportDecision> DecideReports(std::span<const ReportWrite> writes,
                                     const std::vector<int>& region_ids,
                                     const StoredReports& stored, const WriteContext& context);

// The audit entries of a decided write: one for its first reports, one per correction.
std::vector<AuditEntry> ReportAudit(const ReportDecision& decision, const WriteContext& context);

// Replaces stored reports by their corrections inside the caller's transaction, keeping each
// replaced value in the history; its statements are prepared once for any number of corrections.
class CorrectionWriter {
 public:
  explicit CorrectionWriter(soci::session& session);
  CorrectionWriter(const CorrectionWriter&) = delete;  // the statements bind its members
  CorrectionWriter& operator=(const CorrectionWriter&) = delete;
  // False, writing nothing, when the stored version is no longer `replaced`'s: another
  // transaction corrected the report since it was read (PostgreSQL).
  bool Apply(int region_id, const ReportRow& row, const StoredReport& replaced, long long batch_id);

 private:
  CountColumns columns_ = Columns();
  CountColumns old_columns_ = Columns();
  int id_ = 0;
  int day_ = 0;
  int read_version_ = 0;
  long long batch_id_ = 0;
  long long old_batch_ = 0;
  soci::statement update_;
  soci::statement keep_old_;

  static CountColumns Columns() {
    CountColumns columns;
    columns.Resize(1);
    return columns;
  }
};

}  // namespace outbreak::store
