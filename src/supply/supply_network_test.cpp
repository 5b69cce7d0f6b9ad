#include "supply/supply_network.hpp"

#include <algorithm>

#include <gtest/gtest.h>

namespace outbreak::supply {
namespace {

RegionTree Tree() {
  return *RegionTree::Build({{"KP", "Nation", "", "", 0, 30, 39.0, 125.7},
                             {"KP-01", "P1", "", "KP", 1, 20, 39.0, 125.7},
                             {"KP-01-001", "C1", "", "KP-01", 2, 10, 39.1, 125.8},
                             {"KP-01-002", "C2", "", "KP-01", 2, 10, 39.3, 125.6},
                             {"KP-02", "P2", "", "KP", 1, 10, 40.0, 127.5}});
}

std::vector<SupplyNode> Nodes() {
  return {{"F1", "Factory", NodeKind::kFactory, "KP-01-001", 0},
          {"CB", "Central base", NodeKind::kCentralBase, "KP", 0},
          {"PC-01", "Centre 1", NodeKind::kProvincialCentre, "KP-01", 0},
          {"PC-02", "Centre 2", NodeKind::kProvincialCentre, "KP-02", 0},
          {"CO-001", "County 1", NodeKind::kCountyBase, "KP-01-001", 0},
          {"PH-001", "Pharmacy 1", NodeKind::kPharmacy, "KP-01-001", 0},
          {"CO-002", "County 2", NodeKind::kCountyBase, "KP-01-002", 0}};
}

bool Has(const std::vector<SupplyLink>& links, const std::string& from, const std::string& to) {
  return std::any_of(links.begin(), links.end(),
                     [&](const SupplyLink& l) { return l.from == from && l.to == to; });
}

TEST(SupplyNetwork, BuildsTheDefaultHierarchy) {
  const RegionTree tree = Tree();
  auto links = DefaultLinks(tree, Nodes(), {});
  EXPECT_TRUE(Has(links, "F1", "CB"));
  EXPECT_TRUE(Has(links, "CB", "PC-01"));
  EXPECT_TRUE(Has(links, "CB", "PC-02"));
  EXPECT_TRUE(Has(links, "PC-01", "CO-001"));
  EXPECT_TRUE(Has(links, "PC-01", "CO-002"));
  EXPECT_TRUE(Has(links, "CO-001", "PH-001"));
  EXPECT_EQ(links.size(), 6u);
  for (const SupplyLink& link : links) EXPECT_GE(link.transit_hours, 0);
  EXPECT_TRUE(ValidateNetwork(tree, Nodes(), links).ok());
}

TEST(SupplyNetwork, KeepsGivenLinksAndAddsLateralOnes) {
  const RegionTree tree = Tree();
  std::vector<SupplyLink> given = {{"PC-02", "CO-002", 9, 100}, {"CO-001", "CO-002", 1, 50}};
  auto links = DefaultLinks(tree, Nodes(), given);
  EXPECT_FALSE(Has(links, "PC-01", "CO-002"));  // already supplied by a given link
  EXPECT_TRUE(Has(links, "CO-001", "CO-002"));
}

TEST(SupplyNetwork, ValidationListsEveryMistake) {
  std::vector<SupplyNode> nodes = Nodes();
  nodes.push_back({"CB", "Again", NodeKind::kCentralBase, "KP-99", -1});
  std::vector<SupplyLink> links = {{"CB", "NOPE", -1, -5}, {"CB", "CB", 1, 0}};
  Status status = ValidateNetwork(Tree(), nodes, links);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.details().size(), 7u) << status.message();
}

}  // namespace
}  // namespace outbreak::supply
