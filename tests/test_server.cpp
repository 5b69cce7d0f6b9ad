#include "test_server.hpp"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <regex>
#include <thread>

namespace outbreak::testing {

namespace {

constexpr std::chrono::seconds kStartTimeout{30};

std::string Failure(const std::string& what, const RunResult& result) {
  return result.exit_code == 0
             ? std::string()
             : what + " failed (" + std::to_string(result.exit_code) + "): " + result.err;
}

}  // namespace

TestDatabase::TestDatabase() {
  char pattern[] = "/tmp/outbreak-api-XXXXXX";
  dir_ = mkdtemp(pattern);
  path_ = dir_ + "/test.db";
}

TestDatabase::TestDatabase(std::string url) : TestDatabase() { path_ = std::move(url); }

TestDatabase::~TestDatabase() { std::filesystem::remove_all(dir_); }

RunResult TestDatabase::Cli(const std::vector<std::string>& args, const std::string& input) const {
  std::vector<std::string> full = {"--db", path_, "--data-dir", OUTBREAK_TEST_DATA_DIR};
  full.insert(full.end(), args.begin(), args.end());
  return RunWithInput(OUTBREAK_BINARY, full, input);
}

std::string TestDatabase::LoadDemo() const { return Failure("outbreak demo", Cli({"demo"})); }

std::string TestDatabase::AddUser(const std::string& name, const std::string& role,
                                  const std::string& region) const {
  return Failure("outbreak user add " + name,
                 Cli({"user", "add", name, "--role", role, "--region", region},
                     std::string(kTestPassword) + "\n"));
}

ServerProcess::ServerProcess(const TestDatabase& database,
                             const std::vector<std::string>& extra_args) {
  static std::atomic<int> next_id{0};
  const std::string name = database.dir() + "/server-" + std::to_string(next_id++);
  out_path_ = name + ".out";
  err_path_ = name + ".err";
  std::vector<std::string> args = {"--db",  database.path(), "--data-dir", OUTBREAK_TEST_DATA_DIR,
                                   "serve", "--listen",      "127.0.0.1:0"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = StartLogged(OUTBREAK_BINARY, args, out_path_, err_path_);
  running_ = true;
  static const std::regex kListening(R"(Outbreak is listening on http://127\.0\.0\.1:(\d+)/)");
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch match;
    const std::string out = ReadFile(out_path_);
    if (std::regex_search(out, match, kListening)) {
      port_ = static_cast<uint16_t>(std::stoi(match[1].str()));
      return;
    }
    if (WaitForExit(pid_, std::chrono::milliseconds(0))) {
      running_ = false;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

ServerProcess::~ServerProcess() {
  if (!running_) return;
  kill(pid_, SIGKILL);
  WaitForExit(pid_, std::chrono::seconds(10));
}

std::string ServerProcess::Output() const {
  return "--- server stdout ---\n" + ReadFile(out_path_) + "--- server stderr ---\n" +
         ReadFile(err_path_);
}

void ServerProcess::Terminate() const {
  if (running_) kill(pid_, SIGTERM);
}

void ServerProcess::Kill() {
  if (!running_) return;
  kill(pid_, SIGKILL);
  if (WaitForExit(pid_, std::chrono::seconds(10))) running_ = false;
}

std::optional<int> ServerProcess::Wait(std::chrono::milliseconds timeout) {
  if (!running_) return std::nullopt;
  std::optional<int> code = WaitForExit(pid_, timeout);
  if (code) running_ = false;
  return code;
}

std::optional<int> ServerProcess::Stop(std::chrono::milliseconds timeout) {
  Terminate();
  return Wait(timeout);
}

namespace {

RunResult ClusterScript(const std::vector<std::string>& args) {
  std::vector<std::string> full = {OUTBREAK_SOURCE_DIR "/scripts/pg-test-cluster.sh"};
  full.insert(full.end(), args.begin(), args.end());
  return Run("/bin/bash", full);
}

}  // namespace

PostgresCluster::PostgresCluster() {
  char pattern[] = "/tmp/outbreak-cluster-XXXXXX";
  dir_ = mkdtemp(pattern);
  // A port of the process's own, so that suites running at once do not meet. The port may still
  // be taken (by another process, or as the local end of some connection): then another is tried.
  for (int attempt = 0; attempt < 5 && url_.empty(); ++attempt) {
    port_ = std::to_string(41000 + (::getpid() + attempt * 1777) % 9000);
    RunResult started = ClusterScript({"start", dir_, port_});
    if (started.exit_code == 0) url_ = started.out.substr(0, started.out.find('\n'));
    error_ = started.err;
  }
}

PostgresCluster::~PostgresCluster() { ClusterScript({"stop", dir_}); }

bool PostgresCluster::Installed() {
  return std::filesystem::exists("/usr/lib/postgresql/15/bin/pg_ctl");
}

bool PostgresCluster::Halt() { return ClusterScript({"halt", dir_}).exit_code == 0; }

bool PostgresCluster::Resume() { return ClusterScript({"resume", dir_, port_}).exit_code == 0; }

}  // namespace outbreak::testing
