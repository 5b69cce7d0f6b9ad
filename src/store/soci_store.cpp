#include "store/soci_store.hpp"
#include "store/soci_store_guidance.hpp"
#include "store/soci_store_levels.hpp"
#include "store/soci_supply_store.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_set>

#include <fmt/format.h>
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <boost/json.hpp>

#include "store/soci_report_columns.hpp"
#include "store/write_transaction.hpp"

namespace outbreak::store {

std::vector<uint32_t> KeyOrder(const std::vector<int>& region_ids,
                               std::span<const ReportRow> rows) {
  // A counting sort by region id (ids are small and dense), stable, so rows that arrive day by
  // day come out in (region, day) order; any region whose days are not yet in order is sorted.
  int max_id = 0;
  for (int id : region_ids) max_id = std::max(max_id, id);
  std::vector<uint32_t> starts(static_cast<size_t>(max_id) + 2, 0);
  for (int id : region_ids) ++starts[id + 1];
  for (size_t idx = 1; idx < starts.size(); ++idx) starts[idx] += starts[idx - 1];
  std::vector<uint32_t> order(rows.size());
  std::vector<uint32_t> next(starts.begin(), starts.end() - 1);
  for (uint32_t row = 0; row < rows.size(); ++row) order[next[region_ids[row]]++] = row;
  for (size_t id = 0; id + 1 < starts.size(); ++id) {
    auto begin = order.begin() + starts[id];
    auto end = order.begin() + starts[id + 1];
    auto by_day = [&](uint32_t a, uint32_t b) { return rows[a].date < rows[b].date; };
    if (!std::is_sorted(begin, end, by_day)) std::sort(begin, end, by_day);
  }
  return order;
}

std::string CountsJson(const surveillance::ReportCounts& counts) {
  auto optional = [](const std::optional<int64_t>& value) {
    return value ? boost::json::value(*value) : boost::json::value(nullptr);
  };
  return boost::json::serialize(boost::json::object{{"new_fever", counts.new_fever},
                                                    {"new_recovered", counts.new_recovered},
                                                    {"new_deaths", counts.new_deaths},
                                                    {"under_treatment", counts.under_treatment},
                                                    {"tested", optional(counts.tested)},
                                                    {"positive", optional(counts.positive)}});
}

namespace {

enum class Failure { kConflict, kInvalid, kUnavailable, kDiskFull, kReadOnly, kInternal };

// The kind of a driver's failure, from its SQLSTATE (PostgreSQL) or result code (SQLite).
Failure Classify(const std::exception& error) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&error)) {
    const std::string state = pg->sqlstate();
    if (state == "23505") return Failure::kConflict;           // unique_violation
    if (state.starts_with("23")) return Failure::kInvalid;     // other integrity violations
    if (state == "53100") return Failure::kDiskFull;           // disk_full
    if (state == "25006") return Failure::kReadOnly;           // read_only_sql_transaction
    if (state.starts_with("08") || state.starts_with("53") ||  // connection, resources
        state.starts_with("57") || state == "40001" || state == "40P01") {  // shutdown, retry
      return Failure::kUnavailable;
    }
    if (pg->get_error_category() == soci::soci_error::connection_error) {
      return Failure::kUnavailable;
    }
    return Failure::kInternal;
  }
  if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
    switch (lite->result() & 0xff) {
      case SQLITE_CONSTRAINT:  // extended result codes are on (sqlite_store.cpp)
        return lite->result() == SQLITE_CONSTRAINT_UNIQUE ||
                       lite->result() == SQLITE_CONSTRAINT_PRIMARYKEY
                   ? Failure::kConflict
                   : Failure::kInvalid;
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
      case SQLITE_CANTOPEN:
      case SQLITE_IOERR:
      case SQLITE_PROTOCOL:
        return Failure::kUnavailable;
      case SQLITE_FULL:
        return Failure::kDiskFull;
      case SQLITE_READONLY:
        return Failure::kReadOnly;
      default:
        return Failure::kInternal;
    }
  }
  if (dynamic_cast<const StoreUnavailable*>(&error) != nullptr) return Failure::kUnavailable;
  if (const auto* soci_error = dynamic_cast<const soci::soci_error*>(&error)) {
    if (soci_error->get_error_category() == soci::soci_error::connection_error) {
      return Failure::kUnavailable;
    }
  }
  return Failure::kInternal;
}

}  // namespace

soci::session& Healthy(soci::session& session, Dialect dialect) {
  if (dialect != Dialect::kPostgres) return session;
  auto* backend = static_cast<soci::postgresql_session_backend*>(session.get_backend());
  // PQstatus reads the connection's state without a round trip; libpq marks it bad once a
  // statement has met the loss.
  if (backend != nullptr && PQstatus(backend->conn_) == CONNECTION_OK) return session;
  try {
    session.reconnect();
    session << "SET client_min_messages = WARNING";
    spdlog::info("store: connected to PostgreSQL again");
  } catch (const std::exception& error) {
    spdlog::warn("store: PostgreSQL is still unreachable: {}", error.what());
    throw StoreUnavailable("the database is unreachable");
  }
  return session;
}

Status DatabaseError(std::string_view operation, const std::exception& error) {
  // The driver's text names statements and values: it goes to the log, never to a client.
  spdlog::warn("store: {}: {}", operation, error.what());
  switch (Classify(error)) {
    case Failure::kConflict:
      return Status::Conflict(
          fmt::format("{}: it conflicts with a record stored meanwhile; read it again", operation));
    case Failure::kInvalid:
      return Status::InvalidArgument(fmt::format(
          "{}: a value refers to a record that does not exist or breaks a bound", operation));
    case Failure::kUnavailable:
      return Status::Unavailable(
          fmt::format("{}: the database is busy or unreachable; try again", operation));
    case Failure::kDiskFull:
      return Status::Unavailable(
          fmt::format("{}: the database's disk is full; nothing was written", operation));
    case Failure::kReadOnly:
      return Status::Unavailable(
          fmt::format("{}: the database is read-only; nothing was written", operation));
    case Failure::kInternal:
      break;
  }
  return Status::Internal(fmt::format("{}: the database failed: {}", operation, error.what()));
}

SociStore::SociStore(std::unique_ptr<soci::session> session, Dialect dialect)
    : session_(std::move(session)),
      dialect_(dialect),
      supply_(std::make_unique<SociSupplyStore>(*session_, dialect_)),
      levels_(std::make_unique<SociLevelsStore>(*session_, dialect_)),
      guidance_(std::make_unique<SociGuidanceStore>(*session_, dialect_)) {}

SociStore::~SociStore() = default;

SupplyStore& SociStore::Supply() { return *supply_; }

LevelsStore& SociStore::Levels() { return *levels_; }

GuidanceStore& SociStore::Guidance() { return *guidance_; }

Result<int> SociStore::CurrentVersion() {
  int version = 0;
  soci::indicator indicator = soci::i_ok;
  *session_ << "SELECT MAX(version) FROM schema_migrations", soci::into(version, indicator);
  return indicator == soci::i_null ? 0 : version;
}

Result<int> SociStore::SchemaVersion() {
  try {
    soci::transaction transaction(*session_);
    *session_ << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                 " description TEXT NOT NULL, applied_at TEXT NOT NULL)";
    Result<int> version = CurrentVersion();
    transaction.commit();
    return version;
  } catch (const std::exception& error) {
    return DatabaseError("reading the schema version", error);
  }
}

Status SociStore::Ping() {
  try {
    int one = 0;
    session() << "SELECT 1", soci::into(one);
    return Status::Ok();
  } catch (const std::exception& error) {
    return DatabaseError("checking the database", error);
  }
}

Status SociStore::Migrate() {
  try {
    WriteTransaction transaction(*session_, dialect_);
    *session_ << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                 " description TEXT NOT NULL, applied_at TEXT NOT NULL)";
    Result<int> current = CurrentVersion();
    if (!current.ok()) return current.status();
    const std::vector<Migration>& migrations = Migrations(dialect_);
    if (!migrations.empty() && *current > migrations.back().version) {
      return Status::Conflict(fmt::format(
          "the database has schema version {}, newer than this program knows ({}); upgrade "
          "outbreak",
          *current, migrations.back().version));
    }
    for (const Migration& migration : migrations) {
      if (migration.version <= *current) continue;
      for (const std::string& statement : migration.statements) *session_ << statement;
      *session_ << "INSERT INTO schema_migrations (version, description, applied_at)"
                   " VALUES (:version, :description, CURRENT_TIMESTAMP)",
          soci::use(migration.version), soci::use(migration.description);
    }
    transaction.CommitSchema();
    return Status::Ok();
  } catch (const std::exception& error) {
    return DatabaseError("migrating the schema", error);
  }
}

Result<std::vector<Region>> SociStore::LoadRegions() {
  try {
    std::vector<Region> regions;
    soci::rowset<soci::row> rows =
        (session_->prepare << "SELECT code, name, name_local, parent_code, level,"
                              " population, lat, lon FROM regions ORDER BY id");
    for (const soci::row& row : rows) {
      Region region;
      region.code = row.get<std::string>(0);
      region.name = row.get<std::string>(1);
      region.name_local = row.get<std::string>(2);
      region.parent = row.get_indicator(3) == soci::i_null ? "" : row.get<std::string>(3);
      region.level = row.get<int>(4);
      region.population = row.get<long long>(5);
      if (row.get_indicator(6) != soci::i_null) region.lat = row.get<double>(6);
      if (row.get_indicator(7) != soci::i_null) region.lon = row.get<double>(7);
      regions.push_back(std::move(region));
    }
    return regions;
  } catch (const std::exception& error) {
    return DatabaseError("loading regions", error);
  }
}

Status SociStore::SaveRegions(std::span<const Region> regions) {
  try {
    WriteTransaction transaction(*session_, dialect_);
    Region region;
    std::string parent;
    soci::indicator parent_ind = soci::i_ok;
    double lat = 0;
    double lon = 0;
    soci::indicator lat_ind = soci::i_ok;
    soci::indicator lon_ind = soci::i_ok;
    long long population = 0;
    soci::statement upsert =
        (session_->prepare << "INSERT INTO regions (code, name, name_local, parent_code, level,"
                              " population, lat, lon) VALUES (:code, :name, :name_local, :parent,"
                              " :level, :population, :lat, :lon) ON CONFLICT (code) DO UPDATE SET"
                              " name = excluded.name, name_local = excluded.name_local,"
                              " parent_code = excluded.parent_code, level = excluded.level,"
                              " population = excluded.population, lat = excluded.lat,"
                              " lon = excluded.lon",
         soci::use(region.code), soci::use(region.name), soci::use(region.name_local),
         soci::use(parent, parent_ind), soci::use(region.level), soci::use(population),
         soci::use(lat, lat_ind), soci::use(lon, lon_ind));
    for (const Region& input : regions) {
      region = input;
      parent = input.parent;
      parent_ind = input.parent.empty() ? soci::i_null : soci::i_ok;
      population = input.population;
      lat = input.lat.value_or(0);
      lat_ind = input.lat ? soci::i_ok : soci::i_null;
      lon = input.lon.value_or(0);
      lon_ind = input.lon ? soci::i_ok : soci::i_null;
      upsert.execute(true);
    }
    transaction.Commit(ChangeKind::kRegions);
    return Status::Ok();
  } catch (const std::exception& error) {
    return DatabaseError("saving regions", error);
  }
}

std::unordered_map<std::string, int> SociStore::RegionIds() {
  std::unordered_map<std::string, int> ids;
  soci::rowset<soci::row> rows = (session_->prepare << "SELECT id, code FROM regions");
  for (const soci::row& row : rows) ids.emplace(row.get<std::string>(1), row.get<int>(0));
  return ids;
}

const std::unordered_map<std::string, int>& SociStore::KnownRegionIds(
    std::span<const ReportWrite> writes) {
  // A region keeps its id for good (regions are updated by code, never renumbered), so the ids
  // are read again only when a write names a code not yet seen: a region another process added.
  for (const ReportWrite& write : writes) {
    if (!region_ids_.contains(write.row.region)) {
      region_ids_ = RegionIds();
      break;
    }
  }
  return region_ids_;
}

Result<std::vector<ReportRow>> SociStore::LoadReports() {
  try {
    std::vector<std::string> codes_by_id;
    for (const auto& [code, id] : RegionIds()) {
      if (static_cast<size_t>(id) >= codes_by_id.size()) codes_by_id.resize(id + 1);
      codes_by_id[id] = code;
    }
    std::vector<ReportRow> out;
    std::vector<int> region_ids(kBatchRows);
    std::vector<int> days(kBatchRows);
    std::vector<int> versions(kBatchRows);
    CountColumns columns;
    columns.Resize(kBatchRows);
    soci::statement select =
        (session_->prepare << "SELECT region_id, day, new_fever, new_recovered, new_deaths,"
                              " under_treatment, tested, positive, version FROM reports",
         soci::into(region_ids), soci::into(days), soci::into(columns.fever),
         soci::into(columns.recovered), soci::into(columns.deaths),
         soci::into(columns.under_treatment), soci::into(columns.tested, columns.tested_ind),
         soci::into(columns.positive, columns.positive_ind), soci::into(versions));
    select.execute();
    while (select.fetch()) {
      for (size_t row = 0; row < region_ids.size(); ++row) {
        out.push_back(
            {codes_by_id.at(region_ids[row]), Date(days[row]), columns.Get(row), versions[row]});
      }
      region_ids.resize(kBatchRows);
      days.resize(kBatchRows);
      versions.resize(kBatchRows);
      columns.Resize(kBatchRows);
    }
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("loading reports", error);
  }
}

Result<std::vector<OpeningRow>> SociStore::LoadOpenings() {
  try {
    std::vector<OpeningRow> out;
    soci::rowset<soci::row> rows =
        (session_->prepare << "SELECT g.code, o.as_of, o.fever, o.recovered, o.deaths, o.note"
                              " FROM opening_balances o JOIN regions g ON g.id = o.region_id"
                              " ORDER BY g.id");
    for (const soci::row& row : rows) {
      out.push_back({row.get<std::string>(0), Date(row.get<int>(1)), row.get<long long>(2),
                     row.get<long long>(3), row.get<long long>(4), row.get<std::string>(5)});
    }
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("loading opening balances", error);
  }
}

Status SociStore::SaveOpenings(std::span<const OpeningRow> openings, const WriteContext& context) {
  try {
    WriteTransaction transaction(*session_, dialect_);
    const auto ids = RegionIds();
    for (const OpeningRow& opening : openings) {
      auto id = ids.find(opening.region);
      if (id == ids.end()) {
        return Status::InvalidArgument(
            fmt::format("opening balance: unknown region \"{}\"", opening.region));
      }
      const int as_of = opening.as_of.days_since_epoch();
      const long long fever = opening.fever;
      const long long recovered = opening.recovered;
      const long long deaths = opening.deaths;
      *session_
          << "INSERT INTO opening_balances (region_id, as_of, fever, recovered, deaths, note,"
             " recorded_by, recorded_at) VALUES (:id, :as_of, :fever, :recovered, :deaths,"
             " :note, :who, :at) ON CONFLICT (region_id) DO UPDATE SET as_of = excluded.as_of,"
             " fever = excluded.fever, recovered = excluded.recovered,"
             " deaths = excluded.deaths, note = excluded.note,"
             " recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
          soci::use(id->second), soci::use(as_of), soci::use(fever), soci::use(recovered),
          soci::use(deaths), soci::use(opening.note), soci::use(context.user),
          soci::use(context.recorded_at);
    }
    transaction.Commit(ChangeKind::kOpenings);
    return Status::Ok();
  } catch (const std::exception& error) {
    return DatabaseError("saving opening balances", error);
  }
}

}  // namespace outbreak::store
