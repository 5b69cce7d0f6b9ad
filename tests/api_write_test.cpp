// The HTTP API end to end: writes read back at once, corrections with history and audit,
// idempotency keys, concurrent writers, and the live feed.

#include "api_fixture.hpp"

namespace outbreak::testing {
namespace {

// ---------------------------------------------------------------------------------------------
// Writes.

TEST_F(ApiTest, AClerksReportIsReadBackAtOnce) {
  const std::string date = FreshDate();
  HttpReply posted =
      Post("/api/v1/reports", "county_clerk", ReportBody("KP-04-003", date, {12, 3, 1, 40}));
  ASSERT_EQ(posted.status, 201) << Describe(posted);
  EXPECT_EQ(posted.Json().at("added").as_int64(), 1);
  EXPECT_EQ(posted.Json().at("corrected").as_int64(), 0);

  const std::map<std::string, json::object> stored = StoredReports("KP-04-003", date, date);
  ASSERT_EQ(stored.size(), 1u);
  const json::object& counts = stored.at("KP-04-003 " + date);
  EXPECT_EQ(counts.at("new_fever").as_int64(), 12);
  EXPECT_EQ(counts.at("new_recovered").as_int64(), 3);
  EXPECT_EQ(counts.at("new_deaths").as_int64(), 1);
  EXPECT_EQ(counts.at("under_treatment").as_int64(), 40);

  HttpReply sitrep = Get("/api/v1/sitrep?region=KP-04-003&as_of=" + date, "county_clerk");
  ASSERT_EQ(sitrep.status, 200) << Describe(sitrep);
  const json::value situation = sitrep.Json();
  EXPECT_EQ(situation.at("as_of").as_string(), date);
  EXPECT_EQ(situation.at("new").at("fever").as_int64(), 12);
  EXPECT_EQ(situation.at("new").at("deaths").as_int64(), 1);
  EXPECT_EQ(situation.at("under_treatment").as_int64(), 40);

  HttpReply province =
      Get("/api/v1/reports?region=KP-04&from=" + date + "&to=" + date, "province_officer");
  ASSERT_EQ(province.status, 200);
  EXPECT_EQ(province.Json().at("total").as_int64(), 1);
}

TEST_F(ApiTest, ACorrectionNeedsAReasonAndIsKeptInHistoryAndAudit) {
  const std::string date = FreshDate();
  const std::string target = "KP-04-003/" + date;
  ASSERT_EQ(
      Post("/api/v1/reports", "county_clerk", ReportBody("KP-04-003", date, {20, 1, 0, 50})).status,
      201);

  HttpReply unexplained =
      Post("/api/v1/reports", "county_clerk", ReportBody("KP-04-003", date, {25, 1, 0, 55}));
  EXPECT_TRUE(IsError(unexplained, 409, "conflict"));
  EXPECT_TRUE(DetailsMention(unexplained, "KP-04-003 " + date)) << unexplained.body;
  EXPECT_EQ(StoredReports("KP-04-003", date, date).at("KP-04-003 " + date).at("new_fever"), 20);

  const std::string reason = "recount at the county hospital";
  HttpReply corrected = Post("/api/v1/reports", "county_clerk",
                             ReportBody("KP-04-003", date, {25, 1, 0, 55}, reason));
  ASSERT_EQ(corrected.status, 201) << Describe(corrected);
  EXPECT_EQ(corrected.Json().at("corrected").as_int64(), 1);
  EXPECT_EQ(corrected.Json().at("added").as_int64(), 0);
  EXPECT_EQ(StoredReports("KP-04-003", date, date).at("KP-04-003 " + date).at("new_fever"), 25);

  const json::array versions = History("KP-04-003", date);
  ASSERT_EQ(versions.size(), 2u);
  int current = 0;
  for (const json::value& version : versions) {
    EXPECT_EQ(version.at("recorded_by").as_string(), "county_clerk");
    EXPECT_EQ(version.at("source").as_string(), "api");
    if (version.at("current").as_bool()) {
      ++current;
      EXPECT_EQ(version.at("counts").at("new_fever").as_int64(), 25);
      EXPECT_EQ(version.at("reason").as_string(), reason);
    } else {
      EXPECT_EQ(version.at("counts").at("new_fever").as_int64(), 20);
    }
  }
  EXPECT_EQ(current, 1);

  HttpReply audit = Get("/api/v1/audit?user=county_clerk&action=report.correct", "headquarters");
  ASSERT_EQ(audit.status, 200) << Describe(audit);
  int found = 0;
  for (const json::value& entry : Items(audit)) {
    if (entry.at("target").as_string() != target) continue;
    ++found;
    EXPECT_EQ(entry.at("user").as_string(), "county_clerk");
    EXPECT_EQ(entry.at("address").as_string(), "127.0.0.1");
    EXPECT_FALSE(entry.at("recorded_at").as_string().empty());
    EXPECT_EQ(entry.at("old").at("new_fever").as_int64(), 20);
    EXPECT_EQ(entry.at("new").at("new_fever").as_int64(), 25);
    EXPECT_EQ(entry.at("old").at("under_treatment").as_int64(), 50);
    EXPECT_EQ(entry.at("new").at("under_treatment").as_int64(), 55);
  }
  EXPECT_EQ(found, 1) << audit.body;

  HttpReply additions = Get("/api/v1/audit?user=county_clerk&action=reports.add", "admin");
  ASSERT_EQ(additions.status, 200);
  const json::array items = Items(additions);
  ASSERT_FALSE(items.empty());
  for (const json::value& entry : items) {
    EXPECT_EQ(entry.at("address").as_string(), "127.0.0.1");
  }
}

TEST_F(ApiTest, AnIdempotencyKeyReplaysTheFirstAnswerAndWritesOnce) {
  const std::string date = FreshDate();
  const std::string body = ReportBody("KP-04-003", date, {7, 0, 0, 9});
  const Headers key = {{"Idempotency-Key", "clerk-resend-" + date}};
  HttpReply first = Post("/api/v1/reports", "county_clerk", body, key);
  ASSERT_EQ(first.status, 201) << Describe(first);
  EXPECT_EQ(first.Header("idempotent-replayed"), "");

  for (int resend_idx = 0; resend_idx < 3; ++resend_idx) {
    HttpReply again = Post("/api/v1/reports", "county_clerk", body, key);
    EXPECT_EQ(again.status, 201);
    EXPECT_EQ(again.body, first.body);
    EXPECT_EQ(again.Header("idempotent-replayed"), "true");
  }
  EXPECT_EQ(History("KP-04-003", date).size(), 1u);

  HttpReply other_body =
      Post("/api/v1/reports", "county_clerk", ReportBody("KP-04-003", date, {8, 0, 0, 9}), key);
  EXPECT_TRUE(IsError(other_body, 409, "conflict"));
  EXPECT_EQ(other_body.Header("idempotent-replayed"), "");

  // Keys belong to their user: the same key from someone else is a request of its own.
  const std::string other_date = FreshDate();
  HttpReply other_user = Post("/api/v1/reports", "headquarters",
                              ReportBody("KP-04-003", other_date, {7, 0, 0, 9}), key);
  EXPECT_EQ(other_user.status, 201) << Describe(other_user);
  EXPECT_EQ(other_user.Header("idempotent-replayed"), "");

  const json::array versions = History("KP-04-003", date);
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions[0].at("counts").at("new_fever").as_int64(), 7);
  HttpReply audit = Get("/api/v1/audit?user=county_clerk&action=report.correct", "headquarters");
  for (const json::value& entry : Items(audit)) {
    EXPECT_NE(entry.at("target").as_string(), "KP-04-003/" + date) << "a replay wrote again";
  }
}

TEST_F(ApiTest, ConcurrentWritersLoseNothingAndNeverFail) {
  constexpr int kWriters = 8;
  constexpr int kPostsPerWriter = 25;
  constexpr int kRacers = 4;
  constexpr int kPostsPerRacer = 5;
  // Writers at distinct (region, date) pairs inside their scope; racers at one pair, with and
  // without a reason.
  struct Writer {
    std::string user;
    std::string region;
  };
  const std::vector<Writer> writers = {
      {"county_clerk", "KP-04-003"}, {"province_officer", "KP-04-008"},
      {"headquarters", "KP-04-009"}, {"admin", "KP-04-010"},
      {"county_clerk", "KP-04-003"}, {"province_officer", "KP-04-011"},
      {"headquarters", "KP-04-012"}, {"admin", "KP-04-013"},
  };
  std::vector<std::vector<std::string>> dates(kWriters);
  for (auto& each : dates) {
    for (int post_idx = 0; post_idx < kPostsPerWriter; ++post_idx) each.push_back(FreshDate());
  }
  const std::string race_date = FreshDate();
  const std::string race_with_reason_date = FreshDate();
  const std::string first_date = dates.front().front();
  const std::string last_date = race_with_reason_date;
  const std::vector<std::string> racers = {"county_clerk", "province_officer", "headquarters",
                                           "admin"};

  struct Outcome {
    std::string key;  // "REGION DATE"
    int64_t fever = 0;
    HttpReply reply;
  };
  std::mutex mutex;
  std::vector<Outcome> outcomes;
  auto record = [&](Outcome outcome) {
    std::lock_guard lock(mutex);
    outcomes.push_back(std::move(outcome));
  };
  std::vector<std::thread> threads;
  for (int writer_idx = 0; writer_idx < kWriters; ++writer_idx) {
    threads.emplace_back([&, writer_idx] {
      const Writer& writer = writers[writer_idx];
      for (int post_idx = 0; post_idx < kPostsPerWriter; ++post_idx) {
        const std::string& date = dates[writer_idx][post_idx];
        const int64_t fever = 1000 * writer_idx + post_idx;
        Headers headers;
        // Half the writers send an Idempotency-Key, as a clerk on a bad line would.
        if (writer_idx % 2 == 0) headers.emplace_back("Idempotency-Key", "load-" + date);
        record({writer.region + " " + date, fever,
                Post("/api/v1/reports", writer.user,
                     ReportBody(writer.region, date, {fever, 0, 0, fever}), headers)});
      }
    });
  }
  for (int racer_idx = 0; racer_idx < kRacers; ++racer_idx) {
    for (const bool with_reason : {false, true}) {
      threads.emplace_back([&, racer_idx, with_reason] {
        const std::string& date = with_reason ? race_with_reason_date : race_date;
        for (int post_idx = 0; post_idx < kPostsPerRacer; ++post_idx) {
          const int64_t fever = 100 * racer_idx + post_idx + 1;
          record({"KP-04-003 " + date, fever,
                  Post("/api/v1/reports", racers[racer_idx],
                       ReportBody("KP-04-003", date, {fever, 0, 0, fever},
                                  with_reason ? "racing correction" : ""))});
        }
      });
    }
  }
  for (std::thread& thread : threads) thread.join();

  std::map<std::string, std::vector<int64_t>> accepted;  // in no particular order
  std::map<std::string, int64_t> writes;                 // added + corrected
  for (const Outcome& outcome : outcomes) {
    SCOPED_TRACE(outcome.key);
    const HttpReply& reply = outcome.reply;
    if (reply.status == 201) {
      const json::value result = reply.Json();
      accepted[outcome.key].push_back(outcome.fever);
      writes[outcome.key] += result.at("added").as_int64() + result.at("corrected").as_int64();
    } else {
      EXPECT_TRUE(IsError(reply, 409, "conflict"));
    }
  }
  const std::map<std::string, json::object> stored = StoredReports("KP-04", first_date, last_date);
  int64_t distinct_accepted = 0;
  for (int writer_idx = 0; writer_idx < kWriters; ++writer_idx) {
    for (int post_idx = 0; post_idx < kPostsPerWriter; ++post_idx) {
      const std::string key = writers[writer_idx].region + " " + dates[writer_idx][post_idx];
      SCOPED_TRACE(key);
      ASSERT_EQ(accepted[key].size(), 1u) << "a first report of a pair was refused";
      ++distinct_accepted;
      ASSERT_TRUE(stored.contains(key)) << "an accepted report is missing";
      EXPECT_EQ(stored.at(key).at("new_fever").as_int64(), accepted[key].front());
    }
  }
  // Without a reason only the first racer gets in; the others are told someone reported first.
  const std::string race = "KP-04-003 " + race_date;
  ASSERT_EQ(accepted[race].size(), 1u);
  EXPECT_EQ(writes[race], 1);
  EXPECT_EQ(stored.at(race).at("new_fever").as_int64(), accepted[race].front());
  EXPECT_EQ(History("KP-04-003", race_date).size(), 1u);
  // With a reason every racer gets in, in some order; the history keeps every version.
  const std::string reasoned = "KP-04-003 " + race_with_reason_date;
  EXPECT_EQ(accepted[reasoned].size(), static_cast<size_t>(kRacers * kPostsPerRacer));
  const int64_t final_fever = stored.at(reasoned).at("new_fever").as_int64();
  EXPECT_NE(std::find(accepted[reasoned].begin(), accepted[reasoned].end(), final_fever),
            accepted[reasoned].end());
  EXPECT_EQ(static_cast<int64_t>(History("KP-04-003", race_with_reason_date).size()),
            writes[reasoned]);
  EXPECT_EQ(static_cast<int64_t>(stored.size()), distinct_accepted + 2)
      << "reports appeared that nobody posted";
}

// ---------------------------------------------------------------------------------------------
// The live feed.

bool IsReportEvent(const json::value& event, const std::string& region) {
  return event.is_object() && event.as_object().contains("type") &&
         std::string(event.at("type").as_string()).starts_with("report.") &&
         event.at("region").as_string() == region;
}

// Reads events until one reports on `region`; fails on any event outside `scope`.
void ExpectReportArrives(WebSocketClient& feed, const std::string& region,
                         const std::string& scope) {
  const auto deadline = std::chrono::steady_clock::now() + kPatience;
  while (std::chrono::steady_clock::now() < deadline) {
    std::optional<std::string> message = feed.Read(kPatience);
    ASSERT_TRUE(message.has_value()) << "no event for " << region;
    const json::value event = json::parse(*message);
    if (const json::value* where = event.as_object().if_contains("region")) {
      EXPECT_TRUE(std::string(where->as_string()).starts_with(scope))
          << "an event outside " << scope << ": " << *message;
    }
    if (IsReportEvent(event, region)) return;
  }
  FAIL() << "no event for " << region;
}

TEST_F(ApiTest, TheLiveFeedPushesOnlyWhatTheSubscriberMaySee) {
  WebSocketClient province(Port(), "/api/v1/live", TokenOf("province_officer"));
  ASSERT_EQ(province.handshake_status(), 101);
  WebSocketClient clerk(Port(), "/api/v1/live", TokenOf("county_clerk"));
  ASSERT_EQ(clerk.handshake_status(), 101);
  for (WebSocketClient* feed : {&province, &clerk}) {
    std::optional<std::string> first = feed->Read(kPatience);
    ASSERT_TRUE(first.has_value());
    const json::value subscribed = json::parse(*first);
    EXPECT_EQ(subscribed.at("type").as_string(), "subscribed") << *first;
  }

  const std::string date = FreshDate();
  // Posted in this order, an event leaking to a subscriber would arrive before the one it awaits.
  for (const char* region : {"KP-01-001", "KP-04-007", "KP-04-003"}) {
    HttpReply posted =
        Post("/api/v1/reports", "headquarters", ReportBody(region, date, {3, 0, 0, 3}));
    ASSERT_EQ(posted.status, 201) << Describe(posted);
  }
  ExpectReportArrives(province, "KP-04-007", "KP-04");
  ExpectReportArrives(clerk, "KP-04-003", "KP-04-003");
}

TEST_F(ApiTest, TheLiveFeedIsClosedOnceItsTokenIsRevoked) {
  WebSocketClient feed(Port(), "/api/v1/live", NewToken(kLiveRevoked));
  ASSERT_EQ(feed.handshake_status(), 101);
  std::optional<std::string> first = feed.Read(kPatience);
  ASSERT_TRUE(first.has_value());
  HttpReply revoke = Post(std::string("/api/v1/users/") + kLiveRevoked + "/revoke", "admin", "");
  ASSERT_EQ(revoke.status, 200) << Describe(revoke);
  // Whatever was on its way arrives; then the server closes the feed (not a read timing out).
  for (int message_idx = 0; message_idx < 100 && feed.Read(kPatience); ++message_idx) {
  }
  EXPECT_TRUE(feed.closed_by_server());
}

TEST_F(ApiTest, TheLiveFeedRefusesAnUpgradeWithoutAValidToken) {
  EXPECT_EQ(WebSocketClient(Port(), "/api/v1/live").handshake_status(), 401);
  EXPECT_EQ(WebSocketClient(Port(), "/api/v1/live", kForgedToken).handshake_status(), 401);
  EXPECT_EQ(WebSocketClient(Port(), "/api/v1/live", "abc").handshake_status(), 401);
  EXPECT_EQ(WebSocketClient(Port(), "/api/v1/sitrep", TokenOf("viewer")).handshake_status(), 404);
  // A token in the query string is not taken (request logs keep query strings).
  EXPECT_EQ(
      WebSocketClient(Port(), "/api/v1/live?access_token=" + TokenOf("viewer")).handshake_status(),
      401);
  // A plain request to the feed is told to upgrade.
  EXPECT_TRUE(IsError(Get("/api/v1/live", "viewer"), 426, "upgrade_required"));
}

}  // namespace
}  // namespace outbreak::testing
