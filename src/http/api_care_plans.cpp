// Deployment plans: propose, list, read, adopt.

#include <charconv>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "http/api.hpp"
#include "http/json_response.hpp"
#include "http/routes.hpp"
#include "report/care_render.hpp"

namespace outbreak::http {

namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

boost::json::object Document(const store::PlanRecord& plan) {
  return report::PlanDocument(plan.id, plan.status, plan.created_at, plan.created_by,
                              plan.adopted_by, plan.adopted_at, plan.detail);
}

// Reads the plan request; every error at once.
Result<app::PlanRequest> ParsePlanRequest(const std::string& body) {
  boost::system::error_code ec;
  value json = boost::json::parse(body.empty() ? std::string("{}") : body, ec);
  if (ec) return Status::InvalidArgument(fmt::format("malformed JSON: {}", ec.message()));
  if (!json.is_object()) return Status::InvalidArgument("the body must be a JSON object");
  app::PlanRequest request;
  std::vector<std::string> errors;
  auto integer = [&](const value& v, const char* key, int min, int max) -> std::optional<int> {
    if (v.is_int64() && v.as_int64() >= min && v.as_int64() <= max) {
      return static_cast<int>(v.as_int64());
    }
    errors.push_back(fmt::format("{}: {} is not a whole number from {} to {}", key,
                                 boost::json::serialize(v), min, max));
    return std::nullopt;
  };
  auto number = [&](const value& v, const char* key, double& into) {
    if (v.is_number()) {
      into = v.to_number<double>();
    } else {
      errors.push_back(fmt::format("{}: {} is not a number", key, boost::json::serialize(v)));
    }
  };
  for (const auto& [key, v] : json.as_object()) {
    if (key == "within") {
      if (v.is_string()) {
        request.within = std::string(v.as_string());
      } else {
        errors.push_back("within: must be a region code");
      }
    } else if (key == "level") {
      request.level = integer(v, "level", 1, 10);
    } else if (key == "as_of") {
      std::optional<Date> date = v.is_string() ? Date::Parse(v.as_string()) : std::nullopt;
      if (!date) errors.push_back("as_of: is not a date (expected \"YYYY-MM-DD\")");
      request.as_of = date;
    } else if (key == "horizon_days") {
      request.horizon_days = integer(v, "horizon_days", 0, 28).value_or(0);
    } else if (key == "deployment_days") {
      request.deployment_days = integer(v, "deployment_days", 1, 90);
    } else if (key == "min_retention_percent") {
      request.options.min_retention_percent =
          integer(v, "min_retention_percent", 0, 100).value_or(0);
    } else if (key == "max_travel_hours") {
      number(v, "max_travel_hours", request.options.max_travel_hours);
    } else if (key == "road_speed_kmh") {
      number(v, "road_speed_kmh", request.options.road_speed_kmh);
    } else if (key == "travel") {
      if (!v.is_array()) {
        errors.push_back("travel: must be an array of {\"from\", \"to\", \"hours\"}");
        continue;
      }
      for (size_t idx = 0; idx < v.as_array().size(); ++idx) {
        const value& leg = v.as_array()[idx];
        const object* fields = leg.if_object();
        const value* from = fields ? fields->if_contains("from") : nullptr;
        const value* to = fields ? fields->if_contains("to") : nullptr;
        const value* hours = fields ? fields->if_contains("hours") : nullptr;
        if (!from || !to || !hours || !from->is_string() || !to->is_string() ||
            !hours->is_number() || !(hours->to_number<double>() > 0)) {
          errors.push_back(fmt::format(
              "travel[{}]: must be {{\"from\": code, \"to\": code, \"hours\": > 0}}", idx));
          continue;
        }
        request.travel.push_back({std::string(from->as_string()), std::string(to->as_string()),
                                  hours->to_number<double>()});
      }
    } else {
      errors.push_back(fmt::format("{}: is not a known field", std::string(key)));
    }
  }
  if (!errors.empty()) {
    std::string message = fmt::format("{} error(s) in the plan request", errors.size());
    return Status::InvalidArgument(std::move(message), std::move(errors));
  }
  return request;
}

}  // namespace

void CareRoutes::AddPlans() {
  using access::Permission;
  // A plan concerns the callers inside its scope and those whose region holds its scope.
  auto visible = [this](const RequestContext& context, const std::string& scope) {
    return surveillance_.WithTree([&](const RegionTree& tree) {
      const std::optional<RegionIdx> home = tree.Find(context.principal.region);
      const std::optional<RegionIdx> at = tree.Find(scope);
      return home && at && (tree.IsInSubtree(*home, *at) || tree.IsInSubtree(*at, *home));
    });
  };
  auto plan_id = [](const RequestContext& context) -> Result<int64_t> {
    const std::string text = context.Param("plan");
    int64_t id = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0) {
      return Status::NotFound(fmt::format("plan \"{}\" does not exist", text));
    }
    return id;
  };

  router_.Add({"GET",
               "/api/v1/care/plans",
               Permission::kReadSurveillance,
               "",
               {"Deployment plans that concern your region, newest first",
                "care",
                {{"limit", "integer", "Page size, 1 to 1000 (default 100)"},
                 {"offset", "integer", "Items to skip (default 0)"}},
                "",
                "PlanPage"},
               [this, visible](RequestContext& context) {
                 const Paging& paging = context.paging;
                 auto plans = care_.Plans();
                 if (!plans.ok()) return ErrorResponse(plans.status());
                 array items;
                 int64_t total = 0;
                 for (const store::PlanRecord& plan : *plans) {
                   if (!visible(context, plan.scope)) continue;
                   if (total++ < paging.offset) continue;
                   if (static_cast<int64_t>(items.size()) < paging.limit) {
                     object item = Document(plan);
                     item["scope"] = plan.scope;
                     item["level"] = plan.level;
                     item["as_of"] = plan.as_of.ToString();
                     items.push_back(std::move(item));
                   }
                 }
                 return JsonResponse(200, PageJson(std::move(items), total, paging));
               }});

  router_.Add(
      {"POST",
       "/api/v1/care/plans",
       Permission::kManageCare,
       "within",
       {"Plan deployments of medical workers between the regions under `within` (default your "
        "home region) so that the worst patients-per-worker load is least, then travel; the plan "
        "is stored as proposed",
        "care",
        {},
        "PlanRequest",
        "Plan",
        201},
       [this](RequestContext& context) {
         auto request = ParsePlanRequest(context.request.body);
         if (!request.ok()) return ErrorResponse(request.status());
         context.path_params["within"] = request->within;
         Result<RegionIdx> within = ScopedRegion(surveillance_, context, "within");
         if (!within.ok()) return ErrorResponse(within.status());
         request->within = surveillance_.tree().region(*within).code;
         for (const care::TravelRow& row : request->travel) {
           if (!surveillance_.FindRegion(row.from).ok() || !surveillance_.FindRegion(row.to).ok()) {
             return ErrorResponse(Status::InvalidArgument(
                 fmt::format("travel: {} to {}: not two known regions", row.from, row.to)));
           }
         }
         const app::Actor actor{context.principal.user, "", "api", context.request.remote_address};
         auto plan = care_.Plan(*request, actor);
         if (!plan.ok()) return ErrorResponse(plan.status());
         return JsonResponse(201, Document(*plan));
       },
       /*national=*/false,
       /*slow=*/true});

  router_.Add({"GET",
               "/api/v1/care/plans/{plan}",
               Permission::kReadSurveillance,
               "",
               {"One plan as it was made: loads before and after, deployments, and its state",
                "care",
                {},
                "",
                "Plan"},
               [this, visible, plan_id](RequestContext& context) {
                 auto id = plan_id(context);
                 if (!id.ok()) return ErrorResponse(id.status());
                 auto plan = care_.FindPlan(*id);
                 if (!plan.ok()) return ErrorResponse(plan.status());
                 if (!visible(context, plan->scope)) {
                   return ErrorResponse(
                       Status::Forbidden(fmt::format("plan {} concerns {}, outside your region {}",
                                                     *id, plan->scope, context.principal.region)));
                 }
                 return JsonResponse(200, Document(*plan));
               }});

  router_.Add(
      {"POST",
       "/api/v1/care/plans/{plan}/adopt",
       Permission::kAdoptPlans,
       "",
       {"Adopt a proposed plan whose regions are all in yours: its deployments take workers from "
        "their start and return them after their end. 409, with nothing written, when the plan "
        "is not proposed or would now leave a region below its minimum of own workers. Body "
        "optional: {\"reason\": ...}",
        "care",
        {},
        "",
        "Plan"},
       [this, plan_id](RequestContext& context) {
         auto id = plan_id(context);
         if (!id.ok()) return ErrorResponse(id.status());
         std::string reason;
         if (!context.request.body.empty()) {
           boost::system::error_code ec;
           value body = boost::json::parse(context.request.body, ec);
           const value* field =
               !ec && body.is_object() ? body.as_object().if_contains("reason") : nullptr;
           if (ec || !body.is_object() || (field != nullptr && !field->is_string())) {
             return ErrorResponse(
                 Status::InvalidArgument("the body must be empty or {\"reason\": \"...\"}"));
           }
           if (field != nullptr) reason = std::string(field->as_string());
         }
         auto plan = care_.FindPlan(*id);
         if (!plan.ok()) return ErrorResponse(plan.status());
         context.path_params["scope"] = plan->scope;
         Result<RegionIdx> scope = ScopedRegion(surveillance_, context, "scope");
         if (!scope.ok()) return ErrorResponse(scope.status());
         const app::Actor actor{context.principal.user, reason, "api",
                                context.request.remote_address};
         auto adopted = care_.Adopt(*id, actor);
         if (!adopted.ok()) return ErrorResponse(adopted.status());
         return JsonResponse(200, Document(*adopted));
       }});
}

}  // namespace outbreak::http
