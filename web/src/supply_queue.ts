// The work queue of a supply node on a day (GET /api/v1/supply/queue): the shipments it has to
// approve and dispatch (leaving by the day) and to receive (expected by the day), the oldest first,
// and how many are overdue (due before the day). For the roles that write supply, one button per
// list takes the step for all of them at once (POST /api/v1/supply/shipment-steps with the node and
// the day as the filter), all or nothing; the server decides which end the caller is.

import { get } from './api';
import { dataTable, Fields, problem } from './care_format';
import { h } from './dom';
import { int, isDate } from './format';
import { mayWriteSupply } from './session';
import { bulkStep, linesText, shipmentSummary } from './supply_shipments';
import { plural, type SupplyNames } from './supply_names';
import type { BulkStepRequest, Shipment, SupplyNode, WorkQueue } from './supply_types';
import type { ViewContext } from './view';

export interface QueuePanel {
  refresh(): void;
  onShipmentsChanged(listener: () => void): void;  // after a step in bulk
  dispose(): void;
}

type QueueStep = 'approve' | 'dispatch' | 'receive';

interface QueueList {
  step: QueueStep;
  key: 'to_approve' | 'to_dispatch' | 'to_receive';
  id: string;
  title: string;
  due: string;  // the column of the day it is due
  button: (n: number) => string;
  doing: string;
  empty: string;
}

const kLists: QueueList[] = [
  { step: 'approve', key: 'to_approve', id: 'queue-to-approve', title: 'To approve', due: 'Leaves', button: (n) => `Approve all ${int(n)}`, doing: 'Approving', empty: 'Nothing to approve' },
  { step: 'dispatch', key: 'to_dispatch', id: 'queue-to-dispatch', title: 'To dispatch', due: 'Leaves', button: (n) => `Dispatch all ${int(n)}`, doing: 'Dispatching', empty: 'Nothing to dispatch' },
  { step: 'receive', key: 'to_receive', id: 'queue-to-receive', title: 'To receive', due: 'Arrives', button: (n) => `Receive all ${int(n)} in full`, doing: 'Receiving', empty: 'Nothing to receive' },
];
const kKindOrder = ['central_base', 'factory', 'provincial_centre', 'county_base', 'pharmacy'];
const kShownRows = 25;

// The nodes as the select lists them: up the tree first (the central base, factories, provincial
// centres, county bases, pharmacies, then any other kind), each kind by name.
export function nodesForQueue(nodes: SupplyNode[]): SupplyNode[] {
  const rank = (kind: string) => (kKindOrder.includes(kind) ? kKindOrder.indexOf(kind) : kKindOrder.length);
  return [...nodes].sort((a, b) => rank(a.kind) - rank(b.kind) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name) || a.code.localeCompare(b.code));
}

// The day a shipment is due for the step: its arrival for a receipt, else its ship day.
export function dueDay(s: Shipment, step: QueueStep): string {
  return step === 'receive' ? s.arrival_day : s.ship_day;
}

// The bulk filter of a list: the node as the sending end (approve, dispatch) or the receiving end
// (receive), and the day as the last due day.
export function queueFilter(step: QueueStep, node: string, day: string): BulkStepRequest {
  return step === 'receive' ? { step, to: node, through: day } : { step, from: node, through: day };
}

export function queuePanel(section: HTMLElement, ctx: ViewContext, names: SupplyNames, nodes: SupplyNode[], day: string): QueuePanel {
  let disposed = false;
  let loads = 0;  // the latest load wins: earlier answers that come back late are dropped
  let changedListener: () => void = () => undefined;
  const writer = mayWriteSupply(ctx.me);
  const ordered = nodesForQueue(nodes);
  const fields = new Fields('queue');
  const kinds = [...new Set(ordered.map((n) => n.kind))];
  const select = h(
    'select',
    null,
    kinds.map((kind) => h('optgroup', { label: kind.replace(/_/g, ' ') }, ordered.filter((n) => n.kind === kind).map((n) => h('option', { value: n.code }, `${n.name} (${n.code})`)))),
  );
  const outcome = h('div', { id: 'queue-result', 'aria-live': 'polite' });
  const lists = h('div', { id: 'queue-lists' });
  const form = h(
    'form',
    { class: 'controls queue-form', id: 'queue-form', novalidate: true, 'aria-label': 'The node and day of the work queue' },
    fields.field('node', 'Node', {}, select),
    fields.field('day', 'Due by', { type: 'date', value: day }),
    h('button', { type: 'submit', class: 'secondary' }, 'Show'),
  );
  section.replaceChildren(
    h('h2', { id: 'work-queue-title' }, 'Work queue'),
    h(
      'p',
      { class: 'hint' },
      'What a node has to do by a day: approve and dispatch the shipments leaving it by then, receive those expected by then, the oldest first; overdue means due before that day.',
      writer
        ? ' A button takes the step for every shipment of its list at once, all or nothing: if one cannot take it, none does and the first is named. Each dispatch and receipt bears its shipment’s planned day (today, if that is still ahead); a receipt in bulk counts every lot in full, so sign a shortfall on its shipment under Shipments.'
        : ' You read it only: the headquarters, administrators and supply officers take the steps.',
    ),
    ordered.length ? form : h('p', { class: 'muted' }, 'No supply node under this region.'),
    outcome,
    lists,
  );
  if (!ordered.length) return { refresh: () => undefined, onShipmentsChanged: () => undefined, dispose: () => undefined };

  const say = (...content: Node[]) => outcome.replaceChildren(...content);
  // The shipments of a list, in words.
  const where = (list: QueueList, q: WorkQueue) => list.step === 'receive' ? `expected at ${names.nodeText(q.node)} by ${q.day}` : `leaving ${names.nodeText(q.node)} by ${q.day}`;

  select.addEventListener('change', () => {
    say();
    void refresh();
  });
  fields.control('day')!.addEventListener('change', () => {
    say();
    void refresh();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    say();
    void refresh();
  });

  function table(list: QueueList, q: WorkQueue, items: Shipment[], all: boolean): HTMLElement {
    const shown = all ? items : items.slice(0, kShownRows);
    return dataTable(
      shown.length < items.length ? `The oldest ${shown.length} of ${int(items.length)}` : `${list.title}, the oldest first`,
      ['Shipment', 'From → to', list.due, 'Carries'],
      shown.map((s) => {
        const due = dueDay(s, list.step);
        const overdue = due < q.day;
        return {
          attrs: { 'data-shipment': String(s.id), 'data-status': s.status, 'data-overdue': String(overdue), class: overdue ? 'over' : '' },
          cells: [`Shipment ${s.id}`, shipmentSummary(s, names), [due, overdue ? h('strong', { class: 'below-text' }, ' overdue') : ''], linesText(s, names)],
        };
      }),
    );
  }

  function drawList(list: QueueList, q: WorkQueue): HTMLElement {
    const items = q[list.key];
    const titleId = `${list.id}-title`;
    const box = h('div', { class: 'queue-list', id: list.id, 'data-count': String(items.length), role: 'group', 'aria-labelledby': titleId });
    const head = h('h4', { id: titleId }, `${list.title}: `, h('span', { 'data-field': `${list.id}-count` }, int(items.length)));
    if (!items.length) {
      box.append(head, h('p', { class: 'muted' }, `${list.empty} by ${q.day}.`));
      return box;
    }
    let button: HTMLButtonElement | string = '';
    if (writer) {
      const text = list.button(items.length);
      button = h('button', { type: 'button', id: `${list.id.replace('-to-', '-')}-all`, 'data-action': `${list.step}-all`, 'aria-label': `${text}: the shipments ${where(list, q)}` }, text);
      const b = button;
      b.addEventListener('click', () => void bulk(list, q, items.length, b));
    }
    const tableBox = h('div', null, table(list, q, items, false));
    if (items.length > kShownRows) {
      tableBox.append(h('button', { type: 'button', class: 'secondary', onclick: () => tableBox.replaceChildren(table(list, q, items, true)) }, `Show all ${int(items.length)}`));
    }
    box.append(head, button ? h('div', { class: 'actions' }, button) : '', tableBox);
    return box;
  }

  async function bulk(list: QueueList, q: WorkQueue, shown: number, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    say();
    const hadFocus = document.activeElement === button;
    try {
      const result = await bulkStep(queueFilter(list.step, q.node, q.day));
      if (disposed) return;
      const changed = result.count !== shown ? ` The queue listed ${int(shown)}: it had changed since it was shown.` : '';
      say(h('div', { class: 'form-summary ok', role: 'status' }, h('p', { 'data-field': 'queue-outcome', 'data-count': String(result.count) }, `${plural(result.count, 'shipment')} ${result.step}${list.step === 'receive' ? ' in full' : ''}: all those ${where(list, q)}.${changed}`)));
      await refresh();
      // The button is gone with its list: keep the keyboard in the panel.
      if (!disposed && hadFocus) document.getElementById('queue-heading')?.focus();
      changedListener();
    } catch (error) {
      if (disposed) return;
      say(problem(error, `${list.doing} the shipments ${where(list, q)}`));
      button.disabled = false;
    }
  }

  async function refresh(): Promise<void> {
    const node = select.value;
    const dayText = fields.value('day').trim();
    const errors = new Map<string, string>();
    if (!isDate(dayText)) errors.set('day', `day: "${dayText}" is not a date (YYYY-MM-DD)`);
    fields.show(errors);
    if (errors.size) return;
    const load = ++loads;
    lists.setAttribute('aria-busy', 'true');
    if (!lists.firstChild) lists.replaceChildren(h('p', { class: 'muted' }, 'Loading the work queue…'));
    try {
      const q = await get<WorkQueue>('/api/v1/supply/queue', { node, day: dayText });
      if (disposed || load !== loads) return;
      const total = q.to_approve.length + q.to_dispatch.length + q.to_receive.length;
      lists.replaceChildren(
        h('h3', { id: 'queue-heading', tabindex: '-1', 'data-node': q.node, 'data-day': q.day }, ...names.node(q.node), ` by ${q.day}`),
        h(
          'dl',
          { class: 'figures' },
          h('div', { class: 'figure' }, h('dt', null, 'Overdue'), h('dd', null, h('span', { class: 'value', 'data-field': 'queue-overdue' }, int(q.overdue)), h('span', { class: 'note' }, `due before ${q.day}`))),
          kLists.map((l) => h('div', { class: 'figure' }, h('dt', null, l.title), h('dd', null, h('span', { class: 'value' }, int(q[l.key].length))))),
        ),
        total ? '' : h('p', { class: 'muted', id: 'queue-empty' }, `Nothing is due at this node by ${q.day}.`),
        ...kLists.map((l) => drawList(l, q)),
      );
    } catch (error) {
      if (!disposed && load === loads) lists.replaceChildren(problem(error, 'Loading the work queue'));
    } finally {
      if (load === loads) lists.removeAttribute('aria-busy');
    }
  }

  void refresh();
  return {
    refresh: () => void refresh(),
    onShipmentsChanged(listener: () => void) {
      changedListener = listener;
    },
    dispose() {
      disposed = true;
    },
  };
}
