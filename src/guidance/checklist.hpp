#pragma once
// Survey checklists: the topics a guidance team surveys and the questions it answers, versioned.
//
// A checklist version is immutable once stored: a new set of questions is a new version, and
// answers always name the version they were given against, so a new version never changes what
// was recorded before. Every answer is checked against its question's type.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace outbreak::guidance {

// The topics of the survey, from the meeting of 21 May 2022: medicine supply to residents,
// treatment, livelihood, prevention measures, industrial production and agriculture.
enum class Topic { kMedicineSupply, kTreatment, kLivelihood, kPrevention, kIndustry, kAgriculture };

// "medicine_supply", "treatment", "livelihood", "prevention", "industry", "agriculture"
std::string_view TopicName(Topic topic);
std::optional<Topic> ParseTopic(std::string_view name);
const std::vector<Topic>& AllTopics();
std::string TopicList();
// For people: "Medicine supply to residents", ...
std::string_view TopicTitle(Topic topic);

enum class AnswerType { kYesNo, kNumber, kRating, kText };

// "yes_no", "number", "rating" (a whole number 1 to 5), "text"
std::string_view AnswerTypeName(AnswerType type);
std::optional<AnswerType> ParseAnswerType(std::string_view name);

struct Question {
  std::string code;  // unique within a version, e.g. "MS1"
  Topic topic = Topic::kMedicineSupply;
  std::string text;
  AnswerType type = AnswerType::kYesNo;

  bool operator==(const Question&) const = default;
};

struct Checklist {
  int version = 0;  // assigned by the store: 1, 2, ...
  std::string title;
  std::vector<Question> questions;  // in the order asked
  std::string created_at;           // ISO 8601 UTC
  std::string created_by;

  const Question* Find(std::string_view code) const;
  // Same title and questions (what makes a re-import of the same file change nothing).
  bool SameContent(const Checklist& other) const {
    return title == other.title && questions == other.questions;
  }
};

// Checks `value` against the type; "" when it fits, else the reason ("is not yes or no").
// yes_no: "yes" or "no"; number: a finite decimal number; rating: 1, 2, 3, 4 or 5; text: not
// empty.
std::string CheckAnswer(AnswerType type, std::string_view value);

// Checks questions given by a program: codes present and unique, text not empty, at least one
// question. One message per problem, starting with `where`.
std::vector<std::string> CheckQuestions(const std::vector<Question>& questions,
                                        std::string_view where);

// Parses a checklist CSV: question,topic,text,answer_type. All-or-nothing, every error as
// `file:line: field: "value" reason`.
Result<std::vector<Question>> ParseChecklistCsv(std::string_view text, std::string_view source);

}  // namespace outbreak::guidance
