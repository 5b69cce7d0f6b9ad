#pragma once
// LevelsService: prevention levels and action programmes for the CLI and the HTTP layer.
//
// Holds the rules and action programmes in force (the newest loaded, kept in the store with
// their text and version) and, on a store connection of its own, the proposals, the
// append-only decisions and the tasks. Proposals come from the level engine
// (levels/level_engine.hpp) over the indicators of the IndicatorSource. A region's level is
// that of the latest decision (by day, then order of recording) on it or on any of its
// ancestors; a region no decision reaches is at the lowest level. A decision that changes a
// region's level creates the tasks of the new level's programme for that region, in the same
// transaction.
//
// Errors: kInvalidArgument for bad rules or programmes files (every mistake listed), unknown
// regions or levels, a missing reason; kNotFound for no such proposal or task; kConflict for a
// proposal already decided or made stale by a later decision, a task already done, rules that
// drop a level still in use; kNotFound also when no rules have been loaded. Nothing is written on
// any error.
//
// Thread-safe: one mutex serialises the store connection and the rules in force.

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/clock.hpp"
#include "app/indicator_source.hpp"
#include "app/surveillance_service.hpp"
#include "levels/action_programme.hpp"
#include "levels/level_rules.hpp"
#include "levels/level_views.hpp"
#include "store/levels_store.hpp"
#include "store/store.hpp"

namespace outbreak::app {

enum class LevelOutcome { kAccept, kReject, kOverride };

struct DecisionInput {
  LevelOutcome outcome = LevelOutcome::kAccept;
  std::string level;   // the level chosen instead, for kOverride
  std::string reason;  // required
};

struct EvaluateResult {
  Date as_of;
  int regions = 0;                             // regions evaluated
  std::vector<levels::ProposalView> proposed;  // new proposals
  int64_t kept = 0;                            // identical proposals already made
  int64_t superseded = 0;                      // pending proposals the evaluation replaced
};

struct LoadedDocument {
  int64_t id = 0;
  std::string version;
  std::string source;
};

class LevelsService {
 public:
  // Reads the rules and programmes in force from a migrated store.
  static Result<std::unique_ptr<LevelsService>> Open(std::unique_ptr<store::Store> store,
                                                     const SurveillanceService& surveillance,
                                                     const IndicatorSource& indicators,
                                                     const Clock& clock);

  // Another process changed levels, rules, programmes or tasks (the change log): reloads the
  // rules and programmes in force and moves DataVersion.
  Status ApplyChanges(std::span<const store::Change> changes);

  // Grows by one with every write, here or by another process: a cache of anything read from the
  // service is fresh while this has not moved.
  uint64_t DataVersion() const { return data_version_.load(std::memory_order_acquire); }

  // Rules and programmes. Check parses and validates only; Load also stores the file and puts it
  // in force. New rules must keep every level named by a decision, a pending proposal or the
  // programmes in force; new programmes must name only levels of the rules in force.
  Result<levels::LevelRules> CheckRules(std::string_view text, std::string_view file) const;
  Result<LoadedDocument> LoadRules(std::string_view text, std::string_view file,
                                   const Actor& actor);
  Result<levels::ActionProgrammes> CheckProgrammes(std::string_view text,
                                                   std::string_view file) const;
  Result<LoadedDocument> LoadProgrammes(std::string_view text, std::string_view file,
                                        const Actor& actor);
  // The text of the document in force ("rules" or "programmes"), if any.
  Result<std::optional<store::LevelsDocument>> Document(std::string_view kind) const;
  std::optional<levels::LevelRules> Rules() const;
  std::optional<levels::ActionProgrammes> Programmes() const;

  // The level on `as_of` (default: the latest day with data) of `region` followed by the regions
  // the rules evaluate under it.
  Result<std::vector<levels::RegionLevel>> Levels(std::string_view region,
                                                  std::optional<Date> as_of) const;
  // The indicators on `as_of` of the regions the rules evaluate under `region`.
  Result<levels::IndicatorsView> Indicators(std::string_view region,
                                            std::optional<Date> as_of) const;

  // Runs the rules on `as_of` (default: the latest day with data) for the regions they evaluate
  // under `region`, and stores what they propose. Running it again on the same day adds nothing.
  Result<EvaluateResult> Evaluate(std::string_view region, std::optional<Date> as_of,
                                  const Actor& actor);
  // Proposals under `region`, newest first; only those with `status` when it is not empty.
  Result<std::vector<levels::ProposalView>> Proposals(std::string_view region,
                                                      std::string_view status) const;
  Result<levels::ProposalView> FindProposal(int64_t id) const;
  // Accepts, rejects or overrides a pending proposal; the decision takes effect on its day.
  Result<levels::DecisionView> Decide(int64_t proposal_id, const DecisionInput& input,
                                      const Actor& actor);
  // Sets a region's level directly from `day` on (the headquarters' own decision).
  Result<levels::DecisionView> SetLevel(std::string_view region, std::string_view level, Date day,
                                        std::string_view reason, const Actor& actor);
  // Decisions on `region`, its ancestors and the regions under it, oldest first.
  Result<std::vector<levels::DecisionView>> History(std::string_view region) const;

  // The rules' timeline from `from` (default: the first day with data) to `to` (default: the
  // latest), for the regions they evaluate under `region`, as if every proposal were accepted.
  // `rules` replaces the rules in force when given. Writes nothing.
  Result<levels::ReplayView> Replay(std::string_view region, std::optional<Date> from,
                                    std::optional<Date> to,
                                    const std::optional<levels::LevelRules>& rules) const;

  // Tasks under `region`, by due day; their state by the clock's reporting day.
  Result<std::vector<levels::TaskView>> Tasks(std::string_view region, bool overdue_only) const;
  Result<levels::TaskView> FindTask(int64_t id) const;
  // Marks a task done, recording who and when.
  Result<levels::TaskView> CompleteTask(int64_t id, std::string_view note, const Actor& actor);

  // For the situation report of `region` on `as_of`: proposals pending and made on or before it,
  // and tasks not done whose due day is before it.
  Result<levels::PreventionSummary> Summary(std::string_view region, Date as_of) const;

 private:
  LevelsService(std::unique_ptr<store::Store> store, const SurveillanceService& surveillance,
                const IndicatorSource& indicators, const Clock& clock);
  store::WriteContext Context(const Actor& actor) const;
  // Reads the newest rules and programmes from the store and puts them in force (mutex_ held,
  // or before the service is shared).
  Status LoadDocumentsInForce();
  // The regions the rules evaluate under `root` (itself when it is of their level).
  std::vector<std::string> EvaluatedRegions(RegionIdx root, int region_level) const;
  // A region's level on `day` from `decisions` (oldest first), under `rules`.
  levels::RegionLevel LevelOf(const std::vector<store::DecisionRecord>& decisions,
                              const levels::LevelRules& rules, RegionIdx region, Date day) const;
  Result<levels::DecisionView> Record(store::DecisionRecord decision, const Actor& actor);
  bool InSubtree(RegionIdx root, const std::string& code) const;

  std::unique_ptr<store::Store> store_;
  const SurveillanceService& surveillance_;
  const IndicatorSource& indicators_;
  const Clock& clock_;
  mutable std::mutex mutex_;  // the store connection and the documents in force
  std::optional<levels::LevelRules> rules_;
  std::optional<levels::ActionProgrammes> programmes_;
  std::atomic<uint64_t> data_version_{0};
};

}  // namespace outbreak::app
