// The shipments from or to the nodes under a region, newest first, with their status and chain of
// custody; for the roles that write supply, the next step: approve and dispatch (the sending end),
// receive with the count of every lot and a loss reason when short (the receiving end), cancel.
// The server decides which end the caller is: its refusal is shown as it comes. bulkStep takes one
// step for many shipments at once (the work queue and an adopted plan use it).

import { get, request } from './api';
import { dataTable, problem, stamp } from './care_format';
import { type Child, h } from './dom';
import { int } from './format';
import { mayWriteSupply } from './session';
import type { SupplyNames } from './supply_names';
import type { Page } from './types';
import type { BulkStepRequest, BulkStepResult, Shipment, ShipmentStatus } from './supply_types';
import type { ViewContext } from './view';

export interface ShipmentPanel {
  refresh(): void;
  onStepped(listener: () => void): void;  // after a shipment has taken a step here
  dispose(): void;
}

const kStatuses: ShipmentStatus[] = ['planned', 'approved', 'dispatched', 'received', 'cancelled'];
const kShown = 50;

export function shipmentSummary(s: Shipment, names: SupplyNames): Child[] {
  return [...names.node(s.from), ' → ', ...names.node(s.to)];
}

export function linesText(s: Shipment, names: SupplyNames): string {
  return s.lines.map((l) => `${names.medicineText(l.medicine)} ${int(l.quantity)}`).join('; ');
}

// One step for every shipment named or found, all or nothing: the API's refusal names the first
// shipment that could not take it, and nothing is written.
export async function bulkStep(body: BulkStepRequest): Promise<BulkStepResult> {
  return (await request<BulkStepResult>('/api/v1/supply/shipment-steps', { method: 'POST', body })).body;
}

export function shipmentPanel(section: HTMLElement, ctx: ViewContext, region: string, names: SupplyNames): ShipmentPanel {
  let disposed = false;
  let status = '';
  let all = false;
  let selected: number | null = null;
  let steppedListener: () => void = () => undefined;
  const writer = mayWriteSupply(ctx.me);
  const filter = h('select', { id: 'shipment-status', name: 'status' }, h('option', { value: '' }, 'every status'), kStatuses.map((s) => h('option', { value: s }, s)));
  const list = h('div', { id: 'shipment-list' });
  const outcome = h('div', { id: 'shipment-result', 'aria-live': 'polite' });
  const detail = h('div', { id: 'shipment-detail', tabindex: '-1' });
  section.replaceChildren(
    h('h2', { id: 'shipments-title' }, 'Shipments'),
    h(
      'p',
      { class: 'hint' },
      'planned → approved → dispatched → received, or cancelled before leaving. The sending end approves and dispatches (its stock leaves, first expiry first out); the receiving end signs for what was counted.',
      writer ? '' : ' You read them only: the headquarters, administrators and supply officers take the steps.',
    ),
    h('div', { class: 'controls' }, h('label', { for: 'shipment-status' }, 'Show'), filter),
    outcome,
    list,
    detail,
  );
  filter.addEventListener('change', () => {
    status = filter.value;
    void refresh();
  });

  const say = (...content: Node[]) => outcome.replaceChildren(...content);

  async function step(s: Shipment, action: 'approve' | 'dispatch' | 'cancel' | 'receive', body: unknown, button?: HTMLButtonElement): Promise<boolean> {
    if (button) button.disabled = true;
    say();
    try {
      const { body: after } = await request<Shipment>(`/api/v1/supply/shipments/${s.id}/${action}`, { method: 'POST', body });
      if (disposed) return true;
      const done = { approve: 'approved', dispatch: 'dispatched', cancel: 'cancelled', receive: 'received' }[action];
      say(h('div', { class: 'form-summary ok', role: 'status' }, h('p', { 'data-field': 'shipment-outcome' }, `Shipment ${s.id} ${done}.`)));
      selected = after.id;
      await refresh();
      steppedListener();
      return true;
    } catch (error) {
      if (!disposed) say(problem(error, `Shipment ${s.id}: ${action}`));
      if (button) button.disabled = false;
      return false;
    }
  }

  function actions(s: Shipment): HTMLElement | string {
    if (!writer) return '';
    const buttons: HTMLButtonElement[] = [];
    const button = (text: string, onclick: (b: HTMLButtonElement) => void) => {
      const b = h('button', { type: 'button', class: 'small', 'data-action': text.toLowerCase(), 'aria-label': `${text} shipment ${s.id}` }, text);
      b.addEventListener('click', () => onclick(b));
      buttons.push(b);
    };
    if (s.status === 'planned') button('Approve', (b) => void step(s, 'approve', undefined, b));
    // The planned ship day, said outright: the day the stock leaves and its ledger entries bear.
    if (s.status === 'approved') button('Dispatch', (b) => void step(s, 'dispatch', { day: s.ship_day }, b));
    if (s.status === 'dispatched') button('Receive', () => showDetail(s, true));
    return buttons.length ? h('span', { class: 'item-actions' }, buttons) : '';
  }

  function receiveForm(s: Shipment): HTMLElement {
    const errors = h('div', { class: 'form-summary', 'aria-live': 'polite' });
    const rows = s.lots.map((lot, idx) => {
      const id = `receive-${idx}`;
      const counted = h('input', { id: `${id}-received`, name: 'received', inputmode: 'numeric', value: String(lot.sent), 'aria-describedby': `${id}-error` });
      const reason = h('input', { id: `${id}-loss-reason`, name: 'loss_reason', type: 'text', autocomplete: 'off', placeholder: 'needed when short' });
      const excursion = h('input', { id: `${id}-excursion`, name: 'temperature_excursion', type: 'checkbox' });
      const error = h('span', { class: 'field-error', id: `${id}-error` });
      return { lot, counted, reason, excursion, error, row: h('fieldset', { 'data-lot': lot.lot }, h('legend', null, `${names.medicineText(lot.medicine)}, lot ${lot.lot}: ${int(lot.sent)} sent`), h('div', { class: 'row' }, h('div', { class: 'field' }, h('label', { for: counted.id }, 'Counted on arrival'), counted, error), h('div', { class: 'field' }, h('label', { for: reason.id }, 'Loss reason'), reason), names.coldChain(lot.medicine) ? h('div', { class: 'field' }, h('label', { for: excursion.id }, 'Temperature excursion'), excursion) : null)) };
    });
    const day = h('input', { id: 'receive-day', name: 'day', type: 'date', value: s.arrival_day });
    const submit = h('button', { type: 'submit' }, `Sign for shipment ${s.id}`);
    const form = h('form', { class: 'receive-form', novalidate: true, 'aria-label': `Receive shipment ${s.id}` }, errors, h('div', { class: 'field' }, h('label', { for: 'receive-day' }, 'Received on'), day), rows.map((r) => r.row), h('div', { class: 'actions' }, submit));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const problems: string[] = [];
      const counts = rows.map((r, idx) => {
        const text = r.counted.value.trim();
        const received = /^\d+$/.test(text) ? Number(text) : NaN;
        let message = '';
        if (Number.isNaN(received)) message = `counts[${idx}].received: "${text}" is not a whole number`;
        else if (received > r.lot.sent) message = `${r.lot.medicine} lot ${r.lot.lot}: ${received} counted, more than the ${r.lot.sent} sent`;
        else if (received < r.lot.sent && !r.reason.value.trim()) message = `${r.lot.medicine} lot ${r.lot.lot}: ${r.lot.sent - received} of ${r.lot.sent} missing; a shortfall needs a loss_reason`;
        r.error.textContent = message;
        if (message) {
          r.counted.setAttribute('aria-invalid', 'true');
          problems.push(message);
        } else {
          r.counted.removeAttribute('aria-invalid');
        }
        return { medicine: r.lot.medicine, lot: r.lot.lot, received, ...(r.reason.value.trim() ? { loss_reason: r.reason.value.trim() } : {}), ...(r.excursion.checked ? { temperature_excursion: true } : {}) };
      });
      if (problems.length) {
        errors.className = 'form-summary error';
        errors.replaceChildren(h('p', null, `${problems.length} error(s); nothing was sent`), h('ul', null, problems.map((p) => h('li', null, p))));
        form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
        return;
      }
      errors.replaceChildren();
      submit.disabled = true;
      const ok = await step(s, 'receive', { day: day.value || undefined, counts });
      if (!ok) submit.disabled = false;
    });
    return form;
  }

  function showDetail(s: Shipment, receiving = false): void {
    selected = s.id;
    const lost = s.lots.some((l) => l.lost > 0);
    detail.replaceChildren(
      h('h3', { id: 'shipment-heading', 'data-shipment': String(s.id) }, `Shipment ${s.id}: `, h('span', { class: `state ${s.status}`, 'data-field': 'shipment-status' }, s.status)),
      h('p', null, ...shipmentSummary(s, names), `, to leave on ${s.ship_day} and arrive on ${s.arrival_day}`, s.plan_id ? ` (distribution plan ${s.plan_id})` : '', s.reserve_order ? '; a headquarters order on the reserve' : '', '.'),
      dataTable('What it carries', ['Medicine', 'Units'], s.lines.map((l) => ({ cells: [names.medicine(l.medicine), int(l.quantity)] }))),
      s.lots.length
        ? dataTable(
            lost ? 'Lots sent, received and lost' : 'Lots sent and received',
            ['Lot', 'Medicine', 'Sent', 'Received', 'Lost', 'Loss reason'],
            s.lots.map((l) => ({ attrs: { 'data-lot': l.lot, class: l.lost ? 'over' : '' }, cells: [l.lot, names.medicineText(l.medicine), int(l.sent), int(l.received), int(l.lost), [l.loss_reason || '—', l.temperature_excursion ? ' (temperature excursion)' : '']] })),
          )
        : '',
      h('h4', null, 'Chain of custody'),
      h('ol', { class: 'custody' }, s.custody.map((c) => h('li', { 'data-step': c.step }, h('strong', null, c.step), ` by ${c.by} on ${stamp(c.at)}`, c.note ? ` — ${c.note}` : ''))),
      receiving && writer && s.status === 'dispatched' ? receiveForm(s) : '',
    );
    if (receiving) detail.querySelector<HTMLInputElement>('.receive-form input[name="received"]')?.focus();
    else detail.focus();
  }

  async function refresh(): Promise<void> {
    try {
      const page = await get<Page<Shipment>>('/api/v1/supply/shipments', { region, status: status || undefined, limit: all ? 1000 : kShown });
      if (disposed) return;
      list.replaceChildren(
        page.items.length
          ? dataTable(
              page.total > page.items.length ? `The newest ${page.items.length} of ${page.total} shipments` : `${page.total} shipment${page.total === 1 ? '' : 's'}, newest first`,
              ['Shipment', 'From → to', 'Status', 'Leaves – arrives', 'Carries', 'Step'],
              page.items.map((s) => ({
                attrs: { 'data-shipment': String(s.id), 'data-status': s.status },
                cells: [
                  h('a', { href: '#shipment-detail', 'aria-current': selected === s.id ? 'true' : null, onclick: (e: Event) => {
                    e.preventDefault();
                    showDetail(s);
                  } }, `Shipment ${s.id}`),
                  shipmentSummary(s, names),
                  h('span', { class: `state ${s.status}` }, s.status),
                  `${s.ship_day} – ${s.arrival_day}`,
                  linesText(s, names),
                  actions(s),
                ],
              })),
            )
          : h('p', { class: 'muted' }, status ? `No ${status} shipment under this region.` : 'No shipment leaves or reaches a node under this region.'),
        page.total > page.items.length && !all ? h('button', { type: 'button', class: 'secondary', onclick: () => { all = true; void refresh(); } }, `Show up to 1,000 of ${page.total}`) : '',
      );
      const shown = page.items.find((s) => s.id === selected);
      if (shown) showDetail(shown);
    } catch (error) {
      if (!disposed) list.replaceChildren(problem(error, 'Loading the shipments'));
    }
  }

  void refresh();
  return {
    refresh: () => void refresh(),
    onStepped(listener: () => void) {
      steppedListener = listener;
    },
    dispose() {
      disposed = true;
    },
  };
}
