// The distribution plans of a region: propose one (POST /api/v1/supply/plans, for the roles that
// write supply) as of the day shown over a horizon, the plans that concern the caller, and one
// plan in full: its method and why, each medicine's fill rate λ, the nodes that get less than
// their need and why, its shipments, and the button that adopts it into planned shipments; once
// adopted, the buttons that approve all its planned shipments and dispatch those due by a day, in
// bulk (POST /api/v1/supply/shipment-steps with the plan as the filter), all or nothing.

import { get, request } from './api';
import { dataTable, Fields, problem, stamp } from './care_format';
import { h, regionText } from './dom';
import { int, isDate, percent, today } from './format';
import { knownRegion } from './regions';
import { mayDrawReserve, mayWriteSupply, roleLabel } from './session';
import { plural, type SupplyNames } from './supply_names';
import { bulkStep } from './supply_shipments';
import { type SupplyParams, supplyHash } from './view_routes';
import type { PlanOutcome, SupplyPlan, SupplyPlanSummary } from './supply_types';
import type { Page, RegionDetail } from './types';
import type { ViewContext } from './view';

export interface SupplyPlanPanel {
  setDay(day: string): void;
  onShipmentsChanged(listener: () => void): void;  // after an adoption or a step in bulk
  dispose(): void;
}

const kReasons: Record<string, string> = {
  national_shortage: 'national shortage',
  short_in_scope: 'short in the region planned',
  unreachable: 'unreachable in time',
  saturated_link: 'saturated link',
  saturated_storage: 'full store',
  fair_share: 'fair share of what reaches it',
};
const kShownShipments = 25;

// The outcomes short of their need, grouped by the reason given, the largest shortfall first.
export function whyGroups(outcomes: PlanOutcome[]): { why: string; reason: string; nodes: number; unmet: number; medicines: Set<string> }[] {
  const groups = new Map<string, { why: string; reason: string; nodes: number; unmet: number; medicines: Set<string> }>();
  for (const o of outcomes) {
    if (o.unmet <= 0) continue;
    const key = o.why || o.reason;
    const g = groups.get(key) ?? { why: key, reason: o.reason, nodes: 0, unmet: 0, medicines: new Set<string>() };
    g.nodes += 1;
    g.unmet += o.unmet;
    g.medicines.add(o.medicine);
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.unmet - a.unmet);
}

export function supplyPlanPanel(section: HTMLElement, ctx: ViewContext, params: SupplyParams, detail: RegionDetail, names: SupplyNames): SupplyPlanPanel {
  let disposed = false;
  let changedListener: () => void = () => undefined;
  const fields = new Fields('supply-plan');
  const status = h('div', { class: 'form-summary', 'aria-live': 'polite' });
  const list = h('ul', { class: 'plans', id: 'supply-plan-list' });
  const view = h('div', { id: 'supply-plan', 'aria-live': 'polite' });
  const adoptResult = h('div', { id: 'supply-adopt-result' });
  const within = regionText(detail.region);
  const reserve = h('input', { type: 'checkbox', id: 'supply-plan-draw-reserve', name: 'draw_reserve' });
  const production = h('input', { type: 'checkbox', id: 'supply-plan-production', name: 'include_production', checked: true });
  const submit = h('button', { type: 'submit' }, 'Propose a plan');
  const form = h(
    'form',
    { class: 'supply-plan-form', novalidate: true, 'aria-label': 'Propose a distribution plan' },
    status,
    h('div', { class: 'row' }, fields.field('as_of', 'As of (the stock and need to plan from)', { type: 'date' }), fields.field('horizon_days', 'Days ahead (1 to 28)', { inputmode: 'numeric', value: '14' })),
    h(
      'div',
      { class: 'checks' },
      h('label', null, production, ' Count the factories’ planned output'),
      mayDrawReserve(ctx.me) ? h('label', null, reserve, ' Draw on the national reserve (a headquarters order)') : null,
    ),
    h('div', { class: 'actions' }, submit),
  );

  section.replaceChildren(
    h('h2', { id: 'supply-plans-title' }, 'Distribution plans'),
    h('p', { class: 'hint' }, `The planner ships medicines to the nodes of ${within} over the days ahead so that every county gets the largest equal share λ of its need, as early as it can, then the minimum cover, with the least transport; the reserve stays unless the plan is a headquarters order.`),
    mayWriteSupply(ctx.me) ? form : h('p', { class: 'hint', id: 'supply-plan-note' }, `Only the headquarters, administrators and supply officers propose and adopt plans${ctx.me.anonymous ? '' : `; you are signed in as ${roleLabel(ctx.me.role)}`}.`),
    h('h3', null, 'Plans'),
    list,
    view,
  );

  const say = (kind: 'ok' | 'info' | 'error', ...content: Node[]) => {
    status.className = `form-summary ${kind}`;
    status.replaceChildren(...content);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const errors = new Map<string, string>();
    const asOf = fields.value('as_of').trim();
    const horizonText = fields.value('horizon_days').trim();
    const horizon = Number(horizonText);
    if (asOf && !isDate(asOf)) errors.set('as_of', `as_of: "${asOf}" is not a date (YYYY-MM-DD)`);
    if (!/^\d+$/.test(horizonText) || horizon < 1 || horizon > 28) errors.set('horizon_days', `horizon_days: "${horizonText}" is not a whole number from 1 to 28`);
    fields.show(errors, true);
    if (errors.size) {
      say('error', h('p', null, `${errors.size} error(s) in the plan request; nothing was sent`), h('ul', null, [...errors.values()].map((e) => h('li', null, e))));
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Planning…';
    say('info', h('p', null, 'Planning: the need of every county is forecast first; this takes a few seconds.'));
    try {
      const body = { within: params.region, as_of: asOf || undefined, horizon_days: horizon, include_production: production.checked, ...(reserve.checked ? { draw_reserve: true } : {}) };
      const { body: plan } = await request<SupplyPlan>('/api/v1/supply/plans', { method: 'POST', body });
      if (disposed) return;
      say('ok', h('p', null, `Plan ${plan.id} proposed: ${int(plan.totals.shipments)} shipments, shown below.`));
      adoptResult.replaceChildren();
      show(plan);
      void refreshList();
    } catch (error) {
      if (!disposed) say('error', problem(error, 'The plan request'));
    } finally {
      submit.disabled = false;
      submit.textContent = 'Propose a plan';
    }
  });

  async function refreshList(): Promise<SupplyPlanSummary[]> {
    try {
      const page = await get<Page<SupplyPlanSummary>>('/api/v1/supply/plans', { limit: 10 });
      if (disposed) return [];
      list.replaceChildren(
        ...page.items.map((p) =>
          h(
            'li',
            { 'data-plan': p.id, 'data-status': p.status },
            h('a', { href: supplyHash({ ...params, plan: p.id }), onclick: (e: Event) => {
              e.preventDefault();
              adoptResult.replaceChildren();
              void open(p.id);
            } }, `Plan ${p.id}`),
            ` · ${p.status}${p.stale ? ' (stale)' : ''} · ${knownRegion(p.scope) ? regionText(knownRegion(p.scope)!) : p.scope} · ${p.horizon_days} days from ${p.as_of} · by ${p.created_by}`,
          ),
        ),
      );
      if (!page.items.length) list.replaceChildren(h('li', { class: 'muted' }, 'No distribution plan concerns your region yet.'));
      return page.items;
    } catch (error) {
      if (!disposed) list.replaceChildren(h('li', null, problem(error, 'Loading the plans')));
      return [];
    }
  }

  async function open(id: number): Promise<void> {
    history.replaceState(null, '', supplyHash({ ...params, plan: id }));
    view.replaceChildren(h('p', { class: 'muted' }, `Loading plan ${id}…`));
    try {
      const plan = await get<SupplyPlan>(`/api/v1/supply/plans/${id}`);
      if (!disposed) show(plan);
    } catch (error) {
      if (!disposed) view.replaceChildren(problem(error, `Loading plan ${id}`));
    }
  }

  async function adopt(plan: SupplyPlan, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    adoptResult.replaceChildren();
    try {
      const { body } = await request<SupplyPlan>(`/api/v1/supply/plans/${plan.id}/adopt`, { method: 'POST', body: { confirm_stale: plan.stale === true } });
      if (disposed) return;
      const replaced = body.superseded_plans?.length
        ? ` It replaces plan ${body.superseded_plans.join(', ')}: ${int(body.cancelled_shipment_ids?.length ?? 0)} of its shipments not yet dispatched were cancelled.`
        : '';
      adoptResult.replaceChildren(h('div', { class: 'form-summary ok', role: 'status' }, h('p', null, `Plan ${body.id} adopted: ${int(body.shipment_ids?.length ?? body.totals.shipments)} planned shipments created, listed under Shipments.${replaced}`)));
      show(body);
      void refreshList();
      changedListener();
    } catch (error) {
      if (disposed) return;
      adoptResult.replaceChildren(problem(error, 'Adopting the plan'));
      button.disabled = false;
    }
  }

  // An adopted plan's shipments in bulk: approve all those still planned; dispatch the approved
  // ones leaving by a day (the view's day, or the plan's first when that is earlier), each on its
  // own ship day. The answer says how many took the step, or names the first that could not.
  function planSteps(plan: SupplyPlan): HTMLElement {
    const result = h('div', { id: 'supply-plan-bulk-result', 'aria-live': 'polite' });
    const first = plan.shipments.reduce((min, s) => (s.dispatch_day < min ? s.dispatch_day : min), plan.first_day);
    const wanted = params.asOf ?? today();
    const through = h('input', { type: 'date', id: 'supply-plan-through', name: 'through', value: wanted < first ? first : wanted, 'aria-describedby': 'supply-plan-through-error' });
    const throughError = h('span', { class: 'field-error', id: 'supply-plan-through-error' });
    const approve = h('button', { type: 'button', id: 'supply-plan-approve-all', 'data-action': 'approve-all' }, `Approve all planned shipments of plan ${plan.id}`);
    const dispatch = h('button', { type: 'button', id: 'supply-plan-dispatch-due', 'data-action': 'dispatch-due' }, `Dispatch those due by ${through.value}`);
    through.addEventListener('input', () => {
      dispatch.textContent = `Dispatch those due by ${through.value || '…'}`;
    });
    const run = async (button: HTMLButtonElement, step: 'approve' | 'dispatch', day?: string) => {
      button.disabled = true;
      result.replaceChildren();
      try {
        const moved = await bulkStep({ step, plan: plan.id, ...(day ? { through: day } : {}) });
        if (disposed) return;
        result.replaceChildren(h('div', { class: 'form-summary ok', role: 'status' }, h('p', { 'data-field': 'supply-plan-bulk-outcome', 'data-count': String(moved.count) }, `${plural(moved.count, 'shipment')} of plan ${plan.id} ${moved.step}${day ? `: all those approved and leaving by ${day}` : ''}, listed under Shipments.`)));
        changedListener();
      } catch (error) {
        if (!disposed) result.replaceChildren(problem(error, step === 'approve' ? `Approving the shipments of plan ${plan.id}` : `Dispatching the shipments of plan ${plan.id} due by ${day}`));
      } finally {
        button.disabled = false;
      }
    };
    approve.addEventListener('click', () => void run(approve, 'approve'));
    dispatch.addEventListener('click', () => {
      const day = through.value.trim();
      if (!isDate(day)) {
        throughError.textContent = `through: "${day}" is not a date (YYYY-MM-DD)`;
        through.setAttribute('aria-invalid', 'true');
        through.focus();
        return;
      }
      throughError.textContent = '';
      through.removeAttribute('aria-invalid');
      void run(dispatch, 'dispatch', day);
    });
    return h(
      'div',
      { class: 'plan-steps', id: 'supply-plan-steps', role: 'group', 'aria-labelledby': 'supply-plan-steps-title' },
      h('h4', { id: 'supply-plan-steps-title' }, 'Its shipments, all at once'),
      h('p', { class: 'hint' }, 'Each button takes the step for every shipment of this plan waiting for it, all or nothing: if one cannot take it, none does and the first is named. A dispatch bears its shipment’s planned ship day (today, if that is still ahead), and the sending end’s stock leaves.'),
      h('div', { class: 'actions' }, approve),
      h('div', { class: 'controls' }, h('label', { for: 'supply-plan-through' }, 'Due by'), through, dispatch, throughError),
      result,
    );
  }

  function show(plan: SupplyPlan): void {
    history.replaceState(null, '', supplyHash({ ...params, plan: plan.id }));
    for (const li of list.querySelectorAll<HTMLElement>('li[data-plan]')) li.querySelector('a')?.toggleAttribute('aria-current', li.dataset.plan === String(plan.id));
    const groups = whyGroups(plan.outcomes);
    const short = plan.outcomes.filter((o) => o.unmet > 0).sort((a, b) => b.unmet / b.need - a.unmet / a.need || b.unmet - a.unmet);
    const t = plan.totals;
    let adoptArea: HTMLElement | string = '';
    if (plan.status === 'proposed') {
      if (mayWriteSupply(ctx.me)) {
        const button = h('button', { type: 'button', id: 'supply-adopt' }, plan.stale ? `Adopt plan ${plan.id} all the same` : `Adopt plan ${plan.id}`);
        button.addEventListener('click', () => void adopt(plan, button));
        adoptArea = h('div', { class: 'actions' },
          plan.stale ? h('p', { class: 'warning', role: 'note' }, `Stale: ${int(plan.changes_since ?? 0)} change(s) to reports, stock, shipments or the network since this plan was made. Plan again to use them, or adopt it as it is.`) : '',
          button);
      } else {
        adoptArea = h('p', { class: 'hint' }, 'Proposed, not adopted.');
      }
    } else if (plan.status === 'adopted' && mayWriteSupply(ctx.me)) {
      adoptArea = planSteps(plan);
    } else if (plan.status === 'superseded' && plan.superseded_by) {
      adoptArea = h('p', { class: 'hint' }, `Superseded by plan ${plan.superseded_by}: its shipments not yet dispatched were cancelled.`);
    }
    const shipmentRows = (all: boolean) =>
      (all ? plan.shipments : plan.shipments.slice(0, kShownShipments)).map((s) => ({ cells: [names.node(s.from), names.node(s.to), names.medicineText(s.medicine), `${s.dispatch_day} → ${s.arrive_day}`, int(s.quantity)] }));
    const shipmentsBox = h('div', null, dataTable(`Shipments: ${int(plan.shipments.length)}`, ['From', 'To', 'Medicine', 'Leaves → arrives', 'Units'], shipmentRows(false)));
    if (plan.shipments.length > kShownShipments) {
      shipmentsBox.append(h('button', { type: 'button', class: 'secondary', onclick: (e: Event) => {
        shipmentsBox.replaceChildren(dataTable(`Shipments: ${int(plan.shipments.length)}`, ['From', 'To', 'Medicine', 'Leaves → arrives', 'Units'], shipmentRows(true)));
        (e.target as HTMLElement).remove();
      } }, `Show all ${int(plan.shipments.length)} shipments`));
    }
    view.replaceChildren(
      h('h3', { id: 'supply-plan-heading', 'data-plan': String(plan.id) }, `Plan ${plan.id}: `, h('span', { 'data-field': 'supply-plan-status', class: `state ${plan.status}` }, plan.status)),
      h('p', null, `Made by ${plan.created_by} on ${stamp(plan.created_at)} for ${knownRegion(plan.scope) ? regionText(knownRegion(plan.scope)!) : plan.scope}, from the stock and need of ${plan.as_of}, ${plan.horizon_days} days from ${plan.first_day}${plan.draw_reserve ? ', drawing on the reserve' : ''}.`, plan.adopted_by ? ` Adopted by ${plan.adopted_by} on ${stamp(plan.adopted_at)}.` : ''),
      h('p', { id: 'supply-plan-method' }, h('strong', null, 'Method: '), h('span', { 'data-field': 'supply-plan-method' }, plan.method.replace(/_/g, ' ')), ` — ${plan.method_reason}. Need from ${plan.basis}.`),
      adoptArea,
      adoptResult,
      h('dl', { class: 'figures' },
        h('div', { class: 'figure' }, h('dt', null, 'Need'), h('dd', null, h('span', { class: 'value' }, int(t.need)), h('span', { class: 'note' }, 'units over the horizon'))),
        h('div', { class: 'figure' }, h('dt', null, 'Met'), h('dd', null, h('span', { class: 'value', 'data-field': 'supply-plan-met' }, t.need ? percent(t.met / t.need) : '—'), h('span', { class: 'note' }, `${int(t.met)} units`))),
        h('div', { class: 'figure' }, h('dt', null, 'Shipments'), h('dd', null, h('span', { class: 'value' }, int(t.shipments)), h('span', { class: 'note' }, `${int(t.units_shipped)} units`))),
      ),
      dataTable(
        'Each medicine: λ, the share of its need that every county gets',
        ['Medicine', 'λ', 'Need', 'Can be had', 'Late (unit-days)', 'Short of minimum cover'],
        plan.medicines.map((m) => ({ attrs: { 'data-medicine': m.medicine }, cells: [names.medicine(m.medicine), { attrs: { 'data-field': 'lambda' }, content: h('strong', null, m.lambda === null ? '—' : percent(m.lambda)) }, int(m.need_units), int(m.supply_units), int(m.late_unit_days), int(m.cover_shortfall_units)] })),
      ),
      h('h4', { id: 'supply-plan-why-title' }, groups.length ? `Who gets less than the need, and why: ${short.length} node-medicine lines` : 'Every node gets its whole need'),
      groups.length ? h('ul', { class: 'why', id: 'supply-plan-why', 'aria-labelledby': 'supply-plan-why-title' }, groups.map((g) => h('li', { 'data-reason': g.reason }, h('strong', null, `${kReasons[g.reason] ?? g.reason}: `), g.why, h('span', { class: 'muted' }, ` (${g.nodes} node-medicine line${g.nodes === 1 ? '' : 's'}, ${int(g.unmet)} units short)`)))) : '',
      short.length
        ? h(
            'details',
            null,
            h('summary', null, `Each node short of its need (${short.length})`),
            dataTable('Nodes short of their need, the largest share short first', ['Node', 'Medicine', 'Need', 'Met', 'Short', 'Why'], short.map((o) => ({ attrs: { 'data-node': o.node, 'data-medicine': o.medicine, 'data-reason': o.reason }, cells: [names.node(o.node), names.medicineText(o.medicine), int(o.need), int(o.met), `${int(o.unmet)} (${percent(o.unmet / o.need, 0)})`, kReasons[o.reason] ?? o.reason] }))),
          )
        : '',
      shipmentsBox,
    );
  }

  void (async () => {
    const items = await refreshList();
    if (disposed) return;
    const id = params.plan ?? items.find((p) => p.scope === params.region)?.id;
    if (id) await open(id);
    else view.replaceChildren(h('p', { class: 'muted' }, `No plan for ${within} yet.`));
  })();

  return {
    setDay(day: string) {
      if (!fields.value('as_of')) fields.set('as_of', day);
    },
    onShipmentsChanged(listener: () => void) {
      changedListener = listener;
    },
    dispose() {
      disposed = true;
    },
  };
}
