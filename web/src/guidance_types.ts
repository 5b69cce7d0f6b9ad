// The shapes of the guidance routes' answers (docs/guidance.md, /api/v1/openapi.json).

export interface TeamMember {
  code: string;
  name: string;
  position: string;
  expertise: string[];
  home: string;
}

export interface Team {
  id: number;
  plan: number;
  seq: number;
  area: string;
  area_name: string;
  provinces: string[];
  leader: { code: string; name: string };
  members: TeamMember[];
  workload: number;
  workload_per_member: number;
  duties: string[];
}

export interface PlanArea {
  code: string;
  name: string;
  provinces: string[];
  population: number;
  counties: number;
  open_findings: number;
  needs: string[];
  workload: number;
  team_size: number;
  workload_per_member: number;
}

export interface TeamPlan {
  id: number;
  status: 'proposed' | 'adopted' | 'superseded';
  created_at: string;
  created_by: string;
  adopted_by: string | null;
  adopted_at: string | null;
  objective: { max_workload_per_member: number; sum_workload_per_member: number; proven_optimal: boolean };
  rules: { min_size: number; max_size: number; min_department_officials: number };
  areas: PlanArea[];
  pins: { official: string; area: string }[];
  excluded: string[];
  unassigned: string[];  // officials not sent
  teams: Team[];
}

export interface Official {
  code: string;
  name: string;
  position: string;
  expertise: string[];
  home: string;
  available: boolean;
}

export interface Finding {
  id: number;
  visit: number;
  team: number;
  region: string;
  date: string;
  topic: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  evidence: string;
  measure: string;
  owner: string;
  status: 'open' | 'closed';
  recorded_by: string;
  closed_by: string | null;
  closed_at: string | null;
  closure: string | null;
}
