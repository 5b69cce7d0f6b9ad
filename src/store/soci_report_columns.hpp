#pragma once
// The report counts as SOCI binds them, for the SociStore translation units: optional counts
// with their indicators, and columns for bulk binding.

#include <cstddef>
#include <optional>
#include <vector>

#include <soci/soci.h>

#include "surveillance/daily_report.hpp"

namespace outbreak::store {

inline constexpr size_t kBatchRows = 10'000;

inline long long OptionalValue(const std::optional<int64_t>& value, soci::indicator& indicator) {
  indicator = value ? soci::i_ok : soci::i_null;
  return value.value_or(0);
}

inline std::optional<int64_t> FromIndicator(long long value, soci::indicator indicator) {
  if (indicator == soci::i_null) return std::nullopt;
  return value;
}

// Column vectors for SOCI's bulk binding of report counts.
struct CountColumns {
  std::vector<long long> fever, recovered, deaths, under_treatment, tested, positive;
  std::vector<soci::indicator> tested_ind, positive_ind;

  void Resize(size_t rows) {
    for (auto* column : {&fever, &recovered, &deaths, &under_treatment, &tested, &positive}) {
      column->resize(rows);
    }
    tested_ind.resize(rows);
    positive_ind.resize(rows);
  }
  void Set(size_t row, const surveillance::ReportCounts& counts) {
    fever[row] = counts.new_fever;
    recovered[row] = counts.new_recovered;
    deaths[row] = counts.new_deaths;
    under_treatment[row] = counts.under_treatment;
    tested[row] = OptionalValue(counts.tested, tested_ind[row]);
    positive[row] = OptionalValue(counts.positive, positive_ind[row]);
  }
  surveillance::ReportCounts Get(size_t row) const {
    return {fever[row],
            recovered[row],
            deaths[row],
            under_treatment[row],
            FromIndicator(tested[row], tested_ind[row]),
            FromIndicator(positive[row], positive_ind[row])};
  }
};

}  // namespace outbreak::store
