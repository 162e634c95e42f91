// Directory Service as a test shapes it, through /_emulator/directories and /_emulator/default-role (and in process):
// declared directories with a type, stage, DNS name and subnets, optionally registered at once, and whether an
// account has the workspaces_DefaultRole role. Bodies are validated completely before anything is stored.

import { bodyMembers, readDeclaredDirectory } from '../domain/directory-declaration.js';
import { buildDirectory, registrationCode, type StoredDirectory } from '../domain/directory-record.js';
import { type DeclaredDirectory, hasDefaultRole, IAM_REGION, setDefaultRole } from '../domain/directory-service.js';
import { merged } from '../objects.js';
import type { App } from '../server/app.js';
import type { Scope } from '../store/types.js';

type Invalid = (message: string) => Error;

/** Bounds a listing's cost; a test declares a handful. */
export const MAX_DECLARED_PER_SCOPE = 200;
const MAX_LISTED = 1000;

const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z0-9-]{1,64}$/;

export interface DirectoryView extends DeclaredDirectory {
  account: string;
  region: string;
  /** Whether WorkSpaces has the directory registered (in any registration state). */
  registered: boolean;
}

const declared = (app: App) => app.store.collection<DeclaredDirectory>('dsdirectory');
const registrations = (app: App) => app.store.collection<StoredDirectory>('directory');

function readScope(body: Record<string, unknown>, invalid: Invalid): Scope {
  const { account, region } = body;
  if (typeof account !== 'string' || !ACCOUNT.test(account)) throw invalid('account must be a 12-digit account id');
  if (typeof region !== 'string' || !REGION.test(region)) throw invalid('region must be a Region name like us-east-1');
  return { account, region };
}

function readRegistered(body: Record<string, unknown>, invalid: Invalid): boolean {
  const { registered } = body;
  if (registered === undefined) return false;
  if (typeof registered !== 'boolean') throw invalid('registered must be true or false');
  return registered;
}

function viewOf(app: App, scope: Scope, directory: DeclaredDirectory): DirectoryView {
  const registration = registrations(app).get(scope, directory.DirectoryId);
  return merged(merged(directory, scope), { registered: registration !== undefined });
}

/** Registers the directory with WorkSpaces as it would be once REGISTERED, skipping the registration's checks. */
function registerAtOnce(app: App, scope: Scope, directory: DeclaredDirectory, invalid: Invalid): void {
  if (registrations(app).get(scope, directory.DirectoryId)) {
    throw invalid(`directory ${directory.DirectoryId} is already registered with WorkSpaces in ${scope.region}`);
  }
  const record = buildDirectory({
    scope,
    origin: { directoryId: directory.DirectoryId, service: directory },
    input: { DirectoryId: directory.DirectoryId },
    registrationCode: registrationCode(scope.region, app.ids.next('rc').slice(3, 9)),
    now: app.clock.now(),
  });
  registrations(app).put(scope, directory.DirectoryId, merged(record, { State: 'REGISTERED' as const }));
}

/**
 * body: { account, region, directoryId, type?, stage?, dnsName?, alias?, subnetIds?, dnsIpAddresses?, registered? }.
 * Declaring an id again replaces its declaration (e.g. Creating, then Active).
 */
export function declareDirectory(app: App, body: Record<string, unknown>, invalid: Invalid): DirectoryView {
  const unknown = Object.keys(body).filter((key) => !bodyMembers.includes(key));
  if (unknown.length > 0) throw invalid(`unknown field(s): ${unknown.join(', ')}`);
  const scope = readScope(body, invalid);
  const registered = readRegistered(body, invalid);
  const { directory, problems } = readDeclaredDirectory(body, 'body');
  if (!directory) throw invalid(problems.join('; '));
  return app.store.transaction(() => {
    const isNew = declared(app).get(scope, directory.DirectoryId) === undefined;
    if (isNew && declared(app).count(scope) >= MAX_DECLARED_PER_SCOPE) {
      throw invalid(`at most ${MAX_DECLARED_PER_SCOPE} directories can be declared per account and Region`);
    }
    if (registered) registerAtOnce(app, scope, directory, invalid);
    declared(app).put(scope, directory.DirectoryId, directory);
    return viewOf(app, scope, directory);
  });
}

/** Every declared directory, account by account and Region by Region, in declaration order. */
export function listDeclaredDirectories(app: App): { directories: DirectoryView[]; truncated: boolean } {
  const directories: DirectoryView[] = [];
  for (const { scope } of app.store.countByScope(['dsdirectory'])) {
    const page = declared(app).page(scope, 0, MAX_LISTED - directories.length);
    directories.push(...page.items.map((d) => viewOf(app, scope, d)));
    if (directories.length >= MAX_LISTED) return { directories, truncated: true };
  }
  return { directories, truncated: false };
}

/** Forgets one declaration: the id is then the default Active Simple AD again. A registration stays. */
export function removeDeclaredDirectory(app: App, scope: Scope, directoryId: string): { removed: boolean } {
  return { removed: app.store.transaction(() => declared(app).delete(scope, directoryId)) };
}

export function clearDeclaredDirectories(app: App): { cleared: number } {
  return app.store.transaction(() => {
    let cleared = 0;
    for (const { scope } of app.store.countByScope(['dsdirectory'])) {
      for (;;) {
        const page = declared(app).page(scope, 0, MAX_DECLARED_PER_SCOPE);
        for (const directory of page.items) if (declared(app).delete(scope, directory.DirectoryId)) cleared++;
        if (page.next === undefined) break;
      }
    }
    return { cleared };
  });
}

// ---- workspaces_DefaultRole -------------------------------------------------------------------------------------

/** Accounts whose workspaces_DefaultRole a test removed; every other account has it. */
export function defaultRoleView(app: App): { accountsWithoutDefaultRole: string[] } {
  const accounts = app.store
    .countByScope(['iamrole'])
    .filter(({ scope }) => scope.region === IAM_REGION)
    .map(({ scope }) => scope.account);
  return { accountsWithoutDefaultRole: accounts };
}

/** body: { account, exists }. */
export function changeDefaultRole(
  app: App,
  body: Record<string, unknown>,
  invalid: Invalid,
): { account: string; exists: boolean } {
  const unknown = Object.keys(body).filter((key) => key !== 'account' && key !== 'exists');
  if (unknown.length > 0) throw invalid(`unknown field(s): ${unknown.join(', ')}`);
  const { account, exists } = body;
  if (typeof account !== 'string' || !ACCOUNT.test(account)) throw invalid('account must be a 12-digit account id');
  if (typeof exists !== 'boolean') throw invalid('exists must be true or false');
  app.store.transaction(() => setDefaultRole(app.store, account, exists));
  return { account, exists: hasDefaultRole(app.store, account) };
}
