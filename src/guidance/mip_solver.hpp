#pragma once
// A small mixed-integer programme and its solution by COIN-OR CBC (over CLP). The COIN headers stay
// in mip_solver.cpp; callers build the programme as plain values.
//
// Minimises the sum of cost × value over the columns, subject to lb <= row · values <= ub for every
// row and the columns' bounds; integer columns take whole values. Deterministic for the same
// programme. Thread-safe: each call builds its own solver.

#include <limits>
#include <vector>

namespace outbreak::guidance {

inline constexpr double kMipInfinity = std::numeric_limits<double>::infinity();

struct MipColumn {
  double lb = 0;
  double ub = 1;
  double cost = 0;
  bool integer = true;
};

struct MipRow {
  std::vector<int> columns;
  std::vector<double> coefficients;
  double lb = -kMipInfinity;
  double ub = kMipInfinity;
};

struct MipProblem {
  std::vector<MipColumn> columns;
  std::vector<MipRow> rows;
  double time_limit_seconds = 60;  // CBC stops here with the best solution found, if any
};

enum class MipOutcome {
  kOptimal,     // proven optimal
  kFeasible,    // a solution, stopped by the time limit before optimality was proven
  kInfeasible,  // proven to have no solution
  kUnknown,     // stopped by the time limit without a solution
};

struct MipSolution {
  MipOutcome outcome = MipOutcome::kUnknown;
  std::vector<double> values;  // one per column when there is a solution
  double objective = 0;
};

MipSolution SolveMip(const MipProblem& problem);

}  // namespace outbreak::guidance
