// Several servers on one database, as a headquarters runs them behind a load balancer: every
// server answers with the writes made through any other or through the command line, a client
// reads its own write through any server, two corrections of one report at once never both win,
// one key is written once even across a kill -9. On SQLite (several processes on one file) and on
// a PostgreSQL cluster of the test's own. The test under 1,000 random writes is in
// api_cluster_random_test.cpp.

#include <atomic>
#include <cmath>
#include <map>
#include <random>
#include <thread>

#include "cluster_fixture.hpp"

namespace outbreak::testing {
namespace {

TEST_P(SeveralServersTest, EveryServerAnswersWithWritesMadeThroughAnotherOrTheCommandLine) {
  ServerProcess a(*database_, {});
  ServerProcess b(*database_, {});
  ASSERT_TRUE(a.started()) << a.Output();
  ASSERT_TRUE(b.started()) << b.Output();
  const Headers clerk = SignIn(a.port(), "clerk");
  ASSERT_FALSE(clerk.empty());

  HttpReply posted = Send(a.port(), "POST", "/api/v1/reports", clerk,
                          json::serialize(ReportBody("2022-05-12", 5)));
  ASSERT_EQ(posted.status, 201) << Describe(posted);
  const int64_t change = ChangeOf(posted);
  ASSERT_GT(change, 0) << "a write answers with the change it made";
  // Read-your-writes through the other server: it applies the log up to the write first.
  HttpReply read = Send(b.port(), "GET", "/api/v1/reports?region=KP-04-003",
                        With(clerk, "X-Outbreak-Read-After", std::to_string(change)));
  ASSERT_EQ(read.status, 200) << Describe(read);
  EXPECT_GE(ChangeOf(read), change);
  ASSERT_EQ(read.Json().at("total").as_int64(), 1) << read.body;
  EXPECT_EQ(read.Json().at("items").as_array()[0].at("version").as_int64(), 1);
  // And without being asked, within the patience of a test.
  EXPECT_TRUE(Shows(b.port(), clerk, "2022-05-12", {1, 5}));

  // A file loaded with the command line while both servers run.
  const std::string csv = database_->dir() + "/late.csv";
  std::ofstream(csv) << "region,date,new_fever,new_recovered,new_deaths,under_treatment\n"
                     << kUnit << ",2022-05-13,7,1,0,16\n";
  RunResult imported = database_->Cli({"import", "reports", csv});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_TRUE(Shows(a.port(), clerk, "2022-05-13", {1, 7}));
  EXPECT_TRUE(Shows(b.port(), clerk, "2022-05-13", {1, 7}));
  // A bad change number is refused, naming the header.
  EXPECT_TRUE(
      IsError(Send(b.port(), "GET", "/api/v1/sitrep", With(clerk, "X-Outbreak-Read-After", "soon")),
              400, "invalid_argument"));

  // The situation reports agree, byte for byte.
  const std::string sitrep = "/api/v1/sitrep?region=KP-04-003&as_of=2022-05-13&format=text";
  HttpReply from_a = Send(a.port(), "GET", sitrep, clerk);
  HttpReply from_b = Send(b.port(), "GET", sitrep, clerk);
  ASSERT_EQ(from_a.status, 200) << Describe(from_a);
  EXPECT_EQ(from_a.body, from_b.body);
  EXPECT_NE(from_a.body.find("13 May 2022, 7 new fever cases"), std::string::npos) << from_a.body;
  EXPECT_EQ(a.Stop(), std::optional<int>(0)) << a.Output();
  EXPECT_EQ(b.Stop(), std::optional<int>(0)) << b.Output();
}

TEST_P(SeveralServersTest, OfTwoCorrectionsAtOnceThroughTwoServersExactlyOneWins) {
  ServerProcess a(*database_, {});
  ServerProcess b(*database_, {});
  ASSERT_TRUE(a.started()) << a.Output();
  ASSERT_TRUE(b.started()) << b.Output();
  const Headers officer = SignIn(a.port(), "officer");
  ASSERT_FALSE(officer.empty());
  const std::string date = "2022-05-12";
  ASSERT_EQ(Send(a.port(), "POST", "/api/v1/reports", officer, json::serialize(ReportBody(date, 5)))
                .status,
            201);

  constexpr int kRounds = 100;
  int64_t version = 1;
  int64_t expected_fever = 5;
  int64_t last_change = 0;
  for (int round = 0; round < kRounds; ++round) {
    // Both officers read `version` and correct it at once, each through a server of its own.
    HttpReply replies[2];
    std::thread racers[2];
    for (int side = 0; side < 2; ++side) {
      racers[side] = std::thread([&, side] {
        json::object body = ReportBody(date, 1000 + round * 2 + side);
        body["reason"] = "recount " + std::to_string(round);
        body["expected_version"] = version;
        replies[side] = Send(side == 0 ? a.port() : b.port(), "POST", "/api/v1/reports", officer,
                             json::serialize(body));
      });
    }
    for (std::thread& racer : racers) racer.join();
    const int winners = (replies[0].status == 201) + (replies[1].status == 201);
    ASSERT_EQ(winners, 1) << "round " << round << ": " << Describe(replies[0]) << " / "
                          << Describe(replies[1]);
    const int winner = replies[0].status == 201 ? 0 : 1;
    const HttpReply& loser = replies[1 - winner];
    ASSERT_TRUE(IsError(loser, 409, "conflict")) << "round " << round << ": " << Describe(loser);
    // The loser is shown what is stored now: the winner's value, one version on.
    const std::string stored = "stored version " + std::to_string(version + 1);
    const std::string value = "\"new_fever\":" + std::to_string(1000 + round * 2 + winner);
    const json::value error = loser.Json();
    const std::string details = json::serialize(error.at("error").at("details"));
    const std::string shown(error.at("error").at("details").as_array().at(0).as_string());
    EXPECT_NE(shown.find(stored), std::string::npos) << details;
    EXPECT_NE(shown.find(value), std::string::npos) << details;
    ++version;
    expected_fever = 1000 + round * 2 + winner;
    last_change = std::max(last_change, ChangeOf(replies[winner]));
  }
  // Nothing acknowledged was lost: both servers hold the last winner, at the version counted.
  const Headers after = With(officer, "X-Outbreak-Read-After", std::to_string(last_change));
  EXPECT_EQ(StoredOn(a.port(), after, date), std::make_pair(version, expected_fever));
  EXPECT_EQ(StoredOn(b.port(), after, date), std::make_pair(version, expected_fever));
  HttpReply history =
      Send(b.port(), "GET", "/api/v1/reports/KP-04-003/2022-05-12/history", officer);
  ASSERT_EQ(history.status, 200) << Describe(history);
  EXPECT_NE(history.body.find("\"version\":" + std::to_string(kRounds + 1)), std::string::npos);

  // Every server now answers as one started afresh on the same database.
  ServerProcess fresh(*database_, {});
  ASSERT_TRUE(fresh.started()) << fresh.Output();
  for (const std::string target : {"/api/v1/sitrep?region=KP-04&as_of=2022-05-12",
                                   "/api/v1/series?region=KP", "/api/v1/reports?region=KP-04"}) {
    const std::string expected = Send(fresh.port(), "GET", target, officer).body;
    EXPECT_EQ(Send(a.port(), "GET", target, after).body, expected) << target;
    EXPECT_EQ(Send(b.port(), "GET", target, after).body, expected) << target;
  }
}

TEST_P(SeveralServersTest, OneIdempotencyKeySentTenTimesAtOnceToTwoServersWritesOnce) {
  ServerProcess a(*database_, {});
  ServerProcess b(*database_, {});
  ASSERT_TRUE(a.started()) << a.Output();
  ASSERT_TRUE(b.started()) << b.Output();
  const Headers supply = SignIn(a.port(), "supply");
  ASSERT_FALSE(supply.empty());
  const std::string body =
      json::serialize(json::object{{"movements", json::array{json::object{{"day", "2022-09-01"},
                                                                          {"node", "T-CO"},
                                                                          {"medicine", "T-PARA"},
                                                                          {"kind", "receipt"},
                                                                          {"quantity", 100},
                                                                          {"lot", "L-ONCE"},
                                                                          {"expiry", "2024-01-31"},
                                                                          {"maker", "F-1"}}}}});
  const Headers keyed = With(supply, "Idempotency-Key", "receipt-once");
  HttpReply replies[10];
  std::vector<std::thread> senders;
  for (int idx = 0; idx < 10; ++idx) {
    senders.emplace_back([&, idx] {
      replies[idx] =
          Send(idx % 2 == 0 ? a.port() : b.port(), "POST", "/api/v1/supply/ledger", keyed, body);
    });
  }
  for (std::thread& sender : senders) sender.join();
  int64_t last_change = 0;
  for (const HttpReply& reply : replies) {
    // The first answer, or (rarely) "written, being answered" while the first is answered.
    EXPECT_TRUE(reply.status == 201 || reply.status == 409) << Describe(reply);
    last_change = std::max(last_change, ChangeOf(reply));
  }
  const Headers after = With(supply, "X-Outbreak-Read-After", std::to_string(last_change));
  for (const uint16_t port : {a.port(), b.port()}) {
    HttpReply ledger =
        Send(port, "GET", "/api/v1/supply/ledger?region=KP-04-003&lot=L-ONCE", after);
    ASSERT_EQ(ledger.status, 200) << Describe(ledger);
    EXPECT_EQ(ledger.Json().at("total").as_int64(), 1) << "written more than once: " << ledger.body;
  }
  // Sent again later, to either server: the first answer, replayed.
  HttpReply resend = Send(b.port(), "POST", "/api/v1/supply/ledger", keyed, body);
  EXPECT_EQ(resend.status, 201) << Describe(resend);
  EXPECT_EQ(resend.Header("idempotent-replayed"), "true");
}

// The same key resent after the server that took the write was killed (kill -9) at a moment drawn
// at random, from before the request reached it to after its answer: each time the write is
// stored exactly once. Killed before its commit, nothing was written and the resend writes it;
// killed after, the resend replays the answer or says that it was written.
TEST_P(SeveralServersTest, AKeyResentAfterAKillNineWritesExactlyOnce) {
  ServerProcess other(*database_, {});
  ASSERT_TRUE(other.started()) << other.Output();
  const Headers supply = SignIn(other.port(), "supply");
  ASSERT_FALSE(supply.empty());
  std::mt19937 rng(20220512);
  // From 0.2 to 60 ms after the send, evenly on a log scale: a write takes about 2 ms on SQLite
  // and a few more on PostgreSQL, so the kills fall before, during and after it.
  std::uniform_real_distribution<double> log_kill_after_us(std::log(200.0), std::log(60000.0));
  constexpr int kTrials = 12;
  int replayed_or_written = 0, written_on_resend = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    const std::string lot = "L-KILL-" + std::to_string(trial);
    const std::string body = json::serialize(
        json::object{{"movements", json::array{json::object{{"day", "2022-09-01"},
                                                            {"node", "T-CO"},
                                                            {"medicine", "T-PARA"},
                                                            {"kind", "receipt"},
                                                            {"quantity", 100},
                                                            {"lot", lot},
                                                            {"expiry", "2024-01-31"},
                                                            {"maker", "F-1"}}}}});
    const Headers keyed = With(supply, "Idempotency-Key", "kill-nine-" + std::to_string(trial));
    {
      ServerProcess victim(*database_, {});
      ASSERT_TRUE(victim.started()) << victim.Output();
      std::thread sender(
          [&] { Send(victim.port(), "POST", "/api/v1/supply/ledger", keyed, body, 2s); });
      std::this_thread::sleep_for(
          std::chrono::microseconds(std::llround(std::exp(log_kill_after_us(rng)))));
      victim.Kill();
      sender.join();
    }
    // Resent, to a server that was running all along.
    HttpReply resend = Send(other.port(), "POST", "/api/v1/supply/ledger", keyed, body);
    ASSERT_TRUE(resend.status == 201 || resend.status == 409) << Describe(resend);
    if (resend.status == 409) {
      EXPECT_NE(resend.body.find("written"), std::string::npos) << resend.body;
    }
    (resend.Header("idempotent-replayed") == "true" || resend.status == 409 ? replayed_or_written
                                                                            : written_on_resend)++;
    const std::string target = "/api/v1/supply/ledger?region=KP-04-003&lot=" + lot;
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    int64_t total = 0;
    while (std::chrono::steady_clock::now() < deadline) {
      HttpReply ledger = Send(other.port(), "GET", target, supply);
      ASSERT_EQ(ledger.status, 200) << Describe(ledger);
      total = ledger.Json().at("total").as_int64();
      if (total > 0) break;
      std::this_thread::sleep_for(20ms);
    }
    EXPECT_EQ(total, 1) << "trial " << trial << ": the write is stored " << total << " times";
  }
  // Both sides of the commit were hit (the kill moments spread over the write).
  RecordProperty("replayed_or_written", replayed_or_written);
  RecordProperty("written_on_resend", written_on_resend);
  std::printf("kill -9 trials: %d written before the kill, %d written by the resend\n",
              replayed_or_written, written_on_resend);
}

// Reports posted at once share commits (app/group_commit.hpp); a server killed (kill -9) in the
// middle of that load loses nothing it acknowledged: every report answered 201 is stored with
// its value, once. Twelve senders, each filing day after day for a unit of the province.
TEST_P(SeveralServersTest, ReportsAcknowledgedInSharedCommitsSurviveAKillNine) {
  constexpr int kSenders = 12;
  auto unit_of = [](int sender) {
    char code[16];
    std::snprintf(code, sizeof code, "KP-04-%03d", sender + 1);
    return std::string(code);
  };
  std::vector<std::vector<std::pair<std::string, int64_t>>> acknowledged(kSenders);
  {
    ServerProcess victim(*database_, {});
    ASSERT_TRUE(victim.started()) << victim.Output();
    const Headers officer = SignIn(victim.port(), "officer");
    ASSERT_FALSE(officer.empty());
    std::vector<std::thread> senders;
    for (int sender = 0; sender < kSenders; ++sender) {
      senders.emplace_back([&, sender] {
        for (int day = 0; day < 5000; ++day) {
          json::object body = ReportBody(FreshDay(day), sender * 100 + day % 100);
          body["region"] = unit_of(sender);
          HttpReply reply =
              Send(victim.port(), "POST", "/api/v1/reports", officer, json::serialize(body), 5s);
          if (reply.status != 201) break;
          acknowledged[sender].emplace_back(FreshDay(day), sender * 100 + day % 100);
        }
      });
    }
    std::this_thread::sleep_for(800ms);
    victim.Kill();
    for (std::thread& sender : senders) sender.join();
  }
  size_t wanted = 0;
  for (const auto& each : acknowledged) wanted += each.size();
  ASSERT_GT(wanted, 20u) << "too few reports acknowledged before the kill to say anything";

  ServerProcess fresh(*database_, {});
  ASSERT_TRUE(fresh.started()) << fresh.Output();
  const Headers officer = SignIn(fresh.port(), "officer");
  size_t lost = 0, stored_count = 0;
  for (int sender = 0; sender < kSenders; ++sender) {
    std::map<std::string, int64_t> stored;
    for (int64_t offset = 0;; offset += 1000) {
      HttpReply page = Send(fresh.port(), "GET",
                            "/api/v1/reports?region=" + unit_of(sender) + "&from=" + FreshDay(0) +
                                "&limit=1000&offset=" + std::to_string(offset),
                            officer);
      ASSERT_EQ(page.status, 200) << Describe(page);
      const json::value parsed = page.Json();
      const json::array& items = parsed.at("items").as_array();
      for (const json::value& item : items) {
        EXPECT_EQ(item.at("version").as_int64(), 1);
        stored[std::string(item.at("date").as_string())] =
            item.at("counts").as_object().at("new_fever").as_int64();
      }
      if (items.size() < 1000) break;
    }
    for (const auto& [date, fever] : acknowledged[sender]) {
      auto found = stored.find(date);
      if (found == stored.end() || found->second != fever) ++lost;
    }
    // Stored and not acknowledged: at most the one whose answer the kill cut.
    EXPECT_LE(stored.size(), acknowledged[sender].size() + 1) << unit_of(sender);
    stored_count += stored.size();
  }
  EXPECT_EQ(lost, 0u) << "of " << wanted << " acknowledged reports";
  std::printf("kill -9 under load: %zu reports acknowledged, %zu stored\n", wanted, stored_count);
}

INSTANTIATE_TEST_SUITE_P(Backends, SeveralServersTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace outbreak::testing
