#pragma once
// Renderers of the care reads and writes: centres, occupancy, workforce, findings (text and
// JSON), and deployment plans (plan_render.cpp).
//
// A plan is kept as the JSON document PlanDetailJson builds when it is made, so that what is
// shown later is exactly what was planned; RenderPlanText renders that document.

#include <span>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "care/care_findings.hpp"
#include "care/care_views.hpp"
#include "care/centre.hpp"
#include "care/deployment_planner.hpp"
#include "core/region_tree.hpp"

namespace outbreak::report {

boost::json::object CentreJson(const care::TreatmentCentre& centre);
std::string RenderCentresText(std::span<const care::TreatmentCentre> centres);
boost::json::object CensusJson(const care::CensusDay& census);

boost::json::array CareFindingsJson(std::span<const care::CareFinding> findings);
std::string RenderCareFindingsText(std::span<const care::CareFinding> findings, size_t max_lines);
// {"added", "updated", "unchanged", "findings"}
boost::json::object CareWriteJson(int64_t added, int64_t updated, int64_t unchanged,
                                  std::span<const care::CareFinding> findings);

boost::json::object OccupancyJson(const care::OccupancyReport& report, const RegionTree& tree);
std::string RenderOccupancyText(const care::OccupancyReport& report, const RegionTree& tree);

boost::json::object WorkforceJson(const care::WorkforceReport& report, const RegionTree& tree);
std::string RenderWorkforceText(const care::WorkforceReport& report, const RegionTree& tree);

// What a plan was made from, beside the planner's result.
struct PlanRegionFigures {
  std::string code;
  std::string name;
  int64_t patients_now = 0;      // under treatment on the plan's day
  int64_t patients_planned = 0;  // what the load counts: the larger of now and the forecast peak
  bool forecast = false;         // whether a forecast was used
};

struct PlanContext {
  std::string scope;  // region code
  int level = 0;
  Date as_of;
  Date start;  // the deployments' first day
  Date end;    // and last
  int horizon_days = 0;
  care::PlannerOptions options;
  bool travel_table = false;
  std::vector<PlanRegionFigures> regions;  // the planner's regions, in its order
  std::vector<std::string> notes;
};

boost::json::object PlanDetailJson(const PlanContext& context, const care::PlannerResult& result);
// The stored detail with the plan's identity and state added.
boost::json::object PlanDocument(int64_t id, const std::string& status,
                                 const std::string& created_at, const std::string& created_by,
                                 const std::string& adopted_by, const std::string& adopted_at,
                                 const std::string& detail_json);
std::string RenderPlanText(const boost::json::object& plan);
// One line per plan: {"id", "status", "as_of", "scope", "level", "created_at", "created_by"}.
std::string RenderPlanListText(const boost::json::array& plans);

}  // namespace outbreak::report
