// The HTTP API end to end: bad input, slow clients, and tokens that must no longer work.

#include "api_fixture.hpp"

namespace outbreak::testing {
namespace {

// ---------------------------------------------------------------------------------------------
// Bad input.

TEST_F(ApiTest, BadReportBodiesAreRejectedWholeWithReasonsAndChangeNothing) {
  const std::string date = FreshDate();
  const Counts counts{10, 2, 0, 30};
  auto with = [&](const std::string& field, json::value value) {
    json::object body = ReportObject("KP-04-003", date, counts);
    if (value.is_null()) {
      body.erase(field);
    } else {
      body[field] = value;
    }
    return json::serialize(body);
  };
  struct Case {
    std::string name;
    std::string user;
    std::string body;
    std::string mentions;
  };
  const std::vector<Case> cases = {
      {"malformed JSON", "county_clerk", R"({"region": "KP-04-003", "date": )", "malformed JSON"},
      {"not an object", "county_clerk", "[1, 2, 3]", "object"},
      {"a string for a count", "county_clerk", with("new_fever", "12"), "new_fever"},
      {"a fraction for a count", "county_clerk", with("new_deaths", 1.5), "new_deaths"},
      {"a count too large", "county_clerk", with("new_fever", 1e30), "new_fever"},
      {"a negative count", "county_clerk", with("new_deaths", -3), "is negative"},
      {"a missing count", "county_clerk", with("under_treatment", nullptr), "under_treatment"},
      {"a missing region", "county_clerk", with("region", nullptr), "region"},
      {"a malformed date", "county_clerk", with("date", "2022-13-45"), "date"},
      {"a date of another type", "county_clerk", with("date", 20220520), "date"},
      {"an unknown field", "county_clerk", with("new_fevers", 3), "new_fevers"},
      {"an unknown region", "county_clerk", with("region", "KP-99-999"), "KP-99-999"},
      {"a region that is not a reporting unit", "province_officer", with("region", "KP-04"),
       "not a reporting unit"},
      {"an empty batch", "county_clerk", R"({"reports": []})", "empty"},
      {"reports that are not a list", "county_clerk", R"({"reports": {}})", "reports"},
      {"a batch with one bad report among good ones", "county_clerk",
       json::serialize(
           json::object{{"reports", json::array{ReportObject("KP-04-003", date, counts),
                                                json::parse(with("new_recovered", -1))}}}),
       "reports[1].new_recovered"},
      {"the same report twice in a batch", "county_clerk",
       json::serialize(
           json::object{{"reports", json::array{ReportObject("KP-04-003", date, counts),
                                                ReportObject("KP-04-003", date, counts)}}}),
       "twice"},
      {"a reason of another type", "county_clerk", with("reason", 7), "reason"},
  };
  for (const Case& each : cases) {
    SCOPED_TRACE(each.name + ": " + each.body);
    HttpReply reply = Post("/api/v1/reports", each.user, each.body);
    EXPECT_TRUE(IsError(reply, 400, "invalid_argument"));
    EXPECT_TRUE(DetailsMention(reply, each.mentions)) << reply.body;
  }
  EXPECT_TRUE(StoredReports("KP-04", date, date).empty()) << "a rejected body wrote something";
}

TEST_F(ApiTest, ReportsInAnotherContentTypeAre415) {
  const std::string date = FreshDate();
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "text/csv"}) {
    SCOPED_TRACE(type);
    HttpReply reply = Post("/api/v1/reports", "county_clerk",
                           ReportBody("KP-04-003", date, {1, 0, 0, 1}), {{"Content-Type", type}});
    EXPECT_TRUE(IsError(reply, 415, "unsupported_media_type"));
  }
  EXPECT_TRUE(StoredReports("KP-04-003", date, date).empty());
}

TEST_F(ApiTest, SignInBodiesThatAreWrongAre400) {
  for (const char* body :
       {"", "{", "[]", R"({"name": "viewer"})", R"({"name": 1, "password": 2})"}) {
    SCOPED_TRACE(body);
    EXPECT_TRUE(
        IsError(Send(Port(), "POST", "/api/v1/auth/login", {}, body), 400, "invalid_argument"));
  }
}

TEST_F(ApiTest, BadQueryParametersAre400AndUnknownRegions404) {
  for (const char* target :
       {"/api/v1/reports?limit=0", "/api/v1/reports?limit=1001", "/api/v1/reports?limit=ten",
        "/api/v1/reports?offset=-1", "/api/v1/reports?from=2022-02-30",
        "/api/v1/series?to=yesterday", "/api/v1/sitrep?as_of=20220520", "/api/v1/sitrep?format=pdf",
        "/api/v1/regions?limit=5x", "/api/v1/reports/KP-04-003/not-a-date/history",
        "/api/v1/audit?limit=0", "/api/v1/forecast?rt_method=guess",
        "/api/v1/backtest?from=2022-05-20&to=2022-05-25&rt_method=daily"}) {
    SCOPED_TRACE(target);
    EXPECT_TRUE(IsError(Get(target, "headquarters"), 400, "invalid_argument"));
  }
  for (const char* target : {"/api/v1/sitrep?region=KP-99", "/api/v1/regions/XX",
                             "/api/v1/reports/KP-99-001/2022-05-20/history"}) {
    SCOPED_TRACE(target);
    EXPECT_TRUE(IsError(Get(target, "headquarters"), 404, "not_found"));
  }
}

TEST_F(ApiTest, AForecastNamesItsRtMethod) {
  for (const char* method : {"window", "filter"}) {
    HttpReply reply =
        Get(std::string("/api/v1/forecast?as_of=2022-06-01&horizon=7&rt_method=") + method,
            "headquarters");
    ASSERT_EQ(reply.status, 200) << reply.body;
    const json::value parsed = json::parse(reply.body);
    EXPECT_EQ(parsed.at("assumptions").at("rt_method").as_string(),
              std::string(method) == "window" ? "last window" : "daily filter");
    EXPECT_EQ(parsed.at("days").as_array().size(), 7U);
  }
  // The daily R_t is an addition to EpiEstim's windows, asked for by name.
  HttpReply daily =
      Get("/api/v1/rt?region=KP&rt_method=filter&from=2022-05-14&to=2022-05-28", "headquarters");
  ASSERT_EQ(daily.status, 200) << daily.body;
  const json::value parsed = json::parse(daily.body);
  EXPECT_EQ(parsed.at("method").as_string(), "daily filter");
  const json::array& days = parsed.at("estimates").as_array();
  // It starts on the fifth day of data (16 May), where the past covers the serial interval.
  ASSERT_EQ(days.size(), 13U);
  EXPECT_EQ(days.front().at("date").as_string(), "2022-05-16");
  for (const json::value& day : days) {
    EXPECT_LE(day.at("q025").as_double(), day.at("median").as_double()) << day;
    EXPECT_LE(day.at("median").as_double(), day.at("q975").as_double()) << day;
  }
  // Past the peak of 15 May, R_t falls below 1 and stays there.
  EXPECT_LT(days.back().at("q975").as_double(), 1.0) << days.back();
  EXPECT_EQ(Get("/api/v1/rt?region=KP&rt_method=guess", "headquarters").status, 400);
  HttpReply windows = Get("/api/v1/rt?region=KP&from=2022-05-28&to=2022-05-28", "headquarters");
  ASSERT_EQ(windows.status, 200) << windows.body;
  EXPECT_EQ(json::parse(windows.body).at("estimates").as_array().size(), 1U);
}

TEST_F(ApiTest, OversizedBodyIs413AndTheServerCarriesOn) {
  const std::string date = FreshDate();
  json::object body = ReportObject("KP-04-003", date, {1, 0, 0, 1});
  body["reason"] = std::string(70'000, 'x');  // over the --body-limit of 65536 bytes
  HttpReply reply = Post("/api/v1/reports", "county_clerk", json::serialize(body));
  EXPECT_TRUE(IsError(reply, 413, "payload_too_large"));
  EXPECT_EQ(Send(Port(), "GET", "/healthz").status, 200);
  EXPECT_TRUE(StoredReports("KP-04-003", date, date).empty());
}

TEST_F(ApiTest, SlowClientsAreCutOffWhileOthersAreServed) {
  // The server runs with --read-timeout 2.
  RawConnection half_header(Port());
  RawConnection half_body(Port());
  ASSERT_TRUE(half_header.connected());
  ASSERT_TRUE(half_body.connected());
  ASSERT_TRUE(half_header.Write("GET /api/v1/sitrep HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthor"));
  ASSERT_TRUE(
      half_body.Write("POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Authorization: Bearer " +
                      TokenOf("county_clerk") +
                      "\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
                      "{\"region\": \"KP-04-003\", "));
  // Others are served meanwhile.
  for (int request_idx = 0; request_idx < 5; ++request_idx) {
    EXPECT_EQ(Get("/api/v1/sitrep?region=KP-04", "province_officer").status, 200);
  }
  const auto [header_answer, header_closed] = half_header.ReadUntilClosed(kPatience);
  EXPECT_TRUE(header_closed) << "a client stalled in its headers was not cut off";
  const auto [body_answer, body_closed] = half_body.ReadUntilClosed(kPatience);
  EXPECT_TRUE(body_closed) << "a client stalled in its body was not cut off";
  EXPECT_EQ(body_answer.find(" 201 "), std::string::npos) << body_answer;
  EXPECT_EQ(Send(Port(), "GET", "/healthz").status, 200);
}

// ---------------------------------------------------------------------------------------------
// Tokens and users.

TEST_F(ApiTest, ARevokedTokenIsRefusedAtOnceWhenRevokedThroughTheApi) {
  const std::string token = NewToken(kRevokeByApi);
  ASSERT_EQ(Send(Port(), "GET", "/api/v1/me", Bearer(token)).status, 200);
  HttpReply revoke = Post(std::string("/api/v1/users/") + kRevokeByApi + "/revoke", "admin", "");
  ASSERT_EQ(revoke.status, 200) << Describe(revoke);
  EXPECT_GE(revoke.Json().at("revoked").as_int64(), 1);
  EXPECT_TRUE(IsError(Send(Port(), "GET", "/api/v1/me", Bearer(token)), 401, "unauthorised"));
  EXPECT_TRUE(IsError(Post("/api/v1/users/nobody/revoke", "admin", ""), 404, "not_found"));
}

TEST_F(ApiTest, ARevokedTokenIsRefusedWithinTheCacheTimeWhenRevokedFromTheCommandLine) {
  const std::string unused = NewToken(kRevokeByCli);
  const std::string used = NewToken(kRevokeByCli);
  ASSERT_EQ(Send(Port(), "GET", "/api/v1/me", Bearer(used)).status, 200);  // now cached
  RunResult revoke = database_->Cli({"user", "revoke", kRevokeByCli});
  ASSERT_EQ(revoke.exit_code, 0) << revoke.err;
  // A token the server has not seen since is refused at once.
  EXPECT_TRUE(IsError(Send(Port(), "GET", "/api/v1/me", Bearer(unused)), 401, "unauthorised"));
  // One it trusted is refused once its cache entry lapses.
  const auto deadline = std::chrono::steady_clock::now() + kTokenCacheBound + kPatience;
  int status = 200;
  while (status == 200 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(250ms);
    status = Send(Port(), "GET", "/api/v1/me", Bearer(used)).status;
  }
  EXPECT_EQ(status, 401) << "the revoked token was still accepted";
}

TEST_F(ApiTest, SigningOutRevokesTheToken) {
  const std::string token = NewToken("viewer");
  ASSERT_EQ(Send(Port(), "GET", "/api/v1/me", Bearer(token)).status, 200);
  EXPECT_EQ(Send(Port(), "POST", kLogoutPath, Bearer(token)).status, 200);
  EXPECT_TRUE(IsError(Send(Port(), "GET", "/api/v1/me", Bearer(token)), 401, "unauthorised"));
  EXPECT_EQ(Get("/api/v1/me", "viewer").status, 200) << "another token of the user was revoked";
}

TEST_F(ApiTest, ADisabledUserCannotSignInAndLosesTheirTokens) {
  const std::string token = NewToken(kDisableMe);
  HttpReply me = Send(Port(), "GET", "/api/v1/me", Bearer(token));
  ASSERT_EQ(me.status, 200) << Describe(me);
  EXPECT_EQ(me.Json().at("name").as_string(), kDisableMe);
  ASSERT_EQ(Post(std::string("/api/v1/users/") + kDisableMe + "/disable", "admin", "").status, 200);
  EXPECT_TRUE(IsError(Send(Port(), "GET", "/api/v1/me", Bearer(token)), 401, "unauthorised"));
  EXPECT_TRUE(IsError(SignIn(kDisableMe), 401, "unauthorised"));
  HttpReply users = Get("/api/v1/users", "admin");
  ASSERT_EQ(users.status, 200);
  bool listed_disabled = false;
  for (const json::value& user : Items(users)) {
    if (user.at("name").as_string() == kDisableMe) listed_disabled = user.at("disabled").as_bool();
  }
  EXPECT_TRUE(listed_disabled);
  ASSERT_EQ(Post(std::string("/api/v1/users/") + kDisableMe + "/enable", "admin", "").status, 200);
  EXPECT_EQ(SignIn(kDisableMe).status, 200);
}

TEST_F(ApiTest, UsersAreAddedOnceAndWithValidFields) {
  auto user = [](const std::string& name, const std::string& role, const std::string& region,
                 const std::string& password) {
    return json::serialize(
        json::object{{"name", name}, {"role", role}, {"region", region}, {"password", password}});
  };
  HttpReply added =
      Post("/api/v1/users", "admin", user("new-clerk", "county_clerk", "KP-04-001", kTestPassword));
  ASSERT_EQ(added.status, 201) << Describe(added);
  EXPECT_EQ(SignIn("new-clerk").status, 200);
  EXPECT_TRUE(IsError(Post("/api/v1/users", "admin", user("viewer", "viewer", "KP", kTestPassword)),
                      409, "conflict"));
  HttpReply invalid = Post("/api/v1/users", "admin", user("bad name!", "chief", "KP-99", "short"));
  EXPECT_TRUE(IsError(invalid, 400, "invalid_argument"));
  for (const char* field : {"name", "role", "region", "password"}) {
    EXPECT_TRUE(DetailsMention(invalid, std::string(field) + ":")) << field << ": " << invalid.body;
  }
  EXPECT_TRUE(IsError(Post("/api/v1/users/nobody/disable", "admin", ""), 404, "not_found"));
}

TEST_F(ApiTest, AWrongPasswordIs401AndSaysNoMore) {
  HttpReply wrong = SignIn("viewer", "not-the-password");
  EXPECT_TRUE(IsError(wrong, 401, "unauthorised"));
  HttpReply unknown = SignIn("nobody-at-all", "not-the-password");
  EXPECT_TRUE(IsError(unknown, 401, "unauthorised"));
  EXPECT_EQ(wrong.Json().at("error").at("message"), unknown.Json().at("error").at("message"))
      << "the answer tells whether the user exists";
  EXPECT_EQ(SignIn("viewer").status, 200);  // resets the failures of this address
}

}  // namespace
}  // namespace outbreak::testing
