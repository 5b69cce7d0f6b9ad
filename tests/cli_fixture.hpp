#pragma once
// The shared ground of the command-line tests: a temporary folder holding a database, the real
// binary run on it, and the check that a rejected command changes nothing. OUTBREAK_BINARY and
// OUTBREAK_TEST_DATA_DIR come from tests/CMakeLists.txt.

#include <stdlib.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "process.hpp"

namespace outbreak::testing {

// A new folder /tmp/outbreak-SUITE-XXXXXX, named after the running test suite.
inline std::string NewTestDir() {
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  const ::testing::TestSuite* suite = ::testing::UnitTest::GetInstance()->current_test_suite();
  std::string pattern = std::string("/tmp/outbreak-") +
                        (test != nullptr    ? test->test_suite_name()
                         : suite != nullptr ? suite->name()
                                            : "cli") +
                        "-XXXXXX";
  return mkdtemp(pattern.data());
}

// Runs `outbreak --db DB --data-dir DATA args...`.
inline RunResult RunOutbreak(const std::string& db, std::vector<std::string> args) {
  args.insert(args.begin(), {"--db", db, "--data-dir", OUTBREAK_TEST_DATA_DIR});
  return Run(OUTBREAK_BINARY, args);
}

// The JSON a command wrote; null (and a failure) when it failed.
inline boost::json::value JsonOf(const RunResult& result) {
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return result.exit_code == 0 ? boost::json::parse(result.out) : boost::json::value();
}

// Runs a command that must fail, say each of `says` on stderr, and leave what `snapshot` shows as
// it was.
inline void ExpectRejectedUnchanged(
    const std::function<RunResult(const std::vector<std::string>&)>& run,
    const std::function<std::string()>& snapshot, const std::vector<std::string>& args,
    const std::vector<std::string>& says) {
  const std::string before = snapshot();
  RunResult result = run(args);
  EXPECT_NE(result.exit_code, 0);
  for (const std::string& text : says) {
    EXPECT_NE(result.err.find(text), std::string::npos) << result.err << "\nmissing: " << text;
  }
  EXPECT_EQ(snapshot(), before) << "a rejected command changed the data";
}

// A fresh database with the 2022 demo for each test.
class DemoCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = NewTestDir();
    db_ = dir_ + "/test.db";
    RunResult demo = Outbreak({"demo"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  RunResult Outbreak(std::vector<std::string> args) { return RunOutbreak(db_, std::move(args)); }
  boost::json::value Json(std::vector<std::string> args) {
    return JsonOf(Outbreak(std::move(args)));
  }
  // Writes `text` to a file of the test's folder: its path.
  std::string File(const std::string& name, const std::string& text) {
    WriteFile(dir_ + "/" + name, text);
    return dir_ + "/" + name;
  }
  // Everything a reader sees of the data a suite's commands touch, for ExpectRejected.
  virtual std::string Snapshot() {
    ADD_FAILURE() << "this suite says nothing of what a reader sees";
    return "";
  }
  void ExpectRejected(const std::vector<std::string>& args, const std::vector<std::string>& says) {
    ExpectRejectedUnchanged([this](const std::vector<std::string>& a) { return Outbreak(a); },
                            [this] { return Snapshot(); }, args, says);
  }

  std::string dir_;
  std::string db_;
};

}  // namespace outbreak::testing
