#pragma once
// The PostgreSQL adapter, for several servers sharing one database.

#include <memory>
#include <string>

#include "store/store.hpp"

namespace outbreak::store {

// Connects with a libpq connection URL ("postgresql://user@host:port/db?..."). Does not migrate.
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url);

}  // namespace outbreak::store
