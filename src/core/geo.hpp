#pragma once
// Distances on the Earth's surface between region centroids.

namespace outbreak {

// Great-circle distance (haversine, mean Earth radius 6,371 km), kilometres.
double GreatCircleKm(double lat1, double lon1, double lat2, double lon2);

}  // namespace outbreak
