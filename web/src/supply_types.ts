// The shapes of the supply routes' answers (docs/supply.md, /api/v1/openapi.json).

export type CoverStatus = 'no_need' | 'below_minimum' | 'within' | 'above_maximum';

export interface CoverLine {
  node: string;
  kind: string;
  region: string;
  medicine: string;
  usable: number;
  need_per_day: number;
  issued_per_day: number;
  cover_days: number | null;  // null: no need and nothing issued
  min_days: number;
  max_days: number;
  status: CoverStatus;
}

export interface CoverReport {
  region: string;
  as_of: string;
  basis: string;
  below_minimum: number;  // node-medicine lines below their minimum cover
  lines: CoverLine[];
}

export interface StockLot {
  lot: string;
  expiry: string;
  quantity: number;
}

export interface StockLine {
  node: string;
  node_name: string;
  kind: string;
  region: string;
  medicine: string;
  on_hand: number;
  usable: number;
  expired: number;
  lots: StockLot[];
}

export interface StockReport {
  region: string;
  as_of: string;
  lines: StockLine[];
}

export interface Medicine {
  code: string;
  name: string;
  name_local: string;
  form: string;
  unit: string;
  category: string;
  essential: boolean;
  national_reserve: boolean;
  storage: string;
}

export interface SupplyNode {
  code: string;
  name: string;
  kind: string;
  region: string;
}

export type ShipmentStatus = 'planned' | 'approved' | 'dispatched' | 'received' | 'cancelled';

export interface ShipmentLot {
  medicine: string;
  lot: string;
  sent: number;
  received: number;
  lost: number;
  loss_reason: string;
  temperature_excursion: boolean;
}

export interface CustodyStep {
  step: string;
  by: string;
  at: string;
  note: string;
}

export interface Shipment {
  id: number;
  from: string;
  to: string;
  status: ShipmentStatus;
  ship_day: string;
  arrival_day: string;
  plan_id: number | null;
  reserve_order: boolean;
  note: string;
  lines: { medicine: string; quantity: number }[];
  lots: ShipmentLot[];
  custody: CustodyStep[];
}

// A recall order: the lot is neither issued nor dispatched anywhere while it is active.
export interface LotRecall {
  id: number;
  medicine: string;
  lot: string;
  status: 'active' | 'lifted';
  day: string;
  reason: string;
  ordered_by: string;
  lifted_day: string | null;
  lifted_by: string;
  lift_reason: string;
}

export interface RecallReport {
  lot: { medicine: string; lot: string; expiry: string; maker: string };
  recall: LotRecall | null;
  units_held: number;
  units_in_transit: number;
  units_written_off: number;
  holders: { node: string; quantity: number }[];
  in_transit: { shipment: number; from: string; to: string; arrival_day: string; units: number }[];
  shipments: Shipment[];
}

export interface SupplyPlanSummary {
  id: number;
  status: 'proposed' | 'adopted' | 'superseded';
  scope: string;
  as_of: string;
  horizon_days: number;
  created_at: string;
  created_by: string;
  adopted_by: string | null;
  adopted_at: string | null;
  superseded_by: number | null;
  stale?: boolean;          // a proposed plan whose data changed since it was made
  changes_since?: number;
}

export interface PlanMedicine {
  medicine: string;
  supply_units: number;
  need_units: number;
  lambda: number | null;  // the fill rate every county gets
  late_unit_days: number;
  cover_shortfall_units: number;
  transport_unit_hours: number;
  in_lp: boolean;
}

export interface PlannedShipment {
  from: string;
  to: string;
  medicine: string;
  dispatch_day: string;
  arrive_day: string;
  quantity: number;
}

export interface PlanOutcome {
  node: string;
  medicine: string;
  need: number;
  met: number;
  met_late: number;
  unmet: number;
  reason: string;  // none, national_shortage, short_in_scope, unreachable, saturated_link, saturated_storage, fair_share
  why: string;
}

export interface SupplyPlan extends SupplyPlanSummary {
  first_day: string;
  method: string;
  method_reason: string;
  medicines: PlanMedicine[];
  shipments: PlannedShipment[];
  outcomes: PlanOutcome[];
  totals: { shipments: number; units_shipped: number; need: number; met: number; unmet: number };
  basis: string;
  draw_reserve: boolean;
  shipment_ids?: number[];  // in the answer to an adoption
  cancelled_shipment_ids?: number[];
  superseded_plans?: number[];
}

// One step for many shipments (POST /api/v1/supply/shipment-steps): named by ids, or found by a
// filter (a plan, a sending or receiving node, the last due day), all or nothing.
export type BulkStep = 'approve' | 'dispatch' | 'receive' | 'cancel';

export interface BulkStepRequest {
  step: BulkStep;
  ids?: number[];
  plan?: number;
  from?: string;
  to?: string;
  through?: string;  // due by: the ship day, or the arrival day for a receipt
  day?: string;      // the day the steps bear; absent: each shipment's planned day
  reason?: string;   // needed to cancel
}

export interface BulkStepResult {
  step: 'approved' | 'dispatched' | 'received' | 'cancelled';
  count: number;
  shipments: Shipment[];
}

// A node's work on a day (GET /api/v1/supply/queue), the oldest first.
export interface WorkQueue {
  node: string;
  day: string;
  overdue: number;  // due before the day
  to_approve: Shipment[];
  to_dispatch: Shipment[];
  to_receive: Shipment[];
}
