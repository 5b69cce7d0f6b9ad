#include "report/tables.hpp"

#include <map>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "report/format.hpp"
#include "report/sitrep_render.hpp"

namespace outbreak::report {

std::string RenderSeriesCsv(std::span<const surveillance::SeriesPoint> series,
                            int expected_reporters) {
  std::string out =
      "date,new_fever,new_recovered,new_deaths,under_treatment,tested,positive,cum_fever,"
      "cum_recovered,cum_deaths,reported,expected\n";
  for (const auto& point : series) {
    const auto& d = point.day;
    const auto& c = point.cumulative;
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", point.date.ToString(), d.new_fever,
                       d.new_recovered, d.new_deaths, d.under_treatment, d.tested, d.positive,
                       c.fever, c.recovered, c.deaths, d.reporters, expected_reporters);
  }
  return out;
}

boost::json::value SeriesJson(std::span<const surveillance::SeriesPoint> series,
                              const RegionTree& tree, RegionIdx region) {
  boost::json::array points;
  for (const auto& point : series) {
    const auto& d = point.day;
    const auto& c = point.cumulative;
    points.push_back(boost::json::object{
        {"date", point.date.ToString()},
        {"new",
         {{"fever", d.new_fever},
          {"recovered", d.new_recovered},
          {"deaths", d.new_deaths},
          {"tested", d.tested},
          {"positive", d.positive}}},
        {"under_treatment", d.under_treatment},
        {"cumulative", {{"fever", c.fever}, {"recovered", c.recovered}, {"deaths", c.deaths}}},
        {"reported", d.reporters}});
  }
  return boost::json::object{{"region", RegionJson(tree, region)},
                             {"expected", tree.leaf_count(region)},
                             {"points", std::move(points)}};
}

std::string RenderCompletenessText(const surveillance::CompletenessReport& report,
                                   const RegionTree& tree) {
  const Region& region = tree.region(report.region);
  std::string out =
      fmt::format("{} {}, {}: {} of {} reporting units reported.\n", region.code, region.name,
                  report.date.ToString(), report.reported, report.expected);
  if (report.missing.empty()) return out;
  out += "Not reported:\n";
  for (RegionIdx idx : report.missing) {
    const Region& missing = tree.region(idx);
    out += fmt::format("  {:<12} {}{}\n", missing.code, missing.name,
                       missing.name_local.empty() ? "" : " (" + missing.name_local + ")");
  }
  return out;
}

boost::json::value CompletenessJson(const surveillance::CompletenessReport& report,
                                    const RegionTree& tree) {
  boost::json::array missing;
  for (RegionIdx idx : report.missing) missing.push_back(RegionJson(tree, idx));
  return boost::json::object{{"date", report.date.ToString()},
                             {"region", RegionJson(tree, report.region)},
                             {"reported", report.reported},
                             {"expected", report.expected},
                             {"missing", std::move(missing)}};
}

std::string RenderFindingsText(std::span<const surveillance::Finding> findings, size_t max_lines) {
  if (findings.empty()) return "No findings.\n";
  std::map<std::string, size_t> by_kind;
  for (const auto& finding : findings) ++by_kind[FindingKindName(finding.kind)];
  std::string out = fmt::format("{} finding(s):", findings.size());
  for (const auto& [kind, count] : by_kind) out += fmt::format(" {} {};", count, kind);
  out.back() = '\n';
  for (size_t idx = 0; idx < findings.size() && idx < max_lines; ++idx) {
    out += fmt::format("  warning: {}: {}\n", FindingKindName(findings[idx].kind),
                       findings[idx].message);
  }
  if (findings.size() > max_lines) {
    out += fmt::format("  ... and {} more (outbreak check --format json lists them all)\n",
                       findings.size() - max_lines);
  }
  return out;
}

boost::json::value FindingsJson(std::span<const surveillance::Finding> findings,
                                const RegionTree& tree) {
  boost::json::array out;
  for (const auto& finding : findings) {
    out.push_back(boost::json::object{{"kind", FindingKindName(finding.kind)},
                                      {"region", tree.region(finding.region).code},
                                      {"date", finding.date.ToString()},
                                      {"field", finding.field},
                                      {"actual", finding.actual},
                                      {"expected", finding.expected},
                                      {"message", finding.message}});
  }
  return boost::json::object{{"count", findings.size()}, {"findings", std::move(out)}};
}

boost::json::value CountsJson(const surveillance::ReportCounts& counts) {
  boost::json::object out{{"new_fever", counts.new_fever},
                          {"new_recovered", counts.new_recovered},
                          {"new_deaths", counts.new_deaths},
                          {"under_treatment", counts.under_treatment}};
  out["tested"] = counts.tested ? boost::json::value(*counts.tested) : nullptr;
  out["positive"] = counts.positive ? boost::json::value(*counts.positive) : nullptr;
  return out;
}

std::string RenderHistoryText(std::span<const surveillance::ReportVersion> history) {
  if (history.empty()) return "No report.\n";
  std::string out;
  for (const auto& version : history) {
    const auto& c = version.counts;
    out += fmt::format(
        "v{}{} {} by {} ({}): fever {}, recovered {}, deaths {}, under treatment {}{}\n",
        version.version, version.current ? " (current)" : "", version.recorded_at,
        version.recorded_by, version.source, Count(c.new_fever), Count(c.new_recovered),
        Count(c.new_deaths), Count(c.under_treatment),
        version.reason.empty() ? "" : "; reason: " + version.reason);
  }
  return out;
}

boost::json::value HistoryJson(std::span<const surveillance::ReportVersion> history) {
  boost::json::array out;
  for (const auto& version : history) {
    out.push_back(boost::json::object{{"version", version.version},
                                      {"current", version.current},
                                      {"counts", CountsJson(version.counts)},
                                      {"recorded_by", version.recorded_by},
                                      {"recorded_at", version.recorded_at},
                                      {"reason", version.reason},
                                      {"source", version.source}});
  }
  return boost::json::object{{"versions", std::move(out)}};
}

std::string JsonText(const boost::json::value& value) {
  return boost::json::serialize(value) + "\n";
}

}  // namespace outbreak::report
