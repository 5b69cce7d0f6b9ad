// The shapes of the API's answers that the page reads (docs/api.md, /api/v1/openapi.json).

export type Role =
  | 'admin'
  | 'headquarters'
  | 'province_officer'
  | 'county_clerk'
  | 'supply_officer'
  | 'treatment_centre'
  | 'guidance_team'
  | 'viewer';

export interface Me {
  name: string;
  role: Role;
  region: string;
  anonymous: boolean;
}

export interface Region {
  code: string;
  name: string;
  name_local?: string;
  level: number;
  population: number;
  parent: string | null;
  lat?: number | null;
  lon?: number | null;
}

export interface RegionDetail {
  region: Region;
  reporting_unit: boolean;
  reporting_units: number;
  children: Region[];
  lat: number | null;
  lon: number | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Flows {
  fever: number;
  recovered: number;
  deaths: number;
  tested?: number;
  positive?: number;
}

export interface Situation {
  region: Region;
  new: Flows;
  cumulative: Flows;
  under_treatment: number;
  // "none": no reporting unit reported on the day (its zeros are not data); "partial": some did.
  data: 'none' | 'partial' | 'complete';
  // Null when one of the two days compared has no report.
  change_1d: { fever: number; recovered: number; deaths: number; under_treatment: number } | null;
  change_7d: { fever: number; recovered: number; deaths: number; under_treatment: number } | null;
  // Over the days of the seven that have reports (`days`); null when none has.
  avg_7d: { fever: number; recovered: number; deaths: number; days: number } | null;
  new_per_100k: number | null;
  completeness: { reported: number; expected: number; ratio: number };
}

// A growth rate: null numbers when the window holds too few cases to measure one.
export interface Growth {
  rate_per_day: number | null;
  lower_per_day: number | null;
  upper_per_day: number | null;
  daily_change: number | null; // e^r − 1: −0.05 is −5% a day
  lower_daily_change: number | null;
  upper_daily_change: number | null;
  trend: string;
  doubling_days?: number;
  halving_days?: number;
}

export interface Alert {
  region: string;
  kind: string;
  date: string;
  value: number;
  previous_value: number;
  message: string;
}

export interface Trend {
  statement: string;
  children: { region: string; growth: Growth | null }[];
  alerts: Alert[];
  growth: Growth | null;
}

export interface Sitrep extends Situation {
  as_of: string;
  children: Situation[];
  // A later day whose reports are not all in yet, beside the complete day shown.
  provisional: (Situation & { as_of: string }) | null;
  trend?: Trend;
}

export interface SeriesPoint {
  date: string;
  new: Flows;
  under_treatment: number;
  cumulative: Flows;
  reported: number;
}

export interface Series {
  region: Region;
  expected: number;
  points: SeriesPoint[];
}

export interface RtEstimate {
  window_start: string;
  window_end: string;
  mean: number;
  median: number;
  q025: number;
  q975: number;
}

export interface Rt {
  region: string;
  serial_interval: string;
  estimates: RtEstimate[];
}

// The daily filter's R_t (rt_method=filter): smoothed with all the data, and filtered with the
// data up to each day.
export interface RtDaily {
  method: string;
  estimates: {
    date: string;
    mean: number;
    q025: number;
    q975: number;
    filtered: { mean: number; q025: number; q975: number };
  }[];
}

export interface Quantiles {
  median: number;
  q025: number;
  q10: number;
  q25: number;
  q75: number;
  q90: number;
  q975: number;
}

export interface ForecastDay {
  date: string;
  new_cases: Quantiles;
  new_recovered: Quantiles;
  new_deaths: Quantiles;
  under_treatment: Quantiles;
}

export interface Forecast {
  region: string;
  origin: string;
  days: ForecastDay[];
  history_days: number;
  // Why plans should not rest on it ("too little data: ...", "unreliable: ..."); null when they may.
  warning: string | null;
  // The method's recent backtested skill in the region: its state and a sentence for people.
  skill?: { state: 'too little data' | 'unreliable' | 'reliable'; reason: string | null; summary: string } | null;
  // How it was made: R_t's method ("last window" or "daily filter") and R on the origin day.
  assumptions?: { rt_method: string; rt_origin: { mean: number; q025: number; q975: number } };
}

export interface ReportCounts {
  new_fever: number;
  new_recovered: number;
  new_deaths: number;
  under_treatment: number;
  tested: number | null;
  positive: number | null;
}

export interface StoredReport {
  region: string;
  date: string;
  counts: ReportCounts;
  version: number; // 1 for a first report, one more with every correction
}

// The body of POST /api/v1/reports for one report.
export interface ReportInput {
  region: string;
  date: string;
  new_fever: number;
  new_recovered: number;
  new_deaths: number;
  under_treatment: number;
  tested?: number;
  positive?: number;
  reason?: string;
  // The version of the stored report this one corrects, as read when the form was filled: if it
  // changed since, the server refuses with the stored value instead of overwriting it unseen.
  expected_version?: number;
}

export interface WriteResult {
  added: number;
  corrected: number;
  unchanged: number;
  findings: { count: number; findings: { kind: string; region: string; date: string; message: string }[] };
}

// One message of the WebSocket feed.
export interface LiveEvent {
  type: 'subscribed' | 'report.added' | 'report.corrected' | 'finding' | string;
  region?: string;
  date?: string;
  counts?: ReportCounts;
  by?: string;
  kind?: string;
  message?: string;
  user?: string;
}

// Care: treatment centres, their census, the workforce and deployment plans (docs/care.md).
export interface CareFinding {
  kind: 'over_capacity' | 'census_identity' | 'rest_rule' | 'worker_illness' | string;
  subject: string;
  date: string;
  message: string;
}

export interface CensusDay {
  centre: string;
  date: string;
  occupied: number;
  admitted: number;
  discharged: number;
  died: number;
  transferred: number;
}

export interface CentreOccupancy {
  code: string;
  name: string;
  region: string;
  kind: string;
  status: string;
  beds: { general: number; intensive: number; isolation: number; total: number };
  staff: number;
  census: CensusDay | null;
  occupancy: number | null;
  days_until_full: number | null;
}

export interface Occupancy {
  region: string;
  as_of: string;
  horizon_days: number;
  beds: number;
  occupied: number;
  occupancy: number | null;
  centres: CentreOccupancy[];
  findings: CareFinding[];
}

export interface WorkforceLine {
  region: string;
  category: string;
  counted_on: string;
  on_duty: number;
  ill: number;
  quarantined: number;
  resting: number;
  longest_duty_run_days: number;
  deployed_away: number;
  deployed_in: number;
  available: number;
}

export interface Workforce {
  region: string;
  as_of: string;
  lines: WorkforceLine[];
  findings: CareFinding[];
}

// The body of POST /api/v1/care/census for one day of one centre.
export interface CensusInput {
  centre: string;
  date: string;
  occupied: number;
  admitted: number;
  discharged: number;
  died: number;
  transferred?: number;
  reason?: string;
}

export interface CareWriteResult {
  added: number;
  updated: number;
  unchanged: number;
  findings: CareFinding[];
}

// The body of POST /api/v1/care/plans.
export interface PlanRequest {
  within?: string;
  as_of?: string;
  horizon_days?: number;
  deployment_days?: number;
  min_retention_percent?: number;
  max_travel_hours?: number;
}

export interface PlanLoad {
  region: string | null;
  patients: number;
  workers: number;
  per_worker: number | null;
}

export interface PlanCategory {
  category: string;
  worst_before: PlanLoad;
  worst_after: PlanLoad;
  workers_moved: number;
  travel_worker_hours: number;
  uncovered: string[];
  regions: { region: string; workers_before: number; workers_after: number; per_worker_before: number | null; per_worker_after: number | null }[];
}

export interface Deployment {
  from: string;
  to: string;
  category: string;
  workers: number;
  start: string;
  end: string;
  travel_hours: number;
}

// A plan as listed (GET /api/v1/care/plans) and, with its detail, as read or made.
export interface PlanSummary {
  id: number;
  status: 'proposed' | 'adopted' | string;
  created_at: string;
  created_by: string;
  adopted_by: string | null;
  adopted_at: string | null;
  scope: string;
  level: number;
  as_of: string;
}

export interface Plan extends PlanSummary {
  start: string;
  end: string;
  horizon_days: number;
  options: { min_retention_percent: number; max_travel_hours: number; road_speed_kmh: number; travel_table: boolean };
  regions: { code: string; name: string; patients_now: number; patients_planned: number; forecast: boolean }[];
  categories: PlanCategory[];
  deployments: Deployment[];
  notes: string[];
}
