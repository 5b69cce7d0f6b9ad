#pragma once
// Scope: the checks that keep a write inside its caller's region, shared by every capability's
// routes. The router checks the region a route names in its path or query; these check what a
// body names: the owners of table rows (record/record.hpp, record_routes.hpp), records placed by
// code, regions and supply nodes. Each refusal names where in the body it is.
//
// Thread-safe: it only reads the services it is given, which must outlive it.

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "app/care_service.hpp"
#include "app/supply_service.hpp"
#include "app/surveillance_service.hpp"
#include "core/status.hpp"
#include "http/record_routes.hpp"
#include "http/router.hpp"

namespace outbreak::http {

class Scope {
 public:
  Scope(const app::SurveillanceService& surveillance, const app::SupplyService& supply,
        const app::CareService& care);

  // Every owner of every row of a table write known and in the caller's region, and every row
  // that moves from another region moved from inside it: kInvalidArgument for unknown names,
  // kForbidden for the rest, each named.
  Status CheckOwners(const RequestContext& context, const std::vector<OwnerClaim>& claims) const;
  // The region of an owner named by `code` (record::Owner::via: a region itself, a supply node, a
  // treatment centre); kNotFound when it names nothing known.
  Result<std::string> OwnerRegion(const std::string& via, const std::string& code) const;
  // Both, for AddTableRoutes.
  OwnerGate Owners() const;

  // kForbidden, naming each, when a write touches regions outside the caller's.
  Status CheckRegionsInScope(const RequestContext& context,
                             const std::vector<std::string>& regions) const;
  // A supply write that names an unknown node (kInvalidArgument) or a node outside the caller's
  // region (kForbidden), each named. `nodes` holds (where, node code) pairs.
  Status CheckNodesInScope(const RequestContext& context,
                           const std::vector<std::pair<std::string, std::string>>& nodes) const;

  // A record written by code (an upsert) lands in `region`; when a record of that code exists it
  // is in the region `current_region` returns (kNotFound: no such record yet). The caller needs
  // rights over both: writing a record of a sibling region, or moving one into or out of the
  // caller's subtree, is kForbidden, each named by `where`.
  struct Placement {
    std::string where;   // "centres[2]"
    std::string code;    // the record's code
    std::string region;  // the region the write puts it in
  };
  using CurrentRegion = std::function<Result<std::string>(const std::string& code)>;
  Status CheckPlacements(const RequestContext& context, const std::vector<Placement>& placements,
                         const CurrentRegion& current_region) const;

 private:
  const app::SurveillanceService& surveillance_;
  const app::SupplyService& supply_;
  const app::CareService& care_;
};

}  // namespace outbreak::http
