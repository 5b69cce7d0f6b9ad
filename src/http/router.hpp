#pragma once
// Router: the route table of the API. Each route says its method, its path pattern (segments in
// braces are parameters: /api/v1/regions/{code}), the permission it needs (none for public
// routes), which parameter names the region it acts on, whether only callers of the whole country
// may use it, and its documentation, from which the OpenAPI description is generated.
//
// Dispatch is the one gate every request passes: it authenticates, checks the permission, refuses
// a national route to a caller of a province or below, refuses a region named by the route's
// region parameter (path or query) outside the caller's subtree, refuses a body that is not JSON
// on a route that takes one (415), and reads the parameters common to every route (paging, days,
// date ranges); only then does it call the handler. 404 for an unknown path, 405 for a known path
// with another method.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "access/role.hpp"
#include "app/auth_service.hpp"
#include "core/date.hpp"
#include "http/http_types.hpp"

namespace outbreak::http {

struct ParamDoc {
  std::string name;
  std::string type;  // "string", "integer", "date"
  std::string description;
  bool required = false;
  // An integer's bounds, both included: the router refuses a value outside them (or not a whole
  // number) before the handler runs, which reads it as context.Whole(name). Unchecked when
  // max <= min.
  int64_t min = 0;
  int64_t max = 0;
};

// An integer query parameter from `min` to `max`, checked by the router.
inline ParamDoc IntegerParam(std::string name, std::string description, int64_t min, int64_t max) {
  return {std::move(name), "integer", std::move(description), false, min, max};
}

struct RouteDoc {
  std::string summary;
  std::string tag;  // groups routes in the description
  std::vector<ParamDoc> query;
  std::string request_schema;   // a name under components/schemas, or ""
  std::string response_schema;  // likewise
  int success_status = 200;
  bool in_description = true;  // false: served, but not part of the API's description (the page)
};

// The page of a list a request asks for: `limit` items (1 to 1000) from `offset`.
struct Paging {
  int64_t limit = 100;
  int64_t offset = 0;
};

// The days `from` and `to` of a request, both included, each optional.
struct DateRange {
  std::optional<Date> from;
  std::optional<Date> to;
};

struct RequestContext {
  const HttpRequest& request;
  std::map<std::string, std::string> path_params;
  app::Principal principal;
  // The parameters that mean the same on every route, read and checked by the router before the
  // handler runs (ReadCommonParams): handlers never parse or check them again.
  Paging paging;
  std::map<std::string, Date, std::less<>> days;       // as_of, day, date, from, to: those given
  std::map<std::string, int64_t, std::less<>> wholes;  // the route's bounded integers given

  // A path parameter, else a query parameter, else "".
  std::string Param(const std::string& name) const;
  // A day parameter (as_of, day, date, from, to) when given.
  std::optional<Date> Day(std::string_view name) const;
  DateRange Dates() const { return {Day("from"), Day("to")}; }
  // A bounded integer parameter the route declares (IntegerParam) when given.
  std::optional<int64_t> Whole(std::string_view name) const;
};

// Reads the common parameters of `context`'s request into it: `limit` (1 to 1000) and `offset`
// (0 to 2^40) as whole numbers, the day parameters as YYYY-MM-DD, `from` not after `to`. A name
// the route's `declared` parameters give another type (the audit trail's `from` and `to` are
// times) is left to the route. kInvalidArgument naming the parameter and its value when one is
// wrong.
Status ReadCommonParams(RequestContext& context, const std::vector<ParamDoc>& declared);
// Reads the bounded integer parameters `params` declares (IntegerParam) into `context.wholes`:
// kInvalidArgument naming the first that is not a whole number within its bounds.
Status ReadDeclaredParams(RequestContext& context, const std::vector<ParamDoc>& params);

using Handler = std::function<HttpResponse(RequestContext&)>;

struct Route {
  std::string method;
  std::string pattern;                           // split into segments_ when added
  std::optional<access::Permission> permission;  // nullopt: public, no token needed
  std::string region_param;  // the parameter naming the region acted on, "" if none
  RouteDoc doc;
  Handler handler;
  // Only callers whose home region is the whole country (national reference data: the medicine
  // catalogue, treatment protocols, the default network, checklists, team plans).
  bool national = false;
  // Minutes of work on a national dataset (a plan, a replay, a backtest): the server runs it on
  // its worker pool, never on the threads that answer everything else.
  bool slow = false;
};

// What the router asks of the rest of the API to keep a request inside its caller's rights.
struct Gate {
  // The caller's principal from the request, or kUnauthorised.
  std::function<Result<app::Principal>(const HttpRequest&)> authenticate;
  // OK when the region coded `region` is the caller's home region or below it; kNotFound for an
  // unknown region, kForbidden outside the caller's subtree.
  std::function<Status(const app::Principal&, const std::string& region)> check_region;
  // Whether the caller acts for the whole country.
  std::function<bool(const app::Principal&)> is_national;
};

class Router {
 public:
  void Add(Route route);
  HttpResponse Dispatch(const HttpRequest& request, const Gate& gate) const;
  // Whether the route the request goes to is declared slow.
  bool IsSlow(const HttpRequest& request) const;
  const std::vector<Route>& routes() const { return routes_; }
  // A component schema of the API's description that comes with routes (a declared record's).
  void AddSchema(const std::string& name, boost::json::object schema) {
    schemas_[name] = std::move(schema);
  }
  const std::map<std::string, boost::json::object>& schemas() const { return schemas_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;  // each route's pattern, split once
  std::map<std::string, boost::json::object> schemas_;
};

// Splits "/api/v1/regions/{code}" into segments.
std::vector<std::string> SplitPath(const std::string& path);

}  // namespace outbreak::http
