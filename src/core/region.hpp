#pragma once
// A region of the administrative tree: nation, province or special city, city/county/district,
// city district or facility. Codes are stable strings such as "KP", "KP-01", "KP-01-003".

#include <cstdint>
#include <optional>
#include <string>

namespace outbreak {

struct Region {
  std::string code;           // stable identifier, unique in the tree
  std::string name;           // English name
  std::string name_local;     // name in the local script (UTF-8), may be empty
  std::string parent;         // parent's code; empty for the root
  int level = 0;              // 0 = nation, 1 = province, 2 = city/county, 3 = city district ...
  int64_t population = 0;     // persons
  std::optional<double> lat;  // centroid, degrees north
  std::optional<double> lon;  // centroid, degrees east

  bool operator==(const Region&) const = default;
};

}  // namespace outbreak
