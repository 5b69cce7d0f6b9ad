// A small Markdown reader for the server's own reports (headings, paragraphs, lists, pipe tables,
// **bold**): it builds DOM nodes from text, so nothing the server sends is ever read as HTML.

import { type Child, h } from './dom';

// "a **b** c" → ['a ', <strong>b</strong>, ' c'].
export function inline(text: string): Child[] {
  const out: Child[] = [];
  const parts = text.split(/\*\*(.+?)\*\*/g);
  parts.forEach((part, idx) => {
    if (!part) return;
    out.push(idx % 2 ? h('strong', null, part) : part);
  });
  return out;
}

function cells(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

const kRule = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/;

// The document as a fragment: # to ###### become h2 to h6 under the page's own h1 (`shift` 1).
export function renderMarkdown(text: string, shift = 1): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let paragraph: string[] = [];
  let list: HTMLElement | null = null;
  const flush = () => {
    if (paragraph.length) fragment.append(h('p', null, inline(paragraph.join(' '))));
    paragraph = [];
    list = null;
  };
  for (let at = 0; at < lines.length; at++) {
    const line = lines[at];
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s*(?:[-*+]|(\d+)[.)])\s+(.*)$/.exec(line);
    if (!line.trim()) {
      flush();
    } else if (heading) {
      flush();
      const level = Math.min(6, heading[1].length + shift) as 1 | 2 | 3 | 4 | 5 | 6;
      fragment.append(h(`h${level}`, null, inline(heading[2].trim())));
    } else if (line.trim().startsWith('|') && at + 1 < lines.length && kRule.test(lines[at + 1].trim())) {
      flush();
      const head = cells(line);
      // Right-aligned columns (---:) hold figures; the page's tables align those to the right.
      const left = cells(lines[at + 1]).map((c) => !c.endsWith(':'));
      at += 1;
      const body: string[][] = [];
      while (at + 1 < lines.length && lines[at + 1].trim().startsWith('|')) body.push(cells(lines[++at]));
      fragment.append(
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'data' },
            h('thead', null, h('tr', null, head.map((c, idx) => h('th', { scope: 'col', class: left[idx] ? 'left' : null }, inline(c))))),
            h('tbody', null, body.map((row) => h('tr', null, row.map((c, idx) => h('td', { class: left[idx] ? 'left' : null }, inline(c)))))),
          ),
        ),
      );
    } else if (item) {
      if (paragraph.length) flush();
      if (!list) {
        list = h(item[1] ? 'ol' : 'ul', null);
        fragment.append(list);
      }
      list.append(h('li', null, inline(item[2])));
    } else {
      if (list) list = null;
      paragraph.push(line.trim());
    }
  }
  flush();
  return fragment;
}
