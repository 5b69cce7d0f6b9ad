#pragma once
// WriteTransaction: a transaction that writes, for the SociStore translation units.
//
// On SQLite it takes the write lock when it begins: a deferred transaction that reads first
// cannot wait for another connection's write (SQLite does not apply the busy timeout to the
// upgrade) and fails at once with "database is locked". The server writes through several
// connections (surveillance, auth, care), so this happens under concurrent writers. Rolls back
// when destroyed uncommitted.

#include <soci/session.h>

#include "store/schema.hpp"

namespace outbreak::store {

class WriteTransaction {
 public:
  WriteTransaction(soci::session& session, Dialect dialect) : session_(session) {
    if (dialect == Dialect::kSqlite) {
      session_ << "BEGIN IMMEDIATE";
    } else {
      session_.begin();
    }
  }
  ~WriteTransaction() {
    if (done_) return;
    try {
      session_.rollback();
    } catch (...) {
      // Already failed; the connection reports the error to the next caller.
    }
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  void commit() {
    session_.commit();
    done_ = true;
  }

 private:
  soci::session& session_;
  bool done_ = false;
};

}  // namespace outbreak::store
