// The report to the plenary meeting as the server compiles it (GET /api/v1/guidance/report in
// Markdown), shown as a document: built from its text, never read as HTML.

import { request } from './api';
import { problem } from './care_format';
import { h } from './dom';
import type { GuidanceParams } from './view_routes';
import { renderMarkdown } from './markdown';

export function reportPanel(section: HTMLElement, params: GuidanceParams): () => void {
  let disposed = false;
  const asOf = h('input', { type: 'date', id: 'plenary-as-of', name: 'as_of', value: params.asOf ?? '' });
  const document = h('article', { class: 'markdown', id: 'plenary-report', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading the report…'));
  section.replaceChildren(
    h('h2', { id: 'plenary-title' }, 'Report to the plenary meeting'),
    h('form', { class: 'controls', onsubmit: (e: Event) => e.preventDefault() }, h('label', { for: 'plenary-as-of' }, 'Situation as of'), asOf, h('button', { type: 'button', class: 'secondary', onclick: () => { asOf.value = ''; void load(); } }, 'Latest day')),
    document,
  );
  asOf.addEventListener('change', () => void load());

  async function load(): Promise<void> {
    const day = asOf.value || undefined;
    try {
      const query = new URLSearchParams({ format: 'markdown' });
      if (day) query.set('as_of', day);
      const { body } = await request<unknown>(`/api/v1/guidance/report?${query}`, { headers: { Accept: 'text/markdown' } });
      if (disposed) return;
      document.replaceChildren(renderMarkdown(typeof body === 'string' ? body : JSON.stringify(body)));
    } catch (error) {
      if (!disposed) document.replaceChildren(problem(error, 'Loading the report'));
    }
  }

  void load();
  return () => {
    disposed = true;
  };
}
