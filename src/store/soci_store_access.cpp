// SociStore: users, tokens, the audit trail and idempotency keys.

#include <fmt/format.h>
#include <soci/soci.h>

#include "store/soci_store.hpp"

namespace outbreak::store {

namespace {

UserRecord UserFromRow(const soci::row& row) {
  return {row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2),
          row.get<std::string>(3), row.get<int>(4) != 0,    row.get<std::string>(5)};
}

constexpr const char* kUserColumns = "name, role, region_code, password_hash, disabled, created_at";

}  // namespace

Status SociStore::AddUser(const UserRecord& user) {
  try {
    const int disabled = user.disabled ? 1 : 0;
    session() << "INSERT INTO users (name, role, region_code, password_hash, disabled, created_at)"
                 " VALUES (:name, :role, :region, :hash, :disabled, :at)",
        soci::use(user.name), soci::use(user.role), soci::use(user.region),
        soci::use(user.password_hash), soci::use(disabled), soci::use(user.created_at);
    return Status::Ok();
  } catch (const std::exception& error) {
    Status status = DatabaseError("adding user", error);
    if (status.code() == StatusCode::kConflict) {
      return Status::Conflict(fmt::format("user \"{}\" already exists", user.name));
    }
    return status;
  }
}

Result<std::optional<UserRecord>> SociStore::FindUser(std::string_view name) {
  try {
    const std::string key(name);
    soci::rowset<soci::row> rows =
        (session().prepare << fmt::format("SELECT {} FROM users WHERE name = :name", kUserColumns),
         soci::use(key));
    for (const soci::row& row : rows) return std::optional<UserRecord>(UserFromRow(row));
    return std::optional<UserRecord>();
  } catch (const std::exception& error) {
    return DatabaseError("finding user", error);
  }
}

Result<std::vector<UserRecord>> SociStore::ListUsers() {
  try {
    std::vector<UserRecord> out;
    soci::rowset<soci::row> rows =
        (session().prepare << fmt::format("SELECT {} FROM users ORDER BY name", kUserColumns));
    for (const soci::row& row : rows) out.push_back(UserFromRow(row));
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("listing users", error);
  }
}

Status SociStore::SetUserDisabled(std::string_view name, bool disabled) {
  try {
    const std::string key(name);
    const int value = disabled ? 1 : 0;
    soci::statement update = (session().prepare << "UPDATE users SET disabled = :disabled"
                                                   " WHERE name = :name",
                              soci::use(value), soci::use(key));
    update.execute(true);
    if (update.get_affected_rows() == 0) {
      return Status::NotFound(fmt::format("user \"{}\" does not exist", name));
    }
    return Status::Ok();
  } catch (const std::exception& error) {
    return DatabaseError("updating user", error);
  }
}

Status SociStore::SaveToken(const TokenRecord& token) {
  try {
    const long long expires_at = token.expires_at;
    const int revoked = token.revoked ? 1 : 0;
    session() << "INSERT INTO tokens (token_hash, user_name, created_at, expires_at, revoked)"
                 " VALUES (:hash, :user, :at, :expires, :revoked)",
        soci::use(token.token_hash), soci::use(token.user), soci::use(token.created_at),
        soci::use(expires_at), soci::use(revoked);
    return Status::Ok();
  } catch (const std::exception& error) {
    return DatabaseError("saving token", error);
  }
}

Result<std::optional<TokenRecord>> SociStore::FindToken(std::string_view token_hash) {
  try {
    const std::string key(token_hash);
    soci::rowset<soci::row> rows =
        (session().prepare << "SELECT token_hash, user_name, created_at, expires_at, revoked"
                              " FROM tokens WHERE token_hash = :hash",
         soci::use(key));
    for (const soci::row& row : rows) {
      return std::optional<TokenRecord>(
          TokenRecord{row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2),
                      row.get<long long>(3), row.get<int>(4) != 0});
    }
    return std::optional<TokenRecord>();
  } catch (const std::exception& error) {
    return DatabaseError("finding token", error);
  }
}

Result<int64_t> SociStore::RevokeTokens(std::string_view user, std::string_view token_hash) {
  try {
    const std::string name(user);
    const std::string hash(token_hash);
    soci::statement update =
        hash.empty() ? (session().prepare << "UPDATE tokens SET revoked = 1 WHERE user_name = :user"
                                             " AND revoked = 0",
                        soci::use(name))
                     : (session().prepare << "UPDATE tokens SET revoked = 1 WHERE user_name = :user"
                                             " AND token_hash = :hash AND revoked = 0",
                        soci::use(name), soci::use(hash));
    update.execute(true);
    return static_cast<int64_t>(update.get_affected_rows());
  } catch (const std::exception& error) {
    return DatabaseError("revoking tokens", error);
  }
}

void InsertAuditRows(soci::session& session, std::span<const AuditEntry> entries) {
  if (entries.empty()) return;
  AuditEntry entry;
  soci::indicator old_ind = soci::i_ok;
  soci::indicator new_ind = soci::i_ok;
  soci::statement insert =
      (session.prepare << "INSERT INTO audit_log (recorded_at, user_name, address, action, target,"
                          " old_value, new_value) VALUES (:at, :user, :address, :action, :target,"
                          " :old, :new)",
       soci::use(entry.recorded_at), soci::use(entry.user), soci::use(entry.address),
       soci::use(entry.action), soci::use(entry.target), soci::use(entry.old_value, old_ind),
       soci::use(entry.new_value, new_ind));
  for (const AuditEntry& each : entries) {
    entry = each;
    old_ind = entry.old_value.empty() ? soci::i_null : soci::i_ok;
    new_ind = entry.new_value.empty() ? soci::i_null : soci::i_ok;
    insert.execute(true);
  }
}

void InsertAuditRow(soci::session& session, const AuditEntry& entry) {
  InsertAuditRows(session, std::span(&entry, 1));
}

void SociStore::InsertAudit(const AuditEntry& entry) { InsertAuditRow(session(), entry); }

Status SociStore::AppendAudit(const AuditEntry& entry) {
  try {
    InsertAudit(entry);
    return Status::Ok();
  } catch (const std::exception& error) {
    return DatabaseError("appending to the audit trail", error);
  }
}

Result<std::vector<AuditEntry>> SociStore::ListAudit(const AuditQuery& query) {
  try {
    std::vector<AuditEntry> out;
    FilteredQuery filter;
    if (!query.user.empty()) filter.Where("user_name = " + filter.Bind(query.user));
    if (!query.action.empty()) filter.Where("action = " + filter.Bind(query.action));
    if (!query.from.empty()) filter.Where("recorded_at >= " + filter.Bind(query.from));
    if (!query.to.empty()) filter.Where("recorded_at < " + filter.Bind(query.to));
    if (query.users_in) {
      filter.Where(query.users_in->empty() ? "1 = 0"
                                           : "user_name IN (" + filter.List(*query.users_in) + ")");
    }
    const std::string sql = fmt::format(
        "SELECT id, recorded_at, user_name, address, action, target, old_value, new_value"
        " FROM audit_log WHERE {} ORDER BY id DESC LIMIT {} OFFSET {}",
        filter.Conditions(), query.limit, query.offset);
    filter.Run(session(), sql, [&](const soci::row& row) {
      AuditEntry entry;
      entry.id = row.get_properties(0).get_data_type() == soci::dt_long_long ? row.get<long long>(0)
                                                                             : row.get<int>(0);
      entry.recorded_at = row.get<std::string>(1);
      entry.user = row.get<std::string>(2);
      entry.address = row.get<std::string>(3);
      entry.action = row.get<std::string>(4);
      entry.target = row.get<std::string>(5);
      if (row.get_indicator(6) != soci::i_null) entry.old_value = row.get<std::string>(6);
      if (row.get_indicator(7) != soci::i_null) entry.new_value = row.get<std::string>(7);
      out.push_back(std::move(entry));
    });
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("listing the audit trail", error);
  }
}

Result<std::optional<IdempotencyRecord>> SociStore::FindIdempotency(std::string_view user,
                                                                    std::string_view key) {
  try {
    const std::string name(user);
    const std::string idem_key(key);
    soci::rowset<soci::row> rows =
        (session().prepare << "SELECT user_name, idem_key, request_hash, status, body, created_at"
                              " FROM idempotency_keys WHERE user_name = :user AND"
                              " idem_key = :key",
         soci::use(name), soci::use(idem_key));
    for (const soci::row& row : rows) {
      return std::optional<IdempotencyRecord>(IdempotencyRecord{
          row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2),
          row.get<int>(3), row.get<std::string>(4), row.get<std::string>(5)});
    }
    return std::optional<IdempotencyRecord>();
  } catch (const std::exception& error) {
    return DatabaseError("finding idempotency key", error);
  }
}

Status SociStore::CompleteIdempotency(const IdempotencyRecord& record) {
  try {
    session()
        << "INSERT INTO idempotency_keys (user_name, idem_key, request_hash, status, body,"
           " created_at) VALUES (:user, :key, :hash, :status, :body, :at)"
           " ON CONFLICT (user_name, idem_key) DO UPDATE SET status = excluded.status,"
           " body = excluded.body WHERE idempotency_keys.request_hash = excluded.request_hash",
        soci::use(record.user), soci::use(record.key), soci::use(record.request_hash),
        soci::use(record.status), soci::use(record.body), soci::use(record.created_at);
    return Status::Ok();
  } catch (const std::exception& error) {
    return DatabaseError("saving idempotency key", error);
  }
}

std::string FilteredQuery::Bind(const std::string& value) {
  values_.push_back(value);
  return fmt::format(":v{}", values_.size() - 1);
}

std::string FilteredQuery::List(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& value : values) out += (out.empty() ? "" : ", ") + Bind(value);
  return out;
}

std::string FilteredQuery::Conditions() const {
  if (conditions_.empty()) return "1 = 1";
  std::string out;
  for (const std::string& condition : conditions_) {
    out += (out.empty() ? "" : " AND ") + condition;
  }
  return out;
}

void FilteredQuery::Run(soci::session& session, const std::string& sql,
                        const std::function<void(const soci::row&)>& read) const {
  soci::statement statement(session);
  soci::row row;
  statement.alloc();
  statement.prepare(sql);
  for (const std::string& value : values_) statement.exchange(soci::use(value));
  statement.exchange(soci::into(row));
  statement.define_and_bind();
  statement.execute(false);
  while (statement.fetch()) read(row);
}

}  // namespace outbreak::store
