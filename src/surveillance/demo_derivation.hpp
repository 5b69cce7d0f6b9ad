#pragma once
// The 2022 demo series: daily reports for every reporting unit, derived from the national and
// provincial figures published during the DPRK's May–August 2022 fever outbreak.
//
// Only the national series and part of the provincial one were ever published; every figure
// below the root that this produces is DERIVED, never reported, and must be labelled so. The
// derivation keeps the published national dailies exact and adds nothing of its own: at every
// level of the tree and on every day, the units' new fever cases, recoveries, deaths and persons
// under treatment add up exactly to the published national figures (a missing figure counts as
// zero), and the opening balances add up to the national "since late April" figures.
//
// Method (top-down: each parent's series is split among its children, recursively, so reporting
// units may sit at any depth; every split is the largest-remainder apportionment of apportion.hpp,
// ties to the child listed first):
//  * Opening balance, as of the day before the first national day: the first national row's
//    cumulative figures less its own daily ones (fever 350,000 - 18,000; recovered 162,200;
//    deaths 6). Fever is split by population; recovered in proportion to each child's opening
//    fever (never more than it); deaths in proportion to fever - recovered (never more).
//  * New fever, nation -> provinces: on a day for which every province's figure was broadcast,
//    each province gets its broadcast figure plus a population share of the national remainder
//    (national - sum of broadcast); if the broadcast figures add up to more than the national
//    one, the national figure is split in proportion to them instead. On the other days the split
//    follows province shares interpolated linearly in time between the nearest such days
//    (constant before the first and after the last; population shares if there are none).
//    Below the provinces: by population.
//  * New recovered: in proportion to each child's "available" persons, its under-treatment of
//    the day before plus its new fever of the day, never more than that. New deaths: in
//    proportion to what then remains available, never more.
//  * Under treatment: each child's own identity ut(d-1) + fever - recovered - deaths. The
//    parent's residual (its figure less the sum of these; non-zero only where the published
//    national figures break the identity: rounding to tens, and days such as 2022-06-07...09 whose
//    figure leaves out the 71 cumulative deaths) goes to the child with the most under treatment
//    that day, or is taken from it, and from the next largest when it would go below zero. So the
//    reporting units satisfy the identity exactly except on the days where the national series does
//    not.
// Only the provinces' new fever figures steer the split; their broadcast recovered, deaths and
// under-treatment figures are parsed and checked but not used.
//
// Pure functions; no I/O.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/region_tree.hpp"
#include "core/status.hpp"
#include "surveillance/daily_report.hpp"

namespace outbreak::surveillance {

// One row of national.csv: the headquarters' figures for a reference day.
struct NationalDay {
  Date date;
  int64_t new_fever = 0;
  std::optional<int64_t> new_recovered;  // empty on the first day, which carries no daily figure
  std::optional<int64_t> new_deaths;     // likewise
  int64_t under_treatment = 0;           // at the close of the day
  int64_t cum_fever = 0;                 // since late April, this day included
  int64_t cum_recovered = 0;
  int64_t cum_deaths = 0;
};

// One row of provinces.csv: a province's figures for a reference day as read out on KCTV. A
// figure that was not read out is empty.
struct ProvinceDay {
  Date date;
  std::string region;  // ISO 3166-2:KP code of a province-level unit
  std::optional<int64_t> new_fever;
  std::optional<int64_t> new_recovered;
  std::optional<int64_t> new_deaths;
  std::optional<int64_t> under_treatment;
};

// Parse national.csv: date,new_fever,new_recovered,new_deaths,under_treatment,cum_fever,
// cum_recovered,cum_deaths. new_recovered and new_deaths may be empty; the rest are required.
// Every bad field is reported at once ("file:line: field: "value" reason").
Result<std::vector<NationalDay>> ParseNationalCsv(std::string_view text, std::string_view source);

// Parse provinces.csv: date,report_date,region,new_fever,new_recovered,new_deaths,
// under_treatment. The counts may be empty; report_date must be a date but is otherwise unused.
Result<std::vector<ProvinceDay>> ParseProvincesCsv(std::string_view text, std::string_view source);

struct DerivedSeries {
  std::vector<OpeningBalance> openings;  // one per reporting unit, in tree.leaves() order
  std::vector<DailyReport> reports;      // one per reporting unit and national day, by date then
                                         // in tree.leaves() order
};

// Derives the reporting units' series by the method above. `national` must be consecutive days
// in order. Errors (InvalidArgument, all of them at once): an empty national series; dates not
// consecutive; opening figures that do not fit (recovered + deaths > fever); a day with more
// recoveries and deaths than persons available; a province row whose region is not a child of
// the root, whose date is not a national day, or that repeats a (date, region).
Result<DerivedSeries> DeriveLeafSeries(const RegionTree& tree,
                                       const std::vector<NationalDay>& national,
                                       const std::vector<ProvinceDay>& provinces);

}  // namespace outbreak::surveillance
