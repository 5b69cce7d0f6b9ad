// outbreak care plan | plans | show | adopt

#include <cstdio>
#include <memory>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "app/care_service.hpp"
#include "app/file_text.hpp"
#include "care/travel.hpp"
#include "cli/cli_state.hpp"
#include "report/care_render.hpp"
#include "report/tables.hpp"

namespace outbreak::cli {

namespace {

struct PlanOptions {
  app::PlanRequest request;
  std::string travel_file;
  int64_t plan_id = 0;
};

boost::json::object Document(const store::PlanRecord& plan) {
  return report::PlanDocument(plan.id, plan.status, plan.created_at, plan.created_by,
                              plan.adopted_by, plan.adopted_at, plan.detail);
}

int PrintPlan(const CliState& s, const store::PlanRecord& plan) {
  const boost::json::object document = Document(plan);
  std::fputs(s.format == "json" ? report::JsonText(document).c_str()
                                : report::RenderPlanText(document).c_str(),
             stdout);
  return 0;
}

int RunPlan(CliState& s, PlanOptions& o) {
  auto services = OpenCareServices(s);
  if (!services.ok()) return Fail(services.status());
  o.request.within = s.region;
  if (!s.as_of.empty()) o.request.as_of = Date::Parse(s.as_of);
  if (!o.travel_file.empty()) {
    Result<std::string> text = app::ReadFileText(o.travel_file);
    if (!text.ok()) return Fail(text.status());
    auto rows = care::ParseTravelCsv(*text, o.travel_file, services->surveillance->tree());
    if (!rows.ok()) return Fail(rows.status());
    o.request.travel = std::move(*rows);
  }
  auto plan = services->care->Plan(o.request, {s.user, s.reason, "cli"});
  if (!plan.ok()) return Fail(plan.status());
  PrintPlan(s, *plan);
  if (s.format != "json") {
    std::printf("\nplan %lld is proposed: `outbreak care adopt %lld` puts it into effect\n",
                static_cast<long long>(plan->id), static_cast<long long>(plan->id));
  }
  return 0;
}

}  // namespace

void AddPlanCommands(CLI::App& care_app, CliState& s) {
  CLI::App* care = &care_app;
  auto o = std::make_shared<PlanOptions>();
  CLI::App* plan = care->add_subcommand(
      "plan",
      "Plan deployments of medical workers between regions of one level so that the worst "
      "patients-per-worker load is as low as it can be, then travel is least (docs/care.md). "
      "Stores the plan as proposed and prints it.");
  plan->add_option("--within", s.region,
                   "Balance the regions under this one (default: the whole country)");
  plan->add_option("--level", o->request.level,
                   "Level of the regions balanced (default: the level below --within)")
      ->check(CLI::Range(1, 10));
  plan->add_option("--as-of", s.as_of, "Plan from the data of this day (default: the latest)")
      ->check(DateValidator());
  plan->add_option("--horizon-days", o->request.horizon_days,
                   "Days of forecast counted in the load (0: patients now only), 0 to 28")
      ->check(CLI::Range(0, 28))
      ->capture_default_str();
  plan->add_option("--deployment-days", o->request.deployment_days,
                   "Days the deployments last (default: the horizon)")
      ->check(CLI::Range(1, 90));
  plan->add_option("--min-retention-percent", o->request.options.min_retention_percent,
                   "Share of its own workers each region keeps")
      ->check(CLI::Range(0, 100))
      ->capture_default_str();
  plan->add_option("--max-travel-hours", o->request.options.max_travel_hours,
                   "Longest journey allowed")
      ->check(CLI::Range(0.1, 72.0))
      ->capture_default_str();
  plan->add_option("--road-speed-kmh", o->request.options.road_speed_kmh,
                   "Assumed speed between centroids (great-circle distance)")
      ->check(CLI::Range(1.0, 200.0))
      ->capture_default_str();
  plan->add_option("--travel", o->travel_file,
                   "Distance table CSV: from,to,hours (pairs not listed use centroids)");
  plan->add_option("--format", s.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
  plan->callback([&s, o] { s.action = [&s, o] { return RunPlan(s, *o); }; });

  CLI::App* plans = care->add_subcommand("plans", "The stored plans, newest first");
  plans->add_option("--format", s.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
  plans->callback([&s] {
    s.action = [&s] {
      auto services = OpenCareServices(s);
      if (!services.ok()) return Fail(services.status());
      auto list = services->care->Plans();
      if (!list.ok()) return Fail(list.status());
      boost::json::array items;
      for (const store::PlanRecord& plan : *list) {
        boost::json::object item = Document(plan);
        item["scope"] = plan.scope;
        item["level"] = plan.level;
        item["as_of"] = plan.as_of.ToString();
        items.push_back(std::move(item));
      }
      std::fputs(s.format == "json"
                     ? report::JsonText(boost::json::object{{"plans", items}}).c_str()
                     : report::RenderPlanListText(items).c_str(),
                 stdout);
      return 0;
    };
  });

  CLI::App* show = care->add_subcommand("show", "One plan as it was made, and its state");
  show->add_option("PLAN_ID", o->plan_id, "Plan number")->required()->check(CLI::PositiveNumber);
  show->add_option("--format", s.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
  show->callback([&s, o] {
    s.action = [&s, o] {
      auto services = OpenCareServices(s);
      if (!services.ok()) return Fail(services.status());
      auto found = services->care->FindPlan(o->plan_id);
      if (!found.ok()) return Fail(found.status());
      return PrintPlan(s, *found);
    };
  });

  CLI::App* adopt = care->add_subcommand(
      "adopt",
      "Adopt a proposed plan: its deployments take workers from their start day and return them "
      "after their end. Refused, with nothing written, when a deployment would now leave a "
      "region below its minimum of own workers.");
  adopt->add_option("PLAN_ID", o->plan_id, "Plan number")->required()->check(CLI::PositiveNumber);
  adopt->add_option("--reason", s.reason, "Recorded in the audit trail");
  adopt->callback([&s, o] {
    s.action = [&s, o] {
      auto services = OpenCareServices(s);
      if (!services.ok()) return Fail(services.status());
      auto adopted = services->care->Adopt(o->plan_id, {s.user, s.reason, "cli"});
      if (!adopted.ok()) return Fail(adopted.status());
      std::printf(
          "plan %lld adopted: %zu deployment(s) from %s to %s\n",
          static_cast<long long>(adopted->id), adopted->deployments.size(),
          adopted->deployments.empty() ? "-"
                                       : adopted->deployments.front().start.ToString().c_str(),
          adopted->deployments.empty() ? "-" : adopted->deployments.front().end.ToString().c_str());
      return 0;
    };
  });
}

}  // namespace outbreak::cli
