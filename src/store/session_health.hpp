#pragma once
// A SOCI session that heals: every store reaches its session through Healthy, so that a
// PostgreSQL connection lost to a database restart or a network cut is opened again by the next
// request instead of failing every request until the server restarts.

#include <stdexcept>

#include <soci/session.h>

#include "store/schema.hpp"

namespace outbreak::store {

// `session`, reconnected first when its PostgreSQL connection was lost: the request that met the
// loss is answered 503, the next one is served again. A reconnection that fails throws
// StoreUnavailable, which DatabaseError maps to kUnavailable. SQLite sessions are returned as
// they are.
soci::session& Healthy(soci::session& session, Dialect dialect);

// The database cannot be reached (DatabaseError answers kUnavailable).
class StoreUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace outbreak::store
