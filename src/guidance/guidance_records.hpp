#pragma once
// The guidance records as they come from outside, declared once (record.hpp): the officials of
// the roster, a checklist version and its questions, a visit with its answers and findings, and a
// finding's closure. Their files, request bodies, checks and API schemas are derived from these.

#include <string>
#include <vector>

#include "guidance/checklist.hpp"
#include "guidance/official.hpp"
#include "guidance/visit.hpp"
#include "record/record.hpp"

namespace outbreak::guidance {

const record::Record<Official>& OfficialRecord();

// A new checklist version: its title and questions.
struct ChecklistInput {
  std::string title;
  std::vector<Question> questions;
};
const record::Record<Question>& QuestionRecord();
const record::Record<ChecklistInput>& ChecklistRecord();

const record::Record<Answer>& AnswerRecord();
const record::Record<FindingInput>& FindingRecord();
const record::Record<VisitInput>& VisitRecord();

// How an open finding was dealt with.
struct FindingClosure {
  std::string how;
};
const record::Record<FindingClosure>& ClosureRecord();

}  // namespace outbreak::guidance
