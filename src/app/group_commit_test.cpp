#include "app/group_commit.hpp"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace outbreak::app {
namespace {

struct Job {
  int value = 0;
  int batch = -1;  // which batch ran it
  int result = 0;
};

TEST(GroupCommit, AJobAloneRunsAtOnceInABatchOfItsOwn) {
  int batches = 0;
  GroupCommit<Job> commits(
      [&](std::span<Job* const> jobs) {
        for (Job* job : jobs) job->result = job->value * 2;
        ++batches;
      },
      8);
  Job job{21};
  commits.Submit(job);
  EXPECT_EQ(job.result, 42);
  EXPECT_EQ(batches, 1);
  EXPECT_EQ(commits.Counts(), (std::pair<size_t, size_t>{1, 1}));
}

// Many threads at once: every job runs exactly once, gets its own result, no batch is larger
// than the limit, batches never overlap, and the jobs that arrived while a batch ran share the
// next one.
TEST(GroupCommit, JobsThatArriveTogetherShareBatchesAndEachGetsItsOwnResult) {
  constexpr int kThreads = 32;
  constexpr int kPerThread = 50;
  constexpr size_t kLimit = 10;
  std::atomic<int> running{0};
  std::atomic<bool> overlapped{false};
  std::atomic<size_t> largest{0};
  int next_batch = 0;  // only touched inside batches, which never overlap
  GroupCommit<Job> commits(
      [&](std::span<Job* const> jobs) {
        if (running.fetch_add(1) != 0) overlapped = true;
        size_t seen = largest.load();
        while (jobs.size() > seen && !largest.compare_exchange_weak(seen, jobs.size())) {
        }
        for (Job* job : jobs) {
          job->result = job->value + 1;
          job->batch = next_batch;
        }
        ++next_batch;
        std::this_thread::sleep_for(std::chrono::microseconds(300));  // a commit's fsync
        running.fetch_sub(1);
      },
      kLimit);
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int thread = 0; thread < kThreads; ++thread) {
    threads.emplace_back([&, thread] {
      for (int each = 0; each < kPerThread; ++each) {
        Job job{thread * 1000 + each};
        commits.Submit(job);
        if (job.result != job.value + 1 || job.batch < 0) ++wrong;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_FALSE(overlapped.load());
  EXPECT_LE(largest.load(), kLimit);
  const auto [batches, jobs] = commits.Counts();
  EXPECT_EQ(jobs, static_cast<size_t>(kThreads * kPerThread));
  // 32 threads waiting on a 300 µs batch: far fewer batches than jobs.
  EXPECT_LT(batches, jobs / 2) << "jobs that waited together did not share a batch";
}

TEST(GroupCommit, AnExceptionReachesEveryThreadOfItsBatchAndTheNextBatchRuns) {
  std::atomic<int> calls{0};
  GroupCommit<Job> commits(
      [&](std::span<Job* const> jobs) {
        if (calls.fetch_add(1) == 0) throw std::runtime_error("disk full");
        for (Job* job : jobs) job->result = 1;
      },
      4);
  Job failed{1};
  EXPECT_THROW(commits.Submit(failed), std::runtime_error);
  Job next{2};
  commits.Submit(next);
  EXPECT_EQ(next.result, 1);
}

}  // namespace
}  // namespace outbreak::app
