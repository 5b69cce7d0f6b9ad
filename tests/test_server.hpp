#pragma once
// The real server for the end-to-end tests of the API: a database prepared with the command line,
// and `outbreak serve` started on it on a free port of 127.0.0.1.

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "process.hpp"

namespace outbreak::testing {

// The password of every user the tests add.
inline constexpr char kTestPassword[] = "correct-horse-battery";

// A temporary folder holding a database; removed with the object.
class TestDatabase {
 public:
  TestDatabase();
  // On the database `url` (a PostgreSQL URL) instead of a fresh SQLite file.
  explicit TestDatabase(std::string url);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& dir() const { return dir_; }
  const std::string& path() const { return path_; }

  // Runs `outbreak --db PATH --data-dir DATA args...` with `input` on stdin.
  RunResult Cli(const std::vector<std::string>& args, const std::string& input = "") const;
  // Load the 2022 demo, add a user with kTestPassword; "" on success, else what went wrong.
  std::string LoadDemo() const;
  std::string AddUser(const std::string& name, const std::string& role,
                      const std::string& region) const;

 private:
  std::string dir_;
  std::string path_;
};

// `outbreak --db DB serve --listen 127.0.0.1:0 EXTRA...`, killed with the object if still running.
class ServerProcess {
 public:
  // Starts the server and waits (bounded) for the line that gives its port.
  ServerProcess(const TestDatabase& database, const std::vector<std::string>& extra_args);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  bool started() const { return port_ != 0; }
  uint16_t port() const { return port_; }
  // What the server wrote on stdout and stderr, for failure messages.
  std::string Output() const;
  // Sends SIGTERM.
  void Terminate() const;
  // Sends SIGKILL (kill -9) and waits for the end.
  void Kill();
  // Waits for the server to end: its exit code, or nullopt when it runs on after `timeout`.
  std::optional<int> Wait(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  // Terminate, then Wait.
  std::optional<int> Stop(std::chrono::milliseconds timeout = std::chrono::seconds(20));

 private:
  pid_t pid_ = -1;
  bool running_ = false;
  uint16_t port_ = 0;
  std::string out_path_;
  std::string err_path_;
};

// A PostgreSQL cluster of the test's own (scripts/pg-test-cluster.sh), to stop and start at will;
// removed with the object.
class PostgresCluster {
 public:
  PostgresCluster();
  ~PostgresCluster();
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;

  // Whether PostgreSQL 15 is installed here at all.
  static bool Installed();
  // The cluster's URL, empty when it did not start (error() says why).
  const std::string& url() const { return url_; }
  const std::string& error() const { return error_; }
  bool Halt();
  bool Resume();

 private:
  std::string dir_;
  std::string port_;
  std::string url_;
  std::string error_;
};

}  // namespace outbreak::testing
