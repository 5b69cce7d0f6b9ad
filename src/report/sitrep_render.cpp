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

// "no report", "2 of 5 reporting units", "complete": what the day's figures rest on.
const char* DataState(const RegionSituation& s) {
  return !s.HasData() ? "none" : s.Complete() ? "complete" : "partial";
}

// A change, or "n/a" when one of the days compared has no report.
std::string ChangeText(const std::optional<surveillance::ChangeFigures>& change,
                       int64_t surveillance::ChangeFigures::*field) {
  return change ? Signed((*change).*field) : "n/a";
}

// The 7-day average, saying over how many days when fewer than seven have reports.
std::string AverageText(double value, int days) {
  if (days == 0) return "n/a";
  if (days == 7) return Decimal(value);
  return fmt::format("{} ({} d)", Decimal(value), days);
}

std::string Headline(const SituationReport& report, const RegionTree& tree,
                     const SitrepStyle& style) {
  const RegionSituation& s = report.region;
  const Region& region = tree.region(s.region);
  if (!s.HasData()) {
    // No data is not zero: nothing is said about a day no unit reported on.
    return fmt::format(
        "No report: no reporting unit of {} has reported for the day from {:02}:00 on {} to "
        "{:02}:00 on {}.\n",
        region.name, style.day_close_hour, LongDate(report.as_of - 1), style.day_close_hour,
        LongDate(report.as_of));
  }
  std::string out;
  if (!s.Complete()) {
    out = fmt::format(
        "PROVISIONAL: {} of {} reporting units have reported for this day; the figures are "
        "theirs only.\n",
        s.completeness.reported, s.completeness.expected);
  }
  return out +
         fmt::format(
             "From {:02}:00 on {} to {:02}:00 on {}, {} new fever cases were reported in {}; {} "
             "recovered and {} died.\n"
             "In all, {} have had fever, of whom {} have recovered and {} have died; {} are under "
             "treatment.\n",
             style.day_close_hour, LongDate(report.as_of - 1), style.day_close_hour,
             LongDate(report.as_of), Count(s.new_cases.fever), region.name,
             Persons(s.new_cases.recovered), Persons(s.new_cases.deaths),
             Persons(s.cumulative.fever), Count(s.cumulative.recovered), Count(s.cumulative.deaths),
             Count(s.under_treatment));
}

// "Provisional, 21 May 2022: 2 of 5 reporting units have reported so far: 40 new fever cases."
std::string ProvisionalLine(const SituationReport& report, const RegionTree&) {
  if (!report.provisional || !report.provisional_day) return "";
  const RegionSituation& p = *report.provisional;
  return fmt::format(
      "Provisional, {}: {} of {} reporting units have reported so far: {} new fever cases.\n",
      LongDate(*report.provisional_day), p.completeness.reported, p.completeness.expected,
      Count(p.new_cases.fever));
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
  out["data"] = DataState(s);
  out["change_1d"] = s.change_1d ? boost::json::value(change(*s.change_1d)) : nullptr;
  out["change_7d"] = s.change_7d ? boost::json::value(change(*s.change_7d)) : nullptr;
  if (s.avg_days > 0) {
    out["avg_7d"] = {{"fever", s.avg_7d.fever},
                     {"recovered", s.avg_7d.recovered},
                     {"deaths", s.avg_7d.deaths},
                     {"days", s.avg_days}};
  } else {
    out["avg_7d"] = nullptr;
  }
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
  using surveillance::ChangeFigures;
  if (s.HasData()) {
    // Wide enough for every column at any magnitude: the figures never run together.
    out += fmt::format("{:<18}{:>14}{:>16}{:>16}{:>18}\n", "", "today", "vs day before",
                       "vs week before", "7-day avg");
    auto line = [&](const char* label, int64_t today, int64_t ChangeFigures::*field,
                    const std::string& avg) {
      out += fmt::format("{:<18}{:>14}{:>16}{:>16}{:>18}\n", label, Count(today),
                         ChangeText(s.change_1d, field), ChangeText(s.change_7d, field), avg);
    };
    line("New fever cases", s.new_cases.fever, &ChangeFigures::fever,
         AverageText(s.avg_7d.fever, s.avg_days));
    line("Recovered", s.new_cases.recovered, &ChangeFigures::recovered,
         AverageText(s.avg_7d.recovered, s.avg_days));
    line("Deaths", s.new_cases.deaths, &ChangeFigures::deaths,
         AverageText(s.avg_7d.deaths, s.avg_days));
    line("Under treatment", s.under_treatment, &ChangeFigures::under_treatment, "");
  }
  out += fmt::format("\nReporting: {} of {} reporting units reported ({}).\n",
                     s.completeness.reported, s.completeness.expected, Percent(s.completeness));
  out += ProvisionalLine(report, tree);
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
  using surveillance::ChangeFigures;
  if (s.HasData()) {
    out +=
        "\n| | today | vs day before | vs week before | 7-day avg |\n|---|---:|---:|---:|---:|\n";
    auto line = [&](const char* label, int64_t today, int64_t ChangeFigures::*field,
                    const std::string& avg) {
      out += fmt::format("| {} | {} | {} | {} | {} |\n", label, Count(today),
                         ChangeText(s.change_1d, field), ChangeText(s.change_7d, field), avg);
    };
    line("New fever cases", s.new_cases.fever, &ChangeFigures::fever,
         AverageText(s.avg_7d.fever, s.avg_days));
    line("Recovered", s.new_cases.recovered, &ChangeFigures::recovered,
         AverageText(s.avg_7d.recovered, s.avg_days));
    line("Deaths", s.new_cases.deaths, &ChangeFigures::deaths,
         AverageText(s.avg_7d.deaths, s.avg_days));
    line("Under treatment", s.under_treatment, &ChangeFigures::under_treatment, "");
  }
  out += fmt::format("\nReporting: {} of {} reporting units reported ({}).\n",
                     s.completeness.reported, s.completeness.expected, Percent(s.completeness));
  out += ProvisionalLine(report, tree);
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
  if (report.provisional && report.provisional_day) {
    boost::json::object provisional = SituationJson(*report.provisional, tree);
    provisional["as_of"] = report.provisional_day->ToString();
    out["provisional"] = std::move(provisional);
  } else {
    out["provisional"] = nullptr;
  }
  return out;
}

}  // namespace outbreak::report
