// The command-centre page: who is signed in decides the first view (the nation for the
// headquarters, a province for its officer, the daily report form for a county clerk, the care
// of its region for a treatment centre, its supply for a supply officer, the guidance teams for a
// team); the hash names the view (#/overview/KP-04?as_of=2022-05-20, #/care/KP?plan=3,
// #/supply/KP-04, #/levels/KP, #/guidance, #/report, #/signin) so that drilling down and the back
// button work; the live feed and the outbox run beside every view. The views other than the
// overview and the report form are chunks of their own, fetched when first opened.

import 'uplot/dist/uPlot.min.css';
import './styles.css';

import { setUnauthorisedHandler } from './api';
import { careHash } from './care_route';
import { byId, h } from './dom';
import { guidanceHash } from './view_routes';
import { levelsHash } from './view_routes';
import { showEvent } from './feed';
import { LiveConnection } from './live';
import { ReportQueue } from './offline_queue';
import { overviewHash, renderOverview } from './overview';
import { renderReport } from './report_view';
import { forgetToken, mayWriteReports, roleLabel, signOut, storedToken, whoAmI } from './session';
import { renderSignIn } from './signin';
import { supplyHash } from './view_routes';
import type { Me } from './types';
import type { ViewContext } from './view';

const main = byId('main');
const live = new LiveConnection();
let me: Me | null = null;
let queue: ReportQueue | null = null;
let demo = false;
let dispose: () => void = () => undefined;

function homeHash(who: Me): string {
  if (who.role === 'county_clerk') return '#/report';
  if (who.role === 'treatment_centre') return careHash({ region: who.region });
  if (who.role === 'supply_officer') return supplyHash({ region: who.region });
  if (who.role === 'guidance_team') return guidanceHash();
  return overviewHash({ region: who.region });
}

function navigate(hash: string): void {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function setTitle(title: string): void {
  document.title = `${title} — Outbreak`;
}

function drawHeader(): void {
  const nav = byId('nav');
  const who = byId('who');
  if (!me) {
    nav.replaceChildren();
    who.replaceChildren();
    return;
  }
  const current = location.hash;
  const link = (href: string, text: string, active: boolean) => h('a', { href, 'aria-current': active ? 'page' : null }, text);
  // From one view of a region to another, on the same day.
  const [, view, code, query] = /^#\/(overview|care|supply|levels|guidance)\/?([^?]*)\??(.*)$/.exec(current) ?? [];
  const asOf = new URLSearchParams(query ?? '').get('as_of') ?? undefined;
  const region = code ? decodeURIComponent(code) : me.region;
  // The link of the view shown leads home: the caller's own region, the latest day.
  const at = (name: string) => (name === view ? { region: me!.region } : { region, asOf });
  nav.replaceChildren(
    link(overviewHash(at('overview')), 'Overview', view === 'overview'),
    link(careHash(at('care')), 'Care', view === 'care'),
    link(supplyHash(at('supply')), 'Supply', view === 'supply'),
    link(levelsHash(at('levels')), 'Levels', view === 'levels'),
    link(guidanceHash({ asOf: at('guidance').asOf }), 'Guidance', view === 'guidance'),
    ...(mayWriteReports(me) ? [link('#/report', 'Daily report', current.startsWith('#/report'))] : []),
    link('/api/v1/openapi.json', 'API', false),
  );
  if (me.anonymous) {
    who.replaceChildren(h('span', { class: 'muted' }, 'Demo, reading without signing in'), ' ', h('a', { href: '#/signin', class: 'button' }, 'Sign in'));
  } else {
    const out = h('button', { type: 'button', class: 'secondary' }, 'Sign out');
    out.addEventListener('click', async () => {
      await signOut();
      await start();
    });
    who.replaceChildren(h('span', { 'data-field': 'user' }, `${me.name} · ${roleLabel(me.role)} · ${me.region}`), ' ', out);
  }
}

function drawStatus(): void {
  const status = byId('status');
  const pending = queue ? queue.items().length : 0;
  const parts = [navigator.onLine ? 'Online' : 'Offline'];
  if (navigator.onLine) parts.push(live.state === 'open' ? 'live' : live.state === 'connecting' ? 'connecting…' : 'live feed down');
  if (pending) parts.push(`${pending} report${pending === 1 ? '' : 's'} waiting`);
  status.textContent = parts.join(' · ');
  status.dataset.online = String(navigator.onLine);
  status.dataset.live = live.state;
}

// A view that is a chunk of its own: fetched when first opened, then shown unless the reader has
// moved on meanwhile. Returns what disposes of it.
function lazyView(name: string, load: () => Promise<() => () => void>): () => void {
  let left = false;
  let leave: () => void = () => undefined;
  main.replaceChildren(h('p', { class: 'loading' }, `Loading the ${name} view…`));
  load().then(
    (show) => {
      if (!left) leave = show();
    },
    (error) => {
      if (!left) main.replaceChildren(h('div', { class: 'error', role: 'alert' }, h('p', null, `The ${name} view could not be loaded: ${String(error)}`), h('button', { type: 'button', onclick: () => location.reload() }, 'Try again')));
    },
  );
  return () => {
    left = true;
    leave();
  };
}

function route(): void {
  dispose();
  dispose = () => undefined;
  const hash = location.hash || '#/';
  const [path, query] = hash.slice(1).split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query ?? '');
  if (parts[0] === 'signin' || !me) {
    dispose = renderSignIn(main, demo, (who) => {
      void start(who);
    });
    drawHeader();
    return;
  }
  const ctx: ViewContext = { me, live, queue, navigate, setTitle };
  if (parts[0] === 'overview' && parts[1]) {
    dispose = renderOverview(main, ctx, { region: parts[1], asOf: params.get('as_of') ?? undefined, by: params.get('by') ?? undefined });
  } else if (['care', 'supply', 'levels'].includes(parts[0]) && parts[1]) {
    const plan = Number(params.get('plan'));
    const viewParams = { region: parts[1], asOf: params.get('as_of') ?? undefined, plan: plan > 0 ? plan : undefined };
    if (parts[0] === 'care') dispose = lazyView('care', () => import('./care_view').then((m) => () => m.renderCare(main, ctx, viewParams)));
    else if (parts[0] === 'supply') dispose = lazyView('supply', () => import('./supply_view').then((m) => () => m.renderSupply(main, ctx, viewParams)));
    else dispose = lazyView('prevention levels', () => import('./levels_view').then((m) => () => m.renderLevels(main, ctx, viewParams)));
  } else if (parts[0] === 'guidance') {
    const plan = Number(params.get('plan'));
    const viewParams = { asOf: params.get('as_of') ?? undefined, plan: plan > 0 ? plan : undefined };
    dispose = lazyView('guidance', () => import('./guidance_view').then((m) => () => m.renderGuidance(main, ctx, viewParams)));
  } else if (parts[0] === 'report') {
    dispose = renderReport(main, ctx);
  } else {
    location.replace(homeHash(me));
    return;
  }
  drawHeader();
  // Move focus to the new view for keyboard and screen-reader users, but not on the first load.
  if (document.activeElement && document.activeElement !== document.body) main.focus({ preventScroll: true });
}

// Finds out who is there (or takes who just signed in), starts the live feed and the outbox,
// and shows the view for the role.
async function start(signedIn?: Me): Promise<void> {
  try {
    const who = signedIn ?? (await whoAmI());
    me = who;
    demo = demo || (who?.anonymous ?? false);
    queue?.stopAutoFlush();
    queue = who && mayWriteReports(who) ? new ReportQueue(`outbreak.outbox.${who.name}`) : null;
    queue?.onChange(drawStatus);
    queue?.startAutoFlush(10_000);
    if (who) live.start(who.anonymous ? null : storedToken());
    else live.stop();
    byId('live').hidden = !who;
    // Straight to the role's view after signing in, or when no view is named (a visitor reading
    // the demo may still ask for the sign-in form).
    const landing = signedIn || ['', '#', '#/'].includes(location.hash) || (location.hash === '#/signin' && !who?.anonymous);
    if (who && landing && location.hash !== homeHash(who)) {
      location.replace(homeHash(who));  // the hashchange shows the view
    } else {
      route();
    }
  } catch (error) {
    main.replaceChildren(h('div', { class: 'error', role: 'alert' }, h('p', null, `The server could not be reached: ${String(error)}`), h('p', null, h('a', { href: location.href }, 'Try again'))));
  }
}

window.addEventListener('hashchange', route);
window.addEventListener('online', drawStatus);
window.addEventListener('offline', drawStatus);
live.onState(drawStatus);
live.onEvent((event) => void showEvent(event));
let restarting = false;
setUnauthorisedHandler(() => {
  // The token lapsed or was revoked: sign in again (once, however many requests were refused);
  // the outbox keeps what it holds.
  if (!me || me.anonymous || restarting) return;
  restarting = true;
  forgetToken();
  void start().finally(() => {
    restarting = false;
  });
});
void start();
