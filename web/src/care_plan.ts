// The deployment plans of a region: propose one (POST /api/v1/care/plans, for the roles that
// manage care), the plans that concern the caller, and one plan in full: the worst load of each
// category before and after, each region's load before → after, the deployments, and the button
// that adopts it (for the roles that may; the API's refusal is shown as it comes).

import { get, request } from './api';
import { categoryLabel, dataTable, Fields, load, place, problem, stamp } from './care_format';
import { type CareParams, careHash } from './care_route';
import { checkPlan, type PlanForm } from './care_validation';
import { h, regionText } from './dom';
import { decimal, int } from './format';
import { kLevelNames } from './overview';
import { knownRegion, regionDetail } from './regions';
import { mayAdoptPlans, mayProposePlans, roleLabel } from './session';
import type { Page, Plan, PlanSummary, RegionDetail } from './types';
import type { ViewContext } from './view';

export interface PlanPanel {
  setDay(day: string): void;  // the day shown, the default day to plan from
  onAdopted(listener: () => void): void;
  dispose(): void;
}

function scopeText(scope: string, level: number): string {
  const region = knownRegion(scope);
  return `${(kLevelNames[level] ?? `level ${level} regions`).toLowerCase()} of ${region ? regionText(region) : scope}`;
}

function lowerBy(before: number | null, after: number | null): string {
  return before && after !== null ? `${decimal((1 - after / before) * 100, 0)}%` : '—';
}

export function planPanel(section: HTMLElement, ctx: ViewContext, params: CareParams, detail: RegionDetail): PlanPanel {
  let disposed = false;
  let shown: Plan | null = null;
  let category = '';
  let adoptedListener: () => void = () => undefined;
  const fields = new Fields('plan');
  const status = h('div', { class: 'form-summary', 'aria-live': 'polite' });
  const list = h('ul', { class: 'plans', id: 'plan-list' });
  const listNote = h('p', { class: 'muted' });
  const view = h('div', { id: 'plan', 'aria-live': 'polite' });
  const adoptResult = h('div', { id: 'adopt-result' });
  const canPropose = mayProposePlans(ctx.me) && detail.children.length > 0;
  const within = regionText(detail.region);
  const levelName = (kLevelNames[detail.region.level + 1] ?? 'regions below').toLowerCase();

  const submit = h('button', { type: 'submit' }, 'Propose a plan');
  const form = h(
    'form',
    { class: 'plan-form', novalidate: true, 'aria-label': 'Propose a plan' },
    status,
    h(
      'div',
      { class: 'row' },
      fields.field('as_of', 'As of (the data to plan from)', { type: 'date' }),
      fields.field('horizon_days', 'Days ahead (0 to 28)', { inputmode: 'numeric', value: '14' }),
    ),
    h(
      'details',
      null,
      h('summary', null, 'Limits'),
      h(
        'div',
        { class: 'row' },
        fields.field('min_retention_percent', 'Each region keeps (%)', { inputmode: 'numeric', value: '70' }),
        fields.field('max_travel_hours', 'Longest journey (hours)', { inputmode: 'decimal', value: '8' }),
        fields.field('deployment_days', 'Deployed for (days)', { inputmode: 'numeric', placeholder: 'the days ahead' }),
      ),
    ),
    h('div', { class: 'actions' }, submit),
  );

  section.replaceChildren(
    h('h2', { id: 'plan-title' }, 'Deployment of medical workers'),
    h(
      'p',
      { class: 'hint' },
      detail.children.length
        ? `The planner moves medical workers between the ${levelName} of ${within} so that the most patients per available worker of each category is as low as it can be, then travel is least; categories are not interchangeable.`
        : 'Plans are made between regions; those that concern this one are listed here.',
    ),
    ...(canPropose ? [form] : []),
    h('h3', { id: 'plan-list-title' }, 'Plans'),
    list,
    listNote,
    view,
  );

  const read = (): PlanForm => ({
    within: params.region,
    as_of: fields.value('as_of'),
    horizon_days: fields.value('horizon_days'),
    deployment_days: fields.value('deployment_days'),
    min_retention_percent: fields.value('min_retention_percent'),
    max_travel_hours: fields.value('max_travel_hours'),
  });

  const say = (kind: 'ok' | 'info' | 'error', ...content: Node[]) => {
    status.className = `form-summary ${kind}`;
    status.replaceChildren(...content);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const checked = checkPlan(read());
    fields.show(checked.errors, true);
    if (!checked.input) {
      say('error', h('p', null, `${checked.errors.size} error(s) in the plan request; nothing was sent`), h('ul', null, [...checked.errors.values()].map((e) => h('li', null, e))));
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Planning…';
    say('info', h('p', null, 'Planning: the forecast of every region is read first; this takes a few seconds.'));
    try {
      const { body } = await request<Plan>('/api/v1/care/plans', { method: 'POST', body: checked.input });
      if (disposed) return;
      say('ok', h('p', null, `Plan ${body.id} proposed: ${body.deployments.length} deployment${body.deployments.length === 1 ? '' : 's'}, shown below.`));
      history.replaceState(null, '', careHash({ ...params, plan: body.id }));
      params = { ...params, plan: body.id };
      category = '';
      adoptResult.replaceChildren();
      await show(body);
      void refreshList();
    } catch (error) {
      if (!disposed) say('error', problem(error, 'The plan request'));
    } finally {
      submit.disabled = false;
      submit.textContent = 'Propose a plan';
    }
  });

  async function refreshList(): Promise<PlanSummary[]> {
    try {
      const page = await get<Page<PlanSummary>>('/api/v1/care/plans', { limit: 10 });
      if (disposed) return [];
      list.replaceChildren(
        ...page.items.map((p) =>
          h(
            'li',
            { 'data-plan': p.id, 'data-status': p.status },
            h('a', { href: careHash({ ...params, plan: p.id }), 'aria-current': shown?.id === p.id ? 'true' : null, onclick: (e: Event) => {
              e.preventDefault();
              void open(p.id, true);
            } }, `Plan ${p.id}`),
            ` · ${p.status} · ${scopeText(p.scope, p.level)} · data of ${p.as_of} · by ${p.created_by}`,
          ),
        ),
      );
      listNote.textContent = page.total === 0 ? 'No plan concerns your region yet.' : page.total > page.items.length ? `The newest ${page.items.length} of ${page.total}.` : '';
      return page.items;
    } catch (error) {
      if (!disposed) list.replaceChildren(h('li', null, problem(error, 'Loading the plans')));
      return [];
    }
  }

  async function open(id: number, chosen: boolean): Promise<void> {
    if (chosen) {
      params = { ...params, plan: id };
      history.replaceState(null, '', careHash(params));
      adoptResult.replaceChildren();
      category = '';
    }
    view.replaceChildren(h('p', { class: 'muted' }, `Loading plan ${id}…`));
    try {
      const plan = await get<Plan>(`/api/v1/care/plans/${id}`);
      if (!disposed) await show(plan);
    } catch (error) {
      if (!disposed) view.replaceChildren(problem(error, `Loading plan ${id}`));
    }
  }

  async function adopt(plan: Plan, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    button.textContent = 'Adopting…';
    adoptResult.replaceChildren();
    try {
      const { body } = await request<Plan>(`/api/v1/care/plans/${plan.id}/adopt`, { method: 'POST' });
      if (disposed) return;
      adoptResult.replaceChildren(
        h(
          'div',
          { class: 'form-summary ok', role: 'status' },
          h('p', null, `Plan ${body.id} adopted. From ${body.start} to ${body.end} the deployed workers count where they were sent; after that, at home again. `, h('a', { href: careHash({ region: params.region, asOf: body.start }) }, `The workforce on ${body.start}`)),
        ),
      );
      await show(body);
      void refreshList();
      adoptedListener();
    } catch (error) {
      if (disposed) return;
      adoptResult.replaceChildren(problem(error, 'Adopting the plan'));
      button.disabled = false;
      button.textContent = `Adopt plan ${plan.id}`;
    }
  }

  async function show(plan: Plan): Promise<void> {
    shown = plan;
    // The names (and local names) of the regions balanced.
    await regionDetail(plan.scope).catch(() => undefined);
    if (disposed) return;
    for (const a of list.querySelectorAll('a')) {
      if (a.parentElement?.dataset.plan === String(plan.id)) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
    }
    const names = new Map(plan.regions.map((r) => [r.code, r.name]));
    const moved = plan.categories.reduce((sum, c) => sum + c.workers_moved, 0);
    if (!plan.categories.some((c) => c.category === category)) category = plan.categories[0]?.category ?? '';
    const o = plan.options;
    const notes = [
      ...plan.notes,
      ...plan.categories.flatMap((c) => c.uncovered.map((code) => `${names.get(code) ?? code} has patients and no ${categoryLabel(c.category).toLowerCase()} within reach`)),
    ];

    let adoptArea: HTMLElement = h('div', { hidden: true });
    if (plan.status === 'proposed') {
      if (mayAdoptPlans(ctx.me)) {
        const button = h('button', { type: 'button', id: 'adopt-plan' }, `Adopt plan ${plan.id}`);
        button.addEventListener('click', () => void adopt(plan, button));
        adoptArea = h('div', { class: 'actions' }, button);
      } else {
        adoptArea = h('p', { class: 'hint', id: 'adopt-note' }, `Proposed, not adopted: only the headquarters and administrators adopt plans${ctx.me.anonymous ? '' : `, and you are signed in as ${roleLabel(ctx.me.role)}`}.`);
      }
    }

    const select = h(
      'select',
      { id: 'plan-category', name: 'category' },
      plan.categories.map((c) => h('option', { value: c.category, selected: c.category === category }, categoryLabel(c.category))),
    );
    const byCategory = h('div', { id: 'plan-category-tables' });
    select.addEventListener('change', () => {
      category = select.value;
      drawCategory(plan, byCategory, names);
    });

    view.replaceChildren(
      h('h3', { id: 'plan-heading', 'data-plan': plan.id }, `Plan ${plan.id}: `, h('span', { 'data-field': 'plan-status', class: `state ${plan.status}` }, plan.status)),
      h(
        'p',
        null,
        `Made by ${plan.created_by} on ${stamp(plan.created_at)} for the ${scopeText(plan.scope, plan.level)}, from the data of ${plan.as_of}: `,
        h('strong', null, `${int(plan.deployments.length)} deployment${plan.deployments.length === 1 ? '' : 's'} moving ${int(moved)} workers from ${plan.start} to ${plan.end}`),
        '.',
        plan.adopted_by ? ` Adopted by ${plan.adopted_by} on ${stamp(plan.adopted_at)}.` : '',
      ),
      h(
        'p',
        { class: 'hint' },
        `Patients: those under treatment on ${plan.as_of} or the forecast peak over the next ${plan.horizon_days} days, whichever is larger. ` +
          `Limits: each region keeps ${o.min_retention_percent}% of its own workers; no journey is longer than ${decimal(o.max_travel_hours, 1)} h ` +
          `(${o.travel_table ? 'distance table, else ' : ''}centroids at ${decimal(o.road_speed_kmh, 0)} km/h).`,
      ),
      ...(notes.length ? [h('ul', { class: 'findings' }, notes.map((n) => h('li', { class: 'finding' }, n)))] : []),
      adoptArea,
      adoptResult,
      dataTable(
        'The worst load of each category, in patients per worker',
        ['Category', 'Worst before', 'Worst after', 'Lower by', 'Workers moved'],
        plan.categories.map((c) => ({
          attrs: { 'data-category': c.category },
          cells: [
            categoryLabel(c.category),
            { attrs: { 'data-field': 'worst-before', 'data-region': c.worst_before.region ?? '' }, content: [place(c.worst_before.region, names.get(c.worst_before.region ?? '')), ' ', h('strong', null, load(c.worst_before.per_worker))] },
            { attrs: { 'data-field': 'worst-after', 'data-region': c.worst_after.region ?? '' }, content: [place(c.worst_after.region, names.get(c.worst_after.region ?? '')), ' ', h('strong', null, load(c.worst_after.per_worker))] },
            lowerBy(c.worst_before.per_worker, c.worst_after.per_worker),
            int(c.workers_moved),
          ],
        })),
      ),
      h('div', { class: 'controls' }, h('label', { for: 'plan-category' }, 'Show the category'), select),
      byCategory,
    );
    drawCategory(plan, byCategory, names);
  }

  function drawCategory(plan: Plan, into: HTMLElement, names: Map<string, string>): void {
    const c = plan.categories.find((x) => x.category === category);
    if (!c) {
      into.replaceChildren();
      return;
    }
    const label = categoryLabel(c.category);
    const patients = new Map(plan.regions.map((r) => [r.code, r.patients_planned]));
    const heavier = (v: number | null) => (v === null ? Infinity : v);
    const rows = [...c.regions].sort((a, b) => heavier(b.per_worker_before) - heavier(a.per_worker_before));
    const deployments = plan.deployments.filter((d) => d.category === c.category);
    const sent = deployments.reduce((sum, d) => sum + d.workers, 0);
    const level = (kLevelNames[plan.level] ?? 'regions').toLowerCase();
    into.replaceChildren(
      dataTable(
        `${label}: each of the ${level}, before → after`,
        ['Region', 'Patients', 'Workers', 'Patients per worker'],
        rows.map((r) => ({
          attrs: { 'data-region': r.region, class: r.region === c.worst_before.region ? 'worst' : '' },
          cells: [
            place(r.region, names.get(r.region)),
            int(patients.get(r.region)),
            [int(r.workers_before), ' → ', int(r.workers_after)],
            [
              h('span', { 'data-field': 'load-before' }, load(r.per_worker_before)),
              ' → ',
              h('strong', { 'data-field': 'load-after' }, load(r.per_worker_after)),
            ],
          ],
        })),
      ),
      deployments.length
        ? dataTable(
            `Deployments of ${label.toLowerCase()}: ${int(deployments.length)}, moving ${int(sent)} workers`,
            ['From', 'To', 'Category', 'Workers', 'Start – end', 'Travel'],
            deployments.map((d) => ({
              attrs: { 'data-from': d.from, 'data-to': d.to },
              cells: [place(d.from, names.get(d.from)), place(d.to, names.get(d.to)), label, int(d.workers), `${d.start} – ${d.end}`, `${decimal(d.travel_hours, 1)} h`],
            })),
          )
        : h('p', { class: 'muted' }, `No ${label.toLowerCase()} are moved: the load cannot be made lower within the limits.`),
    );
  }

  void (async () => {
    const items = await refreshList();
    if (disposed) return;
    const id = params.plan ?? items.find((p) => p.scope === params.region)?.id;
    if (id) await open(id, false);
    else if (detail.children.length) view.replaceChildren(h('p', { class: 'muted' }, `No plan for the ${levelName} of ${within} yet.`));
  })();

  return {
    setDay(day: string) {
      if (!fields.value('as_of')) fields.set('as_of', day);
    },
    onAdopted(listener: () => void) {
      adoptedListener = listener;
    },
    dispose() {
      disposed = true;
    },
  };
}
