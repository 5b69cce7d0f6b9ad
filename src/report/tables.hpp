#pragma once
// Renderers of the other surveillance reads: series (CSV, JSON), completeness, validation
// findings and report history (text and JSON).

#include <span>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "core/region_tree.hpp"
#include "surveillance/daily_report.hpp"
#include "surveillance/queries.hpp"
#include "surveillance/report_validator.hpp"

namespace outbreak::report {

// Columns: date,new_fever,new_recovered,new_deaths,under_treatment,tested,positive,
// cum_fever,cum_recovered,cum_deaths,reported,expected
std::string RenderSeriesCsv(std::span<const surveillance::SeriesPoint> series,
                            int expected_reporters);
boost::json::value SeriesJson(std::span<const surveillance::SeriesPoint> series,
                              const RegionTree& tree, RegionIdx region);

std::string RenderCompletenessText(const surveillance::CompletenessReport& report,
                                   const RegionTree& tree);
boost::json::value CompletenessJson(const surveillance::CompletenessReport& report,
                                    const RegionTree& tree);

std::string RenderFindingsText(std::span<const surveillance::Finding> findings, size_t max_lines);
boost::json::value FindingsJson(std::span<const surveillance::Finding> findings,
                                const RegionTree& tree);

std::string RenderHistoryText(std::span<const surveillance::ReportVersion> history);
boost::json::value HistoryJson(std::span<const surveillance::ReportVersion> history);
boost::json::value CountsJson(const surveillance::ReportCounts& counts);

// Serialises JSON with a trailing newline.
std::string JsonText(const boost::json::value& value);

}  // namespace outbreak::report
