import assert from 'node:assert/strict';
import { test } from 'node:test';

import { replaySegments } from '../src/levels_history';
import { whyGroups } from '../src/supply_plan';
import { dueDay, nodesForQueue, queueFilter } from '../src/supply_queue';
import type { CoverLine, PlanOutcome, Shipment, SupplyNode } from '../src/supply_types';
import { nodesByCover } from '../src/supply_view';
import type { Replay } from '../src/levels_types';

function cover(node: string, medicine: string, days: number | null, status: CoverLine['status']): CoverLine {
  return { node, kind: 'county_base', region: node, medicine, usable: 0, need_per_day: 1, issued_per_day: 0, cover_days: days, min_days: 14, max_days: 30, status };
}

test('nodes below their minimum cover come first, the most medicines below first, then the lowest cover', () => {
  const order = nodesByCover([
    cover('A', 'PARA', 20, 'within'),
    cover('B', 'PARA', 3, 'below_minimum'),
    cover('C', 'PARA', 1, 'below_minimum'),
    cover('C', 'ORS', 2, 'below_minimum'),
    cover('D', 'PARA', 9, 'below_minimum'),
    cover('E', 'PARA', 10, 'within'),
    cover('E', 'ORS', null, 'no_need'),
  ]).map((n) => `${n.node}:${n.below}`);
  assert.deepEqual(order, ['C:2', 'B:1', 'D:1', 'E:0', 'A:0']);
});

test('the nodes that get less are grouped by the reason given, the largest shortfall first', () => {
  const outcome = (node: string, unmet: number, reason: string, why: string): PlanOutcome => ({ node, medicine: 'PARA', need: 100, met: 100 - unmet, met_late: 0, unmet, reason, why });
  const groups = whyGroups([
    outcome('A', 10, 'fair_share', 'its fair share'),
    outcome('B', 0, 'none', ''),
    outcome('C', 30, 'national_shortage', 'national shortage of PARA'),
    outcome('D', 25, 'national_shortage', 'national shortage of PARA'),
  ]);
  assert.deepEqual(groups.map((g) => [g.reason, g.nodes, g.unmet]), [['national_shortage', 2, 55], ['fair_share', 1, 10]]);
});

test('the work queue lists the nodes up the tree first, and steps a list by its node and due day', () => {
  const node = (code: string, kind: string, name: string): SupplyNode => ({ code, kind, name, region: 'KP-04' });
  const order = nodesForQueue([
    node('CO-2', 'county_base', 'Manpho'),
    node('X-1', 'warehouse', 'Annex'),
    node('CO-1', 'county_base', 'Kanggye'),
    node('PC', 'provincial_centre', 'Jagang'),
  ]).map((n) => n.code);
  assert.deepEqual(order, ['PC', 'CO-1', 'CO-2', 'X-1']);
  assert.deepEqual(queueFilter('approve', 'PC', '2022-05-26'), { step: 'approve', from: 'PC', through: '2022-05-26' });
  assert.deepEqual(queueFilter('dispatch', 'PC', '2022-05-26'), { step: 'dispatch', from: 'PC', through: '2022-05-26' });
  assert.deepEqual(queueFilter('receive', 'PC', '2022-05-26'), { step: 'receive', to: 'PC', through: '2022-05-26' });
  const shipment = { ship_day: '2022-05-26', arrival_day: '2022-05-27' } as Shipment;
  assert.equal(dueDay(shipment, 'dispatch'), '2022-05-26');
  assert.equal(dueDay(shipment, 'receive'), '2022-05-27');
});

test('the replay becomes one run of days per level for each region', () => {
  const replay: Replay = {
    from: '2022-05-12',
    to: '2022-05-21',
    rules_version: 'test',
    regions: ['X', 'Y'],
    changes: [
      { region: 'X', name: 'X', day: '2022-05-14', from_level: 'normal', to_level: 'heightened', triggers: [] },
      { region: 'X', name: 'X', day: '2022-05-16', from_level: 'heightened', to_level: 'maximum_emergency', triggers: [] },
    ],
  };
  const segments = replaySegments(replay);
  assert.deepEqual(segments.get('X'), [
    { level: 'normal', start: 0, end: 2 },
    { level: 'heightened', start: 2, end: 4 },
    { level: 'maximum_emergency', start: 4, end: 10 },
  ]);
  assert.deepEqual(segments.get('Y'), [{ level: 'normal', start: 0, end: 10 }]);
});
