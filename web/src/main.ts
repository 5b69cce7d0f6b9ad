// The command-centre page: who is signed in decides the first view (the nation for the
// headquarters, a province for its officer, the daily report form for a county clerk, the care
// of its region for a treatment centre); the hash
// names the view (#/overview/KP-04?as_of=2022-05-20, #/care/KP?plan=3, #/report, #/signin) so
// that drilling down and the back button work; the live feed and the outbox run beside every view.

import 'uplot/dist/uPlot.min.css';
import './styles.css';

import { setUnauthorisedHandler } from './api';
import { careHash } from './care_route';
import { byId, h } from './dom';
import { showEvent } from './feed';
import { LiveConnection } from './live';
import { ReportQueue } from './offline_queue';
import { overviewHash, renderOverview } from './overview';
import { renderReport } from './report_view';
import { forgetToken, mayWriteReports, roleLabel, signOut, storedToken, whoAmI } from './session';
import { renderSignIn } from './signin';
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
  // From the overview of a region to its care and back, on the same day.
  const [, view, code, query] = /^#\/(overview|care)\/([^?]+)\??(.*)$/.exec(current) ?? [];
  const asOf = new URLSearchParams(query ?? '').get('as_of') ?? undefined;
  const region = code ? decodeURIComponent(code) : me.region;
  nav.replaceChildren(
    link(view === 'care' ? overviewHash({ region, asOf }) : overviewHash({ region: me.region }), 'Overview', view === 'overview'),
    link(view === 'overview' ? careHash({ region, asOf }) : careHash({ region: me.region }), 'Care', view === 'care'),
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
  } else if (parts[0] === 'care' && parts[1]) {
    // The care view is a chunk of its own, fetched when first opened.
    const plan = Number(params.get('plan'));
    const careParams = { region: parts[1], asOf: params.get('as_of') ?? undefined, plan: plan > 0 ? plan : undefined };
    let left = false;
    let leave: () => void = () => undefined;
    dispose = () => {
      left = true;
      leave();
    };
    main.replaceChildren(h('p', { class: 'loading' }, 'Loading the care view…'));
    import('./care_view').then(
      ({ renderCare }) => {
        if (!left) leave = renderCare(main, ctx, careParams);
      },
      (error) => {
        if (!left) main.replaceChildren(h('div', { class: 'error', role: 'alert' }, h('p', null, `The care view could not be loaded: ${String(error)}`), h('button', { type: 'button', onclick: () => location.reload() }, 'Try again')));
      },
    );
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
