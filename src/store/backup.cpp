#include "store/backup.hpp"

#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

extern char** environ;

namespace outbreak::store {

namespace {

bool IsPostgres(const std::string& database) {
  return database.starts_with("postgresql://") || database.starts_with("postgres://");
}

// Runs `args` (args[0] looked up on PATH) and waits; OK on exit status 0.
Status RunTool(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
    return Status::Unavailable(fmt::format("{} could not be started: is it installed?", args[0]));
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Status::Unavailable(fmt::format("{} failed (see its message above)", args[0]));
  }
  return Status::Ok();
}

// Copies the whole of `from` into `to` with SQLite's online backup API.
Status CopySqlite(const std::string& from, const std::string& to, bool check_outbreak) {
  sqlite3* source = nullptr;
  sqlite3* target = nullptr;
  auto close = [&] {
    sqlite3_close(source);
    sqlite3_close(target);
  };
  if (sqlite3_open_v2(from.c_str(), &source, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    close();
    return Status::InvalidArgument(fmt::format("{}: cannot be opened as a SQLite database", from));
  }
  sqlite3_busy_timeout(source, 10'000);
  if (check_outbreak) {
    sqlite3_stmt* statement = nullptr;
    const bool ours = sqlite3_prepare_v2(source, "SELECT MAX(version) FROM schema_migrations", -1,
                                         &statement, nullptr) == SQLITE_OK &&
                      sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_int(statement, 0) > 0;
    sqlite3_finalize(statement);
    if (!ours) {
      close();
      return Status::InvalidArgument(fmt::format("{}: is not an Outbreak database backup", from));
    }
  }
  if (sqlite3_open_v2(to.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    close();
    return Status::Unavailable(fmt::format("{}: cannot be written", to));
  }
  sqlite3_busy_timeout(target, 10'000);
  sqlite3_backup* backup = sqlite3_backup_init(target, "main", source, "main");
  if (backup == nullptr) {
    const std::string message = sqlite3_errmsg(target);
    close();
    return Status::Unavailable(fmt::format("copying {} to {}: {}", from, to, message));
  }
  // All pages in one step: one read transaction on the source, so the copy is one moment of it.
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(backup, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  const std::string message = sqlite3_errmsg(target);
  close();
  if (rc != SQLITE_DONE) {
    return Status::Unavailable(fmt::format("copying {} to {}: {}", from, to, message));
  }
  return Status::Ok();
}

}  // namespace

Status BackupDatabase(const std::string& database, const std::string& file) {
  const std::string partial = file + ".partial";
  std::error_code ec;
  std::filesystem::remove(partial, ec);
  Status copied = IsPostgres(database) ? RunTool({"pg_dump", "--format=custom", "--no-owner",
                                                  "--file=" + partial, "--dbname=" + database})
                                       : CopySqlite(database, partial, /*check_outbreak=*/true);
  if (!copied.ok()) {
    std::filesystem::remove(partial, ec);
    return copied;
  }
  std::filesystem::rename(partial, file, ec);
  if (ec) return Status::Unavailable(fmt::format("{}: {}", file, ec.message()));
  return Status::Ok();
}

Status RestoreDatabase(const std::string& file, const std::string& database) {
  if (!std::filesystem::exists(file)) {
    return Status::NotFound(fmt::format("{}: no such backup", file));
  }
  if (IsPostgres(database)) {
    return RunTool({"pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                    "--dbname=" + database, file});
  }
  return CopySqlite(file, database, /*check_outbreak=*/true);
}

}  // namespace outbreak::store
