// The time-series charts (uPlot): the epidemic curve with its 7-day average, R_t with its 95%
// credible band, and the forecast fan (median with 50/80/95% intervals). Each is a <figure> with
// a caption and a sentence that says in words what the chart shows.

import uPlot from 'uplot';

import { h } from './dom';
import { dayToSeconds, decimal, int } from './format';
import type { Forecast, Rt, RtDaily, SeriesPoint } from './types';

const kCompact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const kHeight = 220;

function axisValues(_: uPlot, values: number[]): string[] {
  return values.map((v) => (Math.abs(v) >= 1000 ? kCompact.format(v) : String(Math.round(v * 100) / 100)));
}

function baseOptions(series: uPlot.Series[]): uPlot.Options {
  return {
    width: 600,
    height: kHeight,
    // The x values are UTC midnights; show them as the dates they are wherever the browser is.
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    scales: { x: { time: true } },
    // Ticks on whole days, weeks or months: the data are daily.
    axes: [{ incrs: [86_400, 2 * 86_400, 7 * 86_400, 14 * 86_400, 28 * 86_400, 91 * 86_400] }, { values: axisValues, size: 56 }],
    series: [{ label: 'Day' }, ...series],
    cursor: { drag: { x: false, y: false } },
    legend: { show: true },
  };
}

export interface Chart {
  figure: HTMLElement;
  destroy(): void;
}

// A figure whose plot follows the width of its container.
function figure(caption: string, summary: string, make: (width: number) => uPlot, testId: string): Chart {
  const holder = h('div', { class: 'plot' });
  const el = h('figure', { class: 'chart', 'data-chart': testId }, h('figcaption', null, caption), holder, h('p', { class: 'chart-summary' }, summary));
  let plot: uPlot | null = null;
  const observer = new ResizeObserver(() => {
    const width = Math.max(260, Math.floor(holder.clientWidth));
    if (!plot) {
      plot = make(width);
      holder.append(plot.root);
    } else if (Math.abs(plot.width - width) > 2) {
      plot.setSize({ width, height: kHeight });
    }
  });
  observer.observe(holder);
  return {
    figure: el,
    destroy() {
      observer.disconnect();
      plot?.destroy();
    },
  };
}

// Trailing 7-day mean; null until seven days are in.
export function sevenDayAverage(values: number[]): (number | null)[] {
  let sum = 0;
  return values.map((value, day_idx) => {
    sum += value;
    if (day_idx >= 7) sum -= values[day_idx - 7];
    return day_idx >= 6 ? sum / 7 : null;
  });
}

export function epidemicCurve(points: SeriesPoint[]): Chart {
  const x = points.map((p) => dayToSeconds(p.date));
  const fever = points.map((p) => p.new.fever);
  const average = sevenDayAverage(fever);
  const last = points[points.length - 1];
  const lastAverage = average[average.length - 1];
  const summary = last
    ? `${points.length} days to ${last.date}; on the last day ${int(last.new.fever)} new fever cases, ` +
      `7-day average ${int(lastAverage)} a day.`
    : 'No reports yet.';
  const bars = uPlot.paths.bars!({ size: [0.8, 24] });
  return figure('Epidemic curve: new fever cases a day, and the 7-day average', summary, (width) =>
    new uPlot(
      {
        ...baseOptions([
          { label: 'New fever cases', stroke: '#fc8d59', fill: 'rgba(252,141,89,0.55)', paths: bars, points: { show: false }, value: (_, v) => int(v) },
          { label: '7-day average', stroke: '#b10026', width: 2, points: { show: false }, value: (_, v) => int(v) },
        ]),
        width,
      },
      [x, fever, average],
    ), 'epicurve');
}

// EpiEstim's weekly windows, and beside them (when given) the daily filter's R_t as it could be
// known on each day (its filtered posterior: the data up to that day only).
export function rtChart(rt: Rt, daily?: RtDaily | null): Chart {
  const estimates = rt.estimates;
  const dailyDays = daily?.estimates ?? [];
  const dates = [...new Set([...estimates.map((e) => e.window_end), ...dailyDays.map((d) => d.date)])].sort();
  const x = dates.map(dayToSeconds);
  const byWindow = new Map(estimates.map((e) => [e.window_end, e]));
  const byDay = new Map(dailyDays.map((d) => [d.date, d]));
  const column = (pick: (date: string) => number | undefined) => dates.map((d) => pick(d) ?? null);
  const last = estimates[estimates.length - 1];
  const lastDaily = dailyDays[dailyDays.length - 1];
  const summary =
    (last
      ? `R_t over the 7 days to ${last.window_end}: ${decimal(last.mean, 2)} (95% credible interval ` +
        `${decimal(last.q025, 2)} to ${decimal(last.q975, 2)}). Above 1 the epidemic grows; below 1 it shrinks.`
      : 'Too few cases to estimate R_t.') +
    (lastDaily
      ? ` Daily filter on ${lastDaily.date}, with the data up to that day: ${decimal(lastDaily.filtered.mean, 2)} ` +
        `(${decimal(lastDaily.filtered.q025, 2)} to ${decimal(lastDaily.filtered.q975, 2)}).`
      : '');
  const value = (_: uPlot, v: number | null) => (v === null ? '—' : decimal(v, 2));
  return figure('Reproduction number R_t with its 95% credible interval (Cori et al. 2013), and the daily filter', summary, (width) =>
    new uPlot(
      {
        ...baseOptions([
          { label: '97.5%', stroke: 'rgba(33,102,172,0.35)', points: { show: false }, value },
          { label: '2.5%', stroke: 'rgba(33,102,172,0.35)', points: { show: false }, value },
          { label: 'R_t mean (7-day window)', stroke: '#2166ac', width: 2, points: { show: false }, value },
          { label: 'R_t daily filter', stroke: '#b2182b', width: 1.5, dash: [2, 2], points: { show: false }, value },
          { label: 'R = 1', stroke: '#555', dash: [4, 4], points: { show: false }, value },
        ]),
        width,
        bands: [{ series: [1, 2], fill: 'rgba(33,102,172,0.18)' }],
      },
      [
        x,
        column((d) => byWindow.get(d)?.q975),
        column((d) => byWindow.get(d)?.q025),
        column((d) => byWindow.get(d)?.mean),
        column((d) => byDay.get(d)?.filtered.mean),
        x.map(() => 1),
      ],
    ), 'rt');
}

// The last weeks observed, then the forecast's median and its 95%, 80% and 50% intervals.
export function forecastFan(points: SeriesPoint[], forecast: Forecast): Chart {
  const observed = points.slice(-42);
  const days = forecast.days;
  const x = [...observed.map((p) => dayToSeconds(p.date)), ...days.map((d) => dayToSeconds(d.date))];
  const pad = (n: number) => Array<number | null>(n).fill(null);
  const fan = (pick: (d: (typeof days)[number]) => number) => [...pad(observed.length), ...days.map(pick)];
  const lastDay = days[days.length - 1];
  const warning = forecast.warning ? `WARNING: ${forecast.warning}; plans use the recent trend instead. ` : '';
  const summary = lastDay
    ? `${warning}From ${forecast.origin}, ${days.length} days ahead: on ${lastDay.date} a median of ${int(lastDay.new_cases.median)} ` +
      `new cases a day (95% interval ${int(lastDay.new_cases.q025)} to ${int(lastDay.new_cases.q975)}).` +
      (forecast.assumptions
        ? ` R_t on ${forecast.origin} (${forecast.assumptions.rt_method}): ${forecast.assumptions.rt_origin.mean.toFixed(2)}.`
        : '') +
      (forecast.skill ? ` Skill lately (${forecast.skill.state}): ${forecast.skill.summary}.` : '')
    : 'No forecast.';
  const band = 'rgba(227,26,28,0.25)';
  return figure(
    'Forecast of new cases: median, with 50%, 80% and 95% intervals (darker is likelier)',
    summary,
    (width) =>
      new uPlot(
        {
          ...baseOptions([
            { label: 'Observed', stroke: '#444', width: 1.5, points: { show: false }, value: (_, v) => int(v) },
            { label: '95% high', stroke: band, points: { show: false }, value: (_, v) => int(v) },
            { label: '95% low', stroke: band, points: { show: false }, value: (_, v) => int(v) },
            { label: '80% high', stroke: band, points: { show: false }, value: (_, v) => int(v) },
            { label: '80% low', stroke: band, points: { show: false }, value: (_, v) => int(v) },
            { label: '50% high', stroke: band, points: { show: false }, value: (_, v) => int(v) },
            { label: '50% low', stroke: band, points: { show: false }, value: (_, v) => int(v) },
            { label: 'Median', stroke: '#b10026', width: 2, points: { show: false }, value: (_, v) => int(v) },
          ]),
          width,
          legend: { show: false },
          bands: [
            { series: [2, 3], fill: 'rgba(227,26,28,0.12)' },
            { series: [4, 5], fill: 'rgba(227,26,28,0.16)' },
            { series: [6, 7], fill: 'rgba(227,26,28,0.22)' },
          ],
        },
        [
          x,
          [...observed.map((p) => p.new.fever), ...pad(days.length)],
          fan((d) => d.new_cases.q975),
          fan((d) => d.new_cases.q025),
          fan((d) => d.new_cases.q90),
          fan((d) => d.new_cases.q10),
          fan((d) => d.new_cases.q75),
          fan((d) => d.new_cases.q25),
          fan((d) => d.new_cases.median),
        ],
      ),
    'forecast',
  );
}
