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

function growthText(growth: Growth | null | undefined): string {
  if (!growth) return 'Too few days of data to tell the trend.';
  const rate = `${growth.rate_per_day > 0 ? '+' : ''}${decimal(growth.rate_per_day * 100, 1)}% a day`;
  const span = growth.doubling_days
    ? `, doubling in ${decimal(growth.doubling_days, 1)} days`
    : growth.halving_days
      ? `, halving in ${decimal(growth.halving_days, 1)} days`
      : '';
  return `Cases are ${growth.trend} (${rate}${span}).`;
}

export function sitrepPanel(sitrep: Sitrep): HTMLElement {
  const c = sitrep.completeness;
  const trend = sitrep.trend;
  return h(
    'div',
    { class: 'sitrep-body', 'data-as-of': sitrep.as_of },
    h(
      'dl',
      { class: 'figures' },
      figure('new-fever', 'New fever cases', int(sitrep.new.fever), `${signed(sitrep.change_1d.fever)} on the day before`),
      figure('new-recovered', 'Recovered', int(sitrep.new.recovered)),
      figure('new-deaths', 'Deaths', int(sitrep.new.deaths)),
      figure('under-treatment', 'Under treatment', int(sitrep.under_treatment), `${signed(sitrep.change_1d.under_treatment)} on the day before`),
      figure('cumulative-fever', 'Fever cases in all', int(sitrep.cumulative.fever)),
      figure('cumulative-recovered', 'Recovered in all', int(sitrep.cumulative.recovered)),
      figure('cumulative-deaths', 'Deaths in all', int(sitrep.cumulative.deaths)),
      figure('avg-7d', 'New cases, 7-day average', int(sitrep.avg_7d.fever), `${signed(sitrep.change_7d.fever)} on the week before`),
      figure('per-100k', 'New cases per 100,000', decimal(sitrep.new_per_100k, 1)),
      figure('completeness', 'Reporting units reported', `${int(c.reported)} of ${int(c.expected)}`, percent(c.ratio, 0)),
    ),
    h('p', { class: 'trend', 'data-field': 'trend' }, trend?.statement ? `${trend.statement[0].toUpperCase()}${trend.statement.slice(1)}. ` : '', growthText(trend?.growth)),
    trend && trend.alerts.length > 0
      ? h('div', { class: 'alerts', role: 'note' }, h('h3', null, 'Alerts'), h('ul', null, trend.alerts.map((a) => h('li', null, a.message))))
      : null,
  );
}
