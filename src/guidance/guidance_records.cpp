#include "guidance/guidance_records.hpp"

#include "core/bounds.hpp"
#include "record/record_json.hpp"

namespace outbreak::guidance {

const record::Record<Official>& OfficialRecord() {
  static const record::Record<Official> kRecord{
      .schema = "GuidanceOfficialInput",
      .list = "officials",
      .about = "An official of the roster: position, fields of expertise and home province",
      .fields =
          {
              record::Code("code", &Official::code).About("stable identifier, e.g. OF-017"),
              record::Text("name", &Official::name),
              record::Choice("position", &Official::position,
                             {Position::kPresidiumMember, Position::kPolitburoMember,
                              Position::kPolitburoAlternate, Position::kSecretary,
                              Position::kDepartmentOfficial, Position::kCabinetOfficial,
                              Position::kJudicialOfficial, Position::kProsecutorialOfficial,
                              Position::kPublicHealthOfficial},
                             PositionName),
              record::Choices("expertise", &Official::expertise, ExpertiseNames()),
              record::Code("home", &Official::home).About("home province (region code)"),
              record::Flag("available", &Official::available).About("true when not given"),
              record::Code("user", &Official::user)
                  .Optional()
                  .About("the user who records the visits of the official's team"),
          },
      .key = {"code"},
      .owners = {{"home", ""}},
      .permission = access::Permission::kManageGuidance,
  };
  return kRecord;
}

const record::Record<Question>& QuestionRecord() {
  static const record::Record<Question> kRecord{
      .schema = "GuidanceQuestionInput",
      .list = "questions",
      .about = "A question of a checklist",
      .fields =
          {
              record::Code("code", &Question::code).About("unique within the version, e.g. MS1"),
              record::Choice("topic", &Question::topic, AllTopics(), TopicName),
              record::Text("text", &Question::text),
              record::Choice(
                  "answer_type", &Question::type,
                  {AnswerType::kYesNo, AnswerType::kNumber, AnswerType::kRating, AnswerType::kText},
                  AnswerTypeName)
                  .About("rating: a whole number 1 to 5"),
          },
      .key = {"code"},
      .permission = access::Permission::kManageGuidance,
      .national = true,
  };
  return kRecord;
}

const record::Record<ChecklistInput>& ChecklistRecord() {
  static const record::Record<ChecklistInput> kRecord{
      .schema = "GuidanceChecklistInput",
      .list = "checklists",
      .about = "A new checklist version",
      .fields =
          {
              record::Text("title", &ChecklistInput::title),
              record::Items("questions", &ChecklistInput::questions, QuestionRecord()),
          },
      .permission = access::Permission::kManageGuidance,
      .national = true,
  };
  return kRecord;
}

const record::Record<Answer>& AnswerRecord() {
  static const record::Record<Answer> kRecord{
      .schema = "GuidanceAnswerInput",
      .list = "answers",
      .about = "The answer to one question, checked against the question's type",
      .fields =
          {
              record::Code("question", &Answer::question).About("question code"),
              record::Scalar("value", &Answer::value)
                  .About("yes_no: true/false or yes/no; number; rating 1 to 5; text"),
          },
      .key = {"question"},
      .permission = access::Permission::kWriteGuidance,
  };
  return kRecord;
}

const record::Record<FindingInput>& FindingRecord() {
  static const record::Record<FindingInput> kRecord{
      .schema = "GuidanceFindingInput",
      .list = "findings",
      .about = "What a team found, and the measure it proposes to the plenary meeting",
      .fields =
          {
              record::Choice("topic", &FindingInput::topic, AllTopics(), TopicName),
              record::Choice(
                  "severity", &FindingInput::severity,
                  {Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical},
                  SeverityName),
              // Not empty, each: checked with the answers (CheckVisitContent), so that one answer
              // names every mistake of a visit.
              record::Text("evidence", &FindingInput::evidence)
                  .Optional()
                  .About("what was seen; required"),
              record::Text("measure", &FindingInput::measure)
                  .Optional()
                  .About("the measure proposed; required"),
              record::Text("owner", &FindingInput::owner)
                  .Optional()
                  .About("who is to carry it out; required"),
          },
      .permission = access::Permission::kWriteGuidance,
  };
  return kRecord;
}

const record::Record<VisitInput>& VisitRecord() {
  static const record::Record<VisitInput> kRecord{
      .schema = "GuidanceVisitInput",
      .list = "visits",
      .about = "A team's visit to a county of its areas",
      .fields =
          {
              record::Whole("team", &VisitInput::team, 1, kMaxCount)
                  .Optional()
                  .About("team id; the adopted team whose areas hold the region when not given"),
              record::Code("region", &VisitInput::region),
              record::Day("date", &VisitInput::date),
              record::Whole("checklist_version", &VisitInput::checklist_version, 1, 1'000'000),
              record::Items("answers", &VisitInput::answers, AnswerRecord()).Optional(),
              record::Items("findings", &VisitInput::findings, FindingRecord()).Optional(),
              record::Text("note", &VisitInput::note).Optional(),
          },
      .owners = {{"region", ""}},
      .permission = access::Permission::kWriteGuidance,
  };
  return kRecord;
}

const record::Record<FindingClosure>& ClosureRecord() {
  static const record::Record<FindingClosure> kRecord{
      .schema = "GuidanceFindingClosure",
      .list = "closure",
      .about = "How an open finding was dealt with",
      .fields = {record::Text("how", &FindingClosure::how).About("how it was dealt with")},
      .permission = access::Permission::kManageGuidance,
  };
  return kRecord;
}

}  // namespace outbreak::guidance
