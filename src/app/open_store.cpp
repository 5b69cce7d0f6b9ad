#include "app/open_store.hpp"

#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace outbreak::app {

bool IsPostgresUrl(const std::string& database) {
  return database.starts_with("postgresql://") || database.starts_with("postgres://");
}

Result<std::unique_ptr<store::Store>> OpenStore(const std::string& database) {
  Result<std::unique_ptr<store::Store>> opened = IsPostgresUrl(database)
                                                     ? store::OpenPostgresStore(database)
                                                     : store::OpenSqliteStore(database);
  if (!opened.ok()) return opened;
  if (Status s = (*opened)->Migrate(); !s.ok()) return s;
  return opened;
}

}  // namespace outbreak::app
