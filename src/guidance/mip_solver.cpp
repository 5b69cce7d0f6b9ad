#include "guidance/mip_solver.hpp"

#include <cmath>

#include <CbcModel.hpp>
#include <CglClique.hpp>
#include <CglGomory.hpp>
#include <CglKnapsackCover.hpp>
#include <CglProbing.hpp>
#include <CoinPackedMatrix.hpp>
#include <CoinPackedVector.hpp>
#include <OsiClpSolverInterface.hpp>

namespace outbreak::guidance {

namespace {

double CoinBound(double value, double infinity) {
  if (std::isinf(value)) return value > 0 ? infinity : -infinity;
  return value;
}

}  // namespace

MipSolution SolveMip(const MipProblem& problem) {
  const int columns = static_cast<int>(problem.columns.size());
  OsiClpSolverInterface solver;
  const double infinity = solver.getInfinity();
  CoinPackedMatrix matrix(false, 0, 0);
  matrix.setDimensions(0, columns);
  std::vector<double> row_lb;
  std::vector<double> row_ub;
  for (const MipRow& row : problem.rows) {
    matrix.appendRow(CoinPackedVector(static_cast<int>(row.columns.size()), row.columns.data(),
                                      row.coefficients.data()));
    row_lb.push_back(CoinBound(row.lb, infinity));
    row_ub.push_back(CoinBound(row.ub, infinity));
  }
  std::vector<double> col_lb;
  std::vector<double> col_ub;
  std::vector<double> cost;
  for (const MipColumn& column : problem.columns) {
    col_lb.push_back(CoinBound(column.lb, infinity));
    col_ub.push_back(CoinBound(column.ub, infinity));
    cost.push_back(column.cost);
  }
  solver.loadProblem(matrix, col_lb.data(), col_ub.data(), cost.data(), row_lb.data(),
                     row_ub.data());
  for (int col = 0; col < columns; ++col) {
    if (problem.columns[col].integer) solver.setInteger(col);
  }
  solver.messageHandler()->setLogLevel(0);
  solver.setHintParam(OsiDoReducePrint, true, OsiHintTry);

  CbcModel model(solver);
  model.setLogLevel(0);
  model.messageHandler()->setLogLevel(0);
  model.setMaximumSeconds(problem.time_limit_seconds);
  // The cut generators of CBC's own default strategy that help assignment and cover models.
  CglProbing probing;
  probing.setUsingObjective(true);
  probing.setMaxPass(3);
  probing.setMaxProbe(100);
  probing.setMaxLook(50);
  probing.setRowCuts(3);
  CglGomory gomory;
  gomory.setLimit(300);
  CglKnapsackCover knapsack;
  CglClique clique;
  clique.setStarCliqueReport(false);
  clique.setRowCliqueReport(false);
  model.addCutGenerator(&probing, -1, "Probing");
  model.addCutGenerator(&gomory, -1, "Gomory");
  model.addCutGenerator(&knapsack, -1, "Knapsack");
  model.addCutGenerator(&clique, -1, "Clique");
  model.initialSolve();
  MipSolution out;
  if (model.isProvenInfeasible() || model.solver()->isProvenPrimalInfeasible()) {
    out.outcome = MipOutcome::kInfeasible;
    return out;
  }
  model.branchAndBound();
  const double* best = model.bestSolution();
  if (best == nullptr) {
    out.outcome = model.isProvenInfeasible() ? MipOutcome::kInfeasible : MipOutcome::kUnknown;
    return out;
  }
  out.outcome = model.isProvenOptimal() ? MipOutcome::kOptimal : MipOutcome::kFeasible;
  out.values.assign(best, best + columns);
  for (int col = 0; col < columns; ++col) {
    if (problem.columns[col].integer) out.values[col] = std::round(out.values[col]);
  }
  out.objective = model.getObjValue();
  return out;
}

}  // namespace outbreak::guidance
