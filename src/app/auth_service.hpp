#pragma once
// AuthService: users, passwords, bearer tokens and the audit trail.
//
// Passwords are hashed with Argon2id (libsodium's crypto_pwhash_str); tokens are 32 random bytes
// from libsodium, handed to the user once as hex and stored only as their BLAKE2b hash, with an
// expiry, revocable.
//
// Sign-in does the same work whatever the name (an unknown or disabled user's attempt verifies a
// password too), so that the time of an answer does not tell which names exist. Failures are
// counted per name and address: past `free_failures`, that pair waits a growing time (429 with the
// seconds to wait), while the same name from another address and other names from the same
// address are not held up, so nobody can lock another user out at will. An address is held up as
// a whole only when it fails for `address_names` different names (a sweep over names). A
// success clears only its own pair's count.
//
// Validated tokens are cached for `token_cache_seconds`: a revocation made by this process takes
// effect at once, one made by another process (the CLI) within that time.
//
// Thread-safe. Uses its own store connection.

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "access/role.hpp"
#include "app/clock.hpp"
#include "core/status.hpp"
#include "store/store.hpp"

namespace outbreak::app {

// The authenticated user of a request.
struct Principal {
  std::string user;
  access::Role role = access::Role::kViewer;
  std::string region;      // home region code; the user acts inside its subtree
  bool anonymous = false;  // the demo's read-only access without a token
};

struct AuthOptions {
  int64_t token_lifetime_seconds = 12 * 3600;  // a working day and a night
  int token_cache_seconds = 5;                 // how long a validated token is trusted
  int free_failures = 5;                       // failed logins allowed before the lock-out starts
  int64_t max_lockout_seconds = 900;           // the lock-out doubles per failure up to this
  size_t address_names = 20;  // names failed from one address before the address is held up
  size_t min_password_length = 8;
};

struct LoginResult {
  std::string token;   // the bearer token, shown once
  int64_t expires_at;  // Unix seconds
  Principal principal;
};

class AuthService {
 public:
  AuthService(std::unique_ptr<store::Store> store, const Clock& clock, AuthOptions options = {});

  // Adds a user. `region_exists` tells whether the home region is known.
  Status AddUser(const std::string& name, const std::string& role, const std::string& region,
                 const std::string& password, bool region_exists, const std::string& by,
                 const std::string& address);
  Result<std::vector<store::UserRecord>> ListUsers();
  // The shortest password AddUser takes.
  size_t min_password_length() const { return options_.min_password_length; }
  // The user named `name`, or nullopt.
  Result<std::optional<store::UserRecord>> FindUser(const std::string& name);
  // Disables (or enables again) a user and revokes every token of theirs.
  Status SetDisabled(const std::string& name, bool disabled, const std::string& by,
                     const std::string& address);
  // Revokes every token of a user; returns how many.
  Result<int64_t> RevokeAll(const std::string& name, const std::string& by,
                            const std::string& address);

  Result<LoginResult> Login(const std::string& name, const std::string& password,
                            const std::string& address);
  // Seconds until a sign-in of `name` from `address` is taken again (0: now); the Retry-After of a
  // refused sign-in.
  int64_t RetryAfterSeconds(const std::string& name, const std::string& address);
  // Revokes the token presented.
  Status Logout(const std::string& token, const std::string& address);
  // The principal behind a bearer token, or kUnauthorised.
  Result<Principal> Authenticate(const std::string& token);

  // OK when the database answers (readiness); kUnavailable otherwise.
  Status CheckStore();

  Status Audit(const store::AuditEntry& entry);
  Result<std::vector<store::AuditEntry>> ListAudit(const store::AuditQuery& query);

  Result<std::optional<store::IdempotencyRecord>> FindIdempotency(const std::string& user,
                                                                  const std::string& key);
  // See store::Store: the key is recorded by the request's own write (store::ServeRequestKey),
  // and its answer stored here afterwards.
  Status CompleteIdempotency(const store::IdempotencyRecord& record);

  // Hex BLAKE2b-256 of any text (tokens, request bodies).
  static std::string Hash(std::string_view text);

 private:
  struct Failures {
    int count = 0;
    int64_t locked_until = 0;  // Unix seconds
  };
  struct AddressFailures {
    std::set<std::string> names;  // the names failed from the address since its last lock
    int64_t locked_until = 0;
    int locks = 0;  // how often the address was held up: the wait doubles each time
  };
  struct CachedToken {
    Principal principal;
    int64_t expires_at = 0;
    int64_t checked_at = 0;
  };

  // The seconds a sign-in of the pair must still wait (0: none). Holds state_mutex_.
  int64_t WaitFor(const std::string& name, const std::string& address, int64_t now) const;
  void RecordFailure(const std::string& name, const std::string& address, int64_t now);
  store::AuditEntry Entry(const std::string& user, const std::string& address,
                          const std::string& action, const std::string& target);

  std::unique_ptr<store::Store> store_;
  const Clock& clock_;
  AuthOptions options_;
  std::mutex store_mutex_;
  std::mutex state_mutex_;
  std::map<std::pair<std::string, std::string>, Failures> failures_;  // by (name, address)
  std::map<std::string, AddressFailures> address_failures_;
  // The hash a sign-in with an unknown name verifies against (of a random, unknown password).
  std::string unknown_name_hash_;
  std::unordered_map<std::string, CachedToken> token_cache_;
};

}  // namespace outbreak::app
