// The decisions on a region, its ancestors and the regions under it, newest first, and the replay
// of the rules in force (GET /api/v1/levels/replay): when each region would have moved had every
// proposal been accepted, drawn as a timeline with its changes listed beside it.

import { get, getAll } from './api';
import { dataTable, problem, stamp } from './care_format';
import { h, s } from './dom';
import { type LevelNames, triggerText } from './levels_format';
import type { Decision, Replay } from './levels_types';

export interface HistoryPanel {
  refresh(): void;
  dispose(): void;
}

const kDayMs = 86_400_000;

function days(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / kDayMs);
}

// Each region's levels as segments [start, end) in days from the replay's first day.
export function replaySegments(replay: Replay): Map<string, { level: string; start: number; end: number }[]> {
  const total = days(replay.from, replay.to) + 1;
  const out = new Map<string, { level: string; start: number; end: number }[]>();
  for (const code of replay.regions) {
    const changes = replay.changes.filter((c) => c.region === code).sort((a, b) => a.day.localeCompare(b.day));
    const segments: { level: string; start: number; end: number }[] = [];
    let level = changes[0]?.from_level ?? 'normal';
    let start = 0;
    for (const c of changes) {
      const at = days(replay.from, c.day);
      if (at > start) segments.push({ level, start, end: at });
      level = c.to_level;
      start = Math.max(start, at);
    }
    segments.push({ level, start, end: total });
    out.set(code, segments);
  }
  return out;
}

function timeline(replay: Replay, names: LevelNames): SVGSVGElement {
  const segments = replaySegments(replay);
  const label = 150;
  const width = 1000;
  const row = 22;
  const total = days(replay.from, replay.to) + 1;
  const x = (day: number) => label + ((width - label - 10) * day) / total;
  const regionNames = new Map(replay.changes.map((c) => [c.region, c.name]));
  const months: SVGElement[] = [];
  for (let d = 0; d < total; d++) {
    const date = new Date(Date.parse(`${replay.from}T00:00:00Z`) + d * kDayMs);
    if (date.getUTCDate() === 1) {
      months.push(s('line', { x1: x(d), x2: x(d), y1: 0, y2: replay.regions.length * row + 4, class: 'tick' }));
      months.push(s('text', { x: x(d) + 3, y: replay.regions.length * row + 16, class: 'tick-label' }, date.toISOString().slice(0, 7)));
    }
  }
  return s(
    'svg',
    { class: 'timeline', viewBox: `0 0 ${width} ${replay.regions.length * row + 22}`, role: 'img', 'aria-label': `The levels each region would have had from ${replay.from} to ${replay.to}; the changes are listed below` },
    replay.regions.map((code, idx) =>
      s(
        'g',
        { 'data-region': code },
        s('text', { x: 0, y: idx * row + 15, class: 'timeline-label' }, regionNames.get(code) ?? code),
        (segments.get(code) ?? []).map((seg) =>
          s('rect', { x: x(seg.start), y: idx * row + 3, width: Math.max(1, x(seg.end) - x(seg.start)), height: row - 6, class: `level-bar rank-${Math.min(names.rank(seg.level), 3)}` }, s('title', null, `${regionNames.get(code) ?? code}: ${names.name(seg.level)} for ${seg.end - seg.start} days`)),
        ),
      ),
    ),
    months,
  );
}

export function levelsHistory(section: HTMLElement, region: string, names: LevelNames): HistoryPanel {
  let disposed = false;
  const decisions = h('div', { id: 'decision-list' });
  const replayBox = h('div', { id: 'replay' }, h('p', { class: 'muted' }, 'Loading the replay…'));
  section.replaceChildren(
    h('h2', { id: 'levels-history-title' }, 'Decisions'),
    decisions,
    h('h3', { id: 'replay-title' }, 'The rules replayed over the outbreak'),
    replayBox,
  );

  async function refresh(): Promise<void> {
    try {
      const items = (await getAll<Decision>('/api/v1/levels/decisions', { region })).reverse();
      if (disposed) return;
      decisions.replaceChildren(
        items.length
          ? dataTable(
              `${items.length} decision${items.length === 1 ? '' : 's'}, newest first`,
              ['Region', 'Day', 'Outcome', 'Level', 'Reason', 'By', 'Tasks'],
              items.map((d) => ({ attrs: { 'data-decision': String(d.id), 'data-outcome': d.outcome }, cells: [d.name, d.day, d.outcome, [names.badge(d.from_level), ' → ', names.badge(d.to_level)], { attrs: { class: 'text' }, content: d.reason }, `${d.decided_by}, ${stamp(d.decided_at)}`, String(d.tasks)] })),
            )
          : h('p', { class: 'muted' }, 'No decision yet.'),
      );
    } catch (error) {
      if (!disposed) decisions.replaceChildren(problem(error, 'Loading the decisions'));
    }
  }

  async function loadReplay(): Promise<void> {
    try {
      const replay = await get<Replay>('/api/v1/levels/replay', { region });
      if (disposed) return;
      replayBox.replaceChildren(
        h('p', { class: 'hint' }, `Had every proposal of the rules ${replay.rules_version} been accepted, from ${replay.from} to ${replay.to}: ${replay.changes.length} change(s). Nothing is written.`),
        replay.regions.length ? timeline(replay, names) : '',
        h('ul', { class: 'legend-list', 'aria-label': 'Legend' }, names.keys().map((k) => h('li', null, names.badge(k)))),
        replay.changes.length
          ? h(
              'details',
              null,
              h('summary', null, `The ${replay.changes.length} changes, day by day`),
              dataTable('Changes in the replay', ['Region', 'Day', 'Level', 'Because'], replay.changes.map((c) => ({ attrs: { 'data-region': c.region, 'data-day': c.day }, cells: [c.name, c.day, [names.badge(c.from_level), ' → ', names.badge(c.to_level)], { attrs: { class: 'text' }, content: c.triggers.map(triggerText).join('; ') }] }))),
            )
          : '',
      );
    } catch (error) {
      if (!disposed) replayBox.replaceChildren(problem(error, 'Loading the replay'));
    }
  }

  void refresh();
  void loadReplay();
  return {
    refresh: () => void refresh(),
    dispose() {
      disposed = true;
    },
  };
}
