// The medicine supply of a region as of a day: the days of cover at its nodes (those below their
// minimum first), the stock by medicine with a lot recall search, the work queue of a node on a
// day with its steps in bulk, the shipments under the region with their chain of custody and the
// steps the caller may take, and the distribution plans.

import { get, getAll } from './api';
import { type Cell, dataTable, problem } from './care_format';
import { h, regionName, regionText } from './dom';
import { decimal, int, today } from './format';
import { knownRegion, regionDetail } from './regions';
import { shipmentPanel } from './supply_shipments';
import { coverWord, plural, SupplyNames } from './supply_names';
import { supplyPlanPanel } from './supply_plan';
import { queuePanel } from './supply_queue';
import { type SupplyParams, supplyHash } from './view_routes';
import { stockPanel } from './supply_stock';
import type { CoverLine, CoverReport, Medicine, StockReport, SupplyNode } from './supply_types';
import type { RegionDetail } from './types';
import type { ViewContext } from './view';

interface NodeCover {
  node: string;
  kind: string;
  region: string;
  lines: Map<string, CoverLine>;
  below: number;
  worst: number;  // the lowest cover of a medicine it needs, in days
}

// The cover lines by node: those with medicines below their minimum first, the most such
// medicines first, then the lowest cover.
export function nodesByCover(lines: CoverLine[]): NodeCover[] {
  const nodes = new Map<string, NodeCover>();
  for (const line of lines) {
    const n = nodes.get(line.node) ?? { node: line.node, kind: line.kind, region: line.region, lines: new Map(), below: 0, worst: Infinity };
    n.lines.set(line.medicine, line);
    if (line.status === 'below_minimum') n.below += 1;
    if (line.status !== 'no_need' && line.cover_days !== null) n.worst = Math.min(n.worst, line.cover_days);
    nodes.set(line.node, n);
  }
  return [...nodes.values()].sort((a, b) => Number(b.below > 0) - Number(a.below > 0) || b.below - a.below || a.worst - b.worst || a.node.localeCompare(b.node));
}

function figure(field: string, label: string, value: string, note?: string): HTMLElement {
  return h('div', { class: 'figure' }, h('dt', null, label), h('dd', null, h('span', { class: 'value', 'data-field': field }, value), note ? h('span', { class: 'note' }, note) : null));
}

function kindText(kind: string): string {
  return kind.replace(/_/g, ' ');
}

export function renderSupply(main: HTMLElement, ctx: ViewContext, params: SupplyParams): () => void {
  let disposed = false;
  const cleanups: (() => void)[] = [];
  const names = new SupplyNames();
  const heading = h('h1', { id: 'view-title' }, 'Supply');
  const asOfInput = h('input', { type: 'date', id: 'supply-as-of', name: 'as_of', value: params.asOf ?? '' });
  const latestButton = h('button', { type: 'button', class: 'secondary' }, 'Latest day');
  const section = (id: string, title: string, loading: string) =>
    h('section', { class: 'panel', id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), h('p', { class: 'muted' }, loading));
  const coverSection = section('cover', 'Days of cover', 'Loading the days of cover…');
  const stockSection = section('stock', 'Stock by medicine', 'Loading the stock…');
  const queueSection = section('work-queue', 'Work queue', 'Loading the supply nodes…');
  const shipmentSection = section('shipments', 'Shipments', 'Loading the shipments…');
  const planSection = section('supply-plans', 'Distribution plans', 'Loading the plans…');
  main.replaceChildren(
    h(
      'div',
      { class: 'supply' },
      heading,
      h('p', { class: 'subtitle' }, 'Medicines at the supply nodes, their shipments and the distribution plan'),
      h('form', { class: 'controls', onsubmit: (e: Event) => e.preventDefault() }, h('label', { for: 'supply-as-of' }, 'Supply as of'), asOfInput, latestButton),
      coverSection,
      stockSection,
      queueSection,
      shipmentSection,
      planSection,
    ),
  );
  ctx.setTitle('Supply');
  asOfInput.addEventListener('change', () => {
    if (asOfInput.value) ctx.navigate(supplyHash({ region: params.region, asOf: asOfInput.value }));
  });
  latestButton.addEventListener('click', () => ctx.navigate(supplyHash({ region: params.region })));

  function drawCover(report: CoverReport, detail: RegionDetail): void {
    const nodes = nodesByCover(report.lines);
    const medicines = [...new Set(report.lines.map((l) => l.medicine))].sort();
    const below = nodes.filter((n) => n.below > 0);
    const minimums = new Map<string, [number, number]>();
    for (const l of report.lines) minimums.set(l.kind, [l.min_days, l.max_days]);
    const cell = (line: CoverLine | undefined): Cell => {
      if (!line) return { attrs: { class: 'cover none' }, content: '·' };
      const days = line.cover_days === null ? '—' : line.cover_days > 999 ? '> 999' : decimal(line.cover_days, 1);
      const cls = { below_minimum: 'below', within: 'within', above_maximum: 'above', no_need: 'none' }[line.status];
      return {
        attrs: { class: `cover ${cls}`, 'data-medicine': line.medicine, 'data-status': line.status, title: `${names.medicineText(line.medicine)}: ${days} days, ${coverWord(line.status)} (${line.min_days}–${line.max_days})` },
        content: [days, line.status === 'below_minimum' ? h('span', { class: 'tag' }, 'below') : null, line.status === 'above_maximum' ? h('span', { class: 'tag' }, 'above') : null],
      };
    };
    coverSection.replaceChildren(
      h('h2', { id: 'cover-title' }, `Days of cover as of ${report.as_of}`),
      h(
        'dl',
        { class: 'figures' },
        figure('cover-nodes', 'Supply nodes', int(nodes.length)),
        figure('cover-nodes-below', 'Nodes below minimum', int(below.length), 'for at least one medicine'),
        figure('cover-lines-below', 'Medicines below minimum', int(report.below_minimum), 'node by medicine'),
      ),
      h(
        'p',
        { class: 'hint' },
        `Days of cover: the usable stock over the mean daily need of the region a node serves over the next 14 days (need from ${report.basis}). Minimum–maximum: `,
        [...minimums].map(([kind, [lo, hi]], idx) => `${idx ? '; ' : ''}${kindText(kind)} ${lo}–${hi} days`).join(''),
        '.',
      ),
      h(
        'ul',
        { class: 'legend-list', 'aria-label': 'Legend' },
        h('li', null, h('span', { class: 'swatch cover below' }), 'below the minimum'),
        h('li', null, h('span', { class: 'swatch cover within' }), 'within'),
        h('li', null, h('span', { class: 'swatch cover above' }), 'above the maximum'),
        h('li', null, h('span', { class: 'swatch cover none' }), 'no need'),
      ),
      nodes.length
        ? dataTable(
            below.length ? `${plural(below.length, 'node')} of ${regionText(detail.region)} below minimum cover first; days of cover by medicine` : 'Days of cover by medicine',
            ['Node', 'Serves', 'Below minimum', ...medicines],
            nodes.map((n) => {
              const region = knownRegion(n.region);
              return {
                attrs: { 'data-node': n.node, 'data-region': n.region, 'data-below': String(n.below), class: n.below ? 'over' : '' },
                cells: [
                  [...names.node(n.node), h('span', { class: 'muted' }, ` · ${kindText(n.kind)}`)],
                  region ? regionName(region) : n.region,
                  { attrs: { 'data-field': 'below' }, content: n.below ? h('strong', { class: 'below-text' }, `${n.below} of ${n.lines.size}`) : 'none' },
                  ...medicines.map((m) => cell(n.lines.get(m))),
                ],
              };
            }),
          )
        : h('p', { class: 'muted' }, 'No supply node serves this region.'),
    );
    // Medicine codes head the columns: their names, for screen readers and on hover.
    for (const th of coverSection.querySelectorAll('thead th')) {
      const code = th.textContent ?? '';
      if (medicines.includes(code)) th.append(h('span', { class: 'visually-hidden' }, ` ${names.medicineText(code)}`));
    }
  }

  async function load(): Promise<void> {
    let detail: RegionDetail;
    let nodes: SupplyNode[];
    try {
      detail = await regionDetail(params.region);
      const [medicines, found] = await Promise.all([getAll<Medicine>('/api/v1/supply/medicines'), getAll<SupplyNode>('/api/v1/supply/nodes', { region: params.region })]);
      names.addMedicines(medicines);
      names.addNodes(found);
      nodes = found;
    } catch (error) {
      if (!disposed) main.querySelector('.supply')?.append(problem(error, 'Loading the region'));
      return;
    }
    if (disposed) return;
    heading.replaceChildren('Supply: ', regionName(detail.region));
    ctx.setTitle(`Supply — ${regionText(detail.region)}`);
    const plans = supplyPlanPanel(planSection, ctx, params, detail, names);
    const shipments = shipmentPanel(shipmentSection, ctx, params.region, names);
    // The work queue: of the day shown, else of today.
    const queue = queuePanel(queueSection, ctx, names, nodes, params.asOf ?? today());
    cleanups.push(plans.dispose, shipments.dispose, queue.dispose);
    plans.onShipmentsChanged(() => {
      shipments.refresh();
      queue.refresh();
    });
    queue.onShipmentsChanged(() => shipments.refresh());
    shipments.onStepped(() => queue.refresh());
    try {
      const [cover, stock] = await Promise.all([
        get<CoverReport>('/api/v1/supply/cover', { region: params.region, as_of: params.asOf }),
        get<StockReport>('/api/v1/supply/stock', { region: params.region, as_of: params.asOf }),
      ]);
      if (disposed) return;
      asOfInput.value = cover.as_of;
      plans.setDay(cover.as_of);
      drawCover(cover, detail);
      cleanups.push(stockPanel(stockSection, stock, params.region, names, ctx.me));
    } catch (error) {
      if (!disposed) coverSection.replaceChildren(h('h2', { id: 'cover-title' }, 'Days of cover'), problem(error, 'Loading the days of cover'));
    }
  }

  void load();
  return () => {
    disposed = true;
    for (const cleanup of cleanups) cleanup();
  };
}
