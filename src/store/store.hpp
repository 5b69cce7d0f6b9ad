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

  // Writes first reports and corrections in one transaction. A correction keeps the value it
  // replaces in the history with who, when and why.
  virtual Status WriteReports(std::span<const ReportRow> first_reports,
                              std::span<const ReportRow> corrections, const WriteContext& context,
                              const ProgressFn& progress = {}) = 0;

  // Every version of one report, oldest first; empty when there is none.
  virtual Result<std::vector<surveillance::ReportVersion>> ReportHistory(std::string_view region,
                                                            Date date) = 0;
};

}  // namespace outbreak::store
