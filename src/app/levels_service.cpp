// LevelsService: the rules and programmes in force, levels, evaluation and decisions.

#include "app/levels_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "app/levels_records.hpp"
#include "levels/level_engine.hpp"

namespace outbreak::app {

namespace {

constexpr char kRules[] = "rules";
constexpr char kProgrammes[] = "programmes";

}  // namespace

LevelsService::LevelsService(std::unique_ptr<store::Store> store,
                             const SurveillanceService& surveillance,
                             const IndicatorSource& indicators, const Clock& clock)
    : store_(std::move(store)),
      surveillance_(surveillance),
      indicators_(indicators),
      clock_(clock) {}

Result<std::unique_ptr<LevelsService>> LevelsService::Open(std::unique_ptr<store::Store> store,
                                                           const SurveillanceService& surveillance,
                                                           const IndicatorSource& indicators,
                                                           const Clock& clock) {
  std::unique_ptr<LevelsService> service(
      new LevelsService(std::move(store), surveillance, indicators, clock));
  if (Status s = service->LoadDocumentsInForce(); !s.ok()) return s;
  return service;
}

Status LevelsService::LoadDocumentsInForce() {
  auto rules = store_->Levels().LatestDocument(kRules);
  if (!rules.ok()) return rules.status();
  std::optional<levels::LevelRules> rules_in_force;
  if (rules->has_value()) {
    auto parsed = levels::ParseLevelRules((*rules)->text, (*rules)->source);
    if (!parsed.ok())
      return Status::Internal("the stored rules no longer parse: " + parsed.status().ToString());
    rules_in_force = std::move(*parsed);
  }
  auto programmes = store_->Levels().LatestDocument(kProgrammes);
  if (!programmes.ok()) return programmes.status();
  std::optional<levels::ActionProgrammes> programmes_in_force;
  if (programmes->has_value() && rules_in_force) {
    auto parsed =
        levels::ParseActionProgrammes((*programmes)->text, (*programmes)->source, *rules_in_force);
    if (!parsed.ok())
      return Status::Internal("the stored action programmes no longer parse: " +
                              parsed.status().ToString());
    programmes_in_force = std::move(*parsed);
  }
  rules_ = std::move(rules_in_force);
  programmes_ = std::move(programmes_in_force);
  return Status::Ok();
}

Status LevelsService::ApplyChanges(std::span<const store::Change> changes) {
  bool levels = false;
  for (const store::Change& change : changes) levels |= change.kind == store::ChangeKind::kLevels;
  if (!levels) return Status::Ok();
  std::lock_guard lock(mutex_);
  if (Status s = LoadDocumentsInForce(); !s.ok()) return s;
  data_version_.fetch_add(1, std::memory_order_release);
  return Status::Ok();
}

store::WriteContext LevelsService::Context(const Actor& actor) const {
  return {actor.user, IsoTimestamp(clock_.NowUnixSeconds()), actor.reason, actor.source,
          actor.address};
}

Result<levels::LevelRules> LevelsService::CheckRules(std::string_view text,
                                                     std::string_view file) const {
  return levels::ParseLevelRules(text, file);
}

Result<LoadedDocument> LevelsService::LoadRules(std::string_view text, std::string_view file,
                                                const Actor& actor) {
  auto rules = levels::ParseLevelRules(text, file);
  if (!rules.ok()) return rules.status();
  std::lock_guard lock(mutex_);
  // Levels still in use must survive.
  std::map<std::string, std::string> used;  // level -> where it is used
  auto decisions = store_->Levels().LoadDecisions();
  if (!decisions.ok()) return decisions.status();
  for (const store::DecisionRecord& d : *decisions) {
    used.try_emplace(d.to_level, fmt::format("decision {}", d.id));
  }
  auto proposals = store_->Levels().LoadProposals();
  if (!proposals.ok()) return proposals.status();
  for (const store::ProposalRecord& p : *proposals) {
    if (p.status == "pending") used.try_emplace(p.to_level, fmt::format("proposal {}", p.id));
  }
  if (programmes_) {
    for (const auto& [level, tasks] : programmes_->tasks) {
      used.try_emplace(level, "the action programmes in force");
    }
  }
  std::vector<std::string> missing;
  for (const auto& [level, where] : used) {
    if (!rules->IndexOf(level)) {
      missing.push_back(
          fmt::format("{}: level \"{}\" is used by {} but not defined", file, level, where));
    }
  }
  if (!missing.empty()) {
    return Status(StatusCode::kConflict,
                  fmt::format("{}: the rules drop {} level(s) still in use", file, missing.size()),
                  std::move(missing));
  }
  auto id = store_->Levels().SaveDocument(
      {0, kRules, rules->version, std::string(file), std::string(text), "", ""}, Context(actor));
  if (!id.ok()) return id.status();
  rules_ = std::move(*rules);
  data_version_.fetch_add(1, std::memory_order_acq_rel);
  return LoadedDocument{*id, rules_->version, std::string(file)};
}

Result<levels::ActionProgrammes> LevelsService::CheckProgrammes(std::string_view text,
                                                                std::string_view file) const {
  std::optional<levels::LevelRules> rules = Rules();
  if (!rules) return Status::NotFound("no prevention rules are loaded: load the rules first");
  return levels::ParseActionProgrammes(text, file, *rules);
}

Result<LoadedDocument> LevelsService::LoadProgrammes(std::string_view text, std::string_view file,
                                                     const Actor& actor) {
  auto programmes = CheckProgrammes(text, file);
  if (!programmes.ok()) return programmes.status();
  std::lock_guard lock(mutex_);
  auto id = store_->Levels().SaveDocument(
      {0, kProgrammes, programmes->version, std::string(file), std::string(text), "", ""},
      Context(actor));
  if (!id.ok()) return id.status();
  programmes_ = std::move(*programmes);
  data_version_.fetch_add(1, std::memory_order_acq_rel);
  return LoadedDocument{*id, programmes_->version, std::string(file)};
}

Result<std::optional<store::LevelsDocument>> LevelsService::Document(std::string_view kind) const {
  std::lock_guard lock(mutex_);
  return store_->Levels().LatestDocument(kind);
}

std::optional<levels::LevelRules> LevelsService::Rules() const {
  std::lock_guard lock(mutex_);
  return rules_;
}

std::optional<levels::ActionProgrammes> LevelsService::Programmes() const {
  std::lock_guard lock(mutex_);
  return programmes_;
}

bool LevelsService::InSubtree(RegionIdx root, const std::string& code) const {
  return surveillance_.WithTree([&](const RegionTree& tree) {
    const std::optional<RegionIdx> idx = tree.Find(code);
    return idx && tree.IsInSubtree(root, *idx);
  });
}

std::vector<std::string> LevelsService::EvaluatedRegions(RegionIdx root, int region_level) const {
  return surveillance_.WithTree([&](const RegionTree& tree) {
    std::vector<std::string> out;
    for (RegionIdx idx = 0; idx < tree.size(); ++idx) {
      if (tree.region(idx).level == region_level && tree.IsInSubtree(root, idx)) {
        out.push_back(tree.region(idx).code);
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  });
}

levels::RegionLevel LevelsService::LevelOf(const std::vector<store::DecisionRecord>& decisions,
                                           const levels::LevelRules& rules, RegionIdx region,
                                           Date day) const {
  levels::RegionLevel out;
  std::vector<const store::DecisionRecord*> reaching;
  surveillance_.WithTree([&](const RegionTree& tree) {
    out.region = tree.region(region).code;
    for (const store::DecisionRecord& d : decisions) {
      if (d.day > day) continue;
      const std::optional<RegionIdx> at = tree.Find(d.region);
      if (at && tree.IsInSubtree(*at, region)) reaching.push_back(&d);
    }
    return 0;
  });
  std::stable_sort(reaching.begin(), reaching.end(),
                   [](const auto* a, const auto* b) { return a->day < b->day; });
  out.level_idx = 0;
  out.level = rules.levels.front().key;
  for (const store::DecisionRecord* d : reaching) {
    const std::optional<int> idx = rules.IndexOf(d->to_level);
    if (!idx) continue;
    if (*idx == out.level_idx) continue;  // a rejection or the same level again: no change
    out.level_idx = *idx;
    out.level = d->to_level;
    out.since = d->day;
    out.set_on = d->region;
    out.decision_id = d->id;
  }
  return out;
}

Result<std::vector<levels::RegionLevel>> LevelsService::Levels(std::string_view region,
                                                               std::optional<Date> as_of) const {
  Result<RegionIdx> root = surveillance_.FindRegion(region);
  if (!root.ok()) return root.status();
  std::optional<levels::LevelRules> rules = Rules();
  if (!rules)
    return Status::NotFound("no prevention rules are loaded (outbreak levels rules load)");
  const Date day = as_of.value_or(surveillance_.LatestDay());
  Result<std::vector<store::DecisionRecord>> decisions = [&] {
    std::lock_guard lock(mutex_);
    return store_->Levels().LoadDecisions();
  }();
  if (!decisions.ok()) return decisions.status();
  std::vector<levels::RegionLevel> out{LevelOf(*decisions, *rules, *root, day)};
  for (const std::string& code : EvaluatedRegions(*root, rules->region_level)) {
    const RegionIdx idx = *surveillance_.FindRegion(code);
    if (idx != *root) out.push_back(LevelOf(*decisions, *rules, idx, day));
  }
  return out;
}

Result<EvaluateResult> LevelsService::Evaluate(std::string_view region, std::optional<Date> as_of,
                                               const Actor& actor) {
  Result<RegionIdx> root = surveillance_.FindRegion(region);
  if (!root.ok()) return root.status();
  std::lock_guard lock(mutex_);
  if (!rules_)
    return Status::NotFound("no prevention rules are loaded (outbreak levels rules load)");
  const levels::LevelRules rules = *rules_;
  EvaluateResult result;
  result.as_of = as_of.value_or(surveillance_.LatestDay());
  const std::vector<std::string> regions = EvaluatedRegions(*root, rules.region_level);
  result.regions = static_cast<int>(regions.size());
  if (regions.empty()) return result;
  const int window = std::max(rules.raise_after_days, rules.lower_after_days);
  auto table = indicators_.Build(regions, result.as_of - (window - 1), result.as_of);
  if (!table.ok()) return table.status();
  auto decisions = store_->Levels().LoadDecisions();
  if (!decisions.ok()) return decisions.status();
  auto proposals = store_->Levels().LoadProposals();
  if (!proposals.ok()) return proposals.status();

  std::vector<store::ProposalRecord> added;
  std::vector<int64_t> superseded;
  for (const std::string& code : regions) {
    const RegionIdx idx = *surveillance_.FindRegion(code);
    const levels::RegionLevel level = LevelOf(*decisions, rules, idx, result.as_of);
    const std::optional<levels::LevelChange> change =
        levels::Evaluate(rules, table->at(code), {level.level_idx, level.since}, result.as_of);
    bool kept = false;
    for (const store::ProposalRecord& p : *proposals) {
      if (p.region != code) continue;
      const bool same = change && p.day == result.as_of &&
                        p.from_level == rules.levels[change->from_idx].key &&
                        p.to_level == rules.levels[change->to_idx].key;
      if (same) {
        kept = true;
      } else if (p.status == "pending" && p.day <= result.as_of) {
        superseded.push_back(p.id);
      }
    }
    if (kept) {
      ++result.kept;
      continue;
    }
    if (!change) continue;
    store::ProposalRecord record;
    record.region = code;
    record.day = result.as_of;
    record.from_level = rules.levels[change->from_idx].key;
    record.to_level = rules.levels[change->to_idx].key;
    record.rules_version = rules.version;
    record.triggers = TriggersJson(change->triggers);
    record.status = "pending";
    added.push_back(std::move(record));
  }
  if (added.empty() && superseded.empty()) return result;
  auto ids = store_->Levels().SaveProposals(added, superseded, Context(actor));
  if (!ids.ok()) return ids.status();
  data_version_.fetch_add(1, std::memory_order_acq_rel);
  const store::WriteContext context = Context(actor);
  for (size_t idx = 0; idx < added.size(); ++idx) {
    added[idx].id = (*ids)[idx];
    added[idx].created_by = context.user;
    added[idx].created_at = context.recorded_at;
    result.proposed.push_back(ProposalViewOf(added[idx]));
  }
  result.superseded = static_cast<int64_t>(superseded.size());
  return result;
}

Result<levels::DecisionView> LevelsService::Decide(int64_t proposal_id, const DecisionInput& input,
                                                   const Actor& actor) {
  if (input.reason.empty()) {
    return Status::InvalidArgument("reason: a decision on a level needs a reason");
  }
  std::unique_lock lock(mutex_);
  if (!rules_)
    return Status::NotFound("no prevention rules are loaded (outbreak levels rules load)");
  auto proposal = store_->Levels().FindProposal(proposal_id);
  if (!proposal.ok()) return proposal.status();
  if (!proposal->has_value()) {
    return Status::NotFound(fmt::format("proposal {} does not exist", proposal_id));
  }
  const store::ProposalRecord& p = **proposal;
  if (input.outcome == LevelOutcome::kOverride && !rules_->IndexOf(input.level)) {
    return Status::InvalidArgument(fmt::format("level: \"{}\" is not a level of the rules ({})",
                                               input.level, rules_->KeyList()));
  }
  if (p.status != "pending") {
    return Status::Conflict(
        fmt::format("proposal {} is {}, not pending: it was decided already", p.id, p.status));
  }
  Result<RegionIdx> region = surveillance_.FindRegion(p.region);
  if (!region.ok()) return region.status();
  auto decisions = store_->Levels().LoadDecisions();
  if (!decisions.ok()) return decisions.status();
  const levels::RegionLevel now = LevelOf(*decisions, *rules_, *region, p.day);
  if (now.level != p.from_level) {
    return Status::Conflict(fmt::format(
        "proposal {}: {} is at {} on {} since a later decision, not at {}: evaluate again", p.id,
        p.region, now.level, p.day.ToString(), p.from_level));
  }
  store::DecisionRecord decision;
  decision.proposal_id = p.id;
  decision.region = p.region;
  decision.day = p.day;
  decision.from_level = now.level;
  switch (input.outcome) {
    case LevelOutcome::kAccept:
      decision.outcome = "accepted";
      decision.to_level = p.to_level;
      break;
    case LevelOutcome::kReject:
      decision.outcome = "rejected";
      decision.to_level = now.level;
      break;
    case LevelOutcome::kOverride:
      decision.outcome = "overridden";
      decision.to_level = input.level;
      break;
  }
  decision.reason = input.reason;
  lock.unlock();
  return Record(std::move(decision), actor);
}

Result<levels::DecisionView> LevelsService::SetLevel(std::string_view region,
                                                     std::string_view level, Date day,
                                                     std::string_view reason, const Actor& actor) {
  std::vector<std::string> errors;
  Result<RegionIdx> idx = surveillance_.FindRegion(region);
  if (!idx.ok()) errors.push_back(fmt::format("region: \"{}\" is not a known region", region));
  std::optional<levels::LevelRules> rules = Rules();
  if (!rules)
    return Status::NotFound("no prevention rules are loaded (outbreak levels rules load)");
  if (!rules->IndexOf(level)) {
    errors.push_back(
        fmt::format("level: \"{}\" is not a level of the rules ({})", level, rules->KeyList()));
  }
  if (reason.empty()) errors.push_back("reason: a decision on a level needs a reason");
  if (!errors.empty()) {
    std::string message = fmt::format("{} error(s); nothing was written", errors.size());
    return Status::InvalidArgument(std::move(message), std::move(errors));
  }
  store::DecisionRecord decision;
  decision.region = std::string(region);
  decision.day = day;
  decision.outcome = "set";
  decision.to_level = std::string(level);
  decision.reason = std::string(reason);
  return Record(std::move(decision), actor);
}

Result<levels::DecisionView> LevelsService::Record(store::DecisionRecord decision,
                                                   const Actor& actor) {
  std::lock_guard lock(mutex_);
  if (!rules_)
    return Status::NotFound("no prevention rules are loaded (outbreak levels rules load)");
  auto decisions = store_->Levels().LoadDecisions();
  if (!decisions.ok()) return decisions.status();
  const RegionIdx idx = *surveillance_.FindRegion(decision.region);
  const levels::RegionLevel before = LevelOf(*decisions, *rules_, idx, decision.day);
  if (decision.outcome == "set") decision.from_level = before.level;
  if (decision.outcome == "rejected") decision.to_level = before.level;
  decision.rules_version = rules_->version;
  decision.programmes_version = programmes_ ? programmes_->version : "";
  std::vector<store::TaskRecord> tasks;
  if (decision.to_level != before.level && programmes_) {
    for (const levels::PlannedTask& planned :
         levels::TasksFor(*programmes_, decision.to_level, decision.day)) {
      store::TaskRecord task;
      task.region = decision.region;
      task.level = decision.to_level;
      task.title = planned.title;
      task.unit = planned.unit;
      task.due = planned.due;
      tasks.push_back(std::move(task));
    }
  }
  Actor with_reason = actor;
  with_reason.reason = decision.reason;
  auto saved = store_->Levels().SaveDecision(decision, tasks, Context(with_reason));
  if (!saved.ok()) return saved.status();
  data_version_.fetch_add(1, std::memory_order_acq_rel);
  return DecisionViewOf(*saved, static_cast<int64_t>(tasks.size()));
}

}  // namespace outbreak::app
