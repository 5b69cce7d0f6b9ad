// The situation report as of a day: the day's flows, the totals, completeness, the trend
// statement and the alerts. Each figure carries data-field so that tests and readers can find it.

import { h } from './dom';
import { decimal, int, percent, signed } from './format';
import type { Growth, Sitrep } from './types';

function figure(field: string, label: string, value: string, note?: string): HTMLElement {
  return h(
    'div',
    { class: 'figure' },
    h('dt', null, label),
    h('dd', null, h('span', { class: 'value', 'data-field': field }, value), note ? h('span', { class: 'note' }, note) : null),
  );
}

const pct = (change: number): string => `${change > 0 ? '+' : ''}${decimal(change * 100, 1)}%`;

// The same rule as the server's: a rate and a doubling time only when the trend is clear.
function growthText(growth: Growth | null | undefined): string {
  if (!growth) return 'Too few days of data to tell the trend.';
  if (growth.trend === 'no cases') return 'No cases in the last two weeks.';
  if (growth.daily_change === null || growth.lower_daily_change === null || growth.upper_daily_change === null) {
    return 'Too few cases to measure a trend.';
  }
  if (growth.trend === 'stable') {
    return `No clear trend: between ${pct(growth.lower_daily_change)} and ${pct(growth.upper_daily_change)} a day.`;
  }
  const span = growth.doubling_days
    ? `, doubling in ${decimal(growth.doubling_days, 1)} days`
    : growth.halving_days
      ? `, halving in ${decimal(growth.halving_days, 1)} days`
      : '';
  return `Cases are ${growth.trend} (${pct(growth.daily_change)} a day${span}).`;
}

// "+12 on the day before", or why there is no change to give.
function changeNote(change: number | undefined, when: string): string {
  return change === undefined ? `no report ${when} to compare` : `${signed(change)} on ${when}`;
}

export function sitrepPanel(sitrep: Sitrep): HTMLElement {
  const c = sitrep.completeness;
  const trend = sitrep.trend;
  const avg = sitrep.avg_7d;
  const state =
    sitrep.data === 'none'
      ? h('p', { class: 'warning', 'data-field': 'data-state' }, 'No report: no reporting unit has reported for this day.')
      : sitrep.data === 'partial'
        ? h('p', { class: 'warning', 'data-field': 'data-state' }, `Provisional: ${int(c.reported)} of ${int(c.expected)} reporting units have reported for this day; the figures are theirs only.`)
        : null;
  const provisional = sitrep.provisional
    ? h(
        'p',
        { class: 'hint', 'data-field': 'provisional' },
        `Provisional, ${sitrep.provisional.as_of}: ${int(sitrep.provisional.completeness.reported)} of ${int(sitrep.provisional.completeness.expected)} reporting units have reported so far: ${int(sitrep.provisional.new.fever)} new fever cases.`,
      )
    : null;
  return h(
    'div',
    { class: 'sitrep-body', 'data-as-of': sitrep.as_of },
    state,
    h(
      'dl',
      { class: 'figures' },
      figure('new-fever', 'New fever cases', int(sitrep.new.fever), changeNote(sitrep.change_1d?.fever, 'the day before')),
      figure('new-recovered', 'Recovered', int(sitrep.new.recovered)),
      figure('new-deaths', 'Deaths', int(sitrep.new.deaths)),
      figure('under-treatment', 'Under treatment', int(sitrep.under_treatment), changeNote(sitrep.change_1d?.under_treatment, 'the day before')),
      figure('cumulative-fever', 'Fever cases in all', int(sitrep.cumulative.fever)),
      figure('cumulative-recovered', 'Recovered in all', int(sitrep.cumulative.recovered)),
      figure('cumulative-deaths', 'Deaths in all', int(sitrep.cumulative.deaths)),
      figure(
        'avg-7d',
        avg && avg.days < 7 ? `New cases, average of ${avg.days} days with reports` : 'New cases, 7-day average',
        avg ? int(avg.fever) : 'n/a',
        changeNote(sitrep.change_7d?.fever, 'the week before'),
      ),
      figure('per-100k', 'New cases per 100,000', decimal(sitrep.new_per_100k, 1)),
      figure('completeness', 'Reporting units reported', `${int(c.reported)} of ${int(c.expected)}`, percent(c.ratio, 0)),
    ),
    provisional,
    h('p', { class: 'trend', 'data-field': 'trend' }, trend?.statement ? `${trend.statement[0].toUpperCase()}${trend.statement.slice(1)}. ` : '', growthText(trend?.growth)),
    trend && trend.alerts.length > 0
      ? h('div', { class: 'alerts', role: 'note' }, h('h3', null, 'Alerts'), h('ul', null, trend.alerts.map((a) => h('li', null, a.message))))
      : null,
  );
}
