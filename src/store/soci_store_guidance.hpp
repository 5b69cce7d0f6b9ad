#pragma once
// SociGuidanceStore: the GuidanceStore port over the SociStore's session (the same connection, so
// the same database and transactions). SQL in soci_store_guidance.cpp.

#include <soci/session.h>

#include "store/guidance_store.hpp"
#include "store/schema.hpp"
#include "store/session_health.hpp"

namespace outbreak::store {

class SociGuidanceStore : public GuidanceStore {
 public:
  SociGuidanceStore(soci::session& session, Dialect dialect)
      : session_(session), dialect_(dialect) {}

  Result<WriteCounts> SaveOfficials(std::span<const guidance::Official> officials,
                                    const WriteContext& context) override;
  Result<std::vector<guidance::Official>> LoadOfficials() override;
  Result<int> SaveChecklist(const guidance::Checklist& checklist,
                            const WriteContext& context) override;
  Result<std::vector<guidance::Checklist>> LoadChecklists() override;
  Result<int64_t> SaveGuidancePlan(const GuidancePlanRecord& plan,
                                   const WriteContext& context) override;
  Result<std::vector<GuidancePlanRecord>> LoadGuidancePlans() override;
  Status AdoptGuidancePlan(int64_t id, const WriteContext& context) override;
  Result<guidance::Visit> SaveVisit(const guidance::Visit& visit,
                                    std::span<const guidance::FindingInput> findings,
                                    const WriteContext& context) override;
  Result<std::vector<guidance::Visit>> LoadVisits() override;
  Result<std::vector<guidance::Finding>> LoadFindings() override;
  Status CloseFinding(int64_t id, std::string_view closure, const WriteContext& context) override;

 private:
  // The session, reconnected first when its connection was lost (soci_store.hpp).
  soci::session& session() { return Healthy(session_, dialect_); }
  soci::session& session_;
  Dialect dialect_;
};

}  // namespace outbreak::store
