#pragma once
// Requests and responses as the API sees them: plain values, free of the network library, so
// that handlers compile fast and can be tested without a socket.

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace outbreak::http {

struct HttpRequest {
  std::string method;                          // "GET", "POST", ...
  std::string path;                            // decoded path, without the query
  std::map<std::string, std::string> query;    // decoded query parameters
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string remote_address;

  // The header's value, or "" when absent.
  std::string Header(const std::string& lower_case_name) const {
    auto it = headers.find(lower_case_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// Splits "/a/b?x=1&y=%20" into the decoded path and query parameters; false when malformed.
bool ParseTarget(const std::string& target, std::string& path,
                 std::map<std::string, std::string>& query);

}  // namespace outbreak::http
