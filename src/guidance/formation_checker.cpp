#include "guidance/formation_checker.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include <fmt/format.h>

namespace outbreak::guidance::testing {

std::vector<std::string> BrokenRules(const FormationInput& input, const Formation& plan) {
  std::vector<std::string> broken;
  std::map<std::string, const Official*> roster;
  for (const Official& official : input.officials) roster[official.code] = &official;
  std::set<std::string> excluded(input.excluded.begin(), input.excluded.end());
  if (plan.teams.size() != input.areas.size()) {
    broken.push_back(fmt::format("{} teams for {} areas", plan.teams.size(), input.areas.size()));
    return broken;
  }
  std::map<std::string, std::string> team_of;
  for (size_t a = 0; a < input.areas.size(); ++a) {
    const Area& area = input.areas[a];
    const FormedTeam& team = plan.teams[a];
    if (team.area != area.code)
      broken.push_back(fmt::format("team {} is not for {}", a, area.code));
    const int size = static_cast<int>(team.members.size());
    if (size < input.rules.min_size || size > input.rules.max_size) {
      broken.push_back(fmt::format("{}: {} members", area.code, size));
    }
    if (std::find(team.members.begin(), team.members.end(), team.leader) == team.members.end()) {
      broken.push_back(fmt::format("{}: the leader {} is not a member", area.code, team.leader));
    }
    auto leader = roster.find(team.leader);
    if (leader == roster.end() || (leader->second->position != Position::kPresidiumMember &&
                                   leader->second->position != Position::kSecretary)) {
      broken.push_back(fmt::format("{}: {} may not lead", area.code, team.leader));
    }
    int department = 0;
    std::set<std::string> fields;
    for (const std::string& code : team.members) {
      auto it = roster.find(code);
      if (it == roster.end()) {
        broken.push_back(fmt::format("{}: {} is not on the roster", area.code, code));
        continue;
      }
      const Official& o = *it->second;
      if (!o.available) broken.push_back(fmt::format("{}: {} is not available", area.code, code));
      if (excluded.contains(code))
        broken.push_back(fmt::format("{}: {} is excluded", area.code, code));
      for (const std::string& province : area.provinces) {
        if (o.home == province)
          broken.push_back(fmt::format("{}: {} is from there", area.code, code));
      }
      if (!team_of.emplace(code, area.code).second) {
        broken.push_back(fmt::format("{} is in two teams", code));
      }
      if (o.position == Position::kDepartmentOfficial) ++department;
      fields.insert(o.expertise.begin(), o.expertise.end());
    }
    if (department < input.rules.min_department_officials) {
      broken.push_back(fmt::format("{}: {} department officials", area.code, department));
    }
    for (const std::string& need : area.needs) {
      if (!fields.contains(need))
        broken.push_back(fmt::format("{}: nobody with {}", area.code, need));
    }
  }
  for (const Pin& pin : input.pins) {
    auto it = team_of.find(pin.official);
    if (it == team_of.end() || it->second != pin.area) {
      broken.push_back(fmt::format("{} is not in the team of {}", pin.official, pin.area));
    }
  }
  return broken;
}

std::pair<double, double> Objective(const FormationInput& input, const Formation& plan) {
  double max = 0;
  double sum = 0;
  for (size_t a = 0; a < plan.teams.size(); ++a) {
    const Area& area = input.areas[a];
    const double workload = input.rules.population_weight * area.population / 100'000.0 +
                            input.rules.county_weight * area.counties +
                            input.rules.open_finding_weight * area.open_findings;
    const double per_member = workload / plan.teams[a].members.size();
    max = std::max(max, per_member);
    sum += per_member;
  }
  return {max, sum};
}

FormationInput GenerateInput(uint32_t seed, int areas, int officials, int max_size) {
  std::mt19937 rng(seed);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  FormationInput input;
  input.rules.min_size = 2;
  input.rules.max_size = max_size;
  input.rules.min_department_officials = uniform(0, 1);
  for (int a = 0; a < areas; ++a) {
    Area area;
    area.code = fmt::format("P{:02}", a + 1);
    area.name = area.code;
    area.provinces = {area.code};
    area.population = uniform(100'000, 3'000'000);
    area.counties = uniform(3, 25);
    area.open_findings = uniform(0, 4);
    if (uniform(0, 2) == 0) area.needs.push_back("agriculture");
    if (uniform(0, 3) == 0) area.needs.push_back("public_health");
    input.areas.push_back(area);
  }
  const Position positions[] = {
      Position::kPresidiumMember,      Position::kSecretary,          Position::kSecretary,
      Position::kDepartmentOfficial,   Position::kDepartmentOfficial, Position::kCabinetOfficial,
      Position::kPublicHealthOfficial, Position::kJudicialOfficial};
  const char* fields[] = {"agriculture", "public_health", "industry", "livelihood"};
  for (int i = 0; i < officials; ++i) {
    Official o;
    o.code = fmt::format("OF{:02}", i + 1);
    o.name = fmt::format("Official {}", i + 1);
    o.position = positions[uniform(0, 7)];
    for (const char* field : fields) {
      if (uniform(0, 2) == 0) o.expertise.push_back(field);
    }
    std::sort(o.expertise.begin(), o.expertise.end());
    o.home = fmt::format("P{:02}", uniform(1, areas + 1));
    o.available = uniform(0, 9) != 0;
    input.officials.push_back(o);
  }
  return input;
}

}  // namespace outbreak::guidance::testing
