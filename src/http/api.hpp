#pragma once
// Api: the versioned JSON API under /api/v1. Builds the route table, authenticates requests
// (bearer tokens; in demo mode, anonymous read-only access to the whole tree), keeps each caller
// inside its region's subtree, and turns requests into service calls and results into JSON.
//
// Conventions every resource follows:
// - regions are named by `region` (a code); a missing region means the caller's home region;
// - dates are `YYYY-MM-DD`, ranges `from` and `to` (both included);
// - lists are paged with `limit` (1..1000, default 100) and `offset`, and answer
//   {"items": [...], "total": N, "limit": L, "offset": O};
// - errors answer {"error": {"code", "message", "details"}} with the status of json_response.hpp;
// - writes accept an `Idempotency-Key` header: a resend with the same key and body gets the first
//   answer again, with `Idempotent-Replayed: true`;
// - with several servers on one database, every answer says in `X-Outbreak-Change` the change of
//   the database's change log it reflects (the write it made, or every change up to that number);
//   a request with `X-Outbreak-Read-After: N` is answered once the server has applied change N
//   (503 with Retry-After when it has not within a second).
//
// Thread-safe; handlers may run on several threads at once.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "app/analytics_service.hpp"
#include "app/auth_service.hpp"
#include "app/care_service.hpp"
#include "app/change_follower.hpp"
#include "app/guidance_service.hpp"
#include "app/levels_service.hpp"
#include "app/supply_service.hpp"
#include "app/surveillance_service.hpp"
#include "http/api_helpers.hpp"
#include "http/json_response.hpp"
#include "http/response_cache.hpp"
#include "http/router.hpp"
#include "http/routes.hpp"
#include "http/scope.hpp"

namespace outbreak::http {

// The services the API answers from; each must outlive the Api.
struct ApiServices {
  app::SurveillanceService& surveillance;
  app::AuthService& auth;
  const app::AnalyticsService& analytics;
  app::CareService& care;
  app::SupplyService& supply;
  app::GuidanceService& guidance;
  app::LevelsService& levels;
  // The server's follower of the change log, when it has one: answers then carry
  // X-Outbreak-Change and honour X-Outbreak-Read-After.
  app::ChangeFollower* changes = nullptr;
};

struct ApiOptions {
  bool demo_read_only = false;  // anonymous callers read everything, write nothing
};

class Api {
 public:
  Api(const ApiServices& services, ApiOptions options);

  HttpResponse Handle(const HttpRequest& request) const;
  const Router& router() const { return router_; }
  // Whether the request goes to a route declared slow (the server runs it on its worker pool).
  bool IsSlow(const HttpRequest& request) const { return router_.IsSlow(request); }
  // The principal of a request (for the live feed's upgrade), or kUnauthorised.
  Result<app::Principal> Authenticate(const HttpRequest& request) const;

  app::SurveillanceService& surveillance() const { return surveillance_; }

 private:
  // How long a request with X-Outbreak-Read-After waits for this server to catch up.
  static constexpr std::chrono::milliseconds kReadAfterWait{1000};
  // The answer, idempotency included, without the change log's headers.
  HttpResponse Answer(const HttpRequest& request) const;
  // The stored answer of an Idempotency-Key sent again.
  HttpResponse Replay(const store::IdempotencyRecord& stored,
                      const std::string& request_hash) const;
  void AddDocumentRoutes();

  app::SurveillanceService& surveillance_;
  app::AuthService& auth_;
  app::ChangeFollower* changes_;
  ApiOptions options_;
  Router router_;
  Gate gate_;    // what the router asks of the caller's rights (api.cpp)
  Scope scope_;  // what a write's body names, in the caller's region
  // One registrar per capability (routes.hpp), each given only the services it uses.
  AccessRoutes access_routes_;
  SurveillanceRoutes surveillance_routes_;
  AnalyticsRoutes analytics_routes_;
  CareRoutes care_routes_;
  GuidanceRoutes guidance_routes_;
  SupplyRoutes supply_routes_;
  LevelsRoutes levels_routes_;
};

// The live feed's subprotocol, which the server answers with, and the prefix of the one that
// carries a browser's token ("bearer.TOKEN"): a WebSocket in a browser cannot set headers.
inline constexpr std::string_view kLiveSubprotocol = "outbreak.v1";
inline constexpr std::string_view kBearerSubprotocol = "bearer.";
// The token among the subprotocols a WebSocket upgrade offers, if any (api.cpp).
std::optional<std::string> SubprotocolToken(const HttpRequest& request);

}  // namespace outbreak::http
