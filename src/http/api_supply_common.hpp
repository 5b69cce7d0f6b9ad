#pragma once
// What the supply handlers (api_supply*.cpp) share: the actor of a request, the body's media
// type, id and whole-number parameters, and the reserve permission.

#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "access/role.hpp"
#include "app/surveillance_service.hpp"
#include "http/api.hpp"
#include "http/json_response.hpp"
#include "http/record_routes.hpp"
#include "http/router.hpp"

namespace outbreak::http::supply_api {

inline app::Actor ActorOf(const RequestContext& context, const std::string& reason) {
  return app::Actor{context.principal.user, reason, "api", context.request.remote_address};
}

// The number in the path parameter `name`; kNotFound ("shipment \"x\" does not exist") when it is
// not a positive whole number.
inline Result<int64_t> IdParam(const RequestContext& context, const char* name) {
  const std::string text = context.Param(name);
  int64_t id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0) {
    return Status::NotFound(fmt::format("{} \"{}\" does not exist", name, text));
  }
  return id;
}

// A name in a request's body that does not exist (a lot, say) makes the request bad, not the
// resource missing: kNotFound becomes kInvalidArgument, message and details kept.
inline Status InBody(const Status& status) {
  if (status.code() != StatusCode::kNotFound) return status;
  return Status::InvalidArgument(status.message(), std::vector<std::string>(status.details()));
}

// Drawing on the national reserve is a headquarters order: kForbidden for anyone else.
inline Status CheckDrawReserve(const RequestContext& context, const std::string& what) {
  if (access::Allows(context.principal.role, access::Permission::kDrawReserve)) {
    return Status::Ok();
  }
  return Status::Forbidden(
      fmt::format("{} draws on the national reserve: that needs a headquarters order (permission "
                  "draw_reserve), which the role {} does not have",
                  what, access::RoleName(context.principal.role)));
}

}  // namespace outbreak::http::supply_api
