#pragma once
// Renderers of prevention levels: the rules and programmes, regions' levels, indicators,
// proposals, decisions, tasks, the replay timeline, and the situation report's section. JSON
// field names are stable (docs/levels.md); the text reads as a table for the headquarters.

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "core/region_tree.hpp"
#include "levels/action_programme.hpp"
#include "levels/level_rules.hpp"
#include "levels/level_views.hpp"

namespace outbreak::report {

boost::json::object LevelRulesJson(const levels::LevelRules& rules);
boost::json::object ProgrammesJson(const levels::ActionProgrammes& programmes);
boost::json::object RegionLevelJson(const levels::RegionLevel& level, const RegionTree& tree);
boost::json::object ProposalJson(const levels::ProposalView& proposal, const RegionTree& tree);
boost::json::object DecisionJson(const levels::DecisionView& decision, const RegionTree& tree);
boost::json::object TaskJson(const levels::TaskView& task, const RegionTree& tree);
// {"incidence_7d_per_100k": 612.4, "rt_mean": null, ...}
boost::json::object IndicatorValuesJson(const levels::IndicatorValues& values);
boost::json::object IndicatorsJson(const levels::IndicatorsView& view, const RegionTree& tree);
boost::json::object ReplayJson(const levels::ReplayView& replay, const RegionTree& tree);
// {"pending_proposals": [...], "overdue_tasks": [...]}
boost::json::object PreventionSummaryJson(const levels::PreventionSummary& summary,
                                          const RegionTree& tree);

std::string RenderLevelRulesText(const levels::LevelRules& rules);
std::string RenderLevelsText(const std::vector<levels::RegionLevel>& levels,
                             const RegionTree& tree);
std::string RenderIndicatorsText(const levels::IndicatorsView& view, const RegionTree& tree);
std::string RenderProposalsText(const std::vector<levels::ProposalView>& proposals,
                                const RegionTree& tree);
std::string RenderDecisionsText(const std::vector<levels::DecisionView>& decisions,
                                const RegionTree& tree);
std::string RenderTasksText(const std::vector<levels::TaskView>& tasks, const RegionTree& tree);
// The timeline: each region's moves in one line, then every change by day with its evidence.
std::string RenderReplayText(const levels::ReplayView& replay, const RegionTree& tree);
std::string RenderReplayMarkdown(const levels::ReplayView& replay, const RegionTree& tree);

// The situation report's section; empty when there is nothing pending or overdue.
std::string RenderPreventionSectionText(const levels::PreventionSummary& summary,
                                        const RegionTree& tree);
std::string RenderPreventionSectionMarkdown(const levels::PreventionSummary& summary,
                                            const RegionTree& tree);

}  // namespace outbreak::report
