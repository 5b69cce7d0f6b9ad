#include "analytics/outcome_series.hpp"

#include <algorithm>
#include <string>

#include <fmt/format.h>

namespace outbreak::analytics {

int64_t OutcomeSeries::OpeningUnderTreatment() const {
  if (days() == 0) return 0;
  return std::max<int64_t>(0, under_treatment[0] - new_cases[0] + new_recovered[0] + new_deaths[0]);
}

OutcomeSeries OutcomeSeries::Prefix(size_t count) const {
  auto head = [&](const std::vector<int64_t>& values) {
    return std::vector<int64_t>(
        values.begin(), values.begin() + static_cast<ptrdiff_t>(std::min(count, values.size())));
  };
  return {first_day, head(new_cases), head(new_recovered), head(new_deaths), head(under_treatment)};
}

Status ValidateOutcomeSeries(const OutcomeSeries& series) {
  if (series.days() == 0) return Status::InvalidArgument("outcomes: the series is empty");
  if (series.new_recovered.size() != series.days() || series.new_deaths.size() != series.days() ||
      series.under_treatment.size() != series.days()) {
    return Status::InvalidArgument(fmt::format(
        "outcomes: {} days of new cases, {} of recoveries, {} of deaths and {} of under "
        "treatment; they must be the same",
        series.days(), series.new_recovered.size(), series.new_deaths.size(),
        series.under_treatment.size()));
  }
  std::vector<std::string> errors;
  auto check = [&](const std::vector<int64_t>& values, const char* name) {
    for (size_t day_idx = 0; day_idx < values.size() && errors.size() < 100; ++day_idx) {
      if (values[day_idx] >= 0) continue;
      errors.push_back(fmt::format("{}: {}: \"{}\" is negative",
                                   (series.first_day + static_cast<int32_t>(day_idx)).ToString(),
                                   name, values[day_idx]));
    }
  };
  check(series.new_cases, "new_cases");
  check(series.new_recovered, "new_recovered");
  check(series.new_deaths, "new_deaths");
  check(series.under_treatment, "under_treatment");
  if (!errors.empty()) {
    return Status::InvalidArgument("outcomes: negative counts", std::move(errors));
  }
  return Status::Ok();
}

}  // namespace outbreak::analytics
