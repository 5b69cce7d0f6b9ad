#pragma once
// GuidanceService: the guidance teams for the CLI and the HTTP layer: the roster of officials,
// team plans (formed by the optimiser of guidance/team_formation.hpp) and their adoption, survey
// checklists, visits and findings, and the compiled report to the plenary meeting.
//
// It owns a store connection of its own (opened by the caller) and reads the region tree and the
// epidemic figures from the SurveillanceService. Every write is one store transaction with its
// audit entries, checked whole first: a request with one bad part writes nothing and lists every
// problem (kInvalidArgument with details). A plan whose rules cannot all be met is kConflict, with
// one detail per rule and area that fails ("leader: KP-04 (Jagang): ...").
//
// Areas: every province (level-1 region) is an area of its own unless a request groups provinces
// into one area. An area's workload counts its population, its cities and counties, and the
// findings still open in it.
//
// Thread-safe: one mutex serialises the store connection; the surveillance service is thread-safe
// itself.

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/clock.hpp"
#include "app/surveillance_service.hpp"
#include "guidance/checklist.hpp"
#include "guidance/official.hpp"
#include "guidance/plenary_report.hpp"
#include "guidance/team_formation.hpp"
#include "guidance/visit.hpp"
#include "store/guidance_store.hpp"
#include "store/store.hpp"

namespace outbreak::app {

struct GuidanceOptions {
  guidance::TeamRules rules;  // the defaults of every plan
};

// Provinces sent one team together.
struct AreaGroup {
  std::string code;  // the area's code, not a region code
  std::string name;
  std::vector<std::string> provinces;
};

struct TeamPlanRequest {
  std::vector<guidance::Pin> pins;    // official -> area code
  std::vector<std::string> excluded;  // official codes
  // Expertise each area's team must include, by area code (a supply indicator or a farming
  // calendar may fill it), and expertise every team must include.
  std::map<std::string, std::vector<std::string>> needs;
  std::vector<std::string> default_needs;
  std::vector<AreaGroup> groups;
  std::optional<guidance::TeamRules> rules;  // default: GuidanceOptions::rules
  bool adopt = false;                        // adopt the plan at once
};

struct ChecklistWriteResult {
  guidance::Checklist checklist;
  bool created = false;  // false: the same questions as the latest version, which is returned
};

class GuidanceService {
 public:
  GuidanceService(std::unique_ptr<store::Store> store, const SurveillanceService& surveillance,
                  const Clock& clock, GuidanceOptions options = {});

  // The roster: add or replace officials by code, all-or-nothing. A home must be a province.
  Result<store::WriteCounts> ImportRoster(std::string_view csv_text, std::string_view source,
                                          const Actor& actor);
  Result<store::WriteCounts> SaveOfficials(const std::vector<guidance::Official>& officials,
                                           const Actor& actor);
  // The officials whose home is under `region` (everyone for the root), by code.
  Result<std::vector<guidance::Official>> Roster(std::string_view region) const;
  // The home province of the official coded `code`; kNotFound when there is none.
  Result<std::string> OfficialHome(const std::string& code) const;

  // Checklists: a new version from a file or from questions; the same questions and title as the
  // latest version add nothing.
  Result<ChecklistWriteResult> ImportChecklist(std::string_view csv_text, std::string_view source,
                                               std::string title, const Actor& actor);
  Result<ChecklistWriteResult> SaveChecklist(std::string title,
                                             std::vector<guidance::Question> questions,
                                             const Actor& actor);
  Result<std::vector<guidance::Checklist>> Checklists() const;

  // Forms the teams and stores the plan as proposed (adopted too when asked). kInvalidArgument
  // for unknown officials, areas, provinces or expertise; kConflict, nothing stored, when the
  // rules cannot all be met.
  Result<store::GuidancePlanRecord> Plan(const TeamPlanRequest& request, const Actor& actor);
  Result<std::vector<store::GuidancePlanRecord>> Plans() const;
  Result<store::GuidancePlanRecord> FindPlan(int64_t id) const;
  // kConflict when the plan is not proposed; the plan adopted before is superseded.
  Result<store::GuidancePlanRecord> Adopt(int64_t id, const Actor& actor);
  // The adopted plan, if any.
  Result<std::optional<store::GuidancePlanRecord>> AdoptedPlan() const;
  // The teams of the adopted plan whose members include the official linked to `user`.
  Result<std::vector<int64_t>> TeamsOfUser(std::string_view user) const;
  // Whether a team concerns a caller whose home region is `home`: one of its provinces is under
  // home, or home lies inside one of them.
  bool TeamConcerns(const store::GuidanceTeamRecord& team, std::string_view home) const;

  // A visit to a county of the team's areas on a day, with answers to a checklist version and
  // findings. `team` 0 means the adopted team whose areas hold the county.
  Result<guidance::Visit> RecordVisit(const guidance::VisitInput& visit, const Actor& actor);
  // The visits to regions under `region`, from..to (either may be absent).
  Result<std::vector<guidance::Visit>> Visits(std::string_view region, std::optional<Date> from,
                                              std::optional<Date> to) const;
  Result<std::vector<guidance::Finding>> Findings(
      std::string_view region, std::optional<guidance::FindingStatus> status) const;
  Result<guidance::Finding> FindFinding(int64_t id) const;
  // Closes an open finding, saying how. kNotFound, kConflict when closed already.
  Result<guidance::Finding> CloseFinding(int64_t id, const std::string& how, const Actor& actor);

  // The findings and proposed measures by province and topic under `region`, beside each
  // province's figures as of `as_of` (default: the latest day with data).
  Result<guidance::PlenaryReport> Report(std::string_view region, std::optional<Date> as_of) const;

  // The province (level-1 region) a region lies in, "" for the root or an unknown region.
  std::string ProvinceOf(std::string_view region) const;

 private:
  store::WriteContext Context(const Actor& actor) const;
  Result<std::vector<guidance::Area>> BuildAreas(const TeamPlanRequest& request) const;

  std::unique_ptr<store::Store> store_;
  const SurveillanceService& surveillance_;
  const Clock& clock_;
  GuidanceOptions options_;
  mutable std::mutex mutex_;  // the store connection serves one caller at a time
};

}  // namespace outbreak::app
