// Deployment plans: the stored JSON document and its text.

#include <fmt/format.h>
#include <boost/json.hpp>

#include "report/care_render.hpp"
#include "report/format.hpp"

namespace outbreak::report {

namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

value PerWorker(const care::Load& load) {
  if (load.infinite()) return nullptr;
  return load.PerWorker();
}

object Worst(const care::Load& load, int region, const PlanContext& context) {
  return {{"region", region >= 0 ? value(context.regions[region].code) : value(nullptr)},
          {"patients", load.patients},
          {"workers", load.workers},
          {"per_worker", PerWorker(load)}};
}

std::string Str(const object& o, const char* key) {
  const value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

int64_t Int(const object& o, const char* key) {
  const value* v = o.if_contains(key);
  return v != nullptr && v->is_number() ? v->to_number<int64_t>() : 0;
}

double Number(const object& o, const char* key) {
  const value* v = o.if_contains(key);
  return v != nullptr && v->is_number() ? v->to_number<double>() : 0;
}

const array& Array(const object& o, const char* key) {
  static const array kEmpty;
  const value* v = o.if_contains(key);
  return v != nullptr && v->is_array() ? v->as_array() : kEmpty;
}

std::string LoadText(const object& worst) {
  const value* per_worker = worst.if_contains("per_worker");
  const std::string region = Str(worst, "region");
  if (region.empty()) return "no patients";
  if (per_worker == nullptr || per_worker->is_null()) return region + " no worker";
  return fmt::format("{} {} ({}/{})", region, Decimal(per_worker->to_number<double>()),
                     Count(Int(worst, "patients")), Count(Int(worst, "workers")));
}

}  // namespace

boost::json::object PlanDetailJson(const PlanContext& context, const care::PlannerResult& result) {
  array regions;
  for (const PlanRegionFigures& region : context.regions) {
    regions.push_back(object{{"code", region.code},
                             {"name", region.name},
                             {"patients_now", region.patients_now},
                             {"patients_planned", region.patients_planned},
                             {"forecast", region.forecast}});
  }
  array categories;
  for (const care::CategoryBalance& balance : result.categories) {
    array lines;
    int64_t moved = 0;
    for (size_t idx = 0; idx < context.regions.size(); ++idx) {
      const int64_t patients = context.regions[idx].patients_planned;
      moved += std::max<int64_t>(0, balance.after[idx] - balance.before[idx]);
      lines.push_back(object{{"region", context.regions[idx].code},
                             {"workers_before", balance.before[idx]},
                             {"workers_after", balance.after[idx]},
                             {"per_worker_before", PerWorker({patients, balance.before[idx]})},
                             {"per_worker_after", PerWorker({patients, balance.after[idx]})}});
    }
    array uncovered;
    for (int idx : balance.uncovered) uncovered.push_back(value(context.regions[idx].code));
    categories.push_back(
        object{{"category", care::CategoryName(balance.category)},
               {"worst_before", Worst(balance.worst_before, balance.worst_region_before, context)},
               {"worst_after", Worst(balance.worst_after, balance.worst_region_after, context)},
               {"workers_moved", moved},
               {"travel_worker_hours", balance.travel_worker_minutes / 60.0},
               {"uncovered", std::move(uncovered)},
               {"regions", std::move(lines)}});
  }
  array deployments;
  for (const care::Deployment& d : result.deployments) {
    deployments.push_back(object{{"from", context.regions[d.from].code},
                                 {"to", context.regions[d.to].code},
                                 {"category", care::CategoryName(d.category)},
                                 {"workers", d.workers},
                                 {"start", context.start.ToString()},
                                 {"end", context.end.ToString()},
                                 {"travel_hours", d.travel_minutes / 60.0}});
  }
  array notes;
  for (const std::string& note : context.notes) notes.push_back(value(note));
  return {{"scope", context.scope},
          {"level", context.level},
          {"as_of", context.as_of.ToString()},
          {"start", context.start.ToString()},
          {"end", context.end.ToString()},
          {"horizon_days", context.horizon_days},
          {"options", object{{"min_retention_percent", context.options.min_retention_percent},
                             {"max_travel_hours", context.options.max_travel_hours},
                             {"road_speed_kmh", context.options.road_speed_kmh},
                             {"travel_table", context.travel_table}}},
          {"regions", std::move(regions)},
          {"categories", std::move(categories)},
          {"deployments", std::move(deployments)},
          {"notes", std::move(notes)}};
}

boost::json::object PlanDocument(int64_t id, const std::string& status,
                                 const std::string& created_at, const std::string& created_by,
                                 const std::string& adopted_by, const std::string& adopted_at,
                                 const std::string& detail_json) {
  object out{{"id", id},
             {"status", status},
             {"created_at", created_at},
             {"created_by", created_by},
             {"adopted_by", adopted_by.empty() ? value(nullptr) : value(adopted_by)},
             {"adopted_at", adopted_at.empty() ? value(nullptr) : value(adopted_at)}};
  boost::system::error_code ec;
  value detail = boost::json::parse(detail_json, ec);
  if (!ec && detail.is_object()) {
    for (auto& [key, item] : detail.as_object()) out[key] = std::move(item);
  }
  return out;
}

std::string RenderPlanText(const boost::json::object& plan) {
  const object empty;
  const value* options_value = plan.if_contains("options");
  const object& options =
      options_value != nullptr && options_value->is_object() ? options_value->as_object() : empty;
  std::string out = fmt::format(
      "PLAN {} ({}): balance of the medical workforce over the {} level-{} regions under {}, from "
      "the data of {}\n",
      Int(plan, "id"), Str(plan, "status"), Array(plan, "regions").size(), Int(plan, "level"),
      Str(plan, "scope"), Str(plan, "as_of"));
  out += fmt::format(
      "Load: patients per worker of the category, patients being those under treatment on {} or "
      "the forecast peak over the next {} days, whichever is larger.\n",
      Str(plan, "as_of"), Int(plan, "horizon_days"));
  const value* table = options.if_contains("travel_table");
  out += fmt::format(
      "Limits: each region keeps {}% of its own workers; no journey over {} h ({}); a region "
      "gives or receives a category, never both.\nDeployments run from {} to {}.\n\n",
      Int(options, "min_retention_percent"), Number(options, "max_travel_hours"),
      table != nullptr && table->is_bool() && table->as_bool()
          ? "distance table, else centroids"
          : fmt::format("centroids at {} km/h", Number(options, "road_speed_kmh")),
      Str(plan, "start"), Str(plan, "end"));
  out += fmt::format("{:<19} {:<34} {:<34} {:>7} {:>10}\n", "category", "worst before",
                     "worst after", "moved", "travel h");
  for (const value& item : Array(plan, "categories")) {
    const object& category = item.as_object();
    out += fmt::format("{:<19} {:<34} {:<34} {:>7} {:>10}\n", Str(category, "category"),
                       LoadText(category.at("worst_before").as_object()),
                       LoadText(category.at("worst_after").as_object()),
                       Count(Int(category, "workers_moved")),
                       Decimal(Number(category, "travel_worker_hours")));
    for (const value& code : Array(category, "uncovered")) {
      out += fmt::format("  {} has patients and no {} within reach\n",
                         std::string(code.as_string()), Str(category, "category"));
    }
  }
  const array& deployments = Array(plan, "deployments");
  out += fmt::format("\n{} deployment(s)\n", deployments.size());
  if (!deployments.empty()) {
    out += fmt::format("{:<12} {:<12} {:<19} {:>8} {:>8}\n", "from", "to", "category", "workers",
                       "hours");
  }
  for (const value& item : deployments) {
    const object& d = item.as_object();
    out += fmt::format("{:<12} {:<12} {:<19} {:>8} {:>8.1f}\n", Str(d, "from"), Str(d, "to"),
                       Str(d, "category"), Count(Int(d, "workers")), Number(d, "travel_hours"));
  }
  for (const value& note : Array(plan, "notes")) {
    out += "note: " + std::string(note.as_string()) + "\n";
  }
  return out;
}

std::string RenderPlanListText(const boost::json::array& plans) {
  std::string out = fmt::format("{:>5} {:<9} {:<11} {:<8} {:>5} {:<21} {}\n", "plan", "status",
                                "as of", "scope", "level", "created", "by");
  for (const value& item : plans) {
    const object& plan = item.as_object();
    out += fmt::format("{:>5} {:<9} {:<11} {:<8} {:>5} {:<21} {}\n", Int(plan, "id"),
                       Str(plan, "status"), Str(plan, "as_of"), Str(plan, "scope"),
                       Int(plan, "level"), Str(plan, "created_at"), Str(plan, "created_by"));
  }
  return out;
}

}  // namespace outbreak::report
