// The address of the care view (#/care/KP?as_of=2022-05-20&plan=3). The view itself is loaded
// when first opened (care_view.ts), so that the other views do not wait for it.

export interface CareParams {
  region: string;
  asOf?: string;  // absent: the latest day with data
  plan?: number;  // the plan shown
}

export function careHash(params: CareParams): string {
  const query = new URLSearchParams();
  if (params.asOf) query.set('as_of', params.asOf);
  if (params.plan) query.set('plan', String(params.plan));
  const qs = query.toString();
  return `#/care/${encodeURIComponent(params.region)}${qs ? `?${qs}` : ''}`;
}
