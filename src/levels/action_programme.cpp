#include "levels/action_programme.hpp"

#include <set>

#include <fmt/format.h>

#include "levels/sectioned_text.hpp"

namespace outbreak::levels {

namespace {

std::string Trimmed(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const size_t last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

}  // namespace

Result<ActionProgrammes> ParseActionProgrammes(std::string_view text, std::string_view file,
                                               const LevelRules& rules) {
  std::vector<std::string> errors;
  const SectionedText parsed = ReadSectionedText(text, file, errors);
  ActionProgrammes programmes;
  std::set<std::string> seen;
  for (const TextSetting& setting : parsed.settings) {
    if (setting.key != "version") {
      errors.push_back(fmt::format("{}:{}: {}: is not a setting of the file (version)", file,
                                   setting.line, setting.key));
    } else if (!seen.insert(setting.key).second) {
      errors.push_back(fmt::format("{}:{}: version: set twice", file, setting.line));
    } else if (setting.value.empty()) {
      errors.push_back(fmt::format("{}:{}: version: is empty", file, setting.line));
    } else {
      programmes.version = setting.value;
    }
  }
  if (!seen.contains("version")) {
    errors.push_back(fmt::format("{}:1: version: missing: say which programmes these are", file));
  }
  std::set<std::string> levels_seen;
  for (const TextSection& section : parsed.sections) {
    if (section.kind.empty()) continue;  // already reported
    if (!rules.IndexOf(section.name)) {
      errors.push_back(fmt::format("{}:{}: level: \"{}\" is not a level of the rules ({})", file,
                                   section.line, section.name, rules.KeyList()));
    }
    if (!levels_seen.insert(section.name).second) {
      errors.push_back(
          fmt::format("{}:{}: level: {} appears twice", file, section.line, section.name));
    }
    std::vector<TaskTemplate>& tasks = programmes.tasks[section.name];
    for (const TextSetting& setting : section.settings) {
      const std::string where = fmt::format("{}:{}: {}", file, setting.line, setting.key);
      if (setting.key != "task") {
        errors.push_back(where + ": is not a setting of a level (task)");
        continue;
      }
      const size_t first = setting.value.find('|');
      const size_t second =
          first == std::string::npos ? std::string::npos : setting.value.find('|', first + 1);
      if (second == std::string::npos) {
        errors.push_back(
            fmt::format("{}: \"{}\" is not DAYS | UNIT | TITLE", where, setting.value));
        continue;
      }
      const std::string days_text = Trimmed(std::string_view(setting.value).substr(0, first));
      TaskTemplate task;
      task.unit = Trimmed(std::string_view(setting.value).substr(first + 1, second - first - 1));
      task.title = Trimmed(std::string_view(setting.value).substr(second + 1));
      task.line = setting.line;
      const std::optional<int> days = ParseWholeNumber(days_text);
      bool good = true;
      if (!days || *days < 0 || *days > 365) {
        errors.push_back(
            fmt::format("{}: days: \"{}\" is not a whole number from 0 to 365", where, days_text));
        good = false;
      }
      if (task.unit.empty()) {
        errors.push_back(where + ": unit: is empty");
        good = false;
      }
      if (task.title.empty()) {
        errors.push_back(where + ": title: is empty");
        good = false;
      }
      if (!good) continue;
      task.due_after_days = *days;
      tasks.push_back(std::move(task));
    }
  }
  if (!errors.empty()) {
    std::string message =
        fmt::format("{}: {} error(s) in the action programmes", file, errors.size());
    return Status::InvalidArgument(std::move(message), std::move(errors));
  }
  return programmes;
}

std::vector<PlannedTask> TasksFor(const ActionProgrammes& programmes, std::string_view level,
                                  Date day) {
  std::vector<PlannedTask> out;
  auto it = programmes.tasks.find(std::string(level));
  if (it == programmes.tasks.end()) return out;
  for (const TaskTemplate& task : it->second) {
    out.push_back({task.title, task.unit, day + task.due_after_days});
  }
  return out;
}

std::string_view TaskStateName(TaskState state) {
  switch (state) {
    case TaskState::kOpen:
      return "open";
    case TaskState::kDone:
      return "done";
    case TaskState::kOverdue:
      return "overdue";
  }
  return "open";
}

TaskState StateOn(Date due, bool done, Date today) {
  if (done) return TaskState::kDone;
  return today > due ? TaskState::kOverdue : TaskState::kOpen;
}

}  // namespace outbreak::levels
