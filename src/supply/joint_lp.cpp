#include "supply/joint_lp.hpp"

#include <algorithm>
#include <cmath>

#include <ClpSimplex.hpp>
#include <CoinPackedMatrix.hpp>

namespace outbreak::supply::detail {

namespace {

// Arcs that can carry nothing (upper bound 0: unreachable stock, folded nodes) are left out.
bool InLp(const FlowNetwork& net, int arc) {
  return net.kind[arc] != ArcKind::kSource && net.kind[arc] != ArcKind::kSink && net.upper[arc] > 0;
}

struct Model {
  std::vector<int> row_index, column_index;
  std::vector<double> element;
  std::vector<double> column_lower, column_upper;
  std::vector<double> row_lower, row_upper;
  std::vector<std::vector<int>> column_of;  // per network, per arc; -1 when not in the LP
  int lambda_column = -1;

  int AddRow(double lower, double upper) {
    row_lower.push_back(lower);
    row_upper.push_back(upper);
    return static_cast<int>(row_lower.size()) - 1;
  }
  void Put(int row, int column, double value) {
    row_index.push_back(row);
    column_index.push_back(column);
    element.push_back(value);
  }
};

Model Build(const std::vector<const FlowNetwork*>& nets, const std::vector<int64_t>& capacity) {
  Model m;
  for (const FlowNetwork* net : nets) {
    std::vector<int>& columns = m.column_of.emplace_back(net->arcs(), -1);
    for (int a = 0; a < net->arcs(); ++a) {
      if (!InLp(*net, a)) continue;
      columns[a] = static_cast<int>(m.column_lower.size());
      m.column_lower.push_back(static_cast<double>(net->lower[a]));
      m.column_upper.push_back(static_cast<double>(net->upper[a]));
    }
  }
  m.lambda_column = static_cast<int>(m.column_lower.size());
  m.column_lower.push_back(0);
  m.column_upper.push_back(1);

  for (size_t net_idx = 0; net_idx < nets.size(); ++net_idx) {
    const FlowNetwork& net = *nets[net_idx];
    const std::vector<int>& columns = m.column_of[net_idx];
    // Flow conservation: out − in = supply, for every vertex but S and T.
    std::vector<bool> touched(net.vertices, false);
    for (int a = 0; a < net.arcs(); ++a) {
      if (columns[a] >= 0) touched[net.tail[a]] = touched[net.head[a]] = true;
    }
    std::vector<int> row_of(net.vertices, -1);
    for (int v = 0; v < net.vertices; ++v) {
      if (v == net.source || v == net.sink) continue;
      if (!touched[v] && net.vertex_supply[v] == 0) continue;
      const double supply = static_cast<double>(net.vertex_supply[v]);
      row_of[v] = m.AddRow(supply, supply);
    }
    for (int a = 0; a < net.arcs(); ++a) {
      if (columns[a] < 0) continue;
      m.Put(row_of[net.tail[a]], columns[a], 1);
      m.Put(row_of[net.head[a]], columns[a], -1);
    }
    // met(n) − need(n) × λ ≥ 0.
    for (const NeedNode& need : net.needs) {
      const int row = m.AddRow(0, COIN_DBL_MAX);
      m.Put(row, columns[need.met_out_arc], 1);
      m.Put(row, m.lambda_column, -static_cast<double>(need.need));
    }
  }
  // The shared capacities.
  const int shared_arcs = nets.front()->shared_arcs;
  for (int a = 0; a < shared_arcs; ++a) {
    if (capacity[a] < 0) continue;
    const int row = m.AddRow(-COIN_DBL_MAX, static_cast<double>(capacity[a]));
    for (size_t net_idx = 0; net_idx < nets.size(); ++net_idx) {
      if (m.column_of[net_idx][a] >= 0) m.Put(row, m.column_of[net_idx][a], 1);
    }
  }
  return m;
}

bool Optimal(ClpSimplex& lp) { return lp.status() == 0; }

}  // namespace

int64_t JointLpColumns(const std::vector<const FlowNetwork*>& nets) {
  int64_t columns = 1;
  for (const FlowNetwork* net : nets) {
    for (int a = 0; a < net->arcs(); ++a) columns += InLp(*net, a) ? 1 : 0;
  }
  return columns;
}

JointLpResult SolveJointLp(const std::vector<const FlowNetwork*>& nets,
                           const std::vector<int64_t>& capacity, double tolerance) {
  JointLpResult out;
  if (nets.empty()) return out;
  Model m = Build(nets, capacity);
  const int columns = static_cast<int>(m.column_lower.size());
  const int rows = static_cast<int>(m.row_lower.size());
  out.columns = columns;
  CoinPackedMatrix matrix(true, m.row_index.data(), m.column_index.data(), m.element.data(),
                          static_cast<CoinBigIndex>(m.element.size()));
  matrix.setDimensions(rows, columns);
  std::vector<double> objective(columns, 0);
  objective[m.lambda_column] = -1;  // maximise λ

  ClpSimplex lp;
  lp.setLogLevel(0);
  lp.loadProblem(matrix, m.column_lower.data(), m.column_upper.data(), objective.data(),
                 m.row_lower.data(), m.row_upper.data());
  lp.setOptimizationDirection(1);
  lp.initialSolve();  // presolve, then the dual simplex
  if (!Optimal(lp)) return out;
  out.lambda = lp.primalColumnSolution()[m.lambda_column];
  lp.setColumnLower(m.lambda_column, std::max(0.0, out.lambda * (1 - tolerance) - tolerance));
  lp.setObjectiveCoefficient(m.lambda_column, 0);

  constexpr Level kLevels[] = {Level::kLateness, Level::kCover, Level::kTransport, Level::kHolding};
  for (size_t level_idx = 0; level_idx < std::size(kLevels); ++level_idx) {
    const Level level = kLevels[level_idx];
    std::vector<int> row_columns;
    std::vector<double> row_costs;
    for (size_t net_idx = 0; net_idx < nets.size(); ++net_idx) {
      const FlowNetwork& net = *nets[net_idx];
      for (int a = 0; a < net.arcs(); ++a) {
        const int column = m.column_of[net_idx][a];
        if (column < 0) continue;
        const double cost = static_cast<double>(net.Cost(a, level));
        lp.setObjectiveCoefficient(column, cost);
        if (cost != 0) {
          row_columns.push_back(column);
          row_costs.push_back(cost);
        }
      }
    }
    if (row_columns.empty()) continue;
    lp.primal();  // warm: the previous optimum is feasible and its basis is kept
    if (!Optimal(lp)) return out;
    const double best = lp.objectiveValue();
    if (level == Level::kLateness) out.lateness_cost = best;
    if (level_idx + 1 < std::size(kLevels)) {
      lp.addRow(static_cast<int>(row_columns.size()), row_columns.data(), row_costs.data(),
                -COIN_DBL_MAX, best + tolerance * std::max(1.0, std::abs(best)));
      for (int column : row_columns) lp.setObjectiveCoefficient(column, 0);
    }
  }
  const double* solution = lp.primalColumnSolution();
  for (size_t net_idx = 0; net_idx < nets.size(); ++net_idx) {
    std::vector<double>& flows = out.shared_flow.emplace_back(nets[net_idx]->shared_arcs, 0);
    for (int a = 0; a < nets[net_idx]->shared_arcs; ++a) {
      const int column = m.column_of[net_idx][a];
      if (column >= 0) flows[a] = solution[column];
    }
  }
  out.ok = true;
  return out;
}

}  // namespace outbreak::supply::detail
