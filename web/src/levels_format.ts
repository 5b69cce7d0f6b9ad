// Prevention levels as words: level names from the rules in force, indicators with their units,
// the conditions that triggered a proposal.

import { h } from './dom';
import { decimal, percent } from './format';
import type { LevelRules, Trigger } from './levels_types';

const kIndicators: Record<string, [string, (v: number) => string]> = {
  incidence_7d_per_100k: ['new cases in 7 days per 100,000', (v) => decimal(v, 1)],
  rt_mean: ['R_t', (v) => decimal(v, 2)],
  rt_upper: ['R_t, upper bound', (v) => decimal(v, 2)],
  growth_rate: ['growth rate per day', (v) => percent(v, 1)],
  bed_occupancy: ['bed occupancy', (v) => percent(v, 0)],
  medicine_days_of_cover: ['medicine days of cover', (v) => decimal(v, 1)],
  patients_per_doctor: ['patients per doctor', (v) => decimal(v, 1)],
  reporting_completeness: ['reporting completeness', (v) => percent(v, 0)],
};

export const kIndicatorOrder = Object.keys(kIndicators);

export function indicatorLabel(indicator: string): string {
  return kIndicators[indicator]?.[0] ?? indicator.replace(/_/g, ' ');
}

export function indicatorValue(indicator: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return kIndicators[indicator] ? kIndicators[indicator][1](value) : decimal(value, 2);
}

// "bed occupancy 1% < 30%".
export function triggerText(t: Trigger): string {
  return `${indicatorLabel(t.indicator)} ${indicatorValue(t.indicator, t.value)} ${t.comparison} ${indicatorValue(t.indicator, t.threshold)}`;
}

export class LevelNames {
  constructor(private readonly rules: LevelRules | null) {}

  name(key: string): string {
    return this.rules?.levels.find((l) => l.key === key)?.name ?? key.replace(/_/g, ' ');
  }

  rank(key: string): number {
    return this.rules?.levels.find((l) => l.key === key)?.rank ?? 0;
  }

  keys(): string[] {
    return (this.rules?.levels ?? []).map((l) => l.key);
  }

  // The level as a coloured label: the colour says the rank, the text says the level.
  badge(key: string): HTMLElement {
    return h('span', { class: `level rank-${Math.min(this.rank(key), 3)}`, 'data-level': key }, this.name(key));
  }
}
