#pragma once
// The supply network: factories, the central medicine base, provincial supply centres, county
// supply bases and pharmacies, each attached to a region, and the links medicines travel along.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/region_tree.hpp"
#include "core/status.hpp"

namespace outbreak::supply {

// Ordered from the source of medicines towards the patients.
enum class NodeKind {
  kFactory,
  kCentralBase,       // the central medicine base (the national reserve lives here)
  kProvincialCentre,  // a province's medicine supply centre
  kCountyBase,        // a city, county or district supply base
  kPharmacy,          // a pharmacy or clinic that issues to patients
};

struct SupplyNode {
  std::string code;  // stable, e.g. "CB-KP", "PC-KP-04", "CO-KP-04-003"
  std::string name;
  NodeKind kind = NodeKind::kCountyBase;
  std::string region;                  // region code the node serves
  int64_t storage_capacity_units = 0;  // all medicines together; 0 = not limited
};

struct SupplyLink {
  std::string from;  // node code
  std::string to;    // node code
  double transit_hours = 0;
  int64_t daily_capacity_units = 0;  // all medicines together; 0 = not limited
};

// The stock of a medicine a node keeps as national reserve: only a headquarters order takes it.
struct NodeReserveFloor {
  std::string node;
  std::string medicine;
  int64_t units = 0;
};

// What a factory can make of a medicine each day.
struct FactoryCapacity {
  std::string node;
  std::string medicine;
  int64_t units_per_day = 0;
};

std::string_view NodeKindName(NodeKind kind);
std::optional<NodeKind> ParseNodeKind(std::string_view name);

// The default hierarchy for nodes that have no link into them yet: each node is supplied by the
// nearest node of a higher kind whose region is its own region or an ancestor of it (a county
// base by its province's centre, a province's centre by the central base, the central base by
// every factory). Transit hours come from the centroids (road distance taken as 1.3 times the
// great-circle distance at `road_speed_kmh`); `daily_capacity_units` is given to every link made.
// Links already in `existing` are kept and not duplicated.
std::vector<SupplyLink> DefaultLinks(const RegionTree& tree, const std::vector<SupplyNode>& nodes,
                                     const std::vector<SupplyLink>& existing,
                                     double road_speed_kmh = 40, int64_t daily_capacity_units = 0);

// Checks a whole network: unique codes, known regions, links between known nodes, no link from
// a node to itself, non-negative hours and capacities. Every mistake is listed.
Status ValidateNetwork(const RegionTree& tree, const std::vector<SupplyNode>& nodes,
                       const std::vector<SupplyLink>& links);

}  // namespace outbreak::supply
