import assert from 'node:assert/strict';
import { test } from 'node:test';

import { checkReport, type ReportForm } from '../src/validation';

function form(counts: Partial<ReportForm['counts']>, extra: Partial<ReportForm> = {}): ReportForm {
  return {
    region: 'KP-04-003',
    date: '2022-08-10',
    counts: { new_fever: '', new_recovered: '', new_deaths: '', under_treatment: '', tested: '', positive: '', ...counts },
    reason: '',
    ...extra,
  };
}
const units = new Set(['KP-04-003']);
const complete = { new_fever: '12', new_recovered: '3', new_deaths: '0', under_treatment: '40' };

test('a complete report passes and becomes the API body', () => {
  const checked = checkReport(form({ ...complete, tested: '20', positive: '5' }, { reason: ' typo ' }), units);
  assert.equal(checked.errors.size, 0);
  assert.deepEqual(checked.input, {
    region: 'KP-04-003', date: '2022-08-10', new_fever: 12, new_recovered: 3, new_deaths: 0,
    under_treatment: 40, tested: 20, positive: 5, reason: 'typo',
  });
});

test('every bad count is named with the API’s wording', () => {
  const checked = checkReport(form({ new_fever: '1.5', new_recovered: 'x', new_deaths: '-3' }), units);
  assert.equal(checked.input, null);
  assert.equal(checked.errors.get('new_fever'), 'new_fever: "1.5" is not a whole number');
  assert.equal(checked.errors.get('new_recovered'), 'new_recovered: "x" is not a whole number');
  assert.equal(checked.errors.get('new_deaths'), 'new_deaths: -3 is negative');
  assert.equal(checked.errors.get('under_treatment'), 'under_treatment: is missing');
  assert.equal(checked.errors.has('tested'), false, 'tested is optional');
});

test('a count beyond what JSON carries exactly is refused', () => {
  const checked = checkReport(form({ ...complete, new_fever: '9007199254740993' }), units);
  assert.equal(checked.errors.get('new_fever'), 'new_fever: is too large');
});

test('dates must be real days, and the region one of the sender’s units', () => {
  assert.equal(checkReport(form(complete, { date: '2022-02-30' }), units).errors.get('date'),
    'date: "2022-02-30" is not a date (expected "YYYY-MM-DD")');
  assert.equal(checkReport(form(complete, { date: '' }), units).errors.get('date'), 'date: is missing');
  assert.equal(checkReport(form(complete, { region: 'KP-04-004' }), units).errors.get('region'),
    'region: "KP-04-004" is not a reporting unit of yours');
});

test('what the server only flags is a warning, not a refusal', () => {
  const checked = checkReport(form({ ...complete, tested: '10', positive: '11' }), units, 30);
  assert.notEqual(checked.input, null);
  assert.equal(checked.warnings.length, 2);
  assert.match(checked.warnings[0], /positive \(11\) exceeds tested \(10\)/);
  assert.match(checked.warnings[1], /the day before's 30 \+ 12 new − 3 recovered − 0 deaths = 39/);
  assert.equal(checkReport(form(complete), units, 31).warnings.length, 0, '31 + 12 - 3 - 0 = 40 holds');
});
