#pragma once
// A guidance team's visits to the counties of its areas, the answers to a checklist version, and
// the findings with their proposed measures, tracked from open to closed (never deleted).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "guidance/checklist.hpp"

namespace outbreak::guidance {

enum class Severity { kLow, kMedium, kHigh, kCritical };
// "low", "medium", "high", "critical"
std::string_view SeverityName(Severity severity);
std::optional<Severity> ParseSeverity(std::string_view name);

struct Answer {
  std::string question;  // a question code of the visit's checklist version
  std::string value;     // as given, checked against the question's type

  bool operator==(const Answer&) const = default;
};

// A finding as recorded with a visit.
struct FindingInput {
  Topic topic = Topic::kMedicineSupply;
  Severity severity = Severity::kMedium;
  std::string evidence;  // what was seen
  std::string measure;   // the measure proposed to the plenary meeting
  std::string owner;     // who is to carry it out (an organ or a person)

  bool operator==(const FindingInput&) const = default;
};

// A visit as given by a team (API body, CLI file).
struct VisitInput {
  int64_t team = 0;    // the team's id; 0: the adopted team whose areas hold the region
  std::string region;  // the county (or any region below a province) visited
  Date date;
  int checklist_version = 0;
  std::vector<Answer> answers;
  std::vector<FindingInput> findings;
  std::string note;
};

enum class FindingStatus { kOpen, kClosed };
std::string_view FindingStatusName(FindingStatus status);  // "open", "closed"
std::optional<FindingStatus> ParseFindingStatus(std::string_view name);

// A finding as stored, with where and when it was made and how it was closed.
struct Finding {
  int64_t id = 0;
  int64_t visit = 0;
  int64_t team = 0;
  std::string region;  // the county visited
  Date date;           // of the visit
  FindingInput detail;
  FindingStatus status = FindingStatus::kOpen;
  std::string recorded_by;
  std::string recorded_at;
  std::string closed_by;
  std::string closed_at;
  std::string closure;  // how it was closed
};

// A visit as stored.
struct Visit {
  int64_t id = 0;
  int64_t team = 0;
  std::string region;
  Date date;
  int checklist_version = 0;
  std::vector<Answer> answers;
  std::vector<int64_t> findings;  // ids
  std::string note;
  std::string recorded_by;
  std::string recorded_at;
};

// Checks the answers against the checklist (each question known in that version, once, and each
// value of its question's type) and the findings (evidence, measure and owner not empty). One
// message per problem, each naming where: `answers[2].value: "maybe" is not yes or no`.
std::vector<std::string> CheckVisitContent(const VisitInput& visit, const Checklist& checklist);

}  // namespace outbreak::guidance
