#include "bench/synthetic_country.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <unordered_map>

#include <fmt/format.h>

#include "surveillance/apportion.hpp"

namespace outbreak::bench {

namespace {

constexpr std::string_view kNationCode = "XX";
constexpr double kMedianUnitPopulation = 8'000;  // persons; about the DPRK's 25M over 3,000 units
constexpr double kUnitPopulationSpread = 0.6;    // sigma of the log-normal
constexpr int64_t kMinUnitPopulation = 200;      // persons

// The waves: where each peaks (as a fraction of the span), and how high (new cases per 100,000
// persons per day, before the unit's factor).
constexpr std::array<double, 3> kWavePeakFractions = {0.15, 0.45, 0.80};
constexpr std::array<double, 3> kWavePeakPer100k = {60, 180, 100};
constexpr double kWaveWidthFraction = 0.03;  // sigma of a wave, as a fraction of the span
constexpr double kMinWaveWidthDays = 2;
constexpr double kProvinceShiftFraction = 0.02;  // sigma of a province's wave shift, fraction
constexpr double kUnitShiftFraction = 0.005;     // sigma of a unit's own shift, fraction
constexpr double kUnitFactorSpread = 0.35;       // sigma of the log-normal unit factor
constexpr double kBackgroundPer100k = 0.5;       // new cases per 100,000 per day between waves
constexpr double kWeekendFactor = 0.8;

constexpr double kMeanTreatmentDays = 8;
constexpr double kDeathsPerPersonDay = 0.001;
constexpr double kPositiveShare = 0.7;           // of new fever cases, tested positive that day
constexpr double kBackgroundTestsPer100k = 150;  // tests per 100,000 persons per day

// Longitude and latitude box the provinces' centres fall in, and how far a unit strays (degrees).
constexpr double kMinLat = 37.7, kMaxLat = 42.9;
constexpr double kMinLon = 124.3, kMaxLon = 130.6;
constexpr double kUnitStrayDegrees = 0.3;

int64_t Poisson(std::mt19937_64& rng, double mean) {
  if (mean <= 0) return 0;
  return std::poisson_distribution<int64_t>(mean)(rng);
}

int64_t Binomial(std::mt19937_64& rng, int64_t trials, double probability) {
  if (trials <= 0) return 0;
  return std::binomial_distribution<int64_t>(trials, probability)(rng);
}

void AppendCount(std::string& out, int64_t value) {
  char digits[24];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, end);
}

}  // namespace

std::vector<Region> GenerateRegions(const CountryShape& shape, std::mt19937_64& rng) {
  if (shape.units < 1 || shape.provinces < 1 || shape.days < 1) {
    throw std::invalid_argument("a country needs at least one unit, one province and one day");
  }
  const int province_count = std::min(shape.provinces, shape.units);
  std::uniform_real_distribution<double> weight(0.5, 1.5);
  std::vector<double> weights(province_count);
  for (double& w : weights) w = weight(rng);
  // One unit each, the rest in proportion to the weights.
  std::vector<int64_t> units_per_province =
      surveillance::Apportion(shape.units - province_count, weights);
  for (int64_t& count : units_per_province) ++count;

  std::vector<Region> regions;
  regions.reserve(1 + province_count + shape.units);
  regions.push_back({std::string(kNationCode), "Nation", "", "", 0, 0, std::nullopt, std::nullopt});
  std::uniform_real_distribution<double> lat(kMinLat, kMaxLat);
  std::uniform_real_distribution<double> lon(kMinLon, kMaxLon);
  for (int province_idx = 0; province_idx < province_count; ++province_idx) {
    const double centre_lat = lat(rng);
    const double centre_lon = lon(rng);
    regions.push_back({fmt::format("{}-{:02}", kNationCode, province_idx + 1),
                       fmt::format("Province {:02}", province_idx + 1), "",
                       std::string(kNationCode), 1, 0, centre_lat, centre_lon});
  }
  std::lognormal_distribution<double> population(std::log(kMedianUnitPopulation),
                                                 kUnitPopulationSpread);
  std::uniform_real_distribution<double> stray(-kUnitStrayDegrees, kUnitStrayDegrees);
  for (int province_idx = 0; province_idx < province_count; ++province_idx) {
    // Copied, not referenced: the pushes below may move the vector.
    const std::string province_code = regions[1 + province_idx].code;
    const double province_lat = *regions[1 + province_idx].lat;
    const double province_lon = *regions[1 + province_idx].lon;
    int64_t province_population = 0;
    for (int64_t unit_number = 1; unit_number <= units_per_province[province_idx]; ++unit_number) {
      const int64_t persons =
          std::max(kMinUnitPopulation, static_cast<int64_t>(std::llround(population(rng))));
      const double unit_lat = std::clamp(province_lat + stray(rng), -90.0, 90.0);
      const double unit_lon = std::clamp(province_lon + stray(rng), -180.0, 180.0);
      regions.push_back({fmt::format("{}-{:04}", province_code, unit_number),
                         fmt::format("Unit {:02}-{:04}", province_idx + 1, unit_number), "",
                         province_code, 2, persons, unit_lat, unit_lon});
      province_population += persons;
    }
    regions[1 + province_idx].population = province_population;
    regions.front().population += province_population;
  }
  return regions;
}

ReportSeries::ReportSeries(const CountryShape& shape, const std::vector<Region>& regions,
                           std::mt19937_64& rng)
    : rng_(rng),
      days_(shape.days),
      day_(shape.first_day),
      wave_width_days_(std::max(kMinWaveWidthDays, kWaveWidthFraction * shape.days)) {
  std::normal_distribution<double> province_shift(0, kProvinceShiftFraction * shape.days);
  std::normal_distribution<double> unit_shift(0, kUnitShiftFraction * shape.days);
  std::lognormal_distribution<double> unit_factor(0, kUnitFactorSpread);
  std::unordered_map<std::string, std::vector<double>> province_peaks;
  for (const Region& region : regions) {
    if (region.level == 1) {
      std::vector<double>& peaks = province_peaks[region.code];
      for (double fraction : kWavePeakFractions) {
        peaks.push_back(fraction * shape.days + province_shift(rng));
      }
    } else if (region.level == 2) {
      Unit unit;
      unit.population = static_cast<double>(region.population);
      unit.factor = unit_factor(rng);
      unit.wave_peak_days = province_peaks.at(region.parent);
      for (double& peak : unit.wave_peak_days) peak += unit_shift(rng);
      units_.push_back(std::move(unit));
      unit_codes_.push_back(region.code);
    }
  }
}

double ReportSeries::Incidence(const Unit& unit, int day_idx) const {
  double per_100k = kBackgroundPer100k;
  for (size_t wave_idx = 0; wave_idx < kWavePeakPer100k.size(); ++wave_idx) {
    const double z = (day_idx - unit.wave_peak_days[wave_idx]) / wave_width_days_;
    per_100k += kWavePeakPer100k[wave_idx] * std::exp(-0.5 * z * z);
  }
  // 1970-01-01 was a Thursday: days_since_epoch + 3 counts from a Monday.
  const int weekday = ((day_.days_since_epoch() + 3) % 7 + 7) % 7;
  const double weekday_factor = weekday >= 5 ? kWeekendFactor : 1.0;
  return per_100k * unit.factor * weekday_factor * 1e-5;
}

void ReportSeries::NextDay(std::vector<surveillance::ReportCounts>& counts) {
  counts.resize(units_.size());
  for (size_t unit_idx = 0; unit_idx < units_.size(); ++unit_idx) {
    Unit& unit = units_[unit_idx];
    surveillance::ReportCounts& report = counts[unit_idx];
    report.new_fever = Poisson(rng_, unit.population * Incidence(unit, day_idx_));
    report.new_recovered = Binomial(rng_, unit.under_treatment, 1.0 / kMeanTreatmentDays);
    report.new_deaths =
        Binomial(rng_, unit.under_treatment - report.new_recovered, kDeathsPerPersonDay);
    unit.under_treatment += report.new_fever - report.new_recovered - report.new_deaths;
    report.under_treatment = unit.under_treatment;
    const int64_t positive = Binomial(rng_, report.new_fever, kPositiveShare);
    report.positive = positive;
    report.tested = positive + Poisson(rng_, unit.population * kBackgroundTestsPer100k * 1e-5);
  }
  ++day_idx_;
  day_ = day_ + 1;
}

std::string RegionsCsv(const std::vector<Region>& regions) {
  std::string out = "code,name,name_local,parent,level,population,lat,lon\n";
  for (const Region& region : regions) {
    out += fmt::format("{},{},{},{},{},{},", region.code, region.name, region.name_local,
                       region.parent, region.level, region.population);
    if (region.lat && region.lon) {
      out += fmt::format("{:.4f},{:.4f}\n", *region.lat, *region.lon);
    } else {
      out += ",\n";
    }
  }
  return out;
}

std::string_view ReportsCsvHeader() {
  return "region,date,new_fever,new_recovered,new_deaths,under_treatment,tested,positive\n";
}

void AppendReportsCsvRow(std::string& out, std::string_view region, std::string_view date,
                         const surveillance::ReportCounts& counts) {
  out.append(region);
  out += ',';
  out.append(date);
  out += ',';
  AppendCount(out, counts.new_fever);
  out += ',';
  AppendCount(out, counts.new_recovered);
  out += ',';
  AppendCount(out, counts.new_deaths);
  out += ',';
  AppendCount(out, counts.under_treatment);
  out += ',';
  if (counts.tested) AppendCount(out, *counts.tested);
  out += ',';
  if (counts.positive) AppendCount(out, *counts.positive);
  out += '\n';
}

}  // namespace outbreak::bench
