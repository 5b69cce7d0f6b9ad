#pragma once
// Renderers of the guidance teams: the roster, checklists, team plans (the JSON document a plan's
// detail is stored as, the plan with its teams, and its text), visits, findings, and the compiled
// report to the plenary meeting as Markdown and JSON.

#include <span>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "guidance/checklist.hpp"
#include "guidance/official.hpp"
#include "guidance/plenary_report.hpp"
#include "guidance/team_formation.hpp"
#include "guidance/visit.hpp"
#include "store/guidance_store.hpp"

namespace outbreak::report {

// {"code", "name", "position", "expertise": [...], "home", "available", "user"}
boost::json::object OfficialJson(const guidance::Official& official);
std::string RenderRosterText(std::span<const guidance::Official> officials);

// {"version", "title", "created_at", "created_by", "questions": [{"code", "topic", "text",
// "answer_type"}]}
boost::json::object ChecklistJson(const guidance::Checklist& checklist);
std::string RenderChecklistsText(std::span<const guidance::Checklist> checklists);

// What a plan was made from and what it achieved, stored with it: the objective, the rules, the
// areas with their workloads and needs, pins, exclusions and the officials left unassigned.
boost::json::object FormationDetailJson(const guidance::FormationInput& input,
                                        const guidance::Formation& formation);
// A team with its officials' names: {"id", "seq", "area", "area_name", "provinces", "leader",
// "members": [{"code", "name", "position", "expertise", "home"}], "workload",
// "workload_per_member", "duties"}.
boost::json::object GuidanceTeamJson(const store::GuidanceTeamRecord& team,
                                     std::span<const guidance::Official> roster);
// The plan: its identity and state, the stored detail, and its teams (all, or those given).
boost::json::object GuidancePlanJson(const store::GuidancePlanRecord& plan,
                                     std::span<const guidance::Official> roster,
                                     const std::vector<store::GuidanceTeamRecord>* teams = nullptr);
std::string RenderGuidancePlanText(const boost::json::object& plan);
// One line per plan.
std::string RenderGuidancePlanListText(std::span<const store::GuidancePlanRecord> plans);

boost::json::object VisitJson(const guidance::Visit& visit);
boost::json::object FindingJson(const guidance::Finding& finding);
std::string RenderFindingsText(std::span<const guidance::Finding> findings);

boost::json::object PlenaryReportJson(const guidance::PlenaryReport& report);
std::string RenderPlenaryMarkdown(const guidance::PlenaryReport& report);

}  // namespace outbreak::report
