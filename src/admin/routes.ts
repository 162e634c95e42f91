// The admin API under /_emulator/ (and moto's reset path): health, reset, clock, faults, Directory Service, fixtures,
// the dashboard and the state it polls. Plain JSON in and out; a caller's mistake is answered 4xx with { "error": message }.

import { quotasView } from '../domain/quotas.js';
import { ConsistencyInputError } from '../faults/consistency.js';
import { FaultInputError } from '../faults/input.js';
import { exportFixture, importFixture } from '../fixtures/fixture.js';
import { FixtureError } from '../fixtures/validate.js';
import { merged } from '../objects.js';
import type { WireResponse } from '../protocol/wire-error.js';
import type { App } from '../server/app.js';
import { version } from '../version.js';
import { changeClock, clockView } from './clock.js';
import {
  changeDefaultRole,
  clearDeclaredDirectories,
  declareDirectory,
  defaultRoleView,
  listDeclaredDirectories,
  removeDeclaredDirectory,
} from './directories.js';
import { AdminError, badRequest, json, optionalString, readJson, rejectUnknownFields } from './respond.js';
import { dashboardPage } from './ui/page.js';
import { overview, scopeDetail } from './ui/state.js';

const ADMIN_PREFIX = '/_emulator/';
const MOTO_RESET = '/moto-api/reset';

export function isAdminPath(path: string): boolean {
  return path.startsWith(ADMIN_PREFIX) || path === MOTO_RESET;
}

function health(app: App) {
  return {
    status: 'ok',
    version,
    uptimeSeconds: Math.round((Date.now() - app.startedAt) / 1000),
    store: app.store.info,
  };
}

const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z0-9-]{1,64}$/;
const DIRECTORY_ID = /^d-[0-9a-f]{8,63}$/;

function reset(app: App, body: Record<string, unknown>) {
  rejectUnknownFields(body, ['account', 'region']);
  const account = optionalString(body, 'account');
  const region = optionalString(body, 'region');
  if (region !== undefined && account === undefined) throw badRequest('region needs account');
  if (account !== undefined && !ACCOUNT.test(account)) throw badRequest('account must be a 12-digit account id');
  if (region !== undefined && !REGION.test(region)) throw badRequest('region must be a Region name like us-east-1');
  app.store.reset(account === undefined ? undefined : { account, ...(region !== undefined && { region }) });
  return { reset: account === undefined ? 'all' : { account, region: region ?? 'all' } };
}

function setConsistency(app: App, body: Buffer) {
  try {
    return app.consistency.set(readJson(body));
  } catch (error) {
    if (error instanceof ConsistencyInputError) throw badRequest(error.message);
    throw error;
  }
}

function addFault(app: App, body: Buffer) {
  try {
    return { fault: app.faults.add(readJson(body)) };
  } catch (error) {
    if (error instanceof FaultInputError) throw badRequest(error.message);
    throw error;
  }
}

const FAULT_ID = /^fault-[0-9a-z]{9}$/;

function removeFault(app: App, faultId: string) {
  if (!FAULT_ID.test(faultId)) throw badRequest('a fault id looks like fault-0123456789');
  if (!app.faults.remove(faultId)) throw new AdminError(404, `no fault ${faultId}`);
  return { removed: faultId };
}

function importState(app: App, body: Buffer) {
  try {
    return { imported: importFixture(app, readJson(body)) };
  } catch (error) {
    if (error instanceof FixtureError) throw badRequest(error.message);
    throw error;
  }
}

type Method = 'GET' | 'POST' | 'DELETE';
type Route = (app: App, body: Buffer, params: readonly string[]) => WireResponse;

const ok =
  (answer: (app: App, body: Buffer, params: readonly string[]) => unknown): Route =>
  (app, body, params) =>
    json(200, answer(app, body, params));

const routes: readonly { path: string | RegExp; methods: Partial<Record<Method, Route>> }[] = [
  { path: '/_emulator/health', methods: { GET: ok(health) } },
  { path: '/_emulator/reset', methods: { POST: ok((app, body) => reset(app, readJson(body))) } },
  { path: MOTO_RESET, methods: { POST: ok((app, body) => reset(app, readJson(body))) } },
  {
    path: '/_emulator/clock',
    methods: { GET: ok(clockView), POST: ok((app, body) => changeClock(app, readJson(body))) },
  },
  {
    path: '/_emulator/consistency',
    methods: { GET: ok((app) => app.consistency.get()), POST: ok(setConsistency) },
  },
  {
    path: '/_emulator/faults',
    methods: {
      GET: ok((app) => ({ faults: app.faults.list() })),
      POST: ok(addFault),
      DELETE: ok((app) => ({ cleared: app.faults.clear() })),
    },
  },
  {
    path: /^\/_emulator\/faults\/([^/]+)$/,
    methods: { DELETE: ok((app, _body, [faultId = '']) => removeFault(app, faultId)) },
  },
  {
    path: '/_emulator/directories',
    methods: {
      GET: ok(listDeclaredDirectories),
      POST: ok((app, body) => ({ directory: declareDirectory(app, readJson(body), badRequest) })),
      DELETE: ok(clearDeclaredDirectories),
    },
  },
  {
    path: /^\/_emulator\/directories\/([^/]+)\/([^/]+)\/([^/]+)$/,
    methods: {
      DELETE: ok((app, _body, [account = '', region = '', directoryId = '']) => {
        if (!ACCOUNT.test(account) || !REGION.test(region) || !DIRECTORY_ID.test(directoryId)) {
          throw badRequest('use /_emulator/directories/{12-digit account}/{region}/{d- directory id}');
        }
        return removeDeclaredDirectory(app, { account, region }, directoryId);
      }),
    },
  },
  {
    path: '/_emulator/default-role',
    methods: { GET: ok(defaultRoleView), POST: ok((app, body) => changeDefaultRole(app, readJson(body), badRequest)) },
  },
  { path: '/_emulator/quotas', methods: { GET: ok((app) => ({ quotas: quotasView(app.config.quotas) })) } },
  { path: '/_emulator/export', methods: { GET: ok(exportFixture) } },
  { path: '/_emulator/import', methods: { POST: ok(importState) } },
  { path: '/_emulator/state', methods: { GET: ok(overview) } },
  {
    path: /^\/_emulator\/state\/([^/]+)\/([^/]+)$/,
    methods: {
      GET: ok((app, _body, [account = '', region = '']) => {
        if (!ACCOUNT.test(account) || !REGION.test(region)) {
          throw badRequest('use /_emulator/state/{12-digit account}/{region}');
        }
        return scopeDetail(app, { account, region });
      }),
    },
  },
  { path: '/_emulator/ui', methods: { GET: () => dashboardPage() } },
];

function match(path: string): { methods: Partial<Record<Method, Route>>; params: string[] } | undefined {
  for (const route of routes) {
    if (typeof route.path === 'string') {
      if (route.path === path) return { methods: route.methods, params: [] };
      continue;
    }
    const found = route.path.exec(path);
    if (found) return { methods: route.methods, params: found.slice(1) };
  }
  return undefined;
}

function dispatch(app: App, method: string, path: string, body: Buffer): WireResponse {
  const found = match(path);
  if (!found) throw new AdminError(404, `no admin route ${method} ${path}`);
  const route = found.methods[method as Method];
  if (!route) {
    const allowed = Object.keys(found.methods).join(', ');
    return merged(json(405, { error: `${path} accepts ${allowed}` }), {
      headers: { 'Content-Type': 'application/json', Allow: allowed },
    });
  }
  return route(app, body, found.params);
}

export function handleAdminRequest(app: App, method: string, path: string, body: Buffer): WireResponse {
  const started = performance.now();
  let response: WireResponse;
  try {
    response = dispatch(app, method, path, body);
  } catch (error) {
    if (!(error instanceof AdminError)) throw error;
    response = json(error.status, { error: error.message });
  }
  // Debug, not info: the dashboard polls every second and would drown the request log.
  app.log.debug('admin request', {
    method,
    path,
    status: response.status,
    ms: Math.round((performance.now() - started) * 100) / 100,
  });
  return response;
}
