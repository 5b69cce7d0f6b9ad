#pragma once
// The clock port: engines never read the time themselves; the app passes it in.

#include <chrono>
#include <cstdint>
#include <string>

namespace outbreak::app {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowUnixSeconds() const = 0;
};

class SystemClock : public Clock {
 public:
  int64_t NowUnixSeconds() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that says what it is told (tests).
class FixedClock : public Clock {
 public:
  explicit FixedClock(int64_t unix_seconds) : now_(unix_seconds) {}
  int64_t NowUnixSeconds() const override { return now_; }
  void Set(int64_t unix_seconds) { now_ = unix_seconds; }

 private:
  int64_t now_;
};

// "2022-05-20T09:00:00Z"
std::string IsoTimestamp(int64_t unix_seconds);

}  // namespace outbreak::app
