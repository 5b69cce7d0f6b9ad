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
#include "http/json_response.hpp"
#include "http/response_cache.hpp"
#include "http/router.hpp"

namespace outbreak::http {

struct OwnerClaim;
struct OwnerGate;

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
  void AddSurveillanceRoutes();
  void AddAnalyticsRoutes();
  void AddCareRoutes();
  void AddCarePlanRoutes();
  // The guidance teams (api_guidance.cpp: roster, checklists, plans and teams;
  // api_guidance_visits.cpp: visits, findings and the report).
  void AddGuidanceRoutes();
  void AddGuidancePlanRoutes();
  void AddGuidanceVisitRoutes();
  // The teams whose areas touch the caller's region.
  std::vector<store::GuidanceTeamRecord> VisibleTeams(
      const RequestContext& context, const std::vector<store::GuidanceTeamRecord>& teams) const;
  // A plan's JSON as the caller may read it (api_guidance.cpp).
  boost::json::object VisiblePlanJson(const RequestContext& context,
                                      const store::GuidancePlanRecord& plan,
                                      std::span<const guidance::Official> roster) const;
  // A guidance_team caller records visits for his own team only (fills the team when absent).
  Status CheckOwnTeam(const RequestContext& context, guidance::VisitInput& visit) const;
  // The medicine supply (api_supply.cpp: catalogue and network; api_supply_stock.cpp: ledger and
  // reads; api_supply_shipments.cpp; api_supply_plans.cpp: distribution and production plans).
  void AddSupplyRoutes();
  void AddSupplyStockRoutes();
  void AddSupplyShipmentRoutes();
  void AddSupplyPlanRoutes();
  // Refuses a supply write that names an unknown node (kInvalidArgument, `where: "X" is not a
  // known supply node`) or a node outside the caller's region (kForbidden, naming each).
  // `nodes` holds (where, node code) pairs (api_supply.cpp).
  Status CheckNodesInScope(const RequestContext& context,
                           const std::vector<std::pair<std::string, std::string>>& nodes) const;
  // kForbidden, naming each, when a write touches regions outside the caller's (api_helpers.cpp).
  Status CheckRegionsInScope(const RequestContext& context,
                             const std::vector<std::string>& regions) const;
  // A record written by code (an upsert) lands in `region`; when a record of that code exists it
  // is in the region `current_region` returns (kNotFound: no such record yet). The caller needs
  // rights over both: writing a record of a sibling region, or moving one into or out of the
  // caller's subtree, is kForbidden, each named by `where`.
  struct Placement {
    std::string where;   // "centres[2]"
    std::string code;    // the record's code
    std::string region;  // the region the write puts it in
  };
  using CurrentRegion = std::function<Result<std::string>(const std::string& code)>;
  Status CheckPlacements(const RequestContext& context, const std::vector<Placement>& placements,
                         const CurrentRegion& current_region) const;
  // Every owner of every row of a table write (record_routes.hpp) known and in the caller's
  // region, and every row that moves from another region moved from inside it (api_helpers.cpp).
  Status CheckOwners(const RequestContext& context, const std::vector<OwnerClaim>& claims) const;
  // The region of an owner named by `code` (record::Owner::via: a region itself, a supply node, a
  // treatment centre); kNotFound when it names nothing known.
  Result<std::string> OwnerRegion(const std::string& via, const std::string& code) const;
  // Both, for AddTableRoutes.
  OwnerGate Owners() const;
  // Prevention levels: rules, levels, proposals, decisions, replay, tasks (api_levels.cpp).
  void AddLevelsRoutes();
  void AddAccessRoutes();
  // The users whose home region is inside the caller's (api_access.cpp).
  Result<std::vector<store::UserRecord>> UsersInScope(const RequestContext& context) const;
  // kNotFound unless the user exists and its home region is inside the caller's.
  Status CheckUserInScope(const RequestContext& context, const std::string& name) const;
  void AddDocumentRoutes();
  void AddPageRoutes();

  app::SurveillanceService& surveillance_;
  app::AuthService& auth_;
  const app::AnalyticsService& analytics_;
  app::CareService& care_;
  app::SupplyService& supply_;
  app::GuidanceService& guidance_;
  app::LevelsService& levels_;
  app::ChangeFollower* changes_;
  ApiOptions options_;
  Router router_;
  Gate gate_;  // what the router asks of the caller's rights (api.cpp)
  // Rendered situation reports: the morning's most read answer, rendered once per data change.
  mutable ResponseCache sitrep_cache_;
  // Analytics answers, likewise: they change only when the data does.
  mutable ResponseCache analytics_cache_;
};

// The live feed's subprotocol, which the server answers with, and the prefix of the one that
// carries a browser's token ("bearer.TOKEN"): a WebSocket in a browser cannot set headers.
inline constexpr std::string_view kLiveSubprotocol = "outbreak.v1";
inline constexpr std::string_view kBearerSubprotocol = "bearer.";
// The token among the subprotocols a WebSocket upgrade offers, if any (api.cpp).
std::optional<std::string> SubprotocolToken(const HttpRequest& request);

// Helpers shared by the handlers (api_helpers.cpp).

// The region coded `code` when it is the caller's home region or below it: kNotFound for an
// unknown region, kForbidden outside the caller's subtree (or when the caller's home region is no
// longer known).
Result<RegionIdx> RegionInScope(const app::SurveillanceService& surveillance,
                                const app::Principal& principal, const std::string& code);
// Whether the caller's home region is the root of the tree (acts for the whole country).
bool IsNational(const app::SurveillanceService& surveillance, const app::Principal& principal);
// The region a request acts on: the parameter, or the caller's home region when absent.
// kNotFound for an unknown region, kForbidden outside the caller's subtree.
Result<RegionIdx> ScopedRegion(const app::SurveillanceService& surveillance,
                               const RequestContext& context, const std::string& param);
// An optional date parameter; kInvalidArgument when malformed.
Result<std::optional<Date>> DateParam(const RequestContext& context, const std::string& name);
// The optional days `from` and `to` (both included); kInvalidArgument when either is malformed
// (`from` is looked at first).
struct DateRange {
  std::optional<Date> from;
  std::optional<Date> to;
};
Result<DateRange> DateRangeParams(const RequestContext& context);

struct Paging {
  int64_t limit = 100;
  int64_t offset = 0;
};
Result<Paging> PagingParams(const RequestContext& context);
boost::json::object PageJson(boost::json::array items, int64_t total, const Paging& paging);

// The page `paging` of the whole list `all`, each item rendered by `to_json`.
template <typename T, typename ToJson>
boost::json::object PageOf(const std::vector<T>& all, const Paging& paging, ToJson&& to_json) {
  boost::json::array items;
  for (int64_t at = paging.offset;
       at < static_cast<int64_t>(all.size()) && static_cast<int64_t>(items.size()) < paging.limit;
       ++at) {
    items.push_back(to_json(all[static_cast<size_t>(at)]));
  }
  return PageJson(std::move(items), static_cast<int64_t>(all.size()), paging);
}

// 200 with the page of `all` the request's `limit` and `offset` ask for; 400 when they are bad.
template <typename T, typename ToJson>
HttpResponse PageResponse(const RequestContext& context, const std::vector<T>& all,
                          ToJson&& to_json) {
  Result<Paging> paging = PagingParams(context);
  if (!paging.ok()) return ErrorResponse(paging.status());
  return JsonResponse(200, PageOf(all, *paging, to_json));
}

}  // namespace outbreak::http
