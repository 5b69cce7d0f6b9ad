// The addresses of the supply, prevention levels and guidance views (#/supply/KP-04?as_of=...,
// #/levels/KP, #/guidance). The views themselves are loaded when first opened; these few lines
// are shared by the menu and the views, so they live together in one small module.

export interface SupplyParams {
  region: string;
  asOf?: string;  // absent: the latest day with data
  plan?: number;  // the distribution plan shown
}

export function supplyHash(params: SupplyParams): string {
  const query = new URLSearchParams();
  if (params.asOf) query.set('as_of', params.asOf);
  if (params.plan) query.set('plan', String(params.plan));
  const qs = query.toString();
  return `#/supply/${encodeURIComponent(params.region)}${qs ? `?${qs}` : ''}`;
}

export interface LevelsParams {
  region: string;
  asOf?: string;  // absent: the latest day with data
}

export function levelsHash(params: LevelsParams): string {
  const qs = params.asOf ? `?as_of=${encodeURIComponent(params.asOf)}` : '';
  return `#/levels/${encodeURIComponent(params.region)}${qs}`;
}

export interface GuidanceParams {
  asOf?: string;  // the day of the report to the plenary meeting; absent: the latest
  plan?: number;  // the team plan shown; absent: the adopted one
}

export function guidanceHash(params: GuidanceParams = {}): string {
  const query = new URLSearchParams();
  if (params.asOf) query.set('as_of', params.asOf);
  if (params.plan) query.set('plan', String(params.plan));
  const qs = query.toString();
  return `#/guidance${qs ? `?${qs}` : ''}`;
}
