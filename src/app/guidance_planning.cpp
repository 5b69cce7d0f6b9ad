// GuidanceService: the areas of a plan, forming the teams, adoption, and the compiled report.

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "app/guidance_service.hpp"
#include "report/guidance_render.hpp"

namespace outbreak::app {

namespace {

// The topics a team surveys, those its area's needs point to first.
std::vector<std::string> Duties(const guidance::Area& area) {
  using guidance::Topic;
  std::vector<Topic> first;
  for (const std::string& need : area.needs) {
    if (need == "agriculture") first.push_back(Topic::kAgriculture);
    if (need == "public_health")
      first.insert(first.end(), {Topic::kTreatment, Topic::kMedicineSupply});
    if (need == "medicine_supply") first.push_back(Topic::kMedicineSupply);
    if (need == "industry") first.push_back(Topic::kIndustry);
    if (need == "livelihood") first.push_back(Topic::kLivelihood);
    if (need == "prevention" || need == "public_security") first.push_back(Topic::kPrevention);
  }
  std::vector<std::string> out;
  auto add = [&](Topic topic) {
    const std::string name(guidance::TopicName(topic));
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  };
  for (Topic topic : first) add(topic);
  for (Topic topic : guidance::AllTopics()) add(topic);
  return out;
}

}  // namespace

Result<std::vector<guidance::Area>> GuidanceService::BuildAreas(
    const TeamPlanRequest& request) const {
  std::vector<std::string> errors;
  std::map<std::string, int64_t> open_findings;
  auto findings = [&] {
    std::lock_guard lock(mutex_);
    return store_->Guidance().LoadFindings();
  }();
  if (!findings.ok()) return findings.status();
  for (const guidance::Finding& finding : *findings) {
    if (finding.status == guidance::FindingStatus::kOpen)
      ++open_findings[ProvinceOf(finding.region)];
  }
  std::vector<guidance::Area> areas = surveillance_.WithTree([&](const RegionTree& tree) {
    std::map<std::string, std::string> grouped;  // province -> group code
    for (const AreaGroup& group : request.groups) {
      if (group.code.empty()) errors.push_back("groups: a group has no code");
      if (group.provinces.empty()) {
        errors.push_back(fmt::format("groups: \"{}\" has no province", group.code));
      }
      for (const std::string& province : group.provinces) {
        std::optional<RegionIdx> idx = tree.Find(province);
        if (!idx || tree.region(*idx).level != 1) {
          errors.push_back(fmt::format("groups: \"{}\" of group \"{}\" is not a province", province,
                                       group.code));
        } else if (!grouped.emplace(province, group.code).second) {
          errors.push_back(fmt::format("groups: province \"{}\" is in two groups", province));
        }
      }
    }
    std::vector<guidance::Area> out;
    std::map<std::string, size_t> group_index;
    for (RegionIdx idx = 0; idx < tree.size(); ++idx) {
      const Region& region = tree.region(idx);
      if (region.level != 1) continue;
      auto group = grouped.find(region.code);
      size_t at = out.size();
      if (group == grouped.end()) {
        out.push_back({region.code, region.name, {}, 0, 0, 0, {}});
      } else if (auto it = group_index.find(group->second); it != group_index.end()) {
        at = it->second;
      } else {
        group_index[group->second] = at;
        const AreaGroup* spec = nullptr;
        for (const AreaGroup& each : request.groups) {
          if (each.code == group->second) spec = &each;
        }
        out.push_back({group->second,
                       spec && !spec->name.empty() ? spec->name : group->second,
                       {},
                       0,
                       0,
                       0,
                       {}});
      }
      guidance::Area& area = out[at];
      area.provinces.push_back(region.code);
      area.population += region.population;
      area.counties += static_cast<int64_t>(tree.children(idx).size());
      area.open_findings += open_findings[region.code];
    }
    return out;
  });
  std::set<std::string> codes;
  for (const guidance::Area& area : areas) codes.insert(area.code);
  for (const auto& [code, needs] : request.needs) {
    if (!codes.contains(code)) {
      errors.push_back(fmt::format("needs: \"{}\" is not an area of the plan", code));
    }
  }
  for (guidance::Area& area : areas) {
    std::set<std::string> needs(request.default_needs.begin(), request.default_needs.end());
    if (auto it = request.needs.find(area.code); it != request.needs.end()) {
      needs.insert(it->second.begin(), it->second.end());
    }
    area.needs.assign(needs.begin(), needs.end());
  }
  if (areas.empty()) errors.push_back("areas: there is no province to send a team to");
  if (!errors.empty()) {
    std::string message = fmt::format("{} error(s) in the plan's input", errors.size());
    return Status::InvalidArgument(std::move(message), std::move(errors));
  }
  return areas;
}

Result<store::GuidancePlanRecord> GuidanceService::Plan(const TeamPlanRequest& request,
                                                        const Actor& actor) {
  auto areas = BuildAreas(request);
  if (!areas.ok()) return areas.status();
  guidance::FormationInput input;
  input.areas = std::move(*areas);
  input.pins = request.pins;
  input.excluded = request.excluded;
  input.rules = request.rules.value_or(options_.rules);
  {
    std::lock_guard lock(mutex_);
    auto officials = store_->Guidance().LoadOfficials();
    if (!officials.ok()) return officials.status();
    input.officials = std::move(*officials);
  }
  Result<guidance::Formation> formation = guidance::FormTeams(input);
  if (!formation.ok()) return formation.status();
  if (!formation->violations.empty()) {
    std::vector<std::string> details;
    for (const guidance::Violation& v : formation->violations) {
      details.push_back(fmt::format("{}: {}", v.rule, v.message));
    }
    std::string message = fmt::format(
        "the rules cannot all be met ({} problem(s)); nothing was stored", details.size());
    return Status(StatusCode::kConflict, std::move(message), std::move(details));
  }
  store::GuidancePlanRecord plan;
  plan.detail = boost::json::serialize(report::FormationDetailJson(input, *formation));
  for (size_t a = 0; a < input.areas.size(); ++a) {
    const guidance::Area& area = input.areas[a];
    const guidance::FormedTeam& team = formation->teams[a];
    plan.teams.push_back({0, 0, static_cast<int>(a) + 1, area.code, area.name, area.provinces,
                          team.leader, team.members, team.workload, Duties(area)});
  }
  Result<int64_t> id = [&] {
    std::lock_guard lock(mutex_);
    return store_->Guidance().SaveGuidancePlan(plan, Context(actor));
  }();
  if (!id.ok()) return id.status();
  if (request.adopt) return Adopt(*id, actor);
  return FindPlan(*id);
}

Result<std::vector<store::GuidancePlanRecord>> GuidanceService::Plans() const {
  std::lock_guard lock(mutex_);
  return store_->Guidance().LoadGuidancePlans();
}

Result<store::GuidancePlanRecord> GuidanceService::FindPlan(int64_t id) const {
  auto plans = Plans();
  if (!plans.ok()) return plans.status();
  for (store::GuidancePlanRecord& plan : *plans) {
    if (plan.id == id) return std::move(plan);
  }
  return Status::NotFound(fmt::format("team plan {} is not known", id));
}

Result<store::GuidancePlanRecord> GuidanceService::Adopt(int64_t id, const Actor& actor) {
  {
    std::lock_guard lock(mutex_);
    if (Status s = store_->Guidance().AdoptGuidancePlan(id, Context(actor)); !s.ok()) return s;
  }
  return FindPlan(id);
}

Result<std::optional<store::GuidancePlanRecord>> GuidanceService::AdoptedPlan() const {
  auto plans = Plans();
  if (!plans.ok()) return plans.status();
  for (store::GuidancePlanRecord& plan : *plans) {
    if (plan.status == "adopted") return std::optional<store::GuidancePlanRecord>(std::move(plan));
  }
  return std::optional<store::GuidancePlanRecord>();
}

Result<std::vector<int64_t>> GuidanceService::TeamsOfUser(std::string_view user) const {
  std::vector<int64_t> out;
  if (user.empty()) return out;
  auto officials = [&] {
    std::lock_guard lock(mutex_);
    return store_->Guidance().LoadOfficials();
  }();
  if (!officials.ok()) return officials.status();
  std::string code;
  for (const guidance::Official& official : *officials) {
    if (official.user == user) code = official.code;
  }
  if (code.empty()) return out;
  auto adopted = AdoptedPlan();
  if (!adopted.ok()) return adopted.status();
  if (!adopted->has_value()) return out;
  for (const store::GuidanceTeamRecord& team : (*adopted)->teams) {
    if (std::find(team.members.begin(), team.members.end(), code) != team.members.end()) {
      out.push_back(team.id);
    }
  }
  return out;
}

bool GuidanceService::TeamConcerns(const store::GuidanceTeamRecord& team,
                                   std::string_view home) const {
  return surveillance_.WithTree([&](const RegionTree& tree) {
    std::optional<RegionIdx> home_idx = tree.Find(home);
    if (!home_idx) return false;
    for (const std::string& province : team.provinces) {
      std::optional<RegionIdx> idx = tree.Find(province);
      if (idx && (tree.IsInSubtree(*home_idx, *idx) || tree.IsInSubtree(*idx, *home_idx))) {
        return true;
      }
    }
    return false;
  });
}

Result<guidance::PlenaryReport> GuidanceService::Report(std::string_view region,
                                                        std::optional<Date> as_of) const {
  Result<RegionIdx> root = surveillance_.FindRegion(region);
  if (!root.ok()) return root.status();
  const Date day = as_of.value_or(surveillance_.LatestDay());
  auto findings = Findings(region, std::nullopt);
  if (!findings.ok()) return findings.status();
  auto visits = Visits(region, std::nullopt, day);
  if (!visits.ok()) return visits.status();
  auto adopted = AdoptedPlan();
  if (!adopted.ok()) return adopted.status();
  auto officials = [&] {
    std::lock_guard lock(mutex_);
    return store_->Guidance().LoadOfficials();
  }();
  if (!officials.ok()) return officials.status();
  std::map<std::string, std::string> names;
  for (const guidance::Official& o : *officials) names[o.code] = o.code + " " + o.name;

  std::vector<guidance::ProvinceInfo> provinces;
  const std::vector<std::string> codes = surveillance_.WithTree([&](const RegionTree& tree) {
    std::vector<std::string> out;
    for (RegionIdx idx = 0; idx < tree.size(); ++idx) {
      if (tree.region(idx).level != 1) continue;
      if (tree.IsInSubtree(*root, idx) || tree.IsInSubtree(idx, *root)) {
        out.push_back(tree.region(idx).code);
      }
    }
    return out;
  });
  for (const std::string& code : codes) {
    guidance::ProvinceInfo info;
    info.code = code;
    auto sitrep = surveillance_.Sitrep(code, day);
    if (!sitrep.ok()) return sitrep.status();
    surveillance_.WithTree([&](const RegionTree& tree) {
      const Region& r = tree.region(*tree.Find(code));
      info.name = r.name;
      info.indicators.population = r.population;
    });
    info.indicators.cumulative_fever = sitrep->region.cumulative.fever;
    info.indicators.deaths = sitrep->region.cumulative.deaths;
    info.indicators.under_treatment = sitrep->region.under_treatment;
    // The average is over the days with reports: times those days, the week's cases.
    info.indicators.new_7d = std::llround(sitrep->region.avg_7d.fever * sitrep->region.avg_days);
    if (adopted->has_value()) {
      for (const store::GuidanceTeamRecord& team : (*adopted)->teams) {
        if (std::find(team.provinces.begin(), team.provinces.end(), code) == team.provinces.end()) {
          continue;
        }
        info.team_leader = names[team.leader];
        for (const std::string& member : team.members) {
          if (member != team.leader) info.team_members.push_back(names[member]);
        }
      }
    }
    provinces.push_back(std::move(info));
  }
  const std::string region_code(region);
  return guidance::BuildPlenaryReport(
      day, region_code, std::move(provinces), *findings, *visits,
      [&](const std::string& county) { return ProvinceOf(county); });
}

}  // namespace outbreak::app
