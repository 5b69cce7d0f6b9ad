#pragma once
// Deterministic "illustrative" figures for the demo: the same on every machine and every run.

#include <cstdint>
#include <string_view>

namespace outbreak::app {

// FNV-1a: a fixed, platform-independent hash, so that the demo is the same everywhere.
inline uint64_t DemoHash(std::string_view text) {
  uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

// A factor in [low, high) that depends only on `key`.
inline double DemoSpread(std::string_view key, double low, double high) {
  return low + (high - low) * static_cast<double>(DemoHash(key) % 10'000) / 10'000.0;
}

}  // namespace outbreak::app
