#pragma once
// SociLevelsStore: the LevelsStore port over the SociStore's session (the same connection,
// so the same database and transactions). SQL in soci_store_levels.cpp.

#include <soci/session.h>

#include "store/levels_store.hpp"
#include "store/schema.hpp"
#include "store/session_health.hpp"

namespace outbreak::store {

class SociLevelsStore : public LevelsStore {
 public:
  SociLevelsStore(soci::session& session, Dialect dialect) : session_(session), dialect_(dialect) {}

  Result<int64_t> SaveDocument(const LevelsDocument& document,
                               const WriteContext& context) override;
  Result<std::optional<LevelsDocument>> LatestDocument(std::string_view kind) override;
  Result<std::vector<int64_t>> SaveProposals(std::span<const ProposalRecord> proposals,
                                             std::span<const int64_t> superseded,
                                             const WriteContext& context) override;
  Result<std::vector<ProposalRecord>> LoadProposals() override;
  Result<std::optional<ProposalRecord>> FindProposal(int64_t id) override;
  Result<DecisionRecord> SaveDecision(const DecisionRecord& decision,
                                      std::span<const TaskRecord> tasks,
                                      const WriteContext& context) override;
  Result<std::vector<DecisionRecord>> LoadDecisions() override;
  Result<std::vector<TaskRecord>> LoadTasks() override;
  Status CompleteTask(int64_t id, std::string_view note, const WriteContext& context) override;

 private:
  // The session, reconnected first when its connection was lost (soci_store.hpp).
  soci::session& session() { return Healthy(session_, dialect_); }
  soci::session& session_;
  Dialect dialect_;
};

}  // namespace outbreak::store
