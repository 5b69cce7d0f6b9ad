// outbreak_generate_country: writes a synthetic country (regions.csv and reports.csv) to a folder,
// for the import and cube benchmarks. See synthetic_country.hpp for the model.

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "bench/synthetic_country.hpp"

namespace {

namespace bench = outbreak::bench;

// Rows are gathered in a buffer of about this size and written in one call.
constexpr size_t kWriteBufferBytes = size_t{1} << 22;

struct Options {
  bench::CountryShape shape;
  uint64_t seed = 1;
  std::string out;
};

// A file written in large blocks; errors are remembered and told once by Close().
class BufferedFile {
 public:
  explicit BufferedFile(const std::filesystem::path& path)
      : path_(path.string()), file_(std::fopen(path_.c_str(), "wb")) {
    if (file_ == nullptr) error_ = std::strerror(errno);
    buffer_.reserve(kWriteBufferBytes + 256);
  }
  BufferedFile(const BufferedFile&) = delete;
  BufferedFile& operator=(const BufferedFile&) = delete;
  ~BufferedFile() {
    if (file_ != nullptr) std::fclose(file_);
  }

  // The buffer to append to; call MaybeFlush() after each append.
  std::string& buffer() { return buffer_; }
  void MaybeFlush() {
    if (buffer_.size() >= kWriteBufferBytes) Flush();
  }
  // Writes what is left and closes; returns an empty string or what went wrong.
  std::string Close() {
    Flush();
    if (file_ != nullptr && std::fclose(file_) != 0 && error_.empty()) {
      error_ = std::strerror(errno);
    }
    file_ = nullptr;
    return error_.empty() ? std::string() : fmt::format("{}: {}", path_, error_);
  }

 private:
  void Flush() {
    if (file_ != nullptr && error_.empty() &&
        std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      error_ = std::strerror(errno);
    }
    buffer_.clear();
  }

  std::string path_;
  std::FILE* file_;
  std::string buffer_;
  std::string error_;
};

int Generate(const Options& options) {
  const std::filesystem::path folder(options.out);
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) {
    std::fprintf(stderr, "error: %s: %s\n", options.out.c_str(), ec.message().c_str());
    return 1;
  }
  std::mt19937_64 rng(options.seed);
  const std::vector<outbreak::Region> regions = bench::GenerateRegions(options.shape, rng);

  BufferedFile regions_file(folder / "regions.csv");
  regions_file.buffer() = bench::RegionsCsv(regions);
  if (std::string error = regions_file.Close(); !error.empty()) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }

  bench::ReportSeries series(options.shape, regions, rng);
  BufferedFile reports_file(folder / "reports.csv");
  reports_file.buffer().append(bench::ReportsCsvHeader());
  std::vector<outbreak::surveillance::ReportCounts> counts;
  int64_t rows = 0;
  while (!series.done()) {
    const std::string date = series.day().ToString();
    series.NextDay(counts);
    for (size_t unit_idx = 0; unit_idx < counts.size(); ++unit_idx) {
      bench::AppendReportsCsvRow(reports_file.buffer(), series.units()[unit_idx], date,
                                 counts[unit_idx]);
      reports_file.MaybeFlush();
    }
    rows += static_cast<int64_t>(counts.size());
  }
  if (std::string error = reports_file.Close(); !error.empty()) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }
  std::printf("%s: %zu regions, %lld reports (%d units x %d days from %s, seed %llu)\n",
              options.out.c_str(), regions.size(), static_cast<long long>(rows),
              options.shape.units, options.shape.days, options.shape.first_day.ToString().c_str(),
              static_cast<unsigned long long>(options.seed));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Writes a synthetic country for the benchmarks: regions.csv (a nation, its provinces and "
      "reporting units) and reports.csv (one report per unit and day, by date then region)."};
  Options options;
  app.add_option("--units", options.shape.units, "Reporting units")
      ->check(CLI::Range(1, 1'000'000))
      ->capture_default_str();
  app.add_option("--days", options.shape.days, "Days of reports, from 2020-01-01")
      ->check(CLI::Range(1, 36'500))
      ->capture_default_str();
  app.add_option("--seed", options.seed, "Seed of the random source (same seed, same files)")
      ->capture_default_str();
  app.add_option("--out", options.out, "Folder to write to (created if missing)")->required();
  CLI11_PARSE(app, argc, argv);
  return Generate(options);
}
