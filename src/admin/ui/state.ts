// What the dashboard shows, as JSON: the accounts and Regions in use, and one scope's resources with their
// application associations, their recorded history and pending transitions. Every list is capped, so a poll costs
// the same however big the world.

import { finishedState, runningState, wireState } from '../../domain/application-rules.js';
import { applicationCatalog, findApplication } from '../../domain/applications-catalog.js';
import type { BundleRecord, DirectoryRecord, ImageRecord, WorkspaceRecord } from '../../domain/records.js';
import type { FaultRecord } from '../../faults/records.js';
import type { App } from '../../server/app.js';
import {
  ASSOCIATION_HISTORY_KEPT,
  type AssociatedResourceType,
  type AssociationRecord,
  type Scope,
  type TransitionRecord,
} from '../../store/types.js';
import { clockView } from '../clock.js';

/** Most items of one kind listed per scope; `total` tells how many there are. */
export const ITEM_LIMIT = 100;
/** Most scopes listed in the overview. */
export const SCOPE_LIMIT = 100;
/** Most pending transitions shown per resource. */
const PENDING_LIMIT = 20;
/** Most past states shown per association: the latest ones, all that the store keeps. */
const HISTORY_LIMIT = ASSOCIATION_HISTORY_KEPT;

const iso = (ms: number): string => new Date(ms).toISOString();

// ---- The overview: which accounts and Regions hold something ----

interface ScopeSummary {
  account: string;
  region: string;
  directories: number;
  workspaces: number;
  images: number;
  bundles: number;
}

const summarized = { directory: 'directories', workspace: 'workspaces', image: 'images', bundle: 'bundles' } as const;

function scopeSummaries(app: App): ScopeSummary[] {
  const byScope = new Map<string, ScopeSummary>();
  const kinds = Object.keys(summarized) as (keyof typeof summarized)[];
  for (const { scope, kind, count } of app.store.countByScope(kinds)) {
    const key = `${scope.account}/${scope.region}`;
    let summary = byScope.get(key);
    if (!summary) {
      summary = { account: scope.account, region: scope.region, directories: 0, workspaces: 0, images: 0, bundles: 0 };
      byScope.set(key, summary);
    }
    summary[summarized[kind as keyof typeof summarized]] = count;
  }
  return [...byScope.values()];
}

/** What the dashboard shows of a fault: what it targets, how often it acted, and the latest things it hit. */
function faultView(fault: FaultRecord) {
  const what =
    fault.kind === 'api'
      ? `${fault.operation} ${[fault.errorCode, fault.latencyMs === undefined ? '' : `+${fault.latencyMs} ms`].filter(Boolean).join(' ')}`
      : fault.kind === 'transition'
        ? `${fault.resource} ${fault.transition} → ${fault.outcome}`
        : `deployment → ${fault.errorCode}`;
  return {
    faultId: fault.faultId,
    kind: fault.kind,
    what,
    fired: fault.fired,
    remaining: fault.remaining ?? null,
    hits: fault.hits,
  };
}

/** Catches up first, as an AWS call would, so that with a running clock the page moves without other traffic. */
export function overview(app: App) {
  app.engine.catchUp();
  const scopes = scopeSummaries(app);
  return {
    clock: clockView(app),
    scopes: scopes.slice(0, SCOPE_LIMIT),
    scopesTotal: scopes.length,
    faults: app.faults.list().map(faultView),
  };
}

// ---- One scope in detail ----

interface Upcoming {
  at: string;
  kind: string;
  /** What the association will become, when the transition is one of the application deployment's. */
  state?: string;
}

/**
 * What a pending deployment step will do to the association it concerns (src/handlers/applications.ts). A finishing
 * step names both of its endings: whether the deployment fails is known to the emulator (an injected fault) but not
 * shown before it happens, as AWS shows nothing of an outcome until the association reaches it.
 */
function upcomingState(t: TransitionRecord, current: string): string | undefined {
  if (t.kind === 'applications.startPhase') {
    const running = runningState(current);
    return running === undefined ? undefined : wireState(running);
  }
  if (t.kind !== 'applications.finishPhase') return undefined;
  const succeeded = finishedState(current, false);
  const failed = finishedState(current, true);
  return succeeded === undefined || failed === undefined
    ? undefined
    : `${wireState(succeeded)} or ${wireState(failed)}`;
}

const applicationOf = (t: TransitionRecord): string | undefined =>
  (t.payload as { applicationId?: unknown } | null)?.applicationId as string | undefined;

function associationView(app: App, scope: Scope, row: AssociationRecord, pending: readonly TransitionRecord[]) {
  const next: Upcoming[] = pending
    .filter((t) => applicationOf(t) === row.applicationId)
    .map((t) => {
      const state = upcomingState(t, row.state);
      return { at: iso(t.due), kind: t.kind, ...(state !== undefined && { state }) };
    });
  return {
    applicationId: row.applicationId,
    applicationName: findApplication(row.applicationId)?.Name ?? row.applicationId,
    state: wireState(row.state),
    ...(row.errorCode !== undefined && { errorCode: row.errorCode }),
    ...(row.errorMessage !== undefined && { errorMessage: row.errorMessage }),
    created: iso(row.created),
    updated: iso(row.updated),
    history: app.store.associations
      .history(scope, row.resourceType, row.resourceId, row.applicationId, HISTORY_LIMIT)
      .map((h) => ({ state: wireState(h.state), at: iso(h.at) })),
    next,
  };
}

/** A resource's own pending transitions and its associations with theirs. */
function lifecycle(app: App, scope: Scope, type: AssociatedResourceType | undefined, id: string) {
  const pending = app.store.transitions.pending(scope, id).slice(0, PENDING_LIMIT);
  const rows = type === undefined ? [] : app.store.associations.forResource(scope, type, id);
  const deployment = pending.filter((t) => applicationOf(t) !== undefined);
  return {
    pending: pending.filter((t) => applicationOf(t) === undefined).map((t) => ({ at: iso(t.due), kind: t.kind })),
    // An UPDATING WorkSpace waits on its applications' steps: its pending work is theirs.
    deploymentSteps: deployment.length,
    ...(deployment[0] !== undefined && { nextDeploymentStepAt: iso(deployment[0].due) }),
    associations: rows.map((row) => associationView(app, scope, row, pending)),
  };
}

function listed<T>(
  app: App,
  scope: Scope,
  kind: 'directory' | 'workspace' | 'image' | 'bundle',
  view: (doc: T) => object,
) {
  const collection = app.store.collection<T>(kind);
  return { total: collection.count(scope), items: collection.page(scope, 0, ITEM_LIMIT).items.map(view) };
}

function applicationsIn(app: App, scope: Scope) {
  return applicationCatalog.map((a) => {
    const page = app.store.associations.forApplication(
      scope,
      a.ApplicationId,
      ['WORKSPACE', 'BUNDLE', 'IMAGE'],
      0,
      ITEM_LIMIT,
    );
    return {
      ApplicationId: a.ApplicationId,
      Name: a.Name,
      State: a.State,
      associations: page.items.length,
      more: page.next !== undefined,
    };
  });
}

export function scopeDetail(app: App, scope: Scope) {
  app.engine.catchUp();
  return {
    account: scope.account,
    region: scope.region,
    clock: clockView(app),
    limit: ITEM_LIMIT,
    directories: listed<DirectoryRecord>(app, scope, 'directory', (d) => ({
      DirectoryId: d.DirectoryId,
      State: d.State,
      DirectoryName: d.DirectoryName,
      ...lifecycle(app, scope, undefined, d.DirectoryId),
    })),
    workspaces: listed<WorkspaceRecord>(app, scope, 'workspace', (w) => ({
      WorkspaceId: w.WorkspaceId,
      State: w.State,
      UserName: w.UserName,
      DirectoryId: w.DirectoryId,
      BundleId: w.BundleId,
      ComputeTypeName: w.WorkspaceProperties?.ComputeTypeName,
      ...lifecycle(app, scope, 'WORKSPACE', w.WorkspaceId),
    })),
    images: listed<ImageRecord>(app, scope, 'image', (i) => ({
      ImageId: i.ImageId,
      Name: i.Name,
      State: i.State,
      OperatingSystemName: i.OperatingSystemName,
      ...lifecycle(app, scope, 'IMAGE', i.ImageId),
    })),
    bundles: listed<BundleRecord>(app, scope, 'bundle', (b) => ({
      BundleId: b.BundleId,
      Name: b.Name,
      State: b.State,
      ImageId: b.ImageId,
      ComputeTypeName: b.ComputeType?.Name,
      ...lifecycle(app, scope, 'BUNDLE', b.BundleId),
    })),
    applications: applicationsIn(app, scope),
  };
}
