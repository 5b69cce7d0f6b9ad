// CareService: adopting a plan, with the retention limit checked again against what has been
// adopted and counted since the plan was made.

#include <map>
#include <set>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "app/care_service.hpp"

namespace outbreak::app {

namespace {

// The plan's minimum share of own workers, from its stored detail (70 when absent).
int RetentionPercentOf(const store::PlanRecord& plan) {
  boost::system::error_code ec;
  const boost::json::value detail = boost::json::parse(plan.detail, ec);
  if (ec || !detail.is_object()) return care::PlannerOptions{}.min_retention_percent;
  const boost::json::value* options = detail.as_object().if_contains("options");
  if (options == nullptr || !options->is_object())
    return care::PlannerOptions{}.min_retention_percent;
  const boost::json::value* percent = options->as_object().if_contains("min_retention_percent");
  if (percent == nullptr || !percent->is_int64())
    return care::PlannerOptions{}.min_retention_percent;
  return static_cast<int>(percent->as_int64());
}

// The latest on-duty count of each (region, category) on or before `day`.
std::map<std::pair<std::string, care::WorkerCategory>, int64_t> OnDutyOn(
    const std::vector<care::WorkforceCount>& counts, Date day) {
  std::map<std::pair<std::string, care::WorkerCategory>, std::pair<Date, int64_t>> latest;
  for (const care::WorkforceCount& count : counts) {
    if (count.date > day) continue;
    auto [it, added] =
        latest.try_emplace({count.region, count.category}, count.date, count.on_duty);
    if (!added && it->second.first < count.date) it->second = {count.date, count.on_duty};
  }
  std::map<std::pair<std::string, care::WorkerCategory>, int64_t> out;
  for (const auto& [key, value] : latest) out[key] = value.second;
  return out;
}

}  // namespace

Status CareService::CheckRetention(const store::PlanRecord& plan, int min_retention_percent) {
  auto counts = store_->LoadWorkforce();
  if (!counts.ok()) return counts.status();
  auto adopted = store_->LoadAdoptedDeployments();
  if (!adopted.ok()) return adopted.status();
  if (plan.deployments.empty()) return Status::Ok();
  Date first = plan.deployments.front().start;
  Date last = plan.deployments.front().end;
  std::set<std::pair<std::string, care::WorkerCategory>> sources;
  for (const store::DeploymentRecord& d : plan.deployments) {
    first = std::min(first, d.start);
    last = std::max(last, d.end);
    sources.insert({d.from, d.category});
  }
  std::vector<care::RetentionCase> cases;
  surveillance_.WithTree([&](const RegionTree& tree) {
    auto under = [&](const std::string& ancestor, const std::string& code) {
      const std::optional<RegionIdx> a = tree.Find(ancestor);
      const std::optional<RegionIdx> b = tree.Find(code);
      return a && b && tree.IsInSubtree(*a, *b);
    };
    for (Date day = first; day <= last; day = day + 1) {
      const auto on_duty = OnDutyOn(*counts, day);
      for (const auto& [from, category] : sources) {
        care::RetentionCase c{from, category, day, 0, 0, 0};
        for (const auto& [key, workers] : on_duty) {
          if (key.second == category && under(from, key.first)) c.own += workers;
        }
        for (const store::DeploymentRecord& d : *adopted) {
          if (d.category == category && d.start <= day && day <= d.end && under(from, d.from) &&
              !under(from, d.to)) {
            c.away += d.workers;
          }
        }
        for (const store::DeploymentRecord& d : plan.deployments) {
          if (d.category == category && d.from == from && d.start <= day && day <= d.end) {
            c.leaving += d.workers;
          }
        }
        cases.push_back(std::move(c));
      }
    }
    return 0;
  });
  std::vector<std::string> violations = care::RetentionViolations(cases, min_retention_percent);
  if (violations.empty()) return Status::Ok();
  // One line per region and category is enough to act on: the first day it fails.
  std::vector<std::string> first_days;
  std::set<std::string> seen;
  for (std::string& violation : violations) {
    const std::string key = violation.substr(0, violation.find(" on "));
    if (seen.insert(key).second) first_days.push_back(std::move(violation));
  }
  std::string message = fmt::format(
      "plan {} cannot be adopted: {} region and category pair(s) would keep fewer of their own "
      "workers than the minimum, given what was adopted or counted since the plan was made; "
      "make a new plan",
      plan.id, first_days.size());
  return Status(StatusCode::kConflict, std::move(message), std::move(first_days));
}

Result<store::PlanRecord> CareService::Adopt(int64_t id, const Actor& actor) {
  std::unique_lock lock(mutex_);
  auto found = store_->FindPlan(id);
  if (!found.ok()) return found.status();
  if (!found->has_value()) return Status::NotFound(fmt::format("plan {} does not exist", id));
  const store::PlanRecord& plan = **found;
  if (plan.status != "proposed") {
    return Status::Conflict(fmt::format("plan {} is {} already (by {} at {})", id, plan.status,
                                        plan.adopted_by, plan.adopted_at));
  }
  if (Status s = CheckRetention(plan, RetentionPercentOf(plan)); !s.ok()) return s;
  if (Status s = store_->AdoptPlan(id, Context(actor)); !s.ok()) return s;
  auto adopted = store_->FindPlan(id);
  if (!adopted.ok()) return adopted.status();
  return std::move(**adopted);
}

}  // namespace outbreak::app
