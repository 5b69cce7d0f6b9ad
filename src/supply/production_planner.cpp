#include "supply/production_planner.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include <fmt/format.h>
#include <ClpSimplex.hpp>
#include <CoinPackedMatrix.hpp>

namespace outbreak::supply {

namespace {

Status Check(const ProductionProblem& p) {
  std::vector<std::string> errors;
  const size_t medicines = p.medicines.size();
  if (p.horizon_days < 1 || p.horizon_days > 365) {
    errors.push_back(fmt::format("horizon_days: {} is not within 1 … 365", p.horizon_days));
  }
  for (const ProductionFactory& f : p.factories) {
    if (f.daily_capacity_units.size() != medicines) {
      errors.push_back(fmt::format("factory {}: {} capacities for {} medicines", f.code,
                                   f.daily_capacity_units.size(), medicines));
      continue;
    }
    for (size_t m = 0; m < medicines; ++m) {
      if (f.daily_capacity_units[m] < 0) {
        errors.push_back(fmt::format("factory {}: daily capacity of {} is negative", f.code,
                                     p.medicines[m].code));
      }
    }
  }
  for (const ProductionMedicine& m : p.medicines) {
    if (static_cast<int>(m.forecast_demand_units.size()) != p.horizon_days) {
      errors.push_back(fmt::format("medicine {}: {} days of forecast for a horizon of {}", m.code,
                                   m.forecast_demand_units.size(), p.horizon_days));
    }
    if (std::any_of(m.forecast_demand_units.begin(), m.forecast_demand_units.end(),
                    [](int64_t q) { return q < 0; })) {
      errors.push_back(fmt::format("medicine {}: a forecast demand is negative", m.code));
    }
    if (m.national_stock_units < 0 || m.reserve_target_units < 0) {
      errors.push_back(fmt::format("medicine {}: stock or reserve target is negative", m.code));
    }
    if (!(m.target_cover_days >= 0)) {
      errors.push_back(fmt::format("medicine {}: target_cover_days is negative", m.code));
    }
  }
  if (!(p.lp_tolerance >= 0 && p.lp_tolerance <= 1e-3)) {
    errors.push_back("lp_tolerance is not within 0 … 1e-3");
  }
  if (errors.empty()) return Status::Ok();
  std::string message = fmt::format("production problem: {} error(s)", errors.size());
  return Status::InvalidArgument(std::move(message), std::move(errors));
}

}  // namespace

Result<ProductionPlan> PlanProduction(const ProductionProblem& problem) {
  if (Status s = Check(problem); !s.ok()) return s;
  const int days = problem.horizon_days;
  const int factories = static_cast<int>(problem.factories.size());
  const int medicines = static_cast<int>(problem.medicines.size());
  ProductionPlan plan;
  std::vector<int64_t> required(medicines, 0);
  for (int m = 0; m < medicines; ++m) {
    const ProductionMedicine& med = problem.medicines[m];
    MedicineProduction& out = plan.medicines.emplace_back();
    out.medicine = m;
    for (int64_t q : med.forecast_demand_units) out.demand_units += q;
    out.reserve_gap_units =
        std::max<int64_t>(0, med.reserve_target_units -
                                 std::max<int64_t>(0, med.national_stock_units - out.demand_units));
    // The stock wanted at the end: the reserve's target, and for an essential medicine its
    // target cover of the mean daily demand, whichever is more. Capacity that could close a
    // cover gap is then never left idle.
    const double mean_demand = static_cast<double>(out.demand_units) / days;
    const int64_t cover_target =
        med.essential ? static_cast<int64_t>(std::ceil(med.target_cover_days * mean_demand - 1e-9))
                      : 0;
    const int64_t wanted_end = std::max(med.reserve_target_units, cover_target);
    required[m] = std::max<int64_t>(0, out.demand_units + wanted_end - med.national_stock_units);
    out.required_units = required[m];
    for (const ProductionFactory& f : problem.factories)
      out.capacity_units += f.daily_capacity_units[m] * days;
    out.target_cover_days = med.target_cover_days;
  }

  // Columns: p(f, m, d), then gap(m), shortfall(m, d), then z (the greatest utilisation).
  auto p_col = [&](int f, int m, int d) { return (f * medicines + m) * days + d; };
  const int gap0 = factories * medicines * days;
  const int short0 = gap0 + medicines;
  const int z_col = short0 + medicines * days;
  const int columns = z_col + 1;
  std::vector<double> col_lower(columns, 0), col_upper(columns, COIN_DBL_MAX);
  for (int f = 0; f < factories; ++f) {
    for (int m = 0; m < medicines; ++m) {
      for (int d = 0; d < days; ++d) {
        col_upper[p_col(f, m, d)] =
            static_cast<double>(problem.factories[f].daily_capacity_units[m]);
      }
    }
  }
  std::vector<int> row_idx, col_idx;
  std::vector<double> element, row_lower, row_upper;
  auto put = [&](int row, int col, double v) {
    row_idx.push_back(row);
    col_idx.push_back(col);
    element.push_back(v);
  };
  auto add_row = [&](double lo, double hi) {
    row_lower.push_back(lo);
    row_upper.push_back(hi);
    return static_cast<int>(row_lower.size()) - 1;
  };
  for (int m = 0; m < medicines; ++m) {
    // Σ p + gap ≥ required.
    const int total = add_row(static_cast<double>(required[m]), COIN_DBL_MAX);
    for (int f = 0; f < factories; ++f) {
      for (int d = 0; d < days; ++d) put(total, p_col(f, m, d), 1);
    }
    put(total, gap0 + m, 1);
    // stock + Σ_{d' ≤ d} p + shortfall(d) ≥ cumulative demand(d).
    int64_t cumulative = 0;
    for (int d = 0; d < days; ++d) {
      cumulative += problem.medicines[m].forecast_demand_units[d];
      const int row =
          add_row(static_cast<double>(cumulative - problem.medicines[m].national_stock_units),
                  COIN_DBL_MAX);
      for (int f = 0; f < factories; ++f) {
        for (int day_idx = 0; day_idx <= d; ++day_idx) put(row, p_col(f, m, day_idx), 1);
      }
      put(row, short0 + m * days + d, 1);
    }
  }
  // Σ production of f ≤ z × its capacity over the horizon.
  std::vector<int64_t> factory_capacity(factories, 0);
  for (int f = 0; f < factories; ++f) {
    for (int m = 0; m < medicines; ++m)
      factory_capacity[f] += problem.factories[f].daily_capacity_units[m] * days;
    if (factory_capacity[f] == 0) continue;
    const int row = add_row(-COIN_DBL_MAX, 0);
    for (int m = 0; m < medicines; ++m) {
      for (int d = 0; d < days; ++d) put(row, p_col(f, m, d), 1);
    }
    put(row, z_col, -static_cast<double>(factory_capacity[f]));
  }
  CoinPackedMatrix matrix(true, row_idx.data(), col_idx.data(), element.data(),
                          static_cast<CoinBigIndex>(element.size()));
  matrix.setDimensions(static_cast<int>(row_lower.size()), columns);
  std::vector<double> objective(columns, 0);
  ClpSimplex lp;
  lp.setLogLevel(0);
  lp.loadProblem(matrix, col_lower.data(), col_upper.data(), objective.data(), row_lower.data(),
                 row_upper.data());

  // The levels: each a set of columns with unit cost.
  std::vector<std::vector<int>> levels(4);
  for (int m = 0; m < medicines; ++m) levels[0].push_back(gap0 + m);
  for (int k = 0; k < medicines * days; ++k) levels[1].push_back(short0 + k);
  for (int k = 0; k < gap0; ++k) levels[2].push_back(k);
  levels[3].push_back(z_col);
  for (size_t level_idx = 0; level_idx < levels.size(); ++level_idx) {
    const std::vector<int>& cols = levels[level_idx];
    if (cols.empty()) continue;
    for (int c : cols) lp.setObjectiveCoefficient(c, 1);
    if (level_idx == 0) {
      lp.dual();
    } else {
      lp.primal();
    }
    if (lp.status() != 0)
      return Status::Internal("production plan: the LP was not solved to optimality");
    const double best = lp.objectiveValue();
    std::vector<double> ones(cols.size(), 1);
    lp.addRow(static_cast<int>(cols.size()), cols.data(), ones.data(), -COIN_DBL_MAX,
              best + problem.lp_tolerance * std::max(1.0, std::abs(best)));
    for (int c : cols) lp.setObjectiveCoefficient(c, 0);
  }
  const double* x = lp.primalColumnSolution();

  // Whole units: each (medicine, day) total rounded, split by largest remainders.
  std::vector<int64_t> factory_units(factories, 0);
  // units[m][d][f]
  std::vector<std::vector<std::vector<int64_t>>> whole_units(
      medicines, std::vector<std::vector<int64_t>>(days, std::vector<int64_t>(factories, 0)));
  for (int m = 0; m < medicines; ++m) {
    for (int d = 0; d < days; ++d) {
      double sum = 0;
      std::vector<std::pair<double, int>> remainders;
      std::vector<int64_t>& units = whole_units[m][d];
      int64_t whole = 0;
      for (int f = 0; f < factories; ++f) {
        const double v = std::max(0.0, x[p_col(f, m, d)]);
        sum += v;
        units[f] = static_cast<int64_t>(std::floor(v + 1e-9));
        whole += units[f];
        if (units[f] < problem.factories[f].daily_capacity_units[m])
          remainders.push_back({v - units[f], f});
      }
      int64_t left = std::llround(sum) - whole;
      std::sort(remainders.begin(), remainders.end(), std::greater<>());
      for (const auto& [fraction, f] : remainders) {
        if (left <= 0) break;
        ++units[f];
        --left;
      }
    }
    // The LP's tolerance may leave a few units of capacity unused beside a gap; rounding may too.
    // Top them up, earliest day first: the gap only shrinks and no day is covered later.
    int64_t planned = 0;
    for (int d = 0; d < days; ++d) {
      for (int f = 0; f < factories; ++f) planned += whole_units[m][d][f];
    }
    for (int d = 0; d < days && planned < required[m]; ++d) {
      for (int f = 0; f < factories && planned < required[m]; ++f) {
        int64_t& units = whole_units[m][d][f];
        const int64_t more =
            std::min(problem.factories[f].daily_capacity_units[m] - units, required[m] - planned);
        if (more <= 0) continue;
        units += more;
        planned += more;
      }
    }
    // Rounding each day to the nearest unit may also pass what is required by a unit or two:
    // taken back from the last days, where the end stock is above what is wanted.
    for (int d = days - 1; d >= 0 && planned > required[m]; --d) {
      for (int f = factories - 1; f >= 0 && planned > required[m]; --f) {
        int64_t& units = whole_units[m][d][f];
        const int64_t less = std::min(units, planned - required[m]);
        units -= less;
        planned -= less;
      }
    }
    for (int d = 0; d < days; ++d) {
      for (int f = 0; f < factories; ++f) {
        const int64_t units = whole_units[m][d][f];
        if (units <= 0) continue;
        plan.runs.push_back({f, m, d, units});
        factory_units[f] += units;
      }
    }
  }
  std::sort(plan.runs.begin(), plan.runs.end(), [](const ProductionRun& a, const ProductionRun& b) {
    return std::tie(a.factory, a.medicine, a.day) < std::tie(b.factory, b.medicine, b.day);
  });
  for (int f = 0; f < factories; ++f) {
    if (factory_capacity[f] > 0) {
      plan.max_factory_utilisation =
          std::max(plan.max_factory_utilisation, static_cast<double>(factory_units[f]) /
                                                     static_cast<double>(factory_capacity[f]));
    }
  }
  // The figures of the whole-unit plan.
  std::vector<std::vector<int64_t>> made(medicines, std::vector<int64_t>(days, 0));
  for (const ProductionRun& run : plan.runs) made[run.medicine][run.day] += run.units;
  for (int m = 0; m < medicines; ++m) {
    const ProductionMedicine& med = problem.medicines[m];
    MedicineProduction& out = plan.medicines[m];
    int64_t stock = med.national_stock_units;
    for (int d = 0; d < days; ++d) {
      out.planned_units += made[m][d];
      stock += made[m][d] - med.forecast_demand_units[d];
      out.shortfall_unit_days += std::max<int64_t>(0, -stock);
    }
    out.capacity_gap_units = std::max<int64_t>(0, out.required_units - out.planned_units);
    out.end_stock_units = stock;
    out.mean_daily_demand_units = static_cast<double>(out.demand_units) / days;
    if (out.demand_units > 0) {
      out.cover_days = static_cast<double>(stock) / out.mean_daily_demand_units;
      // Compared in whole units, as required was: a cover of 12.999… days from rounding is 13.
      const int64_t target_units = static_cast<int64_t>(
          std::ceil(med.target_cover_days * out.mean_daily_demand_units - 1e-9));
      if (med.essential && stock < target_units) {
        out.variety_gap = true;
        out.cover_gap_days = med.target_cover_days - out.cover_days;
        out.cover_gap_units = target_units - stock;
        plan.variety_gap.push_back(m);
      }
    }
  }
  return plan;
}

}  // namespace outbreak::supply
