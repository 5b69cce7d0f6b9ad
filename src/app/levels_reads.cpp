// LevelsService: proposals, history, replay, tasks and the situation report's section.

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "app/levels_records.hpp"
#include "app/levels_service.hpp"
#include "levels/level_engine.hpp"

namespace outbreak::app {

namespace {

constexpr char kNoRules[] = "no prevention rules are loaded (outbreak levels rules load)";

}  // namespace

Result<levels::IndicatorsView> LevelsService::Indicators(std::string_view region,
                                                         std::optional<Date> as_of) const {
  auto levels = Levels(region, as_of);
  if (!levels.ok()) return levels.status();
  std::optional<levels::LevelRules> rules = Rules();
  levels::IndicatorsView view;
  view.as_of = as_of.value_or(surveillance_.LatestDay());
  std::vector<std::string> codes;
  for (const levels::RegionLevel& level : *levels) {
    const int tree_level = surveillance_.WithTree(
        [&](const RegionTree& tree) { return tree.region(*tree.Find(level.region)).level; });
    // The region asked for is shown only when the rules evaluate its level.
    if (tree_level != rules->region_level) continue;
    view.levels.push_back(level);
    codes.push_back(level.region);
  }
  if (codes.empty()) return view;
  auto table = indicators_.Build(codes, view.as_of, view.as_of);
  if (!table.ok()) return table.status();
  for (const std::string& code : codes) view.values.push_back(table->at(code).days.front());
  return view;
}

Result<std::vector<levels::ProposalView>> LevelsService::Proposals(std::string_view region,
                                                                   std::string_view status) const {
  Result<RegionIdx> root = surveillance_.FindRegion(region);
  if (!root.ok()) return root.status();
  Result<std::vector<store::ProposalRecord>> all = [&] {
    std::lock_guard lock(mutex_);
    return store_->Levels().LoadProposals();
  }();
  if (!all.ok()) return all.status();
  std::vector<levels::ProposalView> out;
  for (auto it = all->rbegin(); it != all->rend(); ++it) {
    if (!status.empty() && it->status != status) continue;
    if (InSubtree(*root, it->region)) out.push_back(ProposalViewOf(*it));
  }
  return out;
}

Result<levels::ProposalView> LevelsService::FindProposal(int64_t id) const {
  std::lock_guard lock(mutex_);
  auto found = store_->Levels().FindProposal(id);
  if (!found.ok()) return found.status();
  if (!found->has_value()) return Status::NotFound(fmt::format("proposal {} does not exist", id));
  return ProposalViewOf(**found);
}

Result<std::vector<levels::DecisionView>> LevelsService::History(std::string_view region) const {
  Result<RegionIdx> root = surveillance_.FindRegion(region);
  if (!root.ok()) return root.status();
  std::unique_lock lock(mutex_);
  auto decisions = store_->Levels().LoadDecisions();
  if (!decisions.ok()) return decisions.status();
  auto tasks = store_->Levels().LoadTasks();
  if (!tasks.ok()) return tasks.status();
  lock.unlock();
  std::map<int64_t, int64_t> task_counts;
  for (const store::TaskRecord& task : *tasks) ++task_counts[task.decision_id];
  return surveillance_.WithTree([&](const RegionTree& tree) {
    std::vector<levels::DecisionView> out;
    for (const store::DecisionRecord& d : *decisions) {
      const std::optional<RegionIdx> at = tree.Find(d.region);
      if (!at || !(tree.IsInSubtree(*root, *at) || tree.IsInSubtree(*at, *root))) continue;
      out.push_back(DecisionViewOf(d, task_counts[d.id]));
    }
    return out;
  });
}

Result<levels::ReplayView> LevelsService::Replay(
    std::string_view region, std::optional<Date> from, std::optional<Date> to,
    const std::optional<levels::LevelRules>& rules_given) const {
  Result<RegionIdx> root = surveillance_.FindRegion(region);
  if (!root.ok()) return root.status();
  std::optional<levels::LevelRules> rules = rules_given ? rules_given : Rules();
  if (!rules) return Status::NotFound(kNoRules);
  if (!surveillance_.HasData() && (!from || !to)) {
    return Status::NotFound("there are no reports to replay the rules over");
  }
  levels::ReplayView view;
  view.to = to.value_or(surveillance_.LatestDay());
  if (from) {
    view.from = *from;
  } else {
    auto series =
        surveillance_.Series(surveillance_.tree().region(*root).code, std::nullopt, view.to);
    if (!series.ok()) return series.status();
    view.from = series->empty() ? view.to : series->front().date;
  }
  if (view.to < view.from) {
    return Status::InvalidArgument(
        fmt::format("to: {} is before from {}", view.to.ToString(), view.from.ToString()));
  }
  view.rules_version = rules->version;
  for (const levels::Level& level : rules->levels) view.levels.push_back(level.key);
  view.regions = EvaluatedRegions(*root, rules->region_level);
  if (view.regions.empty()) return view;
  auto table = indicators_.Build(view.regions, view.from, view.to);
  if (!table.ok()) return table.status();
  view.changes = levels::Replay(*rules, *table, view.from, view.to);
  return view;
}

Result<std::vector<levels::TaskView>> LevelsService::Tasks(std::string_view region,
                                                           bool overdue_only) const {
  Result<RegionIdx> root = surveillance_.FindRegion(region);
  if (!root.ok()) return root.status();
  Result<std::vector<store::TaskRecord>> all = [&] {
    std::lock_guard lock(mutex_);
    return store_->Levels().LoadTasks();
  }();
  if (!all.ok()) return all.status();
  const Date today = surveillance_.Today();
  std::vector<levels::TaskView> out;
  for (const store::TaskRecord& task : *all) {
    if (!InSubtree(*root, task.region)) continue;
    levels::TaskView view = TaskViewOf(task, today);
    if (overdue_only && view.state != levels::TaskState::kOverdue) continue;
    out.push_back(std::move(view));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.due < b.due; });
  return out;
}

Result<levels::TaskView> LevelsService::FindTask(int64_t id) const {
  Result<std::vector<store::TaskRecord>> all = [&] {
    std::lock_guard lock(mutex_);
    return store_->Levels().LoadTasks();
  }();
  if (!all.ok()) return all.status();
  for (const store::TaskRecord& task : *all) {
    if (task.id == id) return TaskViewOf(task, surveillance_.Today());
  }
  return Status::NotFound(fmt::format("task {} does not exist", id));
}

Result<levels::TaskView> LevelsService::CompleteTask(int64_t id, std::string_view note,
                                                     const Actor& actor) {
  {
    std::lock_guard lock(mutex_);
    if (Status s = store_->Levels().CompleteTask(id, note, Context(actor)); !s.ok()) return s;
    data_version_.fetch_add(1, std::memory_order_acq_rel);
  }
  return FindTask(id);
}

Result<levels::PreventionSummary> LevelsService::Summary(std::string_view region,
                                                         Date as_of) const {
  Result<RegionIdx> root = surveillance_.FindRegion(region);
  if (!root.ok()) return root.status();
  std::unique_lock lock(mutex_);
  auto proposals = store_->Levels().LoadProposals();
  if (!proposals.ok()) return proposals.status();
  auto tasks = store_->Levels().LoadTasks();
  if (!tasks.ok()) return tasks.status();
  lock.unlock();
  levels::PreventionSummary summary;
  summary.as_of = as_of;
  for (const store::ProposalRecord& p : *proposals) {
    if (p.status == "pending" && p.day <= as_of && InSubtree(*root, p.region)) {
      summary.pending.push_back(ProposalViewOf(p));
    }
  }
  for (const store::TaskRecord& task : *tasks) {
    if (task.done || task.due >= as_of || !InSubtree(*root, task.region)) continue;
    summary.overdue.push_back(TaskViewOf(task, as_of));
  }
  std::stable_sort(summary.overdue.begin(), summary.overdue.end(),
                   [](const auto& a, const auto& b) { return a.due < b.due; });
  return summary;
}

}  // namespace outbreak::app
