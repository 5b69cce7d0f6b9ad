#pragma once
// What every fuzz target shares: the input as text, and a region tree to parse against.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/region_tree.hpp"

namespace outbreak::fuzz {

inline std::string_view Text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// KP with two provinces and a county each, populations set: the tree the CSV readers check
// region codes against.
inline const RegionTree& Tree() {
  static const RegionTree tree = [] {
    auto region = [](const char* code, const char* parent, int level, int64_t population) {
      Region out;
      out.code = code;
      out.name = code;
      out.parent = parent;
      out.level = level;
      out.population = population;
      return out;
    };
    return RegionTree::Build({region("KP", "", 0, 300), region("KP-01", "KP", 1, 200),
                              region("KP-01-001", "KP-01", 2, 200), region("KP-02", "KP", 1, 100),
                              region("KP-02-001", "KP-02", 2, 100)})
        .value();
  }();
  return tree;
}

}  // namespace outbreak::fuzz
