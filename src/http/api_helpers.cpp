#include <charconv>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "http/api.hpp"
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

Result<std::string> Api::OwnerRegion(const std::string& via, const std::string& code) const {
  if (via == "node") return supply_.NodeRegion(code);
  if (via == "centre") {
    Result<care::TreatmentCentre> centre = care_.FindCentre(code);
    if (!centre.ok()) return centre.status();
    return centre->region;
  }
  if (!surveillance_.FindRegion(code).ok()) {
    return Status::NotFound(fmt::format("no region \"{}\"", code));
  }
  return code;
}

std::string UnknownOwner(const std::string& via, const std::string& code) {
  return fmt::format("\"{}\" is not a known {}", code,
                     via == "node"     ? "supply node"
                     : via == "centre" ? "treatment centre"
                                       : "region");
}

OwnerGate Api::Owners() const {
  return {
      [this](const std::string& via, const std::string& code) { return OwnerRegion(via, code); },
      [this](const RequestContext& context, const std::vector<OwnerClaim>& claims) {
        return CheckOwners(context, claims);
      }};
}

Status Api::CheckOwners(const RequestContext& context,
                        const std::vector<OwnerClaim>& claims) const {
  std::vector<std::string> unknown;
  std::vector<std::string> outside;
  for (const OwnerClaim& claim : claims) {
    Result<std::string> region = OwnerRegion(claim.via, claim.code);
    if (!region.ok()) {
      if (region.status().code() != StatusCode::kNotFound) return region.status();
      unknown.push_back(claim.where + ": " + UnknownOwner(claim.via, claim.code));
      continue;
    }
    Result<RegionIdx> idx = RegionInScope(surveillance_, context.principal, *region);
    if (idx.status().code() == StatusCode::kNotFound) {
      unknown.push_back(fmt::format("{}: \"{}\" is not a known region", claim.where, *region));
    } else if (idx.status().code() == StatusCode::kForbidden) {
      outside.push_back(claim.via.empty()
                            ? fmt::format("{}: {}", claim.where, idx.status().message())
                            : fmt::format("{}: {} serves {}, outside your region {}", claim.where,
                                          claim.code, *region, context.principal.region));
    }
    if (!claim.region_now.empty() &&
        RegionInScope(surveillance_, context.principal, claim.region_now).status().code() ==
            StatusCode::kForbidden) {
      outside.push_back(
          fmt::format("{}: the record of this key belongs to region \"{}\", outside your region "
                      "\"{}\"",
                      claim.where, claim.region_now, context.principal.region));
    }
  }
  if (!unknown.empty()) {
    std::string message = fmt::format("{} unknown name(s); nothing was written", unknown.size());
    return Status::InvalidArgument(std::move(message), std::move(unknown));
  }
  if (outside.empty()) return Status::Ok();
  return Status(StatusCode::kForbidden,
                "writes for records outside your region; nothing was written", std::move(outside));
}

Status Api::CheckRegionsInScope(const RequestContext& context,
                                const std::vector<std::string>& regions) const {
  std::vector<std::string> outside;
  for (const std::string& region : regions) {
    Result<RegionIdx> idx = RegionInScope(surveillance_, context.principal, region);
    if (idx.status().code() == StatusCode::kForbidden) outside.push_back(idx.status().message());
  }
  if (outside.empty()) return Status::Ok();
  return Status(StatusCode::kForbidden, "writes for regions outside yours", std::move(outside));
}

Status Api::CheckPlacements(const RequestContext& context, const std::vector<Placement>& placements,
                            const CurrentRegion& current_region) const {
  std::vector<std::string> outside;
  for (const Placement& placement : placements) {
    Result<RegionIdx> target = RegionInScope(surveillance_, context.principal, placement.region);
    if (target.status().code() == StatusCode::kForbidden) {
      outside.push_back(fmt::format("{}.region: {}", placement.where, target.status().message()));
    }
    if (placement.code.empty()) continue;
    Result<std::string> now = current_region(placement.code);
    if (!now.ok()) {
      if (now.status().code() == StatusCode::kNotFound) continue;  // a new record
      return now.status();
    }
    if (*now == placement.region) continue;
    Result<RegionIdx> source = RegionInScope(surveillance_, context.principal, *now);
    if (source.status().code() == StatusCode::kForbidden) {
      outside.push_back(
          fmt::format("{}.code: \"{}\" belongs to region \"{}\", outside your "
                      "region \"{}\"",
                      placement.where, placement.code, *now, context.principal.region));
    }
  }
  if (outside.empty()) return Status::Ok();
  return Status(StatusCode::kForbidden,
                "writes for records outside your region; nothing was written", std::move(outside));
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
