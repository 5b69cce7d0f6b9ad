// outbreak serve: the HTTP API and the live feed.

#include <charconv>
#include <cstdio>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/analytics_service.hpp"
#include "app/auth_service.hpp"
#include "app/change_follower.hpp"
#include "app/demo.hpp"
#include "app/live_feed.hpp"
#include "app/open_store.hpp"
#include "cli/cli_state.hpp"
#include "http/api.hpp"
#include "http/server.hpp"

namespace outbreak::cli {

namespace {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  bool demo = false;
  http::ServerOptions server;
  app::AuthOptions auth;
};

Status ParseListen(const std::string& listen, http::ServerOptions& server) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos) {
    return Status::InvalidArgument(
        fmt::format("--listen: \"{}\" is not ADDRESS:PORT (e.g. 127.0.0.1:8080)", listen));
  }
  server.address = listen.substr(0, colon);
  if (server.address.size() > 2 && server.address.front() == '[') {
    server.address = server.address.substr(1, server.address.size() - 2);
  }
  const std::string port = listen.substr(colon + 1);
  unsigned value = 0;
  auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || ptr != port.data() + port.size() || value > 65535) {
    return Status::InvalidArgument(fmt::format("--listen: \"{}\" is not a port", port));
  }
  server.port = static_cast<uint16_t>(value);
  return Status::Ok();
}

int Serve(CliState& s, ServeOptions& options) {
  if (Status status = ParseListen(options.listen, options.server); !status.ok()) {
    return Fail(status);
  }
  // The change log's position before anything is loaded: whatever other processes commit after
  // it, the follower applies (some of it perhaps twice, which changes nothing).
  Result<std::unique_ptr<store::Store>> log_store = app::OpenStore(s.config.database);
  if (!log_store.ok()) return Fail(log_store.status());
  Result<int64_t> log_start = (*log_store)->LastChange();
  if (!log_start.ok()) return Fail(log_start.status());
  app::ChangeFollower follower(std::move(*log_store), *log_start);
  auto service = s.Open();
  if (!service.ok()) return Fail(service.status());
  app::AnalyticsService analytics(**service);
  auto care = OpenCare(s, **service, &analytics);
  if (!care.ok()) return Fail(care.status());
  auto supply = OpenSupply(s, **service, &analytics);
  if (!supply.ok()) return Fail(supply.status());
  auto guidance = OpenGuidance(s, **service);
  if (!guidance.ok()) return Fail(guidance.status());
  app::IndicatorSource indicators(**service, analytics, care->get());
  indicators.SetMedicineCoverProvider(app::MedicineCoverOf(**supply));
  auto levels_service = OpenLevels(s, **service, indicators);
  if (!levels_service.ok()) return Fail(levels_service.status());
  if (options.demo) {
    auto summary = app::LoadDemo(**service, s.config.data_dir, "demo",
                                 {.care = care->get(),
                                  .supply = supply->get(),
                                  .guidance = guidance->get(),
                                  .levels = levels_service->get()});
    if (!summary.ok()) return Fail(summary.status());
  }
  Result<std::unique_ptr<store::Store>> auth_store = app::OpenStore(s.config.database);
  if (!auth_store.ok()) return Fail(auth_store.status());
  app::AuthService auth(std::move(*auth_store), s.clock, options.auth);
  app::LiveFeed feed;
  (*service)->SetLiveFeed(&feed);
  follower.Listen(
      [&](std::span<const store::Change> changes) { return (*service)->ApplyChanges(changes); });
  follower.Listen([&](std::span<const store::Change> changes) {
    return (*levels_service)->ApplyChanges(changes);
  });
  follower.Listen(
      [&](std::span<const store::Change> changes) { return (*supply)->ApplyChanges(changes); });
  follower.Start();
  // Stopped before the services it calls go.
  struct StopFollowing {
    app::ChangeFollower& follower;
    ~StopFollowing() { follower.Stop(); }
  } stop_following{follower};
  http::Api api({.surveillance = **service,
                 .auth = auth,
                 .analytics = analytics,
                 .care = **care,
                 .supply = **supply,
                 .guidance = **guidance,
                 .levels = **levels_service,
                 .changes = &follower},
                {options.demo});
  if (options.demo) {
    spdlog::warn(
        "DEMO MODE: anyone who can reach this server may READ all the demo data "
        "without signing in. Writing still needs a user (outbreak user add).");
  }
  Status status = http::RunServer(options.server, api, feed, [&](uint16_t port) {
    std::printf("Outbreak is listening on http://%s:%u/%s\n", options.server.address.c_str(), port,
                options.demo ? " (demo: read-only without sign-in)" : "");
    std::fflush(stdout);
  });
  if (!status.ok()) return Fail(status);
  const auto [commits, requests] = (*service)->ReportCommits();
  if (commits > 0) {
    spdlog::info("reports: {} request(s) written in {} commit(s), {:.1f} per commit", requests,
                 commits, static_cast<double>(requests) / static_cast<double>(commits));
  }
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app, CliState& s) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* serve = app.add_subcommand(
      "serve", "Run the HTTP API (/api/v1) and the live feed until SIGINT or SIGTERM");
  serve->add_option("--listen", options->listen, "ADDRESS:PORT to listen on (port 0: any free)")
      ->capture_default_str();
  serve->add_option("--threads", options->server.threads, "Threads serving requests")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  serve
      ->add_option("--plan-threads", options->server.slow_threads,
                   "Worker threads for plans, replays and backtests (off the request threads)")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  serve
      ->add_option("--plan-queue", options->server.slow_queue_limit,
                   "Plans, replays and backtests running or waiting at once; beyond it 503")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  serve
      ->add_option("--write-threads", options->server.write_threads,
                   "Threads running writes, off the request threads; writes that wait at once "
                   "share one commit")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  serve->add_flag("--demo", options->demo,
                  "Load the 2022 demo and let anyone read it without signing in");
  serve
      ->add_option("--read-timeout", options->server.read_timeout_seconds,
                   "Seconds a client has to send a whole request")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  serve
      ->add_option("--body-limit", options->server.body_limit_bytes,
                   "Largest request body accepted, bytes")
      ->check(CLI::Range(1024, 256 * 1024 * 1024))
      ->capture_default_str();
  serve
      ->add_option("--token-lifetime", options->auth.token_lifetime_seconds,
                   "Seconds a sign-in token stays valid")
      ->check(CLI::Range(1, 90 * 24 * 3600))
      ->capture_default_str();
  serve->callback([&s, options] { s.action = [&s, options] { return Serve(s, *options); }; });
}

}  // namespace outbreak::cli
