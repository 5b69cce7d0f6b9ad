// The checks of POST /api/v1/care/census and POST /api/v1/care/plans, made in the browser before
// anything is sent, with the API's wording (`census.occupied: -3 is negative`,
// `horizon_days: 30 is not a whole number from 0 to 28`). What the server only records as a
// finding (more occupied than beds, the census identity) is a warning here, not a refusal.

import { int, isDate } from './format';
import type { CensusInput, PlanRequest } from './types';
import { readCount } from './validation';

export const kCensusCounts = ['occupied', 'admitted', 'discharged', 'died'] as const;
export type CensusField = (typeof kCensusCounts)[number] | 'transferred';

export interface CensusForm {
  centre: string;
  date: string;
  counts: Record<CensusField, string>;
  reason: string;
}

export interface Checked<T> {
  errors: Map<string, string>;  // field → message
  warnings: string[];
  input: T | null;  // null while there are errors
}

// `beds`: the beds of each centre the sender may record for. `previousOccupied`: the centre's
// occupied beds the day before, when known, for the identity check.
export function checkCensus(form: CensusForm, beds: Map<string, number>, previousOccupied?: number): Checked<CensusInput> {
  const errors = new Map<string, string>();
  const warnings: string[] = [];
  if (!form.centre) errors.set('centre', 'census.centre: is missing');
  else if (beds.size > 0 && !beds.has(form.centre)) errors.set('centre', `census.centre: "${form.centre}" is not a known treatment centre`);
  if (!isDate(form.date)) {
    errors.set('date', form.date ? `census.date: "${form.date}" is not a date (expected "YYYY-MM-DD")` : 'census.date: is missing');
  }
  const n: Partial<Record<CensusField, number>> = {};
  for (const f of kCensusCounts) n[f] = readCount(f, form.counts[f] ?? '', true, errors, `census.${f}`);
  n.transferred = readCount('transferred', form.counts.transferred ?? '', false, errors, 'census.transferred');

  const total = beds.get(form.centre);
  if (total !== undefined && n.occupied !== undefined && n.occupied > total) {
    warnings.push(`${int(n.occupied)} occupied in ${int(total)} beds (${int(n.occupied - total)} over); it will be recorded as a finding`);
  }
  const { occupied, admitted, discharged, died } = n;
  if (previousOccupied !== undefined && occupied !== undefined && admitted !== undefined && discharged !== undefined && died !== undefined) {
    const transferred = n.transferred ?? 0;
    const expected = previousOccupied + admitted - discharged - died - transferred;
    if (expected !== occupied) {
      warnings.push(
        `${int(occupied)} occupied, but ${int(previousOccupied)} the day before + ${int(admitted)} admitted − ${int(discharged)} discharged − ` +
          `${int(died)} died − ${int(transferred)} transferred = ${int(expected)}; it will be recorded as a finding`,
      );
    }
  }
  if (errors.size > 0) return { errors, warnings, input: null };
  const input: CensusInput = { centre: form.centre, date: form.date, occupied: occupied!, admitted: admitted!, discharged: discharged!, died: died! };
  if (n.transferred !== undefined) input.transferred = n.transferred;
  if (form.reason.trim()) input.reason = form.reason.trim();
  return { errors, warnings, input };
}

export interface PlanForm {
  within: string;
  as_of: string;
  horizon_days: string;
  deployment_days: string;
  min_retention_percent: string;
  max_travel_hours: string;
}

// A whole number from min to max, or undefined when left empty.
function wholeIn(field: string, text: string, min: number, max: number, errors: Map<string, string>): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  if (!/^[+-]?\d+$/.test(trimmed) || value < min || value > max) {
    errors.set(field, `${field}: ${/^[+-]?[\d.]+$/.test(trimmed) ? trimmed : `"${trimmed}"`} is not a whole number from ${min} to ${max}`);
    return undefined;
  }
  return value;
}

export function checkPlan(form: PlanForm): Checked<PlanRequest> {
  const errors = new Map<string, string>();
  const body: PlanRequest = { within: form.within };
  if (form.as_of) {
    if (isDate(form.as_of)) body.as_of = form.as_of;
    else errors.set('as_of', 'as_of: is not a date (expected "YYYY-MM-DD")');
  }
  body.horizon_days = wholeIn('horizon_days', form.horizon_days, 0, 28, errors);
  body.deployment_days = wholeIn('deployment_days', form.deployment_days, 1, 90, errors);
  body.min_retention_percent = wholeIn('min_retention_percent', form.min_retention_percent, 0, 100, errors);
  const hours = form.max_travel_hours.trim();
  if (hours) {
    const value = Number(hours);
    if (!Number.isFinite(value)) errors.set('max_travel_hours', `max_travel_hours: "${hours}" is not a number`);
    else if (!(value > 0 && value <= 72)) errors.set('max_travel_hours', `max_travel_hours: ${hours} is not above 0 and at most 72`);
    else body.max_travel_hours = value;
  }
  for (const key of Object.keys(body) as (keyof PlanRequest)[]) if (body[key] === undefined) delete body[key];
  return { errors, warnings: [], input: errors.size ? null : body };
}
