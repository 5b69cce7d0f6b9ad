#include "surveillance/demo_derivation.hpp"

#include <algorithm>
#include <numeric>
#include <span>
#include <utility>

#include <fmt/format.h>

#include "core/csv_reader.hpp"
#include "core/csv_rows.hpp"
#include "surveillance/apportion.hpp"

namespace outbreak::surveillance {

namespace {

constexpr const char* kOpeningNote = "since late April";

// One region's whole series: its opening balance and one value per national day.
struct Flow {
  int64_t open_fever = 0;
  int64_t open_recovered = 0;
  int64_t open_deaths = 0;
  std::vector<int64_t> fever, recovered, deaths, under_treatment;
};

std::vector<double> AsWeights(std::span<const int64_t> values) {
  return std::vector<double>(values.begin(), values.end());
}

// Weights that sum to one; equal when `weights` sum to zero.
std::vector<double> Normalised(std::vector<double> weights) {
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  for (double& weight : weights) weight = sum > 0 ? weight / sum : 1.0 / weights.size();
  return weights;
}

// Adds `residual` to the largest value, or takes it from the largest values in turn without
// going below zero. The caller guarantees sum(values) + residual >= 0.
void PlaceResidual(std::vector<int64_t>& values, int64_t residual) {
  std::vector<size_t> order(values.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return values[a] > values[b]; });
  if (residual >= 0) {
    values[order.front()] += residual;
    return;
  }
  for (size_t item_idx : order) {
    const int64_t taken = std::min(values[item_idx], -residual);
    values[item_idx] -= taken;
    residual += taken;
    if (residual == 0) return;
  }
}

// Splits `parent` among children with the given populations. `fever_by_day[day][child]` is the
// children's new fever when the caller has split it already; when empty it is split by population.
Result<std::vector<Flow>> SplitFlow(const Flow& parent, std::span<const double> population,
                                    const std::vector<std::vector<int64_t>>& fever_by_day) {
  const size_t child_count = population.size();
  const size_t day_count = parent.fever.size();
  std::vector<Flow> children(child_count);

  const std::vector<int64_t> open_fever = Apportion(parent.open_fever, population);
  Result<std::vector<int64_t>> open_recovered =
      ApportionCapped(parent.open_recovered, AsWeights(open_fever), open_fever);
  if (!open_recovered.ok()) return open_recovered.status();
  std::vector<int64_t> ut(child_count);  // under treatment at the close of the previous day
  for (size_t child = 0; child < child_count; ++child) {
    ut[child] = open_fever[child] - (*open_recovered)[child];
  }
  Result<std::vector<int64_t>> open_deaths = ApportionCapped(parent.open_deaths, AsWeights(ut), ut);
  if (!open_deaths.ok()) return open_deaths.status();
  for (size_t child = 0; child < child_count; ++child) {
    Flow& flow = children[child];
    flow.open_fever = open_fever[child];
    flow.open_recovered = (*open_recovered)[child];
    flow.open_deaths = (*open_deaths)[child];
    ut[child] -= flow.open_deaths;
    for (auto* series : {&flow.fever, &flow.recovered, &flow.deaths, &flow.under_treatment}) {
      series->reserve(day_count);
    }
  }

  for (size_t day = 0; day < day_count; ++day) {
    const std::vector<int64_t> fever =
        fever_by_day.empty() ? Apportion(parent.fever[day], population) : fever_by_day[day];
    std::vector<int64_t> available(child_count);
    for (size_t child = 0; child < child_count; ++child)
      available[child] = ut[child] + fever[child];
    Result<std::vector<int64_t>> recovered =
        ApportionCapped(parent.recovered[day], AsWeights(available), available);
    if (!recovered.ok()) return recovered.status();
    for (size_t child = 0; child < child_count; ++child) available[child] -= (*recovered)[child];
    Result<std::vector<int64_t>> deaths =
        ApportionCapped(parent.deaths[day], AsWeights(available), available);
    if (!deaths.ok()) return deaths.status();
    int64_t identity_sum = 0;
    for (size_t child = 0; child < child_count; ++child) {
      ut[child] = available[child] - (*deaths)[child];
      identity_sum += ut[child];
    }
    PlaceResidual(ut, parent.under_treatment[day] - identity_sum);
    for (size_t child = 0; child < child_count; ++child) {
      Flow& flow = children[child];
      flow.fever.push_back(fever[child]);
      flow.recovered.push_back((*recovered)[child]);
      flow.deaths.push_back((*deaths)[child]);
      flow.under_treatment.push_back(ut[child]);
    }
  }
  return children;
}

// The national series as a Flow, or every reason it cannot be split.
Result<Flow> NationalFlow(const std::vector<NationalDay>& national) {
  std::vector<std::string> errors;
  const NationalDay& first = national.front();
  Flow flow;
  flow.open_fever = first.cum_fever - first.new_fever;
  flow.open_recovered = first.cum_recovered - first.new_recovered.value_or(0);
  flow.open_deaths = first.cum_deaths - first.new_deaths.value_or(0);
  if (flow.open_fever < 0 || flow.open_recovered < 0 || flow.open_deaths < 0 ||
      flow.open_recovered + flow.open_deaths > flow.open_fever) {
    errors.push_back(fmt::format(
        "national {}: opening balance fever {}, recovered {}, deaths {} (cumulative less the "
        "day's figures) is not consistent",
        first.date.ToString(), flow.open_fever, flow.open_recovered, flow.open_deaths));
  }
  int64_t ut = flow.open_fever - flow.open_recovered - flow.open_deaths;
  for (size_t day = 0; day < national.size(); ++day) {
    const NationalDay& row = national[day];
    if (day > 0 && row.date != national[day - 1].date + 1) {
      errors.push_back(fmt::format("national {}: follows {}; the days must be consecutive",
                                   row.date.ToString(), national[day - 1].date.ToString()));
    }
    const int64_t recovered = row.new_recovered.value_or(0);
    const int64_t deaths = row.new_deaths.value_or(0);
    if (recovered + deaths > ut + row.new_fever) {
      errors.push_back(fmt::format(
          "national {}: {} recovered and {} deaths exceed the {} under treatment the day before "
          "plus {} new cases",
          row.date.ToString(), recovered, deaths, ut, row.new_fever));
    }
    flow.fever.push_back(row.new_fever);
    flow.recovered.push_back(recovered);
    flow.deaths.push_back(deaths);
    flow.under_treatment.push_back(row.under_treatment);
    ut = row.under_treatment;
  }
  if (!errors.empty()) {
    return Status::InvalidArgument(
        fmt::format("the national series cannot be split ({} error(s))", errors.size()),
        std::move(errors));
  }
  return flow;
}

// The provinces' broadcast new fever: [day][position among the root's children], empty where
// none was read out.
using BroadcastFever = std::vector<std::vector<std::optional<int64_t>>>;

Result<BroadcastFever> IndexBroadcastFever(const RegionTree& tree,
                                           const std::vector<NationalDay>& national,
                                           const std::vector<ProvinceDay>& provinces) {
  const std::span<const RegionIdx> provinces_of_root = tree.children(tree.root());
  const Date first_date = national.front().date;
  const size_t day_count = national.size();
  BroadcastFever fever(day_count, std::vector<std::optional<int64_t>>(provinces_of_root.size()));
  std::vector<std::vector<bool>> seen(day_count, std::vector<bool>(provinces_of_root.size()));
  std::vector<std::string> errors;
  for (const ProvinceDay& row : provinces) {
    const std::string where = fmt::format("provinces {} {}", row.date.ToString(), row.region);
    const std::optional<RegionIdx> region = tree.Find(row.region);
    const auto position =
        region ? std::find(provinces_of_root.begin(), provinces_of_root.end(), *region)
               : provinces_of_root.end();
    const bool is_province = position != provinces_of_root.end();
    if (!is_province) {
      errors.push_back(fmt::format("{}: region \"{}\" is not a child of {}", where, row.region,
                                   tree.region(tree.root()).code));
    }
    const int32_t day = row.date - first_date;
    const bool is_national_day = day >= 0 && static_cast<size_t>(day) < day_count;
    if (!is_national_day) {
      errors.push_back(fmt::format("{}: date is not a national day ({} to {})", where,
                                   first_date.ToString(), national.back().date.ToString()));
    }
    if (!is_province || !is_national_day) continue;
    const size_t child = position - provinces_of_root.begin();
    if (seen[day][child]) {
      errors.push_back(fmt::format("{}: the same province and day appear twice", where));
    }
    seen[day][child] = true;
    fever[day][child] = row.new_fever;
  }
  if (!errors.empty()) {
    return Status::InvalidArgument(
        fmt::format("{} error(s) in the provincial figures", errors.size()), std::move(errors));
  }
  return fever;
}

// Splits the national new fever among the root's children (see the header for the method).
// `broadcast[day][child]` holds the broadcast figures; a day counts only when all are present.
std::vector<std::vector<int64_t>> SplitNationalFever(const std::vector<int64_t>& national_fever,
                                                     const BroadcastFever& broadcast,
                                                     std::span<const double> population) {
  const size_t day_count = national_fever.size();
  const std::vector<double> population_shares =
      Normalised(std::vector<double>(population.begin(), population.end()));
  std::vector<std::vector<int64_t>> fever(day_count);
  std::vector<size_t> broadcast_days;
  std::vector<std::vector<double>> broadcast_shares;  // parallel to broadcast_days
  for (size_t day = 0; day < day_count; ++day) {
    const auto& figures = broadcast[day];
    if (figures.empty() || !std::all_of(figures.begin(), figures.end(),
                                        [](const auto& figure) { return figure.has_value(); })) {
      continue;
    }
    std::vector<double> weights;
    int64_t broadcast_sum = 0;
    for (const auto& figure : figures) {
      weights.push_back(static_cast<double>(*figure));
      broadcast_sum += *figure;
    }
    const int64_t remainder = national_fever[day] - broadcast_sum;
    if (remainder >= 0) {
      fever[day] = Apportion(remainder, population);
      for (size_t child = 0; child < figures.size(); ++child) {
        fever[day][child] += *figures[child];
        weights[child] += remainder * population_shares[child];
      }
    } else {
      fever[day] = Apportion(national_fever[day], weights);
    }
    broadcast_days.push_back(day);
    broadcast_shares.push_back(Normalised(weights));
  }

  size_t next_broadcast = 0;  // the first broadcast day after `day`
  for (size_t day = 0; day < day_count; ++day) {
    while (next_broadcast < broadcast_days.size() && broadcast_days[next_broadcast] <= day)
      ++next_broadcast;
    if (!fever[day].empty()) continue;
    std::vector<double> shares;
    if (broadcast_days.empty()) {
      shares = population_shares;
    } else if (next_broadcast == 0) {
      shares = broadcast_shares.front();
    } else if (next_broadcast == broadcast_days.size()) {
      shares = broadcast_shares.back();
    } else {
      const size_t before = broadcast_days[next_broadcast - 1];
      const size_t after = broadcast_days[next_broadcast];
      const double t = static_cast<double>(day - before) / static_cast<double>(after - before);
      const auto& from = broadcast_shares[next_broadcast - 1];
      const auto& to = broadcast_shares[next_broadcast];
      for (size_t child = 0; child < from.size(); ++child) {
        shares.push_back((1 - t) * from[child] + t * to[child]);
      }
    }
    fever[day] = Apportion(national_fever[day], shares);
  }
  return fever;
}

std::vector<double> ChildPopulations(const RegionTree& tree, RegionIdx parent) {
  std::vector<double> population;
  for (RegionIdx child : tree.children(parent)) {
    population.push_back(static_cast<double>(tree.region(child).population));
  }
  return population;
}

}  // namespace

Result<std::vector<NationalDay>> ParseNationalCsv(std::string_view text, std::string_view source) {
  CsvRows rows(text, source);
  Status header = rows.Header({"date", "new_fever", "new_recovered", "new_deaths",
                               "under_treatment", "cum_fever", "cum_recovered", "cum_deaths"},
                              {});
  if (!header.ok()) return header;
  std::vector<NationalDay> days;
  while (rows.Next()) {
    NationalDay& day = days.emplace_back();
    day.date = rows.DateField("date");
    day.new_fever = rows.Count("new_fever");
    day.new_recovered = rows.OptionalCount("new_recovered");
    day.new_deaths = rows.OptionalCount("new_deaths");
    day.under_treatment = rows.Count("under_treatment");
    day.cum_fever = rows.Count("cum_fever");
    day.cum_recovered = rows.Count("cum_recovered");
    day.cum_deaths = rows.Count("cum_deaths");
  }
  Status status = rows.Finish();
  if (!status.ok()) return status;
  return days;
}

Result<std::vector<ProvinceDay>> ParseProvincesCsv(std::string_view text, std::string_view source) {
  CsvRows rows(text, source);
  Status header = rows.Header({"date", "report_date", "region", "new_fever", "new_recovered",
                               "new_deaths", "under_treatment"},
                              {});
  if (!header.ok()) return header;
  std::vector<ProvinceDay> days;
  while (rows.Next()) {
    ProvinceDay& day = days.emplace_back();
    day.date = rows.DateField("date");
    (void)rows.DateField("report_date");
    day.region = std::string(rows.Field("region"));
    if (day.region.empty()) rows.Error("region", "", "is empty");
    day.new_fever = rows.OptionalCount("new_fever");
    day.new_recovered = rows.OptionalCount("new_recovered");
    day.new_deaths = rows.OptionalCount("new_deaths");
    day.under_treatment = rows.OptionalCount("under_treatment");
  }
  Status status = rows.Finish();
  if (!status.ok()) return status;
  return days;
}

Result<DerivedSeries> DeriveLeafSeries(const RegionTree& tree,
                                       const std::vector<NationalDay>& national,
                                       const std::vector<ProvinceDay>& provinces) {
  if (tree.empty()) return Status::InvalidArgument("the region tree is empty");
  if (national.empty()) return Status::InvalidArgument("the national series is empty");
  Result<Flow> root_flow = NationalFlow(national);
  if (!root_flow.ok()) return root_flow.status();

  const RegionIdx root = tree.root();
  const Date first_date = national.front().date;
  const size_t day_count = national.size();
  Result<BroadcastFever> broadcast = IndexBroadcastFever(tree, national, provinces);
  if (!broadcast.ok()) return broadcast.status();

  // Parents come before children in the tree's numbering, so one pass splits top-down.
  std::vector<Flow> flows(tree.size());
  flows[root] = std::move(root_flow.value());
  for (RegionIdx parent = 0; parent < tree.size(); ++parent) {
    if (tree.IsLeaf(parent)) continue;
    const std::vector<double> population = ChildPopulations(tree, parent);
    const std::vector<std::vector<int64_t>> fever =
        parent == root ? SplitNationalFever(flows[root].fever, *broadcast, population)
                       : std::vector<std::vector<int64_t>>{};
    Result<std::vector<Flow>> children = SplitFlow(flows[parent], population, fever);
    if (!children.ok()) {
      return Status::Internal(
          fmt::format("splitting {}: {}", tree.region(parent).code, children.status().message()));
    }
    for (size_t child = 0; child < children->size(); ++child) {
      flows[tree.children(parent)[child]] = std::move((*children)[child]);
    }
    flows[parent] = Flow();  // no longer needed
  }

  DerivedSeries out;
  const Date as_of = first_date - 1;
  for (RegionIdx leaf : tree.leaves()) {
    const Flow& flow = flows[leaf];
    out.openings.push_back(OpeningBalance{leaf, as_of, flow.open_fever, flow.open_recovered,
                                          flow.open_deaths, kOpeningNote});
  }
  out.reports.reserve(day_count * tree.leaves().size());
  for (size_t day = 0; day < day_count; ++day) {
    for (RegionIdx leaf : tree.leaves()) {
      const Flow& flow = flows[leaf];
      DailyReport report{leaf, national[day].date, {}};
      report.counts.new_fever = flow.fever[day];
      report.counts.new_recovered = flow.recovered[day];
      report.counts.new_deaths = flow.deaths[day];
      report.counts.under_treatment = flow.under_treatment[day];
      out.reports.push_back(report);
    }
  }
  return out;
}

}  // namespace outbreak::surveillance
