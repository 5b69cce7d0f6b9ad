#include "report/guidance_render.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include "report/format.hpp"

namespace outbreak::report {

using boost::json::array;
using boost::json::object;

namespace {

array Strings(const std::vector<std::string>& values) {
  array out;
  for (const std::string& value : values) out.push_back(boost::json::string(value));
  return out;
}

const guidance::Official* Lookup(std::span<const guidance::Official> roster,
                                 const std::string& code) {
  for (const guidance::Official& official : roster) {
    if (official.code == code) return &official;
  }
  return nullptr;
}

std::string Text(const boost::json::value& value) {
  return value.is_string() ? std::string(value.as_string()) : std::string();
}

double Number(const boost::json::value& value) {
  return value.is_double()  ? value.as_double()
         : value.is_int64() ? static_cast<double>(value.as_int64())
                            : 0;
}

}  // namespace

boost::json::object OfficialJson(const guidance::Official& o) {
  return {{"code", o.code},
          {"name", o.name},
          {"position", guidance::PositionName(o.position)},
          {"expertise", Strings(o.expertise)},
          {"home", o.home},
          {"available", o.available},
          {"user", o.user.empty() ? boost::json::value(nullptr) : boost::json::value(o.user)}};
}

std::string RenderRosterText(std::span<const guidance::Official> officials) {
  std::string out = fmt::format("{:<10} {:<24} {:<6} {:<5} {:<36} {}\n", "code", "position", "home",
                                "avail", "expertise", "name");
  for (const guidance::Official& o : officials) {
    std::string fields;
    for (const std::string& field : o.expertise) fields += (fields.empty() ? "" : ",") + field;
    out += fmt::format("{:<10} {:<24} {:<6} {:<5} {:<36} {}\n", o.code,
                       guidance::PositionName(o.position), o.home, o.available ? "yes" : "no",
                       fields, o.name);
  }
  out += fmt::format("{} official(s)\n", officials.size());
  return out;
}

boost::json::object ChecklistJson(const guidance::Checklist& checklist) {
  array questions;
  for (const guidance::Question& q : checklist.questions) {
    questions.push_back(object{{"code", q.code},
                               {"topic", guidance::TopicName(q.topic)},
                               {"text", q.text},
                               {"answer_type", guidance::AnswerTypeName(q.type)}});
  }
  return {{"version", checklist.version},
          {"title", checklist.title},
          {"created_at", checklist.created_at},
          {"created_by", checklist.created_by},
          {"questions", std::move(questions)}};
}

std::string RenderChecklistsText(std::span<const guidance::Checklist> checklists) {
  std::string out;
  for (const guidance::Checklist& c : checklists) {
    out += fmt::format("version {}: {} ({} questions, {} by {})\n", c.version, c.title,
                       c.questions.size(), c.created_at, c.created_by);
    for (const guidance::Question& q : c.questions) {
      out += fmt::format("  {:<6} {:<16} {:<7} {}\n", q.code, guidance::TopicName(q.topic),
                         guidance::AnswerTypeName(q.type), q.text);
    }
  }
  if (checklists.empty()) out = "no checklist yet\n";
  return out;
}

boost::json::object FormationDetailJson(const guidance::FormationInput& input,
                                        const guidance::Formation& formation) {
  const guidance::TeamRules& r = input.rules;
  array areas;
  for (size_t a = 0; a < input.areas.size(); ++a) {
    const guidance::Area& area = input.areas[a];
    areas.push_back(object{{"code", area.code},
                           {"name", area.name},
                           {"provinces", Strings(area.provinces)},
                           {"population", area.population},
                           {"counties", area.counties},
                           {"open_findings", area.open_findings},
                           {"needs", Strings(area.needs)},
                           {"workload", guidance::AreaWorkload(area, r)},
                           {"team_size", formation.teams[a].members.size()},
                           {"workload_per_member", formation.teams[a].workload_per_member}});
  }
  array pins;
  for (const guidance::Pin& pin : input.pins) {
    pins.push_back(object{{"official", pin.official}, {"area", pin.area}});
  }
  return {{"objective", object{{"max_workload_per_member", formation.max_workload_per_member},
                               {"sum_workload_per_member", formation.sum_workload_per_member},
                               {"proven_optimal", formation.proven_optimal}}},
          {"rules", object{{"min_size", r.min_size},
                           {"max_size", r.max_size},
                           {"min_department_officials", r.min_department_officials},
                           {"population_weight", r.population_weight},
                           {"county_weight", r.county_weight},
                           {"open_finding_weight", r.open_finding_weight}}},
          {"areas", std::move(areas)},
          {"pins", std::move(pins)},
          {"excluded", Strings(input.excluded)},
          {"unassigned", Strings(formation.unassigned)}};
}

boost::json::object GuidanceTeamJson(const store::GuidanceTeamRecord& team,
                                     std::span<const guidance::Official> roster) {
  array members;
  std::string leader_name;
  for (const std::string& code : team.members) {
    const guidance::Official* o = Lookup(roster, code);
    object member{{"code", code}};
    if (o != nullptr) {
      member["name"] = o->name;
      member["position"] = guidance::PositionName(o->position);
      member["expertise"] = Strings(o->expertise);
      member["home"] = o->home;
      if (code == team.leader) leader_name = o->name;
    }
    members.push_back(std::move(member));
  }
  const double per_member =
      team.members.empty() ? 0 : team.workload / static_cast<double>(team.members.size());
  return {{"id", team.id},
          {"plan", team.plan_id},
          {"seq", team.seq},
          {"area", team.area},
          {"area_name", team.area_name},
          {"provinces", Strings(team.provinces)},
          {"leader", object{{"code", team.leader}, {"name", leader_name}}},
          {"members", std::move(members)},
          {"workload", team.workload},
          {"workload_per_member", per_member},
          {"duties", Strings(team.duties)}};
}

boost::json::object GuidancePlanJson(const store::GuidancePlanRecord& plan,
                                     std::span<const guidance::Official> roster,
                                     const std::vector<store::GuidanceTeamRecord>* teams) {
  object out{{"id", plan.id},
             {"status", plan.status},
             {"created_at", plan.created_at},
             {"created_by", plan.created_by},
             {"adopted_by", plan.adopted_by.empty() ? boost::json::value(nullptr)
                                                    : boost::json::value(plan.adopted_by)},
             {"adopted_at", plan.adopted_at.empty() ? boost::json::value(nullptr)
                                                    : boost::json::value(plan.adopted_at)}};
  boost::system::error_code ec;
  boost::json::value detail = boost::json::parse(plan.detail, ec);
  if (!ec && detail.is_object()) {
    for (const auto& [key, value] : detail.as_object()) out[key] = value;
  }
  array list;
  for (const store::GuidanceTeamRecord& team : teams != nullptr ? *teams : plan.teams) {
    list.push_back(GuidanceTeamJson(team, roster));
  }
  out["teams"] = std::move(list);
  return out;
}

std::string RenderGuidancePlanText(const boost::json::object& plan) {
  std::string out = fmt::format("team plan {} ({}), made {} by {}\n", plan.at("id").as_int64(),
                                Text(plan.at("status")), Text(plan.at("created_at")),
                                Text(plan.at("created_by")));
  if (const auto* objective = plan.if_contains("objective"); objective && objective->is_object()) {
    const object& o = objective->as_object();
    out += fmt::format(
        "largest workload per member {:.2f} points; sum over the teams {:.2f}{}\n",
        Number(o.at("max_workload_per_member")), Number(o.at("sum_workload_per_member")),
        o.at("proven_optimal").as_bool() ? "" : " (not proven optimal: the time limit stopped it)");
  }
  for (const boost::json::value& value : plan.at("teams").as_array()) {
    const object& team = value.as_object();
    out += fmt::format("\nteam {} to {} ({}): workload {:.1f}, {:.2f} per member\n",
                       team.at("id").as_int64(), Text(team.at("area")), Text(team.at("area_name")),
                       Number(team.at("workload")), Number(team.at("workload_per_member")));
    for (const boost::json::value& m : team.at("members").as_array()) {
      const object& member = m.as_object();
      std::string fields;
      if (const auto* e = member.if_contains("expertise")) {
        for (const boost::json::value& f : e->as_array())
          fields += (fields.empty() ? "" : ",") + Text(f);
      }
      const bool leads = Text(member.at("code")) == Text(team.at("leader").at("code"));
      out += fmt::format("  {} {:<10} {:<24} {:<6} {:<30} {}\n", leads ? "*" : " ",
                         Text(member.at("code")),
                         member.contains("position") ? Text(member.at("position")) : "",
                         member.contains("home") ? Text(member.at("home")) : "", fields,
                         member.contains("name") ? Text(member.at("name")) : "");
    }
    std::string duties;
    for (const boost::json::value& d : team.at("duties").as_array()) {
      duties += (duties.empty() ? "" : ", ") + Text(d);
    }
    out += "  duties: " + duties + "\n";
  }
  if (const auto* unassigned = plan.if_contains("unassigned");
      unassigned && unassigned->is_array()) {
    out += fmt::format("\n{} official(s) not sent\n", unassigned->as_array().size());
  }
  return out;
}

std::string RenderGuidancePlanListText(std::span<const store::GuidancePlanRecord> plans) {
  std::string out =
      fmt::format("{:>5} {:<11} {:>5} {:<21} {}\n", "plan", "status", "teams", "created", "by");
  for (const store::GuidancePlanRecord& plan : plans) {
    out += fmt::format("{:>5} {:<11} {:>5} {:<21} {}\n", plan.id, plan.status, plan.teams.size(),
                       plan.created_at, plan.created_by);
  }
  return out;
}

boost::json::object VisitJson(const guidance::Visit& visit) {
  array answers;
  for (const guidance::Answer& answer : visit.answers) {
    answers.push_back(object{{"question", answer.question}, {"value", answer.value}});
  }
  array findings;
  for (int64_t id : visit.findings) findings.push_back(id);
  return {{"id", visit.id},
          {"team", visit.team},
          {"region", visit.region},
          {"date", visit.date.ToString()},
          {"checklist_version", visit.checklist_version},
          {"answers", std::move(answers)},
          {"findings", std::move(findings)},
          {"note", visit.note},
          {"recorded_by", visit.recorded_by},
          {"recorded_at", visit.recorded_at}};
}

boost::json::object FindingJson(const guidance::Finding& f) {
  auto optional = [](const std::string& text) {
    return text.empty() ? boost::json::value(nullptr) : boost::json::value(text);
  };
  return {{"id", f.id},
          {"visit", f.visit},
          {"team", f.team},
          {"region", f.region},
          {"date", f.date.ToString()},
          {"topic", guidance::TopicName(f.detail.topic)},
          {"severity", guidance::SeverityName(f.detail.severity)},
          {"evidence", f.detail.evidence},
          {"measure", f.detail.measure},
          {"owner", f.detail.owner},
          {"status", guidance::FindingStatusName(f.status)},
          {"recorded_by", f.recorded_by},
          {"recorded_at", f.recorded_at},
          {"closed_by", optional(f.closed_by)},
          {"closed_at", optional(f.closed_at)},
          {"closure", optional(f.closure)}};
}

std::string RenderFindingsText(std::span<const guidance::Finding> findings) {
  std::string out;
  for (const guidance::Finding& f : findings) {
    out += fmt::format(
        "#{} {} {} {} [{}] {}: {}\n    measure: {} (owner: {}){}\n", f.id, f.date.ToString(),
        f.region, guidance::FindingStatusName(f.status), guidance::SeverityName(f.detail.severity),
        guidance::TopicName(f.detail.topic), f.detail.evidence, f.detail.measure, f.detail.owner,
        f.status == guidance::FindingStatus::kClosed
            ? fmt::format("\n    closed {} by {}: {}", f.closed_at, f.closed_by, f.closure)
            : "");
  }
  out += fmt::format("{} finding(s)\n", findings.size());
  return out;
}

}  // namespace outbreak::report
