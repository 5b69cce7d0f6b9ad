// The stock of a region by medicine (usable, expired, the nodes that hold it), its lots, and the
// lot recall search: every node under the region still holding a lot, and every shipment that
// carried it (GET /api/v1/supply/recall).

import { get, request } from './api';
import { dataTable, problem } from './care_format';
import { h } from './dom';
import { int } from './format';
import { type SupplyNames } from './supply_names';
import { shipmentSummary } from './supply_shipments';
import { mayOrderRecalls } from './session';
import type { LotRecall, RecallReport, StockReport } from './supply_types';
import type { Me } from './types';

interface MedicineStock {
  medicine: string;
  on_hand: number;
  usable: number;
  expired: number;
  nodes: number;
  lots: Map<string, { expiry: string; quantity: number; nodes: number }>;
}

export function stockPanel(section: HTMLElement, stock: StockReport, region: string, names: SupplyNames, me: Me): () => void {
  let disposed = false;
  const byMedicine = new Map<string, MedicineStock>();
  for (const line of stock.lines) {
    const m = byMedicine.get(line.medicine) ?? { medicine: line.medicine, on_hand: 0, usable: 0, expired: 0, nodes: 0, lots: new Map() };
    m.on_hand += line.on_hand;
    m.usable += line.usable;
    m.expired += line.expired;
    if (line.on_hand > 0) m.nodes += 1;
    for (const lot of line.lots) {
      const l = m.lots.get(lot.lot) ?? { expiry: lot.expiry, quantity: 0, nodes: 0 };
      l.quantity += lot.quantity;
      l.nodes += 1;
      m.lots.set(lot.lot, l);
    }
    byMedicine.set(line.medicine, m);
  }
  const medicines = [...byMedicine.values()].sort((a, b) => a.medicine.localeCompare(b.medicine));
  const lots = medicines.flatMap((m) => [...m.lots].map(([lot, l]) => ({ medicine: m.medicine, lot, ...l }))).sort((a, b) => a.expiry.localeCompare(b.expiry));

  const medicineSelect = h('select', { id: 'recall-medicine', name: 'medicine' }, names.medicineList().map((m) => h('option', { value: m.code }, `${m.name} (${m.code})`)));
  const lotInput = h('input', { id: 'recall-lot', name: 'lot', type: 'text', autocomplete: 'off', list: 'recall-lots', required: true });
  const lotList = h('datalist', { id: 'recall-lots' }, lots.map((l) => h('option', { value: l.lot }, names.medicineText(l.medicine))));
  const result = h('div', { id: 'recall-result', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, 'Find the lot');
  const form = h(
    'form',
    { class: 'recall-form', 'aria-label': 'Lot recall' },
    h('div', { class: 'row' }, h('div', { class: 'field' }, h('label', { for: 'recall-medicine' }, 'Medicine'), medicineSelect), h('div', { class: 'field' }, h('label', { for: 'recall-lot' }, 'Lot number'), lotInput, lotList)),
    h('div', { class: 'actions' }, submit),
  );

  async function recall(medicine: string, lot: string): Promise<void> {
    submit.disabled = true;
    result.replaceChildren(h('p', { class: 'muted' }, `Looking for lot ${lot}…`));
    try {
      const r = await get<RecallReport>('/api/v1/supply/recall', { medicine, lot, region });
      if (disposed) return;
      result.replaceChildren(
        h('p', { 'data-field': 'recall-summary' }, h('strong', null, `Lot ${r.lot.lot}`), ` of ${names.medicineText(r.lot.medicine)}, made by ${r.lot.maker || 'an unknown maker'}, expires ${r.lot.expiry}: ${int(r.units_held)} units still held at ${r.holders.length} node${r.holders.length === 1 ? '' : 's'}, ${int(r.units_in_transit)} on the way.`),
        recallStatus(r),
        mayOrderRecalls(me) ? orderForm(r) : '',
        r.in_transit.length
          ? dataTable('The lot on the way', ['Shipment', 'From → to', 'Arrives', 'Units'], r.in_transit.map((m) => ({ attrs: { 'data-transit': String(m.shipment) }, cells: [`Shipment ${m.shipment}`, `${names.node(m.from)} → ${names.node(m.to)}`, m.arrival_day, int(m.units)] })))
          : '',
        r.holders.length
          ? dataTable('Nodes holding the lot', ['Node', 'Units'], r.holders.map((holder) => ({ attrs: { 'data-node': holder.node }, cells: [names.node(holder.node), int(holder.quantity)] })))
          : '',
        r.shipments.length
          ? dataTable(
              'Shipments that carried the lot',
              ['Shipment', 'From → to', 'Status', 'Sent', 'Received', 'Lost'],
              r.shipments.map((s) => {
                const lotLine = s.lots.find((l) => l.lot === r.lot.lot && l.medicine === r.lot.medicine);
                return {
                  attrs: { 'data-shipment': String(s.id) },
                  cells: [`Shipment ${s.id}`, shipmentSummary(s, names), s.status, int(lotLine?.sent), int(lotLine?.received), lotLine?.lost ? `${int(lotLine.lost)} (${lotLine.loss_reason})` : '0'],
                };
              }),
            )
          : h('p', { class: 'muted' }, 'No shipment under this region carried it.'),
      );
    } catch (error) {
      if (!disposed) result.replaceChildren(problem(error, 'The recall search'));
    } finally {
      submit.disabled = false;
    }
  }

  // The recall order on the lot, if any, and how far it has gone.
  function recallStatus(r: RecallReport): HTMLElement | string {
    const order = r.recall;
    if (!order) return '';
    return order.status === 'active'
      ? h('div', { class: 'error', role: 'status', 'data-field': 'recall-status' },
          h('p', null, h('strong', null, `Recalled since ${order.day}`), ` (recall ${order.id}, ordered by ${order.ordered_by}): ${order.reason}. The lot may be neither issued nor dispatched anywhere until the headquarters lift the order.`),
          h('p', null, `Progress: ${int(r.units_held)} units still held, ${int(r.units_in_transit)} on the way, ${int(r.units_written_off)} written off since the order.`))
      : h('p', { class: 'muted', 'data-field': 'recall-status' }, `Recall ${order.id} of ${order.day} was lifted on ${order.lifted_day} by ${order.lifted_by}: ${order.lift_reason}.`);
  }

  // National headquarters order a recall of the lot, or lift the active one, with a reason.
  function orderForm(r: RecallReport): HTMLElement {
    const active = r.recall?.status === 'active' ? r.recall : null;
    const reason = h('input', { id: 'recall-reason', name: 'reason', type: 'text', 'aria-required': 'true', autocomplete: 'off' });
    const button = h('button', { type: 'submit', class: active ? 'secondary' : '' }, active ? 'Lift the recall' : 'Order the lot recalled');
    const note = h('div', { 'aria-live': 'polite' });
    const orderForm = h('form', { class: 'recall-order', 'aria-label': active ? 'Lift the recall' : 'Order a recall' },
      h('div', { class: 'field' }, h('label', { for: 'recall-reason' }, active ? 'Why the lot may move again' : 'Why the lot is stopped'), reason),
      h('div', { class: 'actions' }, button), note);
    orderForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const why = reason.value.trim();
      if (!why) {
        reason.setAttribute('aria-invalid', 'true');
        note.replaceChildren(h('div', { class: 'error', role: 'alert' }, h('p', null, 'reason: is required')));
        reason.focus();
        return;
      }
      button.disabled = true;
      const send = active
        ? request<LotRecall>(`/api/v1/supply/recalls/${active.id}/lift`, { method: 'POST', body: { reason: why } })
        : request<LotRecall>('/api/v1/supply/recalls', { method: 'POST', body: { medicine: r.lot.medicine, lot: r.lot.lot, reason: why } });
      send.then(() => { if (!disposed) void recall(r.lot.medicine, r.lot.lot); })
        .catch((error) => { if (!disposed) note.replaceChildren(problem(error, active ? 'Lifting the recall' : 'Ordering the recall')); })
        .finally(() => { button.disabled = false; });
    });
    return orderForm;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const lot = lotInput.value.trim();
    if (!lot) {
      lotInput.setAttribute('aria-invalid', 'true');
      result.replaceChildren(h('div', { class: 'error', role: 'alert' }, h('p', null, 'lot: is required')));
      lotInput.focus();
      return;
    }
    lotInput.removeAttribute('aria-invalid');
    void recall(medicineSelect.value, lot);
  });

  const recallButton = (medicine: string, lot: string) =>
    h('button', { type: 'button', class: 'secondary small', 'aria-label': `Recall search for lot ${lot}`, onclick: () => {
      medicineSelect.value = medicine;
      lotInput.value = lot;
      void recall(medicine, lot);
      lotInput.focus();
    } }, 'Where is it?');

  section.replaceChildren(
    h('h2', { id: 'stock-title' }, `Stock by medicine as of ${stock.as_of}`),
    medicines.length
      ? dataTable(
          'Stock at the nodes under the region, in units',
          ['Medicine', 'On hand', 'Usable', 'Expired', 'Nodes holding', 'Lots'],
          medicines.map((m) => ({
            attrs: { 'data-medicine': m.medicine },
            cells: [[...names.medicine(m.medicine), ' ', h('span', { class: 'muted code' }, m.medicine)], int(m.on_hand), { attrs: { 'data-field': 'usable' }, content: int(m.usable) }, m.expired ? h('strong', { class: 'below-text' }, int(m.expired)) : '0', int(m.nodes), int(m.lots.size)],
          })),
        )
      : h('p', { class: 'muted' }, 'No stock is held under this region on this day.'),
    lots.length
      ? h(
          'details',
          null,
          h('summary', null, `The ${lots.length} lots, first to expire first`),
          dataTable(
            'Lots held under the region',
            ['Lot', 'Medicine', 'Expires', 'Units', 'Nodes', 'Recall'],
            lots.map((l) => ({ attrs: { 'data-lot': l.lot }, cells: [l.lot, names.medicineText(l.medicine), l.expiry < stock.as_of ? h('strong', { class: 'below-text' }, `${l.expiry} (expired)`) : l.expiry, int(l.quantity), int(l.nodes), recallButton(l.medicine, l.lot)] })),
          ),
        )
      : '',
    h('h3', { id: 'recall-title' }, 'Lot recall'),
    h('p', { class: 'hint' }, 'Where a lot is: the nodes under the region still holding it, and the shipments that carried it.'),
    form,
    result,
  );
  return () => {
    disposed = true;
  };
}
