#include "app/auth_service.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <fmt/format.h>

namespace outbreak::app {

namespace {

// Past this many (name, address) pairs, those not waiting are forgotten (bounded memory).
constexpr size_t kMaxTrackedFailures = 100'000;

std::string Hex(const unsigned char* bytes, size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.pop_back();
  return out;
}

// The Argon2id hash of a password (libsodium's interactive limits); nullopt when out of memory.
std::optional<std::string> HashPassword(const std::string& password) {
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.c_str(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return std::nullopt;
  }
  return std::string(hash);
}

bool ValidName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

}  // namespace

AuthService::AuthService(std::unique_ptr<store::Store> store, const Clock& clock,
                         AuthOptions options)
    : store_(std::move(store)), clock_(clock), options_(options) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  // A hash of a random password nobody knows: a sign-in with a name that does not exist verifies
  // against it, so that it costs what a known name's sign-in costs.
  unsigned char random[32];
  randombytes_buf(random, sizeof random);
  std::optional<std::string> hash = HashPassword(Hex(random, sizeof random));
  if (!hash) throw std::runtime_error("out of memory while preparing sign-in");
  unknown_name_hash_ = std::move(*hash);
}

std::string AuthService::Hash(std::string_view text) {
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(text.data()),
                     text.size(), nullptr, 0);
  return Hex(digest, sizeof digest);
}

store::AuditEntry AuthService::Entry(const std::string& user, const std::string& address,
                                     const std::string& action, const std::string& target) {
  store::AuditEntry entry;
  entry.recorded_at = IsoTimestamp(clock_.NowUnixSeconds());
  entry.user = user;
  entry.address = address;
  entry.action = action;
  entry.target = target;
  return entry;
}

Status AuthService::AddUser(const std::string& name, const std::string& role,
                            const std::string& region, const std::string& password,
                            bool region_exists, const std::string& by, const std::string& address) {
  std::vector<std::string> errors;
  if (!ValidName(name)) {
    errors.push_back(
        fmt::format("name: \"{}\" must be 1 to 64 letters, digits, '-', '_' or '.'", name));
  }
  if (!access::ParseRole(role)) {
    std::string known;
    for (access::Role each : access::AllRoles()) {
      known += (known.empty() ? "" : ", ") + std::string(access::RoleName(each));
    }
    errors.push_back(fmt::format("role: \"{}\" is not one of {}", role, known));
  }
  if (!region_exists) errors.push_back(fmt::format("region: \"{}\" is not known", region));
  if (password.size() < options_.min_password_length) {
    errors.push_back(
        fmt::format("password: must be at least {} characters", options_.min_password_length));
  }
  if (!errors.empty()) {
    return Status::InvalidArgument(fmt::format("cannot add user \"{}\"", name), std::move(errors));
  }
  std::optional<std::string> hash = HashPassword(password);
  if (!hash) return Status::Unavailable("out of memory while hashing the password");
  store::UserRecord user{name, role, region, *hash, false, IsoTimestamp(clock_.NowUnixSeconds())};
  std::lock_guard lock(store_mutex_);
  if (Status s = store_->AddUser(user); !s.ok()) return s;
  store::AuditEntry entry = Entry(by, address, "user.add", name);
  entry.new_value = fmt::format(R"({{"role":"{}","region":"{}"}})", role, region);
  return store_->AppendAudit(entry);
}

Result<std::vector<store::UserRecord>> AuthService::ListUsers() {
  std::lock_guard lock(store_mutex_);
  return store_->ListUsers();
}

Result<std::optional<store::UserRecord>> AuthService::FindUser(const std::string& name) {
  std::lock_guard lock(store_mutex_);
  return store_->FindUser(name);
}

Status AuthService::SetDisabled(const std::string& name, bool disabled, const std::string& by,
                                const std::string& address) {
  {
    std::lock_guard lock(store_mutex_);
    if (Status s = store_->SetUserDisabled(name, disabled); !s.ok()) return s;
    if (disabled) {
      if (auto revoked = store_->RevokeTokens(name, ""); !revoked.ok()) return revoked.status();
    }
    if (Status s = store_->AppendAudit(
            Entry(by, address, disabled ? "user.disable" : "user.enable", name));
        !s.ok()) {
      return s;
    }
  }
  std::lock_guard lock(state_mutex_);
  std::erase_if(token_cache_, [&](const auto& item) { return item.second.principal.user == name; });
  return Status::Ok();
}

Result<int64_t> AuthService::RevokeAll(const std::string& name, const std::string& by,
                                       const std::string& address) {
  Result<int64_t> revoked = [&]() -> Result<int64_t> {
    std::lock_guard lock(store_mutex_);
    Result<std::optional<store::UserRecord>> user = store_->FindUser(name);
    if (!user.ok()) return user.status();
    if (!user->has_value())
      return Status::NotFound(fmt::format("user \"{}\" does not exist", name));
    Result<int64_t> count = store_->RevokeTokens(name, "");
    if (!count.ok()) return count;
    if (Status s = store_->AppendAudit(Entry(by, address, "user.revoke", name)); !s.ok()) return s;
    return count;
  }();
  std::lock_guard lock(state_mutex_);
  std::erase_if(token_cache_, [&](const auto& item) { return item.second.principal.user == name; });
  return revoked;
}

int64_t AuthService::WaitFor(const std::string& name, const std::string& address,
                             int64_t now) const {
  int64_t until = 0;
  if (auto it = failures_.find({name, address}); it != failures_.end()) {
    until = it->second.locked_until;
  }
  if (auto it = address_failures_.find(address); it != address_failures_.end()) {
    until = std::max(until, it->second.locked_until);
  }
  return std::max<int64_t>(0, until - now);
}

int64_t AuthService::RetryAfterSeconds(const std::string& name, const std::string& address) {
  std::lock_guard lock(state_mutex_);
  return WaitFor(name, address, clock_.NowUnixSeconds());
}

void AuthService::RecordFailure(const std::string& name, const std::string& address, int64_t now) {
  auto backoff = [&](int over) {
    return std::min<int64_t>(options_.max_lockout_seconds, int64_t{1} << std::min(over, 20));
  };
  if (failures_.size() > kMaxTrackedFailures) {
    std::erase_if(failures_, [&](const auto& item) { return item.second.locked_until <= now; });
  }
  if (address_failures_.size() > kMaxTrackedFailures) {
    std::erase_if(address_failures_,
                  [&](const auto& item) { return item.second.locked_until <= now; });
  }
  Failures& failures = failures_[{name, address}];
  ++failures.count;
  if (const int over = failures.count - options_.free_failures; over > 0) {
    failures.locked_until = now + backoff(over);
  }
  AddressFailures& sweep = address_failures_[address];
  sweep.names.insert(name);
  if (sweep.names.size() >= options_.address_names) {
    ++sweep.locks;
    sweep.locked_until = now + backoff(sweep.locks + 5);
    sweep.names.clear();
  }
}

Result<LoginResult> AuthService::Login(const std::string& name, const std::string& password,
                                       const std::string& address) {
  const int64_t now = clock_.NowUnixSeconds();
  {
    std::lock_guard lock(state_mutex_);
    if (const int64_t wait = WaitFor(name, address, now); wait > 0) {
      return Status::TooManyRequests(
          fmt::format("too many failed logins; try again in {} seconds", wait));
    }
  }
  Result<std::optional<store::UserRecord>> user = [&] {
    std::lock_guard lock(store_mutex_);
    return store_->FindUser(name);
  }();
  if (!user.ok()) return user.status();
  // The same Argon2id verification for every name, known, disabled or not.
  const bool can_sign_in = user->has_value() && !(*user)->disabled;
  const std::string& hash = user->has_value() ? (*user)->password_hash : unknown_name_hash_;
  const bool matches =
      crypto_pwhash_str_verify(hash.c_str(), password.c_str(), password.size()) == 0;
  if (!can_sign_in || !matches) {
    {
      std::lock_guard lock(state_mutex_);
      RecordFailure(name, address, now);
    }
    std::lock_guard lock(store_mutex_);
    (void)store_->AppendAudit(Entry(name, address, "auth.login_failed", name));
    return Status::Unauthorised("wrong name or password, or the user is disabled");
  }
  {
    std::lock_guard lock(state_mutex_);
    failures_.erase({name, address});
  }
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  LoginResult result;
  result.token = Hex(bytes, sizeof bytes);
  result.expires_at = now + options_.token_lifetime_seconds;
  result.principal = {name, *access::ParseRole((*user)->role), (*user)->region, false};
  std::lock_guard lock(store_mutex_);
  if (Status s = store_->SaveToken(
          {Hash(result.token), name, IsoTimestamp(now), result.expires_at, false});
      !s.ok()) {
    return s;
  }
  (void)store_->AppendAudit(Entry(name, address, "auth.login", name));
  return result;
}

Status AuthService::Logout(const std::string& token, const std::string& address) {
  Result<Principal> principal = Authenticate(token);
  if (!principal.ok()) return principal.status();
  const std::string hash = Hash(token);
  {
    std::lock_guard lock(store_mutex_);
    if (auto revoked = store_->RevokeTokens(principal->user, hash); !revoked.ok()) {
      return revoked.status();
    }
    (void)store_->AppendAudit(Entry(principal->user, address, "auth.logout", principal->user));
  }
  std::lock_guard lock(state_mutex_);
  token_cache_.erase(hash);
  return Status::Ok();
}

Result<Principal> AuthService::Authenticate(const std::string& token) {
  const int64_t now = clock_.NowUnixSeconds();
  if (token.size() != 64) return Status::Unauthorised("the bearer token is malformed");
  const std::string hash = Hash(token);
  {
    std::lock_guard lock(state_mutex_);
    auto cached = token_cache_.find(hash);
    if (cached != token_cache_.end()) {
      if (cached->second.expires_at > now &&
          now - cached->second.checked_at < options_.token_cache_seconds) {
        return cached->second.principal;
      }
      token_cache_.erase(cached);
    }
  }
  std::lock_guard store_lock(store_mutex_);
  Result<std::optional<store::TokenRecord>> record = store_->FindToken(hash);
  if (!record.ok()) return record.status();
  if (!record->has_value()) return Status::Unauthorised("the bearer token is not known");
  if ((*record)->revoked) return Status::Unauthorised("the bearer token was revoked");
  if ((*record)->expires_at <= now) return Status::Unauthorised("the bearer token has expired");
  Result<std::optional<store::UserRecord>> user = store_->FindUser((*record)->user);
  if (!user.ok()) return user.status();
  if (!user->has_value() || (*user)->disabled) {
    return Status::Unauthorised("the user is disabled");
  }
  const std::optional<access::Role> role = access::ParseRole((*user)->role);
  if (!role) return Status::Internal("stored user has an unknown role");
  Principal principal{(*user)->name, *role, (*user)->region, false};
  std::lock_guard lock(state_mutex_);
  token_cache_[hash] = {principal, (*record)->expires_at, now};
  return principal;
}

Status AuthService::CheckStore() {
  std::lock_guard lock(store_mutex_);
  return store_->Ping();
}

Status AuthService::Audit(const store::AuditEntry& entry) {
  std::lock_guard lock(store_mutex_);
  return store_->AppendAudit(entry);
}

Result<std::vector<store::AuditEntry>> AuthService::ListAudit(const store::AuditQuery& query) {
  std::lock_guard lock(store_mutex_);
  return store_->ListAudit(query);
}

Result<std::optional<store::IdempotencyRecord>> AuthService::FindIdempotency(
    const std::string& user, const std::string& key) {
  std::lock_guard lock(store_mutex_);
  return store_->FindIdempotency(user, key);
}

Status AuthService::CompleteIdempotency(const store::IdempotencyRecord& record) {
  std::lock_guard lock(store_mutex_);
  return store_->CompleteIdempotency(record);
}

}  // namespace outbreak::app
