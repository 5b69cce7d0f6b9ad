#include "guidance/plenary_report.hpp"

#include <algorithm>
#include <map>

namespace outbreak::guidance {

PlenaryReport BuildPlenaryReport(
    Date as_of, std::string region, std::vector<ProvinceInfo> provinces,
    const std::vector<Finding>& findings, const std::vector<Visit>& visits,
    const std::function<std::string(const std::string&)>& province_of) {
  PlenaryReport report;
  report.as_of = as_of;
  report.region = std::move(region);
  std::map<std::string, size_t> index;
  for (ProvinceInfo& info : provinces) {
    index[info.code] = report.provinces.size();
    report.provinces.push_back({std::move(info), 0, 0, 0, {}});
  }
  for (const Visit& visit : visits) {
    if (visit.date > as_of) continue;
    auto it = index.find(province_of(visit.region));
    if (it != index.end()) ++report.provinces[it->second].visits;
  }
  std::vector<std::map<Topic, std::vector<Finding>>> grouped(report.provinces.size());
  for (const Finding& finding : findings) {
    if (finding.date > as_of) continue;
    auto it = index.find(province_of(finding.region));
    if (it == index.end()) continue;
    ProvinceSection& section = report.provinces[it->second];
    (finding.status == FindingStatus::kOpen ? section.open : section.closed) += 1;
    ++report.findings;
    if (finding.status == FindingStatus::kOpen) ++report.open;
    grouped[it->second][finding.detail.topic].push_back(finding);
  }
  for (size_t idx = 0; idx < report.provinces.size(); ++idx) {
    for (Topic topic : AllTopics()) {
      auto it = grouped[idx].find(topic);
      if (it == grouped[idx].end()) continue;
      std::vector<Finding> list = std::move(it->second);
      std::sort(list.begin(), list.end(), [](const Finding& a, const Finding& b) {
        if (a.detail.severity != b.detail.severity) return a.detail.severity > b.detail.severity;
        if (a.date != b.date) return a.date < b.date;
        return a.id < b.id;
      });
      report.provinces[idx].topics.push_back({topic, std::move(list)});
    }
  }
  return report;
}

}  // namespace outbreak::guidance
