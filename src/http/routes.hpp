#pragma once
// The route registrars: one per capability, each given only the services its routes use, the
// router it adds them to, and the scope checks every write shares (scope.hpp). Handlers are
// lambdas that capture their registrar, so a registrar lives as long as the Api that owns it.
//
// What a route declares (its permission, the region it names, whether only the nation may use
// it, whether it is slow) the router enforces; what a table write's body names, the declared
// record and Scope check. A handler only turns a request into a service call and its answer.

#include <span>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "app/analytics_service.hpp"
#include "app/auth_service.hpp"
#include "app/care_service.hpp"
#include "app/guidance_service.hpp"
#include "app/levels_service.hpp"
#include "app/supply_service.hpp"
#include "app/surveillance_service.hpp"
#include "http/response_cache.hpp"
#include "http/router.hpp"
#include "http/scope.hpp"

namespace outbreak::http {

// Users, sign-in and the audit trail (api_access.cpp).
class AccessRoutes {
 public:
  AccessRoutes(Router& router, app::SurveillanceService& surveillance, app::AuthService& auth)
      : router_(router), surveillance_(surveillance), auth_(auth) {}
  void Add();

 private:
  // The users whose home region is inside the caller's.
  Result<std::vector<store::UserRecord>> UsersInScope(const RequestContext& context) const;
  // kNotFound unless the user exists and its home region is inside the caller's.
  Status CheckUserInScope(const RequestContext& context, const std::string& name) const;

  Router& router_;
  app::SurveillanceService& surveillance_;
  app::AuthService& auth_;
};

// Regions, reports, the situation report and the live series (api_surveillance.cpp).
class SurveillanceRoutes {
 public:
  SurveillanceRoutes(Router& router, app::SurveillanceService& surveillance,
                     const app::AnalyticsService& analytics, app::LevelsService& levels)
      : router_(router), surveillance_(surveillance), analytics_(analytics), levels_(levels) {}
  void Add();

 private:
  Router& router_;
  app::SurveillanceService& surveillance_;
  const app::AnalyticsService& analytics_;
  app::LevelsService& levels_;
  // Rendered situation reports: the morning's most read answer, rendered once per data change.
  ResponseCache sitrep_cache_;
};

// R_t, forecasts, backtests, trends and alerts (api_analytics.cpp).
class AnalyticsRoutes {
 public:
  AnalyticsRoutes(Router& router, app::SurveillanceService& surveillance,
                  const app::AnalyticsService& analytics)
      : router_(router), surveillance_(surveillance), analytics_(analytics) {}
  void Add();

 private:
  Router& router_;
  app::SurveillanceService& surveillance_;
  const app::AnalyticsService& analytics_;
  // Analytics answers change only when the data does.
  ResponseCache analytics_cache_;
};

// Treatment centres, census, occupancy, workforce (api_care.cpp) and deployment plans
// (api_care_plans.cpp).
class CareRoutes {
 public:
  CareRoutes(Router& router, const Scope& scope, app::SurveillanceService& surveillance,
             app::CareService& care)
      : router_(router), scope_(scope), surveillance_(surveillance), care_(care) {}
  void Add();

 private:
  void AddPlans();

  Router& router_;
  const Scope& scope_;
  app::SurveillanceService& surveillance_;
  app::CareService& care_;
};

// The guidance teams (api_guidance.cpp: roster, checklists, plans and teams;
// api_guidance_visits.cpp: visits, findings and the report).
class GuidanceRoutes {
 public:
  GuidanceRoutes(Router& router, const Scope& scope, app::SurveillanceService& surveillance,
                 app::GuidanceService& guidance)
      : router_(router), scope_(scope), surveillance_(surveillance), guidance_(guidance) {}
  void Add();

 private:
  void AddPlans();
  void AddVisits();
  // The teams whose areas touch the caller's region.
  std::vector<store::GuidanceTeamRecord> VisibleTeams(
      const RequestContext& context, const std::vector<store::GuidanceTeamRecord>& teams) const;
  // A plan's JSON as the caller may read it.
  boost::json::object VisiblePlanJson(const RequestContext& context,
                                      const store::GuidancePlanRecord& plan,
                                      std::span<const guidance::Official> roster) const;
  // A guidance_team caller records visits for his own team only (fills the team when absent).
  Status CheckOwnTeam(const RequestContext& context, guidance::VisitInput& visit) const;

  Router& router_;
  const Scope& scope_;
  app::SurveillanceService& surveillance_;
  app::GuidanceService& guidance_;
};

// The medicine supply (api_supply.cpp: catalogue and network; api_supply_stock.cpp: ledger and
// reads; api_supply_shipments.cpp; api_supply_plans.cpp: distribution and production plans).
class SupplyRoutes {
 public:
  SupplyRoutes(Router& router, const Scope& scope, app::SurveillanceService& surveillance,
               app::SupplyService& supply)
      : router_(router), scope_(scope), surveillance_(surveillance), supply_(supply) {}
  void Add();

 private:
  void AddStock();
  void AddShipments();
  void AddPlans();

  Router& router_;
  const Scope& scope_;
  app::SurveillanceService& surveillance_;
  app::SupplyService& supply_;
};

// Prevention levels: rules, levels, proposals, decisions, replay, tasks (api_levels.cpp).
class LevelsRoutes {
 public:
  LevelsRoutes(Router& router, app::SurveillanceService& surveillance, app::LevelsService& levels)
      : router_(router), surveillance_(surveillance), levels_(levels) {}
  void Add();

 private:
  Router& router_;
  app::SurveillanceService& surveillance_;
  app::LevelsService& levels_;
};

// The page and its assets (api_page.cpp).
void AddPageRoutes(Router& router);

}  // namespace outbreak::http
