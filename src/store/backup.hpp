#pragma once
// Backup and restore of a whole database, consistent while servers write.
//
// SQLite: SQLite's online backup API copies the database page by page under a read transaction,
// into FILE.partial, renamed to FILE when complete; a restore copies a backup back the same way.
// PostgreSQL: pg_dump's custom format, and pg_restore --clean (the client tools must be on PATH).
// A restore replaces everything: stop the servers first, and start them again after.

#include <string>

#include "core/status.hpp"

namespace outbreak::store {

// Writes a consistent copy of `database` (a SQLite path or a PostgreSQL URL) to `file`.
Status BackupDatabase(const std::string& database, const std::string& file);

// Replaces the content of `database` with the backup `file`. kInvalidArgument when `file` is not
// an Outbreak backup of the database's kind.
Status RestoreDatabase(const std::string& file, const std::string& database);

}  // namespace outbreak::store
