#pragma once
// LevelsStore: the port through which prevention levels are kept durable: the rules and
// action programmes loaded (every version, with its text), level proposals, the decisions on them
// (append-only: a decision is never changed or removed), and the tasks of the action programmes.
// Reached through Store::Levels(); it shares its Store's connection, so the same thread rules
// apply: one thread at a time.
//
// Every write is one transaction with its audit entries ("levels.rules", "levels.programmes",
// "levels.propose", "levels.decide", "task.done"). Errors: kInvalidArgument for an unknown region
// and data the schema refuses, kNotFound for no such proposal or task, kConflict for a proposal
// that is no longer pending or a task already done (perhaps by another caller meanwhile),
// kUnavailable and kInternal as for Store.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/status.hpp"
#include "store/store.hpp"

namespace outbreak::store {

// A rules or action programmes file as loaded: the text is kept whole, so the rules a decision
// was taken under can be read again.
struct LevelsDocument {
  int64_t id = 0;         // assigned by the store
  std::string kind;       // "rules" or "programmes"
  std::string version;    // the file's own version string
  std::string source;     // the file name it came from
  std::string text;       // the whole file
  std::string loaded_by;  // filled by the store from the context
  std::string loaded_at;
};

// A change of level the rules proposed.
struct ProposalRecord {
  int64_t id = 0;  // assigned by the store
  std::string region;
  Date day;                // the day evaluated
  std::string from_level;  // level keys
  std::string to_level;
  std::string rules_version;
  std::string triggers;  // JSON array: [{"indicator", "comparison", "threshold", "value"}]
  std::string status;    // "pending", "accepted", "rejected", "overridden", "superseded"
  std::string created_by;
  std::string created_at;
  int64_t decision_id = 0;  // the decision taken on it; 0 while pending
};

// A decision of the headquarters on a region's level: on a proposal (accepted, rejected or
// overridden with another level) or on its own ("set").
struct DecisionRecord {
  int64_t id = 0;           // assigned by the store
  int64_t proposal_id = 0;  // 0: not on a proposal
  std::string region;
  Date day;                // the day the decision takes effect
  std::string outcome;     // "accepted", "rejected", "overridden", "set"
  std::string from_level;  // the region's level before
  std::string to_level;    // its level after (from_level when rejected)
  std::string reason;
  std::string rules_version;
  std::string programmes_version;
  std::string decided_by;  // filled by the store from the context
  std::string decided_at;
};

// A task of an action programme, created with the decision that changed a region's level.
struct TaskRecord {
  int64_t id = 0;  // assigned by the store
  int64_t decision_id = 0;
  std::string region;
  std::string level;  // the level whose programme it belongs to
  std::string title;
  std::string unit;  // responsible
  Date due;
  bool done = false;
  std::string done_by;
  std::string done_at;
  std::string note;
};

class LevelsStore {
 public:
  virtual ~LevelsStore() = default;

  // Stores a rules or programmes file; the newest of each kind is the one in force.
  virtual Result<int64_t> SaveDocument(const LevelsDocument& document,
                                       const WriteContext& context) = 0;
  // The newest document of the kind, or nullopt when none was ever loaded.
  virtual Result<std::optional<LevelsDocument>> LatestDocument(std::string_view kind) = 0;

  // Adds proposals and marks the `superseded` pending ones superseded, in one transaction;
  // returns the new proposals' ids in order. A region not known is kInvalidArgument.
  virtual Result<std::vector<int64_t>> SaveProposals(std::span<const ProposalRecord> proposals,
                                                     std::span<const int64_t> superseded,
                                                     const WriteContext& context) = 0;
  // Every proposal, oldest first.
  virtual Result<std::vector<ProposalRecord>> LoadProposals() = 0;
  virtual Result<std::optional<ProposalRecord>> FindProposal(int64_t id) = 0;

  // Records a decision and creates its tasks in one transaction; when it is on a proposal, the
  // proposal must still be pending (kConflict otherwise) and takes the decision's outcome.
  // Returns the decision with its id; the tasks' ids are assigned in order.
  virtual Result<DecisionRecord> SaveDecision(const DecisionRecord& decision,
                                              std::span<const TaskRecord> tasks,
                                              const WriteContext& context) = 0;
  // Every decision, oldest first (by id).
  virtual Result<std::vector<DecisionRecord>> LoadDecisions() = 0;

  // Every task, by id.
  virtual Result<std::vector<TaskRecord>> LoadTasks() = 0;
  // Marks a task done with who and when (from the context) and an optional note. kNotFound for
  // no such task, kConflict when it is done already.
  virtual Status CompleteTask(int64_t id, std::string_view note, const WriteContext& context) = 0;
};

}  // namespace outbreak::store
