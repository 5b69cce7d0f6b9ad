#pragma once
// ChangeFollower: keeps a server's memory in step with the database it shares with other
// processes (other servers, the CLI).
//
// Every write appends an entry to the store's change log in its own transaction (store.hpp). The
// follower reads the entries after the last it applied, in order, and hands them to its
// listeners (the services that hold data in memory: the cube, the rules in force, the cover
// cache), on a thread of its own. On PostgreSQL it is woken by LISTEN/NOTIFY as soon as another
// process commits; it also polls, which is all SQLite has. A listener that fails (the database
// is away) is given the same changes again on the next round: nothing is skipped.
//
// Applied() is the number of the last change every listener has applied: an answer built after
// it reflects every write up to it (the API sends it as X-Outbreak-Change).
//
// Thread-safe.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

#include "core/status.hpp"
#include "store/store.hpp"

namespace outbreak::app {

class ChangeFollower {
 public:
  using Listener = std::function<Status(std::span<const store::Change>)>;

  // Reads the log through `store`, a connection of its own, from after change `applied`: the
  // last change the listeners' state is known to reflect (read it with LastChange before they
  // load, so that nothing committed meanwhile is missed).
  ChangeFollower(std::unique_ptr<store::Store> store, int64_t applied,
                 std::chrono::milliseconds poll = std::chrono::milliseconds(100));
  ~ChangeFollower();
  ChangeFollower(const ChangeFollower&) = delete;
  ChangeFollower& operator=(const ChangeFollower&) = delete;

  // Listeners are added before Start and called in the order added, on the follower's thread.
  void Listen(Listener listener);
  void Start();
  void Stop();

  int64_t Applied() const;
  // Waits until change `seq` is applied, at most `timeout`; true when it is.
  bool WaitFor(int64_t seq, std::chrono::milliseconds timeout);
  // Reads and applies every change committed so far, on the calling thread (for tests and the
  // CLI; not while Start()ed).
  Status CatchUp();

 private:
  // One round: the changes after Applied(), applied; true when there were any.
  Result<bool> Round();
  void Run();

  std::unique_ptr<store::Store> store_;
  std::chrono::milliseconds poll_;
  std::vector<Listener> listeners_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;  // Applied() moved, or a stop or wake-up was asked
  int64_t applied_ = 0;
  bool stopping_ = false;
  bool wake_ = false;
  std::thread thread_;
};

}  // namespace outbreak::app
