// Several servers on one database, as a headquarters runs them behind a load balancer: every
// server answers with the writes made through any other or through the command line, a client
// reads its own write through any server, two corrections of one report at once never both win,
// and every server ends where a server started afresh begins. On SQLite (several processes on one
// file) and on a PostgreSQL cluster of the test's own.

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <random>
#include <thread>

#include "api_fixture.hpp"

namespace outbreak::testing {
namespace {

constexpr char kUnit[] = "KP-04-003";  // the clerk's reporting unit

json::object ReportBody(const std::string& date, int64_t fever) {
  return {{"region", kUnit},    {"date", date},    {"new_fever", fever},
          {"new_recovered", 1}, {"new_deaths", 0}, {"under_treatment", fever + 10}};
}

// The day `offset` days after the demo's last (2022-08-09), as YYYY-MM-DD.
std::string FreshDay(int offset) {
  using namespace std::chrono;
  const year_month_day day{sys_days{2022y / August / 10} + days{offset}};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

Headers With(Headers headers, const std::string& name, const std::string& value) {
  headers.emplace_back(name, value);
  return headers;
}

// The stored report of kUnit on `date` as `port` answers it: {version, new_fever}, or {0, 0}.
std::pair<int64_t, int64_t> StoredOn(uint16_t port, const Headers& headers,
                                     const std::string& date) {
  HttpReply reply = Send(
      port, "GET", "/api/v1/reports?region=" + std::string(kUnit) + "&from=" + date + "&to=" + date,
      headers);
  if (reply.status != 200) return {-1, -1};
  const json::value body = reply.Json();
  const json::array& items = body.at("items").as_array();
  if (items.empty()) return {0, 0};
  const json::object& item = items[0].as_object();
  return {item.at("version").as_int64(), item.at("counts").as_object().at("new_fever").as_int64()};
}

// Polls (bounded) until `port` holds `expected` for `date`; whether it did.
bool Shows(uint16_t port, const Headers& headers, const std::string& date,
           std::pair<int64_t, int64_t> expected) {
  const auto deadline = std::chrono::steady_clock::now() + kPatience;
  while (StoredOn(port, headers, date) != expected) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

int64_t ChangeOf(const HttpReply& reply) {
  const std::string header = reply.Header("x-outbreak-change");
  return header.empty() ? -1 : std::stoll(header);
}

Headers SignIn(uint16_t port, const std::string& name) {
  HttpReply login =
      Send(port, "POST", "/api/v1/auth/login", {},
           json::serialize(json::object{{"name", name}, {"password", kTestPassword}}));
  EXPECT_EQ(login.status, 200) << Describe(login);
  if (login.status != 200) return {};
  return Bearer(std::string(login.Json().at("token").as_string()));
}

class SeveralServersTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres") {
      if (!PostgresCluster::Installed()) {
        if (std::getenv("OUTBREAK_REQUIRE_PG") != nullptr) {
          FAIL() << "PostgreSQL 15 is not installed";
        }
        GTEST_SKIP() << "PostgreSQL 15 is not installed";
      }
      cluster_ = std::make_unique<PostgresCluster>();
      ASSERT_FALSE(cluster_->url().empty()) << cluster_->error();
      database_ = std::make_unique<TestDatabase>(cluster_->url());
    } else {
      database_ = std::make_unique<TestDatabase>();
    }
    RunResult regions = database_->Cli(
        {"import", "regions", std::string(OUTBREAK_TEST_DATA_DIR) + "/dprk2022/regions.csv"});
    ASSERT_EQ(regions.exit_code, 0) << regions.err;
    ASSERT_EQ(database_->AddUser("clerk", "county_clerk", kUnit), "");
    ASSERT_EQ(database_->AddUser("officer", "province_officer", "KP-04"), "");
    ASSERT_EQ(database_->AddUser("supply", "supply_officer", kUnit), "");
    // One medicine at one county base, for writes that are not idempotent by nature.
    const std::vector<std::pair<std::string, std::string>> supply = {
        {"medicines",
         "code,name,unit,category,essential,shelf_life_days\n"
         "T-PARA,Paracetamol 500 mg,tablet,other,true,720\n"},
        {"nodes", "code,name,kind,region\nT-CO,Manpho county base,county_base,KP-04-003\n"}};
    for (const auto& [kind, text] : supply) {
      const std::string file = database_->dir() + "/" + kind + ".csv";
      std::ofstream(file) << text;
      RunResult imported = database_->Cli({"supply", kind, "import", file});
      ASSERT_EQ(imported.exit_code, 0) << imported.err;
    }
  }

  std::unique_ptr<PostgresCluster> cluster_;
  std::unique_ptr<TestDatabase> database_;
};

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

// The quantile `q` (0 … 1) of `values`, nearest rank; 0 when empty.
double Quantile(std::vector<double> values, double q) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(values.size())));
  return values[std::min(values.size(), std::max<size_t>(rank, 1)) - 1];
}

// Three servers, a command-line import beside them, and 8 clients making 1,000 writes at random
// through any server: reports, corrections of what they read, ledger movements, level decisions
// and shipments taken from planned to received, step by step. After each acknowledged write, the
// time until every server answers with it (its X-Outbreak-Change has reached the write's) is
// measured, without asking any server to wait for it; at the end every server answers as one
// started afresh.
TEST_P(SeveralServersTest, ThreeServersUnderRandomWritesEndAsAFreshServer) {
  ASSERT_EQ(database_->LoadDemo(), "");
  ASSERT_EQ(database_->AddUser("hq", "headquarters", "KP"), "");
  std::vector<std::unique_ptr<ServerProcess>> servers;
  for (int idx = 0; idx < 3; ++idx) {
    servers.push_back(std::make_unique<ServerProcess>(*database_, std::vector<std::string>{}));
    ASSERT_TRUE(servers.back()->started()) << servers.back()->Output();
  }
  const Headers hq = SignIn(servers[0]->port(), "hq");
  ASSERT_FALSE(hq.empty());
  const std::vector<std::string> units = {"KP-04-001", "KP-04-002", "KP-04-003", "KP-04-004",
                                          "KP-04-005", "KP-04-006", "KP-04-007", "KP-04-008"};
  const std::vector<std::string> provinces = {"KP-02", "KP-04", "KP-06", "KP-09"};
  const std::vector<std::string> levels = {"normal", "heightened", "maximum_emergency"};
  constexpr int kClients = 8;
  constexpr int kWritesEach = 125;  // 1,000 in all
  std::atomic<int> acknowledged{0};
  std::atomic<int> refused_stale{0};
  std::atomic<int> shipment_steps{0};
  std::vector<std::string> failures;
  std::vector<double> visible_ms;  // per acknowledged write: until the last server answers with it
  std::mutex mutex;
  auto fail = [&](const std::string& what) {
    std::lock_guard lock(mutex);
    failures.push_back(what);
  };

  // The command line imports a file of its own while the clients write.
  const std::string csv = database_->dir() + "/beside.csv";
  {
    std::ofstream out(csv);
    out << "region,date,new_fever,new_recovered,new_deaths,under_treatment\n";
    for (int day = 0; day < 20; ++day) {
      out << "KP-05-001," << FreshDay(200 + day) << ",3,1,0,20\n";
    }
  }
  std::thread importer([&] {
    RunResult imported = database_->Cli({"import", "reports", csv});
    if (imported.exit_code != 0) fail("import: " + imported.err);
  });

  // An acknowledged write: counted, and followed until every server answers with it.
  auto follow = [&](const HttpReply& reply) {
    ++acknowledged;
    const int64_t change = ChangeOf(reply);
    if (change <= 0) {
      fail("a write answered without its change: " + Describe(reply));
      return;
    }
    const auto acked = std::chrono::steady_clock::now();
    const auto deadline = acked + kPatience;
    for (const auto& server : servers) {
      while (ChangeOf(Send(server->port(), "GET", "/api/v1/sitrep?region=KP-04", hq)) < change) {
        if (std::chrono::steady_clock::now() > deadline) {
          fail("a server did not answer with change " + std::to_string(change));
          return;
        }
        std::this_thread::sleep_for(2ms);
      }
    }
    const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - acked;
    std::lock_guard lock(mutex);
    visible_ms.push_back(took.count());
  };

  std::vector<std::thread> clients;
  for (int client = 0; client < kClients; ++client) {
    clients.emplace_back([&, client] {
      std::mt19937 random(static_cast<uint32_t>(1000 + client));
      auto any_port = [&] { return servers[random() % servers.size()]->port(); };
      for (int write = 0; write < kWritesEach; ++write) {
        const uint16_t port = any_port();
        const int kind = static_cast<int>(random() % 5);
        const std::string unit = units[random() % units.size()];
        HttpReply reply;
        if (kind == 0) {
          // A first report of a day of its own.
          json::object body{{"region", unit},
                            {"date", FreshDay(client * kWritesEach + write)},
                            {"new_fever", static_cast<int64_t>(random() % 50)},
                            {"new_recovered", 0},
                            {"new_deaths", 0},
                            {"under_treatment", 60}};
          reply = Send(port, "POST", "/api/v1/reports", hq, json::serialize(body));
        } else if (kind == 1) {
          // A correction of a demo day, of the version read through another server.
          const std::string day = "2022-08-0" + std::to_string(1 + random() % 9);
          const uint16_t reader = any_port();
          const auto [version, fever] = [&] {
            HttpReply read =
                Send(reader, "GET",
                     "/api/v1/reports?region=" + unit + "&from=" + day + "&to=" + day, hq);
            const json::value page = read.Json();
            if (read.status != 200 || page.at("items").as_array().empty()) {
              return std::pair<int64_t, int64_t>{0, 0};
            }
            const json::value& item = page.at("items").as_array()[0];
            return std::pair<int64_t, int64_t>{
                item.at("version").as_int64(),
                item.at("counts").as_object().at("new_fever").as_int64()};
          }();
          if (version == 0) continue;
          json::object body{{"region", unit},         {"date", day},
                            {"new_fever", fever + 1}, {"new_recovered", 0},
                            {"new_deaths", 0},        {"under_treatment", 0},
                            {"reason", "recount"},    {"expected_version", version}};
          reply = Send(port, "POST", "/api/v1/reports", hq, json::serialize(body));
          if (reply.status == 409) {
            ++refused_stale;  // another client corrected it since: nothing overwritten unseen
            continue;
          }
        } else if (kind == 2) {
          json::object movement{
              {"day", "2022-09-01"},
              {"node", "T-CO"},
              {"medicine", "T-PARA"},
              {"kind", "receipt"},
              {"quantity", 10},
              {"lot", "L-MIX"},
              {"expiry", "2024-01-31"},
              {"maker", "F-1"},
              {"movement", "mix-" + std::to_string(client) + "-" + std::to_string(write)}};
          reply = Send(port, "POST", "/api/v1/supply/ledger", hq,
                       json::serialize(json::object{{"movements", json::array{movement}}}));
        } else if (kind == 3) {
          json::object body{{"region", provinces[random() % provinces.size()]},
                            {"level", levels[random() % levels.size()]},
                            {"day", "2022-08-09"},
                            {"reason", "client " + std::to_string(client)}};
          reply = Send(port, "POST", "/api/v1/levels/decisions", hq, json::serialize(body));
        } else {
          // A shipment from the province's centre to a county, each step through any server:
          // planned, approved, dispatched (its lots leave the centre), received. Four writes.
          json::object shipment{
              {"from", "PC-KP-04"},
              {"to", "CO-KP-04-007"},
              {"ship_day", "2022-09-03"},
              {"arrival_day", "2022-09-03"},
              {"lines", json::array{json::object{{"medicine", "PARA-500"}, {"quantity", 7}}}}};
          HttpReply created =
              Send(port, "POST", "/api/v1/supply/shipments", hq, json::serialize(shipment));
          if (created.status != 201) {
            fail("shipment: " + Describe(created));
            continue;
          }
          follow(created);
          const std::string path = "/api/v1/supply/shipments/" +
                                   std::to_string(created.Json().at("ids").at(0).as_int64());
          HttpReply approved = Send(any_port(), "POST", path + "/approve", hq, "{}");
          if (approved.status != 200) {
            fail("approve: " + Describe(approved));
            continue;
          }
          follow(approved);
          HttpReply dispatched = Send(any_port(), "POST", path + "/dispatch", hq,
                                      json::serialize(json::object{{"day", "2022-09-03"}}));
          if (dispatched.status != 200) {
            fail("dispatch: " + Describe(dispatched));
            continue;
          }
          follow(dispatched);
          json::array counts;
          const json::value sent = dispatched.Json();
          for (const json::value& lot : sent.at("lots").as_array()) {
            counts.push_back(json::object{{"medicine", lot.at("medicine")},
                                          {"lot", lot.at("lot")},
                                          {"received", lot.at("sent")}});
          }
          reply = Send(any_port(), "POST", path + "/receive", hq,
                       json::serialize(json::object{{"day", "2022-09-04"}, {"counts", counts}}));
          if (reply.status != 200) {
            fail("receive: " + Describe(reply));
            continue;
          }
          shipment_steps += 4;
          write += 3;  // the three steps before this one
          follow(reply);
          continue;
        }
        if (reply.status != 201) {
          fail(std::to_string(kind) + ": " + Describe(reply));
          continue;
        }
        follow(reply);
      }
    });
  }
  for (std::thread& thread : clients) thread.join();
  importer.join();
  EXPECT_TRUE(failures.empty()) << failures.size() << " failed, the first: " << failures.front();
  EXPECT_GT(acknowledged.load(), kClients * kWritesEach * 3 / 4);
  EXPECT_GT(shipment_steps.load(), 0);
  // Each acknowledged write reached every server (bounded above by kPatience, or it failed). How
  // soon is measured, not asserted: bench/README.md records these figures.
  std::printf(
      "%s: %d writes acknowledged (%d shipment steps, %d corrections refused as stale); "
      "every server answered with each after p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
      GetParam().c_str(), acknowledged.load(), shipment_steps.load(), refused_stale.load(),
      Quantile(visible_ms, 0.5), Quantile(visible_ms, 0.99), Quantile(visible_ms, 1));

  // Everything the import wrote too is applied within the patience of a test.
  ServerProcess fresh(*database_, {});
  ASSERT_TRUE(fresh.started()) << fresh.Output();
  const std::vector<std::string> targets = {"/api/v1/sitrep?region=KP",
                                            "/api/v1/sitrep?region=KP-05&format=text",
                                            "/api/v1/series?region=KP-04",
                                            "/api/v1/reports?region=KP-05-001&limit=1000",
                                            "/api/v1/levels?region=KP",
                                            "/api/v1/supply/stock?region=KP-04-003",
                                            "/api/v1/supply/stock?region=KP-04",
                                            "/api/v1/supply/cover?region=KP-04&as_of=2022-08-09",
                                            "/api/v1/supply/shipments?region=KP-04&limit=1000"};
  for (const std::string& target : targets) {
    const std::string expected = Send(fresh.port(), "GET", target, hq).body;
    for (const auto& server : servers) {
      const auto deadline = std::chrono::steady_clock::now() + kPatience;
      std::string body = Send(server->port(), "GET", target, hq).body;
      while (body != expected && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(50ms);
        body = Send(server->port(), "GET", target, hq).body;
      }
      EXPECT_EQ(body, expected) << target;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, SeveralServersTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace outbreak::testing
