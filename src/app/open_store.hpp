#pragma once
// Opens the store a database setting names: "postgresql://..." (or "postgres://...") selects
// PostgreSQL, anything else is a SQLite file path.

#include <memory>
#include <string>

#include "store/store.hpp"

namespace outbreak::app {

bool IsPostgresUrl(const std::string& database);

// Opens and migrates the store.
Result<std::unique_ptr<store::Store>> OpenStore(const std::string& database);

}  // namespace outbreak::app
