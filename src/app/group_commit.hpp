#pragma once
// GroupCommit: writes that arrive together share one transaction and one durable commit.
//
// A thread submits its job and waits. The first to find no batch running leads: it takes every
// job waiting (up to a limit, in the order they came), runs them as one batch, wakes each of
// their threads, and hands the lead to the oldest job still waiting. While a batch commits, the
// next gathers, so under load each commit carries the writes that arrived during the last one,
// and alone a write is committed at once, without waiting for company.
//
// What a job did (its result) is the batch's business: `run` fills it in. An exception thrown by
// `run` is rethrown to every thread of that batch.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <span>
#include <utility>
#include <vector>

namespace outbreak::app {

template <typename Job>
class GroupCommit {
 public:
  using RunBatch = std::function<void(std::span<Job* const> jobs)>;

  GroupCommit(RunBatch run, size_t max_batch) : run_(std::move(run)), max_batch_(max_batch) {}
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  // Runs `job` in a batch; returns once that batch has run.
  void Submit(Job& job) {
    Entry entry(&job);
    std::unique_lock lock(mutex_);
    waiting_.push_back(&entry);
    if (running_) entry.woken.wait(lock, [&] { return entry.done || entry.lead; });
    if (!entry.done) Lead(lock);
    if (entry.error) std::rethrow_exception(entry.error);
  }

  // How many batches have run, and how many jobs they carried (for tests and figures).
  std::pair<size_t, size_t> Counts() const {
    std::lock_guard lock(mutex_);
    return {batches_, jobs_};
  }

 private:
  struct Entry {
    explicit Entry(Job* of) : job(of) {}
    Job* job;
    std::condition_variable woken;
    bool done = false;
    bool lead = false;
    std::exception_ptr error;
  };

  // With `lock` held and this thread's entry first in line: runs one batch from the front of the
  // line, which holds this thread's entry.
  void Lead(std::unique_lock<std::mutex>& lock) {
    running_ = true;
    const size_t count = std::min(max_batch_, waiting_.size());
    std::vector<Entry*> batch(waiting_.begin(), waiting_.begin() + static_cast<long>(count));
    waiting_.erase(waiting_.begin(), waiting_.begin() + static_cast<long>(count));
    ++batches_;
    jobs_ += count;
    lock.unlock();
    std::vector<Job*> jobs;
    jobs.reserve(count);
    for (Entry* entry : batch) jobs.push_back(entry->job);
    std::exception_ptr error;
    try {
      run_(jobs);
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    for (Entry* entry : batch) {
      entry->done = true;
      entry->error = error;
      entry->woken.notify_one();
    }
    if (waiting_.empty()) {
      running_ = false;
    } else {
      waiting_.front()->lead = true;
      waiting_.front()->woken.notify_one();
    }
  }

  RunBatch run_;
  const size_t max_batch_;
  mutable std::mutex mutex_;
  std::deque<Entry*> waiting_;
  bool running_ = false;  // a batch runs, or the lead has been handed on
  size_t batches_ = 0;
  size_t jobs_ = 0;
};

}  // namespace outbreak::app
