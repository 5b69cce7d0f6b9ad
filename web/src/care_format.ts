// What the care panels share: the names of worker categories and centre kinds, loads, tables, and
// the API's refusals worded with their HTTP status.

import { ApiError, describeError } from './api';
import { type Child, h, regionName } from './dom';
import { decimal } from './format';
import { knownRegion } from './regions';

const kCategories: Record<string, string> = {
  doctor: 'Doctors',
  section_doctor: 'Section doctors',
  nurse: 'Nurses',
  pharmacist: 'Pharmacists',
  traditional_doctor: 'Koryo (traditional) doctors',
  medical_student: 'Medical students',
  military_medic: 'Military medics',
  lab_technician: 'Laboratory technicians',
};

export function categoryLabel(category: string): string {
  return kCategories[category] ?? category.replace(/_/g, ' ');
}

export function kindLabel(kind: string): string {
  const text = kind.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Patients per worker, one decimal; "no worker" when there is none.
export function load(perWorker: number | null | undefined): string {
  return perWorker === null || perWorker === undefined ? 'no worker' : decimal(perWorker, 1);
}

// A region by its name and local name when the page knows it, else by the name given or the code.
export function place(code: string | null, fallback?: string): Child {
  if (!code) return '—';
  const region = knownRegion(code);
  return region ? regionName(region) : fallback ?? code;
}

// A cell: its content, or its content with attributes (data-field for readers and tests).
export type Cell = Child | Child[] | { attrs: Record<string, string>; content: Child | Child[] };

function cell(value: Cell, header: boolean): HTMLElement {
  const rich = value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Node);
  const attrs = rich ? value.attrs : null;
  const content = rich ? value.content : (value as Child | Child[]);
  return header ? h('th', { scope: 'row', ...attrs }, content) : h('td', attrs, content);
}

// A table whose first column names the row; rows carry data attributes for readers and tests.
export function dataTable(
  caption: Child | Child[],
  headers: string[],
  rows: { attrs?: Record<string, string>; cells: Cell[] }[],
  foot?: Cell[],
): HTMLElement {
  const line = (cells: Cell[]) => cells.map((c, idx) => cell(c, idx === 0));
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data' },
      h('caption', null, caption),
      h('thead', null, h('tr', null, headers.map((text) => h('th', { scope: 'col' }, text)))),
      h('tbody', null, rows.map((row) => h('tr', row.attrs ?? null, line(row.cells)))),
      foot ? h('tfoot', null, h('tr', null, line(foot))) : null,
    ),
  );
}

// An error from the API as the page shows it: what the server said, and what 403 and 409 mean.
export function problem(error: unknown, what = 'The request'): HTMLElement {
  const { message, details } = describeError(error);
  const status = error instanceof ApiError ? error.status : 0;
  const lead =
    status === 403
      ? `Not allowed (403): ${message}.`
      : status === 409
        ? `Refused (409): ${message}.`
        : status
          ? `${what} was refused (${status}): ${message}.`
          : `${what} failed: ${message}.`;
  return h(
    'div',
    { class: 'error', role: 'alert', 'data-status': status || null },
    h('p', null, lead),
    details.length ? h('ul', null, details.map((d) => h('li', null, d))) : null,
  );
}

// Findings as a list: each message, marked with its kind.
export function findingList(findings: { kind: string; message: string }[], id?: string): HTMLElement {
  return h(
    'ul',
    // A long list scrolls: let the keyboard reach it.
    { class: 'findings', id: id ?? null, tabindex: findings.length > 8 ? 0 : null, 'aria-label': findings.length > 8 ? 'Findings' : null },
    findings.map((f) => h('li', { class: 'finding', 'data-kind': f.kind }, h('strong', null, `${kindLabel(f.kind)}: `), f.message)),
  );
}

// The labelled fields of a form, each with its error tied to it (aria-describedby), by name.
export class Fields {
  private readonly controls = new Map<string, HTMLInputElement | HTMLSelectElement>();
  private readonly errors = new Map<string, HTMLElement>();

  constructor(private readonly prefix: string) {}

  id(name: string): string {
    return `${this.prefix}-${name.replace(/_/g, '-')}`;
  }

  // An input, or the select given, with its label and error line.
  field(name: string, label: Child | Child[], attrs: Record<string, string | boolean> = {}, control?: HTMLSelectElement): HTMLElement {
    const id = this.id(name);
    const el = control ?? h('input', { type: 'text', autocomplete: 'off', ...attrs });
    el.id = id;
    el.name = name;
    el.setAttribute('aria-describedby', `${id}-error`);
    const error = h('span', { class: 'field-error', id: `${id}-error` });
    this.controls.set(name, el);
    this.errors.set(name, error);
    return h('div', { class: 'field' }, h('label', { for: id }, label), el, error);
  }

  value(name: string): string {
    return this.controls.get(name)?.value ?? '';
  }

  set(name: string, value: string): void {
    const el = this.controls.get(name);
    if (el) el.value = value;
  }

  control(name: string): HTMLInputElement | HTMLSelectElement | undefined {
    return this.controls.get(name);
  }

  // Shows each field's error (or clears it) and focuses the first field in error.
  show(errors: Map<string, string>, focus = false): void {
    let first: HTMLElement | null = null;
    for (const [name, el] of this.errors) {
      const message = errors.get(name) ?? '';
      el.textContent = message;
      const control = this.controls.get(name)!;
      if (message) {
        control.setAttribute('aria-invalid', 'true');
        first ??= control;
      } else {
        control.removeAttribute('aria-invalid');
      }
    }
    if (focus) first?.focus();
  }
}

// "2026-11-29T10:28:04Z" as "2026-11-29 10:28 UTC".
export function stamp(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '—';
}
