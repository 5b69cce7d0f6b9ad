import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

// The browser the outbox lives in, reduced to what it uses.
const storage = new Map<string, string>();
Object.assign(globalThis, {
  localStorage: {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => void storage.set(key, value),
    removeItem: (key: string) => void storage.delete(key),
  },
  window: { addEventListener() {}, removeEventListener() {}, setInterval: () => 0, clearInterval() {} },
});

type Answer = { status: number; body: unknown; replayed?: boolean } | 'network-down';
const sent: { key: string; body: unknown }[] = [];
let answers: Answer[] = [];
globalThis.fetch = (async (_url: string, init: RequestInit) => {
  const headers = init.headers as Record<string, string>;
  sent.push({ key: headers['Idempotency-Key'], body: JSON.parse(String(init.body)) });
  const answer = answers.shift() ?? { status: 201, body: { added: 1, corrected: 0, unchanged: 0, findings: { count: 0, findings: [] } } };
  if (answer === 'network-down') throw new TypeError('Failed to fetch');
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: answer.replayed ? { 'Idempotent-Replayed': 'true' } : {},
  });
}) as typeof fetch;

const { ReportQueue, newKey } = await import('../src/offline_queue');

const report = (date: string) => ({ region: 'KP-04-003', date, new_fever: 1, new_recovered: 0, new_deaths: 0, under_treatment: 1 });
const written = { status: 201, body: { added: 1, corrected: 0, unchanged: 0, findings: { count: 0, findings: [] } } };

beforeEach(() => {
  storage.clear();
  sent.length = 0;
  answers = [];
});

test('keys are version 4 UUIDs, each new', () => {
  const key = newKey();
  assert.match(key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(newKey(), key);
});

test('what the network cannot take stays, and goes out later with the same key', async () => {
  const queue = new ReportQueue('outbox');
  queue.add(report('2022-08-11'));
  answers = ['network-down'];
  await queue.flush();
  assert.equal(queue.items().length, 1);
  assert.equal(queue.items()[0].state, 'pending');
  assert.match(queue.lastProblem, /offline/);
  // A page opened later finds the outbox where the first left it.
  const later = new ReportQueue('outbox');
  answers = [written];
  await later.flush();
  assert.equal(later.items().length, 0);
  assert.equal(sent.length, 2);
  assert.equal(sent[0].key, sent[1].key);
  assert.equal(later.sent()[0].body.date, '2022-08-11');
});

test('a lost answer is resent with its key and the replay is taken as sent', async () => {
  const queue = new ReportQueue('outbox');
  queue.add(report('2022-08-12'));
  answers = ['network-down', { ...written, replayed: true }];
  await queue.flush();
  await queue.flush();
  assert.equal(queue.items().length, 0);
  assert.equal(queue.sent()[0].replayed, true);
  assert.equal(new Set(sent.map((s) => s.key)).size, 1);
});

test('reports go out oldest first, and a busy server keeps them for later', async () => {
  const queue = new ReportQueue('outbox');
  queue.add(report('2022-08-13'));
  queue.add(report('2022-08-14'));
  answers = [written, { status: 503, body: { error: { code: 'unavailable', message: 'busy', details: [] } } }];
  await queue.flush();
  assert.deepEqual(sent.map((s) => (s.body as { date: string }).date), ['2022-08-13', '2022-08-14']);
  assert.deepEqual(queue.items().map((i) => [i.body.date, i.state]), [['2022-08-14', 'pending']]);
});

test('a refused report waits for the sender, and does not hold back the others', async () => {
  const queue = new ReportQueue('outbox');
  queue.add(report('2022-05-20'));
  queue.add(report('2022-08-15'));
  answers = [{ status: 409, body: { error: { code: 'conflict', message: 'a correction needs a reason', details: ['KP-04-003 2022-05-20 was already reported'] } } }, written];
  await queue.flush();
  const items = queue.items();
  assert.equal(items.length, 1);
  assert.equal(items[0].state, 'rejected');
  assert.equal(items[0].error?.message, 'a correction needs a reason');
  assert.deepEqual(items[0].error?.details, ['KP-04-003 2022-05-20 was already reported']);
  await queue.flush();
  assert.equal(sent.length, 2, 'a refused report is not sent again by itself');
  queue.discard(items[0].key);
  assert.equal(queue.items().length, 0);
});

test('concurrent flushes share one run and send each report once', async () => {
  const queue = new ReportQueue('outbox');
  queue.add(report('2022-08-16'));
  await Promise.all([queue.flush(), queue.flush(), queue.flush()]);
  assert.equal(sent.length, 1);
});
