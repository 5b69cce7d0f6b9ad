#pragma once
// RegionTree: the validated administrative tree. Regions are numbered 0..size()-1 so that a
// parent always comes before its children (index 0 is the root); engines use these indices as
// array offsets. Reporting units are the leaves.
//
// Immutable once built, so safe to share between threads.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/region.hpp"
#include "core/status.hpp"

namespace outbreak {

using RegionIdx = int32_t;
inline constexpr RegionIdx kNoRegion = -1;

class RegionTree {
 public:
  RegionTree() = default;

  // Validates and builds the tree. Errors (all of them, at once): duplicate codes, unknown
  // parents, no root or several roots, cycles, negative populations. `source` and `lines` name
  // where each region came from (file name and line per input row) for the messages; both may be
  // empty. Population mismatches between a parent and the sum of its children are warnings.
  static Result<RegionTree> Build(std::vector<Region> regions, std::string_view source = {},
                                  const std::vector<int>& lines = {});

  int size() const { return static_cast<int>(regions_.size()); }
  bool empty() const { return regions_.empty(); }
  RegionIdx root() const { return 0; }
  const Region& region(RegionIdx idx) const { return regions_[idx]; }
  const std::vector<Region>& regions() const { return regions_; }
  std::optional<RegionIdx> Find(std::string_view code) const;

  RegionIdx parent(RegionIdx idx) const { return parents_[idx]; }
  std::span<const RegionIdx> children(RegionIdx idx) const { return children_[idx]; }
  bool IsLeaf(RegionIdx idx) const { return children_[idx].empty(); }
  // Number of reporting units (leaves) in the subtree of idx, idx included.
  int leaf_count(RegionIdx idx) const { return leaf_counts_[idx]; }
  const std::vector<RegionIdx>& leaves() const { return leaves_; }
  std::vector<RegionIdx> LeavesUnder(RegionIdx idx) const;
  bool IsInSubtree(RegionIdx ancestor, RegionIdx idx) const;
  // The path from idx up to the root, idx first.
  std::vector<RegionIdx> PathToRoot(RegionIdx idx) const;

  // Non-fatal findings of Build (population mismatches).
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  std::vector<Region> regions_;
  std::vector<RegionIdx> parents_;
  std::vector<std::vector<RegionIdx>> children_;
  std::vector<int> leaf_counts_;
  std::vector<RegionIdx> leaves_;
  std::unordered_map<std::string, RegionIdx> index_;
  std::vector<std::string> warnings_;
};

}  // namespace outbreak
