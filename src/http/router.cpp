#include "http/router.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "http/json_response.hpp"

namespace outbreak::http {

namespace {

bool Match(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
           std::map<std::string, std::string>& params) {
  if (pattern.size() != path.size()) return false;
  for (size_t idx = 0; idx < pattern.size(); ++idx) {
    const std::string& segment = pattern[idx];
    if (segment.size() > 2 && segment.front() == '{' && segment.back() == '}') {
      if (path[idx].empty()) return false;
      params[segment.substr(1, segment.size() - 2)] = path[idx];
    } else if (segment != path[idx]) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<Date> RequestContext::Day(std::string_view name) const {
  if (auto it = days.find(name); it != days.end()) return it->second;
  return std::nullopt;
}

std::optional<int64_t> RequestContext::Whole(std::string_view name) const {
  if (auto it = wholes.find(name); it != wholes.end()) return it->second;
  return std::nullopt;
}

namespace {

// `text` as a whole number from `min` to `max`; kInvalidArgument naming `name` otherwise.
Result<int64_t> WholeWithin(const std::string& name, const std::string& text, int64_t min,
                            int64_t max) {
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < min || value > max) {
    return Status::InvalidArgument(
        fmt::format("{}: \"{}\" must be a whole number from {} to {}", name, text, min, max));
  }
  return value;
}

}  // namespace

Status ReadDeclaredParams(RequestContext& context, const std::vector<ParamDoc>& params) {
  for (const ParamDoc& param : params) {
    if (param.type != "integer" || param.max <= param.min) continue;
    const std::string text = context.Param(param.name);
    if (text.empty()) continue;
    Result<int64_t> value = WholeWithin(param.name, text, param.min, param.max);
    if (!value.ok()) return value.status();
    context.wholes[param.name] = *value;
  }
  return Status::Ok();
}

Status ReadCommonParams(RequestContext& context, const std::vector<ParamDoc>& declared) {
  for (const char* name : {"as_of", "day", "date", "from", "to"}) {
    const bool not_a_day = std::any_of(declared.begin(), declared.end(), [&](const ParamDoc& p) {
      return p.name == name && p.type != "date";
    });
    if (not_a_day) continue;
    const std::string text = context.Param(name);
    if (text.empty()) continue;
    std::optional<Date> day = Date::Parse(text);
    if (!day) {
      return Status::InvalidArgument(
          fmt::format("{}: \"{}\" is not a date (expected YYYY-MM-DD)", name, text));
    }
    context.days[name] = *day;
  }
  const std::optional<Date> from = context.Day("from");
  const std::optional<Date> to = context.Day("to");
  if (from && to && *from > *to) {
    return Status::InvalidArgument(
        fmt::format("from: {} is after to: {}", from->ToString(), to->ToString()));
  }
  auto whole = [&](const char* name, int64_t min, int64_t max, int64_t& into) -> Status {
    const std::string text = context.Param(name);
    if (text.empty()) return Status::Ok();
    Result<int64_t> value = WholeWithin(name, text, min, max);
    if (!value.ok()) return value.status();
    into = *value;
    return Status::Ok();
  };
  if (Status s = whole("limit", 1, 1000, context.paging.limit); !s.ok()) return s;
  return whole("offset", 0, int64_t{1} << 40, context.paging.offset);
}

std::string RequestContext::Param(const std::string& name) const {
  if (auto it = path_params.find(name); it != path_params.end()) return it->second;
  if (auto it = request.query.find(name); it != request.query.end()) return it->second;
  return "";
}

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> segments;
  size_t start = 1;
  while (start <= path.size()) {
    const size_t slash = path.find('/', start);
    const size_t end = slash == std::string::npos ? path.size() : slash;
    segments.push_back(path.substr(start, end - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return segments;
}

void Router::Add(Route route) {
  segments_.push_back(SplitPath(route.pattern));
  routes_.push_back(std::move(route));
}

bool Router::IsSlow(const HttpRequest& request) const {
  const std::vector<std::string> path = SplitPath(request.path);
  for (size_t route_idx = 0; route_idx < routes_.size(); ++route_idx) {
    std::map<std::string, std::string> params;
    if (routes_[route_idx].method == request.method && Match(segments_[route_idx], path, params)) {
      return routes_[route_idx].slow;
    }
  }
  return false;
}

HttpResponse Router::Dispatch(const HttpRequest& request, const Gate& gate) const {
  const std::vector<std::string> path = SplitPath(request.path);
  std::vector<std::string> allowed;
  for (size_t route_idx = 0; route_idx < routes_.size(); ++route_idx) {
    const Route& route = routes_[route_idx];
    std::map<std::string, std::string> params;
    if (!Match(segments_[route_idx], path, params)) continue;
    if (route.method != request.method) {
      allowed.push_back(route.method);
      continue;
    }
    RequestContext context{request, std::move(params), {}};
    if (route.permission) {
      Result<app::Principal> principal = gate.authenticate(request);
      if (!principal.ok()) return ErrorResponse(principal.status());
      if (principal->anonymous && *route.permission != access::Permission::kReadSurveillance) {
        return ErrorResponse(Status::Unauthorised("sign in to do this"));
      }
      if (!access::Allows(principal->role, *route.permission)) {
        return ErrorResponse(Status::Forbidden(
            fmt::format("the role {} may not {}", access::RoleName(principal->role),
                        access::PermissionName(*route.permission))));
      }
      if (route.national && !gate.is_national(*principal)) {
        return ErrorResponse(Status::Forbidden(
            fmt::format("only callers of the whole country may {} {}: your region is \"{}\"",
                        route.method, route.pattern, principal->region)));
      }
      if (!route.region_param.empty()) {
        const std::string region = context.Param(route.region_param);
        if (!region.empty()) {
          if (Status s = gate.check_region(*principal, region); !s.ok()) return ErrorResponse(s);
        }
      }
      context.principal = std::move(*principal);
    }
    // A body goes to a route that declares one only as JSON.
    if (!route.doc.request_schema.empty() && !request.body.empty() &&
        !request.Header("content-type").starts_with("application/json")) {
      return ErrorResponse(415, "unsupported_media_type", "send the body as application/json");
    }
    if (Status s = ReadCommonParams(context, route.doc.query); !s.ok()) return ErrorResponse(s);
    if (Status s = ReadDeclaredParams(context, route.doc.query); !s.ok()) return ErrorResponse(s);
    return route.handler(context);
  }
  if (!allowed.empty()) {
    HttpResponse response =
        ErrorResponse(405, "method_not_allowed",
                      fmt::format("{} is not allowed on {}", request.method, request.path));
    std::string allow;
    for (const std::string& method : allowed) allow += (allow.empty() ? "" : ", ") + method;
    response.headers.emplace_back("Allow", allow);
    return response;
  }
  return ErrorResponse(Status::NotFound(fmt::format("no such resource: {}", request.path)));
}

}  // namespace outbreak::http
