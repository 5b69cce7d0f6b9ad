// The overview of a region as of a day: the map of the regions below it coloured by an indicator
// (click to drill down), a table of the same, the situation report, the epidemic curve, R_t and
// the forecast. Follows the live feed: a new report refreshes the figures without a reload.

import { describeError, get } from './api';
import { type Chart, epidemicCurve, forecastFan, rtChart } from './charts';
import { h, regionName, regionText } from './dom';
import { int } from './format';
import { indicator, type IndicatorId, kIndicators } from './indicators';
import { drawMap, legend, mappable } from './map';
import { ancestors, regionDetail } from './regions';
import { mayWriteReports } from './session';
import { sitrepPanel } from './sitrep_panel';
import type { Forecast, Region, RegionDetail, Rt, RtDaily, Series, Sitrep, Situation } from './types';
import type { ViewContext } from './view';

export interface OverviewParams {
  region: string;
  asOf?: string;  // absent: the latest day with data
  by?: string;  // the indicator colouring the map
}

export function overviewHash(params: OverviewParams): string {
  const query = new URLSearchParams();
  if (params.asOf) query.set('as_of', params.asOf);
  if (params.by && params.by !== kIndicators[0].id) query.set('by', params.by);
  const qs = query.toString();
  return `#/overview/${encodeURIComponent(params.region)}${qs ? `?${qs}` : ''}`;
}

// What the regions of each level of the tree are: one, and several.
const kLevelKinds = ['Nation', 'Province', 'City or county', 'District', 'Facility'];
export const kLevelNames = ['Nation', 'Provinces', 'Cities and counties', 'Districts', 'Facilities'];

function childrenTitle(detail: RegionDetail): string {
  return kLevelNames[detail.region.level + 1] ?? 'Regions below';
}

function errorBox(error: unknown): HTMLElement {
  const { message, details } = describeError(error);
  return h('div', { class: 'error', role: 'alert' }, h('p', null, message), details.length ? h('ul', null, details.map((d) => h('li', null, d))) : null);
}

export function renderOverview(main: HTMLElement, ctx: ViewContext, params: OverviewParams): () => void {
  let disposed = false;
  const charts: Chart[] = [];
  const rtByChild = new Map<string, number | null>();
  let by: IndicatorId = indicator(params.by).id;
  let sitrep: Sitrep | null = null;
  let series: Series | null = null;
  let detail: RegionDetail | null = null;
  let ghosts: Region[] = [];

  const heading = h('h1', { id: 'view-title' }, 'Loading…');
  const crumbs = h('nav', { class: 'crumbs', 'aria-label': 'Where you are' });
  const subtitle = h('p', { class: 'subtitle' });
  const asOfInput = h('input', { type: 'date', id: 'as-of', name: 'as_of', value: params.asOf ?? '' });
  const bySelect = h(
    'select',
    { id: 'colour-by', name: 'by' },
    kIndicators.map((i) => h('option', { value: i.id, selected: i.id === by }, i.label)),
  );
  const latestButton = h('button', { type: 'button', class: 'secondary' }, 'Latest day');
  const controls = h(
    'form',
    { class: 'controls', onsubmit: (e: Event) => e.preventDefault() },
    h('label', { for: 'as-of' }, 'Situation as of'),
    asOfInput,
    latestButton,
    h('label', { for: 'colour-by' }, 'Colour the map by'),
    bySelect,
  );
  const mapPanel = h('section', { class: 'panel map-panel', 'aria-labelledby': 'map-title' });
  const sitrepTitle = h('h2', { id: 'sitrep-title' }, 'Situation report');
  const updated = h('p', { class: 'updated muted', 'aria-live': 'polite' });
  const sitrepBody = h('div', { class: 'sitrep-holder' }, h('p', { class: 'muted' }, 'Loading the situation report…'));
  const sitrepPanelEl = h('section', { class: 'panel sitrep', 'aria-labelledby': 'sitrep-title' }, sitrepTitle, updated, sitrepBody);
  const chartsEl = h('section', { class: 'charts', 'aria-label': 'Charts' });
  main.replaceChildren(
    h('div', { class: 'overview' }, crumbs, heading, subtitle, controls, h('div', { class: 'columns' }, mapPanel, sitrepPanelEl), chartsEl),
  );

  const navigate = (change: Partial<OverviewParams>) => ctx.navigate(overviewHash({ region: params.region, asOf: params.asOf, by, ...change }));
  asOfInput.addEventListener('change', () => {
    if (asOfInput.value) navigate({ asOf: asOfInput.value });
  });
  latestButton.addEventListener('click', () => navigate({ asOf: undefined }));
  bySelect.addEventListener('change', () => {
    by = indicator(bySelect.value).id;
    history.replaceState(null, '', overviewHash({ region: params.region, asOf: params.asOf, by }));
    void drawChildren();
  });

  const value = (child: Situation): number | null => {
    switch (by) {
      case 'per100k':
        return child.new_per_100k;
      case 'under100k':
        return child.region.population > 0 ? (child.under_treatment / child.region.population) * 100_000 : null;
      case 'growth':
        return sitrep?.trend?.children.find((c) => c.region === child.region.code)?.growth?.rate_per_day ?? null;
      case 'rt':
        return rtByChild.get(child.region.code) ?? null;
    }
  };

  // R_t of each child for the window ending on the day shown, fetched when first asked for.
  async function loadChildRt(children: Situation[], day: string): Promise<void> {
    const missing = children.filter((c) => !rtByChild.has(c.region.code));
    await Promise.all(
      missing.map(async (c) => {
        try {
          const rt = await get<Rt>('/api/v1/rt', { region: c.region.code, from: day, to: day });
          rtByChild.set(c.region.code, rt.estimates.length ? rt.estimates[rt.estimates.length - 1].mean : null);
        } catch {
          rtByChild.set(c.region.code, null);
        }
      }),
    );
  }

  async function drawChildren(): Promise<void> {
    if (!detail || !sitrep) return;
    const title = h('h2', { id: 'map-title' }, childrenTitle(detail));
    if (detail.children.length === 0) {
      mapPanel.replaceChildren(
        h('h2', { id: 'map-title' }, 'Reporting unit'),
        h('p', null, `${detail.region.name} reports its own figures every day; there are no regions below it.`),
        ...(mayWriteReports(ctx.me) ? [h('p', null, h('a', { href: '#/report' }, 'File the daily report'))] : []),
      );
      return;
    }
    if (by === 'rt') await loadChildRt(sitrep.children, sitrep.as_of);
    if (disposed) return;
    const chosen = indicator(by);
    const children = sitrep.children;
    const values = children.map(value);
    const scale = chosen.scale(values.filter((v): v is number => v !== null));
    const centroids = new Map(detail.children.map((c) => [c.code, c]));
    const located = mappable(children.map((c) => ({ ...c.region, lat: centroids.get(c.region.code)?.lat, lon: centroids.get(c.region.code)?.lon })));
    const parts: (HTMLElement | SVGSVGElement)[] = [title];
    if (located.length >= 2) {
      parts.push(
        drawMap({
          cells: located.map((region) => {
            const v = value(children.find((c) => c.region.code === region.code)!);
            return { region, colour: scale.colour(v), valueText: `${chosen.format(v)} (${chosen.label.toLowerCase()})`, href: overviewHash({ region: region.code, asOf: params.asOf, by }) };
          }),
          ghosts,
          national: detail.region.parent === null,
          label: `Map of the ${childrenTitle(detail).toLowerCase()} of ${regionText(detail.region)}, coloured by ${chosen.label.toLowerCase()}`,
        }),
        legend(chosen.label, scale.legend),
      );
    } else {
      parts.push(h('p', { class: 'muted' }, 'These regions have no centroids to map: they are listed below.'));
    }
    parts.push(childrenTable(children, values, chosen.format));
    mapPanel.replaceChildren(...parts);
  }

  function childrenTable(children: Situation[], values: (number | null)[], format: (v: number | null) => string): HTMLElement {
    const growth = (code: string) => sitrep?.trend?.children.find((c) => c.region === code)?.growth?.trend ?? '—';
    return h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'children' },
        h('caption', null, `${childrenTitle(detail!)} as of ${sitrep!.as_of}`),
        h(
          'thead',
          null,
          h('tr', null, h('th', { scope: 'col' }, 'Region'), h('th', { scope: 'col' }, 'New fever'), h('th', { scope: 'col' }, 'Under treatment'), h('th', { scope: 'col' }, indicator(by).column), h('th', { scope: 'col' }, 'Trend')),
        ),
        h(
          'tbody',
          null,
          children.map((child, idx) =>
            h(
              'tr',
              { 'data-region': child.region.code },
              h('th', { scope: 'row' }, h('a', { href: overviewHash({ region: child.region.code, asOf: params.asOf, by }) }, regionName(child.region))),
              h('td', null, int(child.new.fever)),
              h('td', null, int(child.under_treatment)),
              h('td', null, format(values[idx])),
              h('td', null, growth(child.region.code)),
            ),
          ),
        ),
      ),
    );
  }

  function drawSitrep(): void {
    if (!sitrep) return;
    sitrepTitle.textContent = `Situation report as of ${sitrep.as_of}`;
    sitrepBody.replaceChildren(sitrepPanel(sitrep));
    asOfInput.value = sitrep.as_of;
    performance.mark('outbreak:sitrep-shown');
  }

  let curve: Chart | null = null;
  function drawCurve(): void {
    if (!series || !sitrep) return;
    const points = series.points.filter((p) => p.date <= sitrep!.as_of);
    const chart = epidemicCurve(points);
    if (curve) {
      curve.figure.replaceWith(chart.figure);
      curve.destroy();
    } else {
      chartsEl.prepend(chart.figure);
    }
    curve = chart;
  }

  async function loadSituation(): Promise<void> {
    const [s, ser] = await Promise.all([
      get<Sitrep>('/api/v1/sitrep', { region: params.region, as_of: params.asOf }),
      get<Series>('/api/v1/series', { region: params.region }),
    ]);
    if (disposed) return;
    if (sitrep && sitrep.as_of !== s.as_of) rtByChild.clear();  // a new latest day came in
    sitrep = s;
    series = ser;
    if (ser.points.length) {
      asOfInput.min = ser.points[0].date;
      asOfInput.max = ser.points[ser.points.length - 1].date;
    }
    drawSitrep();
    await drawChildren();
    drawCurve();
  }

  async function loadAnalytics(): Promise<void> {
    if (!sitrep || !series) return;
    const day = sitrep.as_of;
    const points = series.points.filter((p) => p.date <= day);
    const [rt, forecast, daily] = await Promise.allSettled([
      get<Rt>('/api/v1/rt', { region: params.region, to: day }),
      get<Forecast>('/api/v1/forecast', { region: params.region, as_of: day, horizon: 28 }),
      get<RtDaily>('/api/v1/rt', { region: params.region, to: day, rt_method: 'filter' }),
    ]);
    if (disposed) return;
    const dailyRt = daily.status === 'fulfilled' ? daily.value : null;
    for (const [result, make] of [
      [rt, (v: Rt) => rtChart(v, dailyRt)],
      [forecast, (v: Forecast) => forecastFan(points, v)],
    ] as const) {
      if (result.status === 'fulfilled') {
        const chart = (make as (v: unknown) => Chart)(result.value);
        charts.push(chart);
        chartsEl.append(chart.figure);
      } else {
        chartsEl.append(h('figure', { class: 'chart' }, errorBox(result.reason)));
      }
    }
  }

  async function load(): Promise<void> {
    try {
      detail = await regionDetail(params.region);
      if (disposed) return;
      heading.replaceChildren(regionName(detail.region));
      ctx.setTitle(regionText(detail.region));
      subtitle.textContent = `${kLevelKinds[detail.region.level] ?? 'Region'} ${detail.region.code} · population ${int(detail.region.population)} · ${int(detail.reporting_units)} reporting unit${detail.reporting_units === 1 ? '' : 's'}`;
      const [path] = await Promise.all([
        ancestors(detail.region, ctx.me.region).catch(() => [] as Region[]),
        // Neighbours bound the edge cells of a province's map.
        detail.region.parent && detail.region.code !== ctx.me.region
          ? regionDetail(detail.region.parent).then((p) => {
              ghosts = p.children.filter((c) => c.code !== params.region);
            }).catch(() => undefined)
          : Promise.resolve(),
      ]);
      if (disposed) return;
      crumbs.replaceChildren(
        ...path.flatMap((r) => [h('a', { href: overviewHash({ region: r.code, asOf: params.asOf, by }) }, r.name), ' › ']),
        h('span', { 'aria-current': 'page' }, detail.region.name),
      );
      crumbs.hidden = path.length === 0;
      await loadSituation();
      await loadAnalytics();
    } catch (error) {
      if (!disposed) main.querySelector('.overview')?.append(errorBox(error));
    }
  }

  // A new or corrected report anywhere in view: fetch the figures again (at most once a second).
  let refreshTimer: number | undefined;
  const unsubscribe = ctx.live.onEvent((event) => {
    if (!event.type.startsWith('report.')) return;
    window.clearTimeout(refreshTimer);
    refreshTimer = window.setTimeout(async () => {
      try {
        await loadSituation();
        updated.textContent = `Updated from the live feed at ${new Date().toLocaleTimeString('en-GB')}.`;
      } catch {
        // The next event or a reload will try again.
      }
    }, 1000);
  });

  void load();
  return () => {
    disposed = true;
    unsubscribe();
    window.clearTimeout(refreshTimer);
    for (const chart of charts) chart.destroy();
    curve?.destroy();
  };
}

