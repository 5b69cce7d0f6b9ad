#pragma once
// A synthetic country for the benchmarks: a nation, its provinces and reporting units, and the
// units' daily reports over a span of days, shaped like an epidemic that comes in waves.
//
// Deterministic: the same shape and the same seeded random source give the same country, byte
// for byte. The random source is passed in and drawn in a fixed order; nothing here is global.
// No I/O: the caller writes the CSV text that these functions build.
//
// The model, per reporting unit and day d:
//  * new_fever ~ Poisson(population × incidence(d)), where incidence is a background rate plus
//    three Gaussian waves whose peaks move by province and by unit, times a per-unit factor
//    (log-normal), and a little lower at weekends, when fewer people come forward;
//  * of the persons under treatment at the close of d-1, each recovers with probability
//    1 / kMeanTreatmentDays, and each of the rest dies with probability kDeathsPerPersonDay
//    (both Binomial), so new_recovered + new_deaths never exceeds under_treatment(d-1);
//  * under_treatment(d) = under_treatment(d-1) + new_fever - new_recovered - new_deaths, from 0
//    before the first day (no opening balances): the identity of DESIGN.md holds on every row;
//  * positive ~ Binomial(new_fever, kPositiveShare), tested = positive + Poisson(background tests).

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/region.hpp"
#include "surveillance/daily_report.hpp"

namespace outbreak::bench {

struct CountryShape {
  int units = 3000;    // reporting units (leaves), spread over the provinces
  int provinces = 30;  // level-1 regions; capped at `units` so that none is empty
  int days = 1000;     // days of reports, one per unit and day
  Date first_day = Date::FromCivil(2020, 1, 1);  // the first reporting day
};

// The nation "XX", its provinces "XX-01".. and its units "XX-01-0001".. (numbered within each
// province), in that order: the nation, every province, then the units province by province.
// A province's population is the sum of its units'. Units are given to provinces in random
// proportions, at least one each.
std::vector<Region> GenerateRegions(const CountryShape& shape, std::mt19937_64& rng);

// The daily reports of the units of a GenerateRegions() country, one day at a time.
class ReportSeries {
 public:
  // `regions` is what GenerateRegions(shape, ...) returned; the series keeps no reference to it.
  // `rng` must outlive the series.
  ReportSeries(const CountryShape& shape, const std::vector<Region>& regions, std::mt19937_64& rng);

  // The day that NextDay() produces next.
  Date day() const { return day_; }
  bool done() const { return day_idx_ >= days_; }
  // Fills `counts` with one report per unit (in the order of units()) for day(), then moves on
  // to the next day. Must not be called once done().
  void NextDay(std::vector<surveillance::ReportCounts>& counts);
  // The units' codes, in report order (which is code order).
  const std::vector<std::string>& units() const { return unit_codes_; }

 private:
  struct Unit {
    double population = 0;               // persons
    double factor = 1;                   // the unit's share of the national incidence
    std::vector<double> wave_peak_days;  // day index of each wave's peak, here
    int64_t under_treatment = 0;         // at the close of the last day produced
  };

  double Incidence(const Unit& unit, int day_idx) const;  // new cases per person per day

  std::mt19937_64& rng_;
  int days_ = 0;
  int day_idx_ = 0;
  Date day_;
  double wave_width_days_ = 1;
  std::vector<std::string> unit_codes_;
  std::vector<Unit> units_;
};

// The regions CSV: code,name,name_local,parent,level,population,lat,lon.
std::string RegionsCsv(const std::vector<Region>& regions);

// The header line of the reports CSV, with its newline:
// region,date,new_fever,new_recovered,new_deaths,under_treatment,tested,positive
std::string_view ReportsCsvHeader();
// Appends one reports CSV line; `date` is already "YYYY-MM-DD" (formatted once per day, not per
// row). Missing tested/positive counts are written as empty fields.
void AppendReportsCsvRow(std::string& out, std::string_view region, std::string_view date,
                         const surveillance::ReportCounts& counts);

}  // namespace outbreak::bench
