#pragma once
// Renderers of prevention levels: the rules and programmes, regions' levels, indicators,
// proposals, decisions, tasks, the replay timeline, and the situation report's section. JSON
// field names are stable (docs/prevention.md); the text reads as a table for the headquarters.

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "core/region_tree.hpp"
#include "response/action_programme.hpp"
#include "response/level_rules.hpp"
#include "response/level_views.hpp"

namespace outbreak::report {

boost::json::object LevelRulesJson(const response::LevelRules& rules);
boost::json::object ProgrammesJson(const response::ActionProgrammes& programmes);
boost::json::object RegionLevelJson(const response::RegionLevel& level, const RegionTree& tree);
boost::json::object ProposalJson(const response::ProposalView& proposal, const RegionTree& tree);
boost::json::object DecisionJson(const response::DecisionView& decision, const RegionTree& tree);
boost::json::object TaskJson(const response::TaskView& task, const RegionTree& tree);
// {"incidence_7d_per_100k": 612.4, "rt_mean": null, ...}
boost::json::object IndicatorValuesJson(const response::IndicatorValues& values);
boost::json::object IndicatorsJson(const response::IndicatorsView& view, const RegionTree& tree);
boost::json::object ReplayJson(const response::ReplayView& replay, const RegionTree& tree);
// {"pending_proposals": [...], "overdue_tasks": [...]}
boost::json::object PreventionSummaryJson(const response::PreventionSummary& summary,
                                          const RegionTree& tree);

std::string RenderLevelRulesText(const response::LevelRules& rules);
std::string RenderLevelsText(const std::vector<response::RegionLevel>& levels,
                             const RegionTree& tree);
std::string RenderIndicatorsText(const response::IndicatorsView& view, const RegionTree& tree);
std::string RenderProposalsText(const std::vector<response::ProposalView>& proposals,
                                const RegionTree& tree);
std::string RenderDecisionsText(const std::vector<response::DecisionView>& decisions,
                                const RegionTree& tree);
std::string RenderTasksText(const std::vector<response::TaskView>& tasks, const RegionTree& tree);
// The timeline: each region's moves in one line, then every change by day with its evidence.
std::string RenderReplayText(const response::ReplayView& replay, const RegionTree& tree);
std::string RenderReplayMarkdown(const response::ReplayView& replay, const RegionTree& tree);

// The situation report's section; empty when there is nothing pending or overdue.
std::string RenderPreventionSectionText(const response::PreventionSummary& summary,
                                        const RegionTree& tree);
std::string RenderPreventionSectionMarkdown(const response::PreventionSummary& summary,
                                            const RegionTree& tree);

}  // namespace outbreak::report
