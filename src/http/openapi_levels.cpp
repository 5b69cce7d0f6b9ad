// The component schemas of prevention levels: rules, programmes, levels, indicators, proposals,
// decisions, the replay and tasks.

#include <boost/json.hpp>

#include "http/openapi.hpp"

namespace outbreak::http {

using boost::json::array;
using boost::json::object;
using namespace schema;

namespace {

object Trigger() {
  return Properties({{"indicator", Type("string")},
                     {"comparison", Enum({">=", ">", "<=", "<"})},
                     {"threshold", Number()},
                     {"value", Number()}});
}

}  // namespace

boost::json::object LevelsSchemas() {
  const object condition = Properties({{"indicator", Type("string")},
                                       {"comparison", Enum({">=", ">", "<=", "<"})},
                                       {"threshold", Number()}});
  const object region_level = Properties({{"region", Type("string")},
                                          {"name", Type("string")},
                                          {"level", Type("string")},
                                          {"rank", Integer()},
                                          {"since", Nullable("string")},
                                          {"set_on", Nullable("string")},
                                          {"decision", Nullable("integer")}});
  object indicators;
  for (const char* name :
       {"incidence_7d_per_100k", "rt_mean", "rt_upper", "growth_rate", "bed_occupancy",
        "medicine_days_of_cover", "patients_per_doctor", "reporting_completeness"}) {
    indicators[name] = Nullable("number");
  }
  object indicator_region = region_level;
  indicator_region["properties"].as_object()["indicators"] = Properties(std::move(indicators));
  return {
      {"RegionLevel", region_level},
      {"RegionLevels", Properties({{"levels", ArrayOf(Ref("RegionLevel"))}})},
      {"LevelRules",
       Properties({{"version", Type("string")},
                   {"region_level", Integer()},
                   {"raise_after_days", Integer()},
                   {"lower_after_days", Integer()},
                   {"min_days_at_level", Integer()},
                   {"levels", ArrayOf(Properties({{"key", Type("string")},
                                                  {"name", Type("string")},
                                                  {"rank", Integer()},
                                                  {"measures", ArrayOf(Type("string"))},
                                                  {"raise", ArrayOf(condition)},
                                                  {"lower", ArrayOf(condition)},
                                                  {"min_days", Integer()}}))}})},
      {"ActionProgrammes", Properties({{"version", Type("string")},
                                       {"levels",
                                        {{"type", "object"},
                                         {"additionalProperties",
                                          ArrayOf(Properties({{"due_after_days", Integer()},
                                                              {"unit", Type("string")},
                                                              {"title", Type("string")}}))}}}})},
      {"LoadedDocument", Properties({{"dry_run", Type("boolean")},
                                     {"id", Integer()},
                                     {"version", Type("string")},
                                     {"source", Type("string")}})},
      {"LevelIndicators",
       Properties({{"as_of", Date()}, {"regions", ArrayOf(std::move(indicator_region))}})},
      {"Evaluation", Properties({{"as_of", Date()},
                                 {"regions", Integer()},
                                 {"proposed", ArrayOf(Ref("Proposal"))},
                                 {"kept", Integer()},
                                 {"superseded", Integer()}})},
      {"Proposal", Properties({{"id", Integer()},
                               {"region", Type("string")},
                               {"name", Type("string")},
                               {"day", Date()},
                               {"from_level", Type("string")},
                               {"to_level", Type("string")},
                               {"status", Enum({"pending", "accepted", "rejected", "overridden",
                                                "superseded"})},
                               {"rules_version", Type("string")},
                               {"triggers", ArrayOf(Trigger())},
                               {"created_by", Type("string")},
                               {"created_at", Type("string")},
                               {"decision", Nullable("integer")}})},
      {"ProposalPage", Page("Proposal")},
      {"Decision", Properties({{"id", Integer()},
                               {"proposal", Nullable("integer")},
                               {"region", Type("string")},
                               {"name", Type("string")},
                               {"day", Date()},
                               {"outcome", Enum({"accepted", "rejected", "overridden", "set"})},
                               {"from_level", Type("string")},
                               {"to_level", Type("string")},
                               {"reason", Type("string")},
                               {"rules_version", Type("string")},
                               {"programmes_version", Type("string")},
                               {"decided_by", Type("string")},
                               {"decided_at", Type("string")},
                               {"tasks", Integer()}})},
      {"DecisionPage", Page("Decision")},
      {"Replay",
       Properties({{"from", Date()},
                   {"to", Date()},
                   {"rules_version", Type("string")},
                   {"regions", ArrayOf(Type("string"))},
                   {"changes", ArrayOf(Properties({{"region", Type("string")},
                                                   {"name", Type("string")},
                                                   {"day", Date()},
                                                   {"from_level", Type("string")},
                                                   {"to_level", Type("string")},
                                                   {"triggers", ArrayOf(Trigger())}}))}})},
      {"Task", Properties({{"id", Integer()},
                           {"decision", Integer()},
                           {"region", Type("string")},
                           {"name", Type("string")},
                           {"level", Type("string")},
                           {"title", Type("string")},
                           {"unit", Type("string")},
                           {"due", Date()},
                           {"state", Enum({"open", "done", "overdue"})},
                           {"done_by", Nullable("string")},
                           {"done_at", Nullable("string")},
                           {"note", Type("string")}})},
      {"TaskPage", Page("Task")},
  };
}

}  // namespace outbreak::http
