// SociStore: treatment centres, census and workforce counts.

#include <cmath>
#include <set>
#include <typeinfo>

#include <fmt/format.h>
#include <soci/soci.h>
#include <boost/json.hpp>

#include "store/soci_store.hpp"
#include "store/write_transaction.hpp"

namespace outbreak::store {

namespace {

using boost::json::object;

int64_t Int64At(const soci::row& row, size_t idx) { return IntegerAt(row, idx); }

object CentreJson(const care::TreatmentCentre& c) {
  return {{"name", c.name},
          {"region", c.region},
          {"kind", care::CentreKindName(c.kind)},
          {"status", care::CentreStatusName(c.status)},
          {"beds_general", c.beds_general},
          {"beds_intensive", c.beds_intensive},
          {"beds_isolation", c.beds_isolation},
          {"staff", c.staff}};
}

object CensusJson(const care::CensusDay& d) {
  return {{"occupied", d.occupied},
          {"admitted", d.admitted},
          {"discharged", d.discharged},
          {"died", d.died},
          {"transferred", d.transferred}};
}

object WorkforceJson(const care::WorkforceCount& w) {
  return {{"on_duty", w.on_duty},
          {"ill", w.ill},
          {"quarantined", w.quarantined},
          {"resting", w.resting},
          {"longest_duty_run_days", w.longest_duty_run_days}};
}

std::string Json(const object& value) { return boost::json::serialize(value); }

care::TreatmentCentre CentreFromRow(const soci::row& row) {
  care::TreatmentCentre c;
  c.code = row.get<std::string>(0);
  c.name = row.get<std::string>(1);
  c.region = row.get<std::string>(2);
  c.kind = care::ParseCentreKind(row.get<std::string>(3)).value_or(care::CentreKind::kHospital);
  c.status = care::ParseCentreStatus(row.get<std::string>(4)).value_or(care::CentreStatus::kOpen);
  c.beds_general = Int64At(row, 5);
  c.beds_intensive = Int64At(row, 6);
  c.beds_isolation = Int64At(row, 7);
  c.staff = Int64At(row, 8);
  return c;
}

care::CensusDay CensusFromRow(const soci::row& row) {
  return {row.get<std::string>(0), Date(static_cast<int32_t>(Int64At(row, 1))),
          Int64At(row, 2),         Int64At(row, 3),
          Int64At(row, 4),         Int64At(row, 5),
          Int64At(row, 6)};
}

care::WorkforceCount WorkforceFromRow(const soci::row& row) {
  care::WorkforceCount w;
  w.region = row.get<std::string>(0);
  w.category = care::ParseCategory(row.get<std::string>(1)).value_or(care::WorkerCategory::kDoctor);
  w.date = Date(static_cast<int32_t>(Int64At(row, 2)));
  w.on_duty = Int64At(row, 3);
  w.ill = Int64At(row, 4);
  w.quarantined = Int64At(row, 5);
  w.resting = Int64At(row, 6);
  w.longest_duty_run_days = Int64At(row, 7);
  return w;
}

constexpr const char* kCentreColumns =
    "code, name, region_code, kind, status, beds_general, beds_intensive, beds_isolation, staff";
constexpr const char* kCensusColumns =
    "centre_code, day, occupied, admitted, discharged, died, transferred";
constexpr const char* kWorkforceColumns =
    "region_code, category, day, on_duty, ill, quarantined, resting, longest_duty_run_days";

}  // namespace

int64_t IntegerAt(const soci::row& row, size_t idx) {
  switch (row.get_properties(idx).get_data_type()) {
    case soci::dt_long_long:
      return row.get<long long>(idx);
    case soci::dt_unsigned_long_long:
      return static_cast<int64_t>(row.get<unsigned long long>(idx));
    case soci::dt_double:  // an aggregate whose type the database does not declare
      return std::llround(row.get<double>(idx));
    case soci::dt_string:
      return std::stoll(row.get<std::string>(idx));
    default:
      // SQLite may describe an aggregate (SUM over 64-bit values) as an integer yet hold it as a
      // long long.
      try {
        return row.get<int>(idx);
      } catch (const std::bad_cast&) {
        return row.get<long long>(idx);
      }
  }
}

Result<WriteCounts> SociStore::SaveCentres(std::span<const care::TreatmentCentre> centres,
                                           const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect());
    const auto regions = RegionIds();
    WriteCounts counts;
    for (const care::TreatmentCentre& centre : centres) {
      if (!regions.contains(centre.region)) {
        return Status::InvalidArgument(
            fmt::format("centre {}: region \"{}\" is not known", centre.code, centre.region));
      }
      std::optional<care::TreatmentCentre> old;
      soci::rowset<soci::row> rows =
          (session().prepare << fmt::format("SELECT {} FROM treatment_centres WHERE code = :code",
                                            kCentreColumns),
           soci::use(centre.code));
      for (const soci::row& row : rows) old = CentreFromRow(row);
      if (old && *old == centre) {
        ++counts.unchanged;
        continue;
      }
      const std::string kind(care::CentreKindName(centre.kind));
      const std::string status(care::CentreStatusName(centre.status));
      const long long general = centre.beds_general, intensive = centre.beds_intensive,
                      isolation = centre.beds_isolation, staff = centre.staff;
      session() << "INSERT INTO treatment_centres (code, name, region_code, kind, status,"
                   " beds_general, beds_intensive, beds_isolation, staff, recorded_by,"
                   " recorded_at) VALUES (:code, :name, :region, :kind, :status, :general,"
                   " :intensive, :isolation, :staff, :who, :at) ON CONFLICT (code) DO UPDATE SET"
                   " name = excluded.name, region_code = excluded.region_code,"
                   " kind = excluded.kind, status = excluded.status,"
                   " beds_general = excluded.beds_general,"
                   " beds_intensive = excluded.beds_intensive,"
                   " beds_isolation = excluded.beds_isolation, staff = excluded.staff,"
                   " recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
          soci::use(centre.code), soci::use(centre.name), soci::use(centre.region), soci::use(kind),
          soci::use(status), soci::use(general), soci::use(intensive), soci::use(isolation),
          soci::use(staff), soci::use(context.user), soci::use(context.recorded_at);
      if (old) {
        ++counts.updated;
        InsertAudit({0, context.recorded_at, context.user, context.address, "centre.update",
                     centre.code, Json(CentreJson(*old)), Json(CentreJson(centre))});
      } else {
        ++counts.added;
      }
    }
    if (counts.added > 0) {
      InsertAudit({0, context.recorded_at, context.user, context.address, "centres.add",
                   context.source, "",
                   Json({{"centres", counts.added}, {"reason", context.reason}})});
    }
    transaction.Commit(ChangeKind::kCare);
    return counts;
  } catch (const std::exception& error) {
    return DatabaseError("saving treatment centres", error);
  }
}

Result<std::vector<care::TreatmentCentre>> SociStore::LoadCentres() {
  try {
    std::vector<care::TreatmentCentre> out;
    soci::rowset<soci::row> rows =
        (session().prepare << fmt::format("SELECT {} FROM treatment_centres ORDER BY code",
                                          kCentreColumns));
    for (const soci::row& row : rows) out.push_back(CentreFromRow(row));
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("loading treatment centres", error);
  }
}

Result<WriteCounts> SociStore::SaveCensus(std::span<const care::CensusDay> days,
                                          const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect());
    std::set<std::string> centres;
    soci::rowset<soci::row> codes = (session().prepare << "SELECT code FROM treatment_centres");
    for (const soci::row& row : codes) centres.insert(row.get<std::string>(0));
    WriteCounts counts;
    for (const care::CensusDay& day : days) {
      if (!centres.contains(day.centre)) {
        return Status::InvalidArgument(
            fmt::format("census of {}: \"{}\" is not a known treatment centre", day.date.ToString(),
                        day.centre));
      }
      const int key_day = day.date.days_since_epoch();
      std::optional<care::CensusDay> old;
      soci::rowset<soci::row> rows =
          (session().prepare << fmt::format(
               "SELECT {} FROM census WHERE centre_code = :centre AND day = :day", kCensusColumns),
           soci::use(day.centre), soci::use(key_day));
      for (const soci::row& row : rows) old = CensusFromRow(row);
      if (old && *old == day) {
        ++counts.unchanged;
        continue;
      }
      const long long occupied = day.occupied, admitted = day.admitted, discharged = day.discharged,
                      died = day.died, transferred = day.transferred;
      session() << "INSERT INTO census (centre_code, day, occupied, admitted, discharged, died,"
                   " transferred, recorded_by, recorded_at) VALUES (:centre, :day, :occupied,"
                   " :admitted, :discharged, :died, :transferred, :who, :at)"
                   " ON CONFLICT (centre_code, day) DO UPDATE SET occupied = excluded.occupied,"
                   " admitted = excluded.admitted, discharged = excluded.discharged,"
                   " died = excluded.died, transferred = excluded.transferred,"
                   " recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
          soci::use(day.centre), soci::use(key_day), soci::use(occupied), soci::use(admitted),
          soci::use(discharged), soci::use(died), soci::use(transferred), soci::use(context.user),
          soci::use(context.recorded_at);
      if (old) {
        ++counts.updated;
        object after = CensusJson(day);
        after["reason"] = context.reason;
        InsertAudit({0, context.recorded_at, context.user, context.address, "census.correct",
                     day.centre + "/" + day.date.ToString(), Json(CensusJson(*old)), Json(after)});
      } else {
        ++counts.added;
      }
    }
    if (counts.added > 0) {
      InsertAudit({0, context.recorded_at, context.user, context.address, "census.add",
                   context.source, "", Json({{"days", counts.added}, {"reason", context.reason}})});
    }
    transaction.Commit(ChangeKind::kCare);
    return counts;
  } catch (const std::exception& error) {
    return DatabaseError("saving the census", error);
  }
}

Result<std::vector<care::CensusDay>> SociStore::LoadCensus(std::optional<Date> from,
                                                           std::optional<Date> to) {
  try {
    std::vector<care::CensusDay> out;
    const int first = from ? from->days_since_epoch() : INT32_MIN;
    const int last = to ? to->days_since_epoch() : INT32_MAX;
    soci::rowset<soci::row> rows =
        (session().prepare << fmt::format("SELECT {} FROM census WHERE day >= :first AND"
                                          " day <= :last ORDER BY centre_code, day",
                                          kCensusColumns),
         soci::use(first), soci::use(last));
    for (const soci::row& row : rows) out.push_back(CensusFromRow(row));
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("loading the census", error);
  }
}

Result<WriteCounts> SociStore::SaveWorkforce(std::span<const care::WorkforceCount> counts_in,
                                             const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect());
    const auto regions = RegionIds();
    WriteCounts counts;
    for (const care::WorkforceCount& count : counts_in) {
      if (!regions.contains(count.region)) {
        return Status::InvalidArgument(
            fmt::format("workforce: region \"{}\" is not known", count.region));
      }
      const std::string category(care::CategoryName(count.category));
      const int key_day = count.date.days_since_epoch();
      std::optional<care::WorkforceCount> old;
      soci::rowset<soci::row> rows =
          (session().prepare << fmt::format("SELECT {} FROM workforce WHERE region_code = :region"
                                            " AND category = :category AND day = :day",
                                            kWorkforceColumns),
           soci::use(count.region), soci::use(category), soci::use(key_day));
      for (const soci::row& row : rows) old = WorkforceFromRow(row);
      if (old && *old == count) {
        ++counts.unchanged;
        continue;
      }
      const long long on_duty = count.on_duty, ill = count.ill, quarantined = count.quarantined,
                      resting = count.resting, run = count.longest_duty_run_days;
      session() << "INSERT INTO workforce (region_code, category, day, on_duty, ill, quarantined,"
                   " resting, longest_duty_run_days, recorded_by, recorded_at) VALUES (:region,"
                   " :category, :day, :on_duty, :ill, :quarantined, :resting, :run, :who, :at)"
                   " ON CONFLICT (region_code, category, day) DO UPDATE SET"
                   " on_duty = excluded.on_duty, ill = excluded.ill,"
                   " quarantined = excluded.quarantined, resting = excluded.resting,"
                   " longest_duty_run_days = excluded.longest_duty_run_days,"
                   " recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
          soci::use(count.region), soci::use(category), soci::use(key_day), soci::use(on_duty),
          soci::use(ill), soci::use(quarantined), soci::use(resting), soci::use(run),
          soci::use(context.user), soci::use(context.recorded_at);
      if (old) {
        ++counts.updated;
        InsertAudit({0, context.recorded_at, context.user, context.address, "workforce.update",
                     fmt::format("{}/{}/{}", count.region, category, count.date.ToString()),
                     Json(WorkforceJson(*old)), Json(WorkforceJson(count))});
      } else {
        ++counts.added;
      }
    }
    if (counts.added > 0) {
      InsertAudit({0, context.recorded_at, context.user, context.address, "workforce.add",
                   context.source, "",
                   Json({{"counts", counts.added}, {"reason", context.reason}})});
    }
    transaction.Commit(ChangeKind::kCare);
    return counts;
  } catch (const std::exception& error) {
    return DatabaseError("saving the workforce", error);
  }
}

Result<std::vector<care::WorkforceCount>> SociStore::LoadWorkforce() {
  try {
    std::vector<care::WorkforceCount> out;
    soci::rowset<soci::row> rows =
        (session().prepare << fmt::format("SELECT {} FROM workforce ORDER BY region_code,"
                                          " category, day",
                                          kWorkforceColumns));
    for (const soci::row& row : rows) out.push_back(WorkforceFromRow(row));
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("loading the workforce", error);
  }
}

}  // namespace outbreak::store
