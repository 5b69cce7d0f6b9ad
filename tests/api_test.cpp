// The HTTP API end to end: the real server on a free port of 127.0.0.1, spoken to over HTTP and
// WebSocket. The route table comes from the server's own OpenAPI description, and the
// authorisation matrix is generated from it: every role against every route and every region it
// must not reach.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "http_client.hpp"
#include "test_server.hpp"

namespace outbreak::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

// ---------------------------------------------------------------------------------------------
// The users, what their roles may do, and where.

struct TestUser {
  std::string name;                 // also the name of the role
  std::string home;                 // home region
  std::vector<std::string> inside;  // regions inside the home subtree; the last is a reporting unit
  std::vector<std::string> outside;  // regions outside it
};

const std::vector<TestUser>& RoleUsers() {
  static const std::vector<TestUser> users = {
      {"admin", "KP", {"KP", "KP-04-005"}, {}},
      {"headquarters", "KP", {"KP", "KP-04-005"}, {}},
      {"province_officer", "KP-04", {"KP-04", "KP-04-001"}, {"KP-01", "KP", "KP-01-001"}},
      {"county_clerk", "KP-04-003", {"KP-04-003"}, {"KP-04-002", "KP-04", "KP"}},
      {"supply_officer", "KP", {"KP", "KP-04-005"}, {}},
      {"treatment_centre", "KP", {"KP", "KP-04-005"}, {}},
      {"guidance_team", "KP", {"KP", "KP-04-005"}, {}},
      {"viewer", "KP", {"KP", "KP-04-005"}, {}},
  };
  return users;
}

// What each role may do: an independent statement of src/access/role.cpp.
bool RoleMay(const std::string& role, const std::string& permission) {
  static const std::map<std::string, std::set<std::string>> kGranted = {
      {"read_surveillance",
       {"admin", "headquarters", "province_officer", "county_clerk", "supply_officer",
        "treatment_centre", "guidance_team", "viewer"}},
      {"write_reports", {"admin", "headquarters", "province_officer", "county_clerk"}},
      {"read_audit", {"admin", "headquarters"}},
      {"manage_users", {"admin"}},
      {"write_census", {"admin", "headquarters", "treatment_centre"}},
      {"manage_care", {"admin", "headquarters", "province_officer"}},
      {"adopt_plans", {"admin", "headquarters"}},
  };
  auto it = kGranted.find(permission);
  if (it == kGranted.end()) {
    ADD_FAILURE() << "the route table names a permission unknown to the test: " << permission;
    return false;
  }
  return it->second.contains(role);
}

// Users that tests disable, revoke or sign out, apart from the role users.
constexpr char kMatrixTarget[] = "matrix-target";
constexpr char kRevokeByApi[] = "revoke-by-api";
constexpr char kRevokeByCli[] = "revoke-by-cli";
constexpr char kDisableMe[] = "disable-me";
constexpr char kLogoutPath[] = "/api/v1/auth/logout";
// A day of the demo, for routes that name one.
constexpr char kDemoDay[] = "2022-05-20";
// The deployment plan the suite makes before the server starts, for routes that name one.
constexpr char kPlanId[] = "1";

// The demo's treatment centre of a region: the nation's mobile units, a province's hospital, a
// county's district treatment centre (src/app/care_demo.cpp).
std::string DemoCentreOf(const std::string& region) {
  const auto dashes = std::count(region.begin(), region.end(), '-');
  return region + (dashes == 0 ? "-MOBILE" : dashes == 1 ? "-HOSP" : "-DTC");
}
// 64 hex characters that were never issued.
constexpr char kForgedToken[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

// The token cache of the server trusts a validated token this long (AuthOptions).
constexpr auto kTokenCacheBound = 5s;
// Longest wait for anything the server should do "soon".
constexpr auto kPatience = 10s;

// Days after the demo (which ends on 2022-08-09), handed out once each so that every test writes
// reports no other test has touched.
std::string FreshDate() {
  static std::atomic<int> next{0};
  using namespace std::chrono;
  const year_month_day day{sys_days{2023y / January / 1} + days{next++}};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

struct Counts {
  int64_t fever = 0;
  int64_t recovered = 0;
  int64_t deaths = 0;
  int64_t treatment = 0;
};

json::object ReportObject(const std::string& region, const std::string& date, Counts counts) {
  return {{"region", region},
          {"date", date},
          {"new_fever", counts.fever},
          {"new_recovered", counts.recovered},
          {"new_deaths", counts.deaths},
          {"under_treatment", counts.treatment}};
}

std::string ReportBody(const std::string& region, const std::string& date, Counts counts,
                       const std::string& reason = "") {
  json::object body = ReportObject(region, date, counts);
  if (!reason.empty()) body["reason"] = reason;
  return json::serialize(body);
}

Headers Bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

std::string Describe(const HttpReply& reply) {
  return reply.status == 0 ? "no answer: " + reply.error
                           : std::to_string(reply.status) + " " + reply.body;
}

// The error body every failure carries: {"error": {"code", "message", "details"}}.
::testing::AssertionResult IsError(const HttpReply& reply, int status, const std::string& code) {
  if (reply.status != status) {
    return ::testing::AssertionFailure() << "expected " << status << ", got " << Describe(reply);
  }
  const json::value body = reply.Json();
  const json::object* root = body.if_object();
  const json::value* error = root != nullptr ? root->if_contains("error") : nullptr;
  if (error == nullptr || !error->is_object() || root->size() != 1) {
    return ::testing::AssertionFailure() << "not an error body: " << reply.body;
  }
  const json::object& fields = error->as_object();
  const json::value* got_code = fields.if_contains("code");
  const json::value* message = fields.if_contains("message");
  const json::value* details = fields.if_contains("details");
  if (got_code == nullptr || !got_code->is_string() || message == nullptr ||
      !message->is_string() || message->as_string().empty() || details == nullptr ||
      !details->is_array()) {
    return ::testing::AssertionFailure()
           << "error body lacks code, message or details: " << reply.body;
  }
  if (got_code->as_string() != code) {
    return ::testing::AssertionFailure()
           << "expected error code " << code << ", got " << reply.body;
  }
  return ::testing::AssertionSuccess();
}

// Whether an error's details mention `text`.
bool DetailsMention(const HttpReply& reply, const std::string& text) {
  const json::value body = reply.Json();
  if (!body.is_object() || !body.as_object().contains("error")) return false;
  const json::object& error = body.at("error").as_object();
  if (std::string(error.at("message").as_string()).find(text) != std::string::npos) return true;
  for (const json::value& detail : error.at("details").as_array()) {
    if (detail.is_string() && std::string(detail.as_string()).find(text) != std::string::npos) {
      return true;
    }
  }
  return false;
}

// The items of a page; none when the body is not a page.
json::array Items(const HttpReply& reply) {
  const json::value body = reply.Json();
  const json::value* items = body.is_object() ? body.as_object().if_contains("items") : nullptr;
  return items != nullptr && items->is_array() ? items->as_array() : json::array();
}

// ---------------------------------------------------------------------------------------------
// The route table, read from the OpenAPI description.

struct RouteSpec {
  std::string method;          // upper case
  std::string pattern;         // "/api/v1/reports/{region}/{date}/history"
  std::string permission;      // x-permission; "" for a public route
  std::string region_param;    // x-region-param; "" when the route acts on no region
  std::string request_schema;  // the request body's schema name; "" when there is no body
};

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::vector<RouteSpec> RoutesOf(const json::value& openapi) {
  std::vector<RouteSpec> routes;
  for (const auto& [path, item] : openapi.at("paths").as_object()) {
    for (const auto& [method, operation] : item.as_object()) {
      const json::object& op = operation.as_object();
      RouteSpec route{Upper(std::string(method)), std::string(path), "", "", ""};
      if (const json::value* permission = op.if_contains("x-permission")) {
        route.permission = std::string(permission->as_string());
      }
      if (const json::value* region = op.if_contains("x-region-param")) {
        route.region_param = std::string(region->as_string());
      }
      if (const json::value* body = op.if_contains("requestBody")) {
        const std::string ref(
            body->at("content").at("application/json").at("schema").at("$ref").as_string());
        route.request_schema = ref.substr(ref.rfind('/') + 1);
      }
      routes.push_back(std::move(route));
    }
  }
  return routes;
}

struct Call {
  std::string method;
  std::string target;
  std::string body;
};

// ---------------------------------------------------------------------------------------------
// One server for the suite, on a database with the demo and one user per role.

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    database_ = new TestDatabase();
    setup_error_ = database_->LoadDemo();
    for (const TestUser& user : RoleUsers()) {
      if (setup_error_.empty()) setup_error_ = database_->AddUser(user.name, user.name, user.home);
    }
    for (const char* name : {kMatrixTarget, kRevokeByApi, kRevokeByCli, kDisableMe}) {
      if (setup_error_.empty()) setup_error_ = database_->AddUser(name, "viewer", "KP");
    }
    if (setup_error_.empty()) {
      const RunResult plan = database_->Cli(
          {"care", "plan", "--as-of", kDemoDay, "--horizon-days", "0", "--format", "json"});
      if (plan.exit_code != 0) setup_error_ = "outbreak care plan: " + plan.err;
    }
    if (!setup_error_.empty()) return;
    server_ = new ServerProcess(*database_,
                                {"--threads", "4", "--read-timeout", "2", "--body-limit", "65536"});
    if (!server_->started()) {
      setup_error_ = "the server did not start\n" + server_->Output();
      return;
    }
    tokens_ = new std::map<std::string, std::string>();
    for (const TestUser& user : RoleUsers()) {
      HttpReply reply = SignIn(user.name);
      if (reply.status != 200) {
        setup_error_ = "sign-in of " + user.name + ": " + Describe(reply);
        return;
      }
      (*tokens_)[user.name] = std::string(reply.Json().at("token").as_string());
    }
  }

  static void TearDownTestSuite() {
    if (server_ != nullptr && server_->started()) {
      // A clean stop at the end of the suite is part of what is tested.
      const std::optional<int> code = server_->Stop();
      EXPECT_EQ(code, std::optional<int>(0)) << server_->Output();
    }
    delete server_;
    delete tokens_;
    delete database_;
    server_ = nullptr;
    tokens_ = nullptr;
    database_ = nullptr;
  }

  void SetUp() override {
    if (!setup_error_.empty()) FAIL() << setup_error_;
  }

  static uint16_t Port() { return server_->port(); }
  static const std::string& TokenOf(const std::string& user) { return tokens_->at(user); }

  static HttpReply SignIn(const std::string& name, const std::string& password = kTestPassword) {
    return Send(server_->port(), "POST", "/api/v1/auth/login", {},
                json::serialize(json::object{{"name", name}, {"password", password}}));
  }
  // A new token for `name`; "" (and a failure) when sign-in fails.
  static std::string NewToken(const std::string& name) {
    HttpReply reply = SignIn(name);
    EXPECT_EQ(reply.status, 200) << Describe(reply);
    return reply.status == 200 ? std::string(reply.Json().at("token").as_string()) : "";
  }

  static HttpReply Get(const std::string& target, const std::string& user) {
    return Send(Port(), "GET", target, Bearer(TokenOf(user)));
  }
  static HttpReply Post(const std::string& target, const std::string& user, const std::string& body,
                        Headers headers = {}) {
    Headers all = Bearer(TokenOf(user));
    all.insert(all.end(), headers.begin(), headers.end());
    return Send(Port(), "POST", target, all, body);
  }

  static std::vector<RouteSpec> Routes() {
    HttpReply reply = Send(Port(), "GET", "/api/v1/openapi.json");
    EXPECT_EQ(reply.status, 200) << Describe(reply);
    if (reply.status != 200) return {};
    return RoutesOf(reply.Json());
  }

  // A request for `route` that acts on `region` and is otherwise valid.
  static Call CallFor(const RouteSpec& route, const std::string& region) {
    static std::atomic<int> next_user{0};
    Call call{route.method, "", ""};
    bool region_in_path = false;
    for (size_t start = 1; start <= route.pattern.size();) {
      const size_t slash = std::min(route.pattern.find('/', start), route.pattern.size());
      const std::string segment = route.pattern.substr(start, slash - start);
      std::string value = segment;
      if (segment == "{" + route.region_param + "}" && !route.region_param.empty()) {
        value = region;
        region_in_path = true;
      } else if (segment == "{date}") {
        value = kDemoDay;
      } else if (segment == "{name}") {
        value = kMatrixTarget;
      } else if (segment == "{plan}") {
        value = kPlanId;
      } else if (segment.starts_with("{")) {
        ADD_FAILURE() << route.pattern << ": the test has no value for " << segment;
      }
      call.target += "/" + value;
      start = slash + 1;
    }
    if (route.request_schema == "ReportBatch") {
      call.body = ReportBody(region, FreshDate(), {5, 2, 0, 30});
    } else if (route.request_schema == "NewUser") {
      call.body = json::serialize(json::object{{"name", "matrix-" + std::to_string(next_user++)},
                                               {"role", "viewer"},
                                               {"region", "KP"},
                                               {"password", kTestPassword}});
    } else if (route.request_schema == "CentreBatch") {
      call.body = json::serialize(json::object{{"code", "MATRIX-" + std::to_string(next_user++)},
                                               {"name", "Matrix centre"},
                                               {"region", region},
                                               {"kind", "mobile_unit"}});
    } else if (route.request_schema == "CensusBatch") {
      call.body = json::serialize(json::object{{"centre", DemoCentreOf(region)},
                                               {"date", FreshDate()},
                                               {"occupied", 5},
                                               {"admitted", 5},
                                               {"discharged", 0},
                                               {"died", 0}});
    } else if (route.request_schema == "WorkforceBatch") {
      call.body = json::serialize(json::object{
          {"region", region}, {"category", "nurse"}, {"date", FreshDate()}, {"on_duty", 10}});
    } else if (route.request_schema == "PlanRequest") {
      call.body = json::serialize(
          json::object{{"within", region}, {"as_of", kDemoDay}, {"horizon_days", 0}});
    } else if (route.request_schema == "LoginRequest") {
      call.body = json::serialize(json::object{{"name", "viewer"}, {"password", kTestPassword}});
    } else if (!route.request_schema.empty()) {
      ADD_FAILURE() << route.pattern << ": the test has no sample body for "
                    << route.request_schema;
    } else if (!route.region_param.empty() && !region_in_path) {
      call.target += "?" + route.region_param + "=" + region;
    }
    return call;
  }

  static HttpReply Perform(const Call& call, const Headers& headers) {
    return Send(Port(), call.method, call.target, headers, call.body);
  }

  // The stored reports of `region` from `from` to `to`, by "REGION DATE".
  static std::map<std::string, json::object> StoredReports(const std::string& region,
                                                           const std::string& from,
                                                           const std::string& to) {
    std::map<std::string, json::object> out;
    HttpReply reply =
        Get("/api/v1/reports?region=" + region + "&from=" + from + "&to=" + to + "&limit=1000",
            "headquarters");
    EXPECT_EQ(reply.status, 200) << Describe(reply);
    if (reply.status != 200) return out;
    const json::object page = reply.Json().as_object();
    for (const json::value& item : page.at("items").as_array()) {
      const std::string key = std::string(item.at("region").as_string()) + " " +
                              std::string(item.at("date").as_string());
      out[key] = item.at("counts").as_object();
    }
    EXPECT_EQ(page.at("total").as_int64(), static_cast<int64_t>(out.size()));
    return out;
  }

  static json::array History(const std::string& region, const std::string& date) {
    HttpReply reply = Get("/api/v1/reports/" + region + "/" + date + "/history", "headquarters");
    EXPECT_EQ(reply.status, 200) << Describe(reply);
    if (reply.status != 200) return {};
    return reply.Json().at("versions").as_array();
  }

  static inline TestDatabase* database_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
  static inline std::map<std::string, std::string>* tokens_ = nullptr;
  static inline std::string setup_error_;
};

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
        HttpReply reply = Perform(CallFor(route, region), Bearer(token));
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
        "/api/v1/audit?limit=0"}) {
    SCOPED_TRACE(target);
    EXPECT_TRUE(IsError(Get(target, "headquarters"), 400, "invalid_argument"));
  }
  for (const char* target : {"/api/v1/sitrep?region=KP-99", "/api/v1/regions/XX",
                             "/api/v1/reports/KP-99-001/2022-05-20/history"}) {
    SCOPED_TRACE(target);
    EXPECT_TRUE(IsError(Get(target, "headquarters"), 404, "not_found"));
  }
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
  WebSocketClient province(Port(), "/api/v1/live?access_token=" + TokenOf("province_officer"));
  ASSERT_EQ(province.handshake_status(), 101);
  WebSocketClient clerk(Port(), "/api/v1/live?access_token=" + TokenOf("county_clerk"));
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

TEST_F(ApiTest, TheLiveFeedRefusesAnUpgradeWithoutAValidToken) {
  EXPECT_EQ(WebSocketClient(Port(), "/api/v1/live").handshake_status(), 401);
  EXPECT_EQ(WebSocketClient(Port(), std::string("/api/v1/live?access_token=") + kForgedToken)
                .handshake_status(),
            401);
  EXPECT_EQ(WebSocketClient(Port(), "/api/v1/live?access_token=abc").handshake_status(), 401);
  EXPECT_EQ(WebSocketClient(Port(), "/api/v1/sitrep?access_token=" + TokenOf("viewer"))
                .handshake_status(),
            404);
  // A plain request to the feed is told to upgrade.
  EXPECT_TRUE(IsError(Get("/api/v1/live", "viewer"), 426, "upgrade_required"));
}

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
