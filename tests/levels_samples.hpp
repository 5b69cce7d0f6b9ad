#pragma once
// The prevention-level ground of the tests generated from the route table (api_fixture.hpp):
// before the server starts, the rules are evaluated on a day when two provinces qualify to be
// lowered (proposal 1 exists), and a county and its province get a level of their own, so each
// has tasks that a caller of that region may mark done; then sample bodies and path values that
// a caller who may use a route is not refused for.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "test_server.hpp"

namespace outbreak::testing {

// The day the suite evaluates the rules on: Pyongyang and North Hamgyong qualify to leave
// maximum emergency (docs/levels.md).
constexpr char kEvaluateDay[] = "2022-06-25";
// The first proposal of that evaluation, for the routes that name a proposal.
constexpr char kProposalId[] = "1";

// A task of each region that has its own, by region code (filled by SetUpLevels).
inline std::map<std::string, std::string>& LevelTasks() {
  static std::map<std::string, std::string> tasks;
  return tasks;
}

inline std::string SetUpLevels(const TestDatabase& database) {
  namespace json = boost::json;
  const std::vector<std::vector<std::string>> commands = {
      {"levels", "evaluate", "--as-of", kEvaluateDay},
      {"levels", "set", "--region", "KP-04-003", "--level", "heightened", "--day", "2022-05-20",
       "--reason", "test ground"},
      {"levels", "set", "--region", "KP-04", "--level", "heightened", "--day", "2022-05-20",
       "--reason", "test ground"}};
  for (const std::vector<std::string>& args : commands) {
    const RunResult run = database.Cli(args);
    if (run.exit_code != 0) return "outbreak levels " + args[1] + ": " + run.err;
  }
  for (const char* region : {"KP", "KP-04", "KP-04-003"}) {
    const RunResult run = database.Cli({"levels", "tasks", "--region", region, "--format", "json"});
    if (run.exit_code != 0) return "outbreak levels tasks: " + run.err;
    const json::value listed = json::parse(run.out);
    for (const json::value& task : listed.at("tasks").as_array()) {
      if (task.at("region").as_string() == region) {
        LevelTasks()[region] = std::to_string(task.at("id").as_int64());
        break;
      }
    }
    if (!LevelTasks().contains(region)) return std::string("no task of ") + region;
  }
  return "";
}

// The value of a path segment of a levels route for a call acting on `region`; nullopt when the
// segment is not one of theirs.
inline std::optional<std::string> LevelsPathValue(const std::string& segment,
                                                  const std::string& region) {
  if (segment == "{proposal}") return kProposalId;
  if (segment != "{task}") return std::nullopt;
  auto it = LevelTasks().find(region);
  return it != LevelTasks().end() ? it->second : LevelTasks()["KP"];
}

// A body for the request schema, or nullopt when it is not a levels schema.
inline std::optional<std::string> LevelsSampleBody(const std::string& schema,
                                                   const std::string& region) {
  namespace json = boost::json;
  json::object body;
  if (schema == "RulesDocument") {
    body = {{"text",
             "version = sample\n[level normal]\nname = Normal\n[level heightened]\nname = High\n"
             "[level maximum_emergency]\nname = Maximum\n"},
            {"dry_run", true}};
  } else if (schema == "ProgrammesDocument") {
    body = {{"text", "version = sample\n[level heightened]\ntask = 1 | unit | Sample task\n"},
            {"dry_run", true}};
  } else if (schema == "EvaluateRequest") {
    body = {{"region", region}, {"as_of", kEvaluateDay}};
  } else if (schema == "LevelDecision") {
    body = {{"decision", "accept"}, {"reason", "sample"}};
  } else if (schema == "LevelSet") {
    body = {
        {"region", region}, {"level", "heightened"}, {"day", "2022-05-20"}, {"reason", "sample"}};
  } else if (schema == "TaskDone") {
    body = {{"note", "sample"}};
  } else {
    return std::nullopt;
  }
  return json::serialize(body);
}

}  // namespace outbreak::testing
