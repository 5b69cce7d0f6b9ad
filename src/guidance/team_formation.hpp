#pragma once
// Forming the guidance teams and allocating their areas, as one optimisation (docs/guidance.md
// writes the model out).
//
// Every area (a province, or a configured group of provinces) gets exactly one team. Each team:
//   - is led by one member of the Presidium or one secretary (MayLead), a member of the team;
//   - has at least `min_department_officials` department officials;
//   - has, for every field of expertise its area needs, a member with that expertise;
//   - has from `min_size` to `max_size` members, the leader included;
//   - has no member whose home province is one of its area's provinces;
//   - holds every official pinned to its area; excluded and unavailable officials are in no team;
// and every official is in at most one team.
//
// Objective, lexicographic: (1) the smallest possible largest workload per member over the areas,
// workload(a) / size(a); then (2) among the plans that reach it, the smallest sum over the areas of
// workload(a) / size(a), which sends the remaining officials where they lighten a team's load the
// most. An area's workload is
//   population_weight × population / 100,000 + county_weight × counties
//   + open_finding_weight × open findings.
//
// Solved by COIN-OR CBC in two runs (mip_solver.hpp). When the rules cannot all be met, the result
// says which rule fails for which area: first by checking necessary conditions per area (a leader,
// the needed expertise, department officials and enough members who may go there, and that the
// leaders can be matched to the areas one each), then, when each area passes on its own but not
// all together, by solving again with a slack variable on every per-area rule and reporting the
// rules whose slack the smallest relaxation uses.
//
// Pure: takes values and returns values; no clock, no I/O.

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "guidance/official.hpp"

namespace outbreak::guidance {

struct Area {
  std::string code;                    // the province's code, or the group's name
  std::string name;                    // for people
  std::vector<std::string> provinces;  // the province codes it covers (one for a province)
  int64_t population = 0;
  int64_t counties = 0;            // cities, counties and districts
  int64_t open_findings = 0;       // findings still open in its provinces
  std::vector<std::string> needs;  // expertise every team here must include (sorted)
};

struct TeamRules {
  int min_size = 3;  // members, the leader included
  int max_size = 6;
  int min_department_officials = 1;  // department officials of the Central Committee
  double population_weight = 1.0;    // workload points per 100,000 people
  double county_weight = 1.0;        // points per city, county or district
  double open_finding_weight = 2.0;  // points per open finding
  double time_limit_seconds = 30;    // per solver run
};

struct Pin {
  std::string official;
  std::string area;
};

struct FormationInput {
  std::vector<Official> officials;  // the roster (unavailable officials are left out)
  std::vector<Area> areas;
  std::vector<Pin> pins;              // official -> area, kept in the plan
  std::vector<std::string> excluded;  // officials left out of this plan
  TeamRules rules;
};

struct FormedTeam {
  std::string area;
  std::string leader;                // official code
  std::vector<std::string> members;  // official codes, the leader first, then by code
  double workload = 0;               // the area's workload points
  double workload_per_member = 0;
};

// A rule that cannot be met: which, for which area ("" for the whole plan), and why.
struct Violation {
  std::string rule;     // "leader", "department_officials", "expertise", "team_size", "pin",
                        // "home_province"
  std::string area;     // the area's code; several, comma-separated, when a set of areas shares
                        // too few leaders; "" for the whole plan
  std::string message;  // a sentence naming the area, the rule and the officials concerned
};

struct Formation {
  std::vector<FormedTeam> teams;        // one per area, in the input's order; empty when infeasible
  std::vector<std::string> unassigned;  // available, not excluded officials in no team
  double max_workload_per_member = 0;   // objective (1)
  double sum_workload_per_member = 0;   // objective (2)
  bool proven_optimal = false;          // false when a time limit stopped the search
  std::vector<Violation> violations;    // non-empty exactly when no plan meets every rule
};

double AreaWorkload(const Area& area, const TeamRules& rules);

// Checks the input first (kInvalidArgument, every problem at once: unknown officials or areas in
// pins and exclusions, sizes out of order, an area twice, unknown needs); then forms the teams.
// kUnavailable when the solver finds no plan within its time and cannot prove there is none.
Result<Formation> FormTeams(const FormationInput& input);

// The input errors FormTeams refuses (kInvalidArgument with every problem), or OK.
Status CheckInputForFormation(const FormationInput& input);

// The necessary conditions only (no solver): the violations found, empty when none.
std::vector<Violation> CheckNecessaryConditions(const FormationInput& input);

}  // namespace outbreak::guidance
