#include "guidance/team_formation.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "guidance/mip_solver.hpp"

namespace outbreak::guidance {

namespace {

// What the rules see of the input: the officials who may be sent, and where each may go.
struct Prepared {
  const FormationInput* input = nullptr;
  std::vector<const Official*> pool;        // available and not excluded
  std::map<std::string, std::string> pins;  // official -> area
  std::set<std::string> excluded;

  bool IsHome(const Official& official, const Area& area) const {
    return std::find(area.provinces.begin(), area.provinces.end(), official.home) !=
           area.provinces.end();
  }
  // Whether the official may be in the area's team: not from there, not pinned elsewhere.
  bool MayGo(const Official& official, const Area& area) const {
    if (IsHome(official, area)) return false;
    auto pin = pins.find(official.code);
    return pin == pins.end() || pin->second == area.code;
  }
};

Prepared Prepare(const FormationInput& input) {
  Prepared p;
  p.input = &input;
  for (const Pin& pin : input.pins) p.pins[pin.official] = pin.area;
  p.excluded.insert(input.excluded.begin(), input.excluded.end());
  for (const Official& official : input.officials) {
    if (official.available && !p.excluded.contains(official.code)) p.pool.push_back(&official);
  }
  return p;
}

std::string Names(const std::vector<const Official*>& officials) {
  std::string out;
  for (size_t idx = 0; idx < officials.size(); ++idx) {
    if (idx == 5) return out + fmt::format(" and {} more", officials.size() - idx);
    if (!out.empty()) out += ", ";
    out += fmt::format("{} ({})", officials[idx]->code, officials[idx]->name);
  }
  return out;
}

std::string AreaLabel(const Area& area) {
  return area.name.empty() || area.name == area.code ? area.code
                                                     : fmt::format("{} ({})", area.code, area.name);
}

// Why no official of those matching `fits` may go to `area`: all from there, pinned elsewhere, or
// none at all.
std::string WhyNone(const Prepared& p, const Area& area, const std::string& what,
                    const std::function<bool(const Official&)>& fits) {
  std::vector<const Official*> home;
  std::vector<const Official*> pinned;
  for (const Official* official : p.pool) {
    if (!fits(*official)) continue;
    if (p.IsHome(*official, area)) {
      home.push_back(official);
    } else {
      pinned.push_back(official);
    }
  }
  if (home.empty() && pinned.empty()) return fmt::format("no available official is {}", what);
  std::string out;
  if (!home.empty()) {
    out = fmt::format("every available official who is {} is from {} itself: {}", what,
                      fmt::join(area.provinces, ", "), Names(home));
  }
  if (!pinned.empty()) {
    out += fmt::format("{}{} pinned to another area: {}", out.empty() ? "" : "; ",
                       home.empty() ? fmt::format("every available official who is {} is", what)
                                    : "the others are",
                       Names(pinned));
  }
  return out;
}

// Kuhn's augmenting paths: leaders to areas, one each. Returns the areas of a set that has fewer
// possible leaders than areas (Hall's condition fails), empty when every area can have one.
std::vector<int> LeaderShortfall(const Prepared& p) {
  const std::vector<Area>& areas = p.input->areas;
  std::vector<const Official*> leaders;
  for (const Official* official : p.pool) {
    if (MayLead(official->position)) leaders.push_back(official);
  }
  std::vector<std::vector<int>> candidates(areas.size());
  for (size_t a = 0; a < areas.size(); ++a) {
    for (size_t l = 0; l < leaders.size(); ++l) {
      if (p.MayGo(*leaders[l], areas[a])) candidates[a].push_back(static_cast<int>(l));
    }
  }
  std::vector<int> leader_area(leaders.size(), -1);
  std::vector<char> seen;
  std::function<bool(int)> augment = [&](int a) {
    for (int l : candidates[a]) {
      if (seen[l]) continue;
      seen[l] = 1;
      if (leader_area[l] < 0 || augment(leader_area[l])) {
        leader_area[l] = a;
        return true;
      }
    }
    return false;
  };
  for (size_t a = 0; a < areas.size(); ++a) {
    seen.assign(leaders.size(), 0);
    if (!augment(static_cast<int>(a))) {
      // The areas reachable from `a` by alternating paths share too few leaders (König).
      std::set<int> areas_reached{static_cast<int>(a)};
      std::vector<int> queue{static_cast<int>(a)};
      std::set<int> leaders_reached;
      while (!queue.empty()) {
        const int at = queue.back();
        queue.pop_back();
        for (int l : candidates[at]) {
          if (!leaders_reached.insert(l).second) continue;
          if (leader_area[l] >= 0 && areas_reached.insert(leader_area[l]).second) {
            queue.push_back(leader_area[l]);
          }
        }
      }
      return {areas_reached.begin(), areas_reached.end()};
    }
  }
  return {};
}

}  // namespace

Status CheckInputForFormation(const FormationInput& input) {
  std::vector<std::string> errors;
  const TeamRules& r = input.rules;
  if (r.min_size < 1) errors.push_back(fmt::format("min_size: {} is less than 1", r.min_size));
  if (r.max_size < r.min_size || r.max_size > 50) {
    errors.push_back(
        fmt::format("max_size: {} must be from min_size ({}) to 50", r.max_size, r.min_size));
  }
  if (r.min_department_officials < 0 || r.min_department_officials > r.max_size) {
    errors.push_back(fmt::format("min_department_officials: {} must be from 0 to max_size",
                                 r.min_department_officials));
  }
  if (r.population_weight < 0 || r.county_weight < 0 || r.open_finding_weight < 0) {
    errors.push_back("workload weights: must not be negative");
  }
  if (!(r.time_limit_seconds > 0)) errors.push_back("time_limit_seconds: must be positive");
  if (input.areas.empty()) errors.push_back("areas: there is no area to send a team to");
  std::set<std::string> area_codes;
  std::map<std::string, std::string> province_area;
  for (const Area& area : input.areas) {
    if (area.code.empty()) errors.push_back("areas: an area has no code");
    if (!area_codes.insert(area.code).second) {
      errors.push_back(fmt::format("areas: \"{}\" appears twice", area.code));
    }
    if (area.provinces.empty()) {
      errors.push_back(fmt::format("areas: \"{}\" covers no province", area.code));
    }
    for (const std::string& province : area.provinces) {
      auto [it, added] = province_area.emplace(province, area.code);
      if (!added && it->second != area.code) {
        errors.push_back(fmt::format("areas: province \"{}\" is in both \"{}\" and \"{}\"",
                                     province, it->second, area.code));
      }
    }
    for (const std::string& need : area.needs) {
      if (!IsExpertise(need)) {
        errors.push_back(fmt::format("needs: \"{}\" of area \"{}\" is not one of {}", need,
                                     area.code, ExpertiseList()));
      }
    }
  }
  std::set<std::string> official_codes;
  for (const Official& official : input.officials) official_codes.insert(official.code);
  std::set<std::string> pinned;
  for (const Pin& pin : input.pins) {
    if (!official_codes.contains(pin.official)) {
      errors.push_back(fmt::format("pin: official \"{}\" is not on the roster", pin.official));
    } else if (!pinned.insert(pin.official).second) {
      errors.push_back(fmt::format("pin: official \"{}\" is pinned twice", pin.official));
    }
    if (!area_codes.contains(pin.area)) {
      errors.push_back(fmt::format("pin: area \"{}\" of official \"{}\" is not an area of the plan",
                                   pin.area, pin.official));
    }
  }
  for (const std::string& code : input.excluded) {
    if (!official_codes.contains(code)) {
      errors.push_back(fmt::format("exclude: official \"{}\" is not on the roster", code));
    }
  }
  if (errors.empty()) return Status::Ok();
  std::string message = fmt::format("{} error(s) in the plan's input", errors.size());
  return Status::InvalidArgument(std::move(message), std::move(errors));
}

double AreaWorkload(const Area& area, const TeamRules& rules) {
  return rules.population_weight * static_cast<double>(area.population) / 100'000.0 +
         rules.county_weight * static_cast<double>(area.counties) +
         rules.open_finding_weight * static_cast<double>(area.open_findings);
}

std::vector<Violation> CheckNecessaryConditions(const FormationInput& input) {
  const Prepared p = Prepare(input);
  const TeamRules& rules = input.rules;
  std::vector<Violation> out;
  std::map<std::string, const Official*> by_code;
  for (const Official& official : input.officials) by_code[official.code] = &official;
  std::map<std::string, int> pinned_count;
  for (const Pin& pin : input.pins) {
    auto it = by_code.find(pin.official);
    if (it == by_code.end()) continue;
    const Official& official = *it->second;
    ++pinned_count[pin.area];
    if (!official.available) {
      out.push_back({"pin", pin.area,
                     fmt::format("{} ({}) is pinned to {} but is not available", official.code,
                                 official.name, pin.area)});
    } else if (p.excluded.contains(official.code)) {
      out.push_back({"pin", pin.area,
                     fmt::format("{} ({}) is pinned to {} and excluded", official.code,
                                 official.name, pin.area)});
    }
    for (const Area& area : input.areas) {
      if (area.code == pin.area && p.IsHome(official, area)) {
        out.push_back({"home_province", area.code,
                       fmt::format("{} ({}) is pinned to {}, his home province", official.code,
                                   official.name, AreaLabel(area))});
      }
    }
  }
  for (const auto& [area, count] : pinned_count) {
    if (count > rules.max_size) {
      out.push_back({"team_size", area,
                     fmt::format("{} officials are pinned to {}, more than the largest team ({})",
                                 count, area, rules.max_size)});
    }
  }
  for (const Area& area : input.areas) {
    std::vector<const Official*> candidates;
    int leaders = 0;
    int department = 0;
    for (const Official* official : p.pool) {
      if (!p.MayGo(*official, area)) continue;
      candidates.push_back(official);
      leaders += MayLead(official->position) ? 1 : 0;
      department += official->position == Position::kDepartmentOfficial ? 1 : 0;
    }
    const std::string label = AreaLabel(area);
    if (leaders == 0) {
      out.push_back({"leader", area.code,
                     fmt::format("{}: no one may lead its team: {}", label,
                                 WhyNone(p, area, "a member of the Presidium or a secretary",
                                         [](const Official& o) { return MayLead(o.position); }))});
    }
    if (department < rules.min_department_officials) {
      out.push_back({"department_officials", area.code,
                     fmt::format("{}: {} department official(s) may go there, {} needed: {}", label,
                                 department, rules.min_department_officials,
                                 WhyNone(p, area, "a department official", [](const Official& o) {
                                   return o.position == Position::kDepartmentOfficial;
                                 }))});
    }
    for (const std::string& need : area.needs) {
      const bool any = std::any_of(candidates.begin(), candidates.end(),
                                   [&](const Official* o) { return o->Has(need); });
      if (!any) {
        out.push_back({"expertise", area.code,
                       fmt::format("{}: needs {} expertise, but {}", label, need,
                                   WhyNone(p, area, "expert in " + need,
                                           [&](const Official& o) { return o.Has(need); }))});
      }
    }
    if (static_cast<int>(candidates.size()) < rules.min_size) {
      out.push_back({"team_size", area.code,
                     fmt::format("{}: only {} official(s) may go there, a team needs at least {}",
                                 label, candidates.size(), rules.min_size)});
    }
  }
  const size_t needed = input.areas.size() * static_cast<size_t>(std::max(rules.min_size, 0));
  if (p.pool.size() < needed) {
    out.push_back({"team_size", "",
                   fmt::format("{} official(s) are available for {} areas of at least {} members "
                               "({} needed)",
                               p.pool.size(), input.areas.size(), rules.min_size, needed)});
  }
  const bool leader_reported =
      std::any_of(out.begin(), out.end(), [](const Violation& v) { return v.rule == "leader"; });
  if (!leader_reported) {
    const std::vector<int> shortfall = LeaderShortfall(p);
    if (!shortfall.empty()) {
      std::vector<std::string> labels;
      std::set<std::string> shared;
      for (int a : shortfall) {
        labels.push_back(AreaLabel(input.areas[a]));
        for (const Official* official : p.pool) {
          if (MayLead(official->position) && p.MayGo(*official, input.areas[a])) {
            shared.insert(official->code);
          }
        }
      }
      std::vector<std::string> codes;
      for (int a : shortfall) codes.push_back(input.areas[a].code);
      out.push_back({"leader", fmt::format("{}", fmt::join(codes, ",")),
                     fmt::format("the {} areas {} share {} possible leader(s) ({}), so one of "
                                 "them is left without a leader",
                                 shortfall.size(), fmt::join(labels, ", "), shared.size(),
                                 fmt::join(shared, ", "))});
    }
  }
  return out;
}

}  // namespace outbreak::guidance
