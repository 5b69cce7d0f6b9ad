// The store contract of prevention levels (store/levels_store.hpp), on every backend: rules
// and programmes documents, proposals, decisions with their tasks, and completing tasks.

#include <gtest/gtest.h>

#include "store/levels_store.hpp"
#include "store_contract_fixture.hpp"

namespace outbreak::store {
namespace {

ProposalRecord Proposal(const std::string& region, const char* day, const std::string& to) {
  ProposalRecord p;
  p.region = region;
  p.day = *Date::Parse(day);
  p.from_level = "maximum_emergency";
  p.to_level = to;
  p.rules_version = "r1";
  p.triggers =
      R"([{"indicator":"incidence_7d_per_100k","comparison":"<","threshold":200,"value":107}])";
  return p;
}

DecisionRecord Decision(int64_t proposal, const std::string& region, const std::string& outcome) {
  DecisionRecord d;
  d.proposal_id = proposal;
  d.region = region;
  d.day = *Date::Parse("2022-06-25");
  d.outcome = outcome;
  d.from_level = "maximum_emergency";
  d.to_level = outcome == "rejected" ? "maximum_emergency" : "heightened";
  d.reason = "the decline held for a week";
  d.rules_version = "r1";
  d.programmes_version = "p1";
  return d;
}

std::vector<TaskRecord> Tasks(const std::string& region, int count) {
  std::vector<TaskRecord> out;
  for (int idx = 0; idx < count; ++idx) {
    TaskRecord t;
    t.region = region;
    t.level = "heightened";
    t.title = "Task " + std::to_string(idx);
    t.unit = "health bureau";
    t.due = *Date::Parse("2022-06-26") + idx;
    out.push_back(t);
  }
  return out;
}

int64_t AuditCount(Store& store, const std::string& action) {
  AuditQuery query;
  query.action = action;
  Result<std::vector<AuditEntry>> entries = store.ListAudit(query);
  EXPECT_TRUE(entries.ok()) << entries.status().ToString();
  return entries.ok() ? static_cast<int64_t>(entries->size()) : -1;
}

TEST_P(StoreContractTest, LevelDocumentsKeepEveryVersionAndTheNewestIsInForce) {
  LevelsStore& levels_store = store_->Levels();
  Result<std::optional<LevelsDocument>> none = levels_store.LatestDocument("rules");
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(none->has_value());
  ASSERT_TRUE(
      levels_store
          .SaveDocument({0, "rules", "r1", "a.txt", "version = r1\n", "", ""}, Context("hq"))
          .ok());
  Result<int64_t> second = levels_store.SaveDocument(
      {0, "rules", "r2", "b.txt", "version = r2\n# 조선\n", "", ""}, Context("hq", "thresholds"));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  Result<std::optional<LevelsDocument>> latest = levels_store.LatestDocument("rules");
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_EQ((*latest)->id, *second);
  EXPECT_EQ((*latest)->version, "r2");
  EXPECT_EQ((*latest)->text, "version = r2\n# 조선\n");
  EXPECT_EQ((*latest)->loaded_by, "hq");
  EXPECT_FALSE(levels_store.LatestDocument("programmes")->has_value());
  EXPECT_EQ(AuditCount(*store_, "levels.rules"), 2);
}

TEST_P(StoreContractTest, ProposalsRoundTripAndANewOneSupersedesThePending) {
  LevelsStore& levels_store = store_->Levels();
  Result<std::vector<int64_t>> first = levels_store.SaveProposals(
      std::vector{Proposal("KP-01", "2022-06-24", "heightened")}, {}, Context("hq"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  Result<std::vector<int64_t>> second = levels_store.SaveProposals(
      std::vector{Proposal("KP-01", "2022-06-25", "normal")}, *first, Context("hq"));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  Result<std::vector<ProposalRecord>> all = levels_store.LoadProposals();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].status, "superseded");
  EXPECT_EQ((*all)[1].status, "pending");
  EXPECT_EQ((*all)[1].day, *Date::Parse("2022-06-25"));
  EXPECT_EQ((*all)[1].to_level, "normal");
  EXPECT_EQ((*all)[1].triggers, Proposal("KP-01", "2022-06-25", "x").triggers);
  EXPECT_EQ((*all)[1].created_by, "hq");
  Result<std::optional<ProposalRecord>> found = levels_store.FindProposal((*second)[0]);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->region, "KP-01");
  EXPECT_FALSE(levels_store.FindProposal(999)->has_value());
  EXPECT_EQ(AuditCount(*store_, "levels.propose"), 2);
}

TEST_P(StoreContractTest, AProposalInAnUnknownRegionWritesNothing) {
  LevelsStore& levels_store = store_->Levels();
  Result<std::vector<int64_t>> ids =
      levels_store.SaveProposals(std::vector{Proposal("KP-01", "2022-06-25", "heightened"),
                                             Proposal("KP-99", "2022-06-25", "heightened")},
                                 {}, Context("hq"));
  ASSERT_FALSE(ids.ok());
  EXPECT_EQ(ids.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(ids.status().message().find("KP-99"), std::string::npos);
  EXPECT_TRUE(levels_store.LoadProposals()->empty());
}

TEST_P(StoreContractTest, AProposalIsDecidedOnceAndItsTasksAreCreatedWithTheDecision) {
  LevelsStore& levels_store = store_->Levels();
  const int64_t proposal = (*levels_store.SaveProposals(
      std::vector{Proposal("KP-01", "2022-06-25", "heightened")}, {}, Context("hq")))[0];
  Result<DecisionRecord> decided = levels_store.SaveDecision(
      Decision(proposal, "KP-01", "accepted"), Tasks("KP-01", 3), Context("hq"));
  ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  EXPECT_GT(decided->id, 0);
  EXPECT_EQ(decided->decided_by, "hq");
  Result<std::optional<ProposalRecord>> after = levels_store.FindProposal(proposal);
  EXPECT_EQ((*after)->status, "accepted");
  EXPECT_EQ((*after)->decision_id, decided->id);
  Result<std::vector<TaskRecord>> tasks = levels_store.LoadTasks();
  ASSERT_EQ(tasks->size(), 3u);
  EXPECT_EQ((*tasks)[2].decision_id, decided->id);
  EXPECT_EQ((*tasks)[2].due, *Date::Parse("2022-06-28"));
  EXPECT_FALSE((*tasks)[0].done);

  // Deciding it again is a conflict and writes nothing.
  Result<DecisionRecord> again = levels_store.SaveDecision(Decision(proposal, "KP-01", "rejected"),
                                                           Tasks("KP-01", 2), Context("other"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kConflict);
  EXPECT_EQ(levels_store.LoadDecisions()->size(), 1u);
  EXPECT_EQ(levels_store.LoadTasks()->size(), 3u);
  EXPECT_EQ(AuditCount(*store_, "levels.decide"), 1);

  Result<DecisionRecord> missing =
      levels_store.SaveDecision(Decision(999, "KP-01", "accepted"), {}, Context("hq"));
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContractTest, ADecisionInAnUnknownRegionWritesNothing) {
  LevelsStore& levels_store = store_->Levels();
  Result<DecisionRecord> decided =
      levels_store.SaveDecision(Decision(0, "KP-77", "set"), Tasks("KP-77", 2), Context("hq"));
  ASSERT_FALSE(decided.ok());
  EXPECT_EQ(decided.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(levels_store.LoadDecisions()->empty());
  EXPECT_TRUE(levels_store.LoadTasks()->empty());
}

TEST_P(StoreContractTest, DecisionsAreKeptInOrderOfRecording) {
  LevelsStore& levels_store = store_->Levels();
  for (const char* region : {"KP", "KP-01", "KP-01-001"}) {
    ASSERT_TRUE(levels_store.SaveDecision(Decision(0, region, "set"), {}, Context("hq")).ok());
  }
  Result<std::vector<DecisionRecord>> decisions = levels_store.LoadDecisions();
  ASSERT_EQ(decisions->size(), 3u);
  EXPECT_EQ((*decisions)[0].region, "KP");
  EXPECT_EQ((*decisions)[2].region, "KP-01-001");
  EXPECT_EQ((*decisions)[1].proposal_id, 0);
  EXPECT_EQ((*decisions)[1].reason, "the decline held for a week");
  EXPECT_EQ((*decisions)[1].programmes_version, "p1");
  EXPECT_LT((*decisions)[0].id, (*decisions)[1].id);
}

TEST_P(StoreContractTest, ATaskIsDoneOnceWithWhoAndWhen) {
  LevelsStore& levels_store = store_->Levels();
  ASSERT_TRUE(
      levels_store.SaveDecision(Decision(0, "KP-01", "set"), Tasks("KP-01", 2), Context("hq"))
          .ok());
  const int64_t task = (*levels_store.LoadTasks())[1].id;
  ASSERT_TRUE(levels_store.CompleteTask(task, "teams formed", Context("officer")).ok());
  Result<std::vector<TaskRecord>> tasks = levels_store.LoadTasks();
  EXPECT_FALSE((*tasks)[0].done);
  EXPECT_TRUE((*tasks)[1].done);
  EXPECT_EQ((*tasks)[1].done_by, "officer");
  EXPECT_EQ((*tasks)[1].done_at, "2022-05-20T09:00:00Z");
  EXPECT_EQ((*tasks)[1].note, "teams formed");
  EXPECT_EQ(levels_store.CompleteTask(task, "", Context("clerk")).code(), StatusCode::kConflict);
  EXPECT_EQ(levels_store.LoadTasks()->at(1).done_by, "officer");
  EXPECT_EQ(levels_store.CompleteTask(12345, "", Context("clerk")).code(), StatusCode::kNotFound);
  EXPECT_EQ(AuditCount(*store_, "task.done"), 1);
}

}  // namespace
}  // namespace outbreak::store
