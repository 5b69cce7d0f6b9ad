#pragma once
// CareService: treatment centres and their census, the medical workforce, and deployment plans,
// for the CLI and the HTTP layer.
//
// It owns a store connection of its own (opened by the caller) and reads the region tree and the
// people under treatment from the SurveillanceService, and forecasts of people under treatment
// from the AnalyticsService when one is given. Every write is one store transaction with its
// audit entries: an import with one bad row writes nothing.
//
// Thread-safe: one mutex serialises the store connection; the surveillance and analytics
// services are thread-safe themselves.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/analytics_service.hpp"
#include "app/clock.hpp"
#include "app/surveillance_service.hpp"
#include "care/care_findings.hpp"
#include "care/care_views.hpp"
#include "care/centre.hpp"
#include "care/deployment_planner.hpp"
#include "care/workforce.hpp"
#include "store/store.hpp"

namespace outbreak::app {

struct CareOptions {
  care::ProtectionRules protection;  // rest rule and illness share raised as findings
};

struct CareWriteResult {
  store::WriteCounts counts;
  std::vector<care::CareFinding> findings;  // over capacity, census identity, rest, illness
};

struct PlanRequest {
  std::string within;                  // the region whose sub-regions are balanced; "" = nation
  std::optional<int> level;            // the level balanced; default: the level below `within`
  std::optional<Date> as_of;           // default: the latest day with data
  int horizon_days = 14;               // forecast days ahead (0: patients now only), 0 … 28
  std::optional<int> deployment_days;  // default: the horizon (14 when it is 0)
  care::PlannerOptions options;
  std::vector<care::TravelRow> travel;  // a distance table; pairs not in it use centroids
};

class CareService {
 public:
  // `analytics` may be null: plans then use the patients under treatment now only.
  CareService(std::unique_ptr<store::Store> store, const SurveillanceService& surveillance,
              const AnalyticsService* analytics, const Clock& clock, CareOptions options = {});

  // Centres: add or update (by code), all-or-nothing.
  Result<CareWriteResult> ImportCentres(std::string_view csv_text, std::string_view source,
                                        const Actor& actor);
  Result<CareWriteResult> SaveCentres(const std::vector<care::TreatmentCentre>& centres,
                                      const Actor& actor);
  // The centres of the regions under `region` (itself included), by code.
  Result<std::vector<care::TreatmentCentre>> Centres(std::string_view region) const;
  // kNotFound for an unknown code.
  Result<care::TreatmentCentre> FindCentre(std::string_view code) const;

  // Census: a (centre, day) already stored with other figures is a correction and needs a
  // reason (kConflict otherwise). Over-capacity and identity are findings, not errors.
  Result<CareWriteResult> ImportCensus(std::string_view csv_text, std::string_view source,
                                       const Actor& actor);
  Result<CareWriteResult> RecordCensus(const std::vector<care::CensusDay>& days,
                                       const Actor& actor);
  // The census rows of the centres under `region` with from <= date <= to.
  Result<std::vector<care::CensusDay>> Census(std::string_view region, std::optional<Date> from,
                                              std::optional<Date> to) const;
  Result<care::OccupancyReport> Occupancy(std::string_view region, std::optional<Date> as_of,
                                          int horizon_days) const;

  // Workforce counts: add or replace by (region, category, day); findings of the protection
  // rules on what was written.
  Result<CareWriteResult> ImportWorkforce(std::string_view csv_text, std::string_view source,
                                          const Actor& actor);
  Result<CareWriteResult> RecordWorkforce(const std::vector<care::WorkforceCount>& counts,
                                          const Actor& actor);
  // The latest counts on or before `as_of` under `region`, each with the workers that adopted
  // plans deploy away and in on that day; summed to the regions of `level` when one is given.
  Result<care::WorkforceReport> Workforce(std::string_view region, std::optional<Date> as_of,
                                          std::optional<int> level = std::nullopt) const;
  // The same on each of `days`, in order, from one read of the store.
  Result<std::vector<care::WorkforceReport>> WorkforceOn(
      std::string_view region, const std::vector<Date>& days,
      std::optional<int> level = std::nullopt) const;

  // Plans: computes a plan (deployment_planner.hpp) and stores it as proposed.
  Result<store::PlanRecord> Plan(const PlanRequest& request, const Actor& actor);
  Result<std::vector<store::PlanRecord>> Plans() const;
  // kNotFound for no such plan.
  Result<store::PlanRecord> FindPlan(int64_t id) const;
  // Adopts a proposed plan: its deployments take workers from their start and return them after
  // their end. kConflict, and nothing written, when the plan is not proposed or when, with what
  // has been adopted or counted since it was made, a deployment would leave a region with fewer
  // of its own workers than the plan's minimum share.
  Result<store::PlanRecord> Adopt(int64_t id, const Actor& actor);

 private:
  store::WriteContext Context(const Actor& actor) const;
  Result<CareWriteResult> WriteCensus(std::vector<care::CensusDay> days, const Actor& actor);
  Result<CareWriteResult> WriteWorkforce(std::vector<care::WorkforceCount> counts,
                                         const Actor& actor);
  // Expected people under treatment in `region` for each of `horizon_days` days after `as_of`
  // (forecast medians); empty when there is no analytics or no forecast.
  // A forecast flagged as unreliable is not used: empty, and `not_used` says why. A forecast used
  // leaves its recent skill in `skill`, for the plan to name.
  std::vector<double> ExpectedUnderTreatment(
      const std::string& region, Date as_of, int horizon_days, std::string* not_used = nullptr,
      std::optional<analytics::ForecastSkill>* skill = nullptr) const;
  int64_t UnderTreatment(const std::string& region, Date as_of) const;
  Status CheckRetention(const store::PlanRecord& plan, int min_retention_percent);

  std::unique_ptr<store::Store> store_;
  const SurveillanceService& surveillance_;
  const AnalyticsService* analytics_;
  const Clock& clock_;
  CareOptions options_;
  mutable std::mutex mutex_;  // the store connection serves one caller at a time
};

}  // namespace outbreak::app
