#include "guidance/checklist.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "core/csv_rows.hpp"

namespace outbreak::guidance {

namespace {

struct TopicInfo {
  Topic topic;
  std::string_view name;
  std::string_view title;
};

constexpr std::array<TopicInfo, 6> kTopics = {{
    {Topic::kMedicineSupply, "medicine_supply", "Medicine supply to residents"},
    {Topic::kTreatment, "treatment", "Treatment"},
    {Topic::kLivelihood, "livelihood", "Livelihood"},
    {Topic::kPrevention, "prevention", "Prevention measures"},
    {Topic::kIndustry, "industry", "Industrial production"},
    {Topic::kAgriculture, "agriculture", "Agriculture (the season's farming)"},
}};

constexpr std::array<std::pair<AnswerType, std::string_view>, 4> kAnswerTypes = {{
    {AnswerType::kYesNo, "yes_no"},
    {AnswerType::kNumber, "number"},
    {AnswerType::kRating, "rating"},
    {AnswerType::kText, "text"},
}};

}  // namespace

std::string_view TopicName(Topic topic) {
  for (const TopicInfo& info : kTopics) {
    if (info.topic == topic) return info.name;
  }
  return "medicine_supply";
}

std::string_view TopicTitle(Topic topic) {
  for (const TopicInfo& info : kTopics) {
    if (info.topic == topic) return info.title;
  }
  return "";
}

std::optional<Topic> ParseTopic(std::string_view name) {
  for (const TopicInfo& info : kTopics) {
    if (info.name == name) return info.topic;
  }
  return std::nullopt;
}

const std::vector<Topic>& AllTopics() {
  static const std::vector<Topic> topics = [] {
    std::vector<Topic> out;
    for (const TopicInfo& info : kTopics) out.push_back(info.topic);
    return out;
  }();
  return topics;
}

std::string TopicList() {
  std::string out;
  for (const TopicInfo& info : kTopics) {
    if (!out.empty()) out += ", ";
    out += info.name;
  }
  return out;
}

std::string_view AnswerTypeName(AnswerType type) {
  for (const auto& [candidate, name] : kAnswerTypes) {
    if (candidate == type) return name;
  }
  return "text";
}

std::optional<AnswerType> ParseAnswerType(std::string_view name) {
  for (const auto& [type, candidate] : kAnswerTypes) {
    if (candidate == name) return type;
  }
  return std::nullopt;
}

const Question* Checklist::Find(std::string_view code) const {
  for (const Question& question : questions) {
    if (question.code == code) return &question;
  }
  return nullptr;
}

std::string CheckAnswer(AnswerType type, std::string_view value) {
  switch (type) {
    case AnswerType::kYesNo:
      return value == "yes" || value == "no" ? "" : "is not yes or no";
    case AnswerType::kNumber: {
      double number = 0;
      auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
      if (value.empty() || ec != std::errc() || ptr != value.data() + value.size() ||
          !std::isfinite(number)) {
        return "is not a number";
      }
      return "";
    }
    case AnswerType::kRating:
      return value.size() == 1 && value[0] >= '1' && value[0] <= '5'
                 ? ""
                 : "is not a rating (a whole number from 1 to 5)";
    case AnswerType::kText:
      return value.empty() ? "is empty" : "";
  }
  return "has an unknown type";
}

std::vector<std::string> CheckQuestions(const std::vector<Question>& questions,
                                        std::string_view where) {
  std::vector<std::string> errors;
  if (questions.empty()) errors.push_back(fmt::format("{}: has no questions", where));
  std::set<std::string> codes;
  for (size_t idx = 0; idx < questions.size(); ++idx) {
    const Question& q = questions[idx];
    if (q.code.empty()) {
      errors.push_back(fmt::format("{}[{}].code: is empty", where, idx));
    } else if (!codes.insert(q.code).second) {
      errors.push_back(fmt::format("{}[{}].code: \"{}\" appears twice", where, idx, q.code));
    }
    if (q.text.empty()) errors.push_back(fmt::format("{}[{}].text: is empty", where, idx));
  }
  return errors;
}

Result<std::vector<Question>> ParseChecklistCsv(std::string_view text, std::string_view source) {
  CsvRows rows(text, source);
  if (Status s = rows.Header({"question", "topic", "text", "answer_type"}, {}); !s.ok()) return s;
  std::vector<Question> out;
  std::set<std::string> codes;
  while (rows.Next()) {
    Question q;
    q.code = std::string(rows.Field("question"));
    if (q.code.empty()) {
      rows.Error("question", "", "is empty");
    } else if (!codes.insert(q.code).second) {
      rows.Error("question", q.code, "appears twice in the file");
    }
    if (auto topic = ParseTopic(rows.Field("topic"))) {
      q.topic = *topic;
    } else {
      rows.Error("topic", rows.Field("topic"), "is not one of " + TopicList());
    }
    q.text = std::string(rows.Field("text"));
    if (q.text.empty()) rows.Error("text", "", "is empty");
    if (auto type = ParseAnswerType(rows.Field("answer_type"))) {
      q.type = *type;
    } else {
      rows.Error("answer_type", rows.Field("answer_type"), "is not yes_no, number, rating or text");
    }
    out.push_back(std::move(q));
  }
  if (Status s = rows.Finish(); !s.ok()) return s;
  if (out.empty()) {
    return Status::InvalidArgument(
        fmt::format("{}: has no questions; nothing was imported", source));
  }
  return out;
}

}  // namespace outbreak::guidance
