#include "app/guidance_service.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "guidance/guidance_records.hpp"
#include "guidance/roster_csv.hpp"

namespace outbreak::app {

GuidanceService::GuidanceService(std::unique_ptr<store::Store> store,
                                 const SurveillanceService& surveillance, const Clock& clock,
                                 GuidanceOptions options)
    : store_(std::move(store)), surveillance_(surveillance), clock_(clock), options_(options) {}

store::WriteContext GuidanceService::Context(const Actor& actor) const {
  return {actor.user, IsoTimestamp(clock_.NowUnixSeconds()), actor.reason, actor.source,
          actor.address};
}

std::string GuidanceService::ProvinceOf(std::string_view region) const {
  return surveillance_.WithTree([&](const RegionTree& tree) -> std::string {
    std::optional<RegionIdx> idx = tree.Find(region);
    if (!idx) return "";
    for (RegionIdx at : tree.PathToRoot(*idx)) {
      if (tree.region(at).level == 1) return tree.region(at).code;
    }
    return "";
  });
}

namespace {

std::string CheckProvince(const RegionTree& tree, std::string_view code) {
  std::optional<RegionIdx> idx = tree.Find(code);
  if (!idx) return "is not a known region";
  if (tree.region(*idx).level != 1) return "is not a province (a region of level 1)";
  return "";
}

bool InSubtree(const RegionTree& tree, std::string_view ancestor, std::string_view code) {
  std::optional<RegionIdx> a = tree.Find(ancestor);
  std::optional<RegionIdx> b = tree.Find(code);
  return a && b && tree.IsInSubtree(*a, *b);
}

}  // namespace

Result<store::WriteCounts> GuidanceService::ImportRoster(std::string_view csv_text,
                                                         std::string_view source,
                                                         const Actor& actor) {
  auto officials = surveillance_.WithTree([&](const RegionTree& tree) {
    return guidance::ParseRosterCsv(
        csv_text, source, [&](std::string_view home) { return CheckProvince(tree, home); });
  });
  if (!officials.ok()) return officials.status();
  Actor with_source = actor;
  if (with_source.source.empty()) with_source.source = std::string(source);
  return SaveOfficials(*officials, with_source);
}

Result<store::WriteCounts> GuidanceService::SaveOfficials(
    const std::vector<guidance::Official>& officials, const Actor& actor) {
  if (Status s = record::Validate(guidance::OfficialRecord(), officials); !s.ok()) return s;
  std::vector<std::string> errors;
  std::set<std::string> users;
  surveillance_.WithTree([&](const RegionTree& tree) {
    for (size_t idx = 0; idx < officials.size(); ++idx) {
      const std::string where = fmt::format("officials[{}]", idx);
      if (std::string reason = CheckProvince(tree, officials[idx].home); !reason.empty()) {
        errors.push_back(fmt::format("{}.home: \"{}\" {}", where, officials[idx].home, reason));
      }
      if (!officials[idx].user.empty() && !users.insert(officials[idx].user).second) {
        errors.push_back(
            fmt::format("{}.user: \"{}\" is linked to two officials", where, officials[idx].user));
      }
    }
  });
  if (officials.empty()) errors.push_back("officials: there are none");
  if (!errors.empty()) {
    std::string message = fmt::format("{} error(s); nothing was written", errors.size());
    return Status::InvalidArgument(std::move(message), std::move(errors));
  }
  std::lock_guard lock(mutex_);
  return store_->Guidance().SaveOfficials(officials, Context(actor));
}

Result<std::string> GuidanceService::OfficialHome(const std::string& code) const {
  Result<std::vector<guidance::Official>> all = [&] {
    std::lock_guard lock(mutex_);
    return store_->Guidance().LoadOfficials();
  }();
  if (!all.ok()) return all.status();
  for (const guidance::Official& official : *all) {
    if (official.code == code) return official.home;
  }
  return Status::NotFound(fmt::format("official \"{}\" does not exist", code));
}

Result<std::vector<guidance::Official>> GuidanceService::Roster(std::string_view region) const {
  if (Result<RegionIdx> idx = surveillance_.FindRegion(region); !idx.ok()) return idx.status();
  Result<std::vector<guidance::Official>> all = [&] {
    std::lock_guard lock(mutex_);
    return store_->Guidance().LoadOfficials();
  }();
  if (!all.ok()) return all.status();
  return surveillance_.WithTree([&](const RegionTree& tree) {
    std::vector<guidance::Official> out;
    for (guidance::Official& official : *all) {
      if (InSubtree(tree, region, official.home)) out.push_back(std::move(official));
    }
    return out;
  });
}

Result<ChecklistWriteResult> GuidanceService::ImportChecklist(std::string_view csv_text,
                                                              std::string_view source,
                                                              std::string title,
                                                              const Actor& actor) {
  auto questions = guidance::ParseChecklistCsv(csv_text, source);
  if (!questions.ok()) return questions.status();
  Actor with_source = actor;
  if (with_source.source.empty()) with_source.source = std::string(source);
  return SaveChecklist(std::move(title), std::move(*questions), with_source);
}

Result<ChecklistWriteResult> GuidanceService::SaveChecklist(
    std::string title, std::vector<guidance::Question> questions, const Actor& actor) {
  std::vector<std::string> errors = guidance::CheckQuestions(questions, "questions");
  if (title.empty()) errors.insert(errors.begin(), "title: is empty");
  if (!errors.empty()) {
    std::string message = fmt::format("{} error(s); nothing was written", errors.size());
    return Status::InvalidArgument(std::move(message), std::move(errors));
  }
  guidance::Checklist checklist;
  checklist.title = std::move(title);
  checklist.questions = std::move(questions);
  std::lock_guard lock(mutex_);
  auto stored = store_->Guidance().LoadChecklists();
  if (!stored.ok()) return stored.status();
  if (!stored->empty() && stored->back().SameContent(checklist)) {
    return ChecklistWriteResult{stored->back(), false};
  }
  const store::WriteContext context = Context(actor);
  auto version = store_->Guidance().SaveChecklist(checklist, context);
  if (!version.ok()) return version.status();
  checklist.version = *version;
  checklist.created_by = context.user;
  checklist.created_at = context.recorded_at;
  return ChecklistWriteResult{std::move(checklist), true};
}

Result<std::vector<guidance::Checklist>> GuidanceService::Checklists() const {
  std::lock_guard lock(mutex_);
  return store_->Guidance().LoadChecklists();
}

Result<guidance::Visit> GuidanceService::RecordVisit(const guidance::VisitInput& visit,
                                                     const Actor& actor) {
  std::vector<std::string> errors;
  const std::string province = ProvinceOf(visit.region);
  const bool county = surveillance_.WithTree([&](const RegionTree& tree) {
    std::optional<RegionIdx> idx = tree.Find(visit.region);
    if (!idx) {
      errors.push_back(fmt::format("region: \"{}\" is not a known region", visit.region));
      return false;
    }
    if (tree.region(*idx).level < 2) {
      errors.push_back(
          fmt::format("region: \"{}\" is not a county (a team visits a region below a province)",
                      visit.region));
      return false;
    }
    return true;
  });
  auto checklists = Checklists();
  if (!checklists.ok()) return checklists.status();
  const guidance::Checklist* checklist = nullptr;
  for (const guidance::Checklist& each : *checklists) {
    if (each.version == visit.checklist_version) checklist = &each;
  }
  if (checklist == nullptr) {
    errors.push_back(fmt::format(
        "checklist_version: {} is not a known checklist version{}", visit.checklist_version,
        checklists->empty() ? " (there is none: import a checklist first)"
                            : fmt::format(" (1 to {})", checklists->back().version)));
  } else {
    for (std::string& error : guidance::CheckVisitContent(visit, *checklist)) {
      errors.push_back(std::move(error));
    }
  }
  auto adopted = AdoptedPlan();
  if (!adopted.ok()) return adopted.status();
  int64_t team_id = visit.team;
  if (!adopted->has_value()) {
    errors.push_back(
        "team: no team plan is adopted (adopt one with outbreak guidance plan "
        "--adopt)");
  } else if (county) {
    const store::GuidanceTeamRecord* team = nullptr;
    for (const store::GuidanceTeamRecord& each : (*adopted)->teams) {
      const bool covers =
          std::find(each.provinces.begin(), each.provinces.end(), province) != each.provinces.end();
      if (visit.team == 0 ? covers : each.id == visit.team) team = &each;
    }
    if (team == nullptr && visit.team != 0) {
      errors.push_back(
          fmt::format("team: {} is not a team of the adopted plan {}", visit.team, (*adopted)->id));
    } else if (team == nullptr) {
      errors.push_back(fmt::format("region: \"{}\" is in no area of the adopted plan {}",
                                   visit.region, (*adopted)->id));
    } else if (std::find(team->provinces.begin(), team->provinces.end(), province) ==
               team->provinces.end()) {
      errors.push_back(fmt::format("region: \"{}\" ({}) is outside the area of team {} ({})",
                                   visit.region, province, team->id, team->area));
    } else {
      team_id = team->id;
    }
  }
  if (!errors.empty()) {
    std::string message = fmt::format("{} error(s); nothing was written", errors.size());
    return Status::InvalidArgument(std::move(message), std::move(errors));
  }
  guidance::Visit record;
  record.team = team_id;
  record.region = visit.region;
  record.date = visit.date;
  record.checklist_version = visit.checklist_version;
  record.answers = visit.answers;
  record.note = visit.note;
  std::lock_guard lock(mutex_);
  return store_->Guidance().SaveVisit(record, visit.findings, Context(actor));
}

Result<std::vector<guidance::Visit>> GuidanceService::Visits(std::string_view region,
                                                             std::optional<Date> from,
                                                             std::optional<Date> to) const {
  if (Result<RegionIdx> idx = surveillance_.FindRegion(region); !idx.ok()) return idx.status();
  Result<std::vector<guidance::Visit>> all = [&] {
    std::lock_guard lock(mutex_);
    return store_->Guidance().LoadVisits();
  }();
  if (!all.ok()) return all.status();
  return surveillance_.WithTree([&](const RegionTree& tree) {
    std::vector<guidance::Visit> out;
    for (guidance::Visit& visit : *all) {
      if ((from && visit.date < *from) || (to && visit.date > *to)) continue;
      if (InSubtree(tree, region, visit.region)) out.push_back(std::move(visit));
    }
    return out;
  });
}

Result<std::vector<guidance::Finding>> GuidanceService::Findings(
    std::string_view region, std::optional<guidance::FindingStatus> status) const {
  if (Result<RegionIdx> idx = surveillance_.FindRegion(region); !idx.ok()) return idx.status();
  Result<std::vector<guidance::Finding>> all = [&] {
    std::lock_guard lock(mutex_);
    return store_->Guidance().LoadFindings();
  }();
  if (!all.ok()) return all.status();
  return surveillance_.WithTree([&](const RegionTree& tree) {
    std::vector<guidance::Finding> out;
    for (guidance::Finding& finding : *all) {
      if (status && finding.status != *status) continue;
      if (InSubtree(tree, region, finding.region)) out.push_back(std::move(finding));
    }
    return out;
  });
}

Result<guidance::Finding> GuidanceService::FindFinding(int64_t id) const {
  Result<std::vector<guidance::Finding>> all = [&] {
    std::lock_guard lock(mutex_);
    return store_->Guidance().LoadFindings();
  }();
  if (!all.ok()) return all.status();
  for (guidance::Finding& finding : *all) {
    if (finding.id == id) return std::move(finding);
  }
  return Status::NotFound(fmt::format("finding {} is not known", id));
}

Result<guidance::Finding> GuidanceService::CloseFinding(int64_t id, const std::string& how,
                                                        const Actor& actor) {
  if (how.empty()) {
    return Status::InvalidArgument("how: is empty (say how the finding was dealt with)");
  }
  {
    std::lock_guard lock(mutex_);
    if (Status s = store_->Guidance().CloseFinding(id, how, Context(actor)); !s.ok()) return s;
  }
  return FindFinding(id);
}

}  // namespace outbreak::app
