// The care of a region as of a day: the occupancy of its treatment centres, its medical workforce
// by category and state with the worker-protection findings, the deployment plans (propose,
// read, adopt) and, for those who keep a centre's census, the daily census form.

import { get } from './api';
import { censusPanel } from './care_census';
import { categoryLabel, dataTable, findingList, kindLabel, problem } from './care_format';
import { type CareParams, careHash } from './care_route';
import { planPanel } from './care_plan';
import { h, regionName, regionText } from './dom';
import { int, percent } from './format';
import { kLevelNames } from './overview';
import { ancestors, regionDetail, subtree } from './regions';
import { mayWriteCensus } from './session';
import type { CentreOccupancy, Occupancy, Region, RegionDetail, Workforce } from './types';
import type { ViewContext } from './view';

const kShownCentres = 10;

function figure(field: string, label: string, value: string, note?: string): HTMLElement {
  return h(
    'div',
    { class: 'figure' },
    h('dt', null, label),
    h('dd', null, h('span', { class: 'value', 'data-field': field }, value), note ? h('span', { class: 'note' }, note) : null),
  );
}

function fullIn(days: number | null): string {
  return days === null ? '—' : days === 0 ? 'full' : `${days} d`;
}

interface Group {
  code: string;
  centres: number;
  beds: number;
  occupied: number;
  soonest: number | null;
}

// The centres summed by the region one level down that holds them; centres of the region itself
// come last under its own code.
function groupByChild(centres: CentreOccupancy[], root: string, regions: Region[]): Map<string, Group> {
  const parent = new Map(regions.map((r) => [r.code, r.parent]));
  const childOf = (code: string): string => {
    let at: string | null | undefined = code;
    while (at && at !== root) {
      const up = parent.get(at);
      if (up === root) return at;
      at = up;
    }
    return root;
  };
  const groups = new Map<string, Group>();
  for (const c of centres) {
    const code = childOf(c.region);
    const g = groups.get(code) ?? { code, centres: 0, beds: 0, occupied: 0, soonest: null };
    g.centres += 1;
    if (c.status !== 'closed') g.beds += c.beds.total;
    g.occupied += c.census?.occupied ?? 0;
    if (c.days_until_full !== null) g.soonest = g.soonest === null ? c.days_until_full : Math.min(g.soonest, c.days_until_full);
    groups.set(code, g);
  }
  return groups;
}

export function renderCare(main: HTMLElement, ctx: ViewContext, params: CareParams): () => void {
  let disposed = false;
  const cleanups: (() => void)[] = [];
  const heading = h('h1', { id: 'view-title' }, 'Care');
  const crumbs = h('nav', { class: 'crumbs', 'aria-label': 'Where you are', hidden: true });
  const subtitle = h('p', { class: 'subtitle' }, 'Treatment centres, the medical workforce and its deployment');
  const asOfInput = h('input', { type: 'date', id: 'care-as-of', name: 'as_of', value: params.asOf ?? '' });
  const latestButton = h('button', { type: 'button', class: 'secondary' }, 'Latest day');
  const controls = h(
    'form',
    { class: 'controls', onsubmit: (e: Event) => e.preventDefault() },
    h('label', { for: 'care-as-of' }, 'Care as of'),
    asOfInput,
    latestButton,
  );
  const occupancyPanel = h(
    'section',
    { class: 'panel', id: 'occupancy', 'aria-labelledby': 'occupancy-title' },
    h('h2', { id: 'occupancy-title' }, 'Treatment centres'),
    h('p', { class: 'muted' }, 'Loading the occupancy…'),
  );
  const workforcePanel = h(
    'section',
    { class: 'panel', id: 'workforce', 'aria-labelledby': 'workforce-title' },
    h('h2', { id: 'workforce-title' }, 'Medical workforce'),
    h('p', { class: 'muted' }, 'Loading the workforce…'),
  );
  const planSection = h('section', { class: 'panel', id: 'plans', 'aria-labelledby': 'plan-title' }, h('h2', { id: 'plan-title' }, 'Deployment of medical workers'));
  const censusSection = h('section', { class: 'panel', id: 'census', 'aria-labelledby': 'census-title', hidden: true });
  const censusFirst = ctx.me.role === 'treatment_centre';
  main.replaceChildren(
    h(
      'div',
      { class: 'care' },
      crumbs,
      heading,
      subtitle,
      controls,
      censusFirst ? censusSection : null,
      occupancyPanel,
      workforcePanel,
      planSection,
      censusFirst ? null : censusSection,
    ),
  );
  ctx.setTitle('Care');

  asOfInput.addEventListener('change', () => {
    if (asOfInput.value) ctx.navigate(careHash({ region: params.region, asOf: asOfInput.value }));
  });
  latestButton.addEventListener('click', () => ctx.navigate(careHash({ region: params.region })));

  function drawOccupancy(occ: Occupancy, detail: RegionDetail, regions: Region[] | null, all = false): void {
    const parts: (HTMLElement | null)[] = [
      h('h2', { id: 'occupancy-title' }, `Treatment centres as of ${occ.as_of}`),
      h(
        'dl',
        { class: 'figures' },
        figure('care-beds', 'Beds', int(occ.beds), 'in open and standby centres'),
        figure('care-occupied', 'Occupied', int(occ.occupied)),
        figure('care-occupancy', 'Occupancy', percent(occ.occupancy)),
        figure('care-centres', 'Centres', int(occ.centres.length)),
      ),
      h('h3', null, 'Findings'),
      occ.findings.length ? findingList(occ.findings, 'occupancy-findings') : h('p', { class: 'muted', id: 'occupancy-findings' }, 'None: no centre holds more patients than it has beds.'),
    ];
    if (detail.children.length && regions) {
      const groups = groupByChild(occ.centres, detail.region.code, regions);
      const rows = [...detail.children, detail.region]
        .filter((r) => groups.has(r.code))
        .map((r) => {
          const g = groups.get(r.code)!;
          const self = r.code === detail.region.code;
          return {
            attrs: { 'data-region': r.code },
            cells: [
              self ? [regionName(r), ' itself'] : h('a', { href: careHash({ region: r.code, asOf: params.asOf }) }, regionName(r)),
              int(g.centres),
              int(g.beds),
              int(g.occupied),
              { attrs: { 'data-field': 'occupancy' }, content: g.beds ? percent(g.occupied / g.beds) : '—' },
              fullIn(g.soonest),
            ],
          };
        });
      parts.push(dataTable(`${kLevelNames[detail.region.level + 1] ?? 'Regions below'}`, ['Region', 'Centres', 'Beds', 'Occupied', 'Occupancy', 'Full soonest'], rows));
    }
    const sorted = [...occ.centres].sort((a, b) => (b.occupancy ?? -1) - (a.occupancy ?? -1));
    const shown = all || sorted.length <= kShownCentres + 2 ? sorted : sorted.slice(0, kShownCentres);
    const centresTable = dataTable(
      shown.length < sorted.length ? `The ${shown.length} fullest of ${sorted.length} centres` : 'Centres, fullest first',
      ['Centre', 'Kind', 'Beds', 'Occupied', 'Occupancy', 'Full in', 'Census of'],
      shown.map((c) => ({
        attrs: { 'data-centre': c.code, class: (c.occupancy ?? 0) > 1 ? 'over' : '' },
        cells: [
          [c.name, ' ', h('span', { class: 'muted code' }, c.code)],
          `${kindLabel(c.kind)}${c.status === 'open' ? '' : ` (${c.status})`}`,
          int(c.beds.total),
          c.census ? int(c.census.occupied) : '—',
          { attrs: { 'data-field': 'occupancy' }, content: percent(c.occupancy) },
          fullIn(c.days_until_full),
          c.census ? c.census.date : 'no census',
        ],
      })),
    );
    centresTable.id = 'centres';
    centresTable.tabIndex = -1;
    parts.push(
      centresTable,
      h('p', { class: 'hint' }, `Full in: the days until a centre is full if its patients grow as its province’s are forecast to, ${occ.horizon_days} days ahead.`),
    );
    if (shown.length < sorted.length) {
      const more = h('button', { type: 'button', class: 'secondary' }, `Show all ${sorted.length} centres`);
      more.addEventListener('click', () => {
        drawOccupancy(occ, detail, regions, true);
        document.getElementById('centres')?.focus();
      });
      parts.push(more);
    }
    occupancyPanel.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
  }

  function drawWorkforce(wf: Workforce): void {
    type Sums = { on_duty: number; ill: number; quarantined: number; resting: number; deployed_away: number; deployed_in: number; available: number };
    const keys: (keyof Sums)[] = ['on_duty', 'ill', 'quarantined', 'resting', 'deployed_away', 'deployed_in', 'available'];
    const zero = (): Sums => ({ on_duty: 0, ill: 0, quarantined: 0, resting: 0, deployed_away: 0, deployed_in: 0, available: 0 });
    const byCategory = new Map<string, Sums>();
    const total = zero();
    const counted = new Set<string>();
    for (const line of wf.lines) {
      const sums = byCategory.get(line.category) ?? zero();
      for (const k of keys) {
        sums[k] += line[k];
        total[k] += line[k];
      }
      byCategory.set(line.category, sums);
      counted.add(line.counted_on);
    }
    const days = [...counted].sort();
    const kinds = new Map<string, number>();
    for (const f of wf.findings) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
    const ruleText: Record<string, string> = {
      rest_rule: 'rest rule (on duty for more than 14 days in a row)',
      worker_illness: 'worker illness (more than 10% of a category ill or quarantined)',
    };
    const cells = (s: Sums) => keys.map((k) => ({ attrs: { 'data-field': k }, content: int(s[k]) }));
    workforcePanel.replaceChildren(
      h('h2', { id: 'workforce-title' }, `Medical workforce as of ${wf.as_of}`),
      wf.lines.length
        ? dataTable(
            days.length ? `By category: counted ${days.length === 1 ? `on ${days[0]}` : `from ${days[0]} to ${days[days.length - 1]}`}` : 'By category',
            ['Category', 'On duty', 'Ill', 'Quarantined', 'Resting', 'Deployed away', 'Deployed in', 'Available'],
            [...byCategory].map(([category, sums]) => ({ attrs: { 'data-category': category }, cells: [categoryLabel(category), ...cells(sums)] })),
            ['All workers', ...cells(total)],
          )
        : h('p', { class: 'muted' }, 'No workforce is counted here on or before this day.'),
      h('p', { class: 'hint' }, 'Available: on duty, less those deployed away, plus those deployed in by adopted plans.'),
      h('h3', null, 'Worker protection'),
      wf.findings.length
        ? h(
            'div',
            null,
            h('p', { 'data-field': 'protection-findings' }, `${int(wf.findings.length)} finding${wf.findings.length === 1 ? '' : 's'}: `, [...kinds].map(([kind, n], idx) => `${idx ? '; ' : ''}${int(n)} of the ${ruleText[kind] ?? kind.replace(/_/g, ' ')}`).join('')),
            h('details', null, h('summary', null, `Show the ${int(wf.findings.length)} findings`), findingList(wf.findings, 'workforce-findings')),
          )
        : h('p', { class: 'muted', 'data-field': 'protection-findings' }, 'No findings: no one breaks the rest rule and illness stays under 10% everywhere.'),
    );
  }

  async function load(): Promise<void> {
    let detail: RegionDetail;
    try {
      detail = await regionDetail(params.region);
    } catch (error) {
      if (!disposed) main.querySelector('.care')?.append(problem(error, 'Loading the region'));
      return;
    }
    if (disposed) return;
    heading.replaceChildren('Care: ', regionName(detail.region));
    ctx.setTitle(`Care — ${regionText(detail.region)}`);
    void ancestors(detail.region, ctx.me.region)
      .then((path) => {
        if (disposed || !path.length) return;
        crumbs.replaceChildren(...path.flatMap((r) => [h('a', { href: careHash({ region: r.code, asOf: params.asOf }) }, r.name), ' › ']), h('span', { 'aria-current': 'page' }, detail.region.name));
        crumbs.hidden = false;
      })
      .catch(() => undefined);

    const plans = planPanel(planSection, ctx, params, detail);
    cleanups.push(plans.dispose);
    const childLevel = detail.children.length ? detail.region.level + 1 : undefined;

    const loadOccupancy = async (): Promise<void> => {
      try {
        const [occ, regions] = await Promise.all([
          get<Occupancy>('/api/v1/care/occupancy', { region: params.region, as_of: params.asOf }),
          detail.children.length ? subtree(params.region).catch(() => null) : Promise.resolve(null),
        ]);
        if (disposed) return;
        asOfInput.value = occ.as_of;
        drawOccupancy(occ, detail, regions);
        plans.setDay(occ.as_of);
        if (mayWriteCensus(ctx.me) && occ.centres.length && censusSection.hidden) {
          censusSection.hidden = false;
          cleanups.push(censusPanel(censusSection, occ, (day) => {
            if (day <= occ.as_of) void loadOccupancy();
          }));
        }
      } catch (error) {
        if (!disposed) occupancyPanel.replaceChildren(h('h2', { id: 'occupancy-title' }, 'Treatment centres'), problem(error, 'Loading the occupancy'));
      }
    };
    const loadWorkforce = async (): Promise<void> => {
      try {
        const wf = await get<Workforce>('/api/v1/care/workforce', { region: params.region, as_of: params.asOf, level: childLevel });
        if (!disposed) drawWorkforce(wf);
      } catch (error) {
        if (!disposed) workforcePanel.replaceChildren(h('h2', { id: 'workforce-title' }, 'Medical workforce'), problem(error, 'Loading the workforce'));
      }
    };
    plans.onAdopted(() => void loadWorkforce());
    await Promise.all([loadOccupancy(), loadWorkforce()]);
  }

  void load();
  return () => {
    disposed = true;
    for (const cleanup of cleanups) cleanup();
  };
}
