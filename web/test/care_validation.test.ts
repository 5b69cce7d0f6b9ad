import assert from 'node:assert/strict';
import { test } from 'node:test';

import { type CensusForm, checkCensus, checkPlan, type PlanForm } from '../src/care_validation';

const beds = new Map([['KP-04-003-DTC', 181]]);

function census(counts: Partial<CensusForm['counts']>, extra: Partial<CensusForm> = {}): CensusForm {
  return {
    centre: 'KP-04-003-DTC',
    date: '2022-08-10',
    counts: { occupied: '', admitted: '', discharged: '', died: '', transferred: '', ...counts },
    reason: '',
    ...extra,
  };
}
const complete = { occupied: '6', admitted: '3', discharged: '1', died: '0' };

test('a complete census passes and becomes the API body', () => {
  const checked = checkCensus(census({ ...complete, transferred: '0' }, { reason: ' typo ' }), beds, 4);
  assert.equal(checked.errors.size, 0);
  assert.deepEqual(checked.warnings, []);
  assert.deepEqual(checked.input, {
    centre: 'KP-04-003-DTC', date: '2022-08-10', occupied: 6, admitted: 3, discharged: 1, died: 0, transferred: 0, reason: 'typo',
  });
});

test('every bad field is named with the API’s wording', () => {
  const checked = checkCensus(census({ occupied: '-3', admitted: 'x', discharged: '1.5', transferred: '-1' }, { date: '2022-02-30' }), beds);
  assert.equal(checked.input, null);
  assert.equal(checked.errors.get('occupied'), 'census.occupied: -3 is negative');
  assert.equal(checked.errors.get('admitted'), 'census.admitted: "x" is not a whole number');
  assert.equal(checked.errors.get('discharged'), 'census.discharged: "1.5" is not a whole number');
  assert.equal(checked.errors.get('died'), 'census.died: is missing');
  assert.equal(checked.errors.get('transferred'), 'census.transferred: -1 is negative');
  assert.equal(checked.errors.get('date'), 'census.date: "2022-02-30" is not a date (expected "YYYY-MM-DD")');
});

test('an unknown centre is refused; transferred may be left out', () => {
  const unknown = checkCensus(census(complete, { centre: 'KP-04-999-DTC' }), beds);
  assert.equal(unknown.errors.get('centre'), 'census.centre: "KP-04-999-DTC" is not a known treatment centre');
  const checked = checkCensus(census(complete), beds);
  assert.equal(checked.input?.transferred, undefined);
  assert.equal(checked.input?.reason, undefined);
});

test('more occupied than beds and a broken identity are warnings, as the server records them as findings', () => {
  const checked = checkCensus(census({ occupied: '190', admitted: '3', discharged: '1', died: '0', transferred: '2' }), beds, 4);
  assert.equal(checked.errors.size, 0);
  assert.equal(checked.input?.occupied, 190);
  assert.equal(checked.warnings.length, 2);
  assert.match(checked.warnings[0], /190 occupied in 181 beds \(9 over\)/);
  assert.match(checked.warnings[1], /4 the day before \+ 3 admitted − 1 discharged − 0 died − 2 transferred = 4/);
});

function plan(extra: Partial<PlanForm> = {}): PlanForm {
  return { within: 'KP', as_of: '2022-05-20', horizon_days: '14', deployment_days: '', min_retention_percent: '70', max_travel_hours: '8', ...extra };
}

test('a plan request carries what was filled in', () => {
  const checked = checkPlan(plan());
  assert.deepEqual(checked.input, { within: 'KP', as_of: '2022-05-20', horizon_days: 14, min_retention_percent: 70, max_travel_hours: 8 });
  assert.deepEqual(checkPlan(plan({ as_of: '', horizon_days: '', min_retention_percent: '', max_travel_hours: '', deployment_days: '30' })).input, {
    within: 'KP', deployment_days: 30,
  });
});

test('a plan request out of bounds is refused with the API’s wording', () => {
  const checked = checkPlan(plan({ as_of: '2022-13-01', horizon_days: '30', deployment_days: '0', min_retention_percent: 'x', max_travel_hours: '100' }));
  assert.equal(checked.input, null);
  assert.equal(checked.errors.get('as_of'), 'as_of: is not a date (expected "YYYY-MM-DD")');
  assert.equal(checked.errors.get('horizon_days'), 'horizon_days: 30 is not a whole number from 0 to 28');
  assert.equal(checked.errors.get('deployment_days'), 'deployment_days: 0 is not a whole number from 1 to 90');
  assert.equal(checked.errors.get('min_retention_percent'), 'min_retention_percent: "x" is not a whole number from 0 to 100');
  assert.equal(checked.errors.get('max_travel_hours'), 'max_travel_hours: 100 is not above 0 and at most 72');
});
