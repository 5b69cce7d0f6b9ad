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

boost::json::object PageJson(boost::json::array items, int64_t total, const Paging& paging) {
  return {{"items", std::move(items)},
          {"total", total},
          {"limit", paging.limit},
          {"offset", paging.offset}};
}

}  // namespace outbreak::http
