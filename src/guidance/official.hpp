#pragma once
// The roster of officials who may be sent with a guidance team: plain values, parsed and checked
// by roster_csv.
//
// An official has a stable code, a position (which decides who may lead a team: a member of the
// Presidium or a secretary of the Central Committee), fields of expertise (which decide what a team
// can survey), a home province (nobody inspects his own), whether he is available, and the user
// name he signs in with, if any (a guidance_team user records visits for the team of the official
// linked to him).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace outbreak::guidance {

enum class Position {
  kPresidiumMember,
  kPolitburoMember,
  kPolitburoAlternate,
  kSecretary,
  kDepartmentOfficial,
  kCabinetOfficial,
  kJudicialOfficial,
  kProsecutorialOfficial,
  kPublicHealthOfficial,
};

// "presidium_member", "politburo_member", "politburo_alternate", "secretary",
// "department_official", "cabinet_official", "judicial_official", "prosecutorial_official",
// "public_health_official"
std::string_view PositionName(Position position);
std::optional<Position> ParsePosition(std::string_view name);
// The names above, comma-separated, for messages.
std::string PositionList();
// Whether an official of this position may lead a team: the main force of the teams.
bool MayLead(Position position);

// The fields of expertise a team may need. Kept as validated strings so that the roster, the needs
// of an area and the store share one spelling.
const std::vector<std::string>& ExpertiseNames();
bool IsExpertise(std::string_view name);
std::string ExpertiseList();

struct Official {
  std::string code;  // stable identifier, e.g. "OF-017"
  std::string name;
  Position position = Position::kDepartmentOfficial;
  std::vector<std::string> expertise;  // sorted, each one of ExpertiseNames()
  std::string home;                    // home province (region code)
  bool available = true;
  std::string user;  // the user name linked to the official, "" when none

  bool Has(std::string_view field) const;
  bool operator==(const Official&) const = default;
};

// Splits "agriculture;public_health" (';' or '|' separated, spaces ignored) into sorted, unique
// names; unknown names are returned in `unknown`.
std::vector<std::string> SplitExpertise(std::string_view text, std::vector<std::string>& unknown);

}  // namespace outbreak::guidance
