// The compiled report of the guidance teams to the plenary meeting, as JSON and Markdown.

#include <fmt/format.h>
#include <boost/json.hpp>

#include "report/format.hpp"
#include "report/guidance_render.hpp"

namespace outbreak::report {

using boost::json::array;
using boost::json::object;

boost::json::object PlenaryReportJson(const guidance::PlenaryReport& report) {
  array provinces;
  for (const guidance::ProvinceSection& section : report.provinces) {
    const guidance::ProvinceInfo& p = section.province;
    array topics;
    for (const guidance::TopicFindings& topic : section.topics) {
      array findings;
      for (const guidance::Finding& finding : topic.findings) {
        findings.push_back(FindingJson(finding));
      }
      topics.push_back(object{{"topic", guidance::TopicName(topic.topic)},
                              {"title", guidance::TopicTitle(topic.topic)},
                              {"findings", std::move(findings)}});
    }
    array members;
    for (const std::string& member : p.team_members) members.push_back(boost::json::string(member));
    provinces.push_back(object{
        {"code", p.code},
        {"name", p.name},
        {"indicators", object{{"population", p.indicators.population},
                              {"cumulative_fever", p.indicators.cumulative_fever},
                              {"deaths", p.indicators.deaths},
                              {"under_treatment", p.indicators.under_treatment},
                              {"new_7d", p.indicators.new_7d}}},
        {"team", object{{"leader", p.team_leader.empty() ? boost::json::value(nullptr)
                                                         : boost::json::value(p.team_leader)},
                        {"members", std::move(members)}}},
        {"visits", section.visits},
        {"open", section.open},
        {"closed", section.closed},
        {"topics", std::move(topics)}});
  }
  return {{"as_of", report.as_of.ToString()},
          {"region", report.region},
          {"findings", report.findings},
          {"open", report.open},
          {"provinces", std::move(provinces)}};
}

namespace {

// Markdown table cells must not break the row.
std::string Cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string RenderPlenaryMarkdown(const guidance::PlenaryReport& report) {
  std::string out = fmt::format(
      "# Guidance teams: findings and proposed measures\n\n"
      "For the plenary meeting. Situation as of {}; {} finding(s), {} still open.\n",
      LongDate(report.as_of), Count(report.findings), Count(report.open));
  for (const guidance::ProvinceSection& section : report.provinces) {
    const guidance::ProvinceInfo& p = section.province;
    out += fmt::format("\n## {} ({})\n\n", p.name, p.code);
    out +=
        "| population | fever cases (cumulative) | deaths | under treatment | new cases, "
        "7 days |\n|---:|---:|---:|---:|---:|\n";
    out += fmt::format("| {} | {} | {} | {} | {} |\n\n", Count(p.indicators.population),
                       Count(p.indicators.cumulative_fever), Count(p.indicators.deaths),
                       Count(p.indicators.under_treatment), Count(p.indicators.new_7d));
    if (p.team_leader.empty()) {
      out += "Team: none adopted.\n";
    } else {
      std::string members;
      for (const std::string& member : p.team_members)
        members += (members.empty() ? "" : ", ") + member;
      out += fmt::format("Team: led by {}{}.\n", p.team_leader,
                         members.empty() ? "" : "; with " + members);
    }
    out += fmt::format("Visits: {}; findings: {} open, {} closed.\n", section.visits, section.open,
                       section.closed);
    for (const guidance::TopicFindings& topic : section.topics) {
      out += fmt::format("\n### {}\n\n", guidance::TopicTitle(topic.topic));
      out +=
          "| # | county | date | severity | finding | proposed measure | owner | status |\n"
          "|---:|---|---|---|---|---|---|---|\n";
      for (const guidance::Finding& f : topic.findings) {
        std::string status(guidance::FindingStatusName(f.status));
        if (f.status == guidance::FindingStatus::kClosed) {
          status += fmt::format(" ({}: {})", f.closed_by, f.closure);
        }
        out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", f.id, f.region,
                           f.date.ToString(), guidance::SeverityName(f.detail.severity),
                           Cell(f.detail.evidence), Cell(f.detail.measure), Cell(f.detail.owner),
                           Cell(status));
      }
    }
  }
  return out;
}

}  // namespace outbreak::report
