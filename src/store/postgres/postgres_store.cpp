#include "store/postgres/postgres_store.hpp"

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "store/soci_store.hpp"

namespace outbreak::store {

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url) {
  try {
    auto session = std::make_unique<soci::session>(*soci::factory_postgresql(), url);
    *session << "SET client_min_messages = WARNING";
    return std::unique_ptr<Store>(
        std::make_unique<SociStore>(std::move(session), Dialect::kPostgres));
  } catch (const std::exception& error) {
    return DatabaseError("connecting to PostgreSQL", error);
  }
}

}  // namespace outbreak::store
