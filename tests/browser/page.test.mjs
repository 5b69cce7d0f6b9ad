// The command-centre page in a real browser: playwright-core driving Debian's chromium against
// the real server (`outbreak serve --demo`) on a fresh database holding the demo and one user of
// each role. Run by CTest (tests/CMakeLists.txt); screenshots of every page go to
// $OUTBREAK_ARTIFACTS/screenshots, the measured load times to $OUTBREAK_ARTIFACTS/page-metrics.json.
//
//   OUTBREAK_BINARY=build/src/cli/outbreak OUTBREAK_WEB_DIR=web node tests/browser/page.test.mjs
//
// Exits 77 (CTest: skipped) when chromium is not installed.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  artifacts, chromium, chromiumPath, dataDir, kChromiumArgs, kPassword, run, screenshots, startServer,
} from './harness.mjs';

const kUsers = [
  { name: 'hq', role: 'headquarters', region: 'KP' },
  { name: 'admin', role: 'admin', region: 'KP' },
  { name: 'viewer', role: 'viewer', region: 'KP' },
  { name: 'officer', role: 'province_officer', region: 'KP-04' },
  { name: 'clerk', role: 'county_clerk', region: 'KP-04-003' },
  { name: 'centre', role: 'treatment_centre', region: 'KP-04-003' },
  // The headquarters role with a province as its region: it may adopt plans, but not the nation's.
  { name: 'hq-jagang', role: 'headquarters', region: 'KP-04' },
];
const kCounty = 'KP-04-003';  // Manpho-si, Jagang
const kTimeoutMs = 15_000;

let workDir;
let server;
let base;
let browser;
const metrics = {};
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

async function figure(page, field) {
  return (await page.locator(`[data-field="${field}"]`).textContent()).trim();
}

// Fills the daily report form and sends it.
async function fileReport(page, date, counts) {
  await page.waitForSelector(`#report-region option[value="${kCounty}"]`, { state: 'attached' });
  await page.fill('#report-date', date);
  await page.dispatchEvent('#report-date', 'change');
  for (const [field, value] of Object.entries(counts)) await page.fill(`#report-${field.replace(/_/g, '-')}`, String(value));
  await page.click('.report-form button[type="submit"]');
}

async function reportsOn(date, tokenValue) {
  return api(`/api/v1/reports?region=${kCounty}&from=${date}&to=${date}`, { token: tokenValue });
}

// Audit entries of new reports from the county's clerk that include the day.
async function auditedAdds(date, hqToken) {
  const audit = await api('/api/v1/audit?user=clerk&action=reports.add&limit=1000', { token: hqToken });
  return audit.items.filter((e) => e.new && e.new.from <= date && date <= e.new.to);
}

before(async () => {
  mkdirSync(screenshots, { recursive: true });
  workDir = mkdtempSync(join(tmpdir(), 'outbreak-browser-'));
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
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(join(artifacts, 'page-metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
  console.log(`page metrics: ${JSON.stringify(metrics)}`);
});

describe('the command-centre page', () => {
  test('opens on the demo without signing in, and paints quickly', async () => {
    const { context, page } = await newPage();
    await page.goto(`${base}/`);
    await page.waitForSelector('[data-field="new-fever"]');
    await page.waitForSelector('a.map-cell');
    const timing = await page.evaluate(() => {
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      const sitrep = performance.getEntriesByName('outbreak:sitrep-shown')[0];
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        first_contentful_paint_ms: paint ? Math.round(paint.startTime) : null,
        sitrep_shown_ms: sitrep ? Math.round(sitrep.startTime) : null,
        dom_content_loaded_ms: nav ? Math.round(nav.domContentLoadedEventEnd) : null,
        // The page itself (index, scripts, style sheet), as sent over the wire.
        page_transfer_bytes: performance.getEntriesByType('resource')
          .filter((r) => new URL(r.name).pathname.startsWith('/assets/'))
          .concat(nav ? [nav] : [])
          .reduce((sum, r) => sum + (r.transferSize || 0), 0),
      };
    });
    Object.assign(metrics, timing);
    assert.match(await page.locator('#who').textContent(), /Sign in/);
    assert.match(page.url(), /#\/overview\/KP$/);
    await shot(page, 'demo-overview');
    await context.close();
  });

  test('signs each role in to its view', async () => {
    const expected = {
      hq: { hash: '#/overview/KP', heading: 'DPR Korea' },
      admin: { hash: '#/overview/KP', heading: 'DPR Korea' },
      viewer: { hash: '#/overview/KP', heading: 'DPR Korea' },
      officer: { hash: '#/overview/KP-04', heading: 'Jagang' },
      clerk: { hash: '#/report', heading: 'Daily report' },
      centre: { hash: `#/care/${kCounty}`, heading: 'Care: Manpho-si' },
      'hq-jagang': { hash: '#/overview/KP-04', heading: 'Jagang' },
    };
    for (const user of kUsers) {
      const { context, page } = await newPage();
      await signIn(page, user.name);
      const want = expected[user.name];
      await page.waitForFunction((hash) => location.hash === hash, want.hash);
      await page.waitForSelector(`h1:has-text("${want.heading}")`);
      assert.match(await page.locator('[data-field="user"]').textContent(), new RegExp(user.role.replace(/_/g, ' ')));
      const mayReport = ['hq', 'admin', 'officer', 'clerk', 'hq-jagang'].includes(user.name);
      assert.equal(await page.locator('#nav a[href="#/report"]').count(), mayReport ? 1 : 0, user.name);
      if (user.name === 'clerk') {
        await page.waitForSelector(`#report-region option[value="${kCounty}"]`, { state: 'attached' });
        assert.equal(await page.locator('#report-region').inputValue(), kCounty);
        assert.equal(await page.locator('#report-region option').count(), 1);
      } else if (user.name === 'centre') {
        await page.waitForSelector('[data-field="care-beds"]');
      } else {
        await page.waitForSelector('[data-field="new-fever"]');
      }
      await shot(page, `signed-in-${user.role}`);
      await context.close();
    }
  });

  test('refuses a wrong password with the server’s message', async () => {
    const { context, page } = await newPage();
    await page.goto(`${base}/#/signin`);
    await page.fill('#signin-name', 'hq');
    await page.fill('#signin-password', 'not-the-password');
    await page.click('button[type="submit"]');
    await page.waitForSelector('.signin .form-summary.error');
    assert.ok((await page.locator('.signin .form-summary').textContent()).length > 0);
    assert.equal(await page.locator('[data-field="user"]').count(), 0);
    await shot(page, 'signin-refused');
    await context.close();
  });

  test('shows the published national figures as of 2022-05-20, and drills into a province', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'hq');
    await page.waitForSelector('[data-field="new-fever"]');
    await page.fill('#as-of', '2022-05-20');
    await page.dispatchEvent('#as-of', 'change');
    await page.waitForSelector('#sitrep-title:has-text("as of 2022-05-20")');
    await page.waitForSelector('.sitrep-body[data-as-of="2022-05-20"]');
    // The figures KCNA published for the day (data/README.md).
    assert.equal(await figure(page, 'new-fever'), '219,030');
    assert.equal(await figure(page, 'cumulative-deaths'), '66');
    assert.equal(await figure(page, 'under-treatment'), '692,480');
    assert.equal(await page.locator('a.map-cell').count(), 13);
    assert.equal(await page.locator('table.children tbody tr').count(), 13);
    await page.waitForSelector('[data-chart="rt"]');
    await page.waitForSelector('[data-chart="forecast"]');
    // Beside EpiEstim's window, the daily filter's R_t as it could be known on the day.
    await page.waitForFunction(() =>
      /Daily filter on 2022-05-20, with the data up to that day: \d\.\d\d/.test(
        document.querySelector('[data-chart="rt"] .chart-summary')?.textContent ?? ''));
    // The forecast's recent skill is written under its fan, and why plans do not rest on it.
    const fanText = await page.locator('[data-chart="forecast"] .chart-summary').textContent();
    assert.match(fanText, /WARNING: too little data/);
    assert.match(fanText, /Skill lately \(too little data\): 7 d: 0 recent origin\(s\) scored/);
    await shot(page, 'overview-2022-05-20');

    // Drill down: a click where Jagang's centre is drawn.
    const centre = await page.locator('circle[data-region="KP-04"]').boundingBox();
    await page.mouse.click(centre.x + centre.width / 2, centre.y + centre.height / 2);
    await page.waitForFunction(() => location.hash === '#/overview/KP-04?as_of=2022-05-20');
    await page.waitForSelector('h1:has-text("Jagang")');
    await page.waitForSelector('.sitrep-body[data-as-of="2022-05-20"]');
    const province = await api('/api/v1/sitrep?region=KP-04&as_of=2022-05-20');
    assert.equal(await figure(page, 'new-fever'), province.new.fever.toLocaleString('en-US'));
    assert.equal(await figure(page, 'under-treatment'), province.under_treatment.toLocaleString('en-US'));
    assert.equal(await page.locator('a.map-cell').count(), province.children.length);
    assert.match(await page.locator('.crumbs').textContent(), /DPR Korea/);
    await page.waitForSelector('[data-chart="forecast"]');
    await shot(page, 'province-KP-04');

    // And by keyboard, into a county: focus its cell and press Enter.
    await page.focus(`a.map-cell[data-region="${kCounty}"]`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('h1:has-text("Manpho-si")');
    await page.waitForSelector('#map-title:has-text("Reporting unit")');
    await shot(page, 'county-KP-04-003');
    await page.goBack();
    await page.waitForSelector('h1:has-text("Jagang")');
    await context.close();
  });

  test('reads on a phone', async () => {
    const { context, page } = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`${base}/#/overview/KP?as_of=2022-05-20`);
    await page.waitForSelector('[data-field="new-fever"]');
    await page.waitForSelector('a.map-cell');
    // A phone widens its layout to fit content that is too wide: the page must fit in 390 px.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width}px wide on a 390px phone`);
    await shot(page, 'phone-overview');
    await signIn(page, 'clerk');
    await page.waitForSelector('.report-form');
    await shot(page, 'phone-report-form');
    await context.close();
  });

  test('checks the daily form as the API does, and shows the server’s refusal', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'clerk');
    const posts = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/api/v1/reports') && posts.push(r));
    await fileReport(page, '2022-08-20', { new_fever: 3, new_recovered: 'x', new_deaths: -3 });
    await page.waitForSelector('.report-form .form-summary.error');
    assert.equal(await page.locator('#report-new-deaths-error').textContent(), 'new_deaths: -3 is negative');
    assert.equal(await page.locator('#report-new-recovered-error').textContent(), 'new_recovered: "x" is not a whole number');
    assert.equal(await page.locator('#report-under-treatment-error').textContent(), 'under_treatment: is missing');
    assert.equal(await page.locator('#report-new-deaths').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#pending li').count(), 0);
    assert.equal(posts.length, 0, 'nothing is sent while the form has errors');
    await shot(page, 'report-form-errors');

    // A day already reported without a reason: the server refuses it, and says why.
    await fileReport(page, '2022-05-20', { new_fever: 1, new_recovered: 1, new_deaths: 0, under_treatment: 5 });
    await page.waitForSelector('#pending li.rejected');
    const refusal = await page.locator('.report-form .form-summary').textContent();
    assert.match(refusal, /a correction needs a reason/);
    assert.match(refusal, /KP-04-003 2022-05-20 was already reported/);
    await shot(page, 'report-refused');
    await page.click('#pending li.rejected button:has-text("Discard")');
    await page.waitForFunction(() => document.querySelectorAll('#pending li').length === 0);
    await context.close();
  });

  test('a county report appears live at the headquarters', async () => {
    const hq = await newPage();
    await signIn(hq.page, 'hq');
    await hq.page.waitForSelector('[data-field="new-fever"]');
    await hq.page.waitForSelector('#status[data-live="open"]');
    const clerk = await newPage();
    await signIn(clerk.page, 'clerk');
    await clerk.page.waitForSelector('#status[data-live="open"]');
    await fileReport(clerk.page, '2022-08-10', { new_fever: 12, new_recovered: 0, new_deaths: 0, under_treatment: 12 });
    await clerk.page.waitForSelector(`#sent li[data-date="2022-08-10"]`);
    const item = hq.page.locator(`#feed li[data-region="${kCounty}"][data-date="2022-08-10"][data-type="report.added"]`);
    await item.waitFor();
    assert.match(await item.textContent(), /Manpho-si .*12 new fever/);
    // The situation report follows without a reload: it stays on the last complete day, and
    // shows 2022-08-10 beside it as provisional (1 of 208 units so far).
    await hq.page.waitForSelector('.sitrep-body[data-as-of="2022-08-09"] [data-field="provisional"]:has-text("2022-08-10")');
    await hq.page.waitForSelector('.updated:has-text("live feed")');
    await shot(hq.page, 'live-headquarters');
    await shot(clerk.page, 'live-clerk-sent');
    await hq.context.close();
    await clerk.context.close();
  });

  test('a report made offline lands exactly once when the line returns', async () => {
    const hqToken = await token('hq');
    const { context, page } = await newPage();
    await signIn(page, 'clerk');
    await page.waitForSelector(`#report-region option[value="${kCounty}"]`, { state: 'attached' });
    await context.setOffline(true);
    await page.waitForSelector('#status[data-online="false"]');
    await fileReport(page, '2022-08-11', { new_fever: 7, new_recovered: 2, new_deaths: 0, under_treatment: 17 });
    await page.waitForSelector('#pending li[data-date="2022-08-11"]');
    assert.match(await page.locator('.outbox .network').textContent(), /Offline/);
    assert.equal((await reportsOn('2022-08-11', hqToken)).total, 0, 'nothing reaches the server while offline');
    await shot(page, 'offline-pending');
    // Still offline, the outbox survives a retry that fails.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForTimeout(300);
    assert.equal(await page.locator('#pending li').count(), 1);

    await context.setOffline(false);
    await page.waitForFunction(() => document.querySelectorAll('#pending li').length === 0, null, { timeout: 30_000 });
    await page.waitForSelector('#sent li[data-date="2022-08-11"]');
    assert.equal((await reportsOn('2022-08-11', hqToken)).total, 1);
    const history = await api(`/api/v1/reports/${kCounty}/2022-08-11/history`, { token: hqToken });
    assert.equal(history.versions.length, 1);
    assert.equal((await auditedAdds('2022-08-11', hqToken)).length, 1);
    await shot(page, 'offline-sent');
    await context.close();
  });

  test('a report whose answer is lost is sent again and still lands once', async () => {
    const hqToken = await token('hq');
    const { context, page } = await newPage();
    await signIn(page, 'clerk');
    const keys = [];
    let lose = true;
    // The first POST reaches the server and is written, but its answer never comes back.
    let firstAnswered;
    const firstWritten = new Promise((resolve) => { firstAnswered = resolve; });
    await page.route('**/api/v1/reports', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key']);
      if (!lose) return route.continue();
      lose = false;
      const answer = await route.fetch();
      firstAnswered(answer.status());
      await route.abort('connectionreset');
    });
    await fileReport(page, '2022-08-12', { new_fever: 4, new_recovered: 1, new_deaths: 0, under_treatment: 20 });
    await page.waitForSelector('#pending li[data-date="2022-08-12"]');
    // The outbox lists the report as pending while it is on its way: read only once the server
    // has answered the first attempt (the page never sees that answer).
    assert.equal(await firstWritten, 201, 'the server accepted the first attempt');
    assert.equal((await reportsOn('2022-08-12', hqToken)).total, 1, 'the first attempt was written');
    // The line "returns": the outbox sends again with the same key.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForSelector('#sent li[data-date="2022-08-12"]:has-text("already had it")');
    assert.equal(keys.length, 2);
    assert.equal(keys[0], keys[1], 'the resend carries the same Idempotency-Key');
    assert.equal((await reportsOn('2022-08-12', hqToken)).total, 1);
    const history = await api(`/api/v1/reports/${kCounty}/2022-08-12/history`, { token: hqToken });
    assert.equal(history.versions.length, 1);
    assert.equal((await auditedAdds('2022-08-12', hqToken)).length, 1);
    await shot(page, 'lost-answer-replayed');
    await context.close();
  });

  test('the headquarters reads the care of the nation, proposes a deployment plan and adopts it', async () => {
    const hqToken = await token('hq');
    const { context, page } = await newPage();
    await signIn(page, 'hq');
    await page.waitForSelector('[data-field="new-fever"]');
    // From the overview to the care view by keyboard, on the day the overview shows.
    await page.focus('#nav a:has-text("Care")');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#/care/KP');
    await page.waitForSelector('h1:has-text("Care: DPR Korea")');
    await page.fill('#care-as-of', '2022-05-20');
    await page.dispatchEvent('#care-as-of', 'change');
    await page.waitForFunction(() => location.hash === '#/care/KP?as_of=2022-05-20');
    await page.waitForSelector('#occupancy-title:has-text("as of 2022-05-20")');

    // Occupancy and workforce as the API gives them.
    const occupancy = await api('/api/v1/care/occupancy?region=KP&as_of=2022-05-20');
    assert.equal(await figure(page, 'care-beds'), occupancy.beds.toLocaleString('en-US'));
    assert.equal(await figure(page, 'care-occupied'), occupancy.occupied.toLocaleString('en-US'));
    assert.equal(await figure(page, 'care-occupancy'), `${(occupancy.occupancy * 100).toFixed(1)}%`);
    assert.equal(await figure(page, 'care-centres'), String(occupancy.centres.length));
    // The 13 provinces, and the headquarters' own mobile units.
    assert.equal(await page.locator('#occupancy tr[data-region]').count(), 14);
    assert.match(await page.locator('#occupancy tr[data-region="KP-04"]').textContent(), /Jagang 자강도/);
    await page.waitForSelector('#workforce-title:has-text("as of 2022-05-20")');
    const workforce = await api('/api/v1/care/workforce?region=KP&as_of=2022-05-20&level=1');
    const doctors = workforce.lines.filter((l) => l.category === 'doctor');
    for (const field of ['on_duty', 'ill', 'quarantined', 'resting']) {
      const sum = doctors.reduce((total, l) => total + l[field], 0);
      assert.equal(await page.locator(`#workforce tr[data-category="doctor"] [data-field="${field}"]`).textContent(), sum.toLocaleString('en-US'), field);
    }
    assert.equal(await page.locator('#workforce tbody tr[data-category]').count(), 8);
    assert.match(await figure(page, 'protection-findings'), new RegExp(`^${workforce.findings.length} findings: .*rest rule`));
    await shot(page, 'care-nation');

    // Propose a plan for the provinces, as of the day shown, 14 days ahead.
    assert.equal(await page.inputValue('#plan-as-of'), '2022-05-20');
    assert.equal(await page.inputValue('#plan-horizon-days'), '14');
    await page.click('.plan-form button[type="submit"]');
    await page.waitForSelector('#plan [data-field="plan-status"]:has-text("proposed")', { timeout: 30_000 });
    const id = Number(await page.locator('#plan-heading').getAttribute('data-plan'));
    assert.ok(page.url().endsWith(`#/care/KP?as_of=2022-05-20&plan=${id}`), page.url());
    const proposed = await api(`/api/v1/care/plans/${id}`, { token: hqToken });
    assert.equal(proposed.status, 'proposed');
    assert.equal(await page.locator('#plan-category-tables tr[data-from]').count(), proposed.deployments.filter((d) => d.category === 'doctor').length);
    // The forecast of 20 May rests on 9 days of data: the plan says it is not used.
    assert.match(await page.locator('#plan').textContent(), /WARNING: the forecast is not used for any region/);
    // Rason is the worst province for doctors before (docs/care.md), and its load falls.
    const doctorPlan = proposed.categories.find((c) => c.category === 'doctor');
    assert.equal(doctorPlan.worst_before.region, 'KP-13');
    assert.match(await page.locator('#plan tr[data-category="doctor"] [data-field="worst-before"]').textContent(), /Rason 라선 30\.7/);
    const worst = page.locator('#plan-category-tables tr[data-region="KP-13"]');
    const before = Number(await worst.locator('[data-field="load-before"]').textContent());
    const after = Number(await worst.locator('[data-field="load-after"]').textContent());
    const line = doctorPlan.regions.find((r) => r.region === 'KP-13');
    assert.equal(before, Number(line.per_worker_before.toFixed(1)));
    assert.equal(after, Number(line.per_worker_after.toFixed(1)));
    assert.ok(after < before, `Rason's doctors: ${before} → ${after}`);
    // Another category, chosen from the list: Kaesong is the worst for nurses.
    await page.selectOption('#plan-category', 'nurse');
    await page.waitForSelector('#plan-category-tables caption:has-text("Nurses")');
    const nurses = page.locator('#plan-category-tables tr[data-region="KP-15"]');
    assert.ok(Number(await nurses.locator('[data-field="load-after"]').textContent()) < Number(await nurses.locator('[data-field="load-before"]').textContent()));
    await shot(page, 'care-plan-proposed');

    // Adopt it with one button; the API confirms.
    await page.click('#adopt-plan');
    await page.waitForSelector('#plan [data-field="plan-status"]:has-text("adopted")');
    assert.match(await page.locator('#adopt-result').textContent(), new RegExp(`Plan ${id} adopted`));
    assert.equal(await page.locator('#adopt-plan').count(), 0);
    const adopted = await api(`/api/v1/care/plans/${id}`, { token: hqToken });
    assert.equal(adopted.status, 'adopted');
    assert.equal(adopted.adopted_by, 'hq');
    await page.waitForSelector(`#plan-list li[data-plan="${id}"][data-status="adopted"]`);
    await shot(page, 'care-plan-adopted');

    // On the deployments' first day, the doctors sent away count where they went.
    await page.click('#adopt-result a');
    await page.waitForSelector(`#workforce-title:has-text("as of ${adopted.start}")`);
    const sent = adopted.deployments.filter((d) => d.category === 'doctor').reduce((total, d) => total + d.workers, 0);
    assert.equal(await page.locator('#workforce tr[data-category="doctor"] [data-field="deployed_away"]').textContent(), sent.toLocaleString('en-US'));
    await context.close();
  });

  test('a viewer reads a plan but has no adopt button; a refused adoption is shown', async () => {
    const hqToken = await token('hq');
    const plan = await api('/api/v1/care/plans', { token: hqToken, method: 'POST', body: { as_of: '2022-05-20', horizon_days: 0 } });
    const viewer = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(viewer.page, 'viewer');
    await viewer.page.click('#nav a:has-text("Care")');
    // The newest plan for the nation is shown.
    await viewer.page.waitForSelector(`#plan-heading[data-plan="${plan.id}"]`);
    assert.equal(await figure(viewer.page, 'plan-status'), 'proposed');
    await viewer.page.waitForSelector('#adopt-note');
    assert.equal(await viewer.page.locator('#adopt-plan').count(), 0);
    assert.equal(await viewer.page.locator('.plan-form').count(), 0, 'a viewer proposes no plan');
    assert.ok(await viewer.page.locator('#census').isHidden(), 'a viewer records no census');
    await viewer.page.waitForSelector('[data-field="care-beds"]');
    const width = await viewer.page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the care view is ${width}px wide on a 390px phone`);
    await shot(viewer.page, 'care-viewer-phone');
    await viewer.context.close();

    // A headquarters user of one province may adopt plans, but not the nation's: the API says 403.
    const { context, page } = await newPage();
    await signIn(page, 'hq-jagang');
    await page.goto(`${base}/#/care/KP-04?plan=${plan.id}`);
    await page.waitForSelector(`#plan-heading[data-plan="${plan.id}"]`);
    await page.click('#adopt-plan');
    const refusal = page.locator('#adopt-result .error[data-status="403"]');
    await refusal.waitFor();
    assert.match(await refusal.textContent(), /^Not allowed \(403\): .*KP-04/);
    assert.equal(await figure(page, 'plan-status'), 'proposed');
    assert.equal((await api(`/api/v1/care/plans/${plan.id}`, { token: hqToken })).status, 'proposed');
    await shot(page, 'care-adopt-refused');
    await context.close();
  });

  test('a treatment centre records its daily census on a phone', async () => {
    const hqToken = await token('hq');
    const centre = (await api(`/api/v1/care/centres?region=${kCounty}`, { token: hqToken })).items[0];
    const { context, page } = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(page, 'centre');
    await page.waitForFunction((hash) => location.hash === hash, `#/care/${kCounty}`);
    await page.waitForSelector('#census-centre option', { state: 'attached' });
    assert.equal(await page.locator('#census-centre option').count(), 1);
    assert.equal(await page.inputValue('#census-centre'), centre.code);
    // The day after the last one recorded (the demo's census ends on 2022-08-09).
    await page.waitForFunction(() => document.querySelector('#census-date').value === '2022-08-10');
    await page.waitForSelector('#census-recent tr[data-date="2022-08-09"]');
    const posts = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/api/v1/care/census') && posts.push(r));

    // Bad counts: the API's messages, and nothing sent.
    await page.fill('#census-occupied', '-3');
    await page.fill('#census-admitted', 'x');
    await page.click('.census-form button[type="submit"]');
    await page.waitForSelector('.census-form .form-summary.error');
    assert.equal(await page.locator('#census-occupied-error').textContent(), 'census.occupied: -3 is negative');
    assert.equal(await page.locator('#census-admitted-error').textContent(), 'census.admitted: "x" is not a whole number');
    assert.equal(await page.locator('#census-discharged-error').textContent(), 'census.discharged: is missing');
    assert.equal(await page.locator('#census-occupied').getAttribute('aria-invalid'), 'true');
    assert.equal(posts.length, 0, 'nothing is sent while the form has errors');
    await shot(page, 'care-census-errors');

    // More occupied than beds: recorded, and raised as a finding.
    const occupied = centre.beds.total + 9;
    await page.fill('#census-occupied', String(occupied));
    await page.fill('#census-admitted', '3');
    await page.fill('#census-discharged', '1');
    await page.fill('#census-died', '0');
    await page.waitForSelector('#census-identity:has-text("9 over")');
    await page.click('.census-form button[type="submit"]');
    await page.waitForSelector('[data-field="census-result"]');
    assert.match(await figure(page, 'census-result'), /for 2022-08-10 recorded/);
    await page.waitForSelector('#census-findings li[data-kind="over_capacity"]');
    await page.waitForSelector(`#census-recent tr[data-date="2022-08-10"]`);
    const recorded = await api(`/api/v1/care/census?region=${kCounty}&from=2022-08-10&to=2022-08-10`, { token: hqToken });
    assert.equal(recorded.total, 1);
    assert.deepEqual(
      { centre: recorded.items[0].centre, occupied: recorded.items[0].occupied, admitted: recorded.items[0].admitted },
      { centre: centre.code, occupied, admitted: 3 },
    );
    assert.equal(posts.length, 1);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the census form is ${width}px wide on a 390px phone`);
    await shot(page, 'care-census-recorded');

    // The same day again with other figures and no reason: the server refuses, and says why.
    await page.fill('#census-date', '2022-08-10');
    await page.dispatchEvent('#census-date', 'change');
    for (const [field, value] of [['occupied', 6], ['admitted', 3], ['discharged', 1], ['died', 0]]) await page.fill(`#census-${field}`, String(value));
    await page.click('.census-form button[type="submit"]');
    const refusal = page.locator('.census-form .form-summary .error[data-status="409"]');
    await refusal.waitFor();
    assert.match(await refusal.textContent(), /a correction needs a reason/);
    assert.equal((await api(`/api/v1/care/census?region=${kCounty}&from=2022-08-10&to=2022-08-10`, { token: hqToken })).items[0].occupied, occupied);
    await context.close();
  });

  test('raised no error in any page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
