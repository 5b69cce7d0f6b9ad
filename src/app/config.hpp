#pragma once
// Configuration of one Outbreak process: where the data lives and how the reporting day runs.

#include <string>

namespace outbreak::app {

struct Config {
  // "./outbreak.db" or any SQLite path; "postgresql://..." selects PostgreSQL.
  std::string database = "./outbreak.db";
  // Folder holding the demo data (dprk2022/...); the build's data/ folder by default.
  std::string data_dir;
  // The headquarters' time zone as an offset from UTC, minutes (Pyongyang: UTC+9).
  int utc_offset_minutes = 9 * 60;
  // Hour (local) at which a reporting day closes; reports run from this hour to this hour.
  int day_close_hour = 18;
};

// The default data folder compiled into the binary.
std::string DefaultDataDir();

}  // namespace outbreak::app
