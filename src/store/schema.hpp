#pragma once
// The versioned schema: migration N brings a database from version N-1 to N. Each dialect has
// its own SQL text for the same tables.

#include <string>
#include <vector>

namespace outbreak::store {

enum class Dialect { kSqlite, kPostgres };

struct Migration {
  int version = 0;
  std::string description;
  std::vector<std::string> statements;
};

// Every migration of the dialect, in order of version.
const std::vector<Migration>& Migrations(Dialect dialect);

}  // namespace outbreak::store
