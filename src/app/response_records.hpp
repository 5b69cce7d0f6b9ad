#pragma once
// Conversions between the stored records of prevention levels (store/response_store.hpp) and
// the views the reads answer (response/level_views.hpp). Triggers are stored as a JSON array.

#include <string>
#include <vector>

#include "response/level_views.hpp"
#include "store/response_store.hpp"

namespace outbreak::app {

// [{"indicator": ..., "comparison": ">=", "threshold": ..., "value": ...}, ...]
std::string TriggersJson(const std::vector<response::Trigger>& triggers);
// The triggers of TriggersJson's text; those it cannot read are left out.
std::vector<response::Trigger> TriggersFromJson(const std::string& text);

response::ProposalView ProposalViewOf(const store::ProposalRecord& record);
response::DecisionView DecisionViewOf(const store::DecisionRecord& record, int64_t tasks);
response::TaskView TaskViewOf(const store::TaskRecord& record, Date today);

}  // namespace outbreak::app
