import assert from 'node:assert/strict';
import { test } from 'node:test';

import { indicator, kNoData } from '../src/indicators';
import { addDays, int, isDate, signed } from '../src/format';

test('counts per population fall into classes of about equal size with round bounds', () => {
  const scale = indicator('per100k').scale([409, 794, 876, 964, 970, 1042, 1176, 1261, 1412, 1481, 1735, 1858, 152]);
  const colours = new Set([152, 964, 1261, 1858].map((v) => scale.colour(v)));
  assert.equal(colours.size, 4, 'low, middle and high values get different colours');
  assert.equal(scale.colour(null), kNoData);
  assert.equal(scale.legend[scale.legend.length - 1].label, 'no data');
  for (const item of scale.legend.slice(1, -2)) assert.match(item.label, /^[\d,.]+ to [\d,.]+$/);
});

test('regions with no cases get the lightest class of their own', () => {
  const scale = indicator('per100k').scale([0, 0, 0, 0.4]);
  assert.notEqual(scale.colour(0), scale.colour(0.4));
  assert.equal(indicator('per100k').scale([0, 0]).legend.length, 2, 'one class and "no data"');
});

test('R_t is coloured around 1, growth around no change', () => {
  const rt = indicator('rt').scale([]);
  assert.notEqual(rt.colour(0.7), rt.colour(1.3));
  assert.equal(rt.colour(0.99), rt.colour(1.01));
  const growth = indicator('growth').scale([]);
  assert.notEqual(growth.colour(-0.2), growth.colour(0.2));
  assert.equal(indicator('unknown').id, 'per100k');
});

test('figures are written as the headquarters reads them', () => {
  assert.equal(int(219030), '219,030');
  assert.equal(int(null), '—');
  assert.equal(signed(-44340), '−44,340');
  assert.equal(signed(12), '+12');
  assert.equal(addDays('2022-03-01', -1), '2022-02-28');
  assert.equal(isDate('2022-05-20'), true);
  assert.equal(isDate('2022-5-20'), false);
});
