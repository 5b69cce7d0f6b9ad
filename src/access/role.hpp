#pragma once
// Roles and what each may do. A user has one role and one home region; every permission applies
// only inside the subtree of that region (the clerk of KP-04-003 acts for KP-04-003 alone, a
// province officer for his province, the headquarters for the nation).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/region_tree.hpp"

namespace outbreak::access {

enum class Role {
  kAdmin,
  kHeadquarters,
  kProvinceOfficer,
  kCountyClerk,
  kSupplyOfficer,
  kTreatmentCentre,
  kGuidanceTeam,
  kViewer,
};

enum class Permission {
  kReadSurveillance,  // regions, reports, situation report, series, completeness, findings
  kWriteReports,      // file and correct daily reports
  kReadAudit,         // the audit trail
  kManageUsers,       // add, disable and revoke users
  kWriteCensus,       // record the census of the treatment centres in one's region
  kManageCare,        // treatment centres, workforce counts, and proposing deployment plans
  kAdoptPlans,        // adopt deployment plans: move workers between regions
  kManageSupply,      // the medicine catalogue, treatment protocols and the supply network
  kWriteSupply,       // stock ledger entries, shipments and distribution plans in one's region
  kDrawReserve,       // move or issue stock of the national reserve (a headquarters order)
  kManageGuidance,    // the roster of officials, forming guidance teams, survey checklists
  kWriteGuidance,     // record a guidance team's visits and findings in its areas
  kDecideLevels,      // prevention level rules, decisions on proposed levels, action programmes
  kUpdateTasks,       // mark the tasks of an action programme done in one's region
};

// "admin", "headquarters", "province_officer", "county_clerk", "supply_officer",
// "treatment_centre", "guidance_team", "viewer"
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);
const std::vector<Role>& AllRoles();
std::string_view PermissionName(Permission permission);
const std::vector<Permission>& AllPermissions();

// Whether the role carries the permission at all (the region scope is checked separately).
bool Allows(Role role, Permission permission);

// Whether `granted` carries no permission that `own` lacks: an admin may give a role no higher
// than its own.
bool RoleWithin(Role granted, Role own);

// Whether a user whose home region is `home` may act on `target`: target is home or below it.
bool InScope(const RegionTree& tree, RegionIdx home, RegionIdx target);

}  // namespace outbreak::access
