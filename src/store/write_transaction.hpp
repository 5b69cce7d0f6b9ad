#pragma once
// WriteTransaction: a transaction that writes, for the SociStore translation units.
//
// On SQLite it takes the write lock when it begins: a deferred transaction that reads first
// cannot wait for another connection's write (SQLite does not apply the busy timeout to the
// upgrade) and fails at once with "database is locked". The server writes through several
// connections (surveillance, auth, care), so this happens under concurrent writers. Rolls back
// when destroyed uncommitted.
//
// Every write commits with its entry in the change log (store.hpp), in the same transaction, so
// that every server on the database sees it; only the schema's migrations commit without one.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <soci/session.h>

#include "store/schema.hpp"
#include "store/store.hpp"

namespace outbreak::store {

// Appends one change to the change log inside the caller's transaction and returns its number.
// On PostgreSQL it first takes a transaction-scoped lock, so that numbers are handed out in the
// order transactions commit (a follower that has read change N never meets a smaller one later),
// and notifies the listening servers (delivered at commit).
int64_t AppendChange(soci::session& session, Dialect dialect, ChangeKind kind,
                     std::string_view keys);
// AppendChange for several writes of one transaction, in order, with one prepared statement;
// their numbers.
std::vector<int64_t> AppendChanges(soci::session& session, Dialect dialect, ChangeKind kind,
                                   std::span<const std::string> keys);
// Inside the caller's transaction: records the Idempotency-Key of the request the thread serves
// (ServeRequestKey), if any and not recorded yet; true when it did. Throws (and remembers that
// another request took the key) when the key is recorded already.
bool RecordRequestKey(soci::session& session);
// Inside the caller's transaction: records `key` (nothing when nullptr); true when it did. Throws
// when the key is recorded already.
bool RecordRequestKeyOf(soci::session& session, const IdempotencyRecord* key);
// Inside the caller's transaction: records `key` unless it is recorded already; whether it did.
// Never fails on the key, so the transaction goes on.
bool TryRecordRequestKey(soci::session& session, const IdempotencyRecord& key);
// The key RecordRequestKey recorded has been committed.
void NoteRequestKeyCommitted();

class WriteTransaction {
 public:
  WriteTransaction(soci::session& session, Dialect dialect) : session_(session), dialect_(dialect) {
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

  // Appends the change (`keys` as the kind's follower reads them) and commits both; returns the
  // change's number.
  int64_t Commit(ChangeKind kind, std::string_view keys = {}) {
    const int64_t seq = AppendChange(session_, dialect_, kind, keys);
    const bool key_recorded = RecordRequestKey(session_);
    session_.commit();
    done_ = true;
    NoteCommittedChange(seq);
    if (key_recorded) NoteRequestKeyCommitted();
    return seq;
  }

  // Commits the changes the group's writes appended themselves (AppendChange per write); the
  // calling thread notes none of them.
  void CommitGroup() {
    session_.commit();
    done_ = true;
  }

  // Commits without a change: only for the schema's migrations, which no server follows.
  void CommitSchema() {
    session_.commit();
    done_ = true;
  }

 private:
  soci::session& session_;
  Dialect dialect_;
  bool done_ = false;
};

}  // namespace outbreak::store
