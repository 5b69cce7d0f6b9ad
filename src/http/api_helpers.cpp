#include <charconv>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "http/api_helpers.hpp"
#include "http/record_routes.hpp"

namespace outbreak::http {

Result<RegionIdx> RegionInScope(const app::SurveillanceService& surveillance,
                                const app::Principal& principal, const std::string& code) {
  Result<RegionIdx> target = surveillance.FindRegion(code);
  if (!target.ok()) return target.status();
  Result<RegionIdx> home = surveillance.FindRegion(principal.region);
  if (!home.ok()) {
    return Status::Forbidden(
        fmt::format("your home region \"{}\" is no longer known", principal.region));
  }
  const bool in_scope = surveillance.WithTree(
      [&](const RegionTree& tree) { return access::InScope(tree, *home, *target); });
  if (!in_scope) {
    return Status::Forbidden(
        fmt::format("region \"{}\" is outside your region \"{}\"", code, principal.region));
  }
  return *target;
}

bool IsNational(const app::SurveillanceService& surveillance, const app::Principal& principal) {
  return surveillance.WithTree([&](const RegionTree& tree) {
    return !tree.empty() && tree.region(tree.root()).code == principal.region;
  });
}

Result<RegionIdx> ScopedRegion(const app::SurveillanceService& surveillance,
                               const RequestContext& context, const std::string& param) {
  std::string code = context.Param(param);
  if (code.empty()) code = context.principal.region;
  return RegionInScope(surveillance, context.principal, code);
}

boost::json::object WriteCountsJson(const store::WriteCounts& counts) {
  return {{"added", counts.added}, {"updated", counts.updated}, {"unchanged", counts.unchanged}};
}

std::optional<HttpResponse> NotJsonBody(const RequestContext& context) {
  if (context.request.body.empty() ||
      context.request.Header("content-type").starts_with("application/json")) {
    return std::nullopt;
  }
  return ErrorResponse(415, "unsupported_media_type", "send the body as application/json");
}

Result<std::optional<Date>> DateParam(const RequestContext& context, const std::string& name) {
  const std::string text = context.Param(name);
  if (text.empty()) return std::optional<Date>();
  std::optional<Date> date = Date::Parse(text);
  if (!date) {
    return Status::InvalidArgument(
        fmt::format("{}: \"{}\" is not a date (expected YYYY-MM-DD)", name, text));
  }
  return date;
}

Result<DateRange> DateRangeParams(const RequestContext& context) {
  auto from = DateParam(context, "from");
  if (!from.ok()) return from.status();
  auto to = DateParam(context, "to");
  if (!to.ok()) return to.status();
  return DateRange{*from, *to};
}

Result<Paging> PagingParams(const RequestContext& context) {
  Paging paging;
  auto parse = [&](const char* name, int64_t min, int64_t max, int64_t& into) -> Status {
    const std::string text = context.Param(name);
    if (text.empty()) return Status::Ok();
    int64_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || value < min || value > max) {
      return Status::InvalidArgument(
          fmt::format("{}: \"{}\" must be a whole number from {} to {}", name, text, min, max));
    }
    into = value;
    return Status::Ok();
  };
  if (Status s = parse("limit", 1, 1000, paging.limit); !s.ok()) return s;
  if (Status s = parse("offset", 0, int64_t{1} << 40, paging.offset); !s.ok()) return s;
  return paging;
}

boost::json::object PageJson(boost::json::array items, int64_t total, const Paging& paging) {
  return {{"items", std::move(items)},
          {"total", total},
          {"limit", paging.limit},
          {"offset", paging.offset}};
}

}  // namespace outbreak::http
