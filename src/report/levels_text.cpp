// Text and Markdown of prevention levels: rules, levels, indicators, proposals, decisions,
// tasks and the replay timeline.

#include <map>

#include <fmt/format.h>

#include "levels/level_engine.hpp"
#include "report/levels_render.hpp"

namespace outbreak::report {

namespace {

std::string NameOf(const RegionTree& tree, const std::string& code) {
  const std::optional<RegionIdx> idx = tree.Find(code);
  return idx ? tree.region(*idx).name : code;
}

std::string Conditions(const std::vector<levels::Condition>& conditions, const char* separator) {
  std::string out;
  for (const levels::Condition& c : conditions) {
    if (!out.empty()) out += separator;
    out += c.ToString();
  }
  return out.empty() ? "-" : out;
}

std::string Value(const std::optional<double>& value) {
  return value ? levels::FormatIndicatorValue(*value) : "-";
}

// Each region's moves as "DAY → level, DAY → level".
std::map<std::string, std::string> MovesByRegion(const levels::ReplayView& replay) {
  std::map<std::string, std::string> out;
  for (const std::string& region : replay.regions) out[region];
  for (const levels::LevelChange& c : replay.changes) {
    std::string& line = out[c.region];
    if (!line.empty()) line += ", ";
    line += fmt::format("{} → {}", c.day.ToString(), replay.levels[static_cast<size_t>(c.to_idx)]);
  }
  return out;
}

}  // namespace

std::string RenderLevelRulesText(const levels::LevelRules& rules) {
  std::string out = fmt::format(
      "Rules {}: regions of level {}; raise after {} day(s), lower after {} day(s) and at least "
      "{} day(s) at a level\n",
      rules.version, rules.region_level, rules.raise_after_days, rules.lower_after_days,
      rules.min_days_at_level);
  for (size_t idx = 0; idx < rules.levels.size(); ++idx) {
    const levels::Level& level = rules.levels[idx];
    out += fmt::format("\n{} {} ({})\n", idx, level.key, level.name);
    if (idx > 0) {
      out += fmt::format("  raise when any of: {}\n", Conditions(level.raise, "; "));
      out += fmt::format("  lower when all of:  {} (after {} days at the level)\n",
                         Conditions(level.lower, "; "), rules.MinDaysAt(static_cast<int>(idx)));
    }
    for (const std::string& measure : level.measures) out += "  - " + measure + "\n";
  }
  return out;
}

std::string RenderLevelsText(const std::vector<levels::RegionLevel>& levels,
                             const RegionTree& tree) {
  std::string out =
      fmt::format("{:<10}{:<22}{:<20}{:<12}{}\n", "region", "name", "level", "since", "set on");
  for (const levels::RegionLevel& level : levels) {
    out += fmt::format("{:<10}{:<22}{:<20}{:<12}{}\n", level.region, NameOf(tree, level.region),
                       level.level, level.since ? level.since->ToString() : "-",
                       level.set_on.empty() ? "-" : level.set_on);
  }
  return out;
}

std::string RenderIndicatorsText(const levels::IndicatorsView& view, const RegionTree& tree) {
  std::string out = fmt::format("Indicators as of {}\n", view.as_of.ToString());
  out +=
      fmt::format("{:<10}{:<20}{:>10}{:>8}{:>8}{:>9}{:>7}{:>9}{:>9}{:>9}\n", "region", "level",
                  "inc/100k", "R_t", "R_t hi", "growth", "beds", "med.days", "pt/doc", "reported");
  for (size_t idx = 0; idx < view.levels.size(); ++idx) {
    const levels::IndicatorValues& v = view.values[idx];
    using levels::Indicator;
    out += fmt::format(
        "{:<10}{:<20}{:>10}{:>8}{:>8}{:>9}{:>7}{:>9}{:>9}{:>9}\n", view.levels[idx].region,
        view.levels[idx].level, Value(v[Indicator::kIncidence7dPer100k]),
        Value(v[Indicator::kRtMean]), Value(v[Indicator::kRtUpper]),
        Value(v[Indicator::kGrowthRate]), Value(v[Indicator::kBedOccupancy]),
        Value(v[Indicator::kMedicineDaysOfCover]), Value(v[Indicator::kPatientsPerDoctor]),
        Value(v[Indicator::kReportingCompleteness]));
  }
  (void)tree;
  return out;
}

std::string RenderProposalsText(const std::vector<levels::ProposalView>& proposals,
                                const RegionTree& tree) {
  if (proposals.empty()) return "No proposals.\n";
  std::string out;
  for (const levels::ProposalView& p : proposals) {
    out += fmt::format("{:>5}  {}  {:<8} {:<18} {} -> {}  [{}]\n       {}\n", p.id,
                       p.day.ToString(), p.region, NameOf(tree, p.region), p.from_level, p.to_level,
                       p.status, levels::DescribeTriggers(p.triggers));
  }
  return out;
}

std::string RenderDecisionsText(const std::vector<levels::DecisionView>& decisions,
                                const RegionTree& tree) {
  if (decisions.empty()) return "No decisions.\n";
  std::string out;
  for (const levels::DecisionView& d : decisions) {
    out += fmt::format(
        "{:>5}  {}  {:<8} {:<18} {} -> {}  {}{} by {} at {} (rules {}); {} task(s)\n       {}\n",
        d.id, d.day.ToString(), d.region, NameOf(tree, d.region), d.from_level, d.to_level,
        d.outcome, d.proposal_id != 0 ? fmt::format(" proposal {}", d.proposal_id) : "",
        d.decided_by, d.decided_at, d.rules_version, d.tasks, d.reason);
  }
  return out;
}

std::string RenderTasksText(const std::vector<levels::TaskView>& tasks, const RegionTree& tree) {
  if (tasks.empty()) return "No tasks.\n";
  std::string out;
  for (const levels::TaskView& t : tasks) {
    out += fmt::format("{:>5}  due {}  {:<8}{:<9} {:<18} {} ({})\n", t.id, t.due.ToString(),
                       levels::TaskStateName(t.state), t.region, NameOf(tree, t.region), t.title,
                       t.unit);
    if (t.state == levels::TaskState::kDone) {
      out += fmt::format("       done by {} at {}{}\n", t.done_by, t.done_at,
                         t.note.empty() ? "" : ": " + t.note);
    }
  }
  return out;
}

std::string RenderReplayText(const levels::ReplayView& replay, const RegionTree& tree) {
  std::string out = fmt::format(
      "Replay of rules {} from {} to {}, every proposal accepted, every region starting at {}\n\n",
      replay.rules_version, replay.from.ToString(), replay.to.ToString(),
      replay.levels.empty() ? "" : replay.levels.front());
  for (const auto& [region, moves] : MovesByRegion(replay)) {
    out += fmt::format("{:<8}{:<18}{}\n", region, NameOf(tree, region),
                       moves.empty() ? "no change" : moves);
  }
  out += "\nBy day:\n";
  for (const levels::LevelChange& c : replay.changes) {
    out += fmt::format("{}  {:<8}{:<18}{} -> {}  {}\n", c.day.ToString(), c.region,
                       NameOf(tree, c.region), replay.levels[static_cast<size_t>(c.from_idx)],
                       replay.levels[static_cast<size_t>(c.to_idx)],
                       levels::DescribeTriggers(c.triggers));
  }
  return out;
}

std::string RenderReplayMarkdown(const levels::ReplayView& replay, const RegionTree& tree) {
  std::string out = fmt::format(
      "Rules {}, {} to {}, every proposal accepted, every region starting at {}.\n\n"
      "| region | moves |\n|---|---|\n",
      replay.rules_version, replay.from.ToString(), replay.to.ToString(),
      replay.levels.empty() ? "" : replay.levels.front());
  for (const auto& [region, moves] : MovesByRegion(replay)) {
    out += fmt::format("| {} {} | {} |\n", region, NameOf(tree, region),
                       moves.empty() ? "no change" : moves);
  }
  out += "\n| day | region | from | to | evidence on the day |\n|---|---|---|---|---|\n";
  for (const levels::LevelChange& c : replay.changes) {
    out += fmt::format("| {} | {} | {} | {} | {} |\n", c.day.ToString(), NameOf(tree, c.region),
                       replay.levels[static_cast<size_t>(c.from_idx)],
                       replay.levels[static_cast<size_t>(c.to_idx)],
                       levels::DescribeTriggers(c.triggers));
  }
  return out;
}

}  // namespace outbreak::report
