// The HTTP API end to end on servers of their own: short-lived tokens, the sign-in brake, the
// demo's read-only access, and shutdown with requests in flight.

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include "api_fixture.hpp"

namespace outbreak::testing {
namespace {

// ---------------------------------------------------------------------------------------------
// Servers of their own: short-lived tokens, the sign-in brake, the demo, and shutdown.

TEST(ApiTokenLifetime, AnExpiredTokenIs401) {
  TestDatabase database;
  ASSERT_EQ(database.LoadDemo(), "");
  ASSERT_EQ(database.AddUser("viewer", "viewer", "KP"), "");
  ServerProcess server(database, {"--token-lifetime", "1"});
  ASSERT_TRUE(server.started()) << server.Output();
  HttpReply login =
      Send(server.port(), "POST", "/api/v1/auth/login", {},
           json::serialize(json::object{{"name", "viewer"}, {"password", kTestPassword}}));
  ASSERT_EQ(login.status, 200) << Describe(login);
  const std::string token(login.Json().at("token").as_string());
  std::this_thread::sleep_for(2100ms);
  EXPECT_TRUE(
      IsError(Send(server.port(), "GET", "/api/v1/me", Bearer(token)), 401, "unauthorised"));
  EXPECT_EQ(server.Stop(), std::optional<int>(0)) << server.Output();
}

TEST(ApiSignInBrake, RepeatedFailedSignInsAre429AfterTheFreeFailures) {
  constexpr int kFreeFailures = 5;  // AuthOptions
  TestDatabase database;
  ASSERT_EQ(database.LoadDemo(), "");
  ASSERT_EQ(database.AddUser("county_clerk", "county_clerk", "KP-04-003"), "");
  ServerProcess server(database, {});
  ASSERT_TRUE(server.started()) << server.Output();
  auto sign_in = [&](const std::string& password) {
    return Send(server.port(), "POST", "/api/v1/auth/login", {},
                json::serialize(json::object{{"name", "county_clerk"}, {"password", password}}));
  };
  std::vector<int> statuses;
  HttpReply braked;
  for (int attempt_idx = 0; attempt_idx < kFreeFailures + 3; ++attempt_idx) {
    HttpReply reply = sign_in("guess-" + std::to_string(attempt_idx));
    statuses.push_back(reply.status);
    if (reply.status == 429) {
      braked = reply;
      break;
    }
    EXPECT_TRUE(IsError(reply, 401, "unauthorised"));
  }
  ASSERT_EQ(braked.status, 429) << "never slowed down";
  EXPECT_GE(statuses.size(), static_cast<size_t>(kFreeFailures + 1)) << "slowed down too soon";
  EXPECT_TRUE(IsError(braked, 429, "too_many_requests"));
  EXPECT_FALSE(braked.Header("retry-after").empty());
  // While braked, even the right password waits.
  EXPECT_TRUE(IsError(sign_in(kTestPassword), 429, "too_many_requests"));
  EXPECT_EQ(server.Stop(), std::optional<int>(0)) << server.Output();
}

// The bearer header of `name` signed in with kTestPassword; empty (and a failure) when refused.
Headers SignIn(uint16_t port, const std::string& name) {
  HttpReply login =
      Send(port, "POST", "/api/v1/auth/login", {},
           json::serialize(json::object{{"name", name}, {"password", kTestPassword}}));
  EXPECT_EQ(login.status, 200) << Describe(login);
  if (login.status != 200) return {};
  return Bearer(std::string(login.Json().at("token").as_string()));
}

// Polls `target` (bounded) until it answers `status`; the last reply.
HttpReply AwaitStatus(uint16_t port, const std::string& target, const Headers& headers,
                      int status) {
  const auto deadline = std::chrono::steady_clock::now() + kPatience;
  HttpReply reply = Send(port, "GET", target, headers);
  while (reply.status != status && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(100ms);
    reply = Send(port, "GET", target, headers);
  }
  return reply;
}

TEST(ApiDatabaseOutage, AnswersServiceUnavailableWhileAwayAndServesAgainWithoutARestart) {
  if (!std::filesystem::exists("/usr/lib/postgresql/15/bin/pg_ctl")) {
    if (std::getenv("OUTBREAK_REQUIRE_PG") != nullptr) FAIL() << "PostgreSQL 15 is not installed";
    GTEST_SKIP() << "PostgreSQL 15 is not installed";
  }
  PostgresCluster cluster;
  ASSERT_FALSE(cluster.url().empty()) << cluster.error();
  TestDatabase database(cluster.url());
  RunResult regions = database.Cli(
      {"import", "regions", std::string(OUTBREAK_TEST_DATA_DIR) + "/dprk2022/regions.csv"});
  ASSERT_EQ(regions.exit_code, 0) << regions.err;
  ASSERT_EQ(database.AddUser("admin", "admin", "KP"), "");
  ServerProcess server(database, {});
  ASSERT_TRUE(server.started()) << server.Output();
  const Headers bearer = SignIn(server.port(), "admin");
  ASSERT_FALSE(bearer.empty());
  EXPECT_EQ(Send(server.port(), "GET", "/readyz").status, 200);

  ASSERT_TRUE(cluster.Halt());
  HttpReply away = Send(server.port(), "GET", "/readyz");
  EXPECT_TRUE(IsError(away, 503, "unavailable")) << Describe(away);
  EXPECT_FALSE(away.Header("retry-after").empty());
  EXPECT_EQ(Send(server.port(), "GET", "/healthz").status, 200);  // alive, only not ready
  HttpReply users = Send(server.port(), "GET", "/api/v1/users", bearer);
  EXPECT_TRUE(IsError(users, 503, "unavailable")) << Describe(users);

  ASSERT_TRUE(cluster.Resume());
  EXPECT_EQ(AwaitStatus(server.port(), "/readyz", {}, 200).status, 200);
  HttpReply served = AwaitStatus(server.port(), "/api/v1/users", bearer, 200);
  EXPECT_EQ(served.status, 200) << Describe(served);
  EXPECT_EQ(server.Stop(), std::optional<int>(0)) << server.Output();
}

TEST(ApiSlowWork, PlansRunOnTheWorkerPoolAndBeyondItsQueueAre503WhileOthersAreServed) {
  TestDatabase database;
  ASSERT_EQ(database.LoadDemo(), "");
  ASSERT_EQ(database.AddUser("headquarters", "headquarters", "KP"), "");
  ServerProcess server(database, {"--plan-threads", "1", "--plan-queue", "1"});
  ASSERT_TRUE(server.started()) << server.Output();
  const Headers bearer = SignIn(server.port(), "headquarters");
  ASSERT_FALSE(bearer.empty());
  // Replays of the whole of 2022, several at once, with room for one: the others are told to
  // come back, and quick requests are answered meanwhile.
  constexpr int kReplays = 6;
  std::vector<HttpReply> replies(kReplays);
  std::vector<std::thread> senders;
  for (int sender_idx = 0; sender_idx < kReplays; ++sender_idx) {
    senders.emplace_back([&, sender_idx] {
      replies[sender_idx] =
          Send(server.port(), "GET", "/api/v1/levels/replay?from=2022-05-12&to=2022-08-10", bearer);
    });
  }
  EXPECT_EQ(Send(server.port(), "GET", "/healthz").status, 200);
  for (std::thread& sender : senders) sender.join();
  int served = 0;
  int refused = 0;
  for (const HttpReply& reply : replies) {
    if (reply.status == 200) ++served;
    if (IsError(reply, 503, "unavailable")) {
      ++refused;
      EXPECT_EQ(reply.Header("retry-after"), "5");
    }
  }
  EXPECT_GE(served, 1);
  EXPECT_EQ(served + refused, kReplays);
  EXPECT_GE(refused, 1) << "six replays at once never met a queue of one";
  EXPECT_EQ(server.Stop(), std::optional<int>(0)) << server.Output();
}

TEST(ApiDemoMode, AnonymousCallersReadButDoNotWrite) {
  TestDatabase database;
  ServerProcess server(database, {"--demo"});
  ASSERT_TRUE(server.started()) << server.Output();
  EXPECT_NE(server.Output().find("DEMO MODE"), std::string::npos) << server.Output();

  HttpReply sitrep = Send(server.port(), "GET", "/api/v1/sitrep?as_of=2022-05-20");
  ASSERT_EQ(sitrep.status, 200) << Describe(sitrep);
  EXPECT_EQ(sitrep.Json().at("new").at("fever").as_int64(), 219030);
  HttpReply me = Send(server.port(), "GET", "/api/v1/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_TRUE(me.Json().at("anonymous").as_bool());
  EXPECT_EQ(Send(server.port(), "GET", "/api/v1/regions/KP-04-003").status, 200);

  EXPECT_TRUE(IsError(Send(server.port(), "POST", "/api/v1/reports", {},
                           ReportBody("KP-04-003", FreshDate(), {1, 0, 0, 1})),
                      401, "unauthorised"));
  EXPECT_TRUE(IsError(Send(server.port(), "GET", "/api/v1/audit"), 401, "unauthorised"));
  EXPECT_TRUE(IsError(Send(server.port(), "GET", "/api/v1/users"), 401, "unauthorised"));
  EXPECT_TRUE(
      IsError(Send(server.port(), "POST", "/api/v1/users/viewer/disable"), 401, "unauthorised"));
  // A token, when sent, must still be a real one.
  EXPECT_TRUE(IsError(Send(server.port(), "GET", "/api/v1/sitrep", Bearer(kForgedToken)), 401,
                      "unauthorised"));
  EXPECT_EQ(server.Stop(), std::optional<int>(0)) << server.Output();
}

TEST(ApiShutdown, SigtermLetsRequestsInFlightFinishAndExitsZero) {
  TestDatabase database;
  ASSERT_EQ(database.LoadDemo(), "");
  ASSERT_EQ(database.AddUser("headquarters", "headquarters", "KP"), "");
  ServerProcess server(database, {"--threads", "2"});
  ASSERT_TRUE(server.started()) << server.Output();
  const uint16_t port = server.port();
  HttpReply login =
      Send(port, "POST", "/api/v1/auth/login", {},
           json::serialize(json::object{{"name", "headquarters"}, {"password", kTestPassword}}));
  ASSERT_EQ(login.status, 200) << Describe(login);
  const std::string token(login.Json().at("token").as_string());

  // A report whose body is still on its way when the signal comes.
  const std::string date = FreshDate();
  const std::string body = ReportBody("KP-04-003", date, {4, 0, 0, 4});
  const size_t half = body.size() / 2;
  RawConnection upload(port);
  ASSERT_TRUE(upload.connected());
  ASSERT_TRUE(
      upload.Write("POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                   "Authorization: Bearer " +
                   token + "\r\nContent-Type: application/json\r\nContent-Length: " +
                   std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, half)));

  // Readers keep the server busy; every answer they get must be whole and right.
  std::atomic<bool> stop_readers{false};
  std::atomic<int> answered{0};
  std::mutex mutex;
  std::vector<std::string> bad_answers;
  std::vector<std::thread> readers;
  for (int reader_idx = 0; reader_idx < 4; ++reader_idx) {
    readers.emplace_back([&] {
      while (!stop_readers) {
        HttpReply reply = Send(port, "GET", "/api/v1/sitrep?region=KP-04", Bearer(token));
        if (reply.status == 0) break;  // refused: the server no longer accepts
        if (reply.status != 200 || !reply.Json().is_object()) {
          std::lock_guard lock(mutex);
          bad_answers.push_back(Describe(reply));
        }
        ++answered;
      }
    });
  }
  const auto deadline = std::chrono::steady_clock::now() + kPatience;
  while (answered < 20 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  server.Terminate();
  // Once it refuses new connections the signal has been handled.
  bool refused = false;
  while (!refused && std::chrono::steady_clock::now() < deadline + kPatience) {
    refused = !RawConnection(port).connected();
    if (!refused) std::this_thread::sleep_for(10ms);
  }
  stop_readers = true;
  for (std::thread& reader : readers) reader.join();
  EXPECT_TRUE(refused) << "still accepting after SIGTERM";
  EXPECT_GT(answered.load(), 0);
  EXPECT_TRUE(bad_answers.empty()) << bad_answers.front();

  ASSERT_TRUE(upload.Write(body.substr(half)));
  const auto [answer, closed] = upload.ReadUntilClosed(kPatience);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 201")) << "the upload in flight got: " << answer;
  EXPECT_NE(answer.find("\"added\":1"), std::string::npos) << answer;
  EXPECT_TRUE(closed);

  EXPECT_EQ(server.Wait(), std::optional<int>(0)) << server.Output();
  // Nothing was lost: the report is in the database.
  RunResult history =
      database.Cli({"history", "--region", "KP-04-003", "--date", date, "--format", "json"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_EQ(json::parse(history.out).at("versions").as_array().size(), 1u) << history.out;
}

}  // namespace
}  // namespace outbreak::testing
