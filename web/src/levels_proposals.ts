// The pending proposals of the prevention rules under a region, each with the indicators that
// triggered it, and for the headquarters: run the rules on the day shown
// (POST /api/v1/levels/evaluate) and decide a proposal, accept, reject or override with another
// level, always with a reason (POST /api/v1/levels/proposals/{id}/decide).

import { getAll, request } from './api';
import { problem, stamp } from './care_format';
import { h } from './dom';
import { type LevelNames, triggerText } from './levels_format';
import type { Decision, Proposal } from './levels_types';
import { mayDecideLevels, roleLabel } from './session';
import type { ViewContext } from './view';

export interface ProposalsPanel {
  setDay(day: string): void;
  dispose(): void;
}

export function proposalsPanel(section: HTMLElement, ctx: ViewContext, region: string, names: LevelNames, onDecided: () => void): ProposalsPanel {
  let disposed = false;
  let day = '';
  const decider = mayDecideLevels(ctx.me);
  const outcome = h('div', { id: 'decide-result', 'aria-live': 'polite' });
  const list = h('div', { id: 'proposal-list' }, h('p', { class: 'muted' }, 'Loading the proposals…'));
  const evaluate = h('button', { type: 'button', id: 'levels-evaluate', class: 'secondary' }, 'Run the rules');
  section.replaceChildren(
    h('h2', { id: 'levels-proposals-title' }, 'Proposals of the rules'),
    h('p', { class: 'hint' }, decider ? 'The rules propose; the headquarters decides, always with a reason. Running the rules on a day stores what they propose (again on the same day adds nothing).' : `The rules propose; the headquarters decides${ctx.me.anonymous ? '' : `, and you are signed in as ${roleLabel(ctx.me.role)}`}.`),
    decider ? h('div', { class: 'actions' }, evaluate) : '',
    outcome,
    list,
  );

  evaluate.addEventListener('click', async () => {
    evaluate.disabled = true;
    outcome.replaceChildren();
    try {
      const { body } = await request<{ as_of: string; regions: number; proposed: Proposal[]; kept: number; superseded: number }>('/api/v1/levels/evaluate', { method: 'POST', body: { region, ...(day ? { as_of: day } : {}) } });
      if (disposed) return;
      outcome.replaceChildren(h('div', { class: 'form-summary ok', role: 'status' }, h('p', { 'data-field': 'evaluate-result' }, `The rules ran on ${body.as_of} over ${body.regions} regions: ${body.proposed.length} new proposal(s), ${body.kept} kept, ${body.superseded} superseded.`)));
      await refresh();
    } catch (error) {
      if (!disposed) outcome.replaceChildren(problem(error, 'Running the rules'));
    } finally {
      evaluate.disabled = false;
    }
  });

  function decideForm(p: Proposal): HTMLElement {
    const id = `decide-${p.id}`;
    const choice = h('select', { id: `${id}-decision`, name: 'decision' }, h('option', { value: 'accept' }, `Accept: ${names.name(p.to_level)}`), h('option', { value: 'reject' }, `Reject: stay at ${names.name(p.from_level)}`), h('option', { value: 'override' }, 'Override: another level'));
    const level = h('select', { id: `${id}-level`, name: 'level', disabled: true }, names.keys().map((k) => h('option', { value: k }, names.name(k))));
    const reason = h('input', { id: `${id}-reason`, name: 'reason', type: 'text', autocomplete: 'off', required: true, 'aria-describedby': `${id}-reason-error` });
    const error = h('span', { class: 'field-error', id: `${id}-reason-error` });
    const submit = h('button', { type: 'submit' }, `Decide proposal ${p.id}`);
    choice.addEventListener('change', () => {
      level.disabled = choice.value !== 'override';
    });
    const form = h(
      'form',
      { class: 'decide-form', novalidate: true, 'aria-label': `Decide proposal ${p.id}` },
      h('div', { class: 'row' },
        h('div', { class: 'field' }, h('label', { for: choice.id }, 'Decision'), choice),
        h('div', { class: 'field' }, h('label', { for: level.id }, 'Level (to override)'), level),
        h('div', { class: 'field wide' }, h('label', { for: reason.id }, 'Reason (required)'), reason, error),
      ),
      h('div', { class: 'actions' }, submit),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!reason.value.trim()) {
        error.textContent = 'reason: is required';
        reason.setAttribute('aria-invalid', 'true');
        reason.focus();
        return;
      }
      error.textContent = '';
      reason.removeAttribute('aria-invalid');
      submit.disabled = true;
      outcome.replaceChildren();
      try {
        const body = { decision: choice.value, reason: reason.value.trim(), ...(choice.value === 'override' ? { level: level.value } : {}) };
        const { body: decision } = await request<Decision>(`/api/v1/levels/proposals/${p.id}/decide`, { method: 'POST', body });
        if (disposed) return;
        outcome.replaceChildren(h('div', { class: 'form-summary ok', role: 'status' }, h('p', { 'data-field': 'decision-result' }, `Proposal ${p.id} for ${p.name}: ${decision.outcome}; ${names.name(decision.from_level)} → ${names.name(decision.to_level)} from ${decision.day}${decision.tasks ? `, ${decision.tasks} task(s) created` : ''}.`)));
        await refresh();
        onDecided();
      } catch (err) {
        if (disposed) return;
        outcome.replaceChildren(problem(err, `Deciding proposal ${p.id}`));
        submit.disabled = false;
      }
    });
    return form;
  }

  async function refresh(): Promise<void> {
    try {
      const pending = await getAll<Proposal>('/api/v1/levels/proposals', { region, status: 'pending' });
      if (disposed) return;
      list.replaceChildren(
        pending.length
          ? h(
              'ul',
              { class: 'proposals' },
              pending.map((p) =>
                h(
                  'li',
                  { 'data-proposal': String(p.id), 'data-region': p.region },
                  h('h3', null, `${p.name}: `, names.badge(p.from_level), ' → ', names.badge(p.to_level)),
                  h('p', { class: 'muted' }, `Proposal ${p.id}, by the rules ${p.rules_version} on ${p.day} (run by ${p.created_by}, ${stamp(p.created_at)}). Because:`),
                  h('ul', { class: 'triggers' }, p.triggers.map((t) => h('li', { 'data-indicator': t.indicator }, triggerText(t)))),
                  decider ? decideForm(p) : '',
                ),
              ),
            )
          : h('p', { class: 'muted', 'data-field': 'no-proposals' }, decider ? 'No proposal is pending. Run the rules on a day to see what they propose.' : 'No proposal is pending.'),
      );
    } catch (error) {
      if (!disposed) list.replaceChildren(problem(error, 'Loading the proposals'));
    }
  }

  evaluate.textContent = 'Run the rules on the latest day';
  void refresh();
  return {
    setDay(d: string) {
      day = d;
      evaluate.textContent = `Run the rules on ${d}`;
    },
    dispose() {
      disposed = true;
    },
  };
}
