#pragma once
// GuidanceStore: the port through which the guidance teams' data is kept durable: the roster of
// officials, the survey checklists (every version, never changed), the team plans with their teams
// and members, the visits with their answers, and the findings with their closure (never deleted).
// Reached through Store::Guidance(); it shares its Store's connection, so the same thread rules
// apply: one thread at a time.
//
// Every write is one transaction with its audit entries ("officials.add", "official.update",
// "checklist.add", "guidance_plan.propose", "guidance_plan.adopt", "visit.add", "finding.close").
// Errors: kInvalidArgument for unknown regions, officials, teams, checklist versions or questions
// and other data the schema refuses; kNotFound for no such plan or finding; kConflict for a plan
// that is not proposed or a finding already closed (perhaps by another caller meanwhile);
// kUnavailable and kInternal as for Store.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "guidance/checklist.hpp"
#include "guidance/official.hpp"
#include "guidance/visit.hpp"
#include "store/store.hpp"

namespace outbreak::store {

// One team of a plan: the area it is sent to, its leader and members, and its duties.
struct GuidanceTeamRecord {
  int64_t id = 0;       // assigned by the store; visits name it
  int64_t plan_id = 0;  // filled by the store
  int seq = 0;          // 1, 2, ... within the plan
  std::string area;     // the area's code: a province, or the name of a group of provinces
  std::string area_name;
  std::vector<std::string> provinces;  // region codes the area covers
  std::string leader;                  // official code
  std::vector<std::string> members;    // official codes, the leader first
  double workload = 0;                 // the area's workload points
  std::vector<std::string> duties;     // survey topic names

  bool operator==(const GuidanceTeamRecord&) const = default;
};

// A plan of teams as stored. At most one plan is adopted at a time: adopting one supersedes the
// one adopted before.
struct GuidancePlanRecord {
  int64_t id = 0;  // assigned by the store
  std::string created_at;
  std::string created_by;
  std::string status;  // "proposed", "adopted" or "superseded"
  std::string adopted_by;
  std::string adopted_at;
  std::string detail;  // the objective, the rules and the input of the plan, JSON
  std::vector<GuidanceTeamRecord> teams;
};

class GuidanceStore {
 public:
  virtual ~GuidanceStore() = default;

  // Inserts new officials and replaces stored ones by code; one audit entry for those added, one
  // per official replaced (old -> new). An unknown home region, or a user name already linked to
  // another official, is kInvalidArgument and nothing is written.
  virtual Result<WriteCounts> SaveOfficials(std::span<const guidance::Official> officials,
                                            const WriteContext& context) = 0;
  // By code.
  virtual Result<std::vector<guidance::Official>> LoadOfficials() = 0;

  // Stores the checklist as the next version (1 for the first) and returns that version; the
  // checklist's own version, creator and time are ignored.
  virtual Result<int> SaveChecklist(const guidance::Checklist& checklist,
                                    const WriteContext& context) = 0;
  // Oldest version first.
  virtual Result<std::vector<guidance::Checklist>> LoadChecklists() = 0;

  // Stores a proposed plan with its teams (whose officials must be on the roster) and returns its
  // id; the teams' ids are assigned in the order given.
  virtual Result<int64_t> SaveGuidancePlan(const GuidancePlanRecord& plan,
                                           const WriteContext& context) = 0;
  // Newest first, with their teams.
  virtual Result<std::vector<GuidancePlanRecord>> LoadGuidancePlans() = 0;
  // Adopts a proposed plan and supersedes the adopted one. kNotFound, or kConflict when the plan
  // is not proposed.
  virtual Status AdoptGuidancePlan(int64_t id, const WriteContext& context) = 0;

  // Stores a visit with its answers and findings (opened); returns the visit with its id and its
  // findings' ids. The caller checks the answers against the checklist; the store refuses unknown
  // teams, regions, versions and questions.
  virtual Result<guidance::Visit> SaveVisit(const guidance::Visit& visit,
                                            std::span<const guidance::FindingInput> findings,
                                            const WriteContext& context) = 0;
  // Oldest first.
  virtual Result<std::vector<guidance::Visit>> LoadVisits() = 0;
  // Every finding, with its visit's team, region and day; oldest first.
  virtual Result<std::vector<guidance::Finding>> LoadFindings() = 0;
  // Closes an open finding: who and when from the context, how from `closure`.
  virtual Status CloseFinding(int64_t id, std::string_view closure,
                              const WriteContext& context) = 0;
};

}  // namespace outbreak::store
