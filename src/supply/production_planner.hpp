#pragma once
// The production planner: how much of each medicine each factory makes on each day so that the
// forecast national demand is covered on time and the national reserve reaches its target, and
// what capacity cannot cover. Pure: values in, values out.
//
// Model, per medicine m (quantities in whole units, days 0 … H-1):
//   wanted_end(m) = max(reserve_target(m), ⌈target_cover_days(m) × mean daily demand(m)⌉ for an
//                  essential medicine, else 0): the stock wanted when the horizon ends
//   required(m)  = max(0, Σ_d demand(m, d) + wanted_end(m) − national_stock(m))
//   reserve gap  = the part of reserve_target(m) the stock left after the demand does not hold:
//                  max(0, reserve_target − max(0, national_stock − Σ_d demand))
//   p(f, m, d)   ∈ [0, daily capacity of factory f for m]
//   capacity gap(m) = required(m) − what capacity lets the plan make towards it (≥ 0)
//   shortfall(m, d) = max(0, cumulative demand to d − stock − cumulative production to d)
//
// Objective, lexicographic, one LP (CLP) solved level by level, each optimum added as a row
// (within `lp_tolerance`) before the next:
//   1. the least Σ capacity gap (units);
//   2. the least Σ_d shortfall (unit-days: demand covered as early as capacity allows);
//   3. the least Σ production (no production beyond what is required);
//   4. the smallest greatest factory utilisation (Σ its production / Σ its capacity over the
//      horizon): load is balanced between factories rather than piled on the first.
// Medicines do not compete for capacity (capacity is per factory × medicine), so levels 1–3 are
// each medicine's own optimum; level 4 spreads each medicine over the factories. The LP's
// production is fractional where level 4 splits it: each (medicine, day) total is rounded to the
// nearest unit and split by largest remainders, never above a factory's capacity; every figure of
// the result is computed from the whole-unit plan.
//
// Variety gap: essential-list medicines whose cover after the plan, end stock / mean daily
// forecast demand (days), stays below their target cover; with the days and units missing. As the
// target cover is part of what is required, a medicine shows a variety gap only when every
// factory that makes it is at its capacity for it: no capacity is left idle beside a gap.

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.hpp"

namespace outbreak::supply {

struct ProductionFactory {
  std::string code;
  std::vector<int64_t> daily_capacity_units;  // per medicine (ProductionProblem::medicines order)
};

struct ProductionMedicine {
  std::string code;
  bool essential = false;
  int64_t national_stock_units = 0;
  std::vector<int64_t> forecast_demand_units;  // per day, horizon_days entries
  int64_t reserve_target_units = 0;
  double target_cover_days = 0;  // wanted end stock / mean daily demand; essential medicines
};

struct ProductionProblem {
  int horizon_days = 14;  // 1 … 365
  std::vector<ProductionFactory> factories;
  std::vector<ProductionMedicine> medicines;
  double lp_tolerance = 1e-7;  // relative slack when a level's optimum becomes a constraint
};

struct ProductionRun {
  int factory = 0;
  int medicine = 0;
  int day = 0;
  int64_t units = 0;
};

struct MedicineProduction {
  int medicine = 0;
  int64_t demand_units = 0;       // Σ forecast over the horizon
  int64_t reserve_gap_units = 0;  // see the model
  int64_t required_units = 0;
  int64_t capacity_units = 0;  // Σ factories' capacity over the horizon
  int64_t planned_units = 0;
  int64_t capacity_gap_units = 0;  // max(0, required − planned)
  int64_t shortfall_unit_days = 0;
  int64_t end_stock_units = 0;  // stock + planned − demand (negative: demand not covered)
  double mean_daily_demand_units = 0;
  double cover_days = -1;  // end stock / mean daily demand; -1 when there is no demand
  double target_cover_days = 0;
  bool variety_gap = false;  // essential and cover_days < target_cover_days
  double cover_gap_days = 0;
  int64_t cover_gap_units = 0;
};

struct ProductionPlan {
  std::vector<ProductionRun> runs;            // by factory, medicine, day; units > 0 only
  std::vector<MedicineProduction> medicines;  // in input order
  std::vector<int> variety_gap;               // medicine indices with variety_gap, in input order
  double max_factory_utilisation = 0;         // of the whole-unit plan, 0 … 1
};

// kInvalidArgument (every mistake listed) for sizes that do not match, negative quantities or a
// horizon outside 1 … 365; kInternal if the LP solver fails.
Result<ProductionPlan> PlanProduction(const ProductionProblem& problem);

}  // namespace outbreak::supply
