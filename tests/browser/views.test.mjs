// The supply, prevention levels and guidance views of the command-centre page in a real browser:
// playwright-core driving Debian's chromium against the real server (`outbreak serve --demo`) on
// a fresh database holding the demo and a user of each role concerned. Run by CTest
// (tests/CMakeLists.txt); screenshots go to $OUTBREAK_ARTIFACTS/screenshots.
//
//   OUTBREAK_BINARY=build/src/cli/outbreak OUTBREAK_WEB_DIR=web node tests/browser/views.test.mjs
//
// Exits 77 (CTest: skipped) when chromium is not installed.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  chromium, chromiumPath, dataDir, kChromiumArgs, kPassword, run, screenshots, startServer,
} from './harness.mjs';

const kUsers = [
  { name: 'hq', role: 'headquarters', region: 'KP' },
  { name: 'viewer', role: 'viewer', region: 'KP' },
  { name: 'supply', role: 'supply_officer', region: 'KP-04' },
  { name: 'team', role: 'guidance_team', region: 'KP' },
];
const kTimeoutMs = 15_000;
const kPlanTimeoutMs = 60_000;  // a distribution plan or a team plan is solved while the page waits

let workDir;
let server;
let base;
let browser;
const pageErrors = [];

async function api(path, { token, method = 'GET', body } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body) headers['Content-Type'] = 'application/json';
  const response = await fetch(base + path, { method, headers, body: body && JSON.stringify(body) });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function token(name) {
  return (await api('/api/v1/auth/login', { method: 'POST', body: { name, password: kPassword } })).token;
}

async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(kTimeoutMs);
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return { context, page };
}

async function shot(page, name) {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

async function signIn(page, name) {
  await page.goto(`${base}/#/signin`);
  await page.fill('#signin-name', name);
  await page.fill('#signin-password', kPassword);
  await page.click('button[type="submit"]');
  await page.waitForSelector(`[data-field="user"]:has-text("${name} ·")`);
}

async function text(page, selector) {
  return (await page.locator(selector).first().textContent()).trim();
}

before(async () => {
  mkdirSync(screenshots, { recursive: true });
  workDir = mkdtempSync(join(tmpdir(), 'outbreak-views-'));
  const db = join(workDir, 'outbreak.db');
  run(['--db', db, '--data-dir', dataDir, 'demo']);
  for (const user of kUsers) {
    run(['--db', db, 'user', 'add', user.name, '--role', user.role, '--region', user.region], `${kPassword}\n`);
  }
  const started = await startServer(db);
  server = started.child;
  base = `http://127.0.0.1:${started.port}`;
  browser = await chromium.launch({ executablePath: chromiumPath, args: kChromiumArgs });
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((done) => server.once('exit', done));
    server.kill('SIGTERM');
    await exited;
  }
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the supply, levels and guidance views', () => {
  test('a supply officer lands on his province’s supply, counties below minimum cover first', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'supply');
    await page.waitForFunction(() => location.hash === '#/supply/KP-04');
    await page.waitForSelector('h1:has-text("Supply: Jagang")');
    await page.fill('#supply-as-of', '2022-05-20');
    await page.dispatchEvent('#supply-as-of', 'change');
    await page.waitForFunction(() => location.hash === '#/supply/KP-04?as_of=2022-05-20');
    await page.waitForSelector('#cover-title:has-text("as of 2022-05-20")');

    const cover = await api('/api/v1/supply/cover?region=KP-04&as_of=2022-05-20');
    const below = new Set(cover.lines.filter((l) => l.status === 'below_minimum').map((l) => l.node));
    const counties = cover.lines.filter((l) => l.status === 'below_minimum' && l.kind === 'county_base');
    assert.ok(counties.length > 0, 'the demo has counties below their minimum cover on 2022-05-20');
    assert.equal(await text(page, '[data-field="cover-nodes-below"]'), String(below.size));
    assert.equal(await text(page, '[data-field="cover-lines-below"]'), String(cover.below_minimum));
    // Below minimum first, then the others; every county base below is flagged in its cell.
    const rows = await page.locator('#cover tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.below)));
    const firstClear = rows.findIndex((n) => n === 0);
    assert.ok(rows[0] > 0);
    if (firstClear >= 0) assert.ok(rows.slice(firstClear).every((n) => n === 0), `rows out of order: ${rows}`);
    const line = counties[0];
    const cell = page.locator(`#cover tr[data-node="${line.node}"] td[data-medicine="${line.medicine}"]`);
    assert.equal(await cell.getAttribute('data-status'), 'below_minimum');
    assert.match(await cell.getAttribute('class'), /\bbelow\b/);
    assert.match(await cell.textContent(), new RegExp(`^${line.cover_days.toFixed(1)}below$`));
    // The stock by medicine, as the API sums it.
    const stock = await api('/api/v1/supply/stock?region=KP-04&as_of=2022-05-20');
    const usable = stock.lines.filter((l) => l.medicine === 'PARA-500').reduce((sum, l) => sum + l.usable, 0);
    assert.equal(await text(page, '#stock tr[data-medicine="PARA-500"] [data-field="usable"]'), usable.toLocaleString('en-US'));
    await shot(page, 'supply-cover');

    // A lot recall from the lot list.
    await page.click('#stock details summary');
    await page.click('#stock tr[data-lot="PA-2204-117"] button');
    await page.waitForSelector('[data-field="recall-summary"]:has-text("Lot PA-2204-117")');
    assert.ok(await page.locator('#recall-result tr[data-node="PC-KP-04"]').count() === 1);
    // A province's supply officer finds the lot but may not order it recalled.
    assert.equal(await page.locator('form.recall-order').count(), 0);
    await context.close();
  });

  test('national headquarters stop a lot by a recall order and lift it', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'hq');
    await page.goto(`${base}/#/supply/KP-04?as_of=2022-05-20`);
    await page.waitForSelector('h1:has-text("Supply: Jagang")');
    await page.waitForSelector('#stock details summary');
    await page.click('#stock details summary');
    await page.click('#stock tr[data-lot="PA-2204-117"] button');
    await page.waitForSelector('form.recall-order');
    // No reason, no order.
    await page.click('form.recall-order button[type="submit"]');
    await page.waitForSelector('form.recall-order [role="alert"]:has-text("reason: is required")');
    await page.fill('#recall-reason', 'tablets crumbling');
    await page.click('form.recall-order button[type="submit"]');
    await page.waitForSelector('[data-field="recall-status"]:has-text("Recalled since")');
    const report = await api('/api/v1/supply/recall?medicine=PARA-500&lot=PA-2204-117');
    assert.equal(report.recall.status, 'active');
    assert.equal(report.recall.reason, 'tablets crumbling');
    await shot(page, 'supply-recall-ordered');
    await page.fill('#recall-reason', 'tablets within the norm after a second test');
    await page.click('form.recall-order button[type="submit"]');
    await page.waitForSelector('[data-field="recall-status"]:has-text("was lifted")');
    assert.equal((await api('/api/v1/supply/recall?medicine=PARA-500&lot=PA-2204-117')).recall.status, 'lifted');
    await context.close();
  });

  test('the headquarters proposes a distribution plan and reads its method and why', async () => {
    const hqToken = await token('hq');
    const { context, page } = await newPage();
    await signIn(page, 'hq');
    await page.click('#nav a:has-text("Supply")');
    await page.waitForFunction(() => location.hash === '#/supply/KP');
    await page.goto(`${base}/#/supply/KP-05?as_of=2022-05-20`);
    await page.waitForSelector('#cover-title:has-text("as of 2022-05-20")');
    assert.equal(await page.inputValue('#supply-plan-as-of'), '2022-05-20');
    assert.equal(await page.inputValue('#supply-plan-horizon-days'), '14');
    await page.click('.supply-plan-form button[type="submit"]');
    await page.waitForSelector('#supply-plan [data-field="supply-plan-status"]:has-text("proposed")', { timeout: kPlanTimeoutMs });
    const id = Number(await page.locator('#supply-plan-heading').getAttribute('data-plan'));
    const plan = await api(`/api/v1/supply/plans/${id}`, { token: hqToken });
    // South Hwanghae: on 20 May some of its nodes are short (Jagang, KP-04, is not).
    assert.equal(plan.scope, 'KP-05');
    assert.equal(plan.as_of, '2022-05-20');
    assert.equal(await text(page, '[data-field="supply-plan-method"]'), plan.method.replace(/_/g, ' '));
    assert.match(await text(page, '#supply-plan-method'), new RegExp(plan.method_reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    // At least one "why": the reasons the API gives for the nodes that get less.
    const short = plan.outcomes.filter((o) => o.unmet > 0);
    assert.ok(short.length > 0);
    const why = await page.locator('#supply-plan-why li').allTextContents();
    assert.ok(why.length >= 1);
    assert.ok(why.every((line) => short.some((o) => line.includes(o.why))), `every reason shown is the API's: ${why[0]}`);
    const para = plan.medicines.find((m) => m.medicine === 'PARA-500');
    assert.equal(await text(page, '#supply-plan tr[data-medicine="PARA-500"] [data-field="lambda"]'), `${(para.lambda * 100).toFixed(1)}%`);
    await shot(page, 'supply-plan-proposed');
    await context.close();
  });

  test('a supply officer approves, dispatches and receives in his province, and is refused outside it', async () => {
    const supplyToken = await token('supply');
    const created = await api('/api/v1/supply/shipments', {
      token: supplyToken,
      method: 'POST',
      body: { from: 'PC-KP-04', to: 'CO-KP-04-003', ship_day: '2022-05-21', arrival_day: '2022-05-22', lines: [{ medicine: 'PARA-500', quantity: 1000 }] },
    });
    const id = created.ids[0];
    const outside = (await api('/api/v1/supply/shipments?region=KP-04&status=planned', { token: supplyToken })).items.find((s) => s.from === 'CB-KP');
    assert.ok(outside, 'the demo plans a shipment from the central base to Jagang');

    const { context, page } = await newPage();
    await signIn(page, 'supply');
    const row = page.locator(`#shipments tr[data-shipment="${id}"]`);
    await row.waitFor();
    await row.locator('button[data-action="approve"]').click();
    await page.waitForSelector(`[data-field="shipment-outcome"]:has-text("Shipment ${id} approved")`);
    await row.locator('button[data-action="dispatch"]').click();
    await page.waitForSelector(`[data-field="shipment-outcome"]:has-text("Shipment ${id} dispatched")`);
    await page.waitForSelector(`#shipment-detail ol.custody li[data-step="dispatched"]:has-text("by supply")`);

    // Received one carton short: the loss reason is asked before anything is sent.
    await row.locator('button[data-action="receive"]').click();
    await page.fill('.receive-form input[name="received"]', '940');
    await page.click('.receive-form button[type="submit"]');
    await page.waitForSelector('.receive-form .form-summary.error:has-text("a shortfall needs a loss_reason")');
    assert.equal((await api(`/api/v1/supply/shipments/${id}`, { token: supplyToken })).status, 'dispatched');
    await page.fill('.receive-form input[name="loss_reason"]', 'one carton crushed');
    await page.click('.receive-form button[type="submit"]');
    await page.waitForSelector(`[data-field="shipment-outcome"]:has-text("Shipment ${id} received")`);
    const received = await api(`/api/v1/supply/shipments/${id}`, { token: supplyToken });
    assert.equal(received.status, 'received');
    assert.deepEqual(received.lots.map((l) => [l.sent, l.received, l.lost, l.loss_reason]), [[1000, 940, 60, 'one carton crushed']]);
    assert.deepEqual(received.custody.map((c) => [c.step, c.by]), [['planned', 'supply'], ['approved', 'supply'], ['dispatched', 'supply'], ['received', 'supply']]);
    await shot(page, 'supply-shipment-received');

    // The central base's shipment to Jagang: only an officer of the sending end approves it.
    await page.locator(`#shipments tr[data-shipment="${outside.id}"] button[data-action="approve"]`).click();
    const refusal = page.locator('#shipment-result .error[data-status="403"]');
    await refusal.waitFor();
    assert.match(await refusal.textContent(), /^Not allowed \(403\): .*CB-KP.*outside your region KP-04/);
    assert.equal((await api(`/api/v1/supply/shipments/${outside.id}`, { token: supplyToken })).status, 'planned');
    await shot(page, 'supply-approve-refused');
    await context.close();

    // A viewer, on a phone, reads the shipments with no step to take.
    const viewer = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(viewer.page, 'viewer');
    await viewer.page.goto(`${base}/#/supply/KP-04`);
    await viewer.page.waitForSelector(`#shipments tr[data-shipment="${id}"]`);
    assert.equal(await viewer.page.locator('#shipments button[data-action]').count(), 0);
    assert.equal(await viewer.page.locator('.supply-plan-form').count(), 0);
    const width = await viewer.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the supply view is ${width}px wide on a 390px phone`);
    await shot(viewer.page, 'supply-viewer-phone');
    await viewer.context.close();
  });

  test('a supply officer adopts a plan, approves a sending node’s first day from its work queue and dispatches it from the plan', async () => {
    const supplyToken = await token('supply');
    // Planned from a few days on, so that no line of it repeats a shipment of the tests before.
    const proposed = await api('/api/v1/supply/plans', {
      token: supplyToken,
      method: 'POST',
      body: { within: 'KP-04', as_of: '2022-05-25', horizon_days: 14 },
    });
    const nodes = (await api('/api/v1/supply/nodes?region=KP-04&limit=1000')).items.map((n) => n.code);
    const firstDay = proposed.shipments.map((s) => s.dispatch_day).sort()[0];
    const sender = proposed.shipments.find((s) => s.dispatch_day === firstDay && nodes.includes(s.from))?.from;
    assert.ok(sender, `a node of Jagang sends on ${firstDay}, the plan's first day`);

    const { context, page } = await newPage();
    await signIn(page, 'supply');
    await page.goto(`${base}/#/supply/KP-04?as_of=2022-05-25&plan=${proposed.id}`);
    await page.waitForSelector(`#supply-plan-heading[data-plan="${proposed.id}"]`);
    await page.click('#supply-adopt');
    await page.waitForSelector('#supply-plan [data-field="supply-plan-status"]:has-text("adopted")');
    assert.match(await text(page, '#supply-adopt-result'), new RegExp(`^Plan ${proposed.id} adopted`));

    // The sender's work queue on that day: what it has to approve, as the API lists it.
    await page.selectOption('#queue-node', sender);
    await page.fill('#queue-day', firstDay);
    await page.click('#queue-form button[type="submit"]');
    await page.waitForSelector(`#queue-heading[data-node="${sender}"][data-day="${firstDay}"]`);
    const queue = await api(`/api/v1/supply/queue?node=${sender}&day=${firstDay}`, { token: supplyToken });
    const approving = queue.to_approve.length;
    assert.ok(approving > 0, `${sender} has shipments to approve by ${firstDay}`);
    assert.equal(await page.locator('#queue-to-approve').getAttribute('data-count'), String(approving));
    assert.equal(await text(page, '[data-field="queue-overdue"]'), String(queue.overdue));
    assert.equal(await text(page, '#queue-approve-all'), `Approve all ${approving}`);
    await page.click('#queue-approve-all');
    const outcome = page.locator('#queue-result [data-field="queue-outcome"]');
    await outcome.waitFor();
    assert.match(await outcome.textContent(), new RegExp(`^${approving} shipments? approved: all those leaving .+ by ${firstDay}\\.$`));
    // The queue is read again: those approved are now to dispatch, none is left to approve.
    await page.waitForSelector(`#queue-to-dispatch[data-count="${approving + queue.to_dispatch.length}"]`);
    assert.equal(await page.locator('#queue-to-approve').getAttribute('data-count'), '0');
    assert.ok(await page.locator('#queue-to-dispatch tbody tr').count() > 0);
    for (const s of queue.to_approve) {
      assert.equal((await api(`/api/v1/supply/shipments/${s.id}`, { token: supplyToken })).status, 'approved');
    }
    await shot(page, 'supply-queue-approved');

    // From the adopted plan: dispatch those approved and due by its first day, in bulk.
    assert.equal(await page.inputValue('#supply-plan-through'), firstDay);
    assert.equal(await text(page, '#supply-plan-dispatch-due'), `Dispatch those due by ${firstDay}`);
    await page.click('#supply-plan-dispatch-due');
    const dispatched = page.locator('#supply-plan-bulk-result [data-field="supply-plan-bulk-outcome"]');
    await dispatched.waitFor();
    assert.equal(await dispatched.getAttribute('data-count'), String(approving));
    assert.match(await dispatched.textContent(), new RegExp(`^${approving} shipments? of plan ${proposed.id} dispatched`));
    await page.waitForSelector(`#queue-to-dispatch[data-count="${queue.to_dispatch.length}"]`);
    const sent = await api(`/api/v1/supply/shipments/${queue.to_approve[0].id}`, { token: supplyToken });
    assert.equal(sent.status, 'dispatched');
    assert.deepEqual(sent.custody.map((c) => [c.step, c.by]).slice(-2), [['approved', 'supply'], ['dispatched', 'supply']]);
    await context.close();
  });

  test('a guidance team lands on the adopted plan’s 13 teams and the plenary report', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'team');
    await page.waitForFunction(() => location.hash.startsWith('#/guidance'));
    await page.waitForSelector('#team-plan tbody tr[data-team]');
    const plans = await api('/api/v1/guidance/plans');
    const adopted = plans.items.find((p) => p.status === 'adopted');
    assert.equal(adopted.teams.length, 13);
    assert.equal(await page.locator('#team-plan tbody tr[data-team]').count(), 13);
    assert.equal(await text(page, '[data-field="team-plan-status"]'), 'adopted');
    const jagang = adopted.teams.find((t) => t.area === 'KP-04');
    assert.match(await text(page, '#team-plan tr[data-area="KP-04"] [data-field="leader"]'), new RegExp(jagang.leader.name));
    assert.ok(await page.locator('#team-propose').isHidden(), 'a team does not form teams');
    // The report to the plenary meeting, built from its Markdown: a section per province.
    await page.waitForSelector('#plenary-report h3:has-text("Jagang (KP-04)")');
    assert.equal(await page.locator('#plenary-report h3').count(), 13);
    assert.ok(await page.locator('#plenary-report table').count() >= 13);
    await shot(page, 'guidance-team');
    await context.close();

    // The headquarters proposes a new plan with the needs kept and an official left out.
    const hq = await newPage();
    await signIn(hq.page, 'hq');
    await hq.page.click('#nav a:has-text("Guidance")');
    await hq.page.waitForSelector('#team-exclude-official option[value="GT-S08"]', { state: 'attached' });
    await hq.page.selectOption('#team-exclude-official', 'GT-S08');
    await hq.page.click('#team-exclude-add');
    await hq.page.click('.team-form button[type="submit"]');
    await hq.page.waitForSelector('#team-plan [data-field="team-plan-status"]:has-text("proposed")', { timeout: kPlanTimeoutMs });
    const id = Number(await hq.page.locator('#team-plan-heading').getAttribute('data-plan'));
    const proposed = await api(`/api/v1/guidance/plans/${id}`);
    assert.deepEqual(proposed.excluded, ['GT-S08']);
    assert.ok(proposed.teams.every((t) => t.members.every((m) => m.code !== 'GT-S08')));
    assert.equal(await hq.page.locator('#team-plan tbody tr[data-team]').count(), proposed.teams.length);
    await shot(hq.page, 'guidance-plan-proposed');
    await hq.context.close();
  });

  test('the headquarters runs the level rules on a day and decides a proposal with a reason', async () => {
    const hqToken = await token('hq');
    // A viewer reads the levels, with nothing to decide.
    const viewer = await newPage();
    await signIn(viewer.page, 'viewer');
    await viewer.page.click('#nav a:has-text("Levels")');
    await viewer.page.waitForSelector('#levels-current tr[data-region="KP-04"] [data-field="level"]');
    assert.equal(await viewer.page.locator('#levels-evaluate').count(), 0);
    await viewer.context.close();

    const { context, page } = await newPage();
    await signIn(page, 'hq');
    await page.goto(`${base}/#/levels/KP?as_of=2022-07-05`);
    await page.waitForSelector('#levels-current-title:has-text("as of 2022-07-05")');
    const levels = await api('/api/v1/levels?region=KP&as_of=2022-07-05');
    const jagang = levels.levels.find((l) => l.region === 'KP-04');
    assert.equal(await page.locator('#levels-current tr[data-region="KP-04"]').getAttribute('data-level'), jagang.level);
    await page.waitForSelector('#replay svg.timeline');
    await page.waitForSelector('#task-list tr[data-task]');

    await page.click('#levels-evaluate:has-text("2022-07-05")');
    await page.waitForSelector('[data-field="evaluate-result"]');
    const pending = await api('/api/v1/levels/proposals?region=KP&status=pending', { token: hqToken });
    assert.ok(pending.total > 0, 'the rules propose lowering a level on 2022-07-05');
    await page.waitForSelector('#proposal-list li[data-proposal]');
    assert.equal(await page.locator('#proposal-list li[data-proposal]').count(), pending.total);
    const proposal = pending.items[0];
    const item = page.locator(`#proposal-list li[data-proposal="${proposal.id}"]`);
    assert.equal(await item.locator('ul.triggers li').count(), proposal.triggers.length);
    await shot(page, 'levels-proposals');

    // No reason: refused on the page, nothing sent.
    const posts = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().includes('/decide') && posts.push(r));
    await item.locator('button[type="submit"]').click();
    await page.waitForSelector(`#decide-${proposal.id}-reason-error:has-text("reason: is required")`);
    assert.equal(posts.length, 0);
    await item.locator('select[name="decision"]').selectOption('accept');
    await item.locator('input[name="reason"]').fill('fewer than 200 new cases per 100,000 for a week');
    await item.locator('button[type="submit"]').click();
    await page.waitForSelector(`[data-field="decision-result"]:has-text("Proposal ${proposal.id}")`);
    const decided = (await api('/api/v1/levels/proposals?region=KP', { token: hqToken })).items.find((p) => p.id === proposal.id);
    assert.equal(decided.status, 'accepted');
    const decisions = await api('/api/v1/levels/decisions?region=KP', { token: hqToken });
    const decision = decisions.items.find((d) => d.proposal === proposal.id);
    assert.equal(decision.reason, 'fewer than 200 new cases per 100,000 for a week');
    assert.equal(decision.decided_by, 'hq');
    await page.waitForSelector(`#decision-list tr[data-decision="${decision.id}"]`);
    await page.waitForSelector(`#levels-current tr[data-region="${proposal.region}"][data-level="${proposal.to_level}"]`);
    await shot(page, 'levels-decided');
    await context.close();
  });

  test('raised no error in any page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
