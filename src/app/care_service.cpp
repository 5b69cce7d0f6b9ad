#include "app/care_service.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "care/care_csv.hpp"

namespace outbreak::app {

namespace {

// The latest count of each (region, category) on or before `day`.
std::vector<care::WorkforceCount> LatestCounts(const std::vector<care::WorkforceCount>& counts,
                                               Date day) {
  std::map<std::pair<std::string, care::WorkerCategory>, care::WorkforceCount> latest;
  for (const care::WorkforceCount& count : counts) {
    if (count.date > day) continue;
    auto [it, added] = latest.try_emplace({count.region, count.category}, count);
    if (!added && it->second.date < count.date) it->second = count;
  }
  std::vector<care::WorkforceCount> out;
  for (auto& [key, count] : latest) out.push_back(std::move(count));
  return out;
}

}  // namespace

CareService::CareService(std::unique_ptr<store::Store> store,
                         const SurveillanceService& surveillance, const AnalyticsService* analytics,
                         const Clock& clock, CareOptions options)
    : store_(std::move(store)),
      surveillance_(surveillance),
      analytics_(analytics),
      clock_(clock),
      options_(options) {}

store::WriteContext CareService::Context(const Actor& actor) const {
  return {actor.user, IsoTimestamp(clock_.NowUnixSeconds()), actor.reason, actor.source,
          actor.address};
}

Result<CareWriteResult> CareService::ImportCentres(std::string_view csv_text,
                                                   std::string_view source, const Actor& actor) {
  auto centres = surveillance_.WithTree(
      [&](const RegionTree& tree) { return care::ParseCentresCsv(csv_text, source, tree); });
  if (!centres.ok()) return centres.status();
  Actor with_source = actor;
  if (with_source.source.empty()) with_source.source = std::string(source);
  return SaveCentres(*centres, with_source);
}

Result<CareWriteResult> CareService::SaveCentres(const std::vector<care::TreatmentCentre>& centres,
                                                 const Actor& actor) {
  std::vector<std::string> errors;
  std::set<std::string> codes;
  for (size_t idx = 0; idx < centres.size(); ++idx) {
    const std::string where = fmt::format("centres[{}]", idx);
    for (std::string& error : care::CheckCentre(centres[idx], where)) {
      errors.push_back(std::move(error));
    }
    if (!surveillance_.FindRegion(centres[idx].region).ok()) {
      errors.push_back(
          fmt::format("{}.region: \"{}\" is not a known region", where, centres[idx].region));
    }
    if (!codes.insert(centres[idx].code).second) {
      errors.push_back(fmt::format("{}.code: \"{}\" appears twice", where, centres[idx].code));
    }
  }
  if (!errors.empty()) {
    std::string message = fmt::format("{} error(s); nothing was written", errors.size());
    return Status::InvalidArgument(std::move(message), std::move(errors));
  }
  std::lock_guard lock(mutex_);
  auto counts = store_->SaveCentres(centres, Context(actor));
  if (!counts.ok()) return counts.status();
  return CareWriteResult{*counts, {}};
}

Result<std::vector<care::TreatmentCentre>> CareService::Centres(std::string_view region) const {
  Result<RegionIdx> root = surveillance_.FindRegion(region);
  if (!root.ok()) return root.status();
  Result<std::vector<care::TreatmentCentre>> all = [&] {
    std::lock_guard lock(mutex_);
    return store_->LoadCentres();
  }();
  if (!all.ok()) return all.status();
  return surveillance_.WithTree([&](const RegionTree& tree) {
    std::vector<care::TreatmentCentre> out;
    for (care::TreatmentCentre& centre : *all) {
      const std::optional<RegionIdx> idx = tree.Find(centre.region);
      if (idx && tree.IsInSubtree(*root, *idx)) out.push_back(std::move(centre));
    }
    return out;
  });
}

Result<care::TreatmentCentre> CareService::FindCentre(std::string_view code) const {
  Result<std::vector<care::TreatmentCentre>> all = [&] {
    std::lock_guard lock(mutex_);
    return store_->LoadCentres();
  }();
  if (!all.ok()) return all.status();
  for (care::TreatmentCentre& centre : *all) {
    if (centre.code == code) return std::move(centre);
  }
  return Status::NotFound(fmt::format("treatment centre \"{}\" is not known", code));
}

Result<CareWriteResult> CareService::ImportCensus(std::string_view csv_text,
                                                  std::string_view source, const Actor& actor) {
  Result<std::vector<care::TreatmentCentre>> centres = [&] {
    std::lock_guard lock(mutex_);
    return store_->LoadCentres();
  }();
  if (!centres.ok()) return centres.status();
  std::set<std::string, std::less<>> known;
  for (const care::TreatmentCentre& centre : *centres) known.insert(centre.code);
  auto days = care::ParseCensusCsv(csv_text, source,
                                   [&](std::string_view code) { return known.contains(code); });
  if (!days.ok()) return days.status();
  Actor with_source = actor;
  if (with_source.source.empty()) with_source.source = std::string(source);
  return WriteCensus(std::move(*days), with_source);
}

Result<CareWriteResult> CareService::RecordCensus(const std::vector<care::CensusDay>& days,
                                                  const Actor& actor) {
  std::vector<std::string> errors;
  std::set<std::pair<std::string, int32_t>> keys;
  for (size_t idx = 0; idx < days.size(); ++idx) {
    const std::string where = fmt::format("census[{}]", idx);
    for (std::string& error : care::CheckCensus(days[idx], where))
      errors.push_back(std::move(error));
    if (!keys.insert({days[idx].centre, days[idx].date.days_since_epoch()}).second) {
      errors.push_back(fmt::format("{}.date: \"{}\" for centre \"{}\" appears twice", where,
                                   days[idx].date.ToString(), days[idx].centre));
    }
  }
  if (!errors.empty()) {
    std::string message = fmt::format("{} error(s); nothing was written", errors.size());
    return Status::InvalidArgument(std::move(message), std::move(errors));
  }
  return WriteCensus(days, actor);
}

Result<CareWriteResult> CareService::WriteCensus(std::vector<care::CensusDay> days,
                                                 const Actor& actor) {
  if (days.empty()) return Status::InvalidArgument("no census rows to write");
  Date first = days.front().date;
  Date last = first;
  for (const care::CensusDay& day : days) {
    first = std::min(first, day.date);
    last = std::max(last, day.date);
  }
  std::lock_guard lock(mutex_);
  auto centres = store_->LoadCentres();
  if (!centres.ok()) return centres.status();
  std::set<std::string> known;
  for (const care::TreatmentCentre& centre : *centres) known.insert(centre.code);
  std::vector<std::string> unknown;
  for (const care::CensusDay& day : days) {
    if (!known.contains(day.centre)) {
      unknown.push_back(fmt::format("centre: \"{}\" is not a known treatment centre", day.centre));
    }
  }
  if (!unknown.empty()) {
    std::string message = fmt::format("{} error(s); nothing was written", unknown.size());
    return Status::InvalidArgument(std::move(message), std::move(unknown));
  }
  auto earlier = store_->LoadCensus(first - 1, last);
  if (!earlier.ok()) return earlier.status();
  std::vector<std::string> corrections;
  for (const care::CensusDay& day : days) {
    for (const care::CensusDay& stored : *earlier) {
      if (stored.centre == day.centre && stored.date == day.date && !(stored == day)) {
        corrections.push_back(
            fmt::format("{} {} was already recorded", day.centre, day.date.ToString()));
      }
    }
  }
  if (!corrections.empty() && actor.reason.empty()) {
    std::string message = fmt::format(
        "{} census row(s) correct earlier ones: a correction needs a reason", corrections.size());
    return Status(StatusCode::kConflict, std::move(message), std::move(corrections));
  }
  auto counts = store_->SaveCensus(days, Context(actor));
  if (!counts.ok()) return counts.status();
  return CareWriteResult{*counts, care::CheckCensusDays(*centres, days, *earlier)};
}

Result<std::vector<care::CensusDay>> CareService::Census(std::string_view region,
                                                         std::optional<Date> from,
                                                         std::optional<Date> to) const {
  auto centres = Centres(region);
  if (!centres.ok()) return centres.status();
  std::set<std::string> codes;
  for (const care::TreatmentCentre& centre : *centres) codes.insert(centre.code);
  Result<std::vector<care::CensusDay>> all = [&] {
    std::lock_guard lock(mutex_);
    return store_->LoadCensus(from, to);
  }();
  if (!all.ok()) return all.status();
  std::vector<care::CensusDay> out;
  for (care::CensusDay& day : *all) {
    if (codes.contains(day.centre)) out.push_back(std::move(day));
  }
  return out;
}

Result<CareWriteResult> CareService::ImportWorkforce(std::string_view csv_text,
                                                     std::string_view source, const Actor& actor) {
  auto counts = surveillance_.WithTree(
      [&](const RegionTree& tree) { return care::ParseWorkforceCsv(csv_text, source, tree); });
  if (!counts.ok()) return counts.status();
  Actor with_source = actor;
  if (with_source.source.empty()) with_source.source = std::string(source);
  return WriteWorkforce(std::move(*counts), with_source);
}

Result<CareWriteResult> CareService::RecordWorkforce(
    const std::vector<care::WorkforceCount>& counts, const Actor& actor) {
  std::vector<std::string> errors;
  std::set<std::tuple<std::string, care::WorkerCategory, int32_t>> keys;
  for (size_t idx = 0; idx < counts.size(); ++idx) {
    const std::string where = fmt::format("workforce[{}]", idx);
    for (std::string& error : care::CheckWorkforceCount(counts[idx], where)) {
      errors.push_back(std::move(error));
    }
    if (!surveillance_.FindRegion(counts[idx].region).ok()) {
      errors.push_back(
          fmt::format("{}.region: \"{}\" is not a known region", where, counts[idx].region));
    }
    if (!keys.insert(
                 {counts[idx].region, counts[idx].category, counts[idx].date.days_since_epoch()})
             .second) {
      errors.push_back(fmt::format("{}: {} of {} on {} appears twice", where,
                                   care::CategoryName(counts[idx].category), counts[idx].region,
                                   counts[idx].date.ToString()));
    }
  }
  if (!errors.empty()) {
    std::string message = fmt::format("{} error(s); nothing was written", errors.size());
    return Status::InvalidArgument(std::move(message), std::move(errors));
  }
  return WriteWorkforce(counts, actor);
}

Result<CareWriteResult> CareService::WriteWorkforce(std::vector<care::WorkforceCount> counts,
                                                    const Actor& actor) {
  if (counts.empty()) return Status::InvalidArgument("no workforce counts to write");
  std::lock_guard lock(mutex_);
  auto written = store_->SaveWorkforce(counts, Context(actor));
  if (!written.ok()) return written.status();
  return CareWriteResult{*written, care::CheckWorkforce(counts, options_.protection)};
}

Result<care::WorkforceReport> CareService::Workforce(std::string_view region,
                                                     std::optional<Date> as_of,
                                                     std::optional<int> level) const {
  auto reports =
      WorkforceOn(region, std::vector<Date>{as_of.value_or(surveillance_.LatestDay())}, level);
  if (!reports.ok()) return reports.status();
  return std::move(reports->front());
}

Result<std::vector<care::WorkforceReport>> CareService::WorkforceOn(
    std::string_view region, const std::vector<Date>& days, std::optional<int> level) const {
  Result<RegionIdx> root = surveillance_.FindRegion(region);
  if (!root.ok()) return root.status();
  std::unique_lock lock(mutex_);
  auto counts = store_->LoadWorkforce();
  if (!counts.ok()) return counts.status();
  auto deployments = store_->LoadAdoptedDeployments();
  if (!deployments.ok()) return deployments.status();
  lock.unlock();
  std::vector<care::WorkforceReport> reports;
  for (const Date day : days) {
    care::WorkforceReport report;
    report.region = *root;
    report.as_of = day;
    const std::vector<care::WorkforceCount> latest = LatestCounts(*counts, day);
    surveillance_.WithTree([&](const RegionTree& tree) {
      // Each count goes to its region, or to its ancestor at `level` when one is asked for.
      std::map<std::pair<RegionIdx, care::WorkerCategory>, care::WorkforceLine> lines;
      std::vector<care::WorkforceCount> in_scope;
      for (const care::WorkforceCount& count : latest) {
        std::optional<RegionIdx> idx = tree.Find(count.region);
        if (!idx || !tree.IsInSubtree(*root, *idx)) continue;
        in_scope.push_back(count);
        while (level && tree.region(*idx).level > *level && tree.parent(*idx) != kNoRegion) {
          idx = tree.parent(*idx);
        }
        if (level && tree.region(*idx).level != *level) continue;
        auto [it, added] = lines.try_emplace({*idx, count.category});
        care::WorkforceCount& sum = it->second.count;
        if (added) {
          sum = count;
          sum.region = tree.region(*idx).code;
          continue;
        }
        sum.date = std::max(sum.date, count.date);
        sum.on_duty += count.on_duty;
        sum.ill += count.ill;
        sum.quarantined += count.quarantined;
        sum.resting += count.resting;
        sum.longest_duty_run_days =
            std::max(sum.longest_duty_run_days, count.longest_duty_run_days);
      }
      for (auto& [key, line] : lines) {
        const RegionIdx at = key.first;
        for (const store::DeploymentRecord& d : *deployments) {
          if (d.category != key.second || day < d.start || day > d.end) continue;
          const std::optional<RegionIdx> from = tree.Find(d.from);
          const std::optional<RegionIdx> to = tree.Find(d.to);
          const bool from_here = from && tree.IsInSubtree(at, *from);
          const bool to_here = to && tree.IsInSubtree(at, *to);
          if (from_here && !to_here) line.away += d.workers;
          if (to_here && !from_here) line.incoming += d.workers;
        }
        report.lines.push_back(std::move(line));
      }
      std::sort(report.lines.begin(), report.lines.end(), [](const auto& a, const auto& b) {
        return std::tie(a.count.region, a.count.category) <
               std::tie(b.count.region, b.count.category);
      });
      report.findings = care::CheckWorkforce(in_scope, options_.protection);
      return 0;
    });
    reports.push_back(std::move(report));
  }
  return reports;
}

}  // namespace outbreak::app
