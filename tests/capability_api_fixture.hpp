#pragma once
// The shared ground of the API tests of one capability (care, guidance, prevention levels,
// supply): one real server on the demo for the suite, the few users the suite names, and requests
// made as one of them. A suite's SetUpTestSuite calls StartSuite; when any step fails, every test
// of the suite fails saying which.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "api_reply.hpp"
#include "http_client.hpp"
#include "test_server.hpp"

namespace outbreak::testing {

// A user the suite adds before the server starts, with kTestPassword.
struct SuiteUser {
  std::string name;
  std::string role;
  std::string region;  // home region
};

class CapabilityApiTest : public ::testing::Test {
 protected:
  // What a suite does on the database between adding its users and starting the server: "" on
  // success, else what went wrong.
  using Prepare = std::function<std::string(const TestDatabase&)>;

  // Loads the demo, adds `users`, runs `prepare`, starts `outbreak serve SERVER_ARGS...` and
  // signs every user in. Stops at the first failure and keeps it in setup_error_.
  static void StartSuite(const std::vector<SuiteUser>& users,
                         const std::vector<std::string>& server_args,
                         const Prepare& prepare = nullptr) {
    database_ = new TestDatabase();
    setup_error_ = database_->LoadDemo();
    for (const SuiteUser& user : users) {
      if (setup_error_.empty())
        setup_error_ = database_->AddUser(user.name, user.role, user.region);
    }
    if (setup_error_.empty() && prepare) setup_error_ = prepare(*database_);
    if (!setup_error_.empty()) return;
    server_ = new ServerProcess(*database_, server_args);
    if (!server_->started()) {
      setup_error_ = "the server did not start\n" + server_->Output();
      return;
    }
    tokens_ = new std::map<std::string, std::string>();
    for (const SuiteUser& user : users) {
      HttpReply reply = Send(server_->port(), "POST", "/api/v1/auth/login", {},
                             boost::json::serialize(boost::json::object{
                                 {"name", user.name}, {"password", kTestPassword}}));
      if (reply.status != 200) {
        setup_error_ = "sign-in of " + user.name + ": " + Describe(reply);
        return;
      }
      (*tokens_)[user.name] = std::string(reply.Json().at("token").as_string());
    }
  }

  static void TearDownTestSuite() {
    if (server_ != nullptr && server_->started()) server_->Stop();
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

  // A request as `user`, one of the suite's users.
  static HttpReply Get(const std::string& target, const std::string& user) {
    return Send(server_->port(), "GET", target, Bearer(tokens_->at(user)));
  }
  static HttpReply Post(const std::string& target, const std::string& user,
                        const boost::json::value& body, const Headers& extra = {}) {
    return PostText(target, user, boost::json::serialize(body), extra);
  }
  // Likewise with a body sent as it is, well-formed JSON or not.
  static HttpReply PostText(const std::string& target, const std::string& user,
                            const std::string& body, const Headers& extra = {}) {
    Headers headers = Bearer(tokens_->at(user));
    headers.emplace_back("Content-Type", "application/json");
    headers.insert(headers.end(), extra.begin(), extra.end());
    return Send(server_->port(), "POST", target, headers, body);
  }

  // One suite runs at a time; each StartSuite starts afresh.
  static inline TestDatabase* database_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
  static inline std::map<std::string, std::string>* tokens_ = nullptr;
  static inline std::string setup_error_;
};

}  // namespace outbreak::testing
