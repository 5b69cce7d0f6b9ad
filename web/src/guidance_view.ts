// The guidance teams: the adopted team plan (each team's area, leader, members and duties) or
// another plan chosen from the list, a new plan to propose (the headquarters), the findings by
// province and topic with their closing, and the report compiled for the plenary meeting.

import { get, request } from './api';
import { dataTable, problem, stamp } from './care_format';
import { h } from './dom';
import { decimal, int } from './format';
import { findingsPanel } from './guidance_findings';
import { proposeForm } from './guidance_propose';
import { reportPanel } from './guidance_report';
import { type GuidanceParams, guidanceHash } from './view_routes';
import type { TeamPlan } from './guidance_types';
import { mayManageGuidance } from './session';
import type { Page } from './types';
import type { ViewContext } from './view';

export function words(code: string): string {
  return code.replace(/_/g, ' ');
}

export function renderGuidance(main: HTMLElement, ctx: ViewContext, params: GuidanceParams): () => void {
  let disposed = false;
  const cleanups: (() => void)[] = [];
  const manager = mayManageGuidance(ctx.me);
  const list = h('ul', { class: 'plans', id: 'team-plan-list' });
  const view = h('div', { id: 'team-plan', 'aria-live': 'polite' });
  const adoptResult = h('div', { id: 'team-adopt-result' });
  const planSection = h('section', { class: 'panel', id: 'team-plans', 'aria-labelledby': 'team-plans-title' }, h('h2', { id: 'team-plans-title' }, 'Team plans'), list, adoptResult, view);
  const proposeSection = h('section', { class: 'panel', id: 'team-propose', 'aria-labelledby': 'team-propose-title', hidden: !manager });
  const findingsSection = h('section', { class: 'panel', id: 'guidance-findings', 'aria-labelledby': 'guidance-findings-title' });
  const reportSection = h('section', { class: 'panel', id: 'plenary', 'aria-labelledby': 'plenary-title' });
  main.replaceChildren(
    h(
      'div',
      { class: 'guidance' },
      h('h1', { id: 'view-title' }, 'Guidance teams'),
      h('p', { class: 'subtitle' }, 'The technical guidance teams sent to the provinces: who goes where, what they found, and the report to the plenary meeting'),
      planSection,
      proposeSection,
      findingsSection,
      reportSection,
    ),
  );
  ctx.setTitle('Guidance teams');

  async function adopt(plan: TeamPlan, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    adoptResult.replaceChildren();
    try {
      const { body } = await request<TeamPlan>(`/api/v1/guidance/plans/${plan.id}/adopt`, { method: 'POST' });
      if (disposed) return;
      adoptResult.replaceChildren(h('div', { class: 'form-summary ok', role: 'status' }, h('p', null, `Plan ${body.id} adopted; the plan adopted before is superseded.`)));
      show(body);
      void refreshList();
    } catch (error) {
      if (disposed) return;
      adoptResult.replaceChildren(problem(error, 'Adopting the plan'));
      button.disabled = false;
    }
  }

  function show(plan: TeamPlan): void {
    history.replaceState(null, '', guidanceHash({ ...params, plan: plan.id }));
    for (const li of list.querySelectorAll<HTMLElement>('li[data-plan]')) li.querySelector('a')?.toggleAttribute('aria-current', li.dataset.plan === String(plan.id));
    const o = plan.objective;
    const needs = new Map(plan.areas.map((a) => [a.code, a.needs]));
    let adoptArea: HTMLElement | string = '';
    if (plan.status === 'proposed' && manager) {
      const button = h('button', { type: 'button', id: 'team-adopt' }, `Adopt plan ${plan.id}`);
      button.addEventListener('click', () => void adopt(plan, button));
      adoptArea = h('div', { class: 'actions' }, button);
    }
    view.replaceChildren(
      h('h3', { id: 'team-plan-heading', 'data-plan': String(plan.id) }, `Plan ${plan.id}: `, h('span', { class: `state ${plan.status}`, 'data-field': 'team-plan-status' }, plan.status)),
      h(
        'p',
        null,
        `Made by ${plan.created_by} on ${stamp(plan.created_at)}`,
        plan.adopted_by ? `, adopted by ${plan.adopted_by} on ${stamp(plan.adopted_at)}` : '',
        `. ${int(plan.teams.length)} teams of ${plan.rules.min_size} to ${plan.rules.max_size}, each with at least ${plan.rules.min_department_officials} department official${plan.rules.min_department_officials === 1 ? '' : 's'}; the largest workload per member is `,
        h('strong', { 'data-field': 'team-max-workload' }, decimal(o.max_workload_per_member, 2)),
        ` points${o.proven_optimal ? ', proven the least possible' : ' (the best found in the time allowed)'}.`,
      ),
      plan.pins.length || plan.excluded.length || plan.unassigned.length
        ? h(
            'ul',
            { class: 'plan-notes' },
            plan.pins.length ? h('li', null, `Pinned: ${plan.pins.map((p) => `${p.official} to ${p.area}`).join(', ')}`) : '',
            plan.excluded.length ? h('li', null, `Excluded: ${plan.excluded.join(', ')}`) : '',
            plan.unassigned.length ? h('li', null, `Not sent: ${plan.unassigned.join(', ')}`) : '',
          )
        : '',
      adoptArea,
      dataTable(
        `The ${plan.teams.length} teams${plan.status === 'adopted' ? ' of the adopted plan' : ''}`,
        ['Area', 'Leader', 'Members', 'Workload per member', 'Needs', 'Duties, first first'],
        plan.teams.map((t) => ({
          attrs: { 'data-team': String(t.id), 'data-area': t.area },
          cells: [
            [t.area_name, ' ', h('span', { class: 'muted code' }, t.area)],
            { attrs: { 'data-field': 'leader' }, content: [t.leader.name, ' ', h('span', { class: 'muted code' }, t.leader.code)] },
            h('ul', { class: 'members' }, t.members.filter((m) => m.code !== t.leader.code).map((m) => h('li', null, `${m.name} `, h('span', { class: 'muted' }, `(${words(m.position)}; ${m.expertise.map(words).join(', ') || 'no field'}; from ${m.home})`)))),
            `${decimal(t.workload_per_member, 2)} (${t.members.length} members)`,
            (needs.get(t.area) ?? []).map(words).join(', ') || '—',
            t.duties.map(words).join(', '),
          ],
        })),
      ),
      h('p', { class: 'hint' }, 'Workload, in points: the population in hundreds of thousands, plus one per city, county and district, plus two per open finding; each team’s is shared by its members.'),
    );
  }

  async function open(id: number): Promise<void> {
    view.replaceChildren(h('p', { class: 'muted' }, `Loading plan ${id}…`));
    try {
      const plan = await get<TeamPlan>(`/api/v1/guidance/plans/${id}`);
      if (!disposed) show(plan);
    } catch (error) {
      if (!disposed) view.replaceChildren(problem(error, `Loading plan ${id}`));
    }
  }

  async function refreshList(): Promise<TeamPlan[]> {
    try {
      const page = await get<Page<TeamPlan>>('/api/v1/guidance/plans', { limit: 10 });
      if (disposed) return [];
      list.replaceChildren(
        ...page.items.map((p) =>
          h(
            'li',
            { 'data-plan': p.id, 'data-status': p.status },
            h('a', { href: guidanceHash({ ...params, plan: p.id }), onclick: (e: Event) => {
              e.preventDefault();
              adoptResult.replaceChildren();
              show(p);
            } }, `Plan ${p.id}`),
            ` · ${p.status} · ${p.teams.length} teams · by ${p.created_by} on ${stamp(p.created_at)}`,
          ),
        ),
      );
      if (!page.items.length) list.replaceChildren(h('li', { class: 'muted' }, 'No team plan yet.'));
      return page.items;
    } catch (error) {
      if (!disposed) list.replaceChildren(h('li', null, problem(error, 'Loading the team plans')));
      return [];
    }
  }

  void (async () => {
    const plans = await refreshList();
    if (disposed) return;
    const chosen = plans.find((p) => p.id === params.plan) ?? plans.find((p) => p.status === 'adopted');
    if (chosen) show(chosen);
    else if (params.plan) await open(params.plan);
    else view.replaceChildren(h('p', { class: 'muted' }, 'No plan is adopted yet.'));
    if (manager) {
      cleanups.push(
        proposeForm(proposeSection, plans.find((p) => p.status === 'adopted') ?? null, (plan) => {
          adoptResult.replaceChildren();
          show(plan);
          void refreshList();
          view.scrollIntoView({ block: 'start' });
        }),
      );
    }
  })();
  cleanups.push(findingsPanel(findingsSection, ctx));
  cleanups.push(reportPanel(reportSection, params));

  return () => {
    disposed = true;
    for (const cleanup of cleanups) cleanup();
  };
}
