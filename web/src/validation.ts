// The checks of POST /api/v1/reports, made in the browser before a report is queued, with the
// API's wording: a report that passes here is one the server takes. What the server only flags
// (the under-treatment identity, positive above tested) is a warning here, not a refusal.

import { isDate, int } from './format';
import type { ReportInput } from './types';

export const kCountFields = ['new_fever', 'new_recovered', 'new_deaths', 'under_treatment'] as const;
export const kOptionalFields = ['tested', 'positive'] as const;
export type CountField = (typeof kCountFields)[number] | (typeof kOptionalFields)[number];

export interface ReportForm {
  region: string;
  date: string;
  counts: Record<CountField, string>;
  reason: string;
}

export interface Checked {
  errors: Map<string, string>;  // field → "new_deaths: "-3" is negative"
  warnings: string[];
  input: ReportInput | null;  // null while there are errors
}

// Whole counts the API accepts: 0 up to 2^53 - 1 (what a JSON number carries exactly). The
// error is kept under `field`, worded for `label` (the API names a census field "census.died").
export function readCount(field: string, text: string, required: boolean, errors: Map<string, string>, label = field): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') {
    if (required) errors.set(field, `${label}: is missing`);
    return undefined;
  }
  if (!/^[+-]?\d+$/.test(trimmed)) {
    errors.set(field, `${label}: "${trimmed}" is not a whole number`);
    return undefined;
  }
  const value = Number(trimmed);
  if (value < 0) {
    errors.set(field, `${label}: ${trimmed} is negative`);
    return undefined;
  }
  if (!Number.isSafeInteger(value)) {
    errors.set(field, `${label}: is too large`);
    return undefined;
  }
  return value;
}

// `units`: the reporting units the sender may report for. `previousUnderTreatment`: the number
// under treatment the day before, when known, for the identity check.
export function checkReport(form: ReportForm, units: Set<string>, previousUnderTreatment?: number): Checked {
  const errors = new Map<string, string>();
  const warnings: string[] = [];
  if (!form.region) errors.set('region', 'region: is missing');
  else if (units.size > 0 && !units.has(form.region)) errors.set('region', `region: "${form.region}" is not a reporting unit of yours`);
  if (!isDate(form.date)) {
    errors.set('date', form.date ? `date: "${form.date}" is not a date (expected "YYYY-MM-DD")` : 'date: is missing');
  }
  const counts: Partial<Record<CountField, number>> = {};
  for (const field of kCountFields) counts[field] = readCount(field, form.counts[field] ?? '', true, errors);
  for (const field of kOptionalFields) counts[field] = readCount(field, form.counts[field] ?? '', false, errors);

  const { tested, positive } = counts;
  if (tested !== undefined && positive !== undefined && positive > tested) {
    warnings.push(`positive (${int(positive)}) exceeds tested (${int(tested)}); it will be recorded as a finding`);
  }
  const { new_fever, new_recovered, new_deaths, under_treatment } = counts;
  if (
    previousUnderTreatment !== undefined &&
    new_fever !== undefined && new_recovered !== undefined && new_deaths !== undefined && under_treatment !== undefined
  ) {
    const expected = previousUnderTreatment + new_fever - new_recovered - new_deaths;
    if (expected !== under_treatment) {
      warnings.push(
        `under_treatment is ${int(under_treatment)} but the day before's ${int(previousUnderTreatment)} + ` +
          `${int(new_fever)} new − ${int(new_recovered)} recovered − ${int(new_deaths)} deaths = ${int(expected)}; ` +
          'it will be recorded as a finding',
      );
    }
  }
  if (errors.size > 0) return { errors, warnings, input: null };
  const input: ReportInput = {
    region: form.region,
    date: form.date,
    new_fever: new_fever!,
    new_recovered: new_recovered!,
    new_deaths: new_deaths!,
    under_treatment: under_treatment!,
  };
  if (tested !== undefined) input.tested = tested;
  if (positive !== undefined) input.positive = positive;
  if (form.reason.trim()) input.reason = form.reason.trim();
  return { errors, warnings, input };
}
