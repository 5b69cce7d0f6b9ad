// The prevention levels of a region: each region's level with its indicators and the measures of
// the levels in force, the pending proposals of the rules with what triggered them and the
// headquarters' decision on each, the history of decisions, the replay of the rules over the
// outbreak, and the tasks of the action programmes.

import { get } from './api';
import { dataTable, problem } from './care_format';
import { h, regionName, regionText } from './dom';
import { levelsHistory } from './levels_history';
import { type LevelsParams, levelsHash } from './view_routes';
import { indicatorLabel, indicatorValue, kIndicatorOrder, LevelNames } from './levels_format';
import { proposalsPanel } from './levels_proposals';
import { tasksPanel } from './levels_tasks';
import type { LevelRules, RegionIndicators, RegionLevel } from './levels_types';
import { regionDetail } from './regions';
import type { RegionDetail } from './types';
import type { ViewContext } from './view';

export function renderLevels(main: HTMLElement, ctx: ViewContext, params: LevelsParams): () => void {
  let disposed = false;
  const cleanups: (() => void)[] = [];
  const heading = h('h1', { id: 'view-title' }, 'Prevention levels');
  const asOfInput = h('input', { type: 'date', id: 'levels-as-of', name: 'as_of', value: params.asOf ?? '' });
  const latestButton = h('button', { type: 'button', class: 'secondary' }, 'Latest day');
  const section = (id: string, title: string) => h('section', { class: 'panel', id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), h('p', { class: 'muted' }, 'Loading…'));
  const currentSection = section('levels-current', 'Levels');
  const proposalSection = section('levels-proposals', 'Proposals of the rules');
  const tasksSection = section('levels-tasks', 'Tasks of the action programmes');
  const historySection = section('levels-history', 'Decisions');
  main.replaceChildren(
    h(
      'div',
      { class: 'levels' },
      heading,
      h('p', { class: 'subtitle' }, 'The epidemic prevention level of each region, the rules’ proposals, the decisions and their tasks'),
      h('form', { class: 'controls', onsubmit: (e: Event) => e.preventDefault() }, h('label', { for: 'levels-as-of' }, 'Levels as of'), asOfInput, latestButton),
      currentSection,
      proposalSection,
      tasksSection,
      historySection,
    ),
  );
  ctx.setTitle('Prevention levels');
  asOfInput.addEventListener('change', () => {
    if (asOfInput.value) ctx.navigate(levelsHash({ region: params.region, asOf: asOfInput.value }));
  });
  latestButton.addEventListener('click', () => ctx.navigate(levelsHash({ region: params.region })));

  function drawCurrent(levels: RegionLevel[], indicators: { as_of: string; regions: RegionIndicators[] } | null, names: LevelNames, rules: LevelRules | null, detail: RegionDetail): void {
    const byRegion = new Map((indicators?.regions ?? []).map((r) => [r.region, r.indicators]));
    const shown = kIndicatorOrder.filter((k) => indicators?.regions.some((r) => r.indicators[k] !== null && r.indicators[k] !== undefined));
    const inUse = [...new Set(levels.map((l) => l.level))].sort((a, b) => names.rank(b) - names.rank(a));
    currentSection.replaceChildren(
      h('h2', { id: 'levels-current-title' }, indicators ? `Levels as of ${indicators.as_of}` : 'Levels'),
      dataTable(
        `${regionText(detail.region)} and the regions the rules evaluate under it`,
        ['Region', 'Level', 'Since', 'Set on', ...shown.map(indicatorLabel)],
        levels.map((l) => ({
          attrs: { 'data-region': l.region, 'data-level': l.level },
          cells: [
            l.region === detail.region.code ? regionName(detail.region) : h('a', { href: levelsHash({ region: l.region, asOf: params.asOf }) }, l.name),
            { attrs: { 'data-field': 'level' }, content: names.badge(l.level) },
            l.since,
            l.set_on === l.region ? 'itself' : l.set_on,
            ...shown.map((k) => indicatorValue(k, byRegion.get(l.region)?.[k])),
          ],
        })),
      ),
      rules ? h('p', { class: 'hint' }, `Rules ${rules.version}: a level is proposed after its conditions hold ${rules.raise_after_days} days in a row to raise, ${rules.lower_after_days} to lower, and a region stays at a level its minimum days.`) : '',
      h('h3', null, 'Measures of the levels in force'),
      ...inUse.map((key) => {
        const rule = rules?.levels.find((r) => r.key === key);
        return h('details', { 'data-measures': key, open: inUse.length === 1 }, h('summary', null, names.badge(key), ` — ${levels.filter((l) => l.level === key).length} region(s)`), rule ? h('ul', null, rule.measures.map((m) => h('li', null, m))) : h('p', { class: 'muted' }, 'Not in the rules in force.'));
      }),
    );
  }

  async function load(): Promise<void> {
    let detail: RegionDetail;
    let rules: LevelRules | null = null;
    try {
      [detail, rules] = await Promise.all([regionDetail(params.region), get<LevelRules>('/api/v1/levels/rules').catch(() => null)]);
    } catch (error) {
      if (!disposed) main.querySelector('.levels')?.append(problem(error, 'Loading the region'));
      return;
    }
    if (disposed) return;
    heading.replaceChildren('Prevention levels: ', regionName(detail.region));
    ctx.setTitle(`Prevention levels — ${regionText(detail.region)}`);
    const names = new LevelNames(rules);
    const loadCurrent = async (): Promise<void> => {
      try {
        const [levels, indicators] = await Promise.all([
          get<{ levels: RegionLevel[] }>('/api/v1/levels', { region: params.region, as_of: params.asOf }),
          get<{ as_of: string; regions: RegionIndicators[] }>('/api/v1/levels/indicators', { region: params.region, as_of: params.asOf }).catch(() => null),
        ]);
        if (disposed) return;
        if (indicators) {
          asOfInput.value = indicators.as_of;
          proposals.setDay(indicators.as_of);
        }
        drawCurrent(levels.levels, indicators, names, rules, detail);
      } catch (error) {
        if (!disposed) currentSection.replaceChildren(h('h2', { id: 'levels-current-title' }, 'Levels'), problem(error, 'Loading the levels'));
      }
    };
    const history = levelsHistory(historySection, params.region, names);
    const tasks = tasksPanel(tasksSection, ctx, params.region, names);
    const proposals = proposalsPanel(proposalSection, ctx, params.region, names, () => {
      void loadCurrent();
      history.refresh();
      tasks.refresh();
    });
    cleanups.push(history.dispose, tasks.dispose, proposals.dispose);
    await loadCurrent();
  }

  void load();
  return () => {
    disposed = true;
    for (const cleanup of cleanups) cleanup();
  };
}
