#pragma once
// The care records as they come from outside, each declared once (record.hpp): treatment
// centres, their daily census and the counts of the medical workforce. Their CSV files, request
// bodies and API schemas are derived from these.

#include "care/centre.hpp"
#include "care/workforce.hpp"
#include "record/record.hpp"

namespace outbreak::care {

const record::Record<TreatmentCentre>& CentreRecord();
const record::Record<CensusDay>& CensusRecord();
const record::Record<WorkforceCount>& WorkforceRecord();

}  // namespace outbreak::care
