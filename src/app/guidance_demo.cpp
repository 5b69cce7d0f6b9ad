#include "app/guidance_demo.hpp"

#include "app/file_text.hpp"
#include "guidance/roster_csv.hpp"

namespace outbreak::app {

Result<std::map<std::string, std::vector<std::string>>> ReadNeedsFile(
    const SurveillanceService& surveillance, const std::string& path) {
  Result<std::string> text = ReadFileText(path);
  if (!text.ok()) return text.status();
  return surveillance.WithTree([&](const RegionTree& tree) {
    return guidance::ParseNeedsCsv(*text, path, [&](std::string_view code) -> std::string {
      std::optional<RegionIdx> idx = tree.Find(code);
      if (idx && tree.region(*idx).level == 1) return "";
      // A group's code is not a region; groups are given with the plan request.
      return idx ? "is not a province" : "";
    });
  });
}

Result<GuidanceDemoSummary> LoadGuidanceDemo(const SurveillanceService& surveillance,
                                             GuidanceService& guidance, const std::string& data_dir,
                                             const std::string& user) {
  const std::string folder = data_dir + "/dprk2022";
  const Actor actor{user, "demo: illustrative roster and checklist (data/README.md)", "demo"};
  GuidanceDemoSummary summary;
  Result<std::string> roster = ReadFileText(folder + "/guidance_roster.csv");
  if (!roster.ok()) return roster.status();
  auto officials = guidance.ImportRoster(*roster, folder + "/guidance_roster.csv", actor);
  if (!officials.ok()) return officials.status();
  summary.officials_added = officials->added;
  Result<std::string> checklist = ReadFileText(folder + "/guidance_checklist.csv");
  if (!checklist.ok()) return checklist.status();
  auto version = guidance.ImportChecklist(*checklist, folder + "/guidance_checklist.csv",
                                          "Survey of the first half of 2022 (illustrative)", actor);
  if (!version.ok()) return version.status();
  summary.checklist_version = version->checklist.version;
  auto adopted = guidance.AdoptedPlan();
  if (!adopted.ok()) return adopted.status();
  if (adopted->has_value()) {
    summary.plan = (*adopted)->id;
    summary.teams = (*adopted)->teams.size();
    return summary;
  }
  auto needs = ReadNeedsFile(surveillance, folder + "/guidance_needs.csv");
  if (!needs.ok()) return needs.status();
  TeamPlanRequest request;
  request.needs = std::move(*needs);
  request.adopt = true;
  auto plan = guidance.Plan(request, actor);
  if (!plan.ok()) return plan.status();
  summary.plan = plan->id;
  summary.teams = plan->teams.size();
  return summary;
}

}  // namespace outbreak::app
