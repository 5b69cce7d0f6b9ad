#include "app/demo.hpp"

#include <fmt/format.h>

#include "app/file_text.hpp"
#include "surveillance/demo_derivation.hpp"

namespace outbreak::app {

Result<DemoSummary> LoadDemo(SurveillanceService& service, const std::string& data_dir,
                             const std::string& user, const DemoTargets& targets) {
  const std::string folder = data_dir + "/dprk2022";
  Result<std::string> regions_text = ReadFileText(folder + "/regions.csv");
  if (!regions_text.ok()) return regions_text.status();
  Result<std::string> national_text = ReadFileText(folder + "/national.csv");
  if (!national_text.ok()) return national_text.status();
  Result<std::string> provinces_text = ReadFileText(folder + "/provinces.csv");
  if (!provinces_text.ok()) return provinces_text.status();

  Result<RegionImportResult> regions =
      service.ImportRegions(*regions_text, folder + "/regions.csv");
  if (!regions.ok()) return regions.status();
  auto national = surveillance::ParseNationalCsv(*national_text, folder + "/national.csv");
  if (!national.ok()) return national.status();
  auto provinces = surveillance::ParseProvincesCsv(*provinces_text, folder + "/provinces.csv");
  if (!provinces.ok()) return provinces.status();
  auto derived = surveillance::DeriveLeafSeries(service.tree(), *national, *provinces);
  if (!derived.ok()) return derived.status();

  const Actor actor{user, "demo: derived county figures (data/README.md)",
                    "demo (derived from published national and broadcast provincial figures)"};
  if (Status s = service.SaveOpenings(derived->openings, actor); !s.ok()) return s;
  std::vector<ReportInput> inputs;
  inputs.reserve(derived->reports.size());
  for (const surveillance::DailyReport& report : derived->reports) {
    inputs.push_back(
        {service.tree().region(report.region).code, report.date, report.counts, std::nullopt});
  }
  Result<ReportWriteResult> written = service.SubmitReports(inputs, actor);
  if (!written.ok()) return written.status();

  DemoSummary summary;
  summary.regions = service.tree().size();
  summary.reports_added = written->added;
  summary.reports_unchanged = written->unchanged;
  summary.findings = written->findings.size();
  summary.first_day = national->front().date;
  summary.last_day = national->back().date;
  if (targets.care != nullptr) {
    auto care_summary = LoadCareDemo(service, *targets.care, user);
    if (!care_summary.ok()) return care_summary.status();
    summary.care = *care_summary;
  }
  if (targets.supply != nullptr) {
    auto supply_summary = LoadSupplyDemo(service, *targets.supply, data_dir, user);
    if (!supply_summary.ok()) return supply_summary.status();
    summary.supply = *supply_summary;
  }
  if (targets.guidance != nullptr) {
    auto guidance_summary = LoadGuidanceDemo(service, *targets.guidance, data_dir, user);
    if (!guidance_summary.ok()) return guidance_summary.status();
    summary.guidance = *guidance_summary;
  }
  if (targets.levels != nullptr) {
    auto levels_summary = LoadLevelsDemo(service, *targets.levels, data_dir, user);
    if (!levels_summary.ok()) return levels_summary.status();
    summary.levels = *levels_summary;
  }
  return summary;
}

}  // namespace outbreak::app
