// The component schemas of the supply resources: the catalogue and network, the ledger, the
// reads, shipments, distribution plans and the production plan.

#include <boost/json.hpp>

#include "http/openapi.hpp"
#include "supply/supply_records.hpp"

namespace outbreak::http {

using boost::json::array;
using boost::json::object;
using namespace schema;

namespace {

object Shipment() {
  const object lot = Properties({{"medicine", String()},
                                 {"lot", String()},
                                 {"sent", Integer()},
                                 {"received", Integer()},
                                 {"lost", Integer()},
                                 {"loss_reason", String()},
                                 {"temperature_excursion", Boolean()}});
  const object custody =
      Properties({{"step", String()}, {"by", String()}, {"at", String()}, {"note", String()}});
  return Properties(
      {{"id", Integer()},
       {"from", String()},
       {"to", String()},
       {"status", Enum(array{"planned", "approved", "dispatched", "received", "cancelled"})},
       {"ship_day", Date()},
       {"arrival_day", Date()},
       {"plan_id", Nullable("integer")},
       {"reserve_order", Boolean()},
       {"note", String()},
       {"lines", ArrayOf(Properties({{"medicine", String()}, {"quantity", Integer()}}))},
       {"lots", ArrayOf(lot)},
       {"custody", ArrayOf(custody)}});
}

object SupplyPlan() {
  const object medicine = Properties({{"medicine", String()},
                                      {"supply_units", Integer()},
                                      {"need_units", Integer()},
                                      {"lambda", Number()},
                                      {"lambda_num", Integer()},
                                      {"lambda_den", Integer()},
                                      {"late_unit_days", Integer()},
                                      {"cover_shortfall_units", Integer()},
                                      {"transport_unit_hours", Integer()},
                                      {"holding_unit_days", Integer()},
                                      {"in_lp", Boolean()}});
  const object shipment = Properties({{"from", String()},
                                      {"to", String()},
                                      {"medicine", String()},
                                      {"dispatch_day", Date()},
                                      {"arrive_day", Date()},
                                      {"quantity", Integer()}});
  const object outcome =
      Properties({{"node", String()},
                  {"medicine", String()},
                  {"need", Integer()},
                  {"met", Integer()},
                  {"met_on_time", Integer()},
                  {"met_late", Integer()},
                  {"unmet", Integer()},
                  {"late_unit_days", Integer()},
                  {"end_stock", Integer()},
                  {"cover_target", Integer()},
                  {"reserve_kept", Integer()},
                  {"reason", Enum(array{"none", "national_shortage", "unreachable",
                                        "saturated_link", "saturated_storage", "fair_share"})},
                  {"why", String()}});
  return Properties(
      {{"id", Integer()},
       {"status", Enum(array{"proposed", "adopted", "superseded"})},
       {"scope", String()},
       {"as_of", Date()},
       {"horizon_days", Integer()},
       {"created_at", String()},
       {"created_by", String()},
       {"adopted_by", Nullable("string")},
       {"adopted_at", Nullable("string")},
       {"basis_change", Integer()},
       {"superseded_by", Nullable("integer")},
       {"stale", Boolean()},
       {"changes_since", Integer()},
       {"first_day", Date()},
       {"basis", String()},
       {"method", Enum(array{"network_simplex_per_medicine", "joint_lp", "coupled_lp"})},
       {"method_reason", String()},
       {"lp",
        Properties({{"lambda", Number()}, {"late_unit_days", Number()}, {"columns", Integer()}})},
       {"medicines", ArrayOf(medicine)},
       {"shipments", ArrayOf(shipment)},
       {"outcomes", ArrayOf(outcome)},
       {"totals", Properties({{"shipments", Integer()},
                              {"units_shipped", Integer()},
                              {"need", Integer()},
                              {"met", Integer()},
                              {"unmet", Integer()}})},
       {"short_dated", ArrayOf(Properties({{"medicine", String()},
                                           {"used_where_held", Integer()},
                                           {"left_to_expire", Integer()}}))},
       {"shipment_ids", ArrayOf(Integer())},
       {"cancelled_shipment_ids", ArrayOf(Integer())},
       {"topped_up_shipment_ids", ArrayOf(Integer())},
       {"superseded_plans", ArrayOf(Integer())}});
}

object Production() {
  const object medicine = Properties({{"medicine", String()},
                                      {"demand_units", Integer()},
                                      {"reserve_gap_units", Integer()},
                                      {"required_units", Integer()},
                                      {"capacity_units", Integer()},
                                      {"planned_units", Integer()},
                                      {"capacity_gap_units", Integer()},
                                      {"shortfall_unit_days", Integer()},
                                      {"end_stock_units", Integer()},
                                      {"mean_daily_demand_units", Number()},
                                      {"cover_days", Nullable("number")},
                                      {"target_cover_days", Number()},
                                      {"variety_gap", Boolean()},
                                      {"cover_gap_days", Number()},
                                      {"cover_gap_units", Integer()}});
  return Properties({{"as_of", Date()},
                     {"first_day", Date()},
                     {"horizon_days", Integer()},
                     {"basis", String()},
                     {"max_factory_utilisation", Number()},
                     {"medicines", ArrayOf(medicine)},
                     {"runs", ArrayOf(Properties({{"factory", String()},
                                                  {"medicine", String()},
                                                  {"day", Date()},
                                                  {"units", Integer()}}))},
                     {"variety_gap", ArrayOf(String())}});
}

}  // namespace

boost::json::object SupplySchemas() {
  const object node_kinds =
      Enum(array{"factory", "central_base", "provincial_centre", "county_base", "pharmacy"});
  const object entry_kinds = Enum(array{"receipt", "production", "issue", "transfer_out",
                                        "transfer_in", "adjustment", "expiry", "loss"});
  const object entry = Properties({{"id", Integer()},
                                   {"day", Date()},
                                   {"node", String()},
                                   {"medicine", String()},
                                   {"lot", String()},
                                   {"kind", entry_kinds},
                                   {"quantity", Integer()},
                                   {"reason", String()},
                                   {"shipment_id", Nullable("integer")},
                                   {"reserve_order", Boolean()},
                                   {"recorded_by", String()},
                                   {"recorded_at", String()}});
  const object movement = Properties({{"day", Date()},
                                      {"node", String()},
                                      {"medicine", String()},
                                      {"kind", entry_kinds},
                                      {"quantity", Integer()},
                                      {"lot", String()},
                                      {"expiry", Date()},
                                      {"maker", String()},
                                      {"reason", String()},
                                      {"movement", String()}},
                                     array{"day", "node", "medicine", "kind", "quantity"});
  const object shipment_input =
      Properties({{"from", String()},
                  {"to", String()},
                  {"ship_day", Date()},
                  {"arrival_day", Date()},
                  {"reserve_order", Boolean()},
                  {"note", String()},
                  {"lines", ArrayOf(Properties({{"medicine", String()}, {"quantity", Integer()}},
                                               array{"medicine", "quantity"}))}},
                 array{"from", "to", "ship_day", "lines"});
  const object lot_balance =
      Properties({{"lot", String()}, {"expiry", Date()}, {"quantity", Integer()}});
  object out{
      {"SupplyWriteResult",
       Properties({{"added", Integer()}, {"updated", Integer()}, {"unchanged", Integer()}})},
      {"LedgerEntry", entry},
      {"LedgerPage", Page("LedgerEntry")},
      {"Movement", movement},
      {"LedgerPost",
       {{"oneOf", array{Ref("Movement"), Properties({{"movements", ArrayOf(Ref("Movement"))},
                                                     {"draw_reserve", Boolean()},
                                                     {"reason", String()}},
                                                    array{"movements"})}}}},
      {"LedgerPostResult", Properties({{"posted", Integer()},
                                       {"unchanged", Integer()},
                                       {"entries", ArrayOf(Ref("LedgerEntry"))}})},
      {"StockReport",
       Properties({{"region", String()},
                   {"as_of", Date()},
                   {"lines", ArrayOf(Properties({{"node", String()},
                                                 {"node_name", String()},
                                                 {"kind", node_kinds},
                                                 {"region", String()},
                                                 {"medicine", String()},
                                                 {"on_hand", Integer()},
                                                 {"usable", Integer()},
                                                 {"expired", Integer()},
                                                 {"lots", ArrayOf(lot_balance)}}))}})},
      {"CoverReport",
       Properties(
           {{"region", String()},
            {"as_of", Date()},
            {"basis", String()},
            {"below_minimum", Integer()},
            {"lines", ArrayOf(Properties({{"node", String()},
                                          {"kind", node_kinds},
                                          {"region", String()},
                                          {"medicine", String()},
                                          {"usable", Integer()},
                                          {"need_per_day", Number()},
                                          {"issued_per_day", Number()},
                                          {"cover_days", Nullable("number")},
                                          {"min_days", Number()},
                                          {"max_days", Number()},
                                          {"status", Enum(array{"no_need", "below_minimum",
                                                                "within", "above_maximum"})}}))}})},
      {"DemandReport",
       Properties({{"region", String()},
                   {"as_of", Date()},
                   {"horizon_days", Integer()},
                   {"basis", String()},
                   {"lines", ArrayOf(Properties({{"region", String()},
                                                 {"medicine", String()},
                                                 {"total", Number()},
                                                 {"need_per_day", ArrayOf(Number())}}))}})},
      {"RecallReport",
       Properties(
           {{"lot", Properties({{"medicine", String()},
                                {"lot", String()},
                                {"expiry", Date()},
                                {"maker", String()}})},
            {"recall", Ref("LotRecall")},
            {"units_held", Integer()},
            {"units_in_transit", Integer()},
            {"units_written_off", Integer()},
            {"written_off", ArrayOf(Properties({{"node", String()}, {"quantity", Integer()}}))},
            {"holders", ArrayOf(Properties({{"node", String()}, {"quantity", Integer()}}))},
            {"in_transit", ArrayOf(Properties({{"shipment", Integer()},
                                               {"from", String()},
                                               {"to", String()},
                                               {"arrival_day", Date()},
                                               {"units", Integer()}}))},
            {"shipments", ArrayOf(Ref("Shipment"))}})},
      {"RecallOrder",
       Properties(
           {{"medicine", String()}, {"lot", String()}, {"reason", String()}, {"day", Date()}},
           array{"medicine", "lot", "reason"})},
      {"LotRecall", Properties({{"id", Integer()},
                                {"medicine", String()},
                                {"lot", String()},
                                {"status", Enum(array{"active", "lifted"})},
                                {"day", Date()},
                                {"reason", String()},
                                {"ordered_by", String()},
                                {"ordered_at", String()},
                                {"lifted_day", Nullable("string")},
                                {"lifted_by", String()},
                                {"lift_reason", String()}})},
      {"LotRecallList", Properties({{"items", ArrayOf(Ref("LotRecall"))}})},
      {"Shipment", Shipment()},
      {"ShipmentPage", Page("Shipment")},
      {"ShipmentInput", shipment_input},
      {"ShipmentBatch", Batch("shipments", "ShipmentInput")},
      {"ShipmentsCreated",
       Properties({{"ids", ArrayOf(Integer())}, {"shipments", ArrayOf(Ref("Shipment"))}})},
      {"ShipmentCancel", Properties({{"reason", String()}}, array{"reason"})},
      {"ShipmentBulkStep",
       Properties({{"step", Enum(array{"approve", "dispatch", "receive", "cancel"})},
                   {"ids", ArrayOf(Integer())},
                   {"plan", Integer()},
                   {"from", String()},
                   {"to", String()},
                   {"through", Date()},
                   {"day", Date()},
                   {"reason", String()}},
                  array{"step"})},
      {"ShipmentBulkResult",
       Properties(
           {{"step", String()}, {"count", Integer()}, {"shipments", ArrayOf(Ref("Shipment"))}})},
      {"WorkQueue", Properties({{"node", String()},
                                {"day", Date()},
                                {"overdue", Integer()},
                                {"to_approve", ArrayOf(Ref("Shipment"))},
                                {"to_dispatch", ArrayOf(Ref("Shipment"))},
                                {"to_receive", ArrayOf(Ref("Shipment"))}})},
      {"ShipmentReceipt",
       Properties({{"day", Date()},
                   {"counts", ArrayOf(Properties({{"medicine", String()},
                                                  {"lot", String()},
                                                  {"received", Integer()},
                                                  {"loss_reason", String()},
                                                  {"temperature_excursion", Boolean()}},
                                                 array{"medicine", "lot", "received"}))}},
                  array{"counts"})},
      {"SupplyPlanRequest", Properties({{"within", String()},
                                        {"as_of", Date()},
                                        {"horizon_days", Integer()},
                                        {"draw_reserve", Boolean()},
                                        {"include_production", Boolean()}})},
      {"SupplyPlanAdoption", Properties({{"reason", String()}, {"confirm_stale", Boolean()}})},
      {"SupplyPlan", SupplyPlan()},
      {"SupplyPlanPage", Page("SupplyPlan")},
      {"ProductionPlan", Production()},
  };
  AddRecordSchemas(out, supply::MedicineRecord());
  AddRecordSchemas(out, supply::ProtocolRecord());
  AddRecordSchemas(out, supply::NodeRecord());
  AddRecordSchemas(out, supply::LinkRecord());
  AddRecordSchemas(out, supply::ReserveFloorRecord());
  AddRecordSchemas(out, supply::CapacityRecord());
  return out;
}

}  // namespace outbreak::http
