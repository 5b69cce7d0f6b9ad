#include "core/region_tree.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace outbreak {
namespace {

using Strings = std::vector<std::string>;

Region MakeRegion(std::string code, std::string parent, int64_t population) {
  Region region;
  region.code = code;
  region.name = "Name of " + code;
  region.parent = std::move(parent);
  region.population = population;
  return region;
}

// KP splits into KP-01 (the units KP-01-001 and KP-01-002) and the unit KP-02; given children
// first, so Build has to reorder.
std::vector<Region> SmallRegions() {
  return {MakeRegion("KP-01-002", "KP-01", 35), MakeRegion("KP-02", "KP", 40),
          MakeRegion("KP-01-001", "KP-01", 25), MakeRegion("KP", "", 100),
          MakeRegion("KP-01", "KP", 60)};
}

RegionTree SmallTree() {
  Result<RegionTree> tree = RegionTree::Build(SmallRegions());
  EXPECT_TRUE(tree.ok()) << tree.status().ToString();
  return std::move(tree).value();
}

RegionIdx Idx(const RegionTree& tree, std::string_view code) { return tree.Find(code).value(); }

Strings Codes(const RegionTree& tree, const std::vector<RegionIdx>& indices) {
  Strings codes;
  for (RegionIdx idx : indices) codes.push_back(tree.region(idx).code);
  return codes;
}

Strings Sorted(Strings strings) {
  std::sort(strings.begin(), strings.end());
  return strings;
}

// Lines 2, 3, ... as a CSV with a header would give them.
std::vector<int> CsvLines(size_t count) {
  std::vector<int> lines;
  for (size_t row = 0; row < count; ++row) lines.push_back(static_cast<int>(row) + 2);
  return lines;
}

Strings BuildErrors(std::vector<Region> regions, std::string_view source = "regions.csv") {
  const std::vector<int> lines = CsvLines(regions.size());
  Result<RegionTree> tree = RegionTree::Build(std::move(regions), source, lines);
  EXPECT_FALSE(tree.ok());
  if (tree.ok()) return {};
  EXPECT_EQ(tree.status().code(), StatusCode::kInvalidArgument);
  return tree.status().details();
}

TEST(RegionTree, NumbersParentsBeforeChildrenWithTheRootFirst) {
  const RegionTree tree = SmallTree();
  ASSERT_EQ(tree.size(), 5);
  EXPECT_FALSE(tree.empty());
  EXPECT_EQ(tree.root(), 0);
  EXPECT_EQ(tree.region(tree.root()).code, "KP");
  EXPECT_EQ(tree.parent(tree.root()), kNoRegion);
  for (RegionIdx idx = 1; idx < tree.size(); ++idx) {
    const RegionIdx parent = tree.parent(idx);
    ASSERT_NE(parent, kNoRegion);
    EXPECT_LT(parent, idx) << tree.region(idx).code;
    EXPECT_EQ(tree.region(parent).code, tree.region(idx).parent);
  }
}

TEST(RegionTree, KeepsEveryFieldOfTheRegions) {
  std::vector<Region> regions = SmallRegions();
  regions[3].name_local = "조선";
  regions[3].level = 0;
  regions[3].lat = 39.03;
  regions[3].lon = 125.75;
  const Region root = regions[3];
  Result<RegionTree> tree = RegionTree::Build(regions);
  ASSERT_TRUE(tree.ok());
  EXPECT_EQ(tree->region(tree->root()), root);
  EXPECT_EQ(tree->regions().size(), 5u);
}

TEST(RegionTree, ListsChildrenOfEachRegion) {
  const RegionTree tree = SmallTree();
  const std::span<const RegionIdx> root_children = tree.children(tree.root());
  EXPECT_EQ(Sorted(Codes(tree, {root_children.begin(), root_children.end()})),
            (Strings{"KP-01", "KP-02"}));
  const std::span<const RegionIdx> province = tree.children(Idx(tree, "KP-01"));
  EXPECT_EQ(Sorted(Codes(tree, {province.begin(), province.end()})),
            (Strings{"KP-01-001", "KP-01-002"}));
  EXPECT_TRUE(tree.children(Idx(tree, "KP-02")).empty());
}

TEST(RegionTree, ReportingUnitsAreTheLeaves) {
  const RegionTree tree = SmallTree();
  EXPECT_EQ(Sorted(Codes(tree, tree.leaves())), (Strings{"KP-01-001", "KP-01-002", "KP-02"}));
  EXPECT_TRUE(std::is_sorted(tree.leaves().begin(), tree.leaves().end()));
  for (RegionIdx idx = 0; idx < tree.size(); ++idx) {
    const bool listed =
        std::find(tree.leaves().begin(), tree.leaves().end(), idx) != tree.leaves().end();
    EXPECT_EQ(tree.IsLeaf(idx), listed) << tree.region(idx).code;
  }
}

TEST(RegionTree, CountsTheLeavesOfEachSubtree) {
  const RegionTree tree = SmallTree();
  EXPECT_EQ(tree.leaf_count(tree.root()), 3);
  EXPECT_EQ(tree.leaf_count(Idx(tree, "KP-01")), 2);
  EXPECT_EQ(tree.leaf_count(Idx(tree, "KP-01-001")), 1);
  EXPECT_EQ(tree.leaf_count(Idx(tree, "KP-02")), 1);
}

TEST(RegionTree, FindsRegionsByCode) {
  const RegionTree tree = SmallTree();
  for (RegionIdx idx = 0; idx < tree.size(); ++idx) {
    EXPECT_EQ(tree.Find(tree.region(idx).code), idx);
  }
  EXPECT_EQ(tree.Find("KP-03"), std::nullopt);
  EXPECT_EQ(tree.Find(""), std::nullopt);
  EXPECT_EQ(tree.Find("kp"), std::nullopt);
}

TEST(RegionTree, GivesThePathToTheRootStartingAtTheRegion) {
  const RegionTree tree = SmallTree();
  EXPECT_EQ(Codes(tree, tree.PathToRoot(Idx(tree, "KP-01-002"))),
            (Strings{"KP-01-002", "KP-01", "KP"}));
  EXPECT_EQ(Codes(tree, tree.PathToRoot(Idx(tree, "KP-02"))), (Strings{"KP-02", "KP"}));
  EXPECT_EQ(Codes(tree, tree.PathToRoot(tree.root())), (Strings{"KP"}));
}

TEST(RegionTree, TellsWhetherARegionIsInASubtree) {
  const RegionTree tree = SmallTree();
  const RegionIdx province = Idx(tree, "KP-01");
  const RegionIdx unit = Idx(tree, "KP-01-001");
  const RegionIdx other = Idx(tree, "KP-02");
  EXPECT_TRUE(tree.IsInSubtree(province, unit));
  EXPECT_TRUE(tree.IsInSubtree(province, province));
  EXPECT_FALSE(tree.IsInSubtree(province, other));
  EXPECT_FALSE(tree.IsInSubtree(unit, province));
  EXPECT_FALSE(tree.IsInSubtree(other, unit));
  for (RegionIdx idx = 0; idx < tree.size(); ++idx) {
    EXPECT_TRUE(tree.IsInSubtree(tree.root(), idx));
  }
}

TEST(RegionTree, ListsTheLeavesUnderARegion) {
  const RegionTree tree = SmallTree();
  EXPECT_EQ(Sorted(Codes(tree, tree.LeavesUnder(Idx(tree, "KP-01")))),
            (Strings{"KP-01-001", "KP-01-002"}));
  EXPECT_EQ(Codes(tree, tree.LeavesUnder(Idx(tree, "KP-02"))), (Strings{"KP-02"}));
  EXPECT_EQ(Sorted(Codes(tree, tree.LeavesUnder(tree.root()))),
            (Strings{"KP-01-001", "KP-01-002", "KP-02"}));
}

TEST(RegionTree, BuildsATreeOfOneRegion) {
  Result<RegionTree> tree = RegionTree::Build({MakeRegion("KP", "", 10)});
  ASSERT_TRUE(tree.ok());
  EXPECT_EQ(tree->size(), 1);
  EXPECT_TRUE(tree->IsLeaf(tree->root()));
  EXPECT_EQ(tree->leaves(), (std::vector<RegionIdx>{0}));
  EXPECT_TRUE(tree->warnings().empty());
}

TEST(RegionTree, HasNoWarningsWhenPopulationsAddUp) { EXPECT_TRUE(SmallTree().warnings().empty()); }

TEST(RegionTree, WarnsButBuildsWhenPopulationsDoNotAddUp) {
  std::vector<Region> regions = SmallRegions();
  regions[3].population = 99;  // KP; its children hold 60 + 40
  Result<RegionTree> tree = RegionTree::Build(std::move(regions));
  ASSERT_TRUE(tree.ok()) << tree.status().ToString();
  EXPECT_EQ(tree->warnings(),
            (Strings{"KP: population: 99 is not the sum of its children's (100)"}));
}

TEST(RegionTree, RejectsADuplicateCodeNamingBothLines) {
  std::vector<Region> regions = SmallRegions();
  regions.push_back(MakeRegion("KP-02", "KP", 1));
  EXPECT_EQ(BuildErrors(std::move(regions)),
            (Strings{"regions.csv:7: code: \"KP-02\" is a duplicate of regions.csv:3"}));
}

TEST(RegionTree, NamesInputPositionsWhenNoSourceIsGiven) {
  std::vector<Region> regions = SmallRegions();
  regions.push_back(MakeRegion("KP-02", "KP", 1));
  Result<RegionTree> tree = RegionTree::Build(std::move(regions));
  ASSERT_FALSE(tree.ok());
  EXPECT_EQ(tree.status().details(),
            (Strings{"region #6: code: \"KP-02\" is a duplicate of region #2"}));
}

TEST(RegionTree, RejectsAnEmptyCode) {
  std::vector<Region> regions = SmallRegions();
  regions.push_back(MakeRegion("", "KP", 1));
  EXPECT_EQ(BuildErrors(std::move(regions)), (Strings{"regions.csv:7: code: is empty"}));
}

TEST(RegionTree, RejectsAnUnknownParent) {
  std::vector<Region> regions = SmallRegions();
  regions.push_back(MakeRegion("KP-03", "KP-77", 1));
  EXPECT_EQ(BuildErrors(std::move(regions)),
            (Strings{"regions.csv:7: parent: unknown region \"KP-77\""}));
}

TEST(RegionTree, RejectsARegionThatIsItsOwnParent) {
  std::vector<Region> regions = SmallRegions();
  regions.push_back(MakeRegion("KP-03", "KP-03", 1));
  EXPECT_EQ(BuildErrors(std::move(regions)),
            (Strings{"regions.csv:7: parent: \"KP-03\" is the region itself"}));
}

TEST(RegionTree, RejectsTwoRoots) {
  std::vector<Region> regions = SmallRegions();
  regions.push_back(MakeRegion("KR", "", 1));
  EXPECT_EQ(BuildErrors(std::move(regions)),
            (Strings{"regions.csv:7: parent: several root regions (\"KP\" and \"KR\"); exactly "
                     "one region may have no parent"}));
}

TEST(RegionTree, RejectsNoRegionsAtAll) {
  Result<RegionTree> tree = RegionTree::Build({}, "regions.csv");
  ASSERT_FALSE(tree.ok());
  EXPECT_EQ(tree.status().details(), (Strings{"regions.csv: no regions"}));
}

TEST(RegionTree, RejectsATreeWithoutARoot) {
  // Every region has a parent, so the links must close on themselves.
  EXPECT_EQ(BuildErrors({MakeRegion("A", "B", 1), MakeRegion("B", "A", 1)}),
            (Strings{"regions.csv: parent: no root region (one region must have no parent)",
                     "regions.csv:2: parent: \"A\" is on a cycle or below one",
                     "regions.csv:3: parent: \"B\" is on a cycle or below one"}));
}

TEST(RegionTree, DoesNotCallRegionsBelowAnUnknownParentACycle) {
  std::vector<Region> regions = SmallRegions();
  regions.push_back(MakeRegion("KP-03", "KP-77", 1));
  regions.push_back(MakeRegion("KP-03-001", "KP-03", 1));
  regions.push_back(MakeRegion("KP-04", "KP-04", 1));
  regions.push_back(MakeRegion("KP-04-001", "KP-04", 1));
  EXPECT_EQ(BuildErrors(std::move(regions)),
            (Strings{"regions.csv:7: parent: unknown region \"KP-77\"",
                     "regions.csv:9: parent: \"KP-04\" is the region itself"}));
}

TEST(RegionTree, RejectsACycleHangingOffNothing) {
  std::vector<Region> regions = SmallRegions();
  regions.push_back(MakeRegion("A", "B", 1));
  regions.push_back(MakeRegion("B", "A", 1));
  regions.push_back(MakeRegion("C", "A", 1));  // below the cycle, so never reached either
  EXPECT_EQ(BuildErrors(std::move(regions)),
            (Strings{"regions.csv:7: parent: \"A\" is on a cycle or below one",
                     "regions.csv:8: parent: \"B\" is on a cycle or below one",
                     "regions.csv:9: parent: \"C\" is on a cycle or below one"}));
}

TEST(RegionTree, RejectsALongerCycle) {
  std::vector<Region> regions = SmallRegions();
  regions.push_back(MakeRegion("A", "C", 1));
  regions.push_back(MakeRegion("B", "A", 1));
  regions.push_back(MakeRegion("C", "B", 1));
  EXPECT_EQ(BuildErrors(std::move(regions)).size(), 3u);
}

TEST(RegionTree, RejectsANegativePopulation) {
  std::vector<Region> regions = SmallRegions();
  regions[1].population = -5;  // KP-02, line 3
  EXPECT_EQ(BuildErrors(std::move(regions)),
            (Strings{"regions.csv:3: population: \"-5\" is negative"}));
}

TEST(RegionTree, ReportsEveryErrorOfOneInputAtOnce) {
  std::vector<Region> regions = SmallRegions();
  regions[0].population = -1;                          // line 2
  regions.push_back(MakeRegion("KP-02", "KP", 1));     // line 7: duplicate of line 3
  regions.push_back(MakeRegion("KP-03", "KP-77", 1));  // line 8: unknown parent
  regions.push_back(MakeRegion("KP-04", "KP-04", 1));  // line 9: its own parent
  regions.push_back(MakeRegion("A", "B", 1));          // line 10: cycle
  regions.push_back(MakeRegion("B", "A", 1));          // line 11: cycle
  regions.push_back(MakeRegion("KR", "", 1));          // line 12: a second root
  const Strings errors = BuildErrors(std::move(regions));
  const Strings expected = {
      "regions.csv:2: population: \"-1\" is negative",
      "regions.csv:7: code: \"KP-02\" is a duplicate of regions.csv:3",
      "regions.csv:8: parent: unknown region \"KP-77\"",
      "regions.csv:9: parent: \"KP-04\" is the region itself",
      "regions.csv:12: parent: several root regions (\"KP\" and \"KR\"); exactly one region may "
      "have no parent",
      "regions.csv:10: parent: \"A\" is on a cycle or below one",
      "regions.csv:11: parent: \"B\" is on a cycle or below one",
  };
  EXPECT_EQ(Sorted(errors), Sorted(expected));
}

TEST(RegionTree, CountsTheErrorsInTheMessage) {
  std::vector<Region> regions = SmallRegions();
  regions.push_back(MakeRegion("KP-03", "KP-77", 1));
  regions.push_back(MakeRegion("KP-04", "KP-78", 1));
  Result<RegionTree> tree = RegionTree::Build(std::move(regions), "regions.csv", CsvLines(7));
  ASSERT_FALSE(tree.ok());
  EXPECT_EQ(tree.status().message(), "2 error(s) in the region tree");
}

}  // namespace
}  // namespace outbreak
