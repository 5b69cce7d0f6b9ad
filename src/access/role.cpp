#include "access/role.hpp"

#include <array>
#include <utility>

namespace outbreak::access {

namespace {

constexpr std::array<std::pair<Role, std::string_view>, 8> kRoleNames = {{
    {Role::kAdmin, "admin"},
    {Role::kHeadquarters, "headquarters"},
    {Role::kProvinceOfficer, "province_officer"},
    {Role::kCountyClerk, "county_clerk"},
    {Role::kSupplyOfficer, "supply_officer"},
    {Role::kTreatmentCentre, "treatment_centre"},
    {Role::kGuidanceTeam, "guidance_team"},
    {Role::kViewer, "viewer"},
}};

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [candidate, name] : kRoleNames) {
    if (candidate == role) return name;
  }
  return "viewer";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [role, candidate] : kRoleNames) {
    if (candidate == name) return role;
  }
  return std::nullopt;
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> roles = [] {
    std::vector<Role> out;
    for (const auto& [role, name] : kRoleNames) out.push_back(role);
    return out;
  }();
  return roles;
}

std::string_view PermissionName(Permission permission) {
  switch (permission) {
    case Permission::kReadSurveillance:
      return "read_surveillance";
    case Permission::kWriteReports:
      return "write_reports";
    case Permission::kReadAudit:
      return "read_audit";
    case Permission::kManageUsers:
      return "manage_users";
    case Permission::kWriteCensus:
      return "write_census";
    case Permission::kManageCare:
      return "manage_care";
    case Permission::kAdoptPlans:
      return "adopt_plans";
    case Permission::kManageSupply:
      return "manage_supply";
    case Permission::kWriteSupply:
      return "write_supply";
    case Permission::kDrawReserve:
      return "draw_reserve";
    case Permission::kManageGuidance:
      return "manage_guidance";
    case Permission::kWriteGuidance:
      return "write_guidance";
    case Permission::kDecideLevels:
      return "decide_levels";
    case Permission::kUpdateTasks:
      return "update_tasks";
  }
  return "unknown";
}

const std::vector<Permission>& AllPermissions() {
  static const std::vector<Permission> permissions = {
      Permission::kReadSurveillance, Permission::kWriteReports,   Permission::kReadAudit,
      Permission::kManageUsers,      Permission::kWriteCensus,    Permission::kManageCare,
      Permission::kAdoptPlans,       Permission::kManageSupply,   Permission::kWriteSupply,
      Permission::kDrawReserve,      Permission::kManageGuidance, Permission::kWriteGuidance,
      Permission::kDecideLevels,     Permission::kUpdateTasks};
  return permissions;
}

bool Allows(Role role, Permission permission) {
  switch (permission) {
    case Permission::kReadSurveillance:
      return true;  // every role reads the surveillance data of its own region
    case Permission::kWriteReports:
      return role == Role::kAdmin || role == Role::kHeadquarters ||
             role == Role::kProvinceOfficer || role == Role::kCountyClerk;
    case Permission::kReadAudit:
      return role == Role::kAdmin || role == Role::kHeadquarters;
    case Permission::kManageUsers:
      return role == Role::kAdmin;
    case Permission::kWriteCensus:
      return role == Role::kAdmin || role == Role::kHeadquarters || role == Role::kTreatmentCentre;
    case Permission::kManageCare:
      return role == Role::kAdmin || role == Role::kHeadquarters || role == Role::kProvinceOfficer;
    case Permission::kAdoptPlans:
    case Permission::kManageSupply:
    case Permission::kDrawReserve:
    case Permission::kManageGuidance:
    case Permission::kDecideLevels:
      return role == Role::kAdmin || role == Role::kHeadquarters;
    case Permission::kWriteSupply:
      return role == Role::kAdmin || role == Role::kHeadquarters || role == Role::kSupplyOfficer;
    case Permission::kWriteGuidance:
      return role == Role::kAdmin || role == Role::kHeadquarters || role == Role::kGuidanceTeam;
    case Permission::kUpdateTasks:
      return role == Role::kAdmin || role == Role::kHeadquarters ||
             role == Role::kProvinceOfficer || role == Role::kCountyClerk;
  }
  return false;
}

bool RoleWithin(Role granted, Role own) {
  for (Permission permission : AllPermissions()) {
    if (Allows(granted, permission) && !Allows(own, permission)) return false;
  }
  return true;
}

bool InScope(const RegionTree& tree, RegionIdx home, RegionIdx target) {
  return home != kNoRegion && target != kNoRegion && tree.IsInSubtree(home, target);
}

}  // namespace outbreak::access
