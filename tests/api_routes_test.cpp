// The HTTP API end to end: every route is described and answers, and the authorisation matrix
// generated from the route table: every role against every route and region it must not reach.

#include "api_fixture.hpp"

namespace outbreak::testing {
namespace {

// ---------------------------------------------------------------------------------------------
// Routes and their description.

TEST_F(ApiTest, OpenApiDescribesTheKnownRoutes) {
  HttpReply reply = Send(Port(), "GET", "/api/v1/openapi.json");
  ASSERT_EQ(reply.status, 200) << Describe(reply);
  EXPECT_EQ(reply.Header("content-type"), "application/json");
  const json::value doc = reply.Json();
  ASSERT_TRUE(doc.is_object()) << reply.body;
  EXPECT_TRUE(std::string(doc.at("openapi").as_string()).starts_with("3."));
  std::set<std::string> described;
  for (const RouteSpec& route : RoutesOf(doc)) described.insert(route.method + " " + route.pattern);
  for (const char* known :
       {"GET /healthz", "GET /api/v1/openapi.json", "POST /api/v1/auth/login",
        "GET /api/v1/regions", "GET /api/v1/regions/{region}", "GET /api/v1/reports",
        "POST /api/v1/reports", "GET /api/v1/reports/{region}/{date}/history", "GET /api/v1/sitrep",
        "GET /api/v1/series", "GET /api/v1/completeness", "GET /api/v1/findings",
        "GET /api/v1/audit", "GET /api/v1/users", "POST /api/v1/users", "GET /api/v1/live"}) {
    EXPECT_TRUE(described.contains(known)) << known << " is not described";
  }
  for (const RouteSpec& route : RoutesOf(doc)) {
    if (route.pattern.starts_with("/api/")) {
      EXPECT_TRUE(route.pattern.starts_with("/api/v1/")) << route.pattern << " is not versioned";
    }
  }
}

TEST_F(ApiTest, EveryDescribedRouteAnswersItsMethod) {
  const std::vector<RouteSpec> routes = Routes();
  ASSERT_GE(routes.size(), 16u);
  for (const RouteSpec& route : routes) {
    SCOPED_TRACE(route.method + " " + route.pattern);
    // The admin holds every permission; the token of a sign-out is its own.
    const std::string token = route.pattern == kLogoutPath ? NewToken("admin") : TokenOf("admin");
    HttpReply reply = Perform(CallFor(route, "KP-04-005"), Bearer(token));
    EXPECT_NE(reply.status, 0) << reply.error;
    EXPECT_NE(reply.status, 404) << reply.body;
    EXPECT_NE(reply.status, 405) << reply.body;
    EXPECT_LT(reply.status, 500) << reply.body;
  }
}

// What a route declares is enforced before its handler, for every route alike: a body only as
// JSON, the days and the page it is asked for well formed.
TEST_F(ApiTest, EveryRouteRefusesABodyThatIsNotJsonAndBadDaysAndPages) {
  int bodies = 0;
  int bounded = 0;
  for (const RouteSpec& route : Routes()) {
    if (route.permission.empty()) continue;
    SCOPED_TRACE(route.method + " " + route.pattern);
    const std::string token = route.pattern == kLogoutPath ? NewToken("admin") : TokenOf("admin");
    Call call = CallFor(route, "KP-04-005");
    if (!route.request_schema.empty()) {
      ++bodies;
      Headers headers = Bearer(token);
      headers.emplace_back("Content-Type", "text/csv");
      if (call.body.empty()) call.body = "a,b\n1,2\n";
      HttpReply reply = Perform(call, headers);
      EXPECT_TRUE(IsError(reply, 415, "unsupported_media_type")) << Describe(reply);
    }
    if (route.method != "GET") continue;
    if (!route.integer_params.empty()) ++bounded;
    const std::string sep = call.target.find('?') == std::string::npos ? "?" : "&";
    for (const char* query :
         {"as_of=2022-02-30", "from=2022-06-01&to=2022-05-01", "limit=0", "limit=1001", "offset=-1",
          "day=20-05-2022", "horizon=29", "horizon=x", "window=0", "level=11", "plan=0"}) {
      // A parameter the route does not declare is not its concern.
      const std::string name = std::string(query).substr(0, std::string(query).find('='));
      if ((name == "horizon" || name == "window" || name == "level" || name == "plan") &&
          !route.integer_params.contains(name)) {
        continue;
      }
      // A route that declares the name as text (the audit trail's times) reads it itself.
      if (route.text_params.contains(name)) continue;
      HttpReply reply = Perform({call.method, call.target + sep + query, ""}, Bearer(token));
      EXPECT_TRUE(IsError(reply, 400, "invalid_argument")) << query << "\n" << Describe(reply);
    }
  }
  EXPECT_GE(bodies, 20) << "fewer routes with a body than the API has";
  EXPECT_GE(bounded, 6) << "fewer routes with bounded integer parameters than the API has";
}

TEST_F(ApiTest, DescribedPathsRefuseOtherMethodsWith405AndAllow) {
  std::map<std::string, std::set<std::string>> methods_of;
  for (const RouteSpec& route : Routes()) methods_of[route.pattern].insert(route.method);
  ASSERT_FALSE(methods_of.empty());
  for (const auto& [pattern, methods] : methods_of) {
    const Call call = CallFor({"GET", pattern, "", "region", ""}, "KP-04-005");
    const std::string path = call.target.substr(0, call.target.find('?'));
    for (const char* method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
      if (methods.contains(method)) continue;
      SCOPED_TRACE(std::string(method) + " " + path);
      HttpReply reply = Send(Port(), method, path, Bearer(TokenOf("admin")));
      EXPECT_TRUE(IsError(reply, 405, "method_not_allowed"));
      std::set<std::string> allowed;
      std::string allow = reply.Header("allow");
      for (size_t start = 0; start < allow.size();) {
        const size_t comma = std::min(allow.find(',', start), allow.size());
        std::string each = allow.substr(start, comma - start);
        each.erase(0, each.find_first_not_of(' '));
        allowed.insert(each);
        start = comma + 1;
      }
      EXPECT_EQ(allowed, methods) << "Allow: " << allow;
    }
  }
}

TEST_F(ApiTest, UndescribedPathsAnswer404WithTheErrorBody) {
  for (const char* path :
       {"/api", "/api/v1", "/api/v1/", "/api/v2/sitrep", "/api/v1/nothing", "/api/v1/sitrep/KP",
        "/api/v1/reports/KP-04-003", "/api/v1/reports/KP-04-003/2022-05-20",
        "/api/v1/regions/KP/children", "/healthz/", "/api/v1/users/viewer", "/api/v1/openapi.yaml",
        "/assets/nothing.js", "/assets/index.html"}) {
    SCOPED_TRACE(path);
    EXPECT_TRUE(IsError(Send(Port(), "GET", path), 404, "not_found"));
    EXPECT_TRUE(IsError(Send(Port(), "GET", path, Bearer(TokenOf("admin"))), 404, "not_found"));
  }
}

// ---------------------------------------------------------------------------------------------
// Who may do what, where: generated from the route table.

constexpr std::chrono::milliseconds kSlowCallTimeout{60'000};

TEST_F(ApiTest, AuthorisationMatrixGeneratedFromTheRouteTable) {
  const std::vector<RouteSpec> routes = Routes();
  ASSERT_GE(routes.size(), 16u);
  const std::string valid = TokenOf("viewer");
  const std::vector<Headers> not_signed_in = {
      {},
      Bearer(kForgedToken),
      {{"Authorization", "Bearer"}},
      {{"Authorization", "Bearer abc"}},
      {{"Authorization", "Basic dmlld2VyOmNvcnJlY3QtaG9yc2UtYmF0dGVyeQ=="}},
      {{"Authorization", "Token " + valid}},
      {{"Authorization", "Bearer " + valid + "0"}},
      {{"Authorization", "Bearer " + valid.substr(1)}},
  };
  int checks = 0;
  int region_checks = 0;
  for (const RouteSpec& route : routes) {
    SCOPED_TRACE(route.method + " " + route.pattern);
    for (const Headers& headers : not_signed_in) {
      SCOPED_TRACE(headers.empty() ? "no Authorization" : headers.front().second);
      HttpReply reply = Perform(CallFor(route, "KP-04-005"), headers);
      if (route.permission.empty()) {
        EXPECT_NE(reply.status, 401) << reply.body;
        EXPECT_NE(reply.status, 403) << reply.body;
        EXPECT_LT(reply.status, 500) << Describe(reply);
      } else {
        EXPECT_TRUE(IsError(reply, 401, "unauthorised"));
      }
      ++checks;
    }
    for (const TestUser& user : RoleUsers()) {
      SCOPED_TRACE(user.name + " of " + user.home);
      const bool permitted = route.permission.empty() || RoleMay(user.name, route.permission);
      const std::string token =
          route.pattern == kLogoutPath ? NewToken(user.name) : TokenOf(user.name);
      for (const std::string& region : user.inside) {
        SCOPED_TRACE("inside: " + region);
        // A national replay or plan takes seconds under the suite's load; what is checked here
        // is who may call it, not how fast it answers.
        HttpReply reply = Perform(CallFor(route, region), Bearer(token), kSlowCallTimeout);
        if (permitted) {
          EXPECT_NE(reply.status, 0) << reply.error;
          EXPECT_NE(reply.status, 401) << reply.body;
          EXPECT_NE(reply.status, 403) << reply.body;
          EXPECT_NE(reply.status, 404) << reply.body;
          EXPECT_LT(reply.status, 500) << reply.body;
        } else {
          EXPECT_TRUE(IsError(reply, 403, "forbidden"));
        }
        ++checks;
        if (route.region_param.empty() || route.pattern == kLogoutPath) break;
      }
      if (route.region_param.empty()) continue;
      for (const std::string& region : user.outside) {
        SCOPED_TRACE("outside: " + region);
        EXPECT_TRUE(
            IsError(Perform(CallFor(route, region), Bearer(TokenOf(user.name))), 403, "forbidden"));
        ++checks;
        ++region_checks;
      }
    }
  }
  // Every route, for every role and for every way of not being signed in.
  EXPECT_GE(checks, static_cast<int>(routes.size() * (not_signed_in.size() + RoleUsers().size())));
  EXPECT_GT(region_checks, 0) << "no route acts on a region";
}

TEST_F(ApiTest, ABatchWithOneReportOutsideTheCallersRegionIsRefusedWhole) {
  const std::string date = FreshDate();
  json::array reports{ReportObject("KP-04-003", date, {1, 0, 0, 1}),
                      ReportObject("KP-04-002", date, {1, 0, 0, 1})};
  HttpReply reply =
      Post("/api/v1/reports", "county_clerk", json::serialize(json::object{{"reports", reports}}));
  EXPECT_TRUE(IsError(reply, 403, "forbidden"));
  EXPECT_TRUE(DetailsMention(reply, "KP-04-002")) << reply.body;
  EXPECT_TRUE(StoredReports("KP-04", date, date).empty());
}

}  // namespace
}  // namespace outbreak::testing
