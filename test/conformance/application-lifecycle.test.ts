// Application deployments as AWS documents them, through the SDK: what a default bundle's root volume holds, and
// every path of the association state machine seen alike by the four association views.
import {
  AssociateWorkspaceApplicationCommand,
  CreateWorkspaceBundleCommand,
  CreateWorkspaceImageCommand,
  DeployWorkspaceApplicationsCommand,
  DescribeApplicationAssociationsCommand,
  DescribeBundleAssociationsCommand,
  DescribeImageAssociationsCommand,
  DescribeWorkspaceAssociationsCommand,
  DescribeWorkspaceBundlesCommand,
  DisassociateWorkspaceApplicationCommand,
  type WorkSpacesClient,
  type WorkspaceBundle,
} from '@aws-sdk/client-workspaces';
import { beforeEach, describe, expect, it } from 'vitest';
import { APPLICATION_IDS } from '../../src/domain/applications-catalog.js';
import { durations } from '../../src/domain/durations.js';
import { ACCOUNT_A, useEmulator } from '../helpers/emulator.js';
import { seconds, workspaceState, world } from '../helpers/world.js';

const t = useEmulator();
const { registerDirectory, launchWorkspace } = world(t);

beforeEach(() => t.emulator.reset());

const { officeProPlus2021, visioPro2021, projectPro2021, visualStudioPro2022 } = APPLICATION_IDS;
const ALL_APPS = [officeProPlus2021, visioPro2021, projectPro2021, visualStudioPro2022];
const DEPLOYED = seconds(durations.applicationQueued + durations.applicationInstall);
const UNDEPLOYED = seconds(durations.applicationQueued + durations.applicationUninstall);

async function publicBundles(c: WorkSpacesClient): Promise<WorkspaceBundle[]> {
  const bundles: WorkspaceBundle[] = [];
  let NextToken: string | undefined;
  do {
    const out = await c.send(new DescribeWorkspaceBundlesCommand({ Owner: 'AMAZON', NextToken }));
    bundles.push(...(out.Bundles ?? []));
    NextToken = out.NextToken;
  } while (NextToken);
  return bundles;
}

/** The default Performance and Power bundles of Windows Server 2022 with the smallest (80 GB) root volume. */
async function smallServer2022Bundles(c: WorkSpacesClient): Promise<WorkspaceBundle[]> {
  const bundles = (await publicBundles(c)).filter(
    (b) =>
      /^(Performance|Power) with Windows 10 \(Server 2022 based\)/.test(b.Name ?? '') &&
      ['PERFORMANCE', 'POWER'].includes(b.ComputeType?.Name ?? '') &&
      b.RootStorage?.Capacity === '80',
  );
  expect(bundles.length).toBeGreaterThan(0);
  return bundles;
}

async function bundleNamed(c: WorkSpacesClient, pattern: RegExp): Promise<WorkspaceBundle> {
  const bundle = (await publicBundles(c)).find((b) => pattern.test(b.Name ?? ''));
  if (!bundle?.BundleId) throw new Error(`no public bundle named ${pattern}`);
  return bundle;
}

const DIRECTORY = 'd-9067aaaa01';
let users = 0;

beforeEach(async () => {
  await registerDirectory(t.client(ACCOUNT_A), DIRECTORY);
});

const launchFrom = (c: WorkSpacesClient, BundleId: string) =>
  launchWorkspace(c, { DirectoryId: DIRECTORY, UserName: `dev${++users}`, BundleId });

const associate = (c: WorkSpacesClient, WorkspaceId: string, ApplicationId: string) =>
  c.send(new AssociateWorkspaceApplicationCommand({ WorkspaceId, ApplicationId }));
const disassociate = (c: WorkSpacesClient, WorkspaceId: string, ApplicationId: string) =>
  c.send(new DisassociateWorkspaceApplicationCommand({ WorkspaceId, ApplicationId }));
const deploy = (c: WorkSpacesClient, WorkspaceId: string, Force = false) =>
  c.send(new DeployWorkspaceApplicationsCommand({ WorkspaceId, Force }));

interface ViewRow {
  app: string;
  State: string | undefined;
  ErrorCode?: string | undefined;
}

const byApp = (a: ViewRow, b: ViewRow) => a.app.localeCompare(b.app);

async function workspaceView(c: WorkSpacesClient, WorkspaceId: string): Promise<ViewRow[]> {
  const out = await c.send(
    new DescribeWorkspaceAssociationsCommand({ WorkspaceId, AssociatedResourceTypes: ['APPLICATION'] }),
  );
  return (out.Associations ?? [])
    .map((r) => ({ app: r.AssociatedResourceId ?? '', State: r.State, ErrorCode: r.StateReason?.ErrorCode }))
    .sort(byApp);
}

async function imageView(c: WorkSpacesClient, ImageId: string): Promise<ViewRow[]> {
  const out = await c.send(new DescribeImageAssociationsCommand({ ImageId, AssociatedResourceTypes: ['APPLICATION'] }));
  return (out.Associations ?? [])
    .map((r) => ({ app: r.AssociatedResourceId ?? '', State: r.State, ErrorCode: r.StateReason?.ErrorCode }))
    .sort(byApp);
}

async function bundleView(c: WorkSpacesClient, BundleId: string): Promise<ViewRow[]> {
  const out = await c.send(
    new DescribeBundleAssociationsCommand({ BundleId, AssociatedResourceTypes: ['APPLICATION'] }),
  );
  return (out.Associations ?? [])
    .map((r) => ({ app: r.AssociatedResourceId ?? '', State: r.State, ErrorCode: r.StateReason?.ErrorCode }))
    .sort(byApp);
}

/** What DescribeApplicationAssociations says about one resource, gathered over every application. */
async function applicationView(c: WorkSpacesClient, resourceId: string): Promise<ViewRow[]> {
  const rows: ViewRow[] = [];
  for (const ApplicationId of ALL_APPS) {
    const out = await c.send(
      new DescribeApplicationAssociationsCommand({
        ApplicationId,
        AssociatedResourceTypes: ['WORKSPACE', 'IMAGE', 'BUNDLE'],
      }),
    );
    for (const r of out.Associations ?? []) {
      if (r.AssociatedResourceId === resourceId) {
        rows.push({ app: ApplicationId, State: r.State, ErrorCode: r.StateReason?.ErrorCode });
      }
    }
  }
  return rows.sort(byApp);
}

/** The WorkSpace's applications and their states, after checking that both WorkSpace-side views agree. */
async function states(c: WorkSpacesClient, WorkspaceId: string): Promise<Record<string, string | undefined>> {
  const rows = await workspaceView(c, WorkspaceId);
  expect(await applicationView(c, WorkspaceId)).toEqual(rows);
  return Object.fromEntries(rows.map((r) => [r.app, r.State]));
}

async function addFault(body: Record<string, unknown>): Promise<void> {
  const response = await t.post('/_emulator/faults', body);
  expect(response.status).toBe(200);
}

describe('Visual Studio 2022 on a default bundle', () => {
  it('installs alone on the 80 GB root volume of a Performance or Power bundle of Windows Server 2022', async () => {
    const c = t.client(ACCOUNT_A);
    for (const bundle of await smallServer2022Bundles(c)) {
      const ws = await launchFrom(c, bundle.BundleId ?? '');
      await associate(c, ws, visualStudioPro2022);
      await deploy(c, ws);
      t.emulator.clock.advance(DEPLOYED);
      expect(await workspaceView(c, ws)).toEqual([
        { app: visualStudioPro2022, State: 'COMPLETED', ErrorCode: undefined },
      ]);
      expect(await workspaceState(c, ws)).toBe('AVAILABLE');
    }
  });

  it('fails for lack of disk space only once the 20 GB an 80 GB root volume leaves are used up', async () => {
    const c = t.client(ACCOUNT_A);
    const [bundle] = await smallServer2022Bundles(c);
    const ws = await launchFrom(c, bundle?.BundleId ?? '');
    for (const app of [visualStudioPro2022, officeProPlus2021, visioPro2021, projectPro2021]) {
      await associate(c, ws, app);
    }
    await deploy(c, ws);
    t.emulator.clock.advance(DEPLOYED);
    const rows = await c.send(
      new DescribeWorkspaceAssociationsCommand({ WorkspaceId: ws, AssociatedResourceTypes: ['APPLICATION'] }),
    );
    const reasons = Object.fromEntries(
      (rows.Associations ?? []).map((r) => [r.AssociatedResourceId, r.StateReason ?? r.State]),
    );
    // Visual Studio takes 18 of the 20 GB; each 4 GB application after it finds 2 GB.
    const noRoom = (name: string) => ({
      ErrorCode: 'ValidationError.InsufficientDiskSpace',
      ErrorMessage: `${name} needs 4 GB of free space on the root volume; 2 GB is free.`,
    });
    expect(reasons).toEqual({
      [visualStudioPro2022]: 'COMPLETED',
      [officeProPlus2021]: noRoom('Microsoft Office LTSC Professional Plus 2021'),
      [visioPro2021]: noRoom('Microsoft Visio LTSC Professional 2021'),
      [projectPro2021]: noRoom('Microsoft Project Professional 2021'),
    });
  });

  it('fits Office, Visio and Project together on 80 GB, and all four on a 175 GB root volume', async () => {
    const c = t.client(ACCOUNT_A);
    const [small] = await smallServer2022Bundles(c);
    const office = await launchFrom(c, small?.BundleId ?? '');
    for (const app of [officeProPlus2021, visioPro2021, projectPro2021]) await associate(c, office, app);
    await deploy(c, office);
    t.emulator.clock.advance(DEPLOYED);
    expect(Object.values(await states(c, office))).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);

    const large = await bundleNamed(c, /^Power with Windows 10 \(Server 2022 based\)/);
    expect(Number(large.RootStorage?.Capacity)).toBeGreaterThanOrEqual(175);
    const everything = await launchFrom(c, large.BundleId ?? '');
    for (const app of ALL_APPS) await associate(c, everything, app);
    await deploy(c, everything);
    t.emulator.clock.advance(DEPLOYED);
    expect(await states(c, everything)).toEqual(Object.fromEntries(ALL_APPS.map((a) => [a, 'COMPLETED'])));
  });
});

describe('the association state machine, every path', () => {
  it('never shows an application as installed that did not install, in any of the four views', async () => {
    const c = t.client(ACCOUNT_A);
    const power = await bundleNamed(c, /^Power with Windows 10 \(Server 2022 based\)/);
    const ws = await launchFrom(c, power.BundleId ?? '');
    const [office, visio, project, studio] = [officeProPlus2021, visioPro2021, projectPro2021, visualStudioPro2022];

    // Install ok (Office) and install failed (Visio, Project) in one deployment.
    await addFault({
      errorCode: 'DeploymentError.InternalServerError',
      workspaceId: ws,
      applicationId: visio,
      count: 1,
    });
    await addFault({ errorCode: 'DeploymentError.InternalServerError', workspaceId: ws, applicationId: project });
    for (const app of [office, visio, project]) {
      expect((await associate(c, ws, app)).Association?.State).toBe('PENDING_INSTALL_DEPLOYMENT');
    }
    expect(await states(c, ws)).toEqual({
      [office]: 'PENDING_INSTALL_DEPLOYMENT',
      [visio]: 'PENDING_INSTALL_DEPLOYMENT',
      [project]: 'PENDING_INSTALL_DEPLOYMENT',
    });
    await deploy(c, ws);
    t.emulator.clock.advance(seconds(durations.applicationQueued));
    expect(await states(c, ws)).toEqual({ [office]: 'INSTALLING', [visio]: 'INSTALLING', [project]: 'INSTALLING' });
    t.emulator.clock.advance(seconds(durations.applicationInstall));
    expect(await states(c, ws)).toEqual({ [office]: 'COMPLETED', [visio]: 'ERROR', [project]: 'ERROR' });

    // A failed install without Force is left alone; with Force it is retried (Visio's fault is used up).
    expect((await deploy(c, ws)).Deployment?.Associations).toEqual([]);
    await deploy(c, ws, true);
    t.emulator.clock.advance(DEPLOYED);
    expect(await states(c, ws)).toEqual({ [office]: 'COMPLETED', [visio]: 'COMPLETED', [project]: 'ERROR' });

    // A failed install disassociated is gone; associated again it waits for a deployment, it is not COMPLETED.
    expect((await disassociate(c, ws, project)).Association?.State).toBe('REMOVED');
    expect(await states(c, ws)).toEqual({ [office]: 'COMPLETED', [visio]: 'COMPLETED' });
    expect((await associate(c, ws, project)).Association?.State).toBe('PENDING_INSTALL_DEPLOYMENT');
    expect(await states(c, ws)).toEqual({
      [office]: 'COMPLETED',
      [visio]: 'COMPLETED',
      [project]: 'PENDING_INSTALL_DEPLOYMENT',
    });

    // An image taken now carries only what is installed.
    const early = await c.send(new CreateWorkspaceImageCommand({ Name: 'early', Description: 'e', WorkspaceId: ws }));
    expect((await imageView(c, early.ImageId ?? '')).map((r) => [r.app, r.State])).toEqual([
      [office, 'COMPLETED'],
      [visio, 'COMPLETED'],
    ]);
    expect(await applicationView(c, early.ImageId ?? '')).toEqual(await imageView(c, early.ImageId ?? ''));
    t.emulator.clock.advance(seconds(durations.imageCreate));

    // A pending install disassociated is dropped (revert of an install).
    expect((await disassociate(c, ws, project)).Association?.State).toBe('REMOVED');
    expect(await states(c, ws)).toEqual({ [office]: 'COMPLETED', [visio]: 'COMPLETED' });

    // Revert of an uninstall: an installed application queued for removal and associated again stays COMPLETED.
    expect((await disassociate(c, ws, visio)).Association?.State).toBe('PENDING_UNINSTALL_DEPLOYMENT');
    expect((await associate(c, ws, visio)).Association?.State).toBe('COMPLETED');

    // Uninstall failed, then retried with Force: REMOVED. Uninstall ok: REMOVED.
    await addFault({
      errorCode: 'DeploymentError.WorkspaceUnreachable',
      workspaceId: ws,
      applicationId: visio,
      count: 1,
    });
    await disassociate(c, ws, visio);
    await deploy(c, ws);
    t.emulator.clock.advance(UNDEPLOYED);
    expect(await states(c, ws)).toEqual({ [office]: 'COMPLETED', [visio]: 'ERROR' });
    await deploy(c, ws, true);
    t.emulator.clock.advance(UNDEPLOYED);
    expect(await states(c, ws)).toEqual({ [office]: 'COMPLETED', [visio]: 'REMOVED' });

    // A failed uninstall leaves the application installed: reverting its removal shows it COMPLETED again.
    await addFault({
      errorCode: 'DeploymentError.WorkspaceUnreachable',
      workspaceId: ws,
      applicationId: office,
      count: 1,
    });
    await disassociate(c, ws, office);
    await deploy(c, ws);
    t.emulator.clock.advance(UNDEPLOYED);
    expect(await states(c, ws)).toEqual({ [office]: 'ERROR', [visio]: 'REMOVED' });
    expect((await disassociate(c, ws, office)).Association?.State).toBe('PENDING_UNINSTALL_DEPLOYMENT');
    expect((await associate(c, ws, office)).Association?.State).toBe('COMPLETED');

    // Visual Studio fails to install; the image and the bundle made now carry Office only.
    await addFault({
      errorCode: 'ValidationError.InsufficientMemory',
      workspaceId: ws,
      applicationId: studio,
      count: 1,
    });
    await associate(c, ws, studio);
    await deploy(c, ws);
    t.emulator.clock.advance(DEPLOYED);
    expect(await states(c, ws)).toEqual({ [office]: 'COMPLETED', [visio]: 'REMOVED', [studio]: 'ERROR' });
    const image = await c.send(new CreateWorkspaceImageCommand({ Name: 'late', Description: 'l', WorkspaceId: ws }));
    const imageId = image.ImageId ?? '';
    t.emulator.clock.advance(seconds(durations.imageCreate));
    const installedOnly = [{ app: office, State: 'COMPLETED', ErrorCode: undefined }];
    expect(await imageView(c, imageId)).toEqual(installedOnly);
    expect(await applicationView(c, imageId)).toEqual(installedOnly);
    const bundle = await c.send(
      new CreateWorkspaceBundleCommand({
        BundleName: 'office-only',
        BundleDescription: 'what installed',
        ImageId: imageId,
        ComputeType: { Name: 'POWER' },
        UserStorage: { Capacity: '100' },
        RootStorage: { Capacity: '175' },
      }),
    );
    const bundleId = bundle.WorkspaceBundle?.BundleId ?? '';
    t.emulator.clock.advance(seconds(durations.bundleCreate));
    expect(await bundleView(c, bundleId)).toEqual(installedOnly);
    expect(await applicationView(c, bundleId)).toEqual(installedOnly);

    // A WorkSpace launched from that bundle has Office only.
    const next = await launchFrom(c, bundleId);
    expect(await states(c, next)).toEqual({ [office]: 'COMPLETED' });

    // Uninstall ok: REMOVED on the WorkSpace; the image and the bundle keep what they were made with.
    await disassociate(c, ws, office);
    expect((await deploy(c, ws)).Deployment?.Associations?.map((a) => [a.AssociatedResourceId, a.State])).toEqual([
      [office, 'PENDING_UNINSTALL'],
    ]);
    t.emulator.clock.advance(UNDEPLOYED);
    expect(await states(c, ws)).toEqual({ [office]: 'REMOVED', [visio]: 'REMOVED', [studio]: 'ERROR' });
    expect(await imageView(c, imageId)).toEqual(installedOnly);
    expect(await bundleView(c, bundleId)).toEqual(installedOnly);
  });
});
