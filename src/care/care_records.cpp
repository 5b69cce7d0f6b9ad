#include "care/care_records.hpp"

namespace outbreak::care {

using access::Permission;
using record::Choice;
using record::Code;
using record::Day;
using record::Text;
using record::Whole;

// Days of duty in a row, at most (ten years).
constexpr int64_t kMaxDutyRunDays = 3'650;

const record::Record<TreatmentCentre>& CentreRecord() {
  static const record::Record<TreatmentCentre> kRecord{
      .schema = "CentreInput",
      .list = "centres",
      .about = "A treatment centre: its region, kind, status, beds and staff",
      .fields =
          {
              Code("code", &TreatmentCentre::code).About("stable identifier, e.g. KP-04-003-DTC"),
              Text("name", &TreatmentCentre::name),
              Code("region", &TreatmentCentre::region).About("the region it serves"),
              Choice("kind", &TreatmentCentre::kind,
                     {CentreKind::kDistrictTreatmentCentre, CentreKind::kHospital,
                      CentreKind::kIsolationWard, CentreKind::kMobileUnit},
                     CentreKindName),
              Choice("status", &TreatmentCentre::status,
                     {CentreStatus::kOpen, CentreStatus::kStandby, CentreStatus::kClosed},
                     CentreStatusName)
                  .Optional()
                  .About("open when not given"),
              Whole("beds_general", &TreatmentCentre::beds_general).Optional().Unit("beds"),
              Whole("beds_intensive", &TreatmentCentre::beds_intensive).Optional().Unit("beds"),
              Whole("beds_isolation", &TreatmentCentre::beds_isolation).Optional().Unit("beds"),
              Whole("staff", &TreatmentCentre::staff).Optional().Unit("persons"),
          },
      .key = {"code"},
      .owners = {{"region", ""}},
      .permission = Permission::kManageCare,
  };
  return kRecord;
}

const record::Record<CensusDay>& CensusRecord() {
  static const record::Record<CensusDay> kRecord{
      .schema = "CensusDay",
      .list = "census",
      .about = "A centre's patients at the close of a day and its movements during it",
      .fields =
          {
              Code("centre", &CensusDay::centre).About("centre code"),
              Day("date", &CensusDay::date),
              Whole("occupied", &CensusDay::occupied)
                  .Unit("patients")
                  .About("in beds at the close of the day"),
              Whole("admitted", &CensusDay::admitted).Unit("patients"),
              Whole("discharged", &CensusDay::discharged).Unit("patients").About("recovered"),
              Whole("died", &CensusDay::died).Unit("patients"),
              Whole("transferred", &CensusDay::transferred)
                  .Optional()
                  .Unit("patients")
                  .About("to another centre"),
          },
      .key = {"centre", "date"},
      .owners = {{"centre", "centre"}},
      .permission = Permission::kWriteCensus,
  };
  return kRecord;
}

const record::Record<WorkforceCount>& WorkforceRecord() {
  static const record::Record<WorkforceCount> kRecord{
      .schema = "WorkforceCount",
      .list = "workforce",
      .about = "The medical workers of a category in a region on a day",
      .fields =
          {
              Code("region", &WorkforceCount::region),
              Choice("category", &WorkforceCount::category, AllCategories(), CategoryName),
              Day("date", &WorkforceCount::date),
              Whole("on_duty", &WorkforceCount::on_duty).Unit("persons"),
              Whole("ill", &WorkforceCount::ill).Optional().Unit("persons"),
              Whole("quarantined", &WorkforceCount::quarantined).Optional().Unit("persons"),
              Whole("resting", &WorkforceCount::resting).Optional().Unit("persons"),
              Whole("longest_duty_run_days", &WorkforceCount::longest_duty_run_days, 0,
                    kMaxDutyRunDays)
                  .Optional()
                  .Unit("days")
                  .About("the longest run of consecutive duty days among those on duty"),
          },
      .key = {"region", "category", "date"},
      .owners = {{"region", ""}},
      .permission = Permission::kManageCare,
  };
  return kRecord;
}

}  // namespace outbreak::care
