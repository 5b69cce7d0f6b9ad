#include "guidance/visit.hpp"

#include <array>
#include <set>
#include <utility>

#include <fmt/format.h>

namespace outbreak::guidance {

namespace {

constexpr std::array<std::pair<Severity, std::string_view>, 4> kSeverities = {{
    {Severity::kLow, "low"},
    {Severity::kMedium, "medium"},
    {Severity::kHigh, "high"},
    {Severity::kCritical, "critical"},
}};

}  // namespace

std::string_view SeverityName(Severity severity) {
  for (const auto& [candidate, name] : kSeverities) {
    if (candidate == severity) return name;
  }
  return "medium";
}

std::optional<Severity> ParseSeverity(std::string_view name) {
  for (const auto& [severity, candidate] : kSeverities) {
    if (candidate == name) return severity;
  }
  return std::nullopt;
}

std::string_view FindingStatusName(FindingStatus status) {
  return status == FindingStatus::kOpen ? "open" : "closed";
}

std::optional<FindingStatus> ParseFindingStatus(std::string_view name) {
  if (name == "open") return FindingStatus::kOpen;
  if (name == "closed") return FindingStatus::kClosed;
  return std::nullopt;
}

std::vector<std::string> CheckVisitContent(const VisitInput& visit, const Checklist& checklist) {
  std::vector<std::string> errors;
  std::set<std::string> answered;
  for (size_t idx = 0; idx < visit.answers.size(); ++idx) {
    const Answer& answer = visit.answers[idx];
    const Question* question = checklist.Find(answer.question);
    if (question == nullptr) {
      errors.push_back(
          fmt::format("answers[{}].question: \"{}\" is not a question of checklist "
                      "version {}",
                      idx, answer.question, checklist.version));
      continue;
    }
    if (!answered.insert(answer.question).second) {
      errors.push_back(
          fmt::format("answers[{}].question: \"{}\" is answered twice", idx, answer.question));
    }
    if (std::string reason = CheckAnswer(question->type, answer.value); !reason.empty()) {
      errors.push_back(fmt::format("answers[{}].value: \"{}\" {} (question {} is {})", idx,
                                   answer.value, reason, question->code,
                                   AnswerTypeName(question->type)));
    }
  }
  for (size_t idx = 0; idx < visit.findings.size(); ++idx) {
    const FindingInput& finding = visit.findings[idx];
    if (finding.evidence.empty())
      errors.push_back(fmt::format("findings[{}].evidence: is empty", idx));
    if (finding.measure.empty())
      errors.push_back(fmt::format("findings[{}].measure: is empty", idx));
    if (finding.owner.empty()) errors.push_back(fmt::format("findings[{}].owner: is empty", idx));
  }
  return errors;
}

}  // namespace outbreak::guidance
