#include "http/openapi.hpp"

#include <cctype>

#include <boost/json.hpp>

#include "record/record_json.hpp"
#include "surveillance/report_record.hpp"

namespace outbreak::http {

namespace schema {

using boost::json::array;
using boost::json::object;

object Ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }
object Type(const char* type) { return {{"type", type}}; }
object Integer() { return Type("integer"); }
object Number() { return Type("number"); }
object String() { return Type("string"); }
object Boolean() { return Type("boolean"); }
object Date() { return {{"type", "string"}, {"format", "date"}}; }
object Nullable(const char* type) { return {{"type", array{type, "null"}}}; }
object ArrayOf(object items) { return {{"type", "array"}, {"items", std::move(items)}}; }
object Enum(array values) { return {{"type", "string"}, {"enum", std::move(values)}}; }

object Properties(object properties, array required) {
  object out{{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) out["required"] = std::move(required);
  return out;
}

object Page(const std::string& item) {
  return Properties({{"items", ArrayOf(Ref(item))},
                     {"total", Integer()},
                     {"limit", Integer()},
                     {"offset", Integer()}});
}

object Batch(const std::string& list, const std::string& item) {
  return {{"oneOf", array{Ref(item), Properties({{list, ArrayOf(Ref(item))}, {"reason", String()}},
                                                array{boost::json::string(list)})}}};
}

}  // namespace schema

namespace {

using boost::json::array;
using boost::json::object;
using namespace schema;

object Counts() {
  return {{"type", "object"},
          {"properties",
           {{"new_fever", Integer()},
            {"new_recovered", Integer()},
            {"new_deaths", Integer()},
            {"under_treatment", Integer()},
            {"tested", Nullable("integer")},
            {"positive", Nullable("integer")}}}};
}

object Schemas() {
  object flows{
      {"type", "object"},
      {"properties", {{"fever", Integer()}, {"recovered", Integer()}, {"deaths", Integer()}}}};
  object situation{{"type", "object"},
                   {"properties",
                    {{"region", Ref("Region")},
                     {"new", flows},
                     {"cumulative", flows},
                     {"under_treatment", Integer()},
                     {"change_1d", Type("object")},
                     {"change_7d", Type("object")},
                     {"avg_7d", Type("object")},
                     {"new_per_100k", Type("number")},
                     {"completeness", Type("object")}}}};
  object sitrep = situation;
  sitrep["properties"].as_object()["as_of"] = Date();
  sitrep["properties"].as_object()["children"] = ArrayOf(situation);
  // A child in a region's detail: the region and its centroid.
  const object centroid{{"type", "object"},
                        {"properties", {{"lat", Nullable("number")}, {"lon", Nullable("number")}}}};
  const object child_region{{"allOf", array{Ref("Region"), centroid}}};
  return {
      {"Error",
       {{"type", "object"},
        {"properties",
         {{"error",
           {{"type", "object"},
            {"properties",
             {{"code", Type("string")},
              {"message", Type("string")},
              {"details", ArrayOf(Type("string"))}}}}}}}}},
      {"Health", {{"type", "object"}, {"properties", {{"status", Type("string")}}}}},
      {"LoginResponse",
       {{"type", "object"},
        {"properties",
         {{"token", Type("string")}, {"expires_at", Type("string")}, {"user", Ref("User")}}}}},
      {"User",
       {{"type", "object"},
        {"properties",
         {{"name", Type("string")},
          {"role", Type("string")},
          {"region", Type("string")},
          {"disabled", Type("boolean")}}}}},
      {"UserPage", Page("User")},
      {"Region",
       {{"type", "object"},
        {"properties",
         {{"code", Type("string")},
          {"name", Type("string")},
          {"name_local", Type("string")},
          {"level", Integer()},
          {"population", Integer()},
          {"parent", Nullable("string")}}}}},
      {"RegionDetail",
       {{"type", "object"},
        {"properties",
         {{"region", Ref("Region")},
          {"reporting_unit", Type("boolean")},
          {"lat", Nullable("number")},
          {"lon", Nullable("number")},
          {"children", ArrayOf(child_region)}}}}},
      {"RegionPage", Page("Region")},
      {"ReportInput", record::Schema(surveillance::ReportRecord())},
      {"ReportBatch", Batch("reports", "ReportInput")},
      {"WriteResult",
       {{"type", "object"},
        {"properties",
         {{"added", Integer()},
          {"corrected", Integer()},
          {"unchanged", Integer()},
          {"findings", Ref("Findings")}}}}},
      {"Report",
       {{"type", "object"},
        {"properties",
         {{"region", Type("string")},
          {"date", Date()},
          {"counts", Counts()},
          {"version", Integer()}}}}},
      {"ReportPage", Page("Report")},
      {"Sitrep", sitrep},
      {"Series", {{"type", "object"}}},
      {"Completeness", {{"type", "object"}}},
      {"Findings",
       {{"type", "object"},
        {"properties", {{"count", Integer()}, {"findings", ArrayOf(Type("object"))}}}}},
      {"History", {{"type", "object"}}},
      {"AuditEntry",
       {{"type", "object"},
        {"properties",
         {{"id", Integer()},
          {"recorded_at", Type("string")},
          {"user", Type("string")},
          {"address", Type("string")},
          {"action", Type("string")},
          {"target", Type("string")},
          {"old", {}},
          {"new", {}}}}}},
      {"AuditPage", Page("AuditEntry")},
      {"Rt",
       {{"type", "object"},
        {"properties",
         {{"region", Type("string")},
          {"serial_interval", Type("string")},
          {"estimates", ArrayOf(Type("object"))}}}}},
      {"Forecast",
       {{"type", "object"},
        {"properties",
         {{"region", Type("string")},
          {"origin", Date()},
          {"history_days", Integer()},
          {"warning", Nullable("string")},
          {"skill",
           {{"type", array{"object", "null"}},
            {"description", "The method's backtested skill in this region over its recent origins"},
            {"properties",
             {{"state", Enum({"too little data", "unreliable", "reliable"})},
              {"reason", Nullable("string")},
              {"summary", Type("string")},
              {"horizons", ArrayOf(Type("object"))}}}}},
          {"assumptions", Type("object")},
          {"days", ArrayOf(Type("object"))}}}}},
      {"Backtest",
       {{"type", "object"},
        {"properties",
         {{"region", Type("string")},
          {"horizons", ArrayOf(Type("object"))},
          {"origins_skipped", Integer()}}}}},
      {"Trends",
       {{"type", "object"},
        {"properties",
         {{"region", Type("string")},
          {"as_of", Date()},
          {"statement", Type("string")},
          {"growth", Type("object")},
          {"children", ArrayOf(Type("object"))},
          {"alerts", ArrayOf(Type("object"))}}}}},
  };
}

object AllSchemas(const Router& router) {
  object schemas = Schemas();
  // The schemas of declared records, added with their routes (record_routes.hpp).
  for (const auto& [name, schema] : router.schemas()) schemas[name] = schema;
  for (auto& [name, schema] : CareSchemas()) schemas[name] = schema;
  for (auto& [name, schema] : GuidanceSchemas()) schemas[name] = schema;
  for (auto& [name, schema] : SupplySchemas()) schemas[name] = schema;
  for (auto& [name, schema] : LevelsSchemas()) schemas[name] = schema;
  return schemas;
}

std::string OperationId(const Route& route) {
  std::string id = route.method;
  for (char c : route.pattern) {
    id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  }
  return id;
}

}  // namespace

boost::json::value BuildOpenApi(const Router& router) {
  object paths;
  for (const Route& route : router.routes()) {
    if (!route.doc.in_description) continue;
    array parameters;
    for (const std::string& segment : SplitPath(route.pattern)) {
      if (segment.size() > 2 && segment.front() == '{') {
        parameters.push_back(object{{"name", segment.substr(1, segment.size() - 2)},
                                    {"in", "path"},
                                    {"required", true},
                                    {"schema", Type("string")}});
      }
    }
    for (const ParamDoc& param : route.doc.query) {
      object schema = param.type == "date" ? Date() : Type(param.type.c_str());
      if (param.type == "integer" && param.max > param.min) {
        schema["minimum"] = param.min;
        schema["maximum"] = param.max;
      }
      parameters.push_back(object{{"name", param.name},
                                  {"in", "query"},
                                  {"required", param.required},
                                  {"description", param.description},
                                  {"schema", schema}});
    }
    object success{{"description", "success"}};
    if (!route.doc.response_schema.empty()) {
      success["content"] =
          object{{"application/json", object{{"schema", Ref(route.doc.response_schema)}}}};
    }
    object responses{
        {std::to_string(route.doc.success_status), success},
        {"default",
         object{{"description", "error"},
                {"content", object{{"application/json", object{{"schema", Ref("Error")}}}}}}}};
    object operation{{"summary", route.doc.summary},
                     {"operationId", OperationId(route)},
                     {"tags", array{boost::json::string(route.doc.tag)}},
                     {"parameters", std::move(parameters)},
                     {"responses", std::move(responses)}};
    if (route.permission) {
      operation["security"] = array{object{{"bearerAuth", array{}}}};
      operation["x-permission"] = std::string(access::PermissionName(*route.permission));
    } else {
      operation["security"] = array{};
    }
    if (!route.region_param.empty()) operation["x-region-param"] = route.region_param;
    if (route.slow) operation["x-slow"] = true;  // run on the worker pool; 503 when it is full
    if (route.national) {
      operation["x-national"] = true;
      operation["description"] = "Only callers whose home region is the whole country.";
    }
    if (!route.doc.request_schema.empty()) {
      operation["requestBody"] =
          object{{"required", true},
                 {"content",
                  object{{"application/json", object{{"schema", Ref(route.doc.request_schema)}}}}}};
    }
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    boost::json::value& entry = paths[route.pattern];
    if (!entry.is_object()) entry.emplace_object();
    entry.as_object()[method] = std::move(operation);
  }
  return object{
      {"openapi", "3.0.3"},
      {"info",
       object{{"title", "Outbreak API"},
              {"version", "1"},
              {"description",
               "The command system of a national emergency epidemic prevention headquarters. "
               "Lists are paged with limit and offset; errors answer {\"error\": {\"code\", "
               "\"message\", \"details\"}}; writes accept an Idempotency-Key header."}}},
      {"paths", std::move(paths)},
      {"components",
       object{{"schemas", AllSchemas(router)},
              {"securitySchemes",
               object{{"bearerAuth", object{{"type", "http"}, {"scheme", "bearer"}}}}}}},
  };
}

}  // namespace outbreak::http
