// The component schemas of the care resources: treatment centres, census, occupancy, workforce
// and deployment plans.

#include <boost/json.hpp>

#include "care/care_records.hpp"
#include "http/openapi.hpp"
#include "record/record_json.hpp"

namespace outbreak::http {

using boost::json::array;
using boost::json::object;
using namespace schema;

namespace {

object Worst() {
  return Properties({{"region", Nullable("string")},
                     {"patients", Integer()},
                     {"workers", Integer()},
                     {"per_worker", Nullable("number")}});
}

}  // namespace

boost::json::object CareSchemas() {
  const object kinds{
      {"type", "string"},
      {"enum", array{"district_treatment_centre", "hospital", "isolation_ward", "mobile_unit"}}};
  const object statuses{{"type", "string"}, {"enum", array{"open", "standby", "closed"}}};
  const object categories{
      {"type", "string"},
      {"enum", array{"doctor", "section_doctor", "nurse", "pharmacist", "traditional_doctor",
                     "medical_student", "military_medic", "lab_technician"}}};
  const object finding = Properties({{"kind", Type("string")},
                                     {"subject", Type("string")},
                                     {"date", Date()},
                                     {"message", Type("string")}});
  const object census = record::Schema(care::CensusRecord());
  object centre = Properties({{"code", Type("string")},
                              {"name", Type("string")},
                              {"region", Type("string")},
                              {"kind", kinds},
                              {"status", statuses},
                              {"beds", Properties({{"general", Integer()},
                                                   {"intensive", Integer()},
                                                   {"isolation", Integer()},
                                                   {"total", Integer()}})},
                              {"staff", Integer()}});
  object occupancy_centre = centre;
  occupancy_centre["properties"].as_object()["census"] =
      object{{"oneOf", array{census, Type("null")}}};
  occupancy_centre["properties"].as_object()["occupancy"] = Nullable("number");
  occupancy_centre["properties"].as_object()["days_until_full"] = Nullable("integer");
  const object deployment = Properties({{"from", Type("string")},
                                        {"to", Type("string")},
                                        {"category", categories},
                                        {"workers", Integer()},
                                        {"start", Date()},
                                        {"end", Date()},
                                        {"travel_hours", Type("number")}});
  object out{
      {"Centre", centre},
      {"CentrePage", Page("Centre")},
      {"CensusPage", Page("CensusDay")},
      {"CareFinding", finding},
      {"CareWriteResult", Properties({{"added", Integer()},
                                      {"updated", Integer()},
                                      {"unchanged", Integer()},
                                      {"findings", ArrayOf(Ref("CareFinding"))}})},
      {"Occupancy", Properties({{"region", Type("string")},
                                {"as_of", Date()},
                                {"horizon_days", Integer()},
                                {"beds", Integer()},
                                {"occupied", Integer()},
                                {"occupancy", Nullable("number")},
                                {"centres", ArrayOf(occupancy_centre)},
                                {"findings", ArrayOf(Ref("CareFinding"))}})},
      {"Workforce", Properties({{"region", Type("string")},
                                {"as_of", Date()},
                                {"lines", ArrayOf(Properties({{"region", Type("string")},
                                                              {"category", categories},
                                                              {"counted_on", Date()},
                                                              {"on_duty", Integer()},
                                                              {"ill", Integer()},
                                                              {"quarantined", Integer()},
                                                              {"resting", Integer()},
                                                              {"longest_duty_run_days", Integer()},
                                                              {"deployed_away", Integer()},
                                                              {"deployed_in", Integer()},
                                                              {"available", Integer()}}))},
                                {"findings", ArrayOf(Ref("CareFinding"))}})},
      {"PlanRequest", Properties({{"within", Type("string")},
                                  {"level", Integer()},
                                  {"as_of", Date()},
                                  {"horizon_days", Integer()},
                                  {"deployment_days", Integer()},
                                  {"min_retention_percent", Integer()},
                                  {"max_travel_hours", Type("number")},
                                  {"road_speed_kmh", Type("number")},
                                  {"travel", ArrayOf(Properties({{"from", Type("string")},
                                                                 {"to", Type("string")},
                                                                 {"hours", Type("number")}}))}})},
      {"Plan",
       Properties({{"id", Integer()},
                   {"status", object{{"type", "string"}, {"enum", array{"proposed", "adopted"}}}},
                   {"created_at", Type("string")},
                   {"created_by", Type("string")},
                   {"adopted_by", Nullable("string")},
                   {"adopted_at", Nullable("string")},
                   {"scope", Type("string")},
                   {"level", Integer()},
                   {"as_of", Date()},
                   {"start", Date()},
                   {"end", Date()},
                   {"horizon_days", Integer()},
                   {"options", Type("object")},
                   {"regions", ArrayOf(Type("object"))},
                   {"categories", ArrayOf(Properties({{"category", categories},
                                                      {"worst_before", Worst()},
                                                      {"worst_after", Worst()},
                                                      {"workers_moved", Integer()},
                                                      {"travel_worker_hours", Type("number")},
                                                      {"uncovered", ArrayOf(Type("string"))},
                                                      {"regions", ArrayOf(Type("object"))}}))},
                   {"deployments", ArrayOf(deployment)},
                   {"notes", ArrayOf(Type("string"))}})},
      {"PlanPage", Page("Plan")},
  };
  return out;
}

}  // namespace outbreak::http
