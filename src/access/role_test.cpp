#include "access/role.hpp"

#include <set>

#include <gtest/gtest.h>

namespace outbreak::access {
namespace {

RegionTree Tree() {
  return *RegionTree::Build({{"KP", "Nation", "", "", 0, 3},
                             {"KP-01", "P1", "", "KP", 1, 2},
                             {"KP-01-001", "C1", "", "KP-01", 2, 1},
                             {"KP-01-002", "C2", "", "KP-01", 2, 1},
                             {"KP-02", "P2", "", "KP", 1, 1}});
}

TEST(Role, NamesRoundTrip) {
  for (Role role : AllRoles()) EXPECT_EQ(ParseRole(RoleName(role)), role);
  EXPECT_FALSE(ParseRole("superuser").has_value());
}

TEST(Role, OnlyReportingRolesWriteReports) {
  EXPECT_TRUE(Allows(Role::kCountyClerk, Permission::kWriteReports));
  EXPECT_TRUE(Allows(Role::kProvinceOfficer, Permission::kWriteReports));
  EXPECT_FALSE(Allows(Role::kViewer, Permission::kWriteReports));
  EXPECT_FALSE(Allows(Role::kSupplyOfficer, Permission::kWriteReports));
  EXPECT_FALSE(Allows(Role::kGuidanceTeam, Permission::kWriteReports));
}

TEST(Role, OnlyAdminsAndHeadquartersReadTheAudit) {
  for (Role role : AllRoles()) {
    EXPECT_EQ(Allows(role, Permission::kReadAudit),
              role == Role::kAdmin || role == Role::kHeadquarters);
  }
}

TEST(Role, TreatmentCentresWriteTheCensusAndOnlyTheHeadquartersAdoptPlans) {
  for (Role role : AllRoles()) {
    EXPECT_EQ(Allows(role, Permission::kWriteCensus),
              role == Role::kAdmin || role == Role::kHeadquarters || role == Role::kTreatmentCentre)
        << RoleName(role);
    EXPECT_EQ(Allows(role, Permission::kManageCare),
              role == Role::kAdmin || role == Role::kHeadquarters || role == Role::kProvinceOfficer)
        << RoleName(role);
    EXPECT_EQ(Allows(role, Permission::kAdoptPlans),
              role == Role::kAdmin || role == Role::kHeadquarters)
        << RoleName(role);
  }
  EXPECT_FALSE(Allows(Role::kTreatmentCentre, Permission::kWriteReports));
}

TEST(Role, SupplyOfficersMoveStockButOnlyTheHeadquartersTouchesTheReserve) {
  for (Role role : AllRoles()) {
    const bool headquarters = role == Role::kAdmin || role == Role::kHeadquarters;
    EXPECT_EQ(Allows(role, Permission::kWriteSupply), headquarters || role == Role::kSupplyOfficer)
        << RoleName(role);
    EXPECT_EQ(Allows(role, Permission::kDrawReserve), headquarters) << RoleName(role);
    EXPECT_EQ(Allows(role, Permission::kManageSupply), headquarters) << RoleName(role);
  }
}

TEST(Role, GuidanceTeamsRecordVisitsAndTheHeadquartersDecidesLevels) {
  for (Role role : AllRoles()) {
    const bool headquarters = role == Role::kAdmin || role == Role::kHeadquarters;
    EXPECT_EQ(Allows(role, Permission::kWriteGuidance), headquarters || role == Role::kGuidanceTeam)
        << RoleName(role);
    EXPECT_EQ(Allows(role, Permission::kManageGuidance), headquarters) << RoleName(role);
    EXPECT_EQ(Allows(role, Permission::kDecideLevels), headquarters) << RoleName(role);
    EXPECT_EQ(Allows(role, Permission::kUpdateTasks),
              headquarters || role == Role::kProvinceOfficer || role == Role::kCountyClerk)
        << RoleName(role);
  }
}

TEST(Role, PermissionNamesAreDistinct) {
  std::set<std::string_view> names;
  for (Permission permission : AllPermissions()) names.insert(PermissionName(permission));
  EXPECT_EQ(names.size(), AllPermissions().size());
  EXPECT_FALSE(names.contains("unknown"));
}

TEST(Role, ScopeIsTheHomeRegionsSubtree) {
  const RegionTree tree = Tree();
  const RegionIdx p1 = *tree.Find("KP-01");
  const RegionIdx c1 = *tree.Find("KP-01-001");
  const RegionIdx c2 = *tree.Find("KP-01-002");
  const RegionIdx p2 = *tree.Find("KP-02");
  EXPECT_TRUE(InScope(tree, p1, c1));
  EXPECT_TRUE(InScope(tree, c1, c1));
  EXPECT_FALSE(InScope(tree, c1, c2));
  EXPECT_FALSE(InScope(tree, c1, p1));
  EXPECT_FALSE(InScope(tree, p1, p2));
  EXPECT_TRUE(InScope(tree, tree.root(), p2));
  EXPECT_FALSE(InScope(tree, kNoRegion, p2));
}

}  // namespace
}  // namespace outbreak::access
