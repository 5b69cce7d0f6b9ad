#include "http/scope.hpp"

#include <map>
#include <utility>

#include <fmt/format.h>

#include "http/api_helpers.hpp"

namespace outbreak::http {

Scope::Scope(const app::SurveillanceService& surveillance, const app::SupplyService& supply,
             const app::CareService& care)
    : surveillance_(surveillance), supply_(supply), care_(care) {}

Result<std::string> Scope::OwnerRegion(const std::string& via, const std::string& code) const {
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

OwnerGate Scope::Owners() const {
  return {
      [this](const std::string& via, const std::string& code) { return OwnerRegion(via, code); },
      [this](const RequestContext& context, const std::vector<OwnerClaim>& claims) {
        return CheckOwners(context, claims);
      }};
}

Status Scope::CheckOwners(const RequestContext& context,
                          const std::vector<OwnerClaim>& claims) const {
  std::vector<std::string> unknown;
  std::vector<std::string> outside;
  // Each name is looked up once: the rows of a body name few nodes, centres or regions.
  std::map<std::pair<std::string, std::string>, Result<std::string>> regions;
  for (const OwnerClaim& claim : claims) {
    auto found = regions.find({claim.via, claim.code});
    if (found == regions.end()) {
      found =
          regions.emplace(std::make_pair(claim.via, claim.code), OwnerRegion(claim.via, claim.code))
              .first;
    }
    const Result<std::string>& region = found->second;
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

Status Scope::CheckRegionsInScope(const RequestContext& context,
                                  const std::vector<std::string>& regions) const {
  std::vector<std::string> outside;
  for (const std::string& region : regions) {
    Result<RegionIdx> idx = RegionInScope(surveillance_, context.principal, region);
    if (idx.status().code() == StatusCode::kForbidden) outside.push_back(idx.status().message());
  }
  if (outside.empty()) return Status::Ok();
  return Status(StatusCode::kForbidden, "writes for regions outside yours", std::move(outside));
}

Status Scope::CheckPlacements(const RequestContext& context,
                              const std::vector<Placement>& placements,
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

Status Scope::CheckNodesInScope(
    const RequestContext& context,
    const std::vector<std::pair<std::string, std::string>>& nodes) const {
  std::vector<OwnerClaim> claims;
  for (const auto& [where, node] : nodes) claims.push_back({where, "node", node, ""});
  return CheckOwners(context, claims);
}

}  // namespace outbreak::http
