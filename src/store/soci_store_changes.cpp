// The change log: every write appends what it changed, in its own transaction; every server reads
// the entries after the last it applied (store.hpp).

#include <poll.h>

#include <array>
#include <unordered_map>

#include <fmt/format.h>
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "store/soci_store.hpp"
#include "store/write_transaction.hpp"

namespace outbreak::store {

namespace {

constexpr std::array<std::pair<ChangeKind, std::string_view>, 7> kKindNames{{
    {ChangeKind::kRegions, "regions"},
    {ChangeKind::kOpenings, "openings"},
    {ChangeKind::kReports, "reports"},
    {ChangeKind::kCare, "care"},
    {ChangeKind::kSupply, "supply"},
    {ChangeKind::kLevels, "levels"},
    {ChangeKind::kGuidance, "guidance"},
}};

// The PostgreSQL channel the writers notify and the followers listen on.
constexpr std::string_view kChannel = "outbreak_changes";
// Serialises the change log's numbering with commit order on PostgreSQL (any constant, unique to
// this use within the database).
constexpr long long kChangeLogLock = 0x6f7574627265616bLL;

// A write of more reports than this is logged without its keys: followers reload them all.
constexpr size_t kMaxListedReports = 256;

thread_local int64_t committed_change = 0;
thread_local const IdempotencyRecord* request_key = nullptr;
thread_local RequestKeyOutcome request_key_outcome = RequestKeyOutcome::kNotRecorded;

}  // namespace

std::string_view ChangeKindName(ChangeKind kind) {
  for (const auto& [each, name] : kKindNames) {
    if (each == kind) return name;
  }
  return "unknown";
}

std::optional<ChangeKind> ParseChangeKind(std::string_view name) {
  for (const auto& [kind, each] : kKindNames) {
    if (each == name) return kind;
  }
  return std::nullopt;
}

int64_t TakeCommittedChange() { return std::exchange(committed_change, 0); }

void NoteCommittedChange(int64_t seq) { committed_change = seq; }

void ServeRequestKey(const IdempotencyRecord* key) {
  request_key = key;
  request_key_outcome = RequestKeyOutcome::kNotRecorded;
}

RequestKeyOutcome TakeRequestKeyOutcome() {
  request_key = nullptr;
  return std::exchange(request_key_outcome, RequestKeyOutcome::kNotRecorded);
}

const IdempotencyRecord* CurrentRequestKey() {
  return request_key_outcome == RequestKeyOutcome::kNotRecorded ? request_key : nullptr;
}

void NoteRequestKeyOutcome(RequestKeyOutcome outcome) {
  if (outcome != RequestKeyOutcome::kNotRecorded) request_key_outcome = outcome;
}

bool RecordRequestKeyOf(soci::session& session, const IdempotencyRecord* key) {
  if (key == nullptr) return false;
  const int written = kIdempotencyWritten;
  const std::string no_body;
  session << "INSERT INTO idempotency_keys (user_name, idem_key, request_hash, status, body,"
             " created_at) VALUES (:user, :key, :hash, :status, :body, :at)",
      soci::use(key->user), soci::use(key->key), soci::use(key->request_hash), soci::use(written),
      soci::use(no_body), soci::use(key->created_at);
  return true;
}

bool TryRecordRequestKey(soci::session& session, const IdempotencyRecord& key) {
  const int written = kIdempotencyWritten;
  const std::string no_body;
  soci::statement insert =
      (session.prepare << "INSERT INTO idempotency_keys (user_name, idem_key, request_hash,"
                          " status, body, created_at) VALUES (:user, :key, :hash, :status, :body,"
                          " :at) ON CONFLICT DO NOTHING",
       soci::use(key.user), soci::use(key.key), soci::use(key.request_hash), soci::use(written),
       soci::use(no_body), soci::use(key.created_at));
  insert.execute(true);
  return insert.get_affected_rows() == 1;
}

bool RecordRequestKey(soci::session& session) {
  if (request_key == nullptr || request_key_outcome != RequestKeyOutcome::kNotRecorded) {
    return false;
  }
  try {
    return RecordRequestKeyOf(session, request_key);
  } catch (...) {
    // The key's row exists: another request with it wrote first. This transaction, and the
    // write it carries, is rolled back.
    request_key_outcome = RequestKeyOutcome::kTakenByAnother;
    throw;
  }
}

void NoteRequestKeyCommitted() { request_key_outcome = RequestKeyOutcome::kRecorded; }

std::vector<int64_t> AppendChanges(soci::session& session, Dialect dialect, ChangeKind kind,
                                   std::span<const std::string> keys) {
  std::vector<int64_t> seqs;
  if (keys.empty()) return seqs;
  if (dialect == Dialect::kPostgres) {
    // Held until commit: a transaction that numbered its change commits before the next one
    // numbers its own, so numbers never appear out of order to a follower.
    long long locked = 0;
    session << "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(:key)) AS locked",
        soci::use(kChangeLogLock), soci::into(locked);
  }
  const std::string kind_name(ChangeKindName(kind));
  std::string key_text;
  long long seq = 0;
  soci::statement append =
      (session.prepare << "INSERT INTO changes (kind, keys) VALUES (:kind, :keys) RETURNING seq",
       soci::use(kind_name), soci::use(key_text), soci::into(seq));
  seqs.reserve(keys.size());
  for (const std::string& each : keys) {
    key_text = each;
    append.execute(true);
    seqs.push_back(seq);
  }
  if (dialect == Dialect::kPostgres) session << fmt::format("NOTIFY {}", kChannel);
  return seqs;
}

int64_t AppendChange(soci::session& session, Dialect dialect, ChangeKind kind,
                     std::string_view keys) {
  const std::string one(keys);
  return AppendChanges(session, dialect, kind, std::span(&one, 1)).front();
}

std::string ReportChangeKeys(const ReportWriteOutcome& outcome) {
  if (outcome.added.size() + outcome.corrected.size() > kMaxListedReports) return "";
  std::string keys;
  for (const auto* rows : {&outcome.added, &outcome.corrected}) {
    for (const ReportRow& row : *rows) {
      if (!keys.empty()) keys += ' ';
      keys += row.region;
      keys += '/';
      keys += row.date.ToString();
    }
  }
  return keys;
}

std::vector<ReportKey> ParseReportChangeKeys(std::string_view keys) {
  std::vector<ReportKey> out;
  size_t start = 0;
  while (start < keys.size()) {
    size_t end = keys.find(' ', start);
    if (end == std::string_view::npos) end = keys.size();
    const std::string_view key = keys.substr(start, end - start);
    const size_t slash = key.rfind('/');
    if (slash != std::string_view::npos) {
      if (std::optional<Date> date = Date::Parse(key.substr(slash + 1))) {
        out.push_back({std::string(key.substr(0, slash)), *date});
      }
    }
    start = end + 1;
  }
  return out;
}

Result<int64_t> SociStore::LastChange() {
  try {
    long long seq = 0;
    soci::indicator indicator = soci::i_ok;
    session() << "SELECT MAX(seq) FROM changes", soci::into(seq, indicator);
    return indicator == soci::i_null ? 0 : static_cast<int64_t>(seq);
  } catch (const std::exception& error) {
    return DatabaseError("reading the change log", error);
  }
}

Result<std::vector<Change>> SociStore::ChangesSince(int64_t seq, int limit) {
  try {
    std::vector<Change> out;
    const long long after = seq;
    soci::rowset<soci::row> rows =
        (session().prepare << "SELECT seq, kind, keys FROM changes WHERE seq > :seq ORDER BY seq"
                              " LIMIT :limit",
         soci::use(after), soci::use(limit));
    for (const soci::row& row : rows) {
      const std::optional<ChangeKind> kind = ParseChangeKind(row.get<std::string>(1));
      // A kind this version does not know (written by a newer one) changes nothing it holds;
      // it is still passed over, by number.
      Change change{IntegerAt(row, 0), kind.value_or(ChangeKind::kGuidance), {}};
      if (kind == ChangeKind::kReports) {
        change.reports = ParseReportChangeKeys(row.get<std::string>(2));
      }
      out.push_back(std::move(change));
    }
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("reading the change log", error);
  }
}

Result<bool> SociStore::WaitForChange(std::chrono::milliseconds timeout) {
  if (dialect_ != Dialect::kPostgres) return false;
  try {
    soci::session& healthy = session();
    PGconn* conn = static_cast<soci::postgresql_session_backend*>(healthy.get_backend())->conn_;
    if (listening_ != conn) {
      // A new connection (the first, or one opened again after a loss) listens afresh.
      healthy << fmt::format("LISTEN {}", kChannel);
      listening_ = conn;
    }
    auto drain = [conn] {
      bool any = false;
      PQconsumeInput(conn);
      while (PGnotify* notify = PQnotifies(conn)) {
        any = true;
        PQfreemem(notify);
      }
      return any;
    };
    if (drain()) return true;
    pollfd descriptor{PQsocket(conn), POLLIN, 0};
    ::poll(&descriptor, 1, static_cast<int>(timeout.count()));
    drain();
    return true;
  } catch (const std::exception& error) {
    listening_ = nullptr;
    return DatabaseError("waiting for changes", error);
  }
}

Result<std::vector<ReportRow>> SociStore::LoadReportsAt(std::span<const ReportKey> keys) {
  try {
    const auto ids = RegionIds();
    std::vector<ReportRow> out;
    int id = 0;
    int day = 0;
    int version = 0;
    long long fever = 0, recovered = 0, deaths = 0, treatment = 0, tested = 0, positive = 0;
    soci::indicator tested_ind = soci::i_ok;
    soci::indicator positive_ind = soci::i_ok;
    soci::statement read =
        (session().prepare << "SELECT new_fever, new_recovered, new_deaths, under_treatment,"
                              " tested, positive, version FROM reports"
                              " WHERE region_id = :id AND day = :day",
         soci::into(fever), soci::into(recovered), soci::into(deaths), soci::into(treatment),
         soci::into(tested, tested_ind), soci::into(positive, positive_ind), soci::into(version),
         soci::use(id), soci::use(day));
    for (const ReportKey& key : keys) {
      auto found = ids.find(key.region);
      if (found == ids.end()) continue;
      id = found->second;
      day = key.date.days_since_epoch();
      if (!read.execute(true)) continue;
      surveillance::ReportCounts counts{fever,     recovered,    deaths,
                                        treatment, std::nullopt, std::nullopt};
      if (tested_ind == soci::i_ok) counts.tested = tested;
      if (positive_ind == soci::i_ok) counts.positive = positive;
      out.push_back({key.region, key.date, counts, version});
    }
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("loading reports", error);
  }
}

}  // namespace outbreak::store
