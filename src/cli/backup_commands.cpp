// outbreak backup FILE | restore FILE --replace: a consistent copy of the whole database, and its
// return (store/backup.hpp).

#include <cstdio>
#include <memory>

#include "cli/cli_state.hpp"
#include "store/backup.hpp"

namespace outbreak::cli {

void AddBackupCommands(CLI::App& app, CliState& s) {
  app.add_subcommand("backup",
                     "Write a consistent copy of the database to FILE while servers run (SQLite's "
                     "online backup; pg_dump's custom format for PostgreSQL)")
      ->callback([&s] {
        s.action = [&s] {
          if (Status done = store::BackupDatabase(s.config.database, s.file); !done.ok()) {
            return Fail(done);
          }
          std::printf("%s: backup of %s written\n", s.file.c_str(), s.config.database.c_str());
          return 0;
        };
      })
      ->add_option("FILE", s.file, "Where to write the backup")
      ->required();

  auto replace = std::make_shared<bool>(false);
  CLI::App* restore = app.add_subcommand(
      "restore",
      "Replace the whole database with the backup FILE (stop the servers first; pg_restore for "
      "PostgreSQL)");
  restore->add_option("FILE", s.file, "The backup to restore")->required();
  restore->add_flag("--replace", *replace,
                    "Confirm that everything in the database is replaced by the backup");
  restore->callback([&s, replace] {
    s.action = [&s, replace] {
      if (!*replace) {
        return Fail(Status::InvalidArgument(
            "restore replaces everything in the database: add --replace to confirm"));
      }
      if (Status done = store::RestoreDatabase(s.file, s.config.database); !done.ok()) {
        return Fail(done);
      }
      std::printf("%s: restored from %s\n", s.config.database.c_str(), s.file.c_str());
      return 0;
    };
  });
}

}  // namespace outbreak::cli
