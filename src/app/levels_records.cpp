#include "app/levels_records.hpp"

#include <boost/json.hpp>

namespace outbreak::app {

std::string TriggersJson(const std::vector<levels::Trigger>& triggers) {
  boost::json::array out;
  for (const levels::Trigger& trigger : triggers) {
    out.push_back(
        boost::json::object{{"indicator", levels::IndicatorName(trigger.condition.indicator)},
                            {"comparison", levels::ComparisonSymbol(trigger.condition.comparison)},
                            {"threshold", trigger.condition.threshold},
                            {"value", trigger.value}});
  }
  return boost::json::serialize(out);
}

std::vector<levels::Trigger> TriggersFromJson(const std::string& text) {
  std::vector<levels::Trigger> out;
  boost::system::error_code error;
  const boost::json::value parsed = boost::json::parse(text, error);
  if (error || !parsed.is_array()) return out;
  for (const boost::json::value& item : parsed.as_array()) {
    const boost::json::object* fields = item.if_object();
    if (fields == nullptr) continue;
    const boost::json::value* indicator = fields->if_contains("indicator");
    const boost::json::value* comparison = fields->if_contains("comparison");
    const boost::json::value* threshold = fields->if_contains("threshold");
    const boost::json::value* value = fields->if_contains("value");
    if (indicator == nullptr || !indicator->is_string() || comparison == nullptr ||
        !comparison->is_string() || threshold == nullptr || !threshold->is_number() ||
        value == nullptr || !value->is_number()) {
      continue;
    }
    const std::optional<levels::Indicator> parsed_indicator =
        levels::ParseIndicator(std::string(indicator->as_string()));
    if (!parsed_indicator) continue;
    levels::Trigger trigger;
    trigger.condition.indicator = *parsed_indicator;
    const std::string symbol(comparison->as_string());
    for (levels::Comparison each : {levels::Comparison::kAtLeast, levels::Comparison::kAbove,
                                    levels::Comparison::kAtMost, levels::Comparison::kBelow}) {
      if (levels::ComparisonSymbol(each) == symbol) trigger.condition.comparison = each;
    }
    trigger.condition.threshold = threshold->to_number<double>();
    trigger.value = value->to_number<double>();
    out.push_back(trigger);
  }
  return out;
}

levels::ProposalView ProposalViewOf(const store::ProposalRecord& r) {
  return {r.id,         r.region,     r.day,           r.from_level,
          r.to_level,   r.status,     r.rules_version, TriggersFromJson(r.triggers),
          r.created_by, r.created_at, r.decision_id};
}

levels::DecisionView DecisionViewOf(const store::DecisionRecord& r, int64_t tasks) {
  return {r.id,         r.proposal_id, r.region, r.day,           r.outcome,
          r.from_level, r.to_level,    r.reason, r.rules_version, r.programmes_version,
          r.decided_by, r.decided_at,  tasks};
}

levels::TaskView TaskViewOf(const store::TaskRecord& r, Date today) {
  return {r.id,      r.decision_id, r.region, r.level,
          r.title,   r.unit,        r.due,    levels::StateOn(r.due, r.done, today),
          r.done_by, r.done_at,     r.note};
}

}  // namespace outbreak::app
