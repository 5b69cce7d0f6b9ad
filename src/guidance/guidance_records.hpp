#pragma once
// The guidance records as they come from outside, declared once (record.hpp): the officials of
// the roster. Their file, request bodies, checks and API schema are derived from it.

#include "guidance/official.hpp"
#include "record/record.hpp"

namespace outbreak::guidance {

const record::Record<Official>& OfficialRecord();

}  // namespace outbreak::guidance
