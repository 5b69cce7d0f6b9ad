#include "app/change_follower.hpp"

#include <spdlog/spdlog.h>

namespace outbreak::app {

namespace {

constexpr int kChangesPerRound = 1000;

}  // namespace

ChangeFollower::ChangeFollower(std::unique_ptr<store::Store> store, int64_t applied,
                               std::chrono::milliseconds poll)
    : store_(std::move(store)), poll_(poll), applied_(applied) {}

ChangeFollower::~ChangeFollower() { Stop(); }

void ChangeFollower::Listen(Listener listener) { listeners_.push_back(std::move(listener)); }

void ChangeFollower::Start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { Run(); });
}

void ChangeFollower::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int64_t ChangeFollower::Applied() const {
  std::lock_guard lock(mutex_);
  return applied_;
}

bool ChangeFollower::WaitFor(int64_t seq, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  if (applied_ >= seq) return true;
  wake_ = true;
  changed_.notify_all();
  return changed_.wait_for(lock, timeout, [&] { return applied_ >= seq || stopping_; }) &&
         applied_ >= seq;
}

Status ChangeFollower::CatchUp() {
  while (true) {
    Result<bool> any = Round();
    if (!any.ok()) return any.status();
    if (!*any) return Status::Ok();
  }
}

Result<bool> ChangeFollower::Round() {
  Result<std::vector<store::Change>> changes = store_->ChangesSince(Applied(), kChangesPerRound);
  if (!changes.ok()) return changes.status();
  if (changes->empty()) return false;
  for (const Listener& listener : listeners_) {
    if (Status s = listener(*changes); !s.ok()) return s;
  }
  {
    std::lock_guard lock(mutex_);
    applied_ = changes->back().seq;
  }
  changed_.notify_all();
  return true;
}

void ChangeFollower::Run() {
  bool failing = false;
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      wake_ = false;
    }
    Result<bool> any = Round();
    if (!any.ok()) {
      // The database is away or a listener could not reload: the same changes are read again
      // next round. Said once, not every round.
      if (!failing) spdlog::warn("changes: cannot follow: {}", any.status().ToString());
      failing = true;
    } else {
      if (failing) spdlog::info("changes: following again from change {}", Applied());
      failing = false;
      if (*any) continue;  // more may be waiting
    }
    Result<bool> notified = failing ? Result<bool>(false) : store_->WaitForChange(poll_);
    if (notified.ok() && *notified) continue;
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, poll_, [&] { return stopping_ || wake_; });
  }
}

}  // namespace outbreak::app
