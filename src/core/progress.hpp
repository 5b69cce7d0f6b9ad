#pragma once
// Progress of a long operation, reported by the engine and drawn by whoever called it.

#include <cstdint>
#include <functional>
#include <string_view>

namespace outbreak {

// Called now and then with the phase ("parse", "write", ...), the work done and the total
// (0 when unknown). May be empty.
using ProgressFn = std::function<void(std::string_view phase, int64_t done, int64_t total)>;

}  // namespace outbreak
