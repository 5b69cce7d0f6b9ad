#include "app/levels_demo.hpp"

#include "app/file_text.hpp"

namespace outbreak::app {

namespace {

const Date kSwitchDay = Date::FromCivil(2022, 5, 12);
constexpr char kSwitchLevel[] = "maximum_emergency";
constexpr char kSwitchReason[] =
    "Switch from the state epidemic prevention system to the maximum emergency epidemic "
    "prevention system (Political Bureau, 12 May 2022)";

}  // namespace

Result<LevelsDemoSummary> LoadLevelsDemo(const SurveillanceService& surveillance,
                                         LevelsService& levels, const std::string& data_dir,
                                         const std::string& user) {
  LevelsDemoSummary summary;
  const Actor actor{user, "demo: default prevention rules and programmes", "demo"};
  for (const char* kind : {"rules", "programmes"}) {
    const bool rules = std::string(kind) == "rules";
    const std::string path =
        data_dir + (rules ? "/prevention_rules.txt" : "/action_programmes.txt");
    Result<std::string> text = ReadFileText(path);
    if (!text.ok()) return text.status();
    auto in_force = levels.Document(kind);
    if (!in_force.ok()) return in_force.status();
    if (in_force->has_value() && (*in_force)->text == *text) {
      (rules ? summary.rules_version : summary.programmes_version) = (*in_force)->version;
      continue;
    }
    auto loaded =
        rules ? levels.LoadRules(*text, path, actor) : levels.LoadProgrammes(*text, path, actor);
    if (!loaded.ok()) return loaded.status();
    (rules ? summary.rules_version : summary.programmes_version) = loaded->version;
    ++summary.documents_loaded;
  }
  const std::string root = surveillance.WithTree(
      [](const RegionTree& tree) { return tree.empty() ? std::string() : tree.region(0).code; });
  auto history = levels.History(root);
  if (!history.ok()) return history.status();
  for (const levels::DecisionView& decision : *history) {
    if (decision.region == root && decision.day == kSwitchDay && decision.outcome == "set") {
      return summary;
    }
  }
  auto decision = levels.SetLevel(root, kSwitchLevel, kSwitchDay, kSwitchReason, actor);
  if (!decision.ok()) return decision.status();
  summary.decisions = 1;
  summary.tasks = decision->tasks;
  return summary;
}

}  // namespace outbreak::app
