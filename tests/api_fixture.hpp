#pragma once
// The shared ground of the API tests: the users of every role, request helpers, the route
// list from the OpenAPI description, and the ApiTest fixture that starts one real server per
// test process.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
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

#include "api_reply.hpp"
#include "http_client.hpp"
#include "levels_samples.hpp"
#include "supply_samples.hpp"
#include "test_server.hpp"

namespace outbreak::testing {

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

inline const std::vector<TestUser>& RoleUsers() {
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
inline bool RoleMay(const std::string& role, const std::string& permission) {
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
      {"manage_supply", {"admin", "headquarters"}},
      {"write_supply", {"admin", "headquarters", "supply_officer"}},
      {"manage_guidance", {"admin", "headquarters"}},
      {"write_guidance", {"admin", "headquarters", "guidance_team"}},
      {"decide_levels", {"admin", "headquarters"}},
      {"update_tasks", {"admin", "headquarters", "province_officer", "county_clerk"}},
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
// A viewer whose live feed is cut when its tokens are revoked.
constexpr char kLiveRevoked[] = "live-revoked";
constexpr char kDisableMe[] = "disable-me";
constexpr char kLogoutPath[] = "/api/v1/auth/logout";
// A day of the demo, for routes that name one.
constexpr char kDemoDay[] = "2022-05-20";
// The deployment plan the suite makes before the server starts, for routes that name one.
constexpr char kPlanId[] = "1";
// The guidance finding the suite records before the server starts (SetUpGuidance).
constexpr char kFindingId[] = "1";

// The demo's treatment centre of a region: the nation's mobile units, a province's hospital, a
// county's district treatment centre (src/app/care_demo.cpp).
inline std::string DemoCentreOf(const std::string& region) {
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
inline std::string FreshDate() {
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

inline json::object ReportObject(const std::string& region, const std::string& date,
                                 Counts counts) {
  return {{"region", region},
          {"date", date},
          {"new_fever", counts.fever},
          {"new_recovered", counts.recovered},
          {"new_deaths", counts.deaths},
          {"under_treatment", counts.treatment}};
}

inline std::string ReportBody(const std::string& region, const std::string& date, Counts counts,
                              const std::string& reason = "") {
  json::object body = ReportObject(region, date, counts);
  if (!reason.empty()) body["reason"] = reason;
  return json::serialize(body);
}

// The error body every failure carries: {"error": {"code", "message", "details"}}.
inline ::testing::AssertionResult IsError(const HttpReply& reply, int status,
                                          const std::string& code) {
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
inline bool DetailsMention(const HttpReply& reply, const std::string& text) {
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
inline json::array Items(const HttpReply& reply) {
  const json::value body = reply.Json();
  const json::value* items = body.is_object() ? body.as_object().if_contains("items") : nullptr;
  return items != nullptr && items->is_array() ? items->as_array() : json::array();
}

// ---------------------------------------------------------------------------------------------
// The route table, read from the OpenAPI description.

struct RouteSpec {
  std::string method;                    // upper case
  std::string pattern;                   // "/api/v1/reports/{region}/{date}/history"
  std::string permission;                // x-permission; "" for a public route
  std::string region_param;              // x-region-param; "" when the route acts on no region
  std::string request_schema;            // the request body's schema name; "" when there is no body
  std::set<std::string> integer_params;  // query parameters declared with integer bounds
  std::set<std::string> text_params;     // query parameters declared as plain strings
};

inline std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

inline std::vector<RouteSpec> RoutesOf(const json::value& openapi) {
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
      if (const json::value* parameters = op.if_contains("parameters")) {
        for (const json::value& parameter : parameters->as_array()) {
          const json::object& schema = parameter.at("schema").as_object();
          const std::string name(parameter.at("name").as_string());
          if (schema.contains("maximum")) route.integer_params.insert(name);
          if (schema.at("type") == "string" && !schema.contains("format")) {
            route.text_params.insert(name);
          }
        }
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
    for (const char* name : {kMatrixTarget, kRevokeByApi, kRevokeByCli, kDisableMe, kLiveRevoked}) {
      if (setup_error_.empty()) setup_error_ = database_->AddUser(name, "viewer", "KP");
    }
    if (setup_error_.empty()) {
      const RunResult plan = database_->Cli(
          {"care", "plan", "--as-of", kDemoDay, "--horizon-days", "0", "--format", "json"});
      if (plan.exit_code != 0) setup_error_ = "outbreak care plan: " + plan.err;
    }
    if (setup_error_.empty()) {
      // Supply plan 1, for the supply routes that name a plan.
      const RunResult plan = database_->Cli(
          {"supply", "plan", "--as-of", kDemoDay, "--horizon", "2", "--format", "json"});
      if (plan.exit_code != 0) setup_error_ = "outbreak supply plan: " + plan.err;
    }
    if (setup_error_.empty()) setup_error_ = SetUpGuidance(*database_);
    if (setup_error_.empty()) setup_error_ = SetUpLevels(*database_);
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

  // The guidance_team user is linked to an official of the roster, pinned to KP-04 in an adopted
  // plan, and a visit to KP-04-005 records finding 1 (kFindingId).
  static std::string SetUpGuidance(const TestDatabase& database) {
    const std::string roster = database.dir() + "/guidance-roster.csv";
    const std::string visit = database.dir() + "/guidance-visit.json";
    std::ofstream(roster) << "code,name,position,home,expertise,available,user\n"
                             "GT-TEST,Test official,department_official,KP-01,public_health,yes,"
                             "guidance_team\n";
    std::ofstream(visit) << json::serialize(json::object{
        {"region", "KP-04-005"},
        {"date", kDemoDay},
        {"checklist_version", 1},
        {"answers", json::array{json::object{{"question", "MS1"}, {"value", "no"}}}},
        {"findings", json::array{json::object{{"topic", "medicine_supply"},
                                              {"severity", "high"},
                                              {"evidence", "the pharmacy closes at noon"},
                                              {"measure", "open it until 22:00"},
                                              {"owner", "county people's committee"}}}}});
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"guidance", "roster", "import", roster},
          std::vector<std::string>{"guidance", "plan", "--pin", "GT-TEST=KP-04", "--adopt"},
          std::vector<std::string>{"guidance", "visit", "record", visit}}) {
      const RunResult run = database.Cli(args);
      if (run.exit_code != 0) return "outbreak " + args[0] + " " + args[1] + ": " + run.err;
    }
    return "";
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
      } else if (segment == "{shipment}") {
        value = kShipmentId;
      } else if (segment == "{recall}") {
        value = "1";
      } else if (segment == "{finding}") {
        value = kFindingId;
      } else if (auto levels = LevelsPathValue(segment, region)) {
        value = *levels;
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
    } else if (route.request_schema == "CentreInputBatch") {
      call.body = json::serialize(json::object{{"code", "MATRIX-" + std::to_string(next_user++)},
                                               {"name", "Matrix centre"},
                                               {"region", region},
                                               {"kind", "mobile_unit"}});
    } else if (route.request_schema == "CensusDayBatch") {
      call.body = json::serialize(json::object{{"centre", DemoCentreOf(region)},
                                               {"date", FreshDate()},
                                               {"occupied", 5},
                                               {"admitted", 5},
                                               {"discharged", 0},
                                               {"died", 0}});
    } else if (route.request_schema == "WorkforceCountBatch") {
      call.body = json::serialize(json::object{
          {"region", region}, {"category", "nurse"}, {"date", FreshDate()}, {"on_duty", 10}});
    } else if (route.request_schema == "PlanRequest") {
      call.body = json::serialize(
          json::object{{"within", region}, {"as_of", kDemoDay}, {"horizon_days", 0}});
    } else if (route.request_schema == "GuidanceOfficialInputBatch") {
      call.body = json::serialize(json::object{{"code", "MATRIX-GT-" + std::to_string(next_user++)},
                                               {"name", "Matrix official"},
                                               {"position", "department_official"},
                                               {"home", region}});
    } else if (route.request_schema == "GuidanceChecklistInput") {
      call.body = json::serialize(
          json::object{{"title", "Matrix checklist"},
                       {"questions", json::array{json::object{{"code", "M1"},
                                                              {"topic", "treatment"},
                                                              {"text", "Matrix?"},
                                                              {"answer_type", "yes_no"}}}}});
    } else if (route.request_schema == "GuidancePlanRequest") {
      call.body = "{}";
    } else if (route.request_schema == "GuidanceVisitInput") {
      call.body = json::serialize(json::object{
          {"region", region},
          {"date", kDemoDay},
          {"checklist_version", 1},
          {"answers", json::array{json::object{{"question", "MS1"}, {"value", "yes"}}}}});
    } else if (route.request_schema == "GuidanceFindingClosure") {
      call.body = json::serialize(json::object{{"how", "matrix"}});
    } else if (auto supply = SupplySampleBody(route.request_schema, region, FreshDate())) {
      call.body = *supply;
    } else if (auto levels = LevelsSampleBody(route.request_schema, region)) {
      call.body = *levels;
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

  static HttpReply Perform(const Call& call, const Headers& headers,
                           std::chrono::milliseconds timeout = kCallTimeout) {
    return Send(Port(), call.method, call.target, headers, call.body, timeout);
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

}  // namespace outbreak::testing
