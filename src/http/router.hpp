#pragma once
// Router: the route table of the API. Each route says its method, its path pattern (segments in
// braces are parameters: /api/v1/regions/{code}), the permission it needs (none for public
// routes), which parameter names the region it acts on (checked against the caller's scope by the
// handler), and its documentation, from which the OpenAPI description is generated.
//
// Dispatch authenticates, checks the permission, and calls the handler; 404 for an unknown path,
// 405 for a known path with another method.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "access/role.hpp"
#include "app/auth_service.hpp"
#include "http/http_types.hpp"

namespace outbreak::http {

struct ParamDoc {
  std::string name;
  std::string type;  // "string", "integer", "date"
  std::string description;
  bool required = false;
};

struct RouteDoc {
  std::string summary;
  std::string tag;  // groups routes in the description
  std::vector<ParamDoc> query;
  std::string request_schema;   // a name under components/schemas, or ""
  std::string response_schema;  // likewise
  int success_status = 200;
  bool in_description = true;  // false: served, but not part of the API's description (the page)
};

struct RequestContext {
  const HttpRequest& request;
  std::map<std::string, std::string> path_params;
  app::Principal principal;

  // A path parameter, else a query parameter, else "".
  std::string Param(const std::string& name) const;
};

using Handler = std::function<HttpResponse(RequestContext&)>;

struct Route {
  std::string method;
  std::string pattern;                           // split into segments_ when added
  std::optional<access::Permission> permission;  // nullopt: public, no token needed
  std::string region_param;  // the parameter naming the region acted on, "" if none
  RouteDoc doc;
  Handler handler;
};

class Router {
 public:
  // Returns the caller's principal from the request, or kUnauthorised.
  using Authenticator = std::function<Result<app::Principal>(const HttpRequest&)>;

  void Add(Route route);
  HttpResponse Dispatch(const HttpRequest& request, const Authenticator& authenticate) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;  // each route's pattern, split once
};

// Splits "/api/v1/regions/{code}" into segments.
std::vector<std::string> SplitPath(const std::string& path);

}  // namespace outbreak::http
