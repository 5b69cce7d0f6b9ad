#include "surveillance/report_record.hpp"

#include <limits>

#include "core/bounds.hpp"

namespace outbreak::surveillance {

using record::Code;
using record::Day;
using record::WholeAt;

const record::Record<ReportLine>& ReportRecord() {
  static const record::Record<ReportLine> kRecord{
      .schema = "ReportInput",
      .list = "reports",
      .about = "The day's figures of one reporting unit",
      .fields =
          {
              Code("region", &ReportLine::region).About("the reporting unit's code"),
              Day("date", &ReportLine::date)
                  .About("the reference day: the 24 hours that close at its reporting hour"),
              WholeAt<ReportLine>(
                  "new_fever", [](auto& r) -> auto& { return r.counts.new_fever; }, 0,
                  kMaxPopulation)
                  .Unit("persons")
                  .About("new fever cases in the day"),
              WholeAt<ReportLine>(
                  "new_recovered", [](auto& r) -> auto& { return r.counts.new_recovered; }, 0,
                  kMaxPopulation)
                  .Unit("persons")
                  .About("persons who recovered in the day"),
              WholeAt<ReportLine>(
                  "new_deaths", [](auto& r) -> auto& { return r.counts.new_deaths; }, 0,
                  kMaxPopulation)
                  .Unit("persons")
                  .About("deaths in the day"),
              WholeAt<ReportLine>(
                  "under_treatment", [](auto& r) -> auto& { return r.counts.under_treatment; }, 0,
                  kMaxPopulation)
                  .Unit("persons")
                  .About("persons under treatment at the close of the day"),
              WholeAt<ReportLine>(
                  "tested", [](auto& r) -> auto& { return r.counts.tested; }, 0, kMaxPopulation)
                  .Unit("persons")
                  .About("persons tested in the day, when reported"),
              WholeAt<ReportLine>(
                  "positive", [](auto& r) -> auto& { return r.counts.positive; }, 0, kMaxPopulation)
                  .Unit("persons")
                  .About("of whom positive, when reported"),
              WholeAt<ReportLine>(
                  "expected_version", [](auto& r) -> auto& { return r.expected_version; }, 0,
                  std::numeric_limits<int>::max())
                  .About("a correction: the version it corrects (409 when the report changed "
                         "since)"),
          },
      .key = {"region", "date"},
      .owners = {{"region", ""}},
      .permission = access::Permission::kWriteReports,
  };
  return kRecord;
}

}  // namespace outbreak::surveillance
