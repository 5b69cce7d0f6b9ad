#include "app/auth_service.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

#include <gtest/gtest.h>

#include "app/open_store.hpp"

namespace outbreak::app {
namespace {

constexpr char kPassword[] = "correct horse";
constexpr int64_t kNow = 1'653'000'000;  // 2022-05-19

// An AuthService on a fresh SQLite file with the users "a", "b" and "off" (disabled).
class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "auth_service_test_" + std::to_string(::getpid()) + ".db";
    std::remove(path_.c_str());
    auto store = OpenStore(path_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auth_ = std::make_unique<AuthService>(std::move(*store), clock_);
    for (const char* name : {"a", "b", "off"}) {
      ASSERT_TRUE(
          auth_->AddUser(name, "county_clerk", "KP-04-003", kPassword, true, "test", "").ok());
    }
    ASSERT_TRUE(auth_->SetDisabled("off", true, "test", "").ok());
  }
  void TearDown() override {
    auth_.reset();
    std::remove(path_.c_str());
  }

  StatusCode SignIn(const std::string& name, const std::string& password,
                    const std::string& address) {
    return auth_->Login(name, password, address).status().code();
  }
  // Fails `name` from `address` until it is held up; returns the failures it took.
  int FailUntilHeld(const std::string& name, const std::string& address) {
    for (int attempt = 1; attempt <= 50; ++attempt) {
      if (SignIn(name, "wrong", address) == StatusCode::kTooManyRequests) return attempt;
    }
    return -1;
  }

  FixedClock clock_{kNow};
  std::string path_;
  std::unique_ptr<AuthService> auth_;
};

TEST_F(AuthServiceTest, AGuesserIsHeldUpButTheUserSignsInFromElsewhere) {
  const int failures = FailUntilHeld("a", "10.0.0.66");
  EXPECT_EQ(failures, AuthOptions{}.free_failures + 2);  // the last free one, then held
  EXPECT_EQ(SignIn("a", kPassword, "10.0.0.66"), StatusCode::kTooManyRequests);
  EXPECT_GT(auth_->RetryAfterSeconds("a", "10.0.0.66"), 0);
  // Neither the user elsewhere nor another user at the guesser's address is locked out.
  EXPECT_EQ(SignIn("a", kPassword, "10.0.0.1"), StatusCode::kOk);
  EXPECT_EQ(SignIn("b", kPassword, "10.0.0.66"), StatusCode::kOk);
  EXPECT_EQ(auth_->RetryAfterSeconds("b", "10.0.0.66"), 0);
}

TEST_F(AuthServiceTest, ASuccessOnAnotherNameDoesNotResetTheFailures) {
  const std::string address = "10.0.0.7";
  for (int attempt = 0; attempt < AuthOptions{}.free_failures; ++attempt) {
    ASSERT_EQ(SignIn("a", "wrong", address), StatusCode::kUnauthorised);
    ASSERT_EQ(SignIn("b", kPassword, address), StatusCode::kOk);
  }
  EXPECT_EQ(SignIn("a", "wrong", address), StatusCode::kUnauthorised);
  EXPECT_EQ(SignIn("a", "wrong", address), StatusCode::kTooManyRequests);
}

TEST_F(AuthServiceTest, TheRetryAfterSaysTheRealWaitAndTheWaitEnds) {
  ASSERT_GT(FailUntilHeld("a", "10.0.0.8"), 0);
  const int64_t wait = auth_->RetryAfterSeconds("a", "10.0.0.8");
  ASSERT_GT(wait, 0);
  clock_.Set(kNow + wait - 1);
  EXPECT_EQ(auth_->RetryAfterSeconds("a", "10.0.0.8"), 1);
  clock_.Set(kNow + wait);
  EXPECT_EQ(SignIn("a", kPassword, "10.0.0.8"), StatusCode::kOk);
}

TEST_F(AuthServiceTest, AnAddressFailingAcrossManyNamesIsHeldUpAsAWhole) {
  const std::string address = "10.0.0.9";
  for (size_t name_idx = 0; name_idx + 1 < AuthOptions{}.address_names; ++name_idx) {
    ASSERT_EQ(SignIn("nobody" + std::to_string(name_idx), "x", address), StatusCode::kUnauthorised);
  }
  EXPECT_EQ(SignIn("b", kPassword, address), StatusCode::kOk);  // not yet
  EXPECT_EQ(SignIn("last-name", "x", address), StatusCode::kUnauthorised);
  EXPECT_EQ(SignIn("b", kPassword, address), StatusCode::kTooManyRequests);
  EXPECT_EQ(SignIn("b", kPassword, "10.0.0.10"), StatusCode::kOk);
}

TEST_F(AuthServiceTest, UnknownAndDisabledNamesGetTheSameAnswerAsAWrongPassword) {
  const Status unknown = auth_->Login("nobody", kPassword, "10.0.0.11").status();
  const Status disabled = auth_->Login("off", kPassword, "10.0.0.11").status();
  const Status wrong = auth_->Login("a", "wrong", "10.0.0.11").status();
  EXPECT_EQ(unknown.code(), StatusCode::kUnauthorised);
  EXPECT_EQ(unknown.message(), wrong.message());
  EXPECT_EQ(disabled.message(), wrong.message());
}

}  // namespace
}  // namespace outbreak::app
