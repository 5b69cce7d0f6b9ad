// FormTeams: the mixed-integer programme of team_formation.hpp, built and solved in two runs, and
// the elastic version that names the rules which cannot be met together.

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "guidance/mip_solver.hpp"
#include "guidance/team_formation.hpp"

namespace outbreak::guidance {

namespace {

enum class Mode {
  kMinMax,   // minimise z >= workload(a) / size(a) over the areas
  kMinSum,   // with size choices above z* removed, minimise the sum of workload(a) / size(a)
  kElastic,  // every per-area rule may be broken at a cost: minimise what is broken
};

// Where each kind of variable is among the programme's columns.
struct Model {
  MipProblem problem;
  std::vector<const Official*> pool;
  // x[i][a] and y[i][a]: column index or -1 where the official may not go (or lead).
  std::vector<std::vector<int>> x;
  std::vector<std::vector<int>> y;
  // s[a][k - k_min]: the team of area a has k members.
  std::vector<std::vector<int>> s;
  int k_min = 0;
  // Elastic slack columns: (rule, area index, detail) per column.
  struct Slack {
    int column;
    std::string rule;
    int area;
    std::string detail;
  };
  std::vector<Slack> slacks;
};

int AddColumn(MipProblem& problem, double lb, double ub, double cost, bool integer) {
  problem.columns.push_back({lb, ub, cost, integer});
  return static_cast<int>(problem.columns.size()) - 1;
}

void AddRow(MipProblem& problem, std::vector<int> columns, std::vector<double> coefficients,
            double lb, double ub) {
  problem.rows.push_back({std::move(columns), std::move(coefficients), lb, ub});
}

Model Build(const FormationInput& input, Mode mode, double z_star) {
  Model m;
  const TeamRules& rules = input.rules;
  const auto& areas = input.areas;
  std::map<std::string, std::string> pins;
  for (const Pin& pin : input.pins) pins[pin.official] = pin.area;
  for (const Official& official : input.officials) {
    if (official.available && std::find(input.excluded.begin(), input.excluded.end(),
                                        official.code) == input.excluded.end()) {
      m.pool.push_back(&official);
    }
  }
  MipProblem& p = m.problem;
  p.time_limit_seconds = rules.time_limit_seconds;
  const size_t n = m.pool.size();
  m.x.assign(n, std::vector<int>(areas.size(), -1));
  m.y.assign(n, std::vector<int>(areas.size(), -1));
  for (size_t i = 0; i < n; ++i) {
    const Official& o = *m.pool[i];
    auto pin = pins.find(o.code);
    for (size_t a = 0; a < areas.size(); ++a) {
      const auto& provinces = areas[a].provinces;
      if (std::find(provinces.begin(), provinces.end(), o.home) != provinces.end()) continue;
      if (pin != pins.end() && pin->second != areas[a].code) continue;
      const bool pinned_here = pin != pins.end();
      m.x[i][a] = AddColumn(p, pinned_here ? 1 : 0, 1, 0, true);
      if (MayLead(o.position)) m.y[i][a] = AddColumn(p, 0, 1, 0, true);
    }
  }
  m.k_min = mode == Mode::kElastic ? 0 : rules.min_size;
  std::vector<double> workload(areas.size());
  for (size_t a = 0; a < areas.size(); ++a) workload[a] = AreaWorkload(areas[a], rules);
  m.s.assign(areas.size(), {});
  for (size_t a = 0; a < areas.size(); ++a) {
    for (int k = m.k_min; k <= rules.max_size; ++k) {
      double cost = 0;
      double ub = 1;
      if (mode == Mode::kElastic && k < rules.min_size) cost = rules.min_size - k;
      if (mode == Mode::kMinSum) {
        const double per_member = workload[a] / k;
        cost = per_member;
        if (per_member > z_star + 1e-7 * std::max(1.0, z_star)) ub = 0;
      }
      m.s[a].push_back(AddColumn(p, 0, ub, cost, true));
    }
  }
  int z = -1;
  if (mode == Mode::kMinMax) z = AddColumn(p, 0, kMipInfinity, 1, false);
  auto slack = [&](const std::string& rule, size_t a, const std::string& detail) {
    if (mode != Mode::kElastic) return -1;
    const int column = AddColumn(p, 0, kMipInfinity, 1, false);
    m.slacks.push_back({column, rule, static_cast<int>(a), detail});
    return column;
  };

  // Each official in at most one team; a leader is a member.
  for (size_t i = 0; i < n; ++i) {
    std::vector<int> cols;
    for (size_t a = 0; a < areas.size(); ++a) {
      if (m.x[i][a] >= 0) cols.push_back(m.x[i][a]);
      if (m.y[i][a] >= 0) AddRow(p, {m.y[i][a], m.x[i][a]}, {1, -1}, -kMipInfinity, 0);
    }
    if (!cols.empty()) AddRow(p, cols, std::vector<double>(cols.size(), 1), -kMipInfinity, 1);
  }
  for (size_t a = 0; a < areas.size(); ++a) {
    std::vector<int> leaders;
    std::vector<int> department;
    std::vector<int> members;
    for (size_t i = 0; i < n; ++i) {
      if (m.x[i][a] < 0) continue;
      members.push_back(m.x[i][a]);
      if (m.y[i][a] >= 0) leaders.push_back(m.y[i][a]);
      if (m.pool[i]->position == Position::kDepartmentOfficial) department.push_back(m.x[i][a]);
    }
    // Exactly one leader.
    AddRow(p, leaders, std::vector<double>(leaders.size(), 1), -kMipInfinity, 1);
    {
      std::vector<int> cols = leaders;
      std::vector<double> coefs(cols.size(), 1);
      if (int e = slack("leader", a, ""); e >= 0) {
        cols.push_back(e);
        coefs.push_back(1);
      }
      AddRow(p, cols, coefs, 1, kMipInfinity);
    }
    if (rules.min_department_officials > 0) {
      std::vector<int> cols = department;
      std::vector<double> coefs(cols.size(), 1);
      if (int e = slack("department_officials", a, ""); e >= 0) {
        cols.push_back(e);
        coefs.push_back(1);
      }
      AddRow(p, cols, coefs, rules.min_department_officials, kMipInfinity);
    }
    for (const std::string& need : areas[a].needs) {
      std::vector<int> cols;
      for (size_t i = 0; i < n; ++i) {
        if (m.x[i][a] >= 0 && m.pool[i]->Has(need)) cols.push_back(m.x[i][a]);
      }
      std::vector<double> coefs(cols.size(), 1);
      if (int e = slack("expertise", a, need); e >= 0) {
        cols.push_back(e);
        coefs.push_back(1);
      }
      AddRow(p, cols, coefs, 1, kMipInfinity);
    }
    // size(a) = sum of members = sum of k s[a][k]; exactly one size.
    std::vector<int> cols = members;
    std::vector<double> coefs(cols.size(), 1);
    std::vector<int> sizes;
    for (int k = m.k_min; k <= rules.max_size; ++k) {
      cols.push_back(m.s[a][k - m.k_min]);
      coefs.push_back(-k);
      sizes.push_back(m.s[a][k - m.k_min]);
    }
    AddRow(p, cols, coefs, 0, 0);
    AddRow(p, sizes, std::vector<double>(sizes.size(), 1), 1, 1);
    if (mode == Mode::kMinMax) {
      // z >= workload(a) / k for the chosen k.
      std::vector<int> zcols{z};
      std::vector<double> zcoefs{1};
      for (int k = m.k_min; k <= rules.max_size; ++k) {
        zcols.push_back(m.s[a][k - m.k_min]);
        zcoefs.push_back(-workload[a] / k);
      }
      AddRow(p, zcols, zcoefs, 0, kMipInfinity);
    }
  }
  return m;
}

std::string Label(const Area& area) {
  return area.name.empty() || area.name == area.code ? area.code
                                                     : fmt::format("{} ({})", area.code, area.name);
}

std::vector<Violation> Elastic(const FormationInput& input) {
  Model m = Build(input, Mode::kElastic, 0);
  MipSolution solution = SolveMip(m.problem);
  std::vector<Violation> out;
  if (solution.values.empty()) {
    out.push_back({"plan", "",
                   "the rules cannot all be met, and the optimiser could not tell "
                   "which (try fewer pins or a longer time limit)"});
    return out;
  }
  for (const Model::Slack& slack : m.slacks) {
    const double used = solution.values[slack.column];
    if (used < 0.5) continue;
    const Area& area = input.areas[slack.area];
    std::string what;
    if (slack.rule == "leader") {
      what =
          "no member of the Presidium or secretary is left to lead its team once the other "
          "areas have theirs";
    } else if (slack.rule == "department_officials") {
      what = fmt::format("{} department official(s) short once the other areas have theirs",
                         static_cast<int>(used + 0.5));
    } else {
      what = fmt::format(
          "no official with {} expertise is left for it once the other areas have "
          "theirs",
          slack.detail);
    }
    out.push_back({slack.rule, area.code, fmt::format("{}: {}", Label(area), what)});
  }
  for (size_t a = 0; a < input.areas.size(); ++a) {
    for (int k = 0; k < input.rules.min_size; ++k) {
      if (solution.values[m.s[a][k]] > 0.5) {
        out.push_back({"team_size", input.areas[a].code,
                       fmt::format("{}: only {} member(s) are left for its team once the other "
                                   "areas have theirs; at least {} needed",
                                   Label(input.areas[a]), k, input.rules.min_size)});
      }
    }
  }
  if (out.empty()) {
    out.push_back({"plan", "", "the rules cannot all be met together"});
  }
  return out;
}

Formation Read(const FormationInput& input, const Model& m, const MipSolution& solution) {
  Formation out;
  std::vector<bool> used(m.pool.size(), false);
  for (size_t a = 0; a < input.areas.size(); ++a) {
    FormedTeam team;
    team.area = input.areas[a].code;
    team.workload = AreaWorkload(input.areas[a], input.rules);
    std::vector<std::string> members;
    for (size_t i = 0; i < m.pool.size(); ++i) {
      if (m.x[i][a] < 0 || solution.values[m.x[i][a]] < 0.5) continue;
      used[i] = true;
      if (m.y[i][a] >= 0 && solution.values[m.y[i][a]] > 0.5) {
        team.leader = m.pool[i]->code;
      } else {
        members.push_back(m.pool[i]->code);
      }
    }
    std::sort(members.begin(), members.end());
    team.members.push_back(team.leader);
    team.members.insert(team.members.end(), members.begin(), members.end());
    team.workload_per_member = team.workload / static_cast<double>(team.members.size());
    out.max_workload_per_member = std::max(out.max_workload_per_member, team.workload_per_member);
    out.sum_workload_per_member += team.workload_per_member;
    out.teams.push_back(std::move(team));
  }
  for (size_t i = 0; i < m.pool.size(); ++i) {
    if (!used[i]) out.unassigned.push_back(m.pool[i]->code);
  }
  std::sort(out.unassigned.begin(), out.unassigned.end());
  return out;
}

}  // namespace

Result<Formation> FormTeams(const FormationInput& input) {
  if (Status s = CheckInputForFormation(input); !s.ok()) return s;
  Formation out;
  out.violations = CheckNecessaryConditions(input);
  if (!out.violations.empty()) return out;

  Model first = Build(input, Mode::kMinMax, 0);
  MipSolution minmax = SolveMip(first.problem);
  if (minmax.outcome == MipOutcome::kInfeasible) {
    out.violations = Elastic(input);
    return out;
  }
  if (minmax.values.empty()) {
    return Status::Unavailable(
        fmt::format("the optimiser found no plan within {} s and could not prove there is none",
                    input.rules.time_limit_seconds));
  }
  const Formation first_plan = Read(input, first, minmax);
  Model second = Build(input, Mode::kMinSum, first_plan.max_workload_per_member);
  MipSolution minsum = SolveMip(second.problem);
  if (minsum.values.empty()) {
    // The first plan meets the bound itself, so this happens only on a time limit.
    out = first_plan;
    out.proven_optimal = false;
    return out;
  }
  out = Read(input, second, minsum);
  out.proven_optimal =
      minmax.outcome == MipOutcome::kOptimal && minsum.outcome == MipOutcome::kOptimal;
  return out;
}

}  // namespace outbreak::guidance
