#pragma once
// Conversions between the stored records of prevention levels (store/levels_store.hpp) and
// the views the reads answer (levels/level_views.hpp). Triggers are stored as a JSON array.

#include <string>
#include <vector>

#include "levels/level_views.hpp"
#include "store/levels_store.hpp"

namespace outbreak::app {

// [{"indicator": ..., "comparison": ">=", "threshold": ..., "value": ...}, ...]
std::string TriggersJson(const std::vector<levels::Trigger>& triggers);
// The triggers of TriggersJson's text; those it cannot read are left out.
std::vector<levels::Trigger> TriggersFromJson(const std::string& text);

levels::ProposalView ProposalViewOf(const store::ProposalRecord& record);
levels::DecisionView DecisionViewOf(const store::DecisionRecord& record, int64_t tasks);
levels::TaskView TaskViewOf(const store::TaskRecord& record, Date today);

}  // namespace outbreak::app
