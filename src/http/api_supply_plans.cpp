// Distribution plans (propose, list, read, adopt) and the production plan.

#include <fmt/format.h>
#include <boost/json.hpp>

#include "http/api.hpp"
#include "http/api_supply_common.hpp"
#include "http/json_response.hpp"
#include "http/routes.hpp"
#include "http/supply_body.hpp"
#include "report/supply_render.hpp"

namespace outbreak::http {

namespace {

using boost::json::array;
using boost::json::object;
using supply_api::ActorOf;
using supply_api::IdParam;

}  // namespace

void SupplyRoutes::AddPlans() {
  using access::Permission;
  // A plan concerns the callers inside its scope and those whose region holds its scope.
  auto visible = [this](const RequestContext& context, const std::string& scope) {
    return surveillance_.WithTree([&](const RegionTree& tree) {
      const std::optional<RegionIdx> home = tree.Find(context.principal.region);
      const std::optional<RegionIdx> at =
          scope.empty() && !tree.empty() ? std::optional<RegionIdx>(tree.root()) : tree.Find(scope);
      return home && at && (tree.IsInSubtree(*home, *at) || tree.IsInSubtree(*at, *home));
    });
  };

  router_.Add({"GET",
               "/api/v1/supply/plans",
               Permission::kReadSurveillance,
               "",
               {"Distribution plans that concern your region, newest first",
                "supply",
                {{"limit", "integer", "Page size, 1 to 1000 (default 100)"},
                 {"offset", "integer", "Items to skip (default 0)"}},
                "",
                "SupplyPlanPage"},
               [this, visible](RequestContext& context) {
                 const Paging& paging = context.paging;
                 auto plans = supply_.Plans();
                 if (!plans.ok()) return ErrorResponse(plans.status());
                 array items;
                 int64_t total = 0;
                 for (const store::SupplyPlanRecord& plan : *plans) {
                   if (!visible(context, plan.scope)) continue;
                   if (total++ < paging.offset) continue;
                   if (static_cast<int64_t>(items.size()) < paging.limit) {
                     items.push_back(report::SupplyPlanDocument(plan));
                   }
                 }
                 return JsonResponse(200, PageJson(std::move(items), total, paging));
               }});

  router_.Add(
      {"POST",
       "/api/v1/supply/plans",
       Permission::kWriteSupply,
       "within",
       {"Plan the distribution of medicines to the nodes under `within` (default your home "
        "region) over the days ahead: every node's need met as fully, as fairly and as early as "
        "the stock allows, without the reserve unless draw_reserve (a headquarters order). The "
        "plan is stored as proposed.",
        "supply",
        {},
        "SupplyPlanRequest",
        "SupplyPlan",
        201},
       [this](RequestContext& context) {
         auto request = ParseSupplyPlanBody(context.request.body);
         if (!request.ok()) return ErrorResponse(request.status());
         if (request->draw_reserve) {
           if (Status s = supply_api::CheckDrawReserve(context, "draw_reserve"); !s.ok()) {
             return ErrorResponse(s);
           }
         }
         context.path_params["within"] = request->within;
         Result<RegionIdx> within = ScopedRegion(surveillance_, context, "within");
         if (!within.ok()) return ErrorResponse(within.status());
         request->within = surveillance_.tree().region(*within).code;
         auto result = supply_.Plan(*request, ActorOf(context, ""));
         if (!result.ok()) return ErrorResponse(result.status());
         object document = report::SupplyPlanDocument(result->record);
         if (result->record.detail.empty()) {
           // The stored detail is the document; a plan without one is shown as it was computed.
           const object detail = report::DistributionPlanJson(
               result->plan, result->node_codes, result->medicine_codes, result->record.as_of + 1);
           for (const auto& [key, item] : detail) {
             if (!document.contains(key)) document[key] = item;
           }
           document["basis"] = result->basis;
         }
         return JsonResponse(201, document);
       },
       /*national=*/false,
       /*slow=*/true});

  router_.Add({"GET",
               "/api/v1/supply/plans/{plan}",
               Permission::kReadSurveillance,
               "",
               {"One distribution plan as it was made: shipments, every node's need, what is met "
                "and why not, the fill rate λ of each medicine, the method, and its state",
                "supply",
                {},
                "",
                "SupplyPlan"},
               [this, visible](RequestContext& context) {
                 auto id = IdParam(context, "plan");
                 if (!id.ok()) return ErrorResponse(id.status());
                 auto plan = supply_.FindPlan(*id);
                 if (!plan.ok()) return ErrorResponse(plan.status());
                 if (!visible(context, plan->scope)) {
                   return ErrorResponse(Status::Forbidden(
                       fmt::format("supply plan {} concerns {}, outside your region {}", *id,
                                   plan->scope, context.principal.region)));
                 }
                 return JsonResponse(200, report::SupplyPlanDocument(*plan));
               }});

  router_.Add(
      {"POST",
       "/api/v1/supply/plans/{plan}/adopt",
       Permission::kWriteSupply,
       "",
       {"Adopt a proposed distribution plan whose scope is in your region: its shipments are "
        "created as planned shipments, and the adopted plans of its scope and the scopes under "
        "it are superseded (their shipments not yet dispatched are cancelled), in one step; a "
        "line on the route, medicine and day of an order not yet dispatched raises that order. "
        "409 when it is not proposed, when a line would order again what has left already, and "
        "when the data changed since it was made (stale) unless confirm_stale.",
        "supply",
        {},
        "SupplyPlanAdoption",
        "SupplyPlan"},
       [this](RequestContext& context) {
         auto body = ParseAdoptBody(context.request.body);
         if (!body.ok()) return ErrorResponse(body.status());
         auto id = IdParam(context, "plan");
         if (!id.ok()) return ErrorResponse(id.status());
         auto plan = supply_.FindPlan(*id);
         if (!plan.ok()) return ErrorResponse(plan.status());
         context.path_params["scope"] = plan->scope;
         Result<RegionIdx> scope = ScopedRegion(surveillance_, context, "scope");
         if (!scope.ok()) return ErrorResponse(scope.status());
         auto outcome = supply_.Adopt(*id, body->confirm_stale, ActorOf(context, body->reason));
         if (!outcome.ok()) return ErrorResponse(outcome.status());
         auto adopted = supply_.FindPlan(*id);
         if (!adopted.ok()) return ErrorResponse(adopted.status());
         object document = report::SupplyPlanDocument(*adopted);
         document["shipment_ids"] = array(outcome->created.begin(), outcome->created.end());
         document["cancelled_shipment_ids"] =
             array(outcome->cancelled.begin(), outcome->cancelled.end());
         document["topped_up_shipment_ids"] =
             array(outcome->topped_up.begin(), outcome->topped_up.end());
         document["superseded_plans"] =
             array(outcome->superseded.begin(), outcome->superseded.end());
         return JsonResponse(200, document);
       }});

  router_.Add({"GET",
               "/api/v1/supply/production",
               Permission::kReadSurveillance,
               "",
               {"The production plan: what each factory should make each day so that the "
                "forecast national need is met on time and the reserve reaches its target, and "
                "what capacity cannot cover",
                "supply",
                {{"as_of", "date", "Day (default: the latest with data)"},
                 IntegerParam("horizon", "Days ahead, 1 to 28 (default 14)", 1, 28)},
                "",
                "ProductionPlan"},
               [this](RequestContext& context) {
                 const std::optional<Date> day = context.Day("as_of");
                 const auto horizon = static_cast<int>(context.Whole("horizon").value_or(14));
                 auto report = supply_.Production(day, horizon);
                 if (!report.ok()) return ErrorResponse(report.status());
                 const report::ProductionContext production{
                     report->as_of, report->as_of + 1,     report->horizon_days,
                     report->basis, report->factory_codes, report->medicine_codes};
                 return JsonResponse(200, report::ProductionJson(report->plan, production));
               },
               /*national=*/false,
               /*slow=*/true});
}

}  // namespace outbreak::http
