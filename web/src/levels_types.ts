// The shapes of the prevention level routes' answers (/api/v1/openapi.json, tag "levels").

export interface RegionLevel {
  region: string;
  name: string;
  level: string;
  rank: number;
  since: string;
  set_on: string;  // the region whose decision set it (an ancestor's applies below it)
  decision: number | null;
}

export interface Condition {
  indicator: string;
  comparison: string;
  threshold: number;
}

export interface LevelRule {
  key: string;
  name: string;
  rank: number;
  measures: string[];
  raise: Condition[];
  lower: Condition[];
  min_days: number;
}

export interface LevelRules {
  version: string;
  raise_after_days: number;
  lower_after_days: number;
  levels: LevelRule[];
}

export interface RegionIndicators extends RegionLevel {
  indicators: Record<string, number | null>;
}

export interface Trigger extends Condition {
  value: number | null;
}

export interface Proposal {
  id: number;
  region: string;
  name: string;
  day: string;
  from_level: string;
  to_level: string;
  status: 'pending' | 'accepted' | 'rejected' | 'overridden' | 'superseded';
  rules_version: string;
  triggers: Trigger[];
  created_by: string;
  created_at: string;
  decision: number | null;
}

export interface Decision {
  id: number;
  proposal: number | null;
  region: string;
  name: string;
  day: string;
  outcome: string;
  from_level: string;
  to_level: string;
  reason: string;
  decided_by: string;
  decided_at: string;
  tasks: number;
}

export interface Replay {
  from: string;
  to: string;
  rules_version: string;
  regions: string[];
  changes: { region: string; name: string; day: string; from_level: string; to_level: string; triggers: Trigger[] }[];
}

export interface Task {
  id: number;
  decision: number;
  region: string;
  name: string;
  level: string;
  title: string;
  unit: string;
  due: string;
  state: 'open' | 'done' | 'overdue';
  done_by: string | null;
  done_at: string | null;
  note: string;
}
