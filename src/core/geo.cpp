#include "core/geo.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace outbreak {

namespace {

constexpr double kEarthRadiusKm = 6371.0088;

double Radians(double degrees) { return degrees * std::numbers::pi / 180.0; }

}  // namespace

double GreatCircleKm(double lat1, double lon1, double lat2, double lon2) {
  const double dlat = Radians(lat2 - lat1);
  const double dlon = Radians(lon2 - lon1);
  const double a =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(Radians(lat1)) * std::cos(Radians(lat2)) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace outbreak
