// The daily census of a treatment centre (POST /api/v1/care/census): a small form checked as the
// API checks, with its wording, before anything is sent; the server's answer (added, corrected,
// its findings) or its refusal; and the centre's last recorded days.

import { getAll, request } from './api';
import { dataTable, Fields, findingList, problem } from './care_format';
import { type CensusField, checkCensus, kCensusCounts } from './care_validation';
import { h } from './dom';
import { addDays, int } from './format';
import type { CareWriteResult, CensusDay, Occupancy } from './types';

const kLabels: Record<CensusField, string> = {
  occupied: 'Occupied beds at the close of the day',
  admitted: 'Admitted',
  discharged: 'Discharged',
  died: 'Died',
  transferred: 'Transferred out',
};

export function censusPanel(section: HTMLElement, occ: Occupancy, onRecorded: (day: string) => void): () => void {
  let disposed = false;
  let days: CensusDay[] = [];  // the chosen centre's census around the day being entered
  const centres = occ.centres;
  const beds = new Map(centres.map((c) => [c.code, c.beds.total]));
  const fields = new Fields('census');
  const centreSelect = h('select', null, centres.map((c) => h('option', { value: c.code }, `${c.name} (${c.code})`)));
  const summary = h('div', { class: 'form-summary', 'aria-live': 'polite' });
  const identity = h('p', { class: 'hint', id: 'census-identity', 'aria-live': 'polite' });
  const recent = h('div', { id: 'census-recent' });
  const submit = h('button', { type: 'submit' }, 'Record the census');
  const form = h(
    'form',
    { class: 'census-form', novalidate: true, 'aria-labelledby': 'census-title' },
    summary,
    h(
      'div',
      { class: 'row unit' },
      fields.field('centre', 'Treatment centre', {}, centreSelect),
      fields.field('date', 'Day', { type: 'date', required: true }),
    ),
    h(
      'fieldset',
      null,
      h('legend', null, 'Patients'),
      h('div', { class: 'row' }, [...kCensusCounts, 'transferred' as const].map((f) =>
        fields.field(f, [kLabels[f], f === 'transferred' ? ' (optional)' : ''], { inputmode: 'numeric', required: f !== 'transferred' }),
      )),
    ),
    h('div', { class: 'field wide' }, fields.field('reason', 'Reason, to correct a day already recorded')),
    identity,
    h('div', { class: 'actions' }, submit),
  );
  section.replaceChildren(
    h('h2', { id: 'census-title' }, 'Daily census'),
    h('p', { class: 'hint' }, 'Each centre records its patients at the close of every day. More occupied than beds, or figures that do not follow from the day before, are recorded and raised as findings.'),
    form,
    recent,
  );

  const centre = () => centres.find((c) => c.code === centreSelect.value) ?? centres[0];
  const counts = () => Object.fromEntries([...kCensusCounts, 'transferred'].map((f) => [f, fields.value(f)])) as Record<CensusField, string>;
  const previous = (): number | undefined => {
    const day = fields.value('date');
    return day ? days.find((d) => d.date === addDays(day, -1))?.occupied : undefined;
  };
  const say = (kind: 'ok' | 'info' | 'error', ...content: Node[]) => {
    summary.className = `form-summary ${kind}`;
    summary.replaceChildren(...content);
  };

  // The census of the chosen centre from a week before `around` to two weeks after.
  async function fetchDays(around: string): Promise<void> {
    const c = centre();
    const all = await getAll<CensusDay>('/api/v1/care/census', { region: c.region, from: addDays(around, -7), to: addDays(around, 14) });
    if (disposed || c !== centre()) return;
    days = all.filter((d) => d.centre === c.code);
  }

  function drawRecent(): void {
    const c = centre();
    const last = days.slice(-7);
    recent.replaceChildren(
      last.length
        ? dataTable(
            `${c.name}: the last days recorded (${int(c.beds.total)} beds)`,
            ['Day', 'Occupied', 'Admitted', 'Discharged', 'Died', 'Transferred'],
            last.map((d) => ({
              attrs: { 'data-date': d.date, class: d.occupied > c.beds.total ? 'over' : '' },
              cells: [d.date, int(d.occupied), int(d.admitted), int(d.discharged), int(d.died), int(d.transferred)],
            })),
          )
        : h('p', { class: 'muted' }, `No census of ${c.name} recorded around this day.`),
    );
  }

  // The checks: errors shown when sending (and cleared as they are put right), warnings always.
  function check(sending: boolean) {
    const checked = checkCensus({ centre: centreSelect.value, date: fields.value('date'), counts: counts(), reason: fields.value('reason') }, beds, previous());
    if (sending || form.querySelector('[aria-invalid="true"]')) fields.show(checked.errors, sending);
    identity.replaceChildren(...checked.warnings.map((w) => h('span', { class: 'warning' }, `Note: ${w}. `)));
    return checked;
  }

  // A new centre: its last days, and the day after the last recorded as the day to enter.
  async function chooseCentre(): Promise<void> {
    const c = centre();
    try {
      await fetchDays(c.census?.date ?? occ.as_of);
    } catch (error) {
      if (!disposed) say('error', problem(error, 'Loading the census'));
      return;
    }
    if (disposed || c !== centre()) return;
    fields.set('date', days.length ? addDays(days[days.length - 1].date, 1) : occ.as_of);
    drawRecent();
    check(false);
  }

  centreSelect.addEventListener('change', () => void chooseCentre());
  fields.control('date')!.addEventListener('change', async () => {
    const day = fields.value('date');
    if (day && !days.some((d) => d.date === addDays(day, -1))) {
      try {
        await fetchDays(day);
        if (!disposed) drawRecent();
      } catch {
        // The server checks the identity when the census arrives.
      }
    }
    if (!disposed) check(false);
  });
  form.addEventListener('input', () => check(false));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const checked = check(true);
    if (!checked.input) {
      say('error', h('p', null, `${checked.errors.size} error(s) in the census; nothing was sent`), h('ul', null, [...checked.errors.values()].map((e) => h('li', null, e))));
      return;
    }
    const input = checked.input;
    const c = centre();
    submit.disabled = true;
    say('info', h('p', null, `Sending the census of ${c.name} for ${input.date}…`));
    try {
      const { body } = await request<CareWriteResult>('/api/v1/care/census', { method: 'POST', body: input });
      if (disposed) return;
      const what = body.added ? 'recorded' : body.updated ? 'corrected' : 'unchanged (the server already had these figures)';
      say(
        'ok',
        h('p', { 'data-field': 'census-result' }, `Census of ${c.name} for ${input.date} ${what}.`),
        ...(body.findings.length ? [h('p', null, 'Recorded with these findings:'), findingList(body.findings, 'census-findings')] : []),
      );
      for (const f of [...kCensusCounts, 'transferred', 'reason']) fields.set(f, '');
      identity.replaceChildren();
      await fetchDays(input.date).catch(() => undefined);
      if (disposed) return;
      fields.set('date', addDays(input.date, 1));
      drawRecent();
      onRecorded(input.date);
    } catch (error) {
      if (!disposed) say('error', problem(error, 'The census'));
    } finally {
      submit.disabled = false;
    }
  });

  void chooseCentre();
  return () => {
    disposed = true;
  };
}
