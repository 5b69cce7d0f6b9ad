// The store contract of a group commit (Store::WriteReportGroup), on every backend: several
// requests' reports in one transaction, each all-or-nothing as if written alone, in order.

#include <algorithm>

#include "store_contract_fixture.hpp"

namespace outbreak::store {
namespace {

class StoreGroupCommitTest : public StoreContractTest {
 protected:
  static ReportJob Job(std::vector<ReportRow> rows, const WriteContext& context,
                       std::optional<int> expected_version = std::nullopt,
                       const IdempotencyRecord* key = nullptr) {
    ReportJob job;
    for (ReportRow& row : rows) job.writes.push_back({std::move(row), expected_version});
    job.context = context;
    job.request_key = key;
    return job;
  }
  void Run(std::vector<ReportJob>& jobs) {
    std::vector<ReportJob*> pointers;
    for (ReportJob& job : jobs) pointers.push_back(&job);
    store_->WriteReportGroup(pointers);
  }
};

TEST_P(StoreGroupCommitTest, EachJobIsAllOrNothingAndTheOthersStand) {
  ASSERT_TRUE(Write({Row("KP-01-001", "2022-05-12", 5)}, Context("clerk")).ok());
  const int64_t before = *store_->LastChange();
  std::vector<ReportJob> jobs;
  // 0: two first reports.
  jobs.push_back(Job({Row("KP-01-002", "2022-05-12", 7), Row("KP-01-002", "2022-05-13", 8)},
                     Context("clerk")));
  // 1: a correction without a reason beside a first report: refused whole.
  jobs.push_back(Job({Row("KP-01-001", "2022-05-12", 6), Row("KP-01-001", "2022-05-13", 1)},
                     Context("clerk")));
  // 2: an unknown region: refused.
  jobs.push_back(Job({Row("KP-09-001", "2022-05-12", 1)}, Context("clerk")));
  // 3: a correction with its reason, of the version its writer read.
  jobs.push_back(Job({Row("KP-01-001", "2022-05-12", 9)}, Context("clerk", "recount"), 1));
  // 4: the same report corrected again from the version job 3 replaced: it is stale now.
  jobs.push_back(Job({Row("KP-01-001", "2022-05-12", 10)}, Context("clerk", "recount"), 1));
  // 5: identical to what job 0 wrote: unchanged, nothing logged.
  jobs.push_back(Job({Row("KP-01-002", "2022-05-12", 7)}, Context("clerk")));
  Run(jobs);

  ASSERT_TRUE(jobs[0].outcome.ok()) << jobs[0].outcome.status().ToString();
  EXPECT_EQ(jobs[0].outcome->added.size(), 2u);
  EXPECT_EQ(jobs[1].outcome.status().code(), StatusCode::kConflict);
  EXPECT_EQ(jobs[2].outcome.status().code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(jobs[3].outcome.ok()) << jobs[3].outcome.status().ToString();
  ASSERT_EQ(jobs[3].outcome->corrected.size(), 1u);
  EXPECT_EQ(jobs[3].outcome->corrected[0].version, 2);
  EXPECT_EQ(jobs[4].outcome.status().code(), StatusCode::kConflict)
      << "decided after job 3, as if written after it";
  ASSERT_TRUE(jobs[5].outcome.ok()) << jobs[5].outcome.status().ToString();
  EXPECT_EQ(jobs[5].outcome->unchanged, 1);
  EXPECT_EQ(jobs[5].outcome->change, 0);

  // Stored: job 0's two reports and job 3's correction; nothing of jobs 1, 2 and 4.
  const std::vector<ReportRow> stored = Reports();
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(stored[0].region, "KP-01-001");
  EXPECT_EQ(stored[0].counts.new_fever, 9);
  EXPECT_EQ(stored[0].version, 2);
  EXPECT_EQ(stored[1].counts.new_fever, 7);
  EXPECT_EQ(stored[2].counts.new_fever, 8);
  Result<std::vector<surveillance::ReportVersion>> history =
      store_->ReportHistory("KP-01-001", *Date::Parse("2022-05-12"));
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].reason, "recount");

  // Each writing job has its own change, in the order of the jobs.
  Result<std::vector<Change>> changes = store_->ChangesSince(before, 100);
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  ASSERT_EQ(changes->size(), 2u);
  EXPECT_EQ((*changes)[0].seq, jobs[0].outcome->change);
  EXPECT_EQ((*changes)[1].seq, jobs[3].outcome->change);
  EXPECT_EQ((*changes)[0].reports.size(), 2u);
  EXPECT_EQ((*changes)[1].reports,
            (std::vector<ReportKey>{{"KP-01-001", *Date::Parse("2022-05-12")}}));
}

TEST_P(StoreGroupCommitTest, ARequestKeyIsRecordedWithItsJobAndTakenOnlyOnce) {
  const IdempotencyRecord first{"clerk", "k-1", "h-1", kIdempotencyWritten, "", "2022-05-20"};
  const IdempotencyRecord again = first;  // the same key, sent twice at once
  const IdempotencyRecord other{"clerk", "k-2", "h-2", kIdempotencyWritten, "", "2022-05-20"};
  std::vector<ReportJob> jobs;
  jobs.push_back(Job({Row("KP-01-001", "2022-05-12", 5)}, Context("clerk"), {}, &first));
  jobs.push_back(Job({Row("KP-01-002", "2022-05-12", 6)}, Context("clerk"), {}, &again));
  jobs.push_back(Job({Row("KP-01-002", "2022-05-13", 7)}, Context("clerk"), {}, &other));
  // A job that writes nothing records no key: the same request may write when sent again.
  const IdempotencyRecord idle{"clerk", "k-3", "h-3", kIdempotencyWritten, "", "2022-05-20"};
  jobs.push_back(Job({Row("KP-01-001", "2022-05-12", 5)}, Context("clerk"), {}, &idle));
  Run(jobs);

  ASSERT_TRUE(jobs[0].outcome.ok()) << jobs[0].outcome.status().ToString();
  EXPECT_EQ(jobs[0].key_outcome, RequestKeyOutcome::kRecorded);
  EXPECT_FALSE(jobs[1].outcome.ok());
  EXPECT_EQ(jobs[1].key_outcome, RequestKeyOutcome::kTakenByAnother);
  ASSERT_TRUE(jobs[2].outcome.ok()) << jobs[2].outcome.status().ToString();
  EXPECT_EQ(jobs[2].key_outcome, RequestKeyOutcome::kRecorded);
  ASSERT_TRUE(jobs[3].outcome.ok());
  EXPECT_EQ(jobs[3].outcome->unchanged, 1);
  EXPECT_EQ(jobs[3].key_outcome, RequestKeyOutcome::kNotRecorded);

  const std::vector<ReportRow> stored = Reports();
  ASSERT_EQ(stored.size(), 2u) << "the second job under the key wrote nothing";
  EXPECT_EQ(stored[0].region, "KP-01-001");
  EXPECT_EQ(stored[1].region, "KP-01-002");
  EXPECT_EQ(stored[1].date, *Date::Parse("2022-05-13"));
  EXPECT_TRUE(store_->FindIdempotency("clerk", "k-1")->has_value());
  EXPECT_TRUE(store_->FindIdempotency("clerk", "k-2")->has_value());
  EXPECT_FALSE(store_->FindIdempotency("clerk", "k-3")->has_value());
}

// A row the database refuses fails the group's write together; the group is then written job by
// job, and only the job that carries the row fails.
TEST_P(StoreGroupCommitTest, ARowTheDatabaseRefusesFailsOnlyItsOwnJob) {
  // Keys too, so that the job-by-job way is seen to record and refuse them as the group would.
  const IdempotencyRecord key{"clerk", "k-a", "h-a", kIdempotencyWritten, "", "2022-05-20"};
  const IdempotencyRecord refused{"clerk", "k-b", "h-b", kIdempotencyWritten, "", "2022-05-20"};
  std::vector<ReportJob> jobs;
  jobs.push_back(Job({Row("KP-01-001", "2022-05-12", 5)}, Context("clerk"), {}, &key));
  jobs.push_back(Job({Row("KP-01-002", "2022-05-12", -5)}, Context("clerk"), {}, &refused));
  jobs.push_back(Job({Row("KP-01-002", "2022-05-13", 6)}, Context("clerk")));
  jobs.push_back(Job({Row("KP-01-002", "2022-05-14", 7)}, Context("clerk"), {}, &key));
  const int64_t before = *store_->LastChange();
  Run(jobs);
  ASSERT_TRUE(jobs[0].outcome.ok()) << jobs[0].outcome.status().ToString();
  EXPECT_EQ(jobs[0].key_outcome, RequestKeyOutcome::kRecorded);
  EXPECT_FALSE(jobs[1].outcome.ok());
  EXPECT_EQ(jobs[1].key_outcome, RequestKeyOutcome::kNotRecorded);
  ASSERT_TRUE(jobs[2].outcome.ok()) << jobs[2].outcome.status().ToString();
  EXPECT_FALSE(jobs[3].outcome.ok());
  EXPECT_EQ(jobs[3].key_outcome, RequestKeyOutcome::kTakenByAnother);
  EXPECT_TRUE(store_->FindIdempotency("clerk", "k-a")->has_value());
  EXPECT_FALSE(store_->FindIdempotency("clerk", "k-b")->has_value())
      << "the refused job's key is not kept: the request may be sent again, mended";
  const std::vector<ReportRow> stored = Reports();
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].counts.new_fever, 5);
  EXPECT_EQ(stored[1].counts.new_fever, 6);
  Result<std::vector<Change>> changes = store_->ChangesSince(before, 100);
  ASSERT_TRUE(changes.ok());
  EXPECT_EQ(changes->size(), 2u) << "a change for each job that wrote, none for the one refused";
}

TEST_P(StoreGroupCommitTest, AGroupOfOneIsTheSameAsAWriteAlone) {
  std::vector<ReportJob> jobs;
  jobs.push_back(Job({Row("KP-01-001", "2022-05-12", 5, 40)}, Context("clerk")));
  Run(jobs);
  ASSERT_TRUE(jobs[0].outcome.ok()) << jobs[0].outcome.status().ToString();
  EXPECT_GT(jobs[0].outcome->change, 0);
  ASSERT_TRUE(Write({Row("KP-01-002", "2022-05-12", 5, 40)}, Context("clerk")).ok());
  const std::vector<ReportRow> stored = Reports();
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].counts, stored[1].counts);
  EXPECT_EQ(stored[0].version, stored[1].version);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreGroupCommitTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace outbreak::store
