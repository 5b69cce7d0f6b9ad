#pragma once
// Reading a whole file for the parsers, with an error that names the file.

#include <string>

#include "core/status.hpp"

namespace outbreak::app {

Result<std::string> ReadFileText(const std::string& path);

}  // namespace outbreak::app
