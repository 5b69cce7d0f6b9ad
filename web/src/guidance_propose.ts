// Proposing a team plan (POST /api/v1/guidance/plans, the headquarters): the areas' needs of the
// adopted plan kept or not, officials pinned to an area or excluded, the team sizes. When the
// rules cannot all be met the server names each rule and province, and the page shows them.

import { getAll, request } from './api';
import { Fields, problem } from './care_format';
import { h } from './dom';
import type { Official, TeamPlan } from './guidance_types';

export function proposeForm(section: HTMLElement, adopted: TeamPlan | null, onProposed: (plan: TeamPlan) => void): () => void {
  let disposed = false;
  const pins = new Map<string, string>();  // official → area
  const excluded = new Set<string>();
  const fields = new Fields('team');
  const status = h('div', { class: 'form-summary', 'aria-live': 'polite' });
  const officialOptions = () => h('option', { value: '' }, 'Choose an official');
  const pinOfficial = h('select', { id: 'team-pin-official', name: 'pin_official' }, officialOptions());
  const pinArea = h('select', { id: 'team-pin-area', name: 'pin_area' }, (adopted?.areas ?? []).map((a) => h('option', { value: a.code }, `${a.name} (${a.code})`)));
  const excludeOfficial = h('select', { id: 'team-exclude-official', name: 'exclude_official' }, officialOptions());
  const pinList = h('ul', { class: 'chips', id: 'team-pins', 'aria-label': 'Pinned officials' });
  const excludeList = h('ul', { class: 'chips', id: 'team-excluded', 'aria-label': 'Excluded officials' });
  const keepNeeds = h('input', { type: 'checkbox', id: 'team-keep-needs', checked: adopted !== null, disabled: adopted === null });
  const adoptNow = h('input', { type: 'checkbox', id: 'team-adopt-now' });
  const submit = h('button', { type: 'submit' }, 'Propose a plan');
  const names = new Map<string, string>();

  const chip = (text: string, remove: () => void) =>
    h('li', null, text, ' ', h('button', { type: 'button', class: 'secondary small', 'aria-label': `Remove ${text}`, onclick: () => { remove(); draw(); } }, 'Remove'));
  function draw(): void {
    pinList.replaceChildren(...[...pins].map(([official, area]) => chip(`${names.get(official) ?? official} → ${area}`, () => pins.delete(official))));
    excludeList.replaceChildren(...[...excluded].map((official) => chip(names.get(official) ?? official, () => excluded.delete(official))));
  }

  const form = h(
    'form',
    { class: 'team-form', novalidate: true, 'aria-label': 'Propose a team plan' },
    status,
    h('div', { class: 'checks' }, h('label', null, keepNeeds, adopted ? ` Keep the needs of each area from plan ${adopted.id} (agriculture, public health, …)` : ' No adopted plan: no area needs any particular field')),
    h('fieldset', null, h('legend', null, 'Pin an official to an area'), h('div', { class: 'row' }, h('div', { class: 'field' }, h('label', { for: 'team-pin-official' }, 'Official'), pinOfficial), h('div', { class: 'field' }, h('label', { for: 'team-pin-area' }, 'Area'), pinArea)), h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', id: 'team-pin-add', onclick: () => {
      if (pinOfficial.value) pins.set(pinOfficial.value, pinArea.value);
      draw();
    } }, 'Pin')), pinList),
    h('fieldset', null, h('legend', null, 'Leave an official out'), h('div', { class: 'row' }, h('div', { class: 'field' }, h('label', { for: 'team-exclude-official' }, 'Official'), excludeOfficial)), h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', id: 'team-exclude-add', onclick: () => {
      if (excludeOfficial.value) excluded.add(excludeOfficial.value);
      draw();
    } }, 'Exclude')), excludeList),
    h('div', { class: 'row' }, fields.field('min_size', 'Smallest team', { inputmode: 'numeric', value: String(adopted?.rules.min_size ?? 3) }), fields.field('max_size', 'Largest team', { inputmode: 'numeric', value: String(adopted?.rules.max_size ?? 6) })),
    h('div', { class: 'checks' }, h('label', null, adoptNow, ' Adopt it at once')),
    h('div', { class: 'actions' }, submit),
  );
  section.replaceChildren(
    h('h2', { id: 'team-propose-title' }, 'Propose a team plan'),
    h('p', { class: 'hint' }, 'One team per province, led by a member of the Presidium or a secretary, with a department official and the expertise its area needs, nobody in his home province; the largest workload per member as small as it can be (COIN-OR CBC).'),
    form,
  );

  void getAll<Official>('/api/v1/guidance/officials')
    .then((officials) => {
      if (disposed) return;
      const options = officials.map((o) => {
        names.set(o.code, o.name);
        return { value: o.code, text: `${o.name} (${o.code}, from ${o.home}${o.available ? '' : ', unavailable'})` };
      });
      for (const select of [pinOfficial, excludeOfficial]) select.append(...options.map((o) => h('option', { value: o.value }, o.text)));
    })
    .catch((error) => {
      if (!disposed) status.replaceChildren(problem(error, 'Loading the roster'));
    });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const errors = new Map<string, string>();
    const size = (name: string) => {
      const text = fields.value(name).trim();
      if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 50) errors.set(name, `${name}: "${text}" is not a whole number from 1 to 50`);
      return Number(text);
    };
    const min = size('min_size');
    const max = size('max_size');
    if (!errors.size && min > max) errors.set('max_size', `max_size: ${max} is less than min_size ${min}`);
    fields.show(errors, true);
    if (errors.size) {
      status.className = 'form-summary error';
      status.replaceChildren(h('p', null, `${errors.size} error(s); nothing was sent`), h('ul', null, [...errors.values()].map((e) => h('li', null, e))));
      return;
    }
    const needs = keepNeeds.checked && adopted ? Object.fromEntries(adopted.areas.filter((a) => a.needs.length).map((a) => [a.code, a.needs])) : undefined;
    const body = {
      min_size: min,
      max_size: max,
      ...(needs ? { needs } : {}),
      ...(pins.size ? { pins: [...pins].map(([official, area]) => ({ official, area })) } : {}),
      ...(excluded.size ? { exclude: [...excluded] } : {}),
      ...(adoptNow.checked ? { adopt: true } : {}),
    };
    submit.disabled = true;
    status.className = 'form-summary info';
    status.replaceChildren(h('p', null, 'Forming the teams…'));
    try {
      const { body: plan } = await request<TeamPlan>('/api/v1/guidance/plans', { method: 'POST', body });
      if (disposed) return;
      status.className = 'form-summary ok';
      status.replaceChildren(h('p', { 'data-field': 'team-proposed' }, `Plan ${plan.id} ${plan.status}: ${plan.teams.length} teams, shown above.`));
      onProposed(plan);
    } catch (error) {
      if (disposed) return;
      status.className = 'form-summary';
      status.replaceChildren(problem(error, 'The plan request'));
    } finally {
      submit.disabled = false;
    }
  });

  return () => {
    disposed = true;
  };
}
