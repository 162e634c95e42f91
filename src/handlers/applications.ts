// The applications family: the AWS application catalog, associating applications with WorkSpaces, deploying them,
// and the four views of every association (shared/reference/application-management.md).
import {
  associateOutcome,
  canManageApplications,
  countsTowardCompatibility,
  type DeploymentFailure,
  deploymentStart,
  describeConflict,
  disassociateOutcome,
  diskSpaceFailures,
  findConflict,
  findConflictWith,
  finishedState,
  isDeploying,
  isFailed,
  isInstallable,
  type PendingState,
  runningState,
  type StoredAssociationState,
  supportsCompute,
  supportsOperatingSystem,
  UNINSTALL_ERROR,
} from '../domain/application-rules.js';
import { applicationCatalog, type CatalogApplication, findApplication } from '../domain/applications-catalog.js';
import { associationsJson, resourceItemJson, resourceViewOf } from '../domain/association-json.js';
import { durations } from '../domain/durations.js';
import { isLinux } from '../domain/operating-systems.js';
import { decodeToken, encodeToken } from '../domain/pagination.js';
import { publicBundles } from '../domain/public-bundles.js';
import { type BundleRecord, toDate, type WorkspaceRecord } from '../domain/records.js';
import type { TransitionContext } from '../engine/engine.js';
import {
  accessDenied,
  invalidParameter,
  notFound,
  operationNotSupported,
  resourceInUse,
  ServiceError,
} from '../errors.js';
import { takeDeploymentFault } from '../faults/deployment.js';
import type { Compute, OperatingSystemName, WorkSpaceApplication } from '../model/generated/types.js';
import { merged } from '../objects.js';
import {
  type EncodedOutput,
  encodeShape,
  listItemShape,
  outputWithEncodedList,
  outputWithEncodedMember,
  structureWithEncodedList,
} from '../protocol/serialize.js';
import type { AssociatedResourceType, AssociationRecord } from '../store/types.js';
import { findBundle, requireImage, requireWorkspace, workspaces } from './lookups.js';
import type { Family, Handlers, RequestContext } from './types.js';

type Ctx = Pick<RequestContext, 'scope' | 'store' | 'now'>;

const PAGE_SIZE = 25;
/** Root volume assumed when neither the WorkSpace nor its bundle states one (the smallest Windows root volume). */
const DEFAULT_ROOT_VOLUME_GIB = 80;

// ---- Input checks the model cannot express ----

function requireTypes(types: readonly string[]): void {
  if (types.length === 0) throw invalidParameter('AssociatedResourceTypes must name at least one resource type.');
}

// ---- Wire projections: every view builds its rows from the same stored association ----

/** A write's answer: the association as its WorkSpace's describe lists it, written as text (association-json.ts). */
function associationOutput(
  outputShape: 'AssociateWorkspaceApplicationResult' | 'DisassociateWorkspaceApplicationResult',
  row: AssociationRecord,
): EncodedOutput {
  return outputWithEncodedMember(outputShape, 'Association', resourceViewOf('WORKSPACE'), resourceItemJson(row));
}

/** Deploy's answer: the associations it started, written as text. */
function deploymentOutput(rows: readonly AssociationRecord[]): EncodedOutput {
  const deployment = 'WorkSpaceApplicationDeployment';
  const associations = associationsJson(listItemShape(deployment, 'Associations'), rows);
  const text = structureWithEncodedList(deployment, 'Associations', associations);
  return outputWithEncodedMember('DeployWorkspaceApplicationsResult', 'Deployment', deployment, text);
}

/** The catalog never changes: each application is written as JSON once, on the first request that lists it. */
const encodedApplications = new Map<CatalogApplication, Buffer>();

function encodedApplication(app: CatalogApplication): Buffer {
  let bytes = encodedApplications.get(app);
  if (bytes === undefined) {
    const text = encodeShape(listItemShape('DescribeApplicationsResult', 'Applications'), toWireApplication(app));
    bytes = Buffer.from(text, 'utf8');
    encodedApplications.set(app, bytes);
  }
  return bytes;
}

/** A describe's associations, written as JSON text straight from the rows (association-json.ts). */
function associationList(
  outputShape: string,
  rows: readonly AssociationRecord[],
  rest?: Record<string, unknown>,
): EncodedOutput {
  const items = associationsJson(listItemShape(outputShape, 'Associations'), rows);
  return outputWithEncodedList(outputShape, 'Associations', items, rest);
}

function toWireApplication(app: CatalogApplication): WorkSpaceApplication {
  return {
    ApplicationId: app.ApplicationId,
    Created: toDate(app.Created),
    Description: app.Description,
    LicenseType: app.LicenseType,
    Name: app.Name,
    Owner: app.Owner,
    State: app.State,
    SupportedComputeTypeNames: app.SupportedComputeTypeNames,
    SupportedOperatingSystemNames: app.SupportedOperatingSystemNames,
  };
}

/** Public bundles are not in the store: their catalog applications read as COMPLETED since the bundle's creation. */
function publicBundleRows(bundle: BundleRecord): AssociationRecord[] {
  return (bundle.ApplicationIds ?? []).map((applicationId) => ({
    resourceType: 'BUNDLE',
    resourceId: bundle.BundleId,
    applicationId,
    state: 'COMPLETED',
    created: bundle.CreationTime,
    updated: bundle.CreationTime,
  }));
}

// ---- DescribeApplications ----

interface ApplicationFilter {
  ids: ReadonlySet<string> | undefined;
  computes: readonly Compute[] | undefined;
  systems: readonly OperatingSystemName[] | undefined;
  licenseType: string | undefined;
}

/** List filters match when the application supports any listed value; all filters must match. */
function matchesFilter(app: CatalogApplication, f: ApplicationFilter): boolean {
  return (
    (f.ids === undefined || f.ids.has(app.ApplicationId)) &&
    (f.computes === undefined || f.computes.some((c) => app.SupportedComputeTypeNames.includes(c))) &&
    (f.systems === undefined || f.systems.some((os) => app.SupportedOperatingSystemNames.includes(os))) &&
    (f.licenseType === undefined || f.licenseType === app.LicenseType)
  );
}

/**
 * An account id as Owner names that account's own applications. No API creates any, so the caller's own list is
 * empty, and another account's applications are never the caller's to see.
 */
function ownApplications(ctx: Ctx, owner: string): { Applications: WorkSpaceApplication[] } {
  if (owner !== ctx.scope.account) {
    throw accessDenied(`You are not authorized to describe applications owned by account ${owner}.`);
  }
  return { Applications: [] };
}

// ---- The WorkSpace an operation acts on ----

interface WorkspaceProfile {
  os: OperatingSystemName | undefined;
  compute: Compute | undefined;
  rootVolumeGib: number;
}

/** What compatibility is judged on: the WorkSpace's own properties, else those of the bundle it came from. */
function profileOf(ctx: Ctx, workspace: WorkspaceRecord): WorkspaceProfile {
  const props = workspace.WorkspaceProperties ?? {};
  const bundle = findBundle(ctx, workspace.BundleId);
  const bundleRoot = Number(bundle?.RootStorage?.Capacity);
  return {
    os: props.OperatingSystemName ?? bundle?.OperatingSystemName,
    compute: props.ComputeTypeName ?? bundle?.ComputeType?.Name,
    rootVolumeGib: props.RootVolumeSizeGib ?? (Number.isFinite(bundleRoot) ? bundleRoot : DEFAULT_ROOT_VOLUME_GIB),
  };
}

function requireCatalogApplication(applicationId: string): CatalogApplication {
  const app = findApplication(applicationId);
  if (!app) throw notFound('application', applicationId);
  return app;
}

function requireWindows(workspace: WorkspaceRecord, profile: WorkspaceProfile): void {
  if (isLinux(profile.os)) {
    throw operationNotSupported(
      `WorkSpace ${workspace.WorkspaceId} runs ${profile.os}; applications can be managed only on Windows WorkSpaces.`,
    );
  }
}

function requireManageableState(workspace: WorkspaceRecord): void {
  if (workspace.State === 'UPDATING') {
    throw resourceInUse(
      `An application deployment is in progress on WorkSpace ${workspace.WorkspaceId}. Wait for it to finish, and try again.`,
      workspace.WorkspaceId,
    );
  }
  if (!canManageApplications(workspace.State)) {
    throw resourceInUse(
      `WorkSpace ${workspace.WorkspaceId} is ${workspace.State}; applications can be managed only when it is AVAILABLE or STOPPED.`,
      workspace.WorkspaceId,
    );
  }
}

/** The checks Associate, Disassociate and Deploy share once the WorkSpace (and application) exist: Windows, then state. */
function requireManageable(ctx: Ctx, workspace: WorkspaceRecord): WorkspaceProfile {
  const profile = profileOf(ctx, workspace);
  requireWindows(workspace, profile);
  requireManageableState(workspace);
  return profile;
}

function workspaceRows(ctx: Ctx, workspaceId: string): AssociationRecord[] {
  return ctx.store.associations.forResource(ctx.scope, 'WORKSPACE', workspaceId);
}

const catalogApps = (rows: readonly AssociationRecord[]): CatalogApplication[] =>
  rows.flatMap((r) => findApplication(r.applicationId) ?? []);

/** Applications on the WorkSpace or on their way there (§4). */
const presentApplications = (rows: readonly AssociationRecord[]) =>
  catalogApps(rows.filter((r) => countsTowardCompatibility(r.state)));

function requireInstallable(app: CatalogApplication, workspace: WorkspaceRecord, profile: WorkspaceProfile): void {
  if (!isInstallable(app)) {
    throw new ServiceError(
      'ApplicationNotSupportedException',
      app.State === 'UNINSTALL_ONLY'
        ? `${app.Name} can only be uninstalled; it cannot be associated with a WorkSpace.`
        : `${app.Name} is ${app.State} and cannot be associated with a WorkSpace.`,
    );
  }
  if (!supportsOperatingSystem(app, profile.os)) {
    throw new ServiceError(
      'OperatingSystemNotCompatibleException',
      `${app.Name} does not support the operating system of WorkSpace ${workspace.WorkspaceId} (${profile.os ?? 'unknown'}).`,
    );
  }
  if (!supportsCompute(app, profile.compute)) {
    throw new ServiceError(
      'ComputeNotCompatibleException',
      `${app.Name} does not support the compute type of WorkSpace ${workspace.WorkspaceId} (${profile.compute ?? 'unknown'}).`,
    );
  }
}

// ---- Writing associations ----

/** The row in a new state; the error reason is kept exactly while the state is a failure. */
function moved(row: AssociationRecord, state: StoredAssociationState, at: number, failure?: DeploymentFailure) {
  const { errorCode: _code, errorMessage: _message, ...rest } = row;
  const next: AssociationRecord = merged(rest, { state, updated: at });
  if (isFailed(state) && failure)
    return merged(next, { errorCode: failure.ErrorCode, errorMessage: failure.ErrorMessage });
  return next;
}

function newWorkspaceRow(workspaceId: string, applicationId: string, at: number): AssociationRecord {
  return {
    resourceType: 'WORKSPACE',
    resourceId: workspaceId,
    applicationId,
    state: 'PENDING_INSTALL_DEPLOYMENT',
    created: at,
    updated: at,
  };
}

// ---- Deployments ----

interface PhasePayload {
  applicationId: string;
  failure?: DeploymentFailure;
}

interface Picked {
  row: AssociationRecord;
  pending: PendingState;
}

/**
 * Decides now how each application of the deployment will end: an injected fault first, then the root-volume rule
 * for installs. Deciding at deploy time keeps the outcome fixed however time is advanced afterwards.
 */
function planFailures(
  ctx: Ctx,
  workspace: WorkspaceRecord,
  profile: WorkspaceProfile,
  rows: readonly AssociationRecord[],
  picked: readonly Picked[],
): Map<string, DeploymentFailure> {
  const failures = new Map<string, DeploymentFailure>();
  for (const { row } of picked) {
    const fault = takeDeploymentFault(ctx.store, ctx.now, {
      scope: ctx.scope,
      workspaceId: workspace.WorkspaceId,
      applicationId: row.applicationId,
    });
    if (fault) failures.set(row.applicationId, fault);
  }
  const inDeployment = new Set(picked.map((p) => p.row.applicationId));
  const staying = catalogApps(
    rows.filter((r) => (r.state === 'COMPLETED' || r.state === UNINSTALL_ERROR) && !inDeployment.has(r.applicationId)),
  );
  const installing = catalogApps(
    picked.filter((p) => p.pending === 'PENDING_INSTALL' && !failures.has(p.row.applicationId)).map((p) => p.row),
  );
  for (const [id, failure] of diskSpaceFailures(profile.rootVolumeGib, staying, installing)) failures.set(id, failure);
  return failures;
}

/** The WorkSpace shows UPDATING while a deployment runs, and returns to the state it had [AG-apps]. */
function enterUpdating(ctx: Ctx, workspace: WorkspaceRecord): void {
  workspaces(ctx).put(
    ctx.scope,
    workspace.WorkspaceId,
    merged(workspace, { State: 'UPDATING' as const, ResumeState: workspace.State }),
  );
}

/** Ends UPDATING once no association of the WorkSpace is still being deployed. */
function settleWorkspace(ctx: Ctx, workspaceId: string): void {
  const workspace = workspaces(ctx).get(ctx.scope, workspaceId);
  if (workspace?.State !== 'UPDATING') return;
  if (workspaceRows(ctx, workspaceId).some((r) => isDeploying(r.state))) return;
  const { ResumeState, ...rest } = workspace;
  workspaces(ctx).put(ctx.scope, workspaceId, merged(rest, { State: ResumeState ?? 'AVAILABLE' }));
}

function startPhase(tctx: TransitionContext, workspaceId: string, payload: unknown): void {
  const { applicationId } = payload as PhasePayload;
  const row = tctx.store.associations.get(tctx.scope, 'WORKSPACE', workspaceId, applicationId);
  const running = row && runningState(row.state);
  // Anything else means the association changed meanwhile (WorkSpace rebuilt or terminated): nothing to advance.
  if (!row || !running) {
    settleWorkspace(tctx, workspaceId);
    return;
  }
  tctx.store.associations.put(tctx.scope, moved(row, running, tctx.now));
  const duration = running === 'INSTALLING' ? durations.applicationInstall : durations.applicationUninstall;
  tctx.engine.schedule(tctx.scope, tctx.now, duration, 'applications.finishPhase', workspaceId, payload);
}

function finishPhase(tctx: TransitionContext, workspaceId: string, payload: unknown): void {
  const { applicationId, failure } = payload as PhasePayload;
  const row = tctx.store.associations.get(tctx.scope, 'WORKSPACE', workspaceId, applicationId);
  const next = row && finishedState(row.state, failure !== undefined);
  if (row && next) tctx.store.associations.put(tctx.scope, moved(row, next, tctx.now, failure));
  settleWorkspace(tctx, workspaceId);
}

// ---- Bundles for the resource-side view ----

function bundleRows(ctx: Ctx, bundleId: string): AssociationRecord[] {
  const bundle = findBundle(ctx, bundleId);
  if (!bundle) throw notFound('bundle', bundleId);
  if (bundle.ApplicationIds !== undefined) return publicBundleRows(bundle);
  return ctx.store.associations.forResource(ctx.scope, 'BUNDLE', bundleId);
}

// ---- DescribeApplicationAssociations: public bundles first, then the store, in one position space ----

/**
 * A position packs how many public-bundle rows were returned (low part) and the store position after which to
 * continue (high part), so one opaque NextToken resumes the merged listing. Public bundles are far fewer than 1024.
 */
const PUBLIC_SLOTS = 1024;

/** The public bundles never change: each application's rows are gathered once (a scan of ~100 bundles a page). */
const publicRowsByApplication = new Map<string, readonly AssociationRecord[]>();

function publicRowsFor(applicationId: string, types: readonly AssociatedResourceType[]): readonly AssociationRecord[] {
  if (!types.includes('BUNDLE')) return [];
  let rows = publicRowsByApplication.get(applicationId);
  if (rows === undefined) {
    rows = publicBundles.flatMap(publicBundleRows).filter((r) => r.applicationId === applicationId);
    // Ids come from requests: only catalog applications (a fixed few) are kept.
    if (findApplication(applicationId)) publicRowsByApplication.set(applicationId, rows);
  }
  return rows;
}

const packPosition = (publicDone: number, after: number) => after * PUBLIC_SLOTS + publicDone;

function pageApplicationRows(
  ctx: Ctx,
  applicationId: string,
  types: readonly AssociatedResourceType[],
  position: number,
  limit: number,
): { items: AssociationRecord[]; next: number | undefined } {
  const publicDone = position % PUBLIC_SLOTS;
  const after = Math.floor(position / PUBLIC_SLOTS);
  const publicRest = publicRowsFor(applicationId, types).slice(publicDone);
  const fromPublic = publicRest.slice(0, limit);
  const publicCount = publicDone + fromPublic.length;
  if (publicRest.length > limit) return { items: fromPublic, next: packPosition(publicCount, after) };
  // Fill the page from the store; ask for one row even when the page is full, to learn whether more follow.
  const room = limit - fromPublic.length;
  const stored = ctx.store.associations.forApplication(ctx.scope, applicationId, types, after, Math.max(room, 1));
  if (room === 0) {
    return { items: fromPublic, next: stored.items.length > 0 ? packPosition(publicCount, after) : undefined };
  }
  return {
    items: [...fromPublic, ...stored.items],
    next: stored.next === undefined ? undefined : packPosition(publicCount, stored.next),
  };
}

// ---- Handlers ----

const handlers: Handlers<
  | 'DescribeApplications'
  | 'AssociateWorkspaceApplication'
  | 'DisassociateWorkspaceApplication'
  | 'DeployWorkspaceApplications'
  | 'DescribeWorkspaceAssociations'
  | 'DescribeBundleAssociations'
  | 'DescribeImageAssociations'
  | 'DescribeApplicationAssociations'
> = {
  DescribeApplications(input, ctx) {
    const start = decodeToken(ctx, 'DescribeApplications', input.NextToken);
    if (input.Owner !== undefined && input.Owner !== 'AMAZON') return ownApplications(ctx, input.Owner);
    const filter: ApplicationFilter = {
      ids: input.ApplicationIds && new Set(input.ApplicationIds),
      computes: input.ComputeTypeNames,
      systems: input.OperatingSystemNames,
      licenseType: input.LicenseType,
    };
    const matching = applicationCatalog.filter((app) => matchesFilter(app, filter));
    const limit = input.MaxResults ?? PAGE_SIZE;
    const page = matching.slice(start, start + limit);
    const end = start + page.length;
    return outputWithEncodedList(
      'DescribeApplicationsResult',
      'Applications',
      page.map(encodedApplication),
      end < matching.length ? { NextToken: encodeToken(ctx, 'DescribeApplications', end) } : {},
    );
  },

  AssociateWorkspaceApplication(input, ctx) {
    const workspace = requireWorkspace(ctx, input.WorkspaceId);
    const application = requireCatalogApplication(input.ApplicationId);
    const profile = requireManageable(ctx, workspace);
    const rows = workspaceRows(ctx, workspace.WorkspaceId);
    const current = rows.find((r) => r.applicationId === application.ApplicationId);
    const outcome = associateOutcome(current?.state);
    // Re-associating an application queued for removal only cancels the removal (the console's "revert").
    if (current && outcome === 'REVERT_UNINSTALL') {
      const reverted = moved(current, 'COMPLETED', ctx.now);
      ctx.store.associations.put(ctx.scope, reverted);
      return associationOutput('AssociateWorkspaceApplicationResult', reverted);
    }
    requireInstallable(application, workspace, profile);
    if (outcome === 'ALREADY_ASSOCIATED') {
      throw new ServiceError(
        'ResourceAlreadyExistsException',
        `${application.Name} is already associated with WorkSpace ${workspace.WorkspaceId}.`,
      );
    }
    if (outcome === 'DEPLOYING') {
      throw resourceInUse(
        `${application.Name} is being deployed to WorkSpace ${workspace.WorkspaceId}. Wait for the deployment to finish, and try again.`,
        workspace.WorkspaceId,
      );
    }
    const conflict = findConflictWith(application, presentApplications(rows));
    if (conflict) throw new ServiceError('IncompatibleApplicationsException', describeConflict(conflict));
    const row = newWorkspaceRow(workspace.WorkspaceId, application.ApplicationId, ctx.now);
    ctx.store.associations.put(ctx.scope, row);
    return associationOutput('AssociateWorkspaceApplicationResult', row);
  },

  DisassociateWorkspaceApplication(input, ctx) {
    const workspace = requireWorkspace(ctx, input.WorkspaceId);
    const application = requireCatalogApplication(input.ApplicationId);
    requireManageable(ctx, workspace);
    const current = ctx.store.associations.get(
      ctx.scope,
      'WORKSPACE',
      workspace.WorkspaceId,
      application.ApplicationId,
    );
    const outcome = disassociateOutcome(current?.state);
    if (!current || outcome === 'NOT_ASSOCIATED') {
      throw new ServiceError(
        'ResourceNotFoundException',
        `${application.Name} is not associated with WorkSpace ${workspace.WorkspaceId}.`,
        { members: { ResourceId: application.ApplicationId } },
      );
    }
    if (outcome === 'DEPLOYING') {
      throw resourceInUse(
        `${application.Name} is being deployed to WorkSpace ${workspace.WorkspaceId}. Wait for the deployment to finish, and try again.`,
        workspace.WorkspaceId,
      );
    }
    if (outcome === 'UNCHANGED') return associationOutput('DisassociateWorkspaceApplicationResult', current);
    if (outcome === 'DROP_NOT_INSTALLED') {
      // Never installed, so nothing to uninstall: the association goes away (for a pending install, the console's
      // "revert"). A failed install goes the same way, so a later Associate starts a fresh install.
      ctx.store.associations.delete(ctx.scope, 'WORKSPACE', workspace.WorkspaceId, application.ApplicationId);
      return associationOutput('DisassociateWorkspaceApplicationResult', moved(current, 'REMOVED', ctx.now));
    }
    const queued = moved(current, 'PENDING_UNINSTALL_DEPLOYMENT', ctx.now);
    ctx.store.associations.put(ctx.scope, queued);
    return associationOutput('DisassociateWorkspaceApplicationResult', queued);
  },

  DeployWorkspaceApplications(input, ctx) {
    const workspace = requireWorkspace(ctx, input.WorkspaceId);
    const profile = requireManageable(ctx, workspace);
    const rows = workspaceRows(ctx, workspace.WorkspaceId);
    const conflict = findConflict(presentApplications(rows));
    if (conflict) throw new ServiceError('IncompatibleApplicationsException', describeConflict(conflict));
    const force = input.Force === true;
    const picked = rows.flatMap((row): Picked[] => {
      const pending = deploymentStart(row.state, force);
      return pending ? [{ row, pending }] : [];
    });
    if (picked.length === 0) return { Deployment: { Associations: [] } };
    const failures = planFailures(ctx, workspace, profile, rows, picked);
    const started = picked.map(({ row, pending }) => {
      const next = moved(row, pending, ctx.now);
      ctx.store.associations.put(ctx.scope, next);
      const failure = failures.get(row.applicationId);
      const payload: PhasePayload = { applicationId: row.applicationId, ...(failure && { failure }) };
      ctx.engine.schedule(
        ctx.scope,
        ctx.now,
        durations.applicationQueued,
        'applications.startPhase',
        workspace.WorkspaceId,
        payload,
      );
      return next;
    });
    enterUpdating(ctx, workspace);
    return deploymentOutput(started);
  },

  DescribeWorkspaceAssociations(input, ctx) {
    requireTypes(input.AssociatedResourceTypes);
    const workspace = requireWorkspace(ctx, input.WorkspaceId);
    return associationList('DescribeWorkspaceAssociationsResult', workspaceRows(ctx, workspace.WorkspaceId));
  },

  DescribeBundleAssociations(input, ctx) {
    requireTypes(input.AssociatedResourceTypes);
    return associationList('DescribeBundleAssociationsResult', bundleRows(ctx, input.BundleId));
  },

  DescribeImageAssociations(input, ctx) {
    requireTypes(input.AssociatedResourceTypes);
    // Shared images answer from the owner's scope; an image neither owned nor shared is not found.
    const { image, owner } = requireImage(ctx, input.ImageId);
    const items = ctx.store.associations.forResourceJson(owner, 'IMAGE', image.ImageId);
    return outputWithEncodedList('DescribeImageAssociationsResult', 'Associations', [items]);
  },

  DescribeApplicationAssociations(input, ctx) {
    requireTypes(input.AssociatedResourceTypes);
    const position = decodeToken(ctx, 'DescribeApplicationAssociations', input.NextToken);
    const app = requireCatalogApplication(input.ApplicationId);
    const types = [...new Set(input.AssociatedResourceTypes)];
    const page = pageApplicationRows(ctx, app.ApplicationId, types, position, input.MaxResults ?? PAGE_SIZE);
    return associationList(
      'DescribeApplicationAssociationsResult',
      page.items,
      page.next === undefined ? {} : { NextToken: encodeToken(ctx, 'DescribeApplicationAssociations', page.next) },
    );
  },
};

export const applicationsFamily: Family = {
  handlers,
  transitions: {
    'applications.startPhase': startPhase,
    'applications.finishPhase': finishPhase,
  },
};
