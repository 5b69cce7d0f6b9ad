#pragma once
// An independent statement of the rules of team_formation.hpp, for the tests: it reads a plan and
// lists every rule the plan breaks, without sharing code with the solver's model.

#include <cstdint>
#include <string>
#include <vector>

#include "guidance/team_formation.hpp"

namespace outbreak::guidance::testing {

// One line per broken rule; empty when the plan keeps every rule.
std::vector<std::string> BrokenRules(const FormationInput& input, const Formation& plan);

// The lexicographic objective of a plan computed from its teams: {max, sum} of workload per member.
std::pair<double, double> Objective(const FormationInput& input, const Formation& plan);

// A random roster and areas from a seed: `areas` provinces P01.. (one area each) plus one province
// with no area, `officials` officials of random position, expertise, home and availability, random
// needs (agriculture, public_health) and sizes from 2 to `max_size`.
FormationInput GenerateInput(uint32_t seed, int areas, int officials, int max_size);

}  // namespace outbreak::guidance::testing
