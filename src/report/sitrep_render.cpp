#include "report/sitrep_render.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include "report/format.hpp"

namespace outbreak::report {

namespace {

using surveillance::RegionSituation;
using surveillance::SituationReport;

std::string DisplayName(const Region& region) {
  if (region.name_local.empty() || region.name_local == region.name) return region.name;
  return fmt::format("{} ({})", region.name, region.name_local);
}

std::string Percent(const surveillance::Completeness& completeness) {
  return fmt::format("{:.1f}%", completeness.ratio() * 100.0);
}

std::string Headline(const SituationReport& report, const RegionTree& tree,
                     const SitrepStyle& style) {
  const RegionSituation& s = report.region;
  const Region& region = tree.region(s.region);
  return fmt::format(
      "From {:02}:00 on {} to {:02}:00 on {}, {} new fever cases were reported in {}; {} "
      "recovered and {} died.\n"
      "In all, {} have had fever, of whom {} have recovered and {} have died; {} are under "
      "treatment.\n",
      style.day_close_hour, LongDate(report.as_of - 1), style.day_close_hour,
      LongDate(report.as_of), Count(s.new_cases.fever), region.name, Persons(s.new_cases.recovered),
      Persons(s.new_cases.deaths), Persons(s.cumulative.fever), Count(s.cumulative.recovered),
      Count(s.cumulative.deaths), Count(s.under_treatment));
}

boost::json::object Flows(const surveillance::FlowFigures& flows) {
  return {{"fever", flows.fever}, {"recovered", flows.recovered}, {"deaths", flows.deaths}};
}

boost::json::object SituationJson(const RegionSituation& s, const RegionTree& tree) {
  boost::json::object out;
  out["region"] = RegionJson(tree, s.region);
  boost::json::object fresh = Flows(s.new_cases);
  fresh["tested"] = s.tested;
  fresh["positive"] = s.positive;
  out["new"] = std::move(fresh);
  out["cumulative"] = Flows(s.cumulative);
  out["under_treatment"] = s.under_treatment;
  auto change = [](const surveillance::ChangeFigures& c) {
    return boost::json::object{{"fever", c.fever},
                               {"recovered", c.recovered},
                               {"deaths", c.deaths},
                               {"under_treatment", c.under_treatment}};
  };
  out["change_1d"] = change(s.change_1d);
  out["change_7d"] = change(s.change_7d);
  out["avg_7d"] = {
      {"fever", s.avg_7d.fever}, {"recovered", s.avg_7d.recovered}, {"deaths", s.avg_7d.deaths}};
  out["new_per_100k"] = s.new_per_100k;
  out["completeness"] = {{"reported", s.completeness.reported},
                         {"expected", s.completeness.expected},
                         {"ratio", s.completeness.ratio()}};
  return out;
}

}  // namespace

boost::json::value RegionJson(const RegionTree& tree, RegionIdx idx) {
  const Region& region = tree.region(idx);
  boost::json::object out{{"code", region.code},
                          {"name", region.name},
                          {"name_local", region.name_local},
                          {"level", region.level},
                          {"population", region.population}};
  out["parent"] =
      region.parent.empty() ? boost::json::value(nullptr) : boost::json::value(region.parent);
  return out;
}

std::string RenderSitrepText(const SituationReport& report, const RegionTree& tree,
                             const SitrepStyle& style) {
  const RegionSituation& s = report.region;
  const Region& region = tree.region(s.region);
  std::string out = fmt::format("SITUATION REPORT: {}, as of {}\n\n", DisplayName(region),
                                LongDate(report.as_of));
  out += Headline(report, tree, style);
  out += style.outlook;
  out += "\n";
  out += fmt::format("{:<18}{:>12}{:>16}{:>16}{:>13}\n", "", "today", "vs day before",
                     "vs week before", "7-day avg");
  auto line = [&](const char* label, int64_t today, int64_t d1, int64_t d7,
                  const std::string& avg) {
    out += fmt::format("{:<18}{:>12}{:>16}{:>16}{:>13}\n", label, Count(today), Signed(d1),
                       Signed(d7), avg);
  };
  line("New fever cases", s.new_cases.fever, s.change_1d.fever, s.change_7d.fever,
       Decimal(s.avg_7d.fever));
  line("Recovered", s.new_cases.recovered, s.change_1d.recovered, s.change_7d.recovered,
       Decimal(s.avg_7d.recovered));
  line("Deaths", s.new_cases.deaths, s.change_1d.deaths, s.change_7d.deaths,
       Decimal(s.avg_7d.deaths));
  line("Under treatment", s.under_treatment, s.change_1d.under_treatment,
       s.change_7d.under_treatment, "");
  out += fmt::format("\nReporting: {} of {} reporting units reported ({}).\n",
                     s.completeness.reported, s.completeness.expected, Percent(s.completeness));
  if (!report.children.empty()) {
    out += "\nBy region, most new fever cases first:\n";
    out += fmt::format("{:<40}{:>11}{:>10}{:>11}{:>8}{:>12}{:>12}{:>10}\n", "region", "new fever",
                       "per 100k", "recovered", "deaths", "treatment", "cumulative", "reported");
    for (const RegionSituation& child : report.children) {
      const Region& child_region = tree.region(child.region);
      out += fmt::format(
          "{:<40}{:>11}{:>10}{:>11}{:>8}{:>12}{:>12}{:>10}\n",
          child_region.code + " " + DisplayName(child_region), Count(child.new_cases.fever),
          Decimal(child.new_per_100k), Count(child.new_cases.recovered),
          Count(child.new_cases.deaths), Count(child.under_treatment),
          Count(child.cumulative.fever),
          fmt::format("{}/{}", child.completeness.reported, child.completeness.expected));
    }
  }
  out += style.prevention;
  return out;
}

std::string RenderSitrepMarkdown(const SituationReport& report, const RegionTree& tree,
                                 const SitrepStyle& style) {
  const RegionSituation& s = report.region;
  const Region& region = tree.region(s.region);
  std::string out = fmt::format("# Situation report: {}, as of {}\n\n", DisplayName(region),
                                LongDate(report.as_of));
  out += Headline(report, tree, style);
  out += style.outlook;
  out += "\n| | today | vs day before | vs week before | 7-day avg |\n|---|---:|---:|---:|---:|\n";
  auto line = [&](const char* label, int64_t today, int64_t d1, int64_t d7,
                  const std::string& avg) {
    out += fmt::format("| {} | {} | {} | {} | {} |\n", label, Count(today), Signed(d1), Signed(d7),
                       avg);
  };
  line("New fever cases", s.new_cases.fever, s.change_1d.fever, s.change_7d.fever,
       Decimal(s.avg_7d.fever));
  line("Recovered", s.new_cases.recovered, s.change_1d.recovered, s.change_7d.recovered,
       Decimal(s.avg_7d.recovered));
  line("Deaths", s.new_cases.deaths, s.change_1d.deaths, s.change_7d.deaths,
       Decimal(s.avg_7d.deaths));
  line("Under treatment", s.under_treatment, s.change_1d.under_treatment,
       s.change_7d.under_treatment, "");
  out += fmt::format("\nReporting: {} of {} reporting units reported ({}).\n",
                     s.completeness.reported, s.completeness.expected, Percent(s.completeness));
  if (!report.children.empty()) {
    out +=
        "\n## By region\n\n| region | new fever | per 100k | recovered | deaths | under "
        "treatment | cumulative | reported |\n|---|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const RegionSituation& child : report.children) {
      out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {}/{} |\n",
                         DisplayName(tree.region(child.region)), Count(child.new_cases.fever),
                         Decimal(child.new_per_100k), Count(child.new_cases.recovered),
                         Count(child.new_cases.deaths), Count(child.under_treatment),
                         Count(child.cumulative.fever), child.completeness.reported,
                         child.completeness.expected);
    }
  }
  out += style.prevention;
  return out;
}

boost::json::value SitrepJson(const SituationReport& report, const RegionTree& tree) {
  boost::json::object out{{"as_of", report.as_of.ToString()}};
  for (auto& [key, value] : SituationJson(report.region, tree)) out[key] = std::move(value);
  boost::json::array children;
  for (const RegionSituation& child : report.children) {
    boost::json::object item = SituationJson(child, tree);
    children.push_back(std::move(item));
  }
  out["children"] = std::move(children);
  return out;
}

}  // namespace outbreak::report
