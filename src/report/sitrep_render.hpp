#pragma once
// Renderers of the situation report: text that reads like the headquarters' own report,
// Markdown, and JSON with stable field names (docs/surveillance.md lists them).

#include <string>

#include <boost/json/value.hpp>

#include "core/region_tree.hpp"
#include "surveillance/situation_report.hpp"

namespace outbreak::report {

struct SitrepStyle {
  int day_close_hour = 18;  // the reporting day runs from this hour to this hour
  std::string outlook;      // lines on where the epidemic is going, after the headline
  std::string prevention;   // the prevention levels section, rendered in the report's format
                            // (levels_render.hpp), after everything else; may be empty
};

std::string RenderSitrepText(const surveillance::SituationReport& report, const RegionTree& tree,
                             const SitrepStyle& style = {});
std::string RenderSitrepMarkdown(const surveillance::SituationReport& report,
                                 const RegionTree& tree, const SitrepStyle& style = {});
boost::json::value SitrepJson(const surveillance::SituationReport& report, const RegionTree& tree);
// The region's identity as JSON: code, name, name_local, level, population.
boost::json::value RegionJson(const RegionTree& tree, RegionIdx idx);

}  // namespace outbreak::report
