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
  change_1d: { fever: number; recovered: number; deaths: number; under_treatment: number };
  change_7d: { fever: number; recovered: number; deaths: number; under_treatment: number };
  avg_7d: { fever: number; recovered: number; deaths: number };
  new_per_100k: number | null;
  completeness: { reported: number; expected: number; ratio: number };
}

export interface Growth {
  rate_per_day: number;
  lower_per_day: number;
  upper_per_day: number;
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
