// outbreak guidance visit | findings | report: the teams' work in the field and the report to the
// plenary meeting.

#include <cstdio>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "app/file_text.hpp"
#include "cli/cli_state.hpp"
#include "http/guidance_body.hpp"
#include "report/guidance_render.hpp"
#include "report/tables.hpp"

namespace outbreak::cli {

namespace {

struct FieldOptions {
  std::string status;
  int64_t finding = 0;
  std::string how;
};

struct Services {
  std::unique_ptr<app::SurveillanceService> surveillance;
  std::unique_ptr<app::GuidanceService> guidance;
};

Result<Services> Open(CliState& s) {
  Services out;
  auto surveillance = s.Open();
  if (!surveillance.ok()) return surveillance.status();
  out.surveillance = std::move(*surveillance);
  auto guidance = OpenGuidance(s, *out.surveillance);
  if (!guidance.ok()) return guidance.status();
  out.guidance = std::move(*guidance);
  return out;
}

}  // namespace

void AddGuidanceFieldCommands(CLI::App& guidance, CliState& s) {
  auto o = std::make_shared<FieldOptions>();

  CLI::App* visit = guidance.add_subcommand("visit", "A team's visits to the counties");
  visit->require_subcommand(1);
  CLI::App* record = visit->add_subcommand(
      "record",
      "Record a visit from a JSON file: {\"team\"?, \"region\", \"date\", \"checklist_version\", "
      "\"answers\": [{\"question\", \"value\"}], \"findings\": [{\"topic\", \"severity\", "
      "\"evidence\", \"measure\", \"owner\"}], \"note\"?} (the body of POST "
      "/api/v1/guidance/visits). Every answer is checked against its question's type; the county "
      "must be in the team's areas. All or nothing.");
  record->add_option("FILE", s.file, "Visit JSON file")->required();
  record->callback([&s] {
    s.action = [&s] {
      Result<std::string> text = app::ReadFileText(s.file);
      if (!text.ok()) return Fail(text.status());
      auto input = http::ParseVisitBody(*text);
      if (!input.ok()) {
        return Fail(Status(input.status().code(), s.file + ": " + input.status().message(),
                           std::vector<std::string>(input.status().details())));
      }
      auto services = Open(s);
      if (!services.ok()) return Fail(services.status());
      auto stored = services->guidance->RecordVisit(*input, {s.user, s.reason, s.file});
      if (!stored.ok()) {
        return Fail(Status(stored.status().code(), s.file + ": " + stored.status().message(),
                           std::vector<std::string>(stored.status().details())));
      }
      std::printf("visit %lld recorded: team %lld in %s on %s, %zu answer(s), %zu finding(s)%s\n",
                  static_cast<long long>(stored->id), static_cast<long long>(stored->team),
                  stored->region.c_str(), stored->date.ToString().c_str(), stored->answers.size(),
                  stored->findings.size(),
                  stored->findings.empty()
                      ? ""
                      : fmt::format(" (#{})", fmt::join(stored->findings, ", #")).c_str());
      return 0;
    };
  });

  CLI::App* findings = guidance.add_subcommand("findings", "Findings: list, close");
  findings->require_subcommand(1);
  CLI::App* list = findings->add_subcommand("list", "Findings under a region, oldest first");
  list->add_option("--region", s.region, "Region code (default: the whole country)");
  list->add_option("--status", o->status, "open or closed (default: both)")
      ->check(CLI::IsMember({"open", "closed"}));
  list->add_option("--format", s.format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
  list->callback([&s, o] {
    s.action = [&s, o] {
      auto services = Open(s);
      if (!services.ok()) return Fail(services.status());
      std::optional<guidance::FindingStatus> status;
      if (!o->status.empty()) status = guidance::ParseFindingStatus(o->status);
      auto found = services->guidance->Findings(s.RegionOr(*services->surveillance), status);
      if (!found.ok()) return Fail(found.status());
      if (s.format == "json") {
        boost::json::array items;
        for (const auto& f : *found) items.push_back(report::FindingJson(f));
        std::fputs(report::JsonText(boost::json::object{{"findings", items}}).c_str(), stdout);
      } else {
        std::fputs(report::RenderFindingsText(*found).c_str(), stdout);
      }
      return 0;
    };
  });
  CLI::App* close = findings->add_subcommand(
      "close", "Close an open finding, saying how it was dealt with (findings are never deleted)");
  close->add_option("FINDING", o->finding, "Finding number")->required();
  close->add_option("--how", o->how, "How it was dealt with")->required();
  close->callback([&s, o] {
    s.action = [&s, o] {
      auto services = Open(s);
      if (!services.ok()) return Fail(services.status());
      auto closed = services->guidance->CloseFinding(o->finding, o->how, {s.user, s.reason, "cli"});
      if (!closed.ok()) return Fail(closed.status());
      std::printf("finding %lld closed by %s at %s\n", static_cast<long long>(closed->id),
                  closed->closed_by.c_str(), closed->closed_at.c_str());
      return 0;
    };
  });

  CLI::App* report_command = guidance.add_subcommand(
      "report",
      "The compiled report to the plenary meeting: findings and proposed measures by province "
      "and topic, beside each province's population, fever cases, deaths, people under "
      "treatment and new cases of the last 7 days");
  report_command->add_option("--region", s.region, "Region code (default: the whole country)");
  report_command->add_option("--as-of", s.as_of, "Day of the figures (default: the latest)")
      ->check(DateValidator());
  report_command->add_option("--format", s.format, "md or json")
      ->check(CLI::IsMember({"md", "json"}))
      ->default_str("md");
  report_command->callback([&s] {
    s.action = [&s] {
      auto services = Open(s);
      if (!services.ok()) return Fail(services.status());
      std::optional<Date> as_of;
      if (!s.as_of.empty()) as_of = Date::Parse(s.as_of);
      auto built = services->guidance->Report(s.RegionOr(*services->surveillance), as_of);
      if (!built.ok()) return Fail(built.status());
      std::fputs(s.format == "json" ? report::JsonText(report::PlenaryReportJson(*built)).c_str()
                                    : report::RenderPlenaryMarkdown(*built).c_str(),
                 stdout);
      return 0;
    };
  });
}

}  // namespace outbreak::cli
