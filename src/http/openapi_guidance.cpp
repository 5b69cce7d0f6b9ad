// The component schemas of the guidance resources: the roster, checklists, team plans and teams,
// visits, findings and the compiled report.

#include <boost/json.hpp>

#include "guidance/guidance_records.hpp"
#include "http/openapi.hpp"
#include "record/record_json.hpp"

namespace outbreak::http {

using boost::json::array;
using boost::json::object;
using namespace schema;

boost::json::object GuidanceSchemas() {
  const object positions =
      Enum({"presidium_member", "politburo_member", "politburo_alternate", "secretary",
            "department_official", "cabinet_official", "judicial_official",
            "prosecutorial_official", "public_health_official"});
  const object expertise = Enum({"agriculture", "industry", "livelihood", "medicine_supply",
                                 "public_health", "public_security", "law", "prevention"});
  const object topics =
      Enum({"medicine_supply", "treatment", "livelihood", "prevention", "industry", "agriculture"});
  const object answer_types = Enum({"yes_no", "number", "rating", "text"});
  const object severities = Enum({"low", "medium", "high", "critical"});
  const object official = Properties({{"code", Type("string")},
                                      {"name", Type("string")},
                                      {"position", positions},
                                      {"expertise", ArrayOf(expertise)},
                                      {"home", Type("string")},
                                      {"available", Type("boolean")},
                                      {"user", Nullable("string")}},
                                     array{"code", "name", "position", "home"});
  const object question = Properties({{"code", Type("string")},
                                      {"topic", topics},
                                      {"text", Type("string")},
                                      {"answer_type", answer_types}},
                                     array{"code", "topic", "text", "answer_type"});
  const object member = Properties({{"code", Type("string")},
                                    {"name", Type("string")},
                                    {"position", positions},
                                    {"expertise", ArrayOf(expertise)},
                                    {"home", Type("string")}});
  const object team =
      Properties({{"id", Integer()},
                  {"plan", Integer()},
                  {"seq", Integer()},
                  {"area", Type("string")},
                  {"area_name", Type("string")},
                  {"provinces", ArrayOf(Type("string"))},
                  {"leader", Properties({{"code", Type("string")}, {"name", Type("string")}})},
                  {"members", ArrayOf(member)},
                  {"workload", Number()},
                  {"workload_per_member", Number()},
                  {"duties", ArrayOf(topics)}});
  const object plan = Properties({{"id", Integer()},
                                  {"status", Enum({"proposed", "adopted", "superseded"})},
                                  {"created_at", Type("string")},
                                  {"created_by", Type("string")},
                                  {"adopted_by", Nullable("string")},
                                  {"adopted_at", Nullable("string")},
                                  {"objective", Properties({{"max_workload_per_member", Number()},
                                                            {"sum_workload_per_member", Number()},
                                                            {"proven_optimal", Type("boolean")}})},
                                  {"rules", Type("object")},
                                  {"areas", ArrayOf(Type("object"))},
                                  {"pins", ArrayOf(Type("object"))},
                                  {"excluded", ArrayOf(Type("string"))},
                                  {"unassigned", ArrayOf(Type("string"))},
                                  {"teams", ArrayOf(Ref("GuidanceTeam"))}});
  const object finding = Properties({{"id", Integer()},
                                     {"visit", Integer()},
                                     {"team", Integer()},
                                     {"region", Type("string")},
                                     {"date", Date()},
                                     {"topic", topics},
                                     {"severity", severities},
                                     {"evidence", Type("string")},
                                     {"measure", Type("string")},
                                     {"owner", Type("string")},
                                     {"status", Enum({"open", "closed"})},
                                     {"recorded_by", Type("string")},
                                     {"recorded_at", Type("string")},
                                     {"closed_by", Nullable("string")},
                                     {"closed_at", Nullable("string")},
                                     {"closure", Nullable("string")}});
  const object answer =
      Properties({{"question", Type("string")}, {"value", object{}}}, array{"question", "value"});
  const object indicators = Properties({{"population", Integer()},
                                        {"cumulative_fever", Integer()},
                                        {"deaths", Integer()},
                                        {"under_treatment", Integer()},
                                        {"new_7d", Integer()}});
  return {
      {"GuidanceOfficial", official},
      {"GuidanceOfficialPage", Page("GuidanceOfficial")},
      {"GuidanceWriteCounts",
       Properties({{"added", Integer()}, {"updated", Integer()}, {"unchanged", Integer()}})},
      {"GuidanceChecklist", Properties({{"version", Integer()},
                                        {"title", Type("string")},
                                        {"created_at", Type("string")},
                                        {"created_by", Type("string")},
                                        {"created", Type("boolean")},
                                        {"questions", ArrayOf(question)}})},
      {"GuidanceChecklistList", Properties({{"items", ArrayOf(Ref("GuidanceChecklist"))}})},
      {"GuidanceTeam", team},
      {"GuidanceTeamList",
       Properties({{"plan", Nullable("integer")}, {"items", ArrayOf(Ref("GuidanceTeam"))}})},
      {"GuidancePlan", plan},
      {"GuidancePlanList", Properties({{"items", ArrayOf(Ref("GuidancePlan"))}})},
      {"GuidancePlanRequest",
       Properties(
           {{"pins", ArrayOf(Properties({{"official", Type("string")}, {"area", Type("string")}},
                                        array{"official", "area"}))},
            {"exclude", ArrayOf(Type("string"))},
            {"needs", object{{"type", "object"}, {"additionalProperties", ArrayOf(expertise)}}},
            {"default_needs", ArrayOf(expertise)},
            {"groups", ArrayOf(Properties({{"code", Type("string")},
                                           {"name", Type("string")},
                                           {"provinces", ArrayOf(Type("string"))}},
                                          array{"code", "provinces"}))},
            {"min_size", Integer()},
            {"max_size", Integer()},
            {"min_department_officials", Integer()},
            {"population_weight", Number()},
            {"county_weight", Number()},
            {"open_finding_weight", Number()},
            {"adopt", Type("boolean")}})},
      {"GuidanceVisit", Properties({{"id", Integer()},
                                    {"team", Integer()},
                                    {"region", Type("string")},
                                    {"date", Date()},
                                    {"checklist_version", Integer()},
                                    {"answers", ArrayOf(answer)},
                                    {"findings", ArrayOf(Integer())},
                                    {"note", Type("string")},
                                    {"recorded_by", Type("string")},
                                    {"recorded_at", Type("string")}})},
      {"GuidanceVisitPage", Page("GuidanceVisit")},
      {"GuidanceChecklistInput", record::Schema(guidance::ChecklistRecord())},
      {"GuidanceQuestionInput", record::Schema(guidance::QuestionRecord())},
      {"GuidanceVisitInput", record::Schema(guidance::VisitRecord())},
      {"GuidanceAnswerInput", record::Schema(guidance::AnswerRecord())},
      {"GuidanceFindingInput", record::Schema(guidance::FindingRecord())},
      {"GuidanceFindingClosure", record::Schema(guidance::ClosureRecord())},
      {"GuidanceFinding", finding},
      {"GuidanceFindingPage", Page("GuidanceFinding")},
      {"PlenaryReport",
       Properties({{"as_of", Date()},
                   {"region", Type("string")},
                   {"findings", Integer()},
                   {"open", Integer()},
                   {"provinces",
                    ArrayOf(Properties(
                        {{"code", Type("string")},
                         {"name", Type("string")},
                         {"indicators", indicators},
                         {"team", Properties({{"leader", Nullable("string")},
                                              {"members", ArrayOf(Type("string"))}})},
                         {"visits", Integer()},
                         {"open", Integer()},
                         {"closed", Integer()},
                         {"topics", ArrayOf(Properties(
                                        {{"topic", topics},
                                         {"title", Type("string")},
                                         {"findings", ArrayOf(Ref("GuidanceFinding"))}}))}}))}})},
  };
}

}  // namespace outbreak::http
