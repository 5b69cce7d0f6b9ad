#include "http/api.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <thread>

#include <fmt/format.h>

#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include "http/json_response.hpp"
#include "http/openapi.hpp"

namespace outbreak::http {

Api::Api(const ApiServices& services, ApiOptions options)
    : surveillance_(services.surveillance),
      auth_(services.auth),
      changes_(services.changes),
      options_(options),
      scope_(services.surveillance, services.supply, services.care),
      access_routes_(router_, services.surveillance, services.auth),
      surveillance_routes_(router_, services.surveillance, services.analytics, services.levels),
      analytics_routes_(router_, services.surveillance, services.analytics),
      care_routes_(router_, scope_, services.surveillance, services.care),
      guidance_routes_(router_, scope_, services.surveillance, services.guidance),
      supply_routes_(router_, scope_, services.surveillance, services.supply),
      levels_routes_(router_, services.surveillance, services.levels) {
  gate_.authenticate = [this](const HttpRequest& request) { return Authenticate(request); };
  gate_.check_region = [this](const app::Principal& principal, const std::string& region) {
    return RegionInScope(surveillance_, principal, region).status();
  };
  gate_.is_national = [this](const app::Principal& principal) {
    return IsNational(surveillance_, principal);
  };
  AddDocumentRoutes();
  access_routes_.Add();
  surveillance_routes_.Add();
  analytics_routes_.Add();
  care_routes_.Add();
  guidance_routes_.Add();
  supply_routes_.Add();
  levels_routes_.Add();
  AddPageRoutes(router_);
}

std::optional<std::string> SubprotocolToken(const HttpRequest& request) {
  const std::string offered = request.Header("sec-websocket-protocol");
  size_t start = 0;
  while (start < offered.size()) {
    size_t end = offered.find(',', start);
    if (end == std::string::npos) end = offered.size();
    std::string_view item(offered.data() + start, end - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.starts_with(kBearerSubprotocol)) {
      return std::string(item.substr(kBearerSubprotocol.size()));
    }
    start = end + 1;
  }
  return std::nullopt;
}

Result<app::Principal> Api::Authenticate(const HttpRequest& request) const {
  std::string authorization = request.Header("authorization");
  if (authorization.empty()) {
    // Browsers cannot set headers on a WebSocket upgrade: the live feed takes the token from the
    // subprotocols offered ("outbreak.v1, bearer.TOKEN"), never from the query string, which
    // request logs keep.
    if (std::optional<std::string> token = SubprotocolToken(request)) {
      authorization = "Bearer " + *token;
    }
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
  if (changes_ != nullptr) {
    // A client that wrote through another server reads its own write here: it names the change
    // its write answered with, and this server first applies the log up to it.
    const std::string after = request.Header("x-outbreak-read-after");
    if (!after.empty()) {
      int64_t seq = 0;
      auto [end, ec] = std::from_chars(after.data(), after.data() + after.size(), seq);
      if (ec != std::errc() || end != after.data() + after.size() || seq < 0) {
        return ErrorResponse(Status::InvalidArgument(
            fmt::format("X-Outbreak-Read-After: \"{}\" is not a change number", after)));
      }
      if (!changes_->WaitFor(seq, kReadAfterWait)) {
        HttpResponse behind = ErrorResponse(Status::Unavailable(
            fmt::format("this server has not yet applied change {} (it is at {}); try again", seq,
                        changes_->Applied())));
        behind.headers.emplace_back("Retry-After", "1");
        return behind;
      }
    }
  }
  store::TakeCommittedChange();  // forget what this thread wrote for an earlier request
  HttpResponse response = Answer(request);
  if (changes_ != nullptr) {
    // The change this answer reflects: the write it made, or every change up to the one applied.
    const int64_t seq = std::max(store::TakeCommittedChange(), changes_->Applied());
    response.headers.emplace_back("X-Outbreak-Change", std::to_string(seq));
  }
  return response;
}

HttpResponse Api::Answer(const HttpRequest& request) const {
  auto dispatch = [this](const HttpRequest& r) { return router_.Dispatch(r, gate_); };
  const std::string key = request.Header("idempotency-key");
  // Sign-in and sign-out are never replayed: a replay would hand out a token kept in the store.
  if (key.empty() || request.method != "POST" || request.path.starts_with("/api/v1/auth/")) {
    return dispatch(request);
  }
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
  if (stored->has_value()) return Replay(**stored, request_hash);
  // The key is recorded by the request's own write, in its transaction: of two requests with it
  // at once, on one server or two, exactly one writes; one cut by a crash before its commit wrote
  // nothing and runs again when resent.
  const store::IdempotencyRecord claim{principal->user,
                                       key,
                                       request_hash,
                                       store::kIdempotencyWritten,
                                       "",
                                       app::IsoTimestamp(std::time(nullptr))};
  store::ServeRequestKey(&claim);
  HttpResponse response = dispatch(request);
  const store::RequestKeyOutcome outcome = store::TakeRequestKeyOutcome();
  if (outcome == store::RequestKeyOutcome::kTakenByAnother) {
    // Another request with this key wrote first and this one wrote nothing: its answer is this
    // one's, once it is stored.
    const auto deadline = std::chrono::steady_clock::now() + kReadAfterWait;
    while (true) {
      auto winner = auth_.FindIdempotency(principal->user, key);
      if (!winner.ok() || !winner->has_value()) return response;
      if ((*winner)->status >= 100 || std::chrono::steady_clock::now() >= deadline) {
        return Replay(**winner, request_hash);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  // The answer is kept when the request wrote, whatever its status, and when it succeeded
  // without writing; a failure that wrote nothing is not kept: the same request may succeed when
  // sent again.
  if (outcome == store::RequestKeyOutcome::kRecorded ||
      (response.status >= 200 && response.status < 300)) {
    store::IdempotencyRecord answer = claim;
    answer.status = response.status;
    answer.body = response.body;
    if (Status s = auth_.CompleteIdempotency(answer); !s.ok()) {
      spdlog::warn("the answer for the idempotency key of {} was not kept: {}", principal->user,
                   s.ToString());
    }
  }
  return response;
}

HttpResponse Api::Replay(const store::IdempotencyRecord& stored,
                         const std::string& request_hash) const {
  if (stored.request_hash != request_hash) {
    return ErrorResponse(Status::Conflict(
        "Idempotency-Key was already used for a different request; use a new key"));
  }
  if (stored.status < 100) {
    HttpResponse busy = ErrorResponse(Status::Conflict(
        "a request with this Idempotency-Key has written and is being answered, or its server "
        "stopped before answering; it is not written again: read the resource"));
    busy.headers.emplace_back("Retry-After", "1");
    return busy;
  }
  HttpResponse replay;
  replay.status = stored.status;
  replay.body = stored.body;
  replay.headers.emplace_back("Idempotent-Replayed", "true");
  return replay;
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
               "/readyz",
               std::nullopt,
               "",
               {"Readiness: 200 while the database answers, else 503 with Retry-After (a load "
                "balancer takes the server out meanwhile)",
                "service",
                {},
                "",
                "Health"},
               [this](RequestContext&) {
                 if (Status s = auth_.CheckStore(); !s.ok()) return ErrorResponse(s);
                 return JsonResponse(200, boost::json::object{{"status", "ready"}});
               }});
  router_.Add({"GET",
               "/api/v1/openapi.json",
               std::nullopt,
               "",
               {"This description of the API (OpenAPI 3)", "service", {}, "", ""},
               [this](RequestContext&) { return JsonResponse(200, BuildOpenApi(router_)); }});
}

}  // namespace outbreak::http
