#pragma once
// The compiled report of the guidance teams to the plenary meeting: every finding and proposed
// measure grouped by province and topic, beside the province's epidemic indicators as of the
// report's day. Built from values; rendered by report/guidance_render.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "guidance/checklist.hpp"
#include "guidance/visit.hpp"

namespace outbreak::guidance {

// A province's figures from the surveillance data as of the report's day.
struct ProvinceIndicators {
  int64_t population = 0;
  int64_t cumulative_fever = 0;  // fever cases since the first report, opening balance included
  int64_t deaths = 0;            // cumulative
  int64_t under_treatment = 0;   // at the close of the day
  int64_t new_7d = 0;            // new fever cases in the 7 days ending on the day
};

// What the report is told about each province: its name, figures and team.
struct ProvinceInfo {
  std::string code;
  std::string name;
  ProvinceIndicators indicators;
  std::string team_leader;                // "CODE Name", "" when no team is adopted
  std::vector<std::string> team_members;  // "CODE Name", the leader excluded
};

struct TopicFindings {
  Topic topic = Topic::kMedicineSupply;
  std::vector<Finding> findings;  // most severe first, then by date and id
};

struct ProvinceSection {
  ProvinceInfo province;
  int64_t visits = 0;
  int64_t open = 0;
  int64_t closed = 0;
  std::vector<TopicFindings> topics;  // in the order of AllTopics(), topics with findings only
};

struct PlenaryReport {
  Date as_of;
  std::string region;                      // the region the report covers
  std::vector<ProvinceSection> provinces;  // in the order given
  int64_t findings = 0;
  int64_t open = 0;
};

// Groups the findings of visits made on or before `as_of` by the province `province_of` gives for
// their county ("" leaves a finding out), then by topic. `visits_by_province` counts visits.
PlenaryReport BuildPlenaryReport(Date as_of, std::string region,
                                 std::vector<ProvinceInfo> provinces,
                                 const std::vector<Finding>& findings,
                                 const std::vector<Visit>& visits,
                                 const std::function<std::string(const std::string&)>& province_of);

}  // namespace outbreak::guidance
