// The dashboard at /_emulator/ui: one self-contained page (no build step, nothing fetched from elsewhere) that polls
// /_emulator/state and draws the accounts, their resources and each application association's timeline.
// The browser code below is plain JavaScript in a string; it writes every value as text, never as HTML.
import { nodeCrypto } from '../../lazy-crypto.js';
import type { WireResponse } from '../../protocol/wire-error.js';

const style = `
:root { --fg: #1d2430; --muted: #5f6b7a; --line: #d9dee5; --bg: #f6f8fa; --ok: #1a7f37; --busy: #9a6700;
  --bad: #cf222e; --off: #6e7781; --accent: #0969da; font: 14px/1.4 system-ui, sans-serif; color: var(--fg); }
body { margin: 0; background: #fff; }
header { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; padding: 10px 16px; background: #24292f;
  color: #fff; }
header h1 { font-size: 16px; margin: 0 12px 0 0; }
header .clock { font-family: ui-monospace, monospace; }
header button { background: #3b434c; color: #fff; border: 1px solid #57606a; border-radius: 4px; padding: 2px 8px;
  cursor: pointer; }
header .status { margin-left: auto; color: #b6bec8; }
.layout { display: flex; align-items: flex-start; }
nav { width: 230px; flex: none; padding: 12px; border-right: 1px solid var(--line); min-height: 80vh; }
nav h2, main h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 8px 0; }
nav button { display: block; width: 100%; text-align: left; padding: 6px 8px; margin-bottom: 4px; border: 1px solid
  var(--line); border-radius: 6px; background: var(--bg); cursor: pointer; font: inherit; }
nav button.selected { border-color: var(--accent); background: #ddf4ff; }
nav small { display: block; color: var(--muted); }
main { flex: 1; padding: 12px 16px; min-width: 0; }
section { margin-bottom: 20px; }
h1.title { font-size: 18px; margin: 4px 0 12px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 12px; }
td.id, .mono { font-family: ui-monospace, monospace; font-size: 12px; }
tr.assoc td { background: var(--bg); }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff;
  background: var(--off); }
.badge.ok { background: var(--ok); } .badge.busy { background: var(--busy); } .badge.bad { background: var(--bad); }
.timeline { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; }
.step { border: 1px solid var(--line); border-radius: 4px; padding: 0 5px; font-size: 12px; white-space: nowrap; }
.step.current { border-color: var(--accent); font-weight: 600; }
.step.upcoming { border-style: dashed; color: var(--muted); }
.arrow { color: var(--muted); }
.empty, .note { color: var(--muted); }
aside { width: 230px; padding: 12px; }
aside h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 8px 0; }
aside ul { list-style: none; padding: 0; margin: 0; }
aside li { margin-bottom: 6px; word-break: break-word; }
aside li.spent { color: var(--muted); }
aside small { display: block; color: var(--muted); }
.reason { color: var(--bad); font-size: 12px; }
`;

const script = `
(function () {
'use strict';
var POLL_MS = 1000;
var params = new URLSearchParams(location.hash.slice(1));
var token = params.get('token');
var selected = params.get('scope');

function h(tag, props) {
  var el = document.createElement(tag);
  Object.entries(props || {}).forEach(function (entry) {
    var key = entry[0], value = entry[1];
    if (value === undefined || value === null || value === false) return;
    if (key === 'class') el.className = value;
    else if (key.slice(0, 2) === 'on') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value);
  });
  for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
  return el;
}
function append(el, child) {
  if (child === undefined || child === null || child === false) return;
  if (Array.isArray(child)) child.forEach(function (c) { append(el, c); });
  else el.append(child instanceof Node ? child : String(child));
}

function api(method, path, body) {
  var headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = 'Bearer ' + token;
  return fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) })
    .then(function (res) {
      if (!res.ok) throw new Error(method + ' ' + path + ': HTTP ' + res.status);
      return res.json();
    });
}

var OK = ['AVAILABLE', 'COMPLETED', 'REGISTERED'];
var BAD = ['ERROR', 'IMPAIRED', 'UNHEALTHY'];
var OFF = ['TERMINATED', 'REMOVED', 'STOPPED', 'DEREGISTERED', 'SUSPENDED', 'DELETED', 'UNINSTALL_ONLY'];
function badge(state) {
  var tone = OK.indexOf(state) >= 0 ? 'ok' : BAD.indexOf(state) >= 0 ? 'bad' : OFF.indexOf(state) >= 0 ? '' : 'busy';
  return h('span', { class: 'badge ' + tone, 'data-testid': 'state' }, state || '—');
}
function clockTime(iso) { return iso ? iso.slice(11, 19) : ''; }
function relative(iso, nowIso) {
  var s = Math.round((Date.parse(iso) - Date.parse(nowIso)) / 1000);
  if (s === 0) return 'now';
  return s > 0 ? 'in ' + s + ' s' : -s + ' s ago';
}

/** The states the emulator recorded for the association, oldest first, each at the time it entered it. */
function timeline(a, now) {
  var points = a.history.slice();
  var last = points[points.length - 1];
  // An association stored before the emulator kept history has none: show at least its current state.
  if (!last || last.state !== a.state) points.push({ at: a.updated, state: a.state });
  var steps = points.map(function (p, i) {
    var current = i === points.length - 1;
    return h('span', { class: 'step' + (current ? ' current' : ''), title: p.at }, p.state + ' ' + clockTime(p.at));
  });
  a.next.forEach(function (n) {
    steps.push(h('span', { class: 'step upcoming', title: n.kind + ' at ' + n.at },
      (n.state || n.kind) + ' ' + relative(n.at, now)));
  });
  var out = [];
  steps.forEach(function (s, i) { if (i > 0) out.push(h('span', { class: 'arrow' }, '→')); out.push(s); });
  return h('div', { class: 'timeline', 'data-testid': 'timeline' }, out);
}

function associationRows(type, id, list, now, span) {
  if (!list.length) return [];
  return [h('tr', { class: 'assoc' }, h('td', { colspan: span },
    h('table', null,
      h('tr', null, h('th', null, 'Application'), h('th', null, 'State'), h('th', null, 'Timeline')),
      list.map(function (a) {
        return h('tr', { 'data-testid': 'association-' + type + '-' + id + '-' + a.applicationId },
          h('td', null, a.applicationName, h('div', { class: 'mono' }, a.applicationId)),
          h('td', null, badge(a.state), a.errorCode && h('div', { class: 'reason', title: a.errorMessage }, a.errorCode)),
          h('td', null, timeline(a, now)));
      }))))];
}

function pendingText(item, now) {
  var parts = item.pending.map(function (p) { return p.kind + ' ' + relative(p.at, now); });
  if (item.deploymentSteps) {
    parts.push(item.deploymentSteps + ' deployment step' + (item.deploymentSteps > 1 ? 's' : '') + ', next ' +
      relative(item.nextDeploymentStepAt, now));
  }
  return parts.join(', ');
}

function section(id, title, block, columns, cells, type, now) {
  var heading = h('h2', null, title + ' (' + block.total + ')');
  if (!block.items.length) return h('section', { id: id }, heading, h('p', { class: 'empty' }, 'None.'));
  var rows = [];
  block.items.forEach(function (item) {
    var values = cells(item);
    var itemId = values[0];
    rows.push(h('tr', { 'data-testid': id + '-' + itemId },
      values.map(function (c, i) { return h('td', { class: i === 0 ? 'id' : '' }, c); }),
      h('td', { class: 'note', 'data-testid': 'pending-' + itemId }, pendingText(item, now))));
    if (type) rows = rows.concat(associationRows(type, itemId, item.associations, now, columns.length + 1));
  });
  var more = block.total > block.items.length
    ? h('p', { class: 'note' }, 'Showing the first ' + block.items.length + ' of ' + block.total + '.') : null;
  return h('section', { id: id }, heading,
    h('table', null, h('tr', null, columns.map(function (c) { return h('th', null, c); }), h('th', null, 'Pending')), rows),
    more);
}

function renderDetail(d) {
  var now = d.clock.now;
  var main = document.getElementById('detail');
  main.replaceChildren(
    h('h1', { class: 'title', 'data-testid': 'scope-title' }, 'Account ' + d.account + ' · ' + d.region),
    section('workspaces', 'WorkSpaces', d.workspaces, ['WorkspaceId', 'User', 'State', 'Bundle', 'Directory', 'Compute'],
      function (w) { return [w.WorkspaceId, w.UserName, badge(w.State), w.BundleId, w.DirectoryId, w.ComputeTypeName]; },
      'WORKSPACE', now),
    section('images', 'Images', d.images, ['ImageId', 'Name', 'State', 'Operating system'],
      function (i) { return [i.ImageId, i.Name, badge(i.State), i.OperatingSystemName]; }, 'IMAGE', now),
    section('bundles', 'Bundles', d.bundles, ['BundleId', 'Name', 'State', 'Image', 'Compute'],
      function (b) { return [b.BundleId, b.Name, badge(b.State), b.ImageId, b.ComputeTypeName]; }, 'BUNDLE', now),
    section('directories', 'Directories', d.directories, ['DirectoryId', 'Name', 'State'],
      function (x) { return [x.DirectoryId, x.DirectoryName, badge(x.State)]; }, null, now),
    h('section', { id: 'applications' }, h('h2', null, 'Applications'),
      h('table', null, h('tr', null, h('th', null, 'ApplicationId'), h('th', null, 'Name'), h('th', null, 'State'),
        h('th', null, 'Associations here')),
        d.applications.map(function (a) {
          return h('tr', { 'data-testid': 'application-' + a.ApplicationId }, h('td', { class: 'id' }, a.ApplicationId),
            h('td', null, a.Name), h('td', null, badge(a.State)), h('td', null, a.associations + (a.more ? '+' : '')));
        }))));
}

function renderScopes(o) {
  var nav = document.getElementById('scopes');
  var buttons = o.scopes.map(function (s) {
    var key = s.account + '/' + s.region;
    return h('button', { class: key === selected ? 'selected' : '', 'data-testid': 'scope-' + key,
      onclick: function () { select(key); } }, key,
      h('small', null, s.workspaces + ' WorkSpaces · ' + s.images + ' images · ' + s.bundles + ' bundles · ' +
        s.directories + ' directories'));
  });
  var more = o.scopesTotal > o.scopes.length ? h('p', { class: 'note' }, o.scopesTotal + ' in all.') : null;
  nav.replaceChildren();
  append(nav, [h('h2', null, 'Accounts and Regions'),
    buttons.length ? buttons : h('p', { class: 'empty' }, 'Nothing yet: create something through the API.'), more]);
}

function renderFaults(list) {
  var aside = document.getElementById('faults');
  var items = list.map(function (f) {
    var left = f.remaining === null ? 'until removed' : f.remaining + ' left';
    var last = f.hits.length ? f.hits[f.hits.length - 1] : null;
    return h('li', { 'data-testid': 'fault-' + f.faultId, class: f.remaining === 0 ? 'spent' : '' },
      h('span', { class: 'id' }, f.faultId), ' ' + f.kind + ' · ' + f.what + ' · fired ' + f.fired + ' · ' + left,
      last ? h('small', null, 'last hit ' + last.target + ' in ' + last.account + '/' + last.region + ' at ' +
        clockTime(last.at)) : null);
  });
  aside.replaceChildren();
  append(aside, [h('h2', null, 'Faults'),
    items.length ? h('ul', null, items) : h('p', { class: 'empty' }, 'None: add one with POST /_emulator/faults.')]);
}

function renderClock(c) {
  document.getElementById('clock').textContent = c.mode + ' · ' + c.now.replace('T', ' ').slice(0, 19) + ' UTC';
  document.getElementById('pending').textContent = c.pendingTransitions + ' pending' +
    (c.nextTransitionAt ? ', next ' + relative(c.nextTransitionAt, c.now) : '');
}

function select(key) {
  selected = key;
  params.set('scope', key);
  location.hash = params.toString();
  refresh();
}

function refresh() {
  return api('GET', '/_emulator/state').then(function (o) {
    renderClock(o.clock);
    if (!selected && o.scopes.length) selected = o.scopes[0].account + '/' + o.scopes[0].region;
    renderScopes(o);
    renderFaults(o.faults);
    if (!selected) { document.getElementById('detail').replaceChildren(); return; }
    return api('GET', '/_emulator/state/' + selected).then(renderDetail);
  }).then(function () {
    document.getElementById('status').textContent = 'live · updated ' + new Date().toLocaleTimeString();
  }, function (error) {
    document.getElementById('status').textContent = 'disconnected: ' + error.message;
  });
}

function advance(body) { api('POST', '/_emulator/clock', body).then(refresh, refresh); }
document.getElementById('advance1').addEventListener('click', function () { advance({ advanceSeconds: 1 }); });
document.getElementById('advance5').addEventListener('click', function () { advance({ advanceSeconds: 5 }); });
document.getElementById('advanceNext').addEventListener('click', function () { advance({ advanceTo: 'next' }); });

(function poll() { refresh().then(function () { setTimeout(poll, POLL_MS); }); })();
})();
`;

const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>workspaces-local</title>
<link rel="icon" href="data:,">
<style>${style}</style>
</head>
<body>
<header>
  <h1>workspaces-local</h1>
  <span>clock <span class="clock" id="clock" data-testid="clock">…</span></span>
  <span id="pending" data-testid="pending"></span>
  <button id="advance1" type="button" title="Move the clock 1 s forward">+1 s</button>
  <button id="advance5" type="button" title="Move the clock 5 s forward">+5 s</button>
  <button id="advanceNext" type="button" title="Jump to the next pending transition">next transition</button>
  <span class="status" id="status" data-testid="status">connecting…</span>
</header>
<div class="layout">
  <div>
    <nav id="scopes"></nav>
    <aside id="faults" data-testid="faults"></aside>
  </div>
  <main id="detail"></main>
</div>
<script>${script}</script>
</body>
</html>
`;

const hash = (text: string) => `'sha256-${nodeCrypto().createHash('sha256').update(text).digest('base64')}'`;

/**
 * Only the page's own inline script and style may run, and it may talk only to this emulator. Made on the first
 * request for the page: hashing needs node:crypto, which the emulator's start does without.
 */
let policy: string | undefined;
const contentSecurityPolicy = (): string =>
  (policy ??= [
    "default-src 'none'",
    `script-src ${hash(script)}`,
    `style-src ${hash(style)}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '));

export function dashboardPage(): WireResponse {
  return {
    status: 200,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': contentSecurityPolicy(),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
    body: html,
  };
}
