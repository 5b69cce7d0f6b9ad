#include "report/care_render.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include "report/format.hpp"

namespace outbreak::report {

using boost::json::array;
using boost::json::object;

boost::json::object CentreJson(const care::TreatmentCentre& centre) {
  return {{"code", centre.code},
          {"name", centre.name},
          {"region", centre.region},
          {"kind", care::CentreKindName(centre.kind)},
          {"status", care::CentreStatusName(centre.status)},
          {"beds", object{{"general", centre.beds_general},
                          {"intensive", centre.beds_intensive},
                          {"isolation", centre.beds_isolation},
                          {"total", centre.TotalBeds()}}},
          {"staff", centre.staff}};
}

std::string RenderCentresText(std::span<const care::TreatmentCentre> centres) {
  std::string out = fmt::format("{:<18} {:<12} {:<26} {:<8} {:>8} {:>6}  {}\n", "centre", "region",
                                "kind", "status", "beds", "staff", "name");
  for (const care::TreatmentCentre& c : centres) {
    out += fmt::format("{:<18} {:<12} {:<26} {:<8} {:>8} {:>6}  {}\n", c.code, c.region,
                       care::CentreKindName(c.kind), care::CentreStatusName(c.status),
                       Count(c.TotalBeds()), Count(c.staff), c.name);
  }
  out += fmt::format("{} centre(s)\n", centres.size());
  return out;
}

boost::json::object CensusJson(const care::CensusDay& census) {
  return {{"centre", census.centre},          {"date", census.date.ToString()},
          {"occupied", census.occupied},      {"admitted", census.admitted},
          {"discharged", census.discharged},  {"died", census.died},
          {"transferred", census.transferred}};
}

boost::json::array CareFindingsJson(std::span<const care::CareFinding> findings) {
  array out;
  for (const care::CareFinding& finding : findings) {
    out.push_back(object{{"kind", care::CareFindingKindName(finding.kind)},
                         {"subject", finding.subject},
                         {"date", finding.date.ToString()},
                         {"message", finding.message}});
  }
  return out;
}

std::string RenderCareFindingsText(std::span<const care::CareFinding> findings, size_t max_lines) {
  std::string out;
  for (size_t idx = 0; idx < findings.size() && idx < max_lines; ++idx) {
    out += fmt::format("finding: {}: {}\n", care::CareFindingKindName(findings[idx].kind),
                       findings[idx].message);
  }
  if (findings.size() > max_lines) {
    out += fmt::format("... and {} more finding(s)\n", findings.size() - max_lines);
  }
  return out;
}

boost::json::object CareWriteJson(int64_t added, int64_t updated, int64_t unchanged,
                                  std::span<const care::CareFinding> findings) {
  return {{"added", added},
          {"updated", updated},
          {"unchanged", unchanged},
          {"findings", CareFindingsJson(findings)}};
}

boost::json::object OccupancyJson(const care::OccupancyReport& report, const RegionTree& tree) {
  array centres;
  for (const care::CentreOccupancy& line : report.centres) {
    object item = CentreJson(line.centre);
    item["census"] = line.census ? boost::json::value(CensusJson(*line.census)) : nullptr;
    const int64_t beds = line.centre.TotalBeds();
    item["occupancy"] = line.census && beds > 0
                            ? boost::json::value(static_cast<double>(line.census->occupied) / beds)
                            : nullptr;
    item["days_until_full"] =
        line.days_until_full ? boost::json::value(*line.days_until_full) : nullptr;
    centres.push_back(std::move(item));
  }
  return {{"region", tree.region(report.region).code},
          {"as_of", report.as_of.ToString()},
          {"horizon_days", report.horizon_days},
          {"beds", report.beds},
          {"occupied", report.occupied},
          {"occupancy", report.beds > 0
                            ? boost::json::value(static_cast<double>(report.occupied) / report.beds)
                            : nullptr},
          {"centres", std::move(centres)},
          {"findings", CareFindingsJson(report.findings)}};
}

std::string RenderOccupancyText(const care::OccupancyReport& report, const RegionTree& tree) {
  const Region& region = tree.region(report.region);
  std::string out = fmt::format(
      "OCCUPANCY: {} ({}), as of {}\n{} of {} beds occupied ({}) in the open and standby centres; "
      "\"full in\" follows the forecast of each centre's province, {} days ahead.\n\n",
      region.name, region.code, LongDate(report.as_of), Count(report.occupied), Count(report.beds),
      report.beds > 0 ? fmt::format("{:.1f}%", 100.0 * report.occupied / report.beds) : "-",
      report.horizon_days);
  out += fmt::format("{:<18} {:<8} {:>8} {:>9} {:>7} {:>8}  {}\n", "centre", "status", "beds",
                     "occupied", "%", "full in", "census of");
  for (const care::CentreOccupancy& line : report.centres) {
    const int64_t beds = line.centre.TotalBeds();
    const std::string occupied = line.census ? Count(line.census->occupied) : "-";
    const std::string share =
        line.census && beds > 0 ? fmt::format("{:.1f}", 100.0 * line.census->occupied / beds) : "-";
    const std::string full =
        line.days_until_full
            ? (*line.days_until_full == 0 ? "full" : fmt::format("{} d", *line.days_until_full))
            : "-";
    out += fmt::format("{:<18} {:<8} {:>8} {:>9} {:>7} {:>8}  {}\n", line.centre.code,
                       care::CentreStatusName(line.centre.status), Count(beds), occupied, share,
                       full, line.census ? line.census->date.ToString() : "no census");
  }
  out += RenderCareFindingsText(report.findings, 20);
  return out;
}

boost::json::object WorkforceJson(const care::WorkforceReport& report, const RegionTree& tree) {
  array lines;
  for (const care::WorkforceLine& line : report.lines) {
    const care::WorkforceCount& c = line.count;
    lines.push_back(object{{"region", c.region},
                           {"category", care::CategoryName(c.category)},
                           {"counted_on", c.date.ToString()},
                           {"on_duty", c.on_duty},
                           {"ill", c.ill},
                           {"quarantined", c.quarantined},
                           {"resting", c.resting},
                           {"longest_duty_run_days", c.longest_duty_run_days},
                           {"deployed_away", line.away},
                           {"deployed_in", line.incoming},
                           {"available", line.Available()}});
  }
  return {{"region", tree.region(report.region).code},
          {"as_of", report.as_of.ToString()},
          {"lines", std::move(lines)},
          {"findings", CareFindingsJson(report.findings)}};
}

std::string RenderWorkforceText(const care::WorkforceReport& report, const RegionTree& tree) {
  const Region& region = tree.region(report.region);
  std::string out = fmt::format("WORKFORCE: {} ({}), as of {}\n\n", region.name, region.code,
                                LongDate(report.as_of));
  out += fmt::format("{:<12} {:<19} {:>8} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9}  {}\n", "region",
                     "category", "on duty", "ill", "quar.", "rest", "away", "in", "available",
                     "counted on");
  for (const care::WorkforceLine& line : report.lines) {
    const care::WorkforceCount& c = line.count;
    out += fmt::format("{:<12} {:<19} {:>8} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9}  {}\n", c.region,
                       care::CategoryName(c.category), Count(c.on_duty), Count(c.ill),
                       Count(c.quarantined), Count(c.resting), Count(line.away),
                       Count(line.incoming), Count(line.Available()), c.date.ToString());
  }
  out += RenderCareFindingsText(report.findings, 20);
  return out;
}

}  // namespace outbreak::report
