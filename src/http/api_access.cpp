// Sign-in, the caller's own identity, users and the audit trail.

#include <fmt/format.h>
#include <boost/json.hpp>

#include "app/access_records.hpp"
#include "http/api.hpp"
#include "http/json_response.hpp"
#include "http/routes.hpp"
#include "record/record_json.hpp"

namespace outbreak::http {

namespace {

using boost::json::array;
using boost::json::object;

object UserJson(const std::string& name, access::Role role, const std::string& region,
                bool disabled) {
  return {{"name", name},
          {"role", std::string(access::RoleName(role))},
          {"region", region},
          {"disabled", disabled}};
}

boost::json::value JsonOrNull(const std::string& text) {
  if (text.empty()) return nullptr;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  return ec ? boost::json::value(text) : value;
}

}  // namespace

Result<std::vector<store::UserRecord>> AccessRoutes::UsersInScope(
    const RequestContext& context) const {
  auto users = auth_.ListUsers();
  if (!users.ok()) return users.status();
  std::erase_if(*users, [&](const store::UserRecord& user) {
    return !RegionInScope(surveillance_, context.principal, user.region).ok();
  });
  return users;
}

Status AccessRoutes::CheckUserInScope(const RequestContext& context,
                                      const std::string& name) const {
  auto user = auth_.FindUser(name);
  if (!user.ok()) return user.status();
  // A user outside the caller's subtree is answered as if it did not exist.
  if (!user->has_value() ||
      !RegionInScope(surveillance_, context.principal, (*user)->region).ok()) {
    return Status::NotFound(fmt::format("user \"{}\" does not exist in your region", name));
  }
  return Status::Ok();
}

void AccessRoutes::Add() {
  using access::Permission;
  router_.AddSchema("LoginRequest", record::Schema(app::SignInRecord()));
  router_.AddSchema("NewUser", record::Schema(app::NewUserRecord()));
  const ParamDoc limit{"limit", "integer", "Page size, 1 to 1000 (default 100)"};
  const ParamDoc offset{"offset", "integer", "Items to skip (default 0)"};

  router_.Add({"POST",
               "/api/v1/auth/login",
               std::nullopt,
               "",
               {"Sign in with name and password; returns a bearer token",
                "access",
                {},
                "LoginRequest",
                "LoginResponse"},
               [this](RequestContext& context) {
                 auto sign_in = record::ReadOne(app::SignInRecord(), context.request.body);
                 if (!sign_in.ok()) return ErrorResponse(sign_in.status());
                 auto login =
                     auth_.Login(sign_in->name, sign_in->password, context.request.remote_address);
                 if (!login.ok()) {
                   HttpResponse response = ErrorResponse(login.status());
                   if (login.status().code() == StatusCode::kTooManyRequests) {
                     const int64_t wait =
                         auth_.RetryAfterSeconds(sign_in->name, context.request.remote_address);
                     response.headers.emplace_back("Retry-After",
                                                   std::to_string(std::max<int64_t>(wait, 1)));
                   }
                   return response;
                 }
                 const app::Principal& who = login->principal;
                 return JsonResponse(
                     200, object{{"token", login->token},
                                 {"expires_at", app::IsoTimestamp(login->expires_at)},
                                 {"user", UserJson(who.user, who.role, who.region, false)}});
               }});

  router_.Add({"POST",
               "/api/v1/auth/logout",
               Permission::kReadSurveillance,
               "",
               {"Revoke the token of this request", "access", {}, "", ""},
               [this](RequestContext& context) {
                 const std::string authorization = context.request.Header("authorization");
                 if (context.principal.anonymous || authorization.size() <= 7) {
                   return ErrorResponse(Status::Unauthorised("no token to revoke"));
                 }
                 Status s = auth_.Logout(authorization.substr(7), context.request.remote_address);
                 if (!s.ok()) return ErrorResponse(s);
                 return JsonResponse(200, object{{"revoked", true}});
               }});

  router_.Add({"GET",
               "/api/v1/me",
               Permission::kReadSurveillance,
               "",
               {"Who you are: name, role and home region", "access", {}, "", "User"},
               [](RequestContext& context) {
                 const app::Principal& who = context.principal;
                 object out = UserJson(who.user, who.role, who.region, false);
                 out["anonymous"] = who.anonymous;
                 return JsonResponse(200, out);
               }});

  router_.Add({"GET",
               "/api/v1/users",
               Permission::kManageUsers,
               "",
               {"Every user", "access", {limit, offset}, "", "UserPage"},
               [this](RequestContext& context) {
                 const Paging& paging = context.paging;
                 auto users = UsersInScope(context);
                 if (!users.ok()) return ErrorResponse(users.status());
                 return JsonResponse(200, PageOf(*users, paging, [](const store::UserRecord& user) {
                                       return UserJson(user.name, *access::ParseRole(user.role),
                                                       user.region, user.disabled);
                                     }));
               }});

  router_.Add(
      {"POST",
       "/api/v1/users",
       Permission::kManageUsers,
       "",
       {"Add a user", "access", {}, "NewUser", "User", 201},
       [this](RequestContext& context) {
         // Every mistake at once: the home region known and the password long enough too.
         auto known = [&](const app::NewUser& user, const record::Problem& problem) {
           if (!surveillance_.FindRegion(user.region).ok()) {
             problem("region", fmt::format("\"{}\" is not a known region", user.region));
           }
           if (user.password.size() < auth_.min_password_length()) {
             problem("password",
                     fmt::format("must be at least {} characters", auth_.min_password_length()));
           }
         };
         auto user =
             record::ReadOne<app::NewUser>(app::NewUserRecord(), context.request.body, known);
         if (!user.ok()) return ErrorResponse(user.status());
         Result<RegionIdx> home = RegionInScope(surveillance_, context.principal, user->region);
         if (home.status().code() == StatusCode::kForbidden) {
           return ErrorResponse(Status::Forbidden(
               fmt::format("region: {}; an admin adds users inside its own region only",
                           home.status().message())));
         }
         if (!access::RoleWithin(user->role, context.principal.role)) {
           return ErrorResponse(Status::Forbidden(fmt::format(
               "role: \"{}\" carries rights the role {} does not have",
               access::RoleName(user->role), access::RoleName(context.principal.role))));
         }
         const std::string role(access::RoleName(user->role));
         Status s = auth_.AddUser(user->name, role, user->region, user->password, home.ok(),
                                  context.principal.user, context.request.remote_address);
         if (!s.ok()) return ErrorResponse(s);
         return JsonResponse(201, UserJson(user->name, user->role, user->region, false));
       }});

  auto set_disabled = [this](bool disabled) {
    return [this, disabled](RequestContext& context) {
      if (Status s = CheckUserInScope(context, context.Param("name")); !s.ok()) {
        return ErrorResponse(s);
      }
      Status s = auth_.SetDisabled(context.Param("name"), disabled, context.principal.user,
                                   context.request.remote_address);
      if (!s.ok()) return ErrorResponse(s);
      return JsonResponse(200, object{{"name", context.Param("name")}, {"disabled", disabled}});
    };
  };
  router_.Add({"POST",
               "/api/v1/users/{name}/disable",
               Permission::kManageUsers,
               "",
               {"Disable a user and revoke their tokens", "access", {}, "", ""},
               set_disabled(true)});
  router_.Add({"POST",
               "/api/v1/users/{name}/enable",
               Permission::kManageUsers,
               "",
               {"Enable a disabled user again", "access", {}, "", ""},
               set_disabled(false)});
  router_.Add({"POST",
               "/api/v1/users/{name}/revoke",
               Permission::kManageUsers,
               "",
               {"Revoke every token of a user", "access", {}, "", ""},
               [this](RequestContext& context) {
                 if (Status s = CheckUserInScope(context, context.Param("name")); !s.ok()) {
                   return ErrorResponse(s);
                 }
                 auto revoked = auth_.RevokeAll(context.Param("name"), context.principal.user,
                                                context.request.remote_address);
                 if (!revoked.ok()) return ErrorResponse(revoked.status());
                 return JsonResponse(200, object{{"revoked", *revoked}});
               }});

  router_.Add({"GET",
               "/api/v1/audit",
               Permission::kReadAudit,
               "",
               {"The audit trail, newest first",
                "access",
                {{"user", "string", "Only this user's actions"},
                 {"action", "string", "Only this action (e.g. report.correct)"},
                 {"from", "string", "From this ISO 8601 time"},
                 {"to", "string", "Before this ISO 8601 time"},
                 limit,
                 offset},
                "",
                "AuditPage"},
               [this](RequestContext& context) {
                 const Paging& paging = context.paging;
                 store::AuditQuery query;
                 query.user = context.Param("user");
                 query.action = context.Param("action");
                 query.from = context.Param("from");
                 query.to = context.Param("to");
                 query.limit = paging.limit + 1;
                 query.offset = paging.offset;
                 if (!IsNational(surveillance_, context.principal)) {
                   // Below the nation, the trail of the users of the caller's subtree only.
                   auto users = UsersInScope(context);
                   if (!users.ok()) return ErrorResponse(users.status());
                   query.users_in.emplace();
                   for (const store::UserRecord& user : *users)
                     query.users_in->push_back(user.name);
                 }
                 auto entries = auth_.ListAudit(query);
                 if (!entries.ok()) return ErrorResponse(entries.status());
                 const bool more = static_cast<int64_t>(entries->size()) > paging.limit;
                 array items;
                 for (size_t idx = 0;
                      idx < entries->size() && static_cast<int64_t>(idx) < paging.limit; ++idx) {
                   const store::AuditEntry& entry = (*entries)[idx];
                   items.push_back(object{{"id", entry.id},
                                          {"recorded_at", entry.recorded_at},
                                          {"user", entry.user},
                                          {"address", entry.address},
                                          {"action", entry.action},
                                          {"target", entry.target},
                                          {"old", JsonOrNull(entry.old_value)},
                                          {"new", JsonOrNull(entry.new_value)}});
                 }
                 // The trail grows while it is read: the total is a lower bound.
                 const int64_t total =
                     paging.offset + static_cast<int64_t>(items.size()) + (more ? 1 : 0);
                 return JsonResponse(200, PageJson(std::move(items), total, paging));
               }});

  router_.Add({"GET",
               "/api/v1/live",
               Permission::kReadSurveillance,
               "",
               {"WebSocket feed of new and corrected reports and validation findings within "
                "your region (upgrade; clients that cannot set headers, such as browsers, offer "
                "the subprotocols `outbreak.v1` and `bearer.TOKEN`)",
                "situation",
                {},
                "",
                "",
                101},
               [](RequestContext&) {
                 HttpResponse response = ErrorResponse(
                     426, "upgrade_required", "this is a WebSocket endpoint: send an upgrade");
                 response.headers.emplace_back("Upgrade", "websocket");
                 return response;
               }});
}

}  // namespace outbreak::http
