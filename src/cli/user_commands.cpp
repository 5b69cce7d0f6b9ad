// outbreak user add|list|disable|enable|revoke

#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <string>

#include <fmt/format.h>

#include "access/role.hpp"
#include "app/auth_service.hpp"
#include "app/open_store.hpp"
#include "cli/cli_state.hpp"

namespace outbreak::cli {

namespace {

// Reads a line from stdin; on a terminal, prompts without echo.
std::string ReadSecret(const char* prompt) {
  const bool terminal = isatty(STDIN_FILENO) != 0;
  termios saved{};
  if (terminal) {
    std::fprintf(stderr, "%s", prompt);
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::fprintf(stderr, "\n");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

Result<std::unique_ptr<app::AuthService>> OpenAuth(CliState& s) {
  Result<std::unique_ptr<store::Store>> store = app::OpenStore(s.config.database);
  if (!store.ok()) return store.status();
  return std::make_unique<app::AuthService>(std::move(*store), s.clock);
}

}  // namespace

void AddUserCommands(CLI::App& app, CliState& s) {
  CLI::App* user = app.add_subcommand("user", "Users of the API: add, list, disable, revoke");
  user->require_subcommand(1);

  std::string roles;
  for (access::Role role : access::AllRoles()) {
    roles += (roles.empty() ? "" : ", ") + std::string(access::RoleName(role));
  }
  CLI::App* add = user->add_subcommand(
      "add", "Add a user; the password is read from stdin (prompted on a terminal, twice)");
  add->add_option("NAME", s.name, "User name")->required();
  add->add_option("--role", s.role, "One of: " + roles)->required();
  add->add_option("--region", s.region, "Home region code; the user acts inside it")->required();
  add->callback([&s] {
    s.action = [&s] {
      auto service = s.Open();
      if (!service.ok()) return Fail(service.status());
      const bool region_exists = (*service)->FindRegion(s.region).ok();
      const std::string password = ReadSecret("password: ");
      if (isatty(STDIN_FILENO) != 0 && ReadSecret("again: ") != password) {
        return Fail(Status::InvalidArgument("the passwords differ"));
      }
      auto auth = OpenAuth(s);
      if (!auth.ok()) return Fail(auth.status());
      Status status =
          (*auth)->AddUser(s.name, s.role, s.region, password, region_exists, s.user, "cli");
      if (!status.ok()) return Fail(status);
      std::printf("user %s added: %s of %s\n", s.name.c_str(), s.role.c_str(), s.region.c_str());
      return 0;
    };
  });

  user->add_subcommand("list", "List users")->callback([&s] {
    s.action = [&s] {
      auto auth = OpenAuth(s);
      if (!auth.ok()) return Fail(auth.status());
      auto users = (*auth)->ListUsers();
      if (!users.ok()) return Fail(users.status());
      std::printf("%-24s %-18s %-12s %s\n", "name", "role", "region", "status");
      for (const store::UserRecord& record : *users) {
        std::printf("%-24s %-18s %-12s %s\n", record.name.c_str(), record.role.c_str(),
                    record.region.c_str(), record.disabled ? "disabled" : "active");
      }
      return 0;
    };
  });

  auto set_disabled = [&s, user](const char* command, bool disabled, const char* help) {
    CLI::App* sub = user->add_subcommand(command, help);
    sub->add_option("NAME", s.name, "User name")->required();
    sub->callback([&s, disabled] {
      s.action = [&s, disabled] {
        auto auth = OpenAuth(s);
        if (!auth.ok()) return Fail(auth.status());
        Status status = (*auth)->SetDisabled(s.name, disabled, s.user, "cli");
        if (!status.ok()) return Fail(status);
        std::printf("user %s %s\n", s.name.c_str(), disabled ? "disabled" : "enabled");
        return 0;
      };
    });
  };
  set_disabled("disable", true, "Disable a user and revoke every token of theirs");
  set_disabled("enable", false, "Enable a disabled user again");

  CLI::App* revoke = user->add_subcommand("revoke", "Revoke every token of a user");
  revoke->add_option("NAME", s.name, "User name")->required();
  revoke->callback([&s] {
    s.action = [&s] {
      auto auth = OpenAuth(s);
      if (!auth.ok()) return Fail(auth.status());
      auto revoked = (*auth)->RevokeAll(s.name, s.user, "cli");
      if (!revoked.ok()) return Fail(revoked.status());
      std::printf("user %s: %lld token(s) revoked\n", s.name.c_str(),
                  static_cast<long long>(*revoked));
      return 0;
    };
  });
}

}  // namespace outbreak::cli
