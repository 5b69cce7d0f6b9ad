#include "http/api.hpp"

#include <ctime>

#include <boost/json.hpp>

#include "http/json_response.hpp"
#include "http/openapi.hpp"

namespace outbreak::http {

Api::Api(const ApiServices& services, ApiOptions options)
    : surveillance_(services.surveillance),
      auth_(services.auth),
      analytics_(services.analytics),
      care_(services.care),
      supply_(services.supply),
      guidance_(services.guidance),
      response_(services.response),
      options_(options) {
  AddDocumentRoutes();
  AddAccessRoutes();
  AddSurveillanceRoutes();
  AddAnalyticsRoutes();
  AddCareRoutes();
  AddGuidanceRoutes();
  AddSupplyRoutes();
  AddResponseRoutes();
  AddPageRoutes();
}

Result<app::Principal> Api::Authenticate(const HttpRequest& request) const {
  std::string authorization = request.Header("authorization");
  if (authorization.empty() && request.query.contains("access_token")) {
    // Browsers cannot set headers on a WebSocket upgrade; the live feed takes the token here.
    authorization = "Bearer " + request.query.at("access_token");
  }
  if (authorization.empty()) {
    if (options_.demo_read_only) {
      const std::string root = surveillance_.WithTree([](const RegionTree& tree) {
        return tree.empty() ? std::string() : tree.region(tree.root()).code;
      });
      return app::Principal{"anonymous", access::Role::kViewer, root, true};
    }
    return Status::Unauthorised("sign in: send Authorization: Bearer <token>");
  }
  constexpr std::string_view kBearer = "Bearer ";
  if (!authorization.starts_with(kBearer)) {
    return Status::Unauthorised("the Authorization header must be \"Bearer <token>\"");
  }
  return auth_.Authenticate(authorization.substr(kBearer.size()));
}

HttpResponse Api::Handle(const HttpRequest& request) const {
  auto dispatch = [this](const HttpRequest& r) {
    return router_.Dispatch(r, [this](const HttpRequest& each) { return Authenticate(each); });
  };
  const std::string key = request.Header("idempotency-key");
  if (key.empty() || request.method != "POST") return dispatch(request);
  if (key.size() > 200) {
    return ErrorResponse(Status::InvalidArgument("Idempotency-Key: longer than 200 characters"));
  }
  // A resend with the same key gets the first answer; the key is the caller's own.
  Result<app::Principal> principal = Authenticate(request);
  if (!principal.ok() || principal->anonymous) return dispatch(request);
  const std::string request_hash =
      app::AuthService::Hash(request.method + " " + request.path + "\n" + request.body);
  auto stored = auth_.FindIdempotency(principal->user, key);
  if (!stored.ok()) return ErrorResponse(stored.status());
  if (stored->has_value()) {
    if ((*stored)->request_hash != request_hash) {
      return ErrorResponse(Status::Conflict(
          "Idempotency-Key was already used for a different request; use a new key"));
    }
    HttpResponse replay;
    replay.status = (*stored)->status;
    replay.body = (*stored)->body;
    replay.headers.emplace_back("Idempotent-Replayed", "true");
    return replay;
  }
  HttpResponse response = dispatch(request);
  if (response.status >= 200 && response.status < 300) {
    // A concurrent resend may have saved first; the data is the same either way.
    (void)auth_.SaveIdempotency({principal->user, key, request_hash, response.status, response.body,
                                 app::IsoTimestamp(std::time(nullptr))});
  }
  return response;
}

void Api::AddDocumentRoutes() {
  router_.Add({"GET",
               "/healthz",
               std::nullopt,
               "",
               {"Liveness: answers while the server runs", "service", {}, "", "Health"},
               [](RequestContext&) {
                 return JsonResponse(200, boost::json::object{{"status", "ok"}});
               }});
  router_.Add({"GET",
               "/api/v1/openapi.json",
               std::nullopt,
               "",
               {"This description of the API (OpenAPI 3)", "service", {}, "", ""},
               [this](RequestContext&) { return JsonResponse(200, BuildOpenApi(router_)); }});
}

}  // namespace outbreak::http
