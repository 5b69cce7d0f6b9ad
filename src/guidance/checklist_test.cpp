// Checklists and visits: answers checked against their question's type, the checklist file, and
// the content of a visit.

#include "guidance/checklist.hpp"

#include <gtest/gtest.h>

#include "guidance/visit.hpp"

namespace outbreak::guidance {
namespace {

Checklist Sample() {
  Checklist checklist;
  checklist.version = 2;
  checklist.title = "Survey";
  checklist.questions = {
      {"MS1", Topic::kMedicineSupply, "Medicines reach every home?", AnswerType::kYesNo},
      {"TR1", Topic::kTreatment, "Patients per doctor", AnswerType::kNumber},
      {"LV1", Topic::kLivelihood, "Food supply", AnswerType::kRating},
      {"AG1", Topic::kAgriculture, "Rice transplanting", AnswerType::kText}};
  return checklist;
}

TEST(Checklist, ChecksEachAnswerAgainstItsType) {
  EXPECT_EQ(CheckAnswer(AnswerType::kYesNo, "yes"), "");
  EXPECT_EQ(CheckAnswer(AnswerType::kYesNo, "no"), "");
  EXPECT_NE(CheckAnswer(AnswerType::kYesNo, "maybe"), "");
  EXPECT_EQ(CheckAnswer(AnswerType::kNumber, "12.5"), "");
  EXPECT_EQ(CheckAnswer(AnswerType::kNumber, "-3"), "");
  EXPECT_NE(CheckAnswer(AnswerType::kNumber, "twelve"), "");
  EXPECT_NE(CheckAnswer(AnswerType::kNumber, ""), "");
  EXPECT_NE(CheckAnswer(AnswerType::kNumber, "inf"), "");
  EXPECT_EQ(CheckAnswer(AnswerType::kRating, "1"), "");
  EXPECT_EQ(CheckAnswer(AnswerType::kRating, "5"), "");
  EXPECT_NE(CheckAnswer(AnswerType::kRating, "0"), "");
  EXPECT_NE(CheckAnswer(AnswerType::kRating, "6"), "");
  EXPECT_NE(CheckAnswer(AnswerType::kRating, "4.5"), "");
  EXPECT_EQ(CheckAnswer(AnswerType::kText, "seedlings short"), "");
  EXPECT_NE(CheckAnswer(AnswerType::kText, ""), "");
}

TEST(Checklist, ParsesAFileAndReportsEveryBadRowAtOnce) {
  auto good = ParseChecklistCsv(
      "question,topic,text,answer_type\nMS1,medicine_supply,Medicines reach homes?,yes_no\n"
      "AG1,agriculture,\"Transplanting, done?\",rating\n",
      "list.csv");
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  ASSERT_EQ(good->size(), 2u);
  EXPECT_EQ((*good)[1].text, "Transplanting, done?");
  EXPECT_EQ((*good)[1].type, AnswerType::kRating);

  auto bad = ParseChecklistCsv(
      "question,topic,text,answer_type\nMS1,medicine,Q,yes_no\nMS1,treatment,,scale\n", "list.csv");
  ASSERT_FALSE(bad.ok());
  const std::string text = bad.status().ToString();
  EXPECT_NE(text.find("list.csv:2: topic: \"medicine\" is not one of"), std::string::npos) << text;
  EXPECT_NE(text.find("list.csv:3: question: \"MS1\" appears twice"), std::string::npos) << text;
  EXPECT_NE(text.find("list.csv:3: text: \"\" is empty"), std::string::npos) << text;
  EXPECT_NE(text.find("list.csv:3: answer_type: \"scale\""), std::string::npos) << text;
}

TEST(Visit, NamesEveryWrongAnswerAndUnknownQuestion) {
  VisitInput visit;
  visit.answers = {{"MS1", "perhaps"}, {"TR1", "4"}, {"LV1", "9"}, {"XX9", "yes"}, {"TR1", "5"}};
  visit.findings = {{Topic::kTreatment, Severity::kHigh, "", "more beds", "county committee"}};
  const std::vector<std::string> errors = CheckVisitContent(visit, Sample());
  auto mentions = [&](const std::string& text) {
    for (const std::string& error : errors) {
      if (error.find(text) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(mentions("answers[0].value: \"perhaps\" is not yes or no"));
  EXPECT_TRUE(mentions("answers[2].value: \"9\" is not a rating"));
  EXPECT_TRUE(mentions("answers[3].question: \"XX9\" is not a question of checklist version 2"));
  EXPECT_TRUE(mentions("answers[4].question: \"TR1\" is answered twice"));
  EXPECT_TRUE(mentions("findings[0].evidence: is empty"));
  EXPECT_EQ(errors.size(), 5u);
}

TEST(Visit, AcceptsAnswersOfTheRightType) {
  VisitInput visit;
  visit.answers = {{"MS1", "yes"}, {"TR1", "31.5"}, {"LV1", "3"}, {"AG1", "on schedule"}};
  EXPECT_TRUE(CheckVisitContent(visit, Sample()).empty());
}

}  // namespace
}  // namespace outbreak::guidance
