// The JSON body readers of the API (declared records, supply and guidance bodies) on any bytes: a
// 400 with reasons or a value, never a crash.

#include <string>

#include "care/care_records.hpp"
#include "fuzz_input.hpp"
#include "guidance/guidance_records.hpp"
#include "http/guidance_body.hpp"
#include "http/supply_body.hpp"
#include "record/record_json.hpp"
#include "supply/supply_records.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace outbreak;
  const std::string body(fuzz::Text(data, size));
  (void)record::ReadBody(care::CentreRecord(), body);
  (void)record::ReadBody(care::CensusRecord(), body);
  (void)record::ReadBody(care::WorkforceRecord(), body);
  (void)record::ReadBody(supply::MedicineRecord(), body);
  (void)record::ReadBody(supply::ProtocolRecord(), body);
  (void)record::ReadBody(supply::NodeRecord(), body);
  (void)record::ReadBody(supply::LinkRecord(), body);
  (void)record::ReadBody(supply::ReserveFloorRecord(), body);
  (void)record::ReadBody(supply::CapacityRecord(), body);
  (void)http::ParseLedgerBody(body);
  (void)http::ParseShipmentsBody(body);
  (void)http::ParseStepBody(body, true, false);
  (void)http::ParseReceiptBody(body);
  (void)http::ParseSupplyPlanBody(body);
  (void)http::ParseDefaultLinksBody(body);
  (void)record::ReadBody(guidance::OfficialRecord(), body);
  (void)http::ParseChecklistBody(body);
  (void)http::ParseVisitBody(body);
  (void)http::ParseClosureBody(body);
  (void)http::ParsePlanRequestBody(body, guidance::TeamRules());
  return 0;
}
