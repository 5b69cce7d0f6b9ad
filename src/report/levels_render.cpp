// JSON of prevention levels, and the situation report's section.

#include "report/levels_render.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include "levels/level_engine.hpp"

namespace outbreak::report {

namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

std::string NameOf(const RegionTree& tree, const std::string& code) {
  const std::optional<RegionIdx> idx = tree.Find(code);
  return idx ? tree.region(*idx).name : code;
}

value OptionalDay(const std::optional<Date>& day) {
  return day ? value(day->ToString()) : value(nullptr);
}

// Overdue tasks listed in the situation report; the rest are counted.
constexpr size_t kTasksShown = 20;

array ConditionsJson(const std::vector<levels::Condition>& conditions) {
  array out;
  for (const levels::Condition& c : conditions) {
    out.push_back(object{{"indicator", levels::IndicatorName(c.indicator)},
                         {"comparison", levels::ComparisonSymbol(c.comparison)},
                         {"threshold", c.threshold}});
  }
  return out;
}

array TriggersJson(const std::vector<levels::Trigger>& triggers) {
  array out;
  for (const levels::Trigger& t : triggers) {
    out.push_back(object{{"indicator", levels::IndicatorName(t.condition.indicator)},
                         {"comparison", levels::ComparisonSymbol(t.condition.comparison)},
                         {"threshold", t.condition.threshold},
                         {"value", t.value}});
  }
  return out;
}

}  // namespace

object LevelRulesJson(const levels::LevelRules& rules) {
  array levels;
  for (size_t idx = 0; idx < rules.levels.size(); ++idx) {
    const levels::Level& level = rules.levels[idx];
    array measures;
    for (const std::string& measure : level.measures) measures.push_back(value(measure));
    levels.push_back(object{{"key", level.key},
                            {"name", level.name},
                            {"rank", idx},
                            {"measures", std::move(measures)},
                            {"raise", ConditionsJson(level.raise)},
                            {"lower", ConditionsJson(level.lower)},
                            {"min_days", rules.MinDaysAt(static_cast<int>(idx))}});
  }
  return {{"version", rules.version},
          {"region_level", rules.region_level},
          {"raise_after_days", rules.raise_after_days},
          {"lower_after_days", rules.lower_after_days},
          {"min_days_at_level", rules.min_days_at_level},
          {"levels", std::move(levels)}};
}

object ProgrammesJson(const levels::ActionProgrammes& programmes) {
  object levels;
  for (const auto& [level, tasks] : programmes.tasks) {
    array items;
    for (const levels::TaskTemplate& task : tasks) {
      items.push_back(object{
          {"due_after_days", task.due_after_days}, {"unit", task.unit}, {"title", task.title}});
    }
    levels[level] = std::move(items);
  }
  return {{"version", programmes.version}, {"levels", std::move(levels)}};
}

object RegionLevelJson(const levels::RegionLevel& level, const RegionTree& tree) {
  return {{"region", level.region},
          {"name", NameOf(tree, level.region)},
          {"level", level.level},
          {"rank", level.level_idx},
          {"since", OptionalDay(level.since)},
          {"set_on", level.set_on.empty() ? value(nullptr) : value(level.set_on)},
          {"decision", level.decision_id == 0 ? value(nullptr) : value(level.decision_id)}};
}

object ProposalJson(const levels::ProposalView& p, const RegionTree& tree) {
  return {{"id", p.id},
          {"region", p.region},
          {"name", NameOf(tree, p.region)},
          {"day", p.day.ToString()},
          {"from_level", p.from_level},
          {"to_level", p.to_level},
          {"status", p.status},
          {"rules_version", p.rules_version},
          {"triggers", TriggersJson(p.triggers)},
          {"created_by", p.created_by},
          {"created_at", p.created_at},
          {"decision", p.decision_id == 0 ? value(nullptr) : value(p.decision_id)}};
}

object DecisionJson(const levels::DecisionView& d, const RegionTree& tree) {
  return {{"id", d.id},
          {"proposal", d.proposal_id == 0 ? value(nullptr) : value(d.proposal_id)},
          {"region", d.region},
          {"name", NameOf(tree, d.region)},
          {"day", d.day.ToString()},
          {"outcome", d.outcome},
          {"from_level", d.from_level},
          {"to_level", d.to_level},
          {"reason", d.reason},
          {"rules_version", d.rules_version},
          {"programmes_version", d.programmes_version},
          {"decided_by", d.decided_by},
          {"decided_at", d.decided_at},
          {"tasks", d.tasks}};
}

object TaskJson(const levels::TaskView& t, const RegionTree& tree) {
  return {{"id", t.id},
          {"decision", t.decision_id},
          {"region", t.region},
          {"name", NameOf(tree, t.region)},
          {"level", t.level},
          {"title", t.title},
          {"unit", t.unit},
          {"due", t.due.ToString()},
          {"state", levels::TaskStateName(t.state)},
          {"done_by", t.done_by.empty() ? value(nullptr) : value(t.done_by)},
          {"done_at", t.done_at.empty() ? value(nullptr) : value(t.done_at)},
          {"note", t.note}};
}

object IndicatorValuesJson(const levels::IndicatorValues& values) {
  object out;
  for (levels::Indicator indicator : levels::AllIndicators()) {
    const std::optional<double>& v = values[indicator];
    out[levels::IndicatorName(indicator)] = v ? value(*v) : value(nullptr);
  }
  return out;
}

object IndicatorsJson(const levels::IndicatorsView& view, const RegionTree& tree) {
  array regions;
  for (size_t idx = 0; idx < view.levels.size(); ++idx) {
    object item = RegionLevelJson(view.levels[idx], tree);
    item["indicators"] = IndicatorValuesJson(view.values[idx]);
    regions.push_back(std::move(item));
  }
  return {{"as_of", view.as_of.ToString()}, {"regions", std::move(regions)}};
}

object ReplayJson(const levels::ReplayView& replay, const RegionTree& tree) {
  array changes;
  for (const levels::LevelChange& c : replay.changes) {
    changes.push_back(object{{"region", c.region},
                             {"name", NameOf(tree, c.region)},
                             {"day", c.day.ToString()},
                             {"from_level", replay.levels[static_cast<size_t>(c.from_idx)]},
                             {"to_level", replay.levels[static_cast<size_t>(c.to_idx)]},
                             {"triggers", TriggersJson(c.triggers)}});
  }
  array regions;
  for (const std::string& code : replay.regions) regions.push_back(value(code));
  return {{"from", replay.from.ToString()},
          {"to", replay.to.ToString()},
          {"rules_version", replay.rules_version},
          {"regions", std::move(regions)},
          {"changes", std::move(changes)}};
}

object PreventionSummaryJson(const levels::PreventionSummary& summary, const RegionTree& tree) {
  array pending;
  for (const levels::ProposalView& p : summary.pending) pending.push_back(ProposalJson(p, tree));
  array overdue;
  for (const levels::TaskView& t : summary.overdue) overdue.push_back(TaskJson(t, tree));
  return {{"pending_proposals", std::move(pending)}, {"overdue_tasks", std::move(overdue)}};
}

std::string RenderPreventionSectionText(const levels::PreventionSummary& summary,
                                        const RegionTree& tree) {
  if (summary.pending.empty() && summary.overdue.empty()) return "";
  std::string out = "\nPrevention levels:\n";
  if (summary.pending.empty()) out += "  No level proposal awaits a decision.\n";
  for (const levels::ProposalView& p : summary.pending) {
    out += fmt::format("  Proposal {} ({}): {} from {} to {}; {}\n", p.id, p.day.ToString(),
                       NameOf(tree, p.region), p.from_level, p.to_level,
                       levels::DescribeTriggers(p.triggers));
  }
  if (!summary.overdue.empty()) {
    out += fmt::format("  {} task(s) of the action programmes overdue:\n", summary.overdue.size());
    for (size_t idx = 0; idx < summary.overdue.size() && idx < kTasksShown; ++idx) {
      const levels::TaskView& t = summary.overdue[idx];
      out += fmt::format("  Task {} due {}: {}: {} ({})\n", t.id, t.due.ToString(),
                         NameOf(tree, t.region), t.title, t.unit);
    }
    if (summary.overdue.size() > kTasksShown) {
      out += fmt::format("  ... and {} more (outbreak levels tasks --overdue)\n",
                         summary.overdue.size() - kTasksShown);
    }
  }
  return out;
}

std::string RenderPreventionSectionMarkdown(const levels::PreventionSummary& summary,
                                            const RegionTree& tree) {
  if (summary.pending.empty() && summary.overdue.empty()) return "";
  std::string out = "\n## Prevention levels\n\n";
  if (summary.pending.empty()) {
    out += "No level proposal awaits a decision.\n";
  } else {
    out += "| proposal | day | region | from | to | evidence |\n|---:|---|---|---|---|---|\n";
    for (const levels::ProposalView& p : summary.pending) {
      out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", p.id, p.day.ToString(),
                         NameOf(tree, p.region), p.from_level, p.to_level,
                         levels::DescribeTriggers(p.triggers));
    }
  }
  if (!summary.overdue.empty()) {
    out += fmt::format(
        "\n{} task(s) of the action programmes overdue:\n\n| task | due | region | task | "
        "responsible |\n|---:|---|---|---|---|\n",
        summary.overdue.size());
    for (size_t idx = 0; idx < summary.overdue.size() && idx < kTasksShown; ++idx) {
      const levels::TaskView& t = summary.overdue[idx];
      out += fmt::format("| {} | {} | {} | {} | {} |\n", t.id, t.due.ToString(),
                         NameOf(tree, t.region), t.title, t.unit);
    }
    if (summary.overdue.size() > kTasksShown) {
      out += fmt::format("\n... and {} more.\n", summary.overdue.size() - kTasksShown);
    }
  }
  return out;
}

}  // namespace outbreak::report
