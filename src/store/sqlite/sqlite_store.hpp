#pragma once
// The embedded SQLite adapter: one database file in WAL mode, full synchronous commits, foreign
// keys on, and a busy timeout so that concurrent writers wait instead of failing at once.

#include <memory>
#include <string>

#include "store/store.hpp"

namespace outbreak::store {

// Opens (creating if needed) the database file at `path`; ":memory:" opens a private in-memory
// database. Does not migrate: call Migrate().
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

}  // namespace outbreak::store
