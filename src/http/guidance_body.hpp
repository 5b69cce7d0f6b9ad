#pragma once
// Reading the JSON bodies of the guidance resources: checklists, visits and closures from their
// declarations (guidance/guidance_records.hpp), the team plan request with BodyFields. Every
// error is named by its place (`findings[1].severity: "grave" is not low, ...`), all at once.

#include <string>
#include <utility>
#include <vector>

#include "app/guidance_service.hpp"
#include "core/status.hpp"
#include "guidance/checklist.hpp"
#include "guidance/guidance_records.hpp"
#include "guidance/official.hpp"
#include "guidance/visit.hpp"

namespace outbreak::http {

using ChecklistBody = guidance::ChecklistInput;
// {"title": ..., "questions": [{code, topic, text, answer_type}, ...]}
Result<ChecklistBody> ParseChecklistBody(const std::string& body);

// {"pins": [{official, area}], "exclude": [...], "needs": {"KP-05": ["agriculture"]},
//  "default_needs": [...], "groups": [{code, name, provinces}], "min_size", "max_size",
//  "min_department_officials", "population_weight", "county_weight", "open_finding_weight",
//  "adopt": false}; every field optional.
Result<app::TeamPlanRequest> ParsePlanRequestBody(const std::string& body,
                                                  const guidance::TeamRules& defaults);

// {"team"?, "region", "date", "checklist_version", "answers": [{question, value}],
//  "findings": [{topic, severity, evidence, measure, owner}], "note"?}. Answer values may be
// strings, numbers or booleans (true/false stand for yes/no); they are checked against their
// question's type by the service.
Result<guidance::VisitInput> ParseVisitBody(const std::string& body);

// {"how": "..."}: how a finding was dealt with.
Result<std::string> ParseClosureBody(const std::string& body);

}  // namespace outbreak::http
