#pragma once
// SurveillanceService: the one way in to surveillance data for the CLI and the HTTP layer.
//
// It owns the region tree and the epidemic cube, loaded from the store when opened, and keeps
// them in step with the store: every write goes to the store first, in one transaction, and only
// once that has committed into the cube. Reads come from the cube.
//
// Other processes write to the same database (another server, the CLI): ApplyChanges brings the
// tree and the cube up to the changes they logged (store.hpp's change log), so that every
// server answers with every write once its follower (app/change_follower.hpp) has read it.
// Whether a report is new, a correction or unchanged is decided by the store inside the write's
// transaction, never from the cube, which may be a moment behind.
//
// Thread-safe: reads share a lock, writes take it exclusively.

#include <atomic>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "app/clock.hpp"
#include "app/config.hpp"
#include "app/group_commit.hpp"
#include "app/live_feed.hpp"
#include "core/progress.hpp"
#include "core/region_tree.hpp"
#include "core/status.hpp"
#include "store/store.hpp"
#include "surveillance/epidemic_cube.hpp"
#include "surveillance/queries.hpp"
#include "surveillance/report_record.hpp"
#include "surveillance/report_validator.hpp"
#include "surveillance/situation_report.hpp"

namespace outbreak::app {

// Who is writing, and why.
struct Actor {
  std::string user;             // recorded with every write
  std::string reason;           // why; required when a write corrects an earlier report
  std::string source;           // where the data came from: a file name, "api", "demo"
  std::string address = "cli";  // from which network address, for the audit trail
};

// A report as a clerk or a file gives it: by region code. A correction may name the version of
// the stored report it corrects (0: the writer saw none); if that is no longer the stored one,
// nothing is written and the answer is a conflict with the stored value.
// A report addressed by its region's code (declared in surveillance/report_record.hpp).
using ReportInput = surveillance::ReportLine;

struct ReportWriteResult {
  int64_t added = 0;      // first reports of a (region, date)
  int64_t corrected = 0;  // reports that replaced an earlier value (kept in the history)
  int64_t unchanged = 0;  // identical to what was stored: nothing written
  std::vector<surveillance::Finding> findings;  // validation warnings on what was written
};

struct RegionImportResult {
  int64_t added = 0;
  int64_t updated = 0;
  std::vector<std::string> warnings;
};

class SurveillanceService {
 public:
  // Loads regions, opening balances and reports from a migrated store.
  static Result<std::unique_ptr<SurveillanceService>> Open(std::unique_ptr<store::Store> store,
                                                           const Clock& clock, Config config);

  // Publishes every written report and its findings to `feed` from now on (may be null).
  void SetLiveFeed(LiveFeed* feed) { feed_ = feed; }

  // Adds or updates regions from a regions CSV (all-or-nothing). A reporting unit that already
  // has reports cannot be given sub-regions.
  Result<RegionImportResult> ImportRegions(std::string_view csv_text, std::string_view source);

  // Imports a reports CSV (all-or-nothing); see ParseReportsCsv for the checks.
  Result<ReportWriteResult> ImportReports(std::string_view csv_text, std::string_view source,
                                          const Actor& actor, const ProgressFn& progress = {});
  // Writes reports given as values (the API's path), with the same rules. A correction without
  // a reason is a conflict (someone else may have reported first). Calls made at once share one
  // transaction and one durable commit (app/group_commit.hpp), each still all-or-nothing and
  // answered once that commit is done; the request key and the change of the calling thread
  // (store.hpp) are its own.
  Result<ReportWriteResult> SubmitReports(const std::vector<ReportInput>& reports,
                                          const Actor& actor);
  // Sets opening balances of reporting units.
  Status SaveOpenings(const std::vector<surveillance::OpeningBalance>& openings,
                      const Actor& actor);

  // A region by code, or kNotFound.
  Result<RegionIdx> FindRegion(std::string_view code) const;
  // The tree is replaced only by ImportRegions; callers that keep a reference across an import
  // must not.
  const RegionTree& tree() const { return *tree_; }
  // The current reporting day from the clock.
  Date Today() const;
  // The day reports and plans default to: the latest complete day (every reporting unit
  // reported; surveillance::DefaultReportDay), else the latest day with data; today when there
  // is no data.
  Date LatestDay() const;
  // The latest day with any data (up to today), complete or not.
  Date LatestDataDay() const;
  bool HasData() const;
  // Grows by one with every write that changes data: a cache of anything read from the service
  // is fresh while this has not moved.
  uint64_t DataVersion() const { return data_version_.load(std::memory_order_acquire); }
  // How many commits the reports submitted so far took, and how many requests they carried.
  std::pair<size_t, size_t> ReportCommits() const { return commits_.Counts(); }

  Result<surveillance::SituationReport> Sitrep(std::string_view region,
                                               std::optional<Date> as_of) const;
  Result<std::vector<surveillance::SeriesPoint>> Series(std::string_view region,
                                                        std::optional<Date> from,
                                                        std::optional<Date> to) const;
  Result<surveillance::CompletenessReport> Completeness(std::string_view region,
                                                        std::optional<Date> date) const;
  Result<std::vector<surveillance::Finding>> Check(std::string_view region) const;
  Result<surveillance::ReportPage> ListReports(std::string_view region, std::optional<Date> from,
                                               std::optional<Date> to, int64_t limit,
                                               int64_t offset) const;
  // Runs `read` on the tree under the shared lock (the tree is replaced by region imports).
  template <typename Fn>
  auto WithTree(Fn&& read) const {
    std::shared_lock lock(mutex_);
    return read(*tree_);
  }
  Result<std::vector<surveillance::ReportVersion>> History(std::string_view region,
                                                           Date date) const;

  // Applies changes read from the change log: reloads the reports they name (everything when a
  // change names regions, openings or too many reports to list). Changes this service wrote
  // itself are passed over: they are applied already.
  Status ApplyChanges(std::span<const store::Change> changes);

 private:
  SurveillanceService(std::unique_ptr<store::Store> store, const Clock& clock, Config config);
  Status Reload();
  // One SubmitReports call in the group commit.
  struct ReportCommit {
    store::ReportJob job;
    const Actor* actor = nullptr;
    Result<ReportWriteResult> result = ReportWriteResult{};
  };
  Result<ReportWriteResult> Write(std::vector<surveillance::DailyReport> reports,
                                  const std::vector<std::optional<int>>& expected_versions,
                                  const Actor& actor, const ProgressFn& progress);
  // The reports as the store writes them, once within their bounds (under the lock).
  Result<std::vector<store::ReportWrite>> ToWrites(
      std::vector<surveillance::DailyReport> reports,
      const std::vector<std::optional<int>>& expected_versions) const;
  store::WriteContext ContextOf(const Actor& actor) const;
  // What follows a committed write (under the exclusive lock): the cube, versions, findings and
  // the live feed.
  ReportWriteResult AfterWrite(const store::ReportWriteOutcome& outcome, const Actor& actor);
  void CommitReports(std::span<ReportCommit* const> batch);
  // A report's key in versions_ and in a write's checks.
  static int64_t ReportKey(RegionIdx leaf, Date date) {
    return (static_cast<int64_t>(leaf) << 32) | static_cast<uint32_t>(date.days_since_epoch());
  }
  // Records that this service made `change` (and has applied it already).
  void NoteOwnChange(int64_t change);
  int VersionOf(RegionIdx leaf, Date date) const;
  void SetVersion(RegionIdx leaf, Date date, int version);
  void Publish(const std::vector<surveillance::DailyReport>& changed,
               const std::vector<store::ReportRow>& corrections,
               const std::vector<surveillance::Finding>& findings, const Actor& actor);

  std::unique_ptr<store::Store> store_;
  GroupCommit<ReportCommit> commits_;
  const Clock& clock_;
  Config config_;
  mutable std::shared_mutex mutex_;
  // Guards the pointer tree_ alone (replaced under both locks), so that a region is found and a
  // request checked while a write holds mutex_.
  mutable std::shared_mutex tree_mutex_;
  std::unique_ptr<RegionTree> tree_;
  // Trees replaced by a reload, kept so that a reference a reader took stays valid.
  std::vector<std::unique_ptr<RegionTree>> retired_trees_;
  std::unique_ptr<surveillance::EpidemicCube> cube_;
  // The store's version of every report corrected at least once (the others are at 1), by
  // (leaf << 32 | day).
  std::unordered_map<int64_t, int> versions_;
  std::unordered_set<int64_t> own_changes_;  // changes written here the follower has not passed
  LiveFeed* feed_ = nullptr;
  std::atomic<uint64_t> data_version_{0};
};

}  // namespace outbreak::app
