#include "app/surveillance_service.hpp"

#include <algorithm>
#include <mutex>
#include <unordered_set>

#include <set>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "report/tables.hpp"

#include "surveillance/region_csv.hpp"
#include "surveillance/report_bounds.hpp"
#include "surveillance/report_csv.hpp"

namespace outbreak::app {

using surveillance::DailyReport;
using surveillance::EpidemicCube;

namespace {

// Own changes not yet passed by a follower are forgotten beyond this many (a process without a
// follower, such as the CLI, would otherwise keep them all); forgetting one only means applying
// it again, which changes nothing.
constexpr size_t kMaxOwnChanges = 10'000;
// The most report requests one commit carries.
constexpr size_t kMaxReportCommits = 256;

}  // namespace

SurveillanceService::SurveillanceService(std::unique_ptr<store::Store> store, const Clock& clock,
                                         Config config)
    : store_(std::move(store)),
      commits_([this](std::span<ReportCommit* const> batch) { CommitReports(batch); },
               kMaxReportCommits),
      clock_(clock),
      config_(std::move(config)) {}

Result<std::unique_ptr<SurveillanceService>> SurveillanceService::Open(
    std::unique_ptr<store::Store> store, const Clock& clock, Config config) {
  std::unique_ptr<SurveillanceService> service(
      new SurveillanceService(std::move(store), clock, std::move(config)));
  if (Status s = service->Reload(); !s.ok()) return s;
  return service;
}

Status SurveillanceService::Reload() {
  Result<std::vector<Region>> regions = store_->LoadRegions();
  if (!regions.ok()) return regions.status();
  auto tree = std::make_unique<RegionTree>();
  if (!regions->empty()) {
    Result<RegionTree> built = RegionTree::Build(std::move(*regions), "stored regions");
    if (!built.ok()) return built.status();
    *tree = std::move(*built);
  }
  auto cube = std::make_unique<EpidemicCube>(*tree);
  Result<std::vector<store::OpeningRow>> openings = store_->LoadOpenings();
  if (!openings.ok()) return openings.status();
  std::vector<surveillance::OpeningBalance> balances;
  for (const store::OpeningRow& row : *openings) {
    if (auto idx = tree->Find(row.region)) {
      balances.push_back({*idx, row.as_of, row.fever, row.recovered, row.deaths, row.note});
    }
  }
  cube->SetOpenings(balances);
  Result<std::vector<store::ReportRow>> rows = store_->LoadReports();
  if (!rows.ok()) return rows.status();
  std::vector<DailyReport> reports;
  reports.reserve(rows->size());
  std::unordered_map<int64_t, int> versions;
  for (const store::ReportRow& row : *rows) {
    const std::optional<RegionIdx> idx = tree->Find(row.region);
    if (!idx || !tree->IsLeaf(*idx)) {
      return Status::Internal(
          fmt::format("stored report for {} {}: the region is not a reporting unit", row.region,
                      row.date.ToString()));
    }
    reports.push_back({*idx, row.date, row.counts});
    if (row.version > 1) versions[ReportKey(*idx, row.date)] = row.version;
  }
  rows->clear();
  cube->Apply(reports);
  {
    std::unique_lock tree_lock(tree_mutex_);
    if (tree_) retired_trees_.push_back(std::move(tree_));
    tree_ = std::move(tree);
  }
  cube_ = std::move(cube);
  versions_ = std::move(versions);
  return Status::Ok();
}

Result<RegionImportResult> SurveillanceService::ImportRegions(std::string_view csv_text,
                                                              std::string_view source) {
  Result<surveillance::ParsedRegions> parsed = surveillance::ParseRegionsCsv(csv_text, source);
  if (!parsed.ok()) return parsed.status();
  std::unique_lock lock(mutex_);
  RegionImportResult result;
  // The new tree is the stored one with the file's rows added or replacing theirs.
  std::vector<Region> merged = tree_->regions();
  std::vector<int> lines(merged.size(), 0);
  std::unordered_map<std::string, size_t> position;
  for (size_t idx = 0; idx < merged.size(); ++idx) position.emplace(merged[idx].code, idx);
  std::unordered_set<std::string> seen_in_file;
  for (size_t row = 0; row < parsed->regions.size(); ++row) {
    const Region& region = parsed->regions[row];
    const bool first_in_file = seen_in_file.insert(region.code).second;
    auto it = position.find(region.code);
    if (it == position.end() || !first_in_file) {
      // New, or a duplicate within the file (which Build reports with both lines).
      position.emplace(region.code, merged.size());
      merged.push_back(region);
      lines.push_back(parsed->lines[row]);
      ++result.added;
    } else {
      merged[it->second] = region;
      lines[it->second] = parsed->lines[row];
      ++result.updated;
    }
  }
  Result<RegionTree> tree = RegionTree::Build(merged, source, lines);
  if (!tree.ok()) return tree.status();
  std::vector<std::string> errors;
  for (RegionIdx leaf : tree_->leaves()) {
    const std::optional<RegionIdx> now = tree->Find(tree_->region(leaf).code);
    if (now && tree->IsLeaf(*now)) continue;
    bool has_reports = false;
    if (!cube_->empty()) {
      for (Date day = cube_->first_day(); day <= cube_->last_day() && !has_reports; day = day + 1) {
        has_reports = cube_->HasReport(leaf, day);
      }
    }
    if (has_reports || cube_->OpeningOf(leaf) != nullptr) {
      errors.push_back(fmt::format("{}: region \"{}\" has reports and cannot get sub-regions",
                                   source, tree_->region(leaf).code));
    }
  }
  if (!errors.empty()) {
    return Status::InvalidArgument(
        fmt::format("{}: {} error(s); nothing was imported", source, errors.size()),
        std::move(errors));
  }
  if (Status s = store_->SaveRegions(parsed->regions); !s.ok()) return s;
  NoteOwnChange(store::TakeCommittedChange());
  if (Status s = Reload(); !s.ok()) return s;
  data_version_.fetch_add(1, std::memory_order_release);
  result.warnings = tree_->warnings();
  return result;
}

Result<ReportWriteResult> SurveillanceService::ImportReports(std::string_view csv_text,
                                                             std::string_view source,
                                                             const Actor& actor,
                                                             const ProgressFn& progress) {
  std::unique_lock lock(mutex_);
  if (tree_->empty()) {
    return Status::InvalidArgument(
        fmt::format("{}: there are no regions yet; import regions first", source));
  }
  Result<surveillance::ParsedReports> parsed =
      surveillance::ParseReportsCsv(csv_text, source, *tree_, progress);
  if (!parsed.ok()) return parsed.status();
  Actor with_source = actor;
  if (with_source.source.empty()) with_source.source = std::string(source);
  return Write(std::move(parsed->reports), {}, with_source, progress);
}

Status SurveillanceService::ApplyChanges(std::span<const store::Change> changes) {
  std::unique_lock lock(mutex_);
  bool reload = false;
  std::vector<store::ReportKey> keys;
  for (const store::Change& change : changes) {
    if (own_changes_.erase(change.seq) > 0) continue;
    switch (change.kind) {
      case store::ChangeKind::kRegions:
      case store::ChangeKind::kOpenings:
        reload = true;
        break;
      case store::ChangeKind::kReports:
        if (change.reports.empty()) reload = true;
        keys.insert(keys.end(), change.reports.begin(), change.reports.end());
        break;
      default:
        break;
    }
  }
  if (reload) {
    if (Status s = Reload(); !s.ok()) return s;
    data_version_.fetch_add(1, std::memory_order_release);
    return Status::Ok();
  }
  if (keys.empty()) return Status::Ok();
  Result<std::vector<store::ReportRow>> rows = store_->LoadReportsAt(keys);
  if (!rows.ok()) return rows.status();
  std::vector<DailyReport> changed;
  std::vector<store::ReportRow> corrections;
  for (const store::ReportRow& row : *rows) {
    const std::optional<RegionIdx> leaf = tree_->Find(row.region);
    if (!leaf || !tree_->IsLeaf(*leaf)) continue;
    SetVersion(*leaf, row.date, row.version);
    const std::optional<surveillance::ReportCounts> held = cube_->ReportOf(*leaf, row.date);
    if (held && *held == row.counts) continue;
    if (held) corrections.push_back(row);
    changed.push_back({*leaf, row.date, row.counts});
  }
  if (changed.empty()) return Status::Ok();
  cube_->Apply(changed);
  data_version_.fetch_add(1, std::memory_order_release);
  if (feed_ != nullptr) Publish(changed, corrections, {}, Actor{});
  return Status::Ok();
}

void SurveillanceService::NoteOwnChange(int64_t change) {
  if (change == 0) return;
  if (own_changes_.size() >= kMaxOwnChanges) own_changes_.clear();
  own_changes_.insert(change);
}

int SurveillanceService::VersionOf(RegionIdx leaf, Date date) const {
  auto found = versions_.find(ReportKey(leaf, date));
  return found == versions_.end() ? 1 : found->second;
}

void SurveillanceService::SetVersion(RegionIdx leaf, Date date, int version) {
  if (version > 1) {
    versions_[ReportKey(leaf, date)] = version;
  } else {
    versions_.erase(ReportKey(leaf, date));
  }
}

void SurveillanceService::Publish(const std::vector<DailyReport>& changed,
                                  const std::vector<store::ReportRow>& corrections,
                                  const std::vector<surveillance::Finding>& findings,
                                  const Actor& actor) {
  // Nobody listens: the events are not built.
  if (feed_->subscriber_count() == 0) return;
  std::set<std::pair<std::string, int32_t>> corrected;
  for (const store::ReportRow& row : corrections) {
    corrected.emplace(row.region, row.date.days_since_epoch());
  }
  for (const DailyReport& report : changed) {
    const std::string& code = tree_->region(report.region).code;
    const bool is_correction = corrected.contains({code, report.date.days_since_epoch()});
    boost::json::object event{{"type", is_correction ? "report.corrected" : "report.added"},
                              {"region", code},
                              {"date", report.date.ToString()},
                              {"counts", report::CountsJson(report.counts)},
                              {"by", actor.user}};
    feed_->Publish(
        {report.region, tree_->PathToRoot(report.region), boost::json::serialize(event)});
  }
  for (const surveillance::Finding& finding : findings) {
    boost::json::object event{{"type", "finding"},
                              {"kind", surveillance::FindingKindName(finding.kind)},
                              {"region", tree_->region(finding.region).code},
                              {"date", finding.date.ToString()},
                              {"message", finding.message}};
    feed_->Publish(
        {finding.region, tree_->PathToRoot(finding.region), boost::json::serialize(event)});
  }
}

Status SurveillanceService::SaveOpenings(const std::vector<surveillance::OpeningBalance>& openings,
                                         const Actor& actor) {
  std::unique_lock lock(mutex_);
  std::vector<store::OpeningRow> rows;
  for (const auto& opening : openings) {
    if (opening.region < 0 || opening.region >= tree_->size() || !tree_->IsLeaf(opening.region)) {
      return Status::InvalidArgument("opening balance: not a reporting unit");
    }
    if (opening.fever < opening.recovered + opening.deaths) {
      return Status::InvalidArgument(
          fmt::format("opening balance of {}: recovered + deaths exceed fever cases",
                      tree_->region(opening.region).code));
    }
    rows.push_back({tree_->region(opening.region).code, opening.as_of, opening.fever,
                    opening.recovered, opening.deaths, opening.note});
  }
  const store::WriteContext context{actor.user, IsoTimestamp(clock_.NowUnixSeconds()), actor.reason,
                                    actor.source, actor.address};
  if (Status s = store_->SaveOpenings(rows, context); !s.ok()) return s;
  NoteOwnChange(store::TakeCommittedChange());
  cube_->SetOpenings(openings);
  data_version_.fetch_add(1, std::memory_order_release);
  return Status::Ok();
}

Result<RegionIdx> SurveillanceService::FindRegion(std::string_view code) const {
  std::shared_lock lock(tree_mutex_);
  if (auto idx = tree_->Find(code)) return *idx;
  return Status::NotFound(fmt::format("region \"{}\" is not known", code));
}

Date SurveillanceService::Today() const {
  return ReportingDay(clock_.NowUnixSeconds(), config_.utc_offset_minutes, config_.day_close_hour);
}

bool SurveillanceService::HasData() const {
  std::shared_lock lock(mutex_);
  return !cube_->empty();
}

Date SurveillanceService::LatestDay() const {
  std::shared_lock lock(mutex_);
  if (cube_->empty()) return Today();
  return surveillance::DefaultReportDay(*cube_, std::min(cube_->last_day(), Today()));
}

Date SurveillanceService::LatestDataDay() const {
  std::shared_lock lock(mutex_);
  if (cube_->empty()) return Today();
  return std::min(cube_->last_day(), Today());
}

Result<surveillance::SituationReport> SurveillanceService::Sitrep(std::string_view region,
                                                                  std::optional<Date> as_of) const {
  Result<RegionIdx> idx = FindRegion(region);
  if (!idx.ok()) return idx.status();
  const Date day = as_of.value_or(LatestDay());
  const Date latest = LatestDataDay();
  std::shared_lock lock(mutex_);
  surveillance::SituationReport report = surveillance::BuildSituationReport(*cube_, *idx, day);
  if (!as_of && latest > day) {
    // The default day is the last complete one; the later day still coming in is shown beside it.
    report.provisional = surveillance::BuildRegionSituation(*cube_, *idx, latest);
    report.provisional_day = latest;
  }
  return report;
}

Result<std::vector<surveillance::SeriesPoint>> SurveillanceService::Series(
    std::string_view region, std::optional<Date> from, std::optional<Date> to) const {
  Result<RegionIdx> idx = FindRegion(region);
  if (!idx.ok()) return idx.status();
  std::shared_lock lock(mutex_);
  if (cube_->empty() && (!from || !to)) return std::vector<surveillance::SeriesPoint>{};
  const Date first = from.value_or(cube_->first_day());
  const Date last = to.value_or(cube_->last_day());
  if (last < first) {
    return Status::InvalidArgument(
        fmt::format("to {} is before from {}", last.ToString(), first.ToString()));
  }
  constexpr int kMaxSeriesDays = 20'000;
  if (last - first >= kMaxSeriesDays) {
    return Status::InvalidArgument(fmt::format("the range {}..{} is longer than {} days",
                                               first.ToString(), last.ToString(), kMaxSeriesDays));
  }
  return surveillance::BuildSeries(*cube_, *idx, first, last);
}

Result<surveillance::CompletenessReport> SurveillanceService::Completeness(
    std::string_view region, std::optional<Date> date) const {
  Result<RegionIdx> idx = FindRegion(region);
  if (!idx.ok()) return idx.status();
  const Date day = date.value_or(LatestDay());
  std::shared_lock lock(mutex_);
  return surveillance::BuildCompleteness(*cube_, *idx, day);
}

Result<std::vector<surveillance::Finding>> SurveillanceService::Check(
    std::string_view region) const {
  Result<RegionIdx> idx = FindRegion(region);
  if (!idx.ok()) return idx.status();
  std::shared_lock lock(mutex_);
  return surveillance::ValidateStored(*cube_, *idx, Today());
}

Result<surveillance::ReportPage> SurveillanceService::ListReports(std::string_view region,
                                                                  std::optional<Date> from,
                                                                  std::optional<Date> to,
                                                                  int64_t limit,
                                                                  int64_t offset) const {
  Result<RegionIdx> idx = FindRegion(region);
  if (!idx.ok()) return idx.status();
  std::shared_lock lock(mutex_);
  if (cube_->empty()) return surveillance::ReportPage{};
  surveillance::ReportPage page =
      surveillance::ListReports(*cube_, *idx, from.value_or(cube_->first_day()),
                                to.value_or(cube_->last_day()), limit, offset);
  for (surveillance::StoredReport& item : page.items) {
    item.version = VersionOf(item.region, item.date);
  }
  return page;
}

Result<std::vector<surveillance::ReportVersion>> SurveillanceService::History(
    std::string_view region, Date date) const {
  Result<RegionIdx> idx = FindRegion(region);
  if (!idx.ok()) return idx.status();
  // The store serves one caller at a time; the exclusive lock serialises it with writers.
  std::unique_lock lock(mutex_);
  return store_->ReportHistory(region, date);
}

}  // namespace outbreak::app
