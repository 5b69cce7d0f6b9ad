#include "store/postgres/postgres_store.hpp"

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <boost/url/parse.hpp>

#include "store/soci_store.hpp"

namespace outbreak::store {

namespace {

// libpq takes keyword=value pairs; values are quoted with backslash escapes.
std::string Quoted(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

// SOCI rewrites the connection string it is given as keyword=value pairs, which mangles a URL,
// so the URL is turned into that form first.
Result<std::string> ConnectionInfoFromUrl(std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || (parsed->scheme() != "postgresql" && parsed->scheme() != "postgres")) {
    return Status::InvalidArgument(
        fmt::format("\"{}\" is not a PostgreSQL URL (postgresql://user@host:port/database)", url));
  }
  std::string info;
  auto add = [&info](std::string_view key, std::string_view value) {
    if (value.empty()) return;
    if (!info.empty()) info += ' ';
    info += fmt::format("{}={}", key, Quoted(value));
  };
  add("host", parsed->host_address());
  add("port", parsed->port());
  add("user", parsed->user());
  add("password", parsed->password());
  std::string database = parsed->path();
  if (database.starts_with('/')) database.erase(0, 1);
  add("dbname", database);
  for (const auto& param : parsed->params()) add(param.key, param.value);
  return info;
}

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url) {
  Result<std::string> info = ConnectionInfoFromUrl(url);
  if (!info.ok()) return info.status();
  try {
    auto session = std::make_unique<soci::session>(*soci::factory_postgresql(), *info);
    *session << "SET client_min_messages = WARNING";
    return std::unique_ptr<Store>(
        std::make_unique<SociStore>(std::move(session), Dialect::kPostgres));
  } catch (const std::exception& error) {
    return DatabaseError("connecting to PostgreSQL", error);
  }
}

}  // namespace outbreak::store
