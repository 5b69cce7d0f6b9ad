#pragma once
// The PostgreSQL adapter, for several servers sharing one database.

#include <memory>
#include <string>

#include "store/store.hpp"

namespace outbreak::store {

// Connects with a libpq connection URL ("postgresql://user@host:port/db?..."). Does not migrate.
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url);

// "postgresql://user:secret@host:5432/db?sslmode=disable" ->
// "host='host' port='5432' user='user' password='secret' dbname='db' sslmode='disable'"
Result<std::string> ConnectionInfoFromUrl(std::string_view url);

}  // namespace outbreak::store
