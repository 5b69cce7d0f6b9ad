#include "supply/supply_network.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <set>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "core/geo.hpp"

namespace outbreak::supply {

namespace {

constexpr std::array<std::pair<NodeKind, std::string_view>, 5> kKinds = {{
    {NodeKind::kFactory, "factory"},
    {NodeKind::kCentralBase, "central_base"},
    {NodeKind::kProvincialCentre, "provincial_centre"},
    {NodeKind::kCountyBase, "county_base"},
    {NodeKind::kPharmacy, "pharmacy"},
}};

// Roads wind: the road distance taken as this multiple of the great-circle distance.
constexpr double kRoadFactor = 1.3;

struct LatLon {
  double lat = 0;
  double lon = 0;
};

// A region's centroid, or for a region without one (the nation in the demo) the
// population-weighted mean of its children's.
std::optional<LatLon> Centroid(const RegionTree& tree, RegionIdx idx) {
  const Region& region = tree.region(idx);
  if (region.lat && region.lon) return LatLon{*region.lat, *region.lon};
  double weight = 0, lat = 0, lon = 0;
  for (RegionIdx child : tree.children(idx)) {
    auto point = Centroid(tree, child);
    if (!point) continue;
    const double w = std::max<double>(1, static_cast<double>(tree.region(child).population));
    weight += w;
    lat += w * point->lat;
    lon += w * point->lon;
  }
  if (weight == 0) return std::nullopt;
  return LatLon{lat / weight, lon / weight};
}

std::optional<double> Hours(const RegionTree& tree, const std::string& from, const std::string& to,
                            double road_speed_kmh) {
  auto a = tree.Find(from);
  auto b = tree.Find(to);
  if (!a || !b || road_speed_kmh <= 0) return std::nullopt;
  auto pa = Centroid(tree, *a);
  auto pb = Centroid(tree, *b);
  if (!pa || !pb) return std::nullopt;
  return kRoadFactor * GreatCircleKm(pa->lat, pa->lon, pb->lat, pb->lon) / road_speed_kmh;
}

}  // namespace

std::string_view NodeKindName(NodeKind kind) {
  for (const auto& [candidate, name] : kKinds) {
    if (candidate == kind) return name;
  }
  return "county_base";
}

std::optional<NodeKind> ParseNodeKind(std::string_view name) {
  for (const auto& [kind, candidate] : kKinds) {
    if (candidate == name) return kind;
  }
  return std::nullopt;
}

std::vector<SupplyLink> DefaultLinks(const RegionTree& tree, const std::vector<SupplyNode>& nodes,
                                     const std::vector<SupplyLink>& existing, double road_speed_kmh,
                                     int64_t daily_capacity_units) {
  std::vector<SupplyLink> out = existing;
  std::set<std::pair<std::string, std::string>> present;
  std::set<std::string> supplied;
  for (const SupplyLink& link : existing) {
    present.insert({link.from, link.to});
    supplied.insert(link.to);
  }
  auto add = [&](const SupplyNode& from, const SupplyNode& to) {
    if (!present.insert({from.code, to.code}).second) return;
    SupplyLink link;
    link.from = from.code;
    link.to = to.code;
    link.transit_hours = Hours(tree, from.region, to.region, road_speed_kmh).value_or(0);
    link.daily_capacity_units = daily_capacity_units;
    out.push_back(std::move(link));
  };
  // The nodes of each kind by region, to find the supplier up the tree.
  std::unordered_map<std::string, std::vector<const SupplyNode*>> by_region;
  for (const SupplyNode& node : nodes) by_region[node.region].push_back(&node);

  for (const SupplyNode& node : nodes) {
    if (supplied.contains(node.code) || node.kind == NodeKind::kFactory) continue;
    if (node.kind == NodeKind::kCentralBase) {
      for (const SupplyNode& factory : nodes) {
        if (factory.kind == NodeKind::kFactory) add(factory, node);
      }
      continue;
    }
    auto idx = tree.Find(node.region);
    if (!idx) continue;
    // The closest node of a higher kind on the way up (the node's own region first); among
    // several in one region, the one of the lowest higher kind (a county pharmacy draws on its
    // county base before the provincial centre), then the nearest.
    const SupplyNode* best = nullptr;
    double best_hours = std::numeric_limits<double>::infinity();
    for (RegionIdx up : tree.PathToRoot(*idx)) {
      auto found = by_region.find(tree.region(up).code);
      if (found == by_region.end()) continue;
      for (const SupplyNode* candidate : found->second) {
        if (candidate->kind >= node.kind || candidate->kind == NodeKind::kFactory) continue;
        const double hours =
            Hours(tree, candidate->region, node.region, road_speed_kmh).value_or(0);
        if (best == nullptr || candidate->kind > best->kind ||
            (candidate->kind == best->kind && hours < best_hours)) {
          best = candidate;
          best_hours = hours;
        }
      }
      if (best != nullptr) break;
    }
    if (best != nullptr) add(*best, node);
  }
  return out;
}

Status ValidateNetwork(const RegionTree& tree, const std::vector<SupplyNode>& nodes,
                       const std::vector<SupplyLink>& links) {
  std::vector<std::string> errors;
  std::set<std::string> codes;
  for (const SupplyNode& node : nodes) {
    if (node.code.empty()) errors.push_back("a node has an empty code");
    if (!codes.insert(node.code).second) {
      errors.push_back(fmt::format("node {}: the code appears twice", node.code));
    }
    if (!tree.Find(node.region)) {
      errors.push_back(
          fmt::format("node {}: region \"{}\" is not a known region", node.code, node.region));
    }
    if (node.storage_capacity_units < 0) {
      errors.push_back(fmt::format("node {}: storage capacity is negative", node.code));
    }
  }
  std::set<std::pair<std::string, std::string>> pairs;
  for (const SupplyLink& link : links) {
    const std::string name = fmt::format("link {} -> {}", link.from, link.to);
    if (!codes.contains(link.from)) errors.push_back(name + ": no node " + link.from);
    if (!codes.contains(link.to)) errors.push_back(name + ": no node " + link.to);
    if (link.from == link.to) errors.push_back(name + ": a link from a node to itself");
    if (!(link.transit_hours >= 0) || !std::isfinite(link.transit_hours)) {
      errors.push_back(name + ": transit hours must be a number >= 0");
    }
    if (link.daily_capacity_units < 0) errors.push_back(name + ": daily capacity is negative");
    if (!pairs.insert({link.from, link.to}).second) errors.push_back(name + ": listed twice");
  }
  if (errors.empty()) return Status::Ok();
  return Status::InvalidArgument(
      fmt::format("the supply network has {} error(s); nothing was saved", errors.size()),
      std::move(errors));
}

}  // namespace outbreak::supply
