// The guidance teams' findings under the caller's region by province and topic, most severe
// first, with their proposed measures; open ones are closed (the headquarters) saying how they
// were dealt with (POST /api/v1/guidance/findings/{id}/close).

import { getAll, request } from './api';
import { problem, stamp } from './care_format';
import { h } from './dom';
import type { Finding } from './guidance_types';
import { subtree } from './regions';
import { mayManageGuidance } from './session';
import type { Region } from './types';
import type { ViewContext } from './view';

const kSeverity = { critical: 0, high: 1, medium: 2, low: 3 };

// The province (level 1) holding a region, by the regions known.
function provinceOf(code: string, regions: Map<string, Region>): Region | undefined {
  let at = regions.get(code);
  while (at && at.level > 1 && at.parent) at = regions.get(at.parent);
  return at && at.level === 1 ? at : undefined;
}

export function findingsPanel(section: HTMLElement, ctx: ViewContext): () => void {
  let disposed = false;
  let status = 'open';
  const manager = mayManageGuidance(ctx.me);
  const filter = h('select', { id: 'findings-status', name: 'status' }, h('option', { value: 'open' }, 'open'), h('option', { value: 'closed' }, 'closed'), h('option', { value: '' }, 'all'));
  const outcome = h('div', { id: 'finding-result', 'aria-live': 'polite' });
  const body = h('div', { id: 'findings-body' }, h('p', { class: 'muted' }, 'Loading the findings…'));
  section.replaceChildren(
    h('h2', { id: 'guidance-findings-title' }, 'Findings and proposed measures'),
    h('div', { class: 'controls' }, h('label', { for: 'findings-status' }, 'Show'), filter),
    outcome,
    body,
  );
  filter.addEventListener('change', () => {
    status = filter.value;
    void refresh();
  });

  function closer(f: Finding): HTMLElement {
    const id = `close-${f.id}`;
    const how = h('input', { id, name: 'how', type: 'text', autocomplete: 'off', required: true });
    const form = h('form', { class: 'close-form', hidden: true, 'aria-label': `Close finding ${f.id}` }, h('label', { for: id }, 'How it was dealt with'), how, h('button', { type: 'submit', class: 'small' }, `Close finding ${f.id}`));
    const open = h('button', { type: 'button', class: 'secondary small', 'aria-expanded': 'false', onclick: () => {
      form.hidden = !form.hidden;
      open.setAttribute('aria-expanded', String(!form.hidden));
      if (!form.hidden) how.focus();
    } }, 'Close…');
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!how.value.trim()) {
        how.setAttribute('aria-invalid', 'true');
        outcome.replaceChildren(h('div', { class: 'error', role: 'alert' }, h('p', null, 'how: is required')));
        how.focus();
        return;
      }
      try {
        await request(`/api/v1/guidance/findings/${f.id}/close`, { method: 'POST', body: { how: how.value.trim() } });
        if (disposed) return;
        outcome.replaceChildren(h('div', { class: 'form-summary ok', role: 'status' }, h('p', null, `Finding ${f.id} closed.`)));
        await refresh();
      } catch (error) {
        if (!disposed) outcome.replaceChildren(problem(error, `Closing finding ${f.id}`));
      }
    });
    return h('div', { class: 'closer' }, open, form);
  }

  async function refresh(): Promise<void> {
    try {
      const [findings, regions] = await Promise.all([getAll<Finding>('/api/v1/guidance/findings', { status: status || undefined }), subtree(ctx.me.region).catch(() => [] as Region[])]);
      if (disposed) return;
      const byCode = new Map(regions.map((r) => [r.code, r]));
      const groups = new Map<string, { province: string; topics: Map<string, Finding[]> }>();
      for (const f of findings) {
        const province = provinceOf(f.region, byCode);
        const key = province?.code ?? f.region;
        const g = groups.get(key) ?? { province: province ? `${province.name} (${province.code})` : f.region, topics: new Map() };
        g.topics.set(f.topic, [...(g.topics.get(f.topic) ?? []), f]);
        groups.set(key, g);
      }
      if (!findings.length) {
        body.replaceChildren(h('p', { class: 'muted', 'data-field': 'findings-none' }, status === 'open' ? 'No finding is open: the teams have recorded none, or every one is closed.' : 'No finding here.'));
        return;
      }
      body.replaceChildren(
        h('p', null, `${findings.length} finding${findings.length === 1 ? '' : 's'} in ${groups.size} province${groups.size === 1 ? '' : 's'}.`),
        ...[...groups].sort(([a], [b]) => a.localeCompare(b)).map(([code, g]) =>
          h(
            'section',
            { class: 'finding-group', 'data-province': code, 'aria-label': g.province },
            h('h3', null, g.province),
            [...g.topics].flatMap(([topic, items]) => [
              h('h4', null, topic.replace(/_/g, ' ')),
              h(
                'ul',
                { class: 'finding-list' },
                items.sort((a, b) => kSeverity[a.severity] - kSeverity[b.severity]).map((f) =>
                  h(
                    'li',
                    { 'data-finding': String(f.id), 'data-severity': f.severity, 'data-status': f.status },
                    h('span', { class: `severity ${f.severity}` }, f.severity),
                    ` ${f.region}, ${f.date}: ${f.evidence}. `,
                    h('strong', null, 'Measure: '),
                    `${f.measure} (${f.owner}).`,
                    f.status === 'closed' ? h('span', { class: 'muted' }, ` Closed by ${f.closed_by} on ${stamp(f.closed_at)}: ${f.closure}`) : '',
                    f.status === 'open' && manager ? closer(f) : '',
                  ),
                ),
              ),
            ]),
          ),
        ),
      );
    } catch (error) {
      if (!disposed) body.replaceChildren(problem(error, 'Loading the findings'));
    }
  }

  void refresh();
  return () => {
    disposed = true;
  };
}
