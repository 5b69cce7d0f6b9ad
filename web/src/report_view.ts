// The daily report form of a reporting unit, with the API's checks made before anything is
// queued, the outbox of reports still to send, and what was sent.

import { describeError, get } from './api';
import { h, regionName } from './dom';
import { addDays, int, today } from './format';
import type { QueuedReport, SentReport } from './offline_queue';
import { overviewHash } from './overview';
import { knownRegion, reportingUnits } from './regions';
import type { Page, Region, ReportInput, StoredReport } from './types';
import { type CountField, checkReport, kCountFields, kOptionalFields, type ReportForm } from './validation';
import type { ViewContext } from './view';

const kLabels: Record<CountField, string> = {
  new_fever: 'New fever cases',
  new_recovered: 'Recovered',
  new_deaths: 'Deaths',
  under_treatment: 'Under treatment at the end of the day',
  tested: 'Tested',
  positive: 'Positive',
};

let unitsCache: { root: string; units: Promise<Region[]> } | null = null;

function unitsOf(root: string): Promise<Region[]> {
  if (!unitsCache || unitsCache.root !== root) {
    const units = reportingUnits(root);
    unitsCache = { root, units };
    units.catch(() => {
      unitsCache = null;
    });
  }
  return unitsCache.units;
}

function countsText(body: ReportInput): string {
  return `${int(body.new_fever)} new fever, ${int(body.new_recovered)} recovered, ${int(body.new_deaths)} deaths, ${int(body.under_treatment)} under treatment`;
}

export function renderReport(main: HTMLElement, ctx: ViewContext): () => void {
  const queue = ctx.queue;
  ctx.setTitle('Daily report');
  if (!queue) {
    main.replaceChildren(h('h1', { id: 'view-title' }, 'Daily report'), h('p', null, 'Your role may read the reports but not file them.'));
    return () => undefined;
  }
  let disposed = false;
  let refusalShown = false;
  let previousUnderTreatment: number | undefined;
  // The stored report of the chosen unit and day, when there is one: a report sent for them
  // corrects that version.
  let stored: StoredReport | undefined;
  let units: Region[] = [];

  const fieldId = (name: string) => `report-${name.replace(/_/g, '-')}`;
  const errorEls = new Map<string, HTMLElement>();
  const inputs = new Map<string, HTMLInputElement>();
  const field = (name: CountField, required: boolean) => {
    const id = fieldId(name);
    const error = h('span', { class: 'field-error', id: `${id}-error` });
    errorEls.set(name, error);
    const input = h('input', {
      id,
      name,
      type: 'text',
      inputmode: 'numeric',
      autocomplete: 'off',
      required,
      'aria-describedby': `${id}-error`,
    });
    inputs.set(name, input);
    return h('div', { class: 'field' }, h('label', { for: id }, kLabels[name], required ? '' : ' (optional)'), input, error);
  };

  const regionSelect = h('select', { id: 'report-region', name: 'region', 'aria-describedby': 'report-region-error' });
  const regionError = h('span', { class: 'field-error', id: 'report-region-error' });
  errorEls.set('region', regionError);
  const dateInput = h('input', { id: 'report-date', name: 'date', type: 'date', required: true, 'aria-describedby': 'report-date-error report-identity' });
  const dateError = h('span', { class: 'field-error', id: 'report-date-error' });
  errorEls.set('date', dateError);
  const reasonInput = h('input', { id: 'report-reason', name: 'reason', type: 'text', autocomplete: 'off' });
  const summary = h('div', { class: 'form-summary', role: 'alert', 'aria-live': 'assertive' });
  const identity = h('p', { class: 'hint', id: 'report-identity', 'aria-live': 'polite' });
  const unitName = h('p', { class: 'subtitle' });
  const submit = h('button', { type: 'submit' }, 'Send report');

  const form = h(
    'form',
    { class: 'report-form', novalidate: true, 'aria-labelledby': 'view-title' },
    summary,
    h('div', { class: 'row unit' },
      h('div', { class: 'field' }, h('label', { for: 'report-region' }, 'Reporting unit'), regionSelect, regionError),
      h('div', { class: 'field' }, h('label', { for: 'report-date' }, 'Reporting day'), dateInput, dateError),
    ),
    h('fieldset', null, h('legend', null, 'The day’s counts'), h('div', { class: 'row' }, kCountFields.map((f) => field(f, true)))),
    h('fieldset', null, h('legend', null, 'Testing, where done'), h('div', { class: 'row' }, kOptionalFields.map((f) => field(f, false)))),
    h('div', { class: 'field wide' }, h('label', { for: 'report-reason' }, 'Reason, to correct a day already reported'), reasonInput),
    identity,
    h('div', { class: 'actions' }, submit),
  );

  const network = h('p', { class: 'network', 'aria-live': 'polite' });
  const pendingTitle = h('h2', { id: 'pending-title' }, 'Waiting to send');
  const pendingList = h('ul', { class: 'pending', id: 'pending' });
  const sentList = h('ul', { class: 'sent', id: 'sent' });
  main.replaceChildren(
    h(
      'div',
      { class: 'report-view' },
      h('h1', { id: 'view-title' }, 'Daily report'),
      unitName,
      h('div', { class: 'columns' },
        h('section', { class: 'panel' }, form),
        h('div', null,
          h('section', { class: 'panel outbox', 'aria-labelledby': 'pending-title' }, pendingTitle, network, pendingList),
          h('section', { class: 'panel', 'aria-labelledby': 'sent-title' }, h('h2', { id: 'sent-title' }, 'Sent'), sentList),
        ),
      ),
    ),
  );

  function readForm(): ReportForm {
    const counts = {} as Record<CountField, string>;
    for (const f of [...kCountFields, ...kOptionalFields]) counts[f] = inputs.get(f)!.value;
    return { region: regionSelect.value, date: dateInput.value, counts, reason: reasonInput.value };
  }

  function showChecks(errors: Map<string, string>, warnings: string[]): void {
    for (const [name, el] of errorEls) {
      const message = errors.get(name) ?? '';
      el.textContent = message;
      const input = name === 'region' ? regionSelect : name === 'date' ? dateInput : inputs.get(name);
      if (message) input?.setAttribute('aria-invalid', 'true');
      else input?.removeAttribute('aria-invalid');
    }
    identity.replaceChildren(...warnings.map((w) => h('span', { class: 'warning' }, `Note: ${w}. `)));
  }

  function showSummary(message: string, details: string[], kind: 'error' | 'ok' | 'info'): void {
    summary.className = `form-summary ${kind}`;
    summary.replaceChildren(message ? h('p', null, message) : '', details.length ? h('ul', null, details.map((d) => h('li', null, d))) : '');
  }

  function drawQueue(): void {
    if (disposed) return;
    const items = queue!.items();
    const pending = items.filter((i) => i.state === 'pending');
    pendingTitle.textContent = `Waiting to send (${items.length})`;
    const refused = items.length - pending.length;
    network.textContent = !navigator.onLine
      ? 'Offline: reports are kept on this device and go out when the line returns.'
      : queue!.lastProblem ||
        (pending.length
          ? 'Sending…'
          : refused
            ? `The server refused ${refused === 1 ? 'the report' : `${refused} reports`} below: edit or discard.`
            : 'Nothing waiting: every report has been sent.');
    pendingList.replaceChildren(...items.map(queuedItem));
    sentList.replaceChildren(...queue!.sent().map(sentItem));
    const latest = items.find((i) => i.state === 'rejected');
    if (latest?.error) {
      showSummary(`Not accepted: ${latest.error.message}`, latest.error.details, 'error');
      refusalShown = true;
    } else if (refusalShown) {
      showSummary('', [], 'info');  // the refused report was edited or discarded
      refusalShown = false;
    }
  }

  function queuedItem(item: QueuedReport): HTMLElement {
    const { region, date } = item.body;
    return h(
      'li',
      { class: `queued ${item.state}`, 'data-key': item.key, 'data-region': region, 'data-date': date },
      h('strong', null, `${region} ${date}`),
      ` ${countsText(item.body)} — `,
      item.state === 'pending'
        ? `waiting${item.attempts ? ` (tried ${item.attempts}×)` : ''}`
        : h('span', { class: 'error-text' }, `not accepted: ${item.error?.message ?? ''}`),
      item.error?.details.length ? h('ul', null, item.error.details.map((d) => h('li', null, d))) : null,
      item.state === 'rejected'
        ? h('span', { class: 'item-actions' },
            h('button', { type: 'button', class: 'secondary', onclick: () => edit(item) }, 'Edit'),
            h('button', { type: 'button', class: 'secondary', onclick: () => queue!.discard(item.key) }, 'Discard'),
          )
        : null,
    );
  }

  function sentItem(sent: SentReport): HTMLElement {
    const r = sent.result;
    const what = r.added ? 'added' : r.corrected ? 'corrected' : 'unchanged';
    const findings = r.findings?.findings ?? [];
    return h(
      'li',
      { class: 'sent-item', 'data-region': sent.body.region, 'data-date': sent.body.date },
      h('strong', null, `${sent.body.region} ${sent.body.date}`),
      ` ${what}${sent.replayed ? ' (the server already had it)' : ''} at ${new Date(sent.sent_at).toLocaleTimeString('en-GB')}`,
      findings.length ? h('ul', null, findings.map((f) => h('li', { class: 'finding' }, f.message))) : null,
    );
  }

  function edit(item: QueuedReport): void {
    queue!.discard(item.key);
    regionSelect.value = item.body.region;
    dateInput.value = item.body.date;
    for (const f of [...kCountFields, ...kOptionalFields]) {
      const v = item.body[f];
      inputs.get(f)!.value = v === undefined ? '' : String(v);
    }
    reasonInput.value = item.body.reason ?? '';
    inputs.get('new_fever')!.focus();
  }

  // The day before's number under treatment, for the identity check; the day's own stored
  // report, which a report sent now corrects; and a default day.
  async function lookBack(): Promise<void> {
    previousUnderTreatment = undefined;
    stored = undefined;
    identity.textContent = '';
    const region = regionSelect.value;
    const day = dateInput.value;
    if (!region || !day) return;
    try {
      const [page, same] = await Promise.all([
        get<Page<StoredReport>>('/api/v1/reports', { region, from: addDays(day, -1), to: addDays(day, -1) }),
        get<Page<StoredReport>>('/api/v1/reports', { region, from: day, to: day }),
      ]);
      if (disposed || region !== regionSelect.value || day !== dateInput.value) return;
      const before = page.items[0];
      const lines: string[] = [];
      if (before) {
        previousUnderTreatment = before.counts.under_treatment;
        lines.push(`The day before (${before.date}), ${int(before.counts.under_treatment)} were under treatment.`);
      }
      stored = same.items[0];
      if (stored) {
        lines.push(
          `${stored.date} is already reported (version ${stored.version}: ${int(stored.counts.new_fever)} new fever cases); ` +
            'sending corrects it and needs a reason.',
        );
      }
      identity.textContent = lines.join(' ');
    } catch {
      // Offline: the server checks the identity when the report arrives.
    }
  }

  async function defaultDay(region: string): Promise<string> {
    try {
      const first = await get<Page<StoredReport>>('/api/v1/reports', { region, limit: 1 });
      if (first.total === 0) return today();
      const last = await get<Page<StoredReport>>('/api/v1/reports', { region, limit: 1, offset: first.total - 1 });
      return last.items[0] ? addDays(last.items[0].date, 1) : today();
    } catch {
      return today();
    }
  }

  function showUnit(): void {
    const region = units.find((u) => u.code === regionSelect.value) ?? knownRegion(regionSelect.value);
    unitName.replaceChildren(
      region ? regionName(region) : regionSelect.value,
      ` (${regionSelect.value}) · `,
      h('a', { href: overviewHash({ region: regionSelect.value }) }, 'its situation'),
    );
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const checked = checkReport(readForm(), new Set(units.map((u) => u.code)), previousUnderTreatment);
    showChecks(checked.errors, checked.warnings);
    if (!checked.input) {
      showSummary(`${checked.errors.size} error(s); nothing was sent`, [...checked.errors.values()], 'error');
      const first = form.querySelector<HTMLElement>('[aria-invalid="true"]');
      first?.focus();
      return;
    }
    if (stored && stored.region === checked.input.region && stored.date === checked.input.date) {
      checked.input.expected_version = stored.version;
    }
    const item = queue.add(checked.input);
    showSummary(
      navigator.onLine ? `Report for ${item.body.region} ${item.body.date} queued; sending…` : `Offline: the report for ${item.body.region} ${item.body.date} is kept on this device and goes out when the line returns.`,
      [],
      'info',
    );
    for (const input of inputs.values()) input.value = '';
    reasonInput.value = '';
    showChecks(new Map(), []);
    void lookBack();
    void queue.flush().then(() => {
      if (disposed) return;
      const stillQueued = queue.items().find((i) => i.key === item.key);
      if (!stillQueued) showSummary(`Report for ${item.body.region} ${item.body.date} sent.`, [], 'ok');
    });
  });
  regionSelect.addEventListener('change', async () => {
    showUnit();
    dateInput.value = await defaultDay(regionSelect.value);
    void lookBack();
  });
  dateInput.addEventListener('change', () => void lookBack());

  const unsubscribe = queue.onChange(drawQueue);
  const onNetwork = () => drawQueue();
  window.addEventListener('online', onNetwork);
  window.addEventListener('offline', onNetwork);
  drawQueue();

  void (async () => {
    try {
      units = await unitsOf(ctx.me.region);
    } catch (error) {
      // Offline before the list came: the home region is the unit a clerk reports for.
      const home = knownRegion(ctx.me.region);
      units = home ? [home] : [{ code: ctx.me.region, name: ctx.me.region, level: 0, population: 0, parent: null }];
      showSummary(`The list of reporting units could not be loaded: ${describeError(error).message}`, [], 'info');
    }
    if (disposed) return;
    regionSelect.replaceChildren(...units.map((u) => h('option', { value: u.code }, `${u.name}${u.name_local ? ` ${u.name_local}` : ''} (${u.code})`)));
    showUnit();
    dateInput.value = await defaultDay(regionSelect.value);
    if (!disposed) void lookBack();
  })();

  return () => {
    disposed = true;
    unsubscribe();
    window.removeEventListener('online', onNetwork);
    window.removeEventListener('offline', onNetwork);
  };
}
