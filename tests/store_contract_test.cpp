// The store contract: one suite, run against every backend (SQLite always; PostgreSQL when
// OUTBREAK_TEST_PG_URL names a throw-away database, as `make test` arranges).

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "app/open_store.hpp"
#include "store/guidance_store.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/schema.hpp"
#include "store/store.hpp"
#include "store_contract_fixture.hpp"

namespace outbreak::store {
namespace {

TEST_P(StoreContractTest, MigrateIsIdempotentAndReportsTheLatestVersion) {
  ASSERT_TRUE(store_->Migrate().ok());
  ASSERT_TRUE(store_->Migrate().ok());
  Result<int> version = store_->SchemaVersion();
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, Migrations(Dialect::kSqlite).back().version);
}

TEST_P(StoreContractTest, AStoreErrorIsAPlainConflictWithoutTheStatementOrTheDriversText) {
  const UserRecord user{"twice", "viewer", "KP", "hash", false, "2022-05-20T09:00:00Z"};
  ASSERT_TRUE(store_->AddUser(user).ok());
  Status again = store_->AddUser(user);
  EXPECT_EQ(again.code(), StatusCode::kConflict) << again.ToString();
  const std::string text = again.ToString();
  for (const char* leak : {"INSERT", "VALUES", "UNIQUE", "duplicate key", "constraint"}) {
    EXPECT_EQ(text.find(leak), std::string::npos) << leak << " in: " << text;
  }
}

TEST_P(StoreContractTest, RegionsRoundTripWithLocalNamesAndMissingCentroids) {
  Result<std::vector<Region>> loaded = store_->LoadRegions();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(*loaded, Regions());
}

TEST_P(StoreContractTest, SavingARegionAgainUpdatesIt) {
  Region renamed = Regions()[3];
  renamed.name = "Moranbong District";
  renamed.population = 21;
  ASSERT_TRUE(store_->SaveRegions(std::vector<Region>{renamed}).ok());
  Result<std::vector<Region>> loaded = store_->LoadRegions();
  ASSERT_EQ(loaded->size(), 4u);
  EXPECT_EQ((*loaded)[3], renamed);
}

TEST_P(StoreContractTest, ReportsRoundTripWithOptionalCounts) {
  const std::vector<ReportRow> rows = {Row("KP-01-001", "2022-05-12", 5, 40),
                                       Row("KP-01-002", "2022-05-12", 7)};
  Result<ReportWriteOutcome> written = Write(rows, Context("clerk"));
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  EXPECT_EQ(written->added.size(), 2u);
  EXPECT_GT(written->change, 0);
  const std::vector<ReportRow> loaded = Reports();
  ASSERT_EQ(loaded.size(), 2u);
  EXPECT_EQ(loaded[0].counts, rows[0].counts);
  EXPECT_EQ(loaded[1].counts, rows[1].counts);
  EXPECT_EQ(loaded[1].version, 1);
  EXPECT_FALSE(loaded[1].counts.tested.has_value());
}

TEST_P(StoreContractTest, ManyReportsRoundTripAcrossBatches) {
  std::vector<ReportRow> rows;
  for (int day = 0; day < 12'500; ++day) {
    rows.push_back(
        {"KP-01-001", Date(day), ReportCounts{day, 0, 0, day, std::nullopt, std::nullopt}});
    rows.push_back({"KP-01-002", Date(day), ReportCounts{1, 1, 0, 0, day, 0}});
  }
  ASSERT_TRUE(Write(rows, Context("loader")).ok());
  const std::vector<ReportRow> loaded = Reports();
  ASSERT_EQ(loaded.size(), rows.size());
  EXPECT_EQ(loaded[12'499].counts.new_fever, 12'499);
  EXPECT_EQ(loaded[12'500 + 7].counts.tested, 7);
  // The same file again, one day changed: the store tells new, corrected and unchanged apart
  // over the whole span it reads at once.
  rows[10].counts.new_fever += 1;
  rows.push_back({"KP-01-001", Date(12'500), ReportCounts{1, 0, 0, 1, std::nullopt, std::nullopt}});
  Result<ReportWriteOutcome> again = Write(rows, Context("loader", "recount"));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->added.size(), 1u);
  ASSERT_EQ(again->corrected.size(), 1u);
  EXPECT_EQ(again->corrected[0].version, 2);
  EXPECT_EQ(again->unchanged, 24'999);
}

TEST_P(StoreContractTest, ACorrectionKeepsTheOldValueWithWhoWhenAndWhy) {
  ASSERT_TRUE(Write({Row("KP-01-001", "2022-05-12", 5)}, Context("clerk")).ok());
  Result<ReportWriteOutcome> corrected =
      Write({Row("KP-01-001", "2022-05-12", 6)}, Context("officer", "recount"));
  ASSERT_TRUE(corrected.ok()) << corrected.status().ToString();
  ASSERT_EQ(corrected->corrected.size(), 1u);
  EXPECT_EQ(corrected->corrected[0].version, 2);
  Result<std::vector<surveillance::ReportVersion>> history =
      store_->ReportHistory("KP-01-001", *Date::Parse("2022-05-12"));
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].version, 1);
  EXPECT_EQ((*history)[0].counts.new_fever, 5);
  EXPECT_EQ((*history)[0].recorded_by, "clerk");
  EXPECT_FALSE((*history)[0].current);
  EXPECT_EQ((*history)[1].version, 2);
  EXPECT_EQ((*history)[1].counts.new_fever, 6);
  EXPECT_EQ((*history)[1].recorded_by, "officer");
  EXPECT_EQ((*history)[1].reason, "recount");
  EXPECT_TRUE((*history)[1].current);
  EXPECT_EQ(Reports()[0].counts.new_fever, 6);
  EXPECT_EQ(Reports()[0].version, 2);
}

TEST_P(StoreContractTest, TheStoreDecidesNewCorrectionOrUnchangedFromWhatIsStored) {
  ASSERT_TRUE(Write({Row("KP-01-001", "2022-05-12", 5)}, Context("clerk")).ok());
  // The same value again: unchanged, nothing written, no change logged.
  Result<ReportWriteOutcome> same = Write({Row("KP-01-001", "2022-05-12", 5)}, Context("clerk"));
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_EQ(same->unchanged, 1);
  EXPECT_EQ(same->change, 0);
  // A different value from a writer who thought it new: a correction without a reason is a
  // conflict that shows what is stored, and writes nothing, not even the new report beside it.
  Result<ReportWriteOutcome> clash = Write(
      {Row("KP-01-002", "2022-05-12", 9), Row("KP-01-001", "2022-05-12", 6)}, Context("clerk"));
  ASSERT_EQ(clash.status().code(), StatusCode::kConflict) << clash.status().ToString();
  EXPECT_NE(clash.status().message().find("needs a reason"), std::string::npos);
  ASSERT_EQ(clash.status().details().size(), 1u);
  EXPECT_NE(clash.status().details()[0].find(
                "KP-01-001 2022-05-12 was already reported: stored version 1"),
            std::string::npos)
      << clash.status().details()[0];
  EXPECT_NE(clash.status().details()[0].find("\"new_fever\":5"), std::string::npos);
  const std::vector<ReportRow> loaded = Reports();
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].counts.new_fever, 5);
}

TEST_P(StoreContractTest, ACorrectionOfAVersionNoLongerStoredIsAConflictWithTheStoredValue) {
  ASSERT_TRUE(Write({Row("KP-01-001", "2022-05-12", 5)}, Context("clerk")).ok());
  // Two officers read version 1; the first correction wins.
  ASSERT_TRUE(Write({Row("KP-01-001", "2022-05-12", 6)}, Context("first", "recount"), 1).ok());
  Result<ReportWriteOutcome> second =
      Write({Row("KP-01-001", "2022-05-12", 7)}, Context("second", "recount"), 1);
  ASSERT_EQ(second.status().code(), StatusCode::kConflict) << second.status().ToString();
  EXPECT_NE(second.status().message().find("changed since you read"), std::string::npos);
  ASSERT_EQ(second.status().details().size(), 1u);
  EXPECT_NE(second.status().details()[0].find("stored version 2"), std::string::npos)
      << second.status().details()[0];
  EXPECT_NE(second.status().details()[0].find("\"new_fever\":6"), std::string::npos);
  EXPECT_EQ(Reports()[0].counts.new_fever, 6);
  // Read again, then corrected: accepted.
  ASSERT_TRUE(Write({Row("KP-01-001", "2022-05-12", 7)}, Context("second", "recount"), 2).ok());
  EXPECT_EQ(Reports()[0].version, 3);
  // A writer who saw no report (version 0) finds one stored: a conflict too.
  Result<ReportWriteOutcome> late =
      Write({Row("KP-01-001", "2022-05-12", 8)}, Context("clerk", "late"), 0);
  EXPECT_EQ(late.status().code(), StatusCode::kConflict) << late.status().ToString();
  // A writer who read a version of a report that is not stored at all.
  Result<ReportWriteOutcome> ghost =
      Write({Row("KP-01-002", "2022-05-12", 8)}, Context("clerk", "why"), 1);
  EXPECT_EQ(ghost.status().code(), StatusCode::kConflict) << ghost.status().ToString();
  EXPECT_EQ(Reports().size(), 1u);
}

TEST_P(StoreContractTest, AnUnknownRegionIsRejectedAndNothingIsWritten) {
  Result<ReportWriteOutcome> s = Write(
      {Row("KP-01-001", "2022-05-12", 5), Row("KP-09-001", "2022-05-12", 5)}, Context("clerk"));
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument) << s.status().ToString();
  EXPECT_TRUE(Reports().empty());
}

TEST_P(StoreContractTest, TheSchemaRefusesNegativeCounts) {
  ReportRow bad = Row("KP-01-001", "2022-05-12", 5);
  bad.counts.new_deaths = -1;
  Result<ReportWriteOutcome> s = Write({Row("KP-01-002", "2022-05-12", 1), bad}, Context("clerk"));
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument) << s.status().ToString();
  EXPECT_TRUE(Reports().empty());
}

TEST_P(StoreContractTest, EveryWriteLogsOneChangeInCommitOrderWithTheReportsItWrote) {
  Result<int64_t> before = store_->LastChange();
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  ASSERT_TRUE(Write({Row("KP-01-001", "2022-05-12", 5)}, Context("clerk")).ok());
  ASSERT_TRUE(store_->SaveRegions(std::vector<Region>{Regions()[3]}).ok());
  std::vector<ReportRow> many;
  for (int day = 0; day < 300; ++day) many.push_back({"KP-01-002", Date(19'000 + day), {}});
  ASSERT_TRUE(Write(many, Context("loader")).ok());
  Result<std::vector<Change>> changes = store_->ChangesSince(*before, 100);
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  ASSERT_EQ(changes->size(), 3u);
  EXPECT_EQ((*changes)[0].kind, ChangeKind::kReports);
  EXPECT_EQ((*changes)[0].reports,
            (std::vector<ReportKey>{{"KP-01-001", *Date::Parse("2022-05-12")}}));
  EXPECT_EQ((*changes)[1].kind, ChangeKind::kRegions);
  EXPECT_EQ((*changes)[2].kind, ChangeKind::kReports);
  EXPECT_TRUE((*changes)[2].reports.empty()) << "too many to list: a follower reloads them all";
  EXPECT_LT((*changes)[0].seq, (*changes)[1].seq);
  EXPECT_LT((*changes)[1].seq, (*changes)[2].seq);
  EXPECT_EQ(*store_->LastChange(), (*changes)[2].seq);
  EXPECT_TRUE(store_->ChangesSince((*changes)[2].seq, 100)->empty());
  // A write that fails logs nothing.
  ASSERT_FALSE(Write({Row("KP-09-001", "2022-05-12", 5)}, Context("clerk")).ok());
  EXPECT_EQ(*store_->LastChange(), (*changes)[2].seq);
}

TEST_P(StoreContractTest, AnIdempotencyKeyIsRecordedByTheWriteItGuardsAndWritesOnce) {
  const IdempotencyRecord key{
      "clerk", "resend-1", "hash-1", kIdempotencyWritten, "", "2022-05-20T09:00:00Z"};
  ServeRequestKey(&key);
  ASSERT_TRUE(Write({Row("KP-01-001", "2022-05-12", 5)}, Context("clerk")).ok());
  EXPECT_EQ(TakeRequestKeyOutcome(), RequestKeyOutcome::kRecorded);
  Result<std::optional<IdempotencyRecord>> stored = store_->FindIdempotency("clerk", "resend-1");
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->status, kIdempotencyWritten);
  // The same key served again, as by another server that took the request at the same moment:
  // its write fails on the key and leaves nothing behind.
  ServeRequestKey(&key);
  Result<ReportWriteOutcome> second = Write({Row("KP-01-002", "2022-05-12", 9)}, Context("clerk"));
  EXPECT_EQ(second.status().code(), StatusCode::kConflict) << second.status().ToString();
  EXPECT_EQ(TakeRequestKeyOutcome(), RequestKeyOutcome::kTakenByAnother);
  EXPECT_EQ(Reports().size(), 1u);
  // The answer is stored over the row, and only for the same request.
  IdempotencyRecord answer = key;
  answer.status = 201;
  answer.body = "{}";
  ASSERT_TRUE(store_->CompleteIdempotency(answer).ok());
  answer.request_hash = "another request";
  answer.status = 400;
  ASSERT_TRUE(store_->CompleteIdempotency(answer).ok());
  EXPECT_EQ((*store_->FindIdempotency("clerk", "resend-1"))->status, 201);
  // A write that is not serving a key records none.
  ASSERT_TRUE(Write({Row("KP-01-002", "2022-05-13", 9)}, Context("clerk")).ok());
  EXPECT_EQ(TakeRequestKeyOutcome(), RequestKeyOutcome::kNotRecorded);
}

TEST_P(StoreContractTest, ReportsAreLoadedByKeyWithTheirVersions) {
  ASSERT_TRUE(Write({Row("KP-01-001", "2022-05-12", 5)}, Context("clerk")).ok());
  ASSERT_TRUE(Write({Row("KP-01-001", "2022-05-12", 6)}, Context("clerk", "recount")).ok());
  const std::vector<ReportKey> keys = {{"KP-01-001", *Date::Parse("2022-05-12")},
                                       {"KP-01-002", *Date::Parse("2022-05-12")},
                                       {"KP-77", *Date::Parse("2022-05-12")}};
  Result<std::vector<ReportRow>> rows = store_->LoadReportsAt(keys);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].counts.new_fever, 6);
  EXPECT_EQ((*rows)[0].version, 2);
}

TEST_P(StoreContractTest, OpeningBalancesRoundTripAndUpdate) {
  const Date as_of = *Date::Parse("2022-05-11");
  ASSERT_TRUE(
      store_
          ->SaveOpenings(std::vector<OpeningRow>{{"KP-01-001", as_of, 100, 40, 1, "since April"}},
                         Context("loader"))
          .ok());
  ASSERT_TRUE(
      store_
          ->SaveOpenings(std::vector<OpeningRow>{{"KP-01-001", as_of, 110, 40, 1, "revised"}},
                         Context("loader"))
          .ok());
  Result<std::vector<OpeningRow>> openings = store_->LoadOpenings();
  ASSERT_TRUE(openings.ok()) << openings.status().ToString();
  ASSERT_EQ(openings->size(), 1u);
  EXPECT_EQ((*openings)[0].fever, 110);
  EXPECT_EQ((*openings)[0].note, "revised");
  EXPECT_EQ((*openings)[0].as_of, as_of);
  Status unknown =
      store_->SaveOpenings(std::vector<OpeningRow>{{"XX", as_of, 1, 0, 0, ""}}, Context("loader"));
  EXPECT_EQ(unknown.code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreContractTest, HistoryOfAnAbsentReportIsEmpty) {
  Result<std::vector<surveillance::ReportVersion>> history =
      store_->ReportHistory("KP-01-001", *Date::Parse("2022-05-12"));
  ASSERT_TRUE(history.ok());
  EXPECT_TRUE(history->empty());
}

// --- Care: treatment centres, census, workforce, deployment plans.

care::TreatmentCentre Centre(const std::string& code, const std::string& region, int64_t beds) {
  return {code,
          "Centre " + code,
          region,
          care::CentreKind::kDistrictTreatmentCentre,
          care::CentreStatus::kOpen,
          beds,
          2,
          0,
          10};
}

bool AuditHas(Store& store, const std::string& action, const std::string& target) {
  Result<std::vector<AuditEntry>> audit = store.ListAudit({"", action, "", "", 100, 0});
  if (!audit.ok()) return false;
  for (const AuditEntry& entry : *audit) {
    if (target.empty() || entry.target == target) return true;
  }
  return false;
}

TEST_P(StoreContractTest, CentresRoundTripAndAnUpdateIsAudited) {
  const std::vector<care::TreatmentCentre> centres = {Centre("C1", "KP-01-001", 50),
                                                      Centre("C2", "KP-01", 200)};
  Result<WriteCounts> first = store_->SaveCentres(centres, Context("officer"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->added, 2);
  std::vector<care::TreatmentCentre> changed = centres;
  changed[1].beds_general = 250;
  changed[1].status = care::CentreStatus::kStandby;
  Result<WriteCounts> second = store_->SaveCentres(changed, Context("officer"));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->unchanged, 1);
  EXPECT_EQ(second->updated, 1);
  Result<std::vector<care::TreatmentCentre>> loaded = store_->LoadCentres();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(*loaded, changed);
  EXPECT_TRUE(AuditHas(*store_, "centre.update", "C2"));
}

TEST_P(StoreContractTest, ACentreInAnUnknownRegionIsRejectedAndNothingIsWritten) {
  Result<WriteCounts> saved = store_->SaveCentres(
      std::vector{Centre("C1", "KP-01-001", 50), Centre("C9", "KP-09", 5)}, Context("officer"));
  EXPECT_EQ(saved.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(store_->LoadCentres()->empty());
}

TEST_P(StoreContractTest, ACensusCorrectionKeepsTheOldValueInTheAudit) {
  ASSERT_TRUE(store_->SaveCentres(std::vector{Centre("C1", "KP-01-001", 50)}, Context("o")).ok());
  const Date day = *Date::Parse("2022-05-20");
  const std::vector<care::CensusDay> days = {{"C1", day - 1, 40, 10, 2, 0, 0},
                                             {"C1", day, 60, 25, 5, 0, 0}};
  ASSERT_TRUE(store_->SaveCensus(days, Context("centre")).ok());
  const std::vector<care::CensusDay> fixed = {{"C1", day, 52, 17, 5, 0, 0}};
  Result<WriteCounts> counts = store_->SaveCensus(fixed, Context("centre", "recount"));
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(counts->updated, 1);
  Result<std::vector<care::CensusDay>> loaded = store_->LoadCensus(day, day);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->size(), 1u);
  EXPECT_EQ((*loaded)[0], fixed[0]);
  EXPECT_EQ(store_->LoadCensus(std::nullopt, std::nullopt)->size(), 2u);
  Result<std::vector<AuditEntry>> audit = store_->ListAudit({"", "census.correct", "", "", 10, 0});
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_NE((*audit)[0].old_value.find("\"occupied\":60"), std::string::npos);
  EXPECT_NE((*audit)[0].new_value.find("recount"), std::string::npos);
}

TEST_P(StoreContractTest, ACensusOfAnUnknownCentreOrWithNegativeCountsWritesNothing) {
  ASSERT_TRUE(store_->SaveCentres(std::vector{Centre("C1", "KP-01-001", 50)}, Context("o")).ok());
  const Date day = *Date::Parse("2022-05-20");
  Result<WriteCounts> unknown = store_->SaveCensus(
      std::vector<care::CensusDay>{{"C1", day, 1, 1, 0, 0, 0}, {"C7", day, 1, 1, 0, 0, 0}},
      Context("centre"));
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  Result<WriteCounts> negative = store_->SaveCensus(
      std::vector<care::CensusDay>{{"C1", day, 1, 1, 0, 0, 0}, {"C1", day + 1, -1, 0, 0, 0, 0}},
      Context("centre"));
  EXPECT_EQ(negative.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(store_->LoadCensus(std::nullopt, std::nullopt)->empty());
}

TEST_P(StoreContractTest, WorkforceCountsRoundTripByRegionCategoryAndDay) {
  const Date day = *Date::Parse("2022-05-12");
  const std::vector<care::WorkforceCount> counts = {
      {"KP-01-001", care::WorkerCategory::kNurse, day, 40, 2, 1, 3, 9},
      {"KP-01-001", care::WorkerCategory::kDoctor, day, 20, 0, 0, 0, 3},
      {"KP-01-002", care::WorkerCategory::kNurse, day, 35, 0, 0, 0, 0}};
  ASSERT_TRUE(store_->SaveWorkforce(counts, Context("officer")).ok());
  Result<std::vector<care::WorkforceCount>> loaded = store_->LoadWorkforce();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->size(), 3u);
  EXPECT_EQ((*loaded)[1], counts[0]);  // by region, category name, day
  Result<WriteCounts> unknown = store_->SaveWorkforce(
      std::vector<care::WorkforceCount>{{"XX", care::WorkerCategory::kNurse, day, 1, 0, 0, 0, 0}},
      Context("officer"));
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreContractTest, APlanIsAdoptedOnceAndItsDeploymentsCountFromThen) {
  const Date start = *Date::Parse("2022-05-21");
  PlanRecord plan;
  plan.as_of = start - 1;
  plan.scope = "KP-01";
  plan.level = 2;
  plan.horizon_days = 14;
  plan.detail = R"({"categories":[]})";
  plan.deployments = {
      {0, "KP-01-002", "KP-01-001", care::WorkerCategory::kNurse, 7, start, start + 13, 1.5},
      {0, "KP-01-002", "KP-01-001", care::WorkerCategory::kDoctor, 2, start, start + 13, 1.5}};
  Result<int64_t> id = store_->SavePlan(plan, Context("planner"));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_TRUE(store_->LoadAdoptedDeployments()->empty());
  Result<std::optional<PlanRecord>> found = store_->FindPlan(*id);
  ASSERT_TRUE(found.ok() && found->has_value()) << found.status().ToString();
  EXPECT_EQ((*found)->status, "proposed");
  EXPECT_EQ((*found)->detail, plan.detail);
  ASSERT_EQ((*found)->deployments.size(), 2u);
  EXPECT_EQ((*found)->deployments[0].workers, 7);
  EXPECT_EQ((*found)->deployments[0].end, start + 13);
  EXPECT_DOUBLE_EQ((*found)->deployments[1].travel_hours, 1.5);

  ASSERT_TRUE(store_->AdoptPlan(*id, Context("hq")).ok());
  EXPECT_EQ(store_->AdoptPlan(*id, Context("hq")).code(), StatusCode::kConflict);
  EXPECT_EQ(store_->AdoptPlan(*id + 100, Context("hq")).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->LoadAdoptedDeployments()->size(), 2u);
  EXPECT_EQ((*store_->FindPlan(*id))->adopted_by, "hq");
  Result<int64_t> second = store_->SavePlan(plan, Context("planner"));
  ASSERT_TRUE(second.ok());
  Result<std::vector<PlanRecord>> plans = store_->ListPlans();
  ASSERT_EQ(plans->size(), 2u);
  EXPECT_EQ((*plans)[0].id, *second);  // newest first
  EXPECT_TRUE(AuditHas(*store_, "plan.adopt", "plan/" + std::to_string(*id)));
}

// ---------------------------------------------------------------------------------------------
// Guidance teams: roster, checklists, team plans, visits and findings (store/guidance_store.hpp).

guidance::Official GuidanceOfficial(const std::string& code, guidance::Position position,
                                    const std::string& user = "") {
  return {code, "Official " + code, position, {"agriculture", "public_health"}, "KP-01", true,
          user};
}

guidance::Checklist GuidanceChecklist(const std::string& title, int questions) {
  guidance::Checklist checklist;
  checklist.title = title;
  for (int idx = 0; idx < questions; ++idx) {
    checklist.questions.push_back(
        {"Q" + std::to_string(idx + 1), guidance::Topic::kTreatment,
         "Question " + std::to_string(idx + 1),
         idx == 0 ? guidance::AnswerType::kYesNo : guidance::AnswerType::kRating});
  }
  return checklist;
}

GuidancePlanRecord GuidancePlan(const std::string& leader, const std::string& member) {
  GuidancePlanRecord plan;
  plan.detail = R"({"objective":{"max_workload_per_member":1.5}})";
  plan.teams.push_back({0,
                        0,
                        1,
                        "KP-01",
                        "Pyongyang",
                        {"KP-01"},
                        leader,
                        {leader, member},
                        3.0,
                        {"treatment", "agriculture"}});
  return plan;
}

TEST_P(StoreContractTest, GuidanceOfficialsRoundTripAndAreReplacedByCode) {
  GuidanceStore& guidance = store_->Guidance();
  std::vector<guidance::Official> officials = {
      GuidanceOfficial("OF-1", guidance::Position::kPresidiumMember, "team1"),
      GuidanceOfficial("OF-2", guidance::Position::kDepartmentOfficial),
      GuidanceOfficial("OF-3", guidance::Position::kSecretary)};
  officials[2].available = false;
  officials[2].expertise = {};
  Result<WriteCounts> first = guidance.SaveOfficials(officials, Context("hq"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->added, 3);
  EXPECT_EQ(*guidance.LoadOfficials(), officials);

  officials[1].position = guidance::Position::kCabinetOfficial;
  Result<WriteCounts> second = guidance.SaveOfficials(officials, Context("hq"));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->updated, 1);
  EXPECT_EQ(second->unchanged, 2);
  EXPECT_EQ(*guidance.LoadOfficials(), officials);
  EXPECT_TRUE(AuditHas(*store_, "official.update", "OF-2"));
}

TEST_P(StoreContractTest, GuidanceOfficialsWithAnUnknownHomeOrATakenUserWriteNothing) {
  GuidanceStore& guidance = store_->Guidance();
  ASSERT_TRUE(guidance
                  .SaveOfficials(std::vector<guidance::Official>{GuidanceOfficial(
                                     "OF-1", guidance::Position::kSecretary, "team1")},
                                 Context("hq"))
                  .ok());
  guidance::Official lost = GuidanceOfficial("OF-2", guidance::Position::kSecretary);
  lost.home = "KP-99";
  EXPECT_EQ(
      guidance.SaveOfficials(std::vector<guidance::Official>{lost}, Context("hq")).status().code(),
      StatusCode::kInvalidArgument);
  const guidance::Official twice =
      GuidanceOfficial("OF-3", guidance::Position::kSecretary, "team1");
  EXPECT_EQ(
      guidance.SaveOfficials(std::vector<guidance::Official>{twice}, Context("hq")).status().code(),
      StatusCode::kInvalidArgument);
  EXPECT_EQ(guidance.LoadOfficials()->size(), 1u);
}

TEST_P(StoreContractTest, GuidanceChecklistVersionsAreNumberedAndKeptWhole) {
  GuidanceStore& guidance = store_->Guidance();
  Result<int> first = guidance.SaveChecklist(GuidanceChecklist("first", 2), Context("hq"));
  Result<int> second = guidance.SaveChecklist(GuidanceChecklist("second", 3), Context("hq"));
  ASSERT_TRUE(first.ok() && second.ok()) << first.status().ToString();
  EXPECT_EQ(*first, 1);
  EXPECT_EQ(*second, 2);
  Result<std::vector<guidance::Checklist>> loaded = guidance.LoadChecklists();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->size(), 2u);
  EXPECT_EQ((*loaded)[0].questions, GuidanceChecklist("first", 2).questions);
  EXPECT_EQ((*loaded)[1].questions, GuidanceChecklist("second", 3).questions);
  EXPECT_EQ((*loaded)[1].created_by, "hq");
  EXPECT_TRUE(AuditHas(*store_, "checklist.add", "checklist/2"));
}

TEST_P(StoreContractTest, AdoptingATeamPlanSupersedesTheOneAdoptedBefore) {
  GuidanceStore& guidance = store_->Guidance();
  ASSERT_TRUE(guidance
                  .SaveOfficials(
                      std::vector<guidance::Official>{
                          GuidanceOfficial("OF-1", guidance::Position::kSecretary),
                          GuidanceOfficial("OF-2", guidance::Position::kSecretary)},
                      Context("hq"))
                  .ok());
  Result<int64_t> first = guidance.SaveGuidancePlan(GuidancePlan("OF-1", "OF-2"), Context("hq"));
  Result<int64_t> second = guidance.SaveGuidancePlan(GuidancePlan("OF-2", "OF-1"), Context("hq"));
  ASSERT_TRUE(first.ok() && second.ok()) << first.status().ToString();
  ASSERT_TRUE(guidance.AdoptGuidancePlan(*first, Context("hq")).ok());
  EXPECT_EQ(guidance.AdoptGuidancePlan(*first, Context("hq")).code(), StatusCode::kConflict);
  EXPECT_EQ(guidance.AdoptGuidancePlan(*second + 10, Context("hq")).code(), StatusCode::kNotFound);
  ASSERT_TRUE(guidance.AdoptGuidancePlan(*second, Context("hq2")).ok());
  Result<std::vector<GuidancePlanRecord>> plans = guidance.LoadGuidancePlans();
  ASSERT_TRUE(plans.ok()) << plans.status().ToString();
  ASSERT_EQ(plans->size(), 2u);
  EXPECT_EQ((*plans)[0].id, *second);  // newest first
  EXPECT_EQ((*plans)[0].status, "adopted");
  EXPECT_EQ((*plans)[0].adopted_by, "hq2");
  EXPECT_EQ((*plans)[1].status, "superseded");
  const GuidanceTeamRecord& team = (*plans)[0].teams.at(0);
  EXPECT_GT(team.id, 0);
  EXPECT_EQ(team.plan_id, *second);
  EXPECT_EQ(team.members, (std::vector<std::string>{"OF-2", "OF-1"}));
  EXPECT_EQ(team.duties, (std::vector<std::string>{"treatment", "agriculture"}));
  EXPECT_DOUBLE_EQ(team.workload, 3.0);
  EXPECT_EQ((*plans)[0].detail, GuidancePlan("OF-1", "OF-2").detail);
  EXPECT_TRUE(AuditHas(*store_, "guidance_plan.adopt", "guidance_plan/" + std::to_string(*second)));
}

TEST_P(StoreContractTest, GuidanceVisitsKeepTheirAnswersAndFindingsAreClosedOnce) {
  GuidanceStore& guidance = store_->Guidance();
  ASSERT_TRUE(guidance
                  .SaveOfficials(
                      std::vector<guidance::Official>{
                          GuidanceOfficial("OF-1", guidance::Position::kSecretary),
                          GuidanceOfficial("OF-2", guidance::Position::kSecretary)},
                      Context("hq"))
                  .ok());
  ASSERT_TRUE(guidance.SaveChecklist(GuidanceChecklist("first", 2), Context("hq")).ok());
  Result<int64_t> plan = guidance.SaveGuidancePlan(GuidancePlan("OF-1", "OF-2"), Context("hq"));
  ASSERT_TRUE(plan.ok());
  const int64_t team = (*guidance.LoadGuidancePlans())[0].teams[0].id;
  guidance::Visit visit;
  visit.team = team;
  visit.region = "KP-01-001";
  visit.date = *Date::Parse("2022-05-25");
  visit.checklist_version = 1;
  visit.answers = {{"Q1", "yes"}, {"Q2", "4"}};
  visit.note = "morning";
  const std::vector<guidance::FindingInput> findings = {
      {guidance::Topic::kMedicineSupply, guidance::Severity::kHigh, "pharmacy closed",
       "open the pharmacy at night", "county committee"}};
  Result<guidance::Visit> stored = guidance.SaveVisit(visit, findings, Context("team1"));
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  ASSERT_EQ(stored->findings.size(), 1u);

  // A new checklist version leaves the answers as they were.
  ASSERT_TRUE(guidance.SaveChecklist(GuidanceChecklist("second", 1), Context("hq")).ok());
  Result<std::vector<guidance::Visit>> visits = guidance.LoadVisits();
  ASSERT_TRUE(visits.ok()) << visits.status().ToString();
  ASSERT_EQ(visits->size(), 1u);
  EXPECT_EQ((*visits)[0].answers, visit.answers);
  EXPECT_EQ((*visits)[0].checklist_version, 1);
  EXPECT_EQ((*visits)[0].recorded_by, "team1");

  // An unknown question or checklist version is refused whole.
  guidance::Visit bad = visit;
  bad.answers = {{"Q9", "yes"}};
  EXPECT_EQ(guidance.SaveVisit(bad, findings, Context("team1")).status().code(),
            StatusCode::kInvalidArgument);
  bad = visit;
  bad.checklist_version = 7;
  EXPECT_EQ(guidance.SaveVisit(bad, findings, Context("team1")).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(guidance.LoadVisits()->size(), 1u);
  EXPECT_EQ(guidance.LoadFindings()->size(), 1u);

  const int64_t id = stored->findings[0];
  ASSERT_TRUE(guidance.CloseFinding(id, "pharmacy opens 24 hours", Context("hq")).ok());
  EXPECT_EQ(guidance.CloseFinding(id, "again", Context("hq")).code(), StatusCode::kConflict);
  EXPECT_EQ(guidance.CloseFinding(id + 100, "no", Context("hq")).code(), StatusCode::kNotFound);
  const guidance::Finding finding = guidance.LoadFindings()->at(0);
  EXPECT_EQ(finding.status, guidance::FindingStatus::kClosed);
  EXPECT_EQ(finding.closed_by, "hq");
  EXPECT_EQ(finding.closure, "pharmacy opens 24 hours");
  EXPECT_EQ(finding.region, "KP-01-001");
  EXPECT_EQ(finding.team, team);
  EXPECT_EQ(finding.detail, findings[0]);
  EXPECT_TRUE(AuditHas(*store_, "finding.close", "finding/" + std::to_string(id)));
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

TEST(PostgresUrl, BecomesKeywordValuePairs) {
  Result<std::string> info =
      ConnectionInfoFromUrl("postgresql://ann:s'cret@db.local:5433/outbreak?sslmode=disable");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(*info,
            "host='db.local' port='5433' user='ann' password='s\\'cret' dbname='outbreak' "
            "sslmode='disable'");
  EXPECT_FALSE(ConnectionInfoFromUrl("mysql://x@y/z").ok());
}

}  // namespace
}  // namespace outbreak::store
