// The applications family through the SDK, on WorkSpaces, images and bundles seeded straight into the store:
// the catalog, every error, every state transition on the manual clock, failures, Force, views and isolation.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AssociateWorkspaceApplicationCommand,
  DeployWorkspaceApplicationsCommand,
  DescribeApplicationAssociationsCommand,
  DescribeApplicationsCommand,
  type DescribeApplicationsCommandInput,
  DescribeBundleAssociationsCommand,
  DescribeImageAssociationsCommand,
  DescribeWorkspaceAssociationsCommand,
  DescribeWorkspacesCommand,
  DisassociateWorkspaceApplicationCommand,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OS_FOOTPRINT_GIB } from '../../src/domain/application-rules.js';
import { APPLICATION_IDS } from '../../src/domain/applications-catalog.js';
import { durations } from '../../src/domain/durations.js';
import { publicBundles } from '../../src/domain/public-bundles.js';
import type { BundleRecord, ImageRecord, WorkspaceRecord } from '../../src/domain/records.js';
import { startEmulator } from '../../src/index.js';
import type {
  AssociationErrorCode,
  Compute,
  OperatingSystemName,
  WorkspaceState,
} from '../../src/model/generated/types.js';
import type { AssociatedResourceType, Scope } from '../../src/store/types.js';
import { ACCOUNT_A, ACCOUNT_B, useEmulator } from '../helpers/emulator.js';

const t = useEmulator();

beforeEach(() => t.emulator.reset());

const US = 'us-east-1';
const EU = 'eu-west-1';
const QUEUED = durations.applicationQueued / 1000;
const INSTALL = durations.applicationInstall / 1000;
const UNINSTALL = durations.applicationUninstall / 1000;
const {
  office2016,
  office2019,
  officeProPlus2021: officePro,
  officeStandard2021: officeStd,
  visioPro2021: visioPro,
  visioStandard2021: visioStd,
  projectPro2021: projectPro,
  projectStandard2021: projectStd,
  visualStudioPro2022: vsPro,
  visualStudioEnterprise2022: vsEnt,
} = APPLICATION_IDS;

const plusBundle = (applicationId: string): BundleRecord => {
  const bundle = publicBundles.find((b) => b.ApplicationIds?.includes(applicationId));
  if (!bundle) throw new Error(`no public bundle carries ${applicationId}`);
  return bundle;
};

// ---- Seeding records straight into the store ----

let serial = 0;
const nextId = (prefix: string) => `${prefix}-${(++serial).toString(36).padStart(9, '0')}`;
const store = () => t.emulator.app.store;
const scopeOf = (account = ACCOUNT_A, region = US): Scope => ({ account, region });
const nowMs = () => t.emulator.clock.now().getTime();

interface WorkspaceSeed {
  account?: string;
  region?: string;
  os?: OperatingSystemName;
  compute?: Compute;
  root?: number;
  state?: WorkspaceState;
  /** Applications installed at launch (COMPLETED associations). */
  installed?: string[];
}

function seedWorkspace(seed: WorkspaceSeed = {}): string {
  const id = nextId('ws');
  const scope = scopeOf(seed.account, seed.region);
  const record: WorkspaceRecord = {
    WorkspaceId: id,
    DirectoryId: 'd-0123456789',
    UserName: `user${serial}`,
    BundleId: 'wsb-1bpbv1wvn',
    ImageId: 'wsi-1bpbv1wvn',
    State: seed.state ?? 'AVAILABLE',
    CreatedAt: nowMs(),
    WorkspaceProperties: {
      RunningMode: 'ALWAYS_ON',
      OperatingSystemName: seed.os ?? 'WINDOWS_SERVER_2022',
      ComputeTypeName: seed.compute ?? 'POWER',
      RootVolumeSizeGib: seed.root ?? 175,
      UserVolumeSizeGib: 100,
    },
  };
  store().collection<WorkspaceRecord>('workspace').put(scope, id, record);
  for (const applicationId of seed.installed ?? []) {
    store().associations.put(scope, completedRow('WORKSPACE', id, applicationId));
  }
  return id;
}

function completedRow(resourceType: AssociatedResourceType, resourceId: string, applicationId: string) {
  const at = nowMs();
  return { resourceType, resourceId, applicationId, state: 'COMPLETED', created: at, updated: at };
}

function seedImage(account = ACCOUNT_A, region = US, installed: string[] = []): string {
  const id = nextId('wsi');
  const image: ImageRecord = {
    ImageId: id,
    Name: `image-${id}`,
    State: 'AVAILABLE',
    Created: nowMs(),
    OwnerAccountId: account,
    OperatingSystemName: 'WINDOWS_SERVER_2022',
    RootVolumeSizeGib: 175,
    UserVolumeSizeGib: 100,
  };
  store().collection<ImageRecord>('image').put(scopeOf(account, region), id, image);
  for (const app of installed) store().associations.put(scopeOf(account, region), completedRow('IMAGE', id, app));
  return id;
}

function seedBundle(account = ACCOUNT_A, installed: string[] = []): string {
  const id = nextId('wsb');
  const bundle: BundleRecord = {
    BundleId: id,
    Name: `bundle-${id}`,
    Owner: account,
    ImageId: 'wsi-000000000',
    CreationTime: nowMs(),
    LastUpdatedTime: nowMs(),
    State: 'AVAILABLE',
    OperatingSystemName: 'WINDOWS_SERVER_2022',
    ComputeType: { Name: 'POWER' },
    RootStorage: { Capacity: '175' },
    UserStorage: { Capacity: '100' },
  };
  store().collection<BundleRecord>('bundle').put(scopeOf(account), id, bundle);
  for (const app of installed) store().associations.put(scopeOf(account), completedRow('BUNDLE', id, app));
  return id;
}

// ---- SDK helpers ----

const client = (account = ACCOUNT_A, region = US) => t.client(account, region);

const associate = (c: WorkSpacesClient, WorkspaceId: string, ApplicationId: string) =>
  c.send(new AssociateWorkspaceApplicationCommand({ WorkspaceId, ApplicationId }));
const disassociate = (c: WorkSpacesClient, WorkspaceId: string, ApplicationId: string) =>
  c.send(new DisassociateWorkspaceApplicationCommand({ WorkspaceId, ApplicationId }));
const deploy = (c: WorkSpacesClient, WorkspaceId: string, Force?: boolean) =>
  c.send(new DeployWorkspaceApplicationsCommand({ WorkspaceId, ...(Force !== undefined && { Force }) }));

async function workspaceAssociations(c: WorkSpacesClient, WorkspaceId: string) {
  const out = await c.send(
    new DescribeWorkspaceAssociationsCommand({ WorkspaceId, AssociatedResourceTypes: ['APPLICATION'] }),
  );
  return out.Associations ?? [];
}

/** { applicationId: state } of a WorkSpace, read through DescribeWorkspaceAssociations. */
async function states(c: WorkSpacesClient, workspaceId: string): Promise<Record<string, string | undefined>> {
  const rows = await workspaceAssociations(c, workspaceId);
  return Object.fromEntries(rows.map((r) => [r.AssociatedResourceId ?? '', r.State]));
}

async function workspaceState(c: WorkSpacesClient, WorkspaceId: string) {
  const out = await c.send(new DescribeWorkspacesCommand({ WorkspaceIds: [WorkspaceId] }));
  return out.Workspaces?.[0]?.State;
}

async function applicationAssociations(c: WorkSpacesClient, ApplicationId: string, types: AssociatedResourceType[]) {
  const rows = [];
  let NextToken: string | undefined;
  do {
    const out = await c.send(
      new DescribeApplicationAssociationsCommand({
        ApplicationId,
        AssociatedResourceTypes: types,
        NextToken,
        MaxResults: 2,
      }),
    );
    rows.push(...(out.Associations ?? []));
    NextToken = out.NextToken;
  } while (NextToken);
  return rows;
}

/** Installs `apps` on a fresh WorkSpace through the API and waits for the deployment to end. */
async function installedWorkspace(c: WorkSpacesClient, apps: string[], seed: WorkspaceSeed = {}) {
  const id = seedWorkspace(seed);
  for (const app of apps) await associate(c, id, app);
  await deploy(c, id);
  t.emulator.clock.advance(QUEUED + INSTALL);
  return id;
}

async function adminFaults(method: 'GET' | 'DELETE') {
  const response = await fetch(`${t.endpoint}/_emulator/faults`, { method });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function addFault(body: Record<string, unknown>) {
  const response = await t.post('/_emulator/faults', body);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

// ---- DescribeApplications ----

describe('DescribeApplications', () => {
  const list = async (input: DescribeApplicationsCommandInput = {}) =>
    (await client().send(new DescribeApplicationsCommand(input))).Applications ?? [];
  const ids = async (input: DescribeApplicationsCommandInput = {}) => (await list(input)).map((a) => a.ApplicationId);

  it('rejects MaxResults above 25 before anything else', async () => {
    await expect(client().send(new DescribeApplicationsCommand({ MaxResults: 26 }))).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value '26' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 25",
    });
  });

  it('rejects a NextToken it did not issue', async () => {
    await expect(client().send(new DescribeApplicationsCommand({ NextToken: 'not-a-token' }))).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'The NextToken is invalid or has expired. Start again without a NextToken.',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('returns the ten AWS applications with Office 2016 and 2019 uninstall-only', async () => {
    const apps = await list();
    expect(apps).toHaveLength(10);
    expect(apps.find((a) => a.ApplicationId === office2019)).toEqual({
      ApplicationId: office2019,
      Created: new Date(Date.UTC(2023, 9, 5)),
      Description: 'Word, Excel, PowerPoint, Outlook, OneNote, Access, Publisher',
      LicenseType: 'LICENSED',
      Name: 'Microsoft Office Professional Plus 2019',
      Owner: 'AMAZON',
      State: 'UNINSTALL_ONLY',
      SupportedComputeTypeNames: expect.arrayContaining(['VALUE', 'PERFORMANCE', 'GRAPHICSPRO_G4DN']),
      SupportedOperatingSystemNames: ['WINDOWS_SERVER_2019', 'WINDOWS_SERVER_2022', 'WINDOWS_10', 'WINDOWS_11'],
    });
    expect(
      apps
        .filter((a) => a.State === 'UNINSTALL_ONLY')
        .map((a) => a.ApplicationId)
        .sort(),
    ).toEqual([office2016, office2019].sort());
  });

  it('filters by ApplicationIds and leaves unknown ids out', async () => {
    expect(await ids({ ApplicationIds: [vsPro, 'wsa-unknown00', office2016] })).toEqual([office2016, vsPro].sort());
    expect(await ids({ ApplicationIds: ['wsa-unknown00'] })).toEqual([]);
  });

  it('filters by compute type: only Office 2016 and 2019 run on Value', async () => {
    expect((await ids({ ComputeTypeNames: ['VALUE'] })).sort()).toEqual([office2016, office2019].sort());
    expect(await ids({ ComputeTypeNames: ['STANDARD'] })).not.toContain(vsPro);
    // Any listed value matches.
    expect(await ids({ ComputeTypeNames: ['VALUE', 'POWER'] })).toHaveLength(10);
  });

  it('filters by operating system: Windows Server 2016 only offers Office 2016', async () => {
    expect(await ids({ OperatingSystemNames: ['WINDOWS_SERVER_2016'] })).toEqual([office2016]);
    const server2019 = await ids({ OperatingSystemNames: ['WINDOWS_SERVER_2019'] });
    expect(server2019).toHaveLength(7);
    expect(server2019).not.toContain(vsPro);
    expect(await ids({ OperatingSystemNames: ['AMAZON_LINUX_2'] })).toEqual([]);
  });

  it("refuses to list another account's applications", async () => {
    await expect(client().send(new DescribeApplicationsCommand({ Owner: ACCOUNT_B }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: `You are not authorized to describe applications owned by account ${ACCOUNT_B}.`,
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('filters by license type and owner, all filters together', async () => {
    expect(await ids({ LicenseType: 'LICENSED' })).toHaveLength(10);
    expect(await ids({ LicenseType: 'UNLICENSED' })).toEqual([]);
    expect(await ids({ Owner: 'AMAZON' })).toHaveLength(10);
    expect(await ids({ Owner: ACCOUNT_A })).toEqual([]);
    expect(
      await ids({ Owner: 'AMAZON', OperatingSystemNames: ['WINDOWS_SERVER_2019'], ComputeTypeNames: ['STANDARD'] }),
    ).toEqual([officePro, officeStd, projectPro, projectStd, visioPro, visioStd, office2019].sort());
  });

  it('pages with MaxResults and NextToken in a stable order', async () => {
    const seen: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const out = await client().send(new DescribeApplicationsCommand({ MaxResults: 3, NextToken }));
      expect((out.Applications ?? []).length).toBeLessThanOrEqual(3);
      seen.push(...(out.Applications ?? []).map((a) => a.ApplicationId ?? ''));
      NextToken = out.NextToken;
      pages++;
    } while (NextToken);
    expect(pages).toBe(4);
    expect(seen).toEqual(await ids());
    expect(seen).toEqual([...seen].sort());
  });
});

// ---- AssociateWorkspaceApplication ----

describe('AssociateWorkspaceApplication', () => {
  it('creates a PENDING_INSTALL_DEPLOYMENT association stamped now', async () => {
    const ws = seedWorkspace();
    const out = await associate(client(), ws, officePro);
    expect(out.Association).toEqual({
      AssociatedResourceId: officePro,
      AssociatedResourceType: 'APPLICATION',
      WorkspaceId: ws,
      State: 'PENDING_INSTALL_DEPLOYMENT',
      Created: t.emulator.clock.now(),
      LastUpdatedTime: t.emulator.clock.now(),
    });
    expect(await states(client(), ws)).toEqual({ [officePro]: 'PENDING_INSTALL_DEPLOYMENT' });
  });

  it('reports an unknown WorkSpace, and one of another account or Region, as not found', async () => {
    const other = seedWorkspace({ account: ACCOUNT_B });
    const elsewhere = seedWorkspace({ region: EU });
    for (const id of ['ws-000000000', other, elsewhere]) {
      await expect(associate(client(), id, officePro)).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: `The WorkSpace ${id} cannot be found. Confirm that it exists in your AWS account and Region, and try again.`,
        ResourceId: id,
      });
    }
  });

  it('reports an application that is not in the catalog as not found', async () => {
    const ws = seedWorkspace();
    await expect(associate(client(), ws, 'wsa-000000000')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceId: 'wsa-000000000',
    });
  });

  it('refuses a Linux WorkSpace', async () => {
    const ws = seedWorkspace({ os: 'AMAZON_LINUX_2' });
    await expect(associate(client(), ws, officePro)).rejects.toMatchObject({
      name: 'OperationNotSupportedException',
      message: `WorkSpace ${ws} runs AMAZON_LINUX_2; applications can be managed only on Windows WorkSpaces.`,
    });
  });

  it('refuses a WorkSpace that is neither AVAILABLE nor STOPPED', async () => {
    for (const state of ['PENDING', 'REBOOTING', 'SUSPENDED', 'ERROR'] as const) {
      const ws = seedWorkspace({ state });
      await expect(associate(client(), ws, officePro)).rejects.toMatchObject({
        name: 'ResourceInUseException',
        message: `WorkSpace ${ws} is ${state}; applications can be managed only when it is AVAILABLE or STOPPED.`,
        ResourceId: ws,
      });
    }
  });

  it('accepts a STOPPED WorkSpace', async () => {
    const ws = seedWorkspace({ state: 'STOPPED' });
    await expect(associate(client(), ws, officePro)).resolves.toMatchObject({
      Association: { State: 'PENDING_INSTALL_DEPLOYMENT' },
    });
  });

  it('refuses to install the uninstall-only Office 2016 and 2019', async () => {
    const ws = seedWorkspace({ os: 'WINDOWS_10', compute: 'STANDARD' });
    await expect(associate(client(), ws, office2019)).rejects.toMatchObject({
      name: 'ApplicationNotSupportedException',
      message:
        'Microsoft Office Professional Plus 2019 can only be uninstalled; it cannot be associated with a WorkSpace.',
    });
  });

  it('refuses an operating system the application does not support', async () => {
    const ws = seedWorkspace({ os: 'WINDOWS_SERVER_2019' });
    await expect(associate(client(), ws, vsPro)).rejects.toMatchObject({
      name: 'OperatingSystemNotCompatibleException',
      message: `Microsoft Visual Studio Professional 2022 does not support the operating system of WorkSpace ${ws} (WINDOWS_SERVER_2019).`,
    });
  });

  it('refuses a compute type the application does not support', async () => {
    const value = seedWorkspace({ compute: 'VALUE' });
    await expect(associate(client(), value, officePro)).rejects.toMatchObject({
      name: 'ComputeNotCompatibleException',
      message: `Microsoft Office LTSC Professional Plus 2021 does not support the compute type of WorkSpace ${value} (VALUE).`,
    });
    const standard = seedWorkspace({ compute: 'STANDARD' });
    await expect(associate(client(), standard, vsPro)).rejects.toMatchObject({ name: 'ComputeNotCompatibleException' });
    await expect(associate(client(), standard, officePro)).resolves.toBeDefined();
  });

  it('refuses an application already associated, pending, installed or failed', async () => {
    const ws = await installedWorkspace(client(), [officePro]);
    await associate(client(), ws, visioPro);
    for (const app of [officePro, visioPro]) {
      await expect(associate(client(), ws, app)).rejects.toMatchObject({
        name: 'ResourceAlreadyExistsException',
        message: expect.stringMatching(new RegExp(`is already associated with WorkSpace ${ws}\\.$`)),
      });
    }
    const failed = await installedWorkspace(client(), [vsPro, officePro], { root: 80 });
    expect(await states(client(), failed)).toEqual({ [vsPro]: 'COMPLETED', [officePro]: 'ERROR' });
    await expect(associate(client(), failed, officePro)).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
    });
  });

  it('refuses mixed editions: Office Professional Plus with Visio Standard', async () => {
    const ws = seedWorkspace();
    await associate(client(), ws, officePro);
    await expect(associate(client(), ws, visioStd)).rejects.toMatchObject({
      name: 'IncompatibleApplicationsException',
      message:
        'Microsoft Visio LTSC Standard 2021 is not compatible with Microsoft Office LTSC Professional Plus 2021: ' +
        'Office, Visio and Project on one WorkSpace must share one edition.',
    });
    await expect(associate(client(), ws, officeStd)).rejects.toMatchObject({
      name: 'IncompatibleApplicationsException',
    });
    await expect(associate(client(), ws, visioPro)).resolves.toBeDefined();
  });

  it('refuses mixed versions until the old version is queued for removal', async () => {
    const ws = seedWorkspace({ os: 'WINDOWS_10', compute: 'PERFORMANCE', installed: [office2019] });
    await expect(associate(client(), ws, projectPro)).rejects.toMatchObject({
      name: 'IncompatibleApplicationsException',
      message: expect.stringContaining('must share one version'),
    });
    await disassociate(client(), ws, office2019);
    await expect(associate(client(), ws, projectPro)).resolves.toMatchObject({
      Association: { State: 'PENDING_INSTALL_DEPLOYMENT' },
    });
  });

  it('refuses two editions of Visual Studio', async () => {
    const ws = seedWorkspace();
    await associate(client(), ws, vsPro);
    await expect(associate(client(), ws, vsEnt)).rejects.toMatchObject({
      name: 'IncompatibleApplicationsException',
      message: expect.stringContaining('only one edition of Visual Studio'),
    });
  });

  it('reverts a pending uninstall to COMPLETED, even for an uninstall-only application', async () => {
    const ws = seedWorkspace({ os: 'WINDOWS_10', installed: [office2016] });
    await disassociate(client(), ws, office2016);
    t.emulator.clock.advance(7);
    const out = await associate(client(), ws, office2016);
    expect(out.Association).toMatchObject({ State: 'COMPLETED', LastUpdatedTime: t.emulator.clock.now() });
    expect(out.Association?.Created?.getTime()).toBeLessThan(t.emulator.clock.now().getTime());
  });

  it('associates again, as a new association, once an uninstall has REMOVED it', async () => {
    const ws = await installedWorkspace(client(), [officePro]);
    await disassociate(client(), ws, officePro);
    await deploy(client(), ws);
    t.emulator.clock.advance(QUEUED + UNINSTALL);
    expect(await states(client(), ws)).toEqual({ [officePro]: 'REMOVED' });
    const out = await associate(client(), ws, officePro);
    expect(out.Association).toMatchObject({ State: 'PENDING_INSTALL_DEPLOYMENT', Created: t.emulator.clock.now() });
  });
});

// ---- DisassociateWorkspaceApplication ----

describe('DisassociateWorkspaceApplication', () => {
  it('drops an association that was never deployed', async () => {
    const ws = seedWorkspace();
    await associate(client(), ws, officePro);
    const out = await disassociate(client(), ws, officePro);
    expect(out.Association).toMatchObject({ AssociatedResourceId: officePro, WorkspaceId: ws, State: 'REMOVED' });
    expect(await workspaceAssociations(client(), ws)).toEqual([]);
  });

  it('queues an installed application for uninstall', async () => {
    const ws = await installedWorkspace(client(), [officePro]);
    t.emulator.clock.advance(10);
    const out = await disassociate(client(), ws, officePro);
    expect(out.Association).toMatchObject({
      State: 'PENDING_UNINSTALL_DEPLOYMENT',
      LastUpdatedTime: t.emulator.clock.now(),
    });
    expect(await states(client(), ws)).toEqual({ [officePro]: 'PENDING_UNINSTALL_DEPLOYMENT' });
  });

  it('leaves a pending uninstall as it is when asked again', async () => {
    const ws = seedWorkspace({ installed: [officePro] });
    const first = await disassociate(client(), ws, officePro);
    t.emulator.clock.advance(3);
    const second = await disassociate(client(), ws, officePro);
    expect(second.Association).toEqual(first.Association);
  });

  it('reports an application that is not associated, or already REMOVED, as not found', async () => {
    const ws = seedWorkspace();
    await expect(disassociate(client(), ws, officePro)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Microsoft Office LTSC Professional Plus 2021 is not associated with WorkSpace ${ws}.`,
      ResourceId: officePro,
    });
    const removed = await installedWorkspace(client(), [officePro]);
    await disassociate(client(), removed, officePro);
    await deploy(client(), removed);
    t.emulator.clock.advance(QUEUED + UNINSTALL);
    await expect(disassociate(client(), removed, officePro)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('checks the WorkSpace, the application, the platform and the state', async () => {
    await expect(disassociate(client(), 'ws-000000000', officePro)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceId: 'ws-000000000',
    });
    const ws = seedWorkspace();
    await expect(disassociate(client(), ws, 'wsa-000000000')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceId: 'wsa-000000000',
    });
    const linux = seedWorkspace({ os: 'UBUNTU_22_04' });
    await expect(disassociate(client(), linux, officePro)).rejects.toMatchObject({
      name: 'OperationNotSupportedException',
    });
    const pending = seedWorkspace({ state: 'PENDING', installed: [officePro] });
    await expect(disassociate(client(), pending, officePro)).rejects.toMatchObject({ name: 'ResourceInUseException' });
  });

  it('queues a failed install for uninstall', async () => {
    const ws = await installedWorkspace(client(), [vsPro], { root: 80 });
    await expect(disassociate(client(), ws, vsPro)).resolves.toMatchObject({
      Association: { State: 'PENDING_UNINSTALL_DEPLOYMENT' },
    });
    expect((await workspaceAssociations(client(), ws))[0]?.StateReason).toBeUndefined();
  });
});

// ---- DeployWorkspaceApplications and the state machine ----

describe('DeployWorkspaceApplications', () => {
  it('answers an empty deployment when nothing is pending, and leaves the WorkSpace alone', async () => {
    const ws = seedWorkspace({ installed: [officePro] });
    expect((await deploy(client(), ws)).Deployment).toEqual({ Associations: [] });
    expect(await workspaceState(client(), ws)).toBe('AVAILABLE');
  });

  it('installs: PENDING_INSTALL → INSTALLING → COMPLETED while the WorkSpace is UPDATING', async () => {
    const c = client();
    const ws = seedWorkspace();
    await associate(c, ws, officePro);
    await associate(c, ws, visioPro);
    const deployedAt = t.emulator.clock.now();
    const out = await deploy(c, ws);
    expect(out.Deployment?.Associations).toEqual(
      [officePro, visioPro].map((app) => ({
        AssociatedResourceId: app,
        AssociatedResourceType: 'APPLICATION',
        WorkspaceId: ws,
        State: 'PENDING_INSTALL',
        Created: deployedAt,
        LastUpdatedTime: deployedAt,
      })),
    );
    expect(await workspaceState(c, ws)).toBe('UPDATING');

    t.emulator.clock.advance(QUEUED - 0.5);
    expect(await states(c, ws)).toEqual({ [officePro]: 'PENDING_INSTALL', [visioPro]: 'PENDING_INSTALL' });
    t.emulator.clock.advance(0.5);
    expect(await states(c, ws)).toEqual({ [officePro]: 'INSTALLING', [visioPro]: 'INSTALLING' });
    expect(await workspaceState(c, ws)).toBe('UPDATING');
    t.emulator.clock.advance(INSTALL - 0.5);
    expect(await states(c, ws)).toEqual({ [officePro]: 'INSTALLING', [visioPro]: 'INSTALLING' });
    t.emulator.clock.advance(0.5);
    expect(await states(c, ws)).toEqual({ [officePro]: 'COMPLETED', [visioPro]: 'COMPLETED' });
    expect(await workspaceState(c, ws)).toBe('AVAILABLE');
    const [row] = await workspaceAssociations(c, ws);
    expect(row?.LastUpdatedTime).toEqual(t.emulator.clock.now());
    expect(row?.StateReason).toBeUndefined();
  });

  it('uninstalls: PENDING_UNINSTALL → UNINSTALLING → REMOVED, and REMOVED stays listed', async () => {
    const c = client();
    const ws = seedWorkspace({ os: 'WINDOWS_10', installed: [office2016] });
    await disassociate(c, ws, office2016);
    await expect(deploy(c, ws, true)).resolves.toMatchObject({
      Deployment: { Associations: [{ AssociatedResourceId: office2016, State: 'PENDING_UNINSTALL' }] },
    });
    t.emulator.clock.advance(QUEUED);
    expect(await states(c, ws)).toEqual({ [office2016]: 'UNINSTALLING' });
    t.emulator.clock.advance(UNINSTALL);
    expect(await states(c, ws)).toEqual({ [office2016]: 'REMOVED' });
    expect(await workspaceState(c, ws)).toBe('AVAILABLE');
  });

  it('returns a STOPPED WorkSpace to STOPPED', async () => {
    const ws = seedWorkspace({ state: 'STOPPED' });
    await associate(client(), ws, officePro);
    await deploy(client(), ws);
    expect(await workspaceState(client(), ws)).toBe('UPDATING');
    t.emulator.clock.advance(QUEUED + INSTALL);
    expect(await workspaceState(client(), ws)).toBe('STOPPED');
  });

  it('swaps Office 2019 for Office 2021 in one deployment, and ends UPDATING with the last step', async () => {
    const c = client();
    const ws = seedWorkspace({ os: 'WINDOWS_10', installed: [office2019] });
    await disassociate(c, ws, office2019);
    await associate(c, ws, officePro);
    await deploy(c, ws);
    t.emulator.clock.advance(QUEUED + UNINSTALL);
    expect(await states(c, ws)).toEqual({ [office2019]: 'REMOVED', [officePro]: 'INSTALLING' });
    expect(await workspaceState(c, ws)).toBe('UPDATING');
    t.emulator.clock.advance(INSTALL - UNINSTALL);
    expect(await states(c, ws)).toEqual({ [office2019]: 'REMOVED', [officePro]: 'COMPLETED' });
    expect(await workspaceState(c, ws)).toBe('AVAILABLE');
  });

  it('refuses every change while a deployment runs', async () => {
    const c = client();
    const ws = seedWorkspace({ installed: [visioPro] });
    await associate(c, ws, officePro);
    await deploy(c, ws);
    const message = `An application deployment is in progress on WorkSpace ${ws}. Wait for it to finish, and try again.`;
    for (const call of [
      () => deploy(c, ws),
      () => deploy(c, ws, true),
      () => associate(c, ws, projectPro),
      () => disassociate(c, ws, visioPro),
    ]) {
      await expect(call()).rejects.toMatchObject({ name: 'ResourceInUseException', message, ResourceId: ws });
    }
  });

  it('checks the WorkSpace exists, runs Windows and is AVAILABLE or STOPPED', async () => {
    await expect(deploy(client(), 'ws-000000000')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(deploy(client(), seedWorkspace({ os: 'RHEL_8' }))).rejects.toMatchObject({
      name: 'OperationNotSupportedException',
    });
    await expect(deploy(client(), seedWorkspace({ state: 'REBOOTING' }))).rejects.toMatchObject({
      name: 'ResourceInUseException',
    });
  });

  it('re-checks the whole set: a revert can make it incompatible', async () => {
    const c = client();
    const ws = seedWorkspace({ os: 'WINDOWS_10', compute: 'PERFORMANCE', installed: [office2019] });
    await disassociate(c, ws, office2019);
    await associate(c, ws, projectPro);
    await associate(c, ws, office2019); // revert: Office 2019 stays, next to a pending Project 2021
    await expect(deploy(c, ws)).rejects.toMatchObject({
      name: 'IncompatibleApplicationsException',
      message:
        'Microsoft Project Professional 2021 is not compatible with Microsoft Office Professional Plus 2019: ' +
        'Office, Visio and Project on one WorkSpace must share one version.',
    });
    expect(await workspaceState(c, ws)).toBe('AVAILABLE');
  });

  it('fails an install the root volume has no room left for, with a StateReason only in ERROR', async () => {
    const c = client();
    const ws = seedWorkspace({ root: 80, installed: [officePro] });
    await associate(c, ws, vsPro);
    await deploy(c, ws);
    const visualStudio = async () => (await workspaceAssociations(c, ws)).find((r) => r.AssociatedResourceId === vsPro);
    t.emulator.clock.advance(QUEUED);
    expect(await visualStudio()).not.toHaveProperty('StateReason');
    t.emulator.clock.advance(INSTALL);
    expect(await visualStudio()).toMatchObject({
      State: 'ERROR',
      StateReason: {
        ErrorCode: 'ValidationError.InsufficientDiskSpace',
        ErrorMessage: `Microsoft Visual Studio Professional 2022 needs 18 GB of free space on the root volume; ${80 - OS_FOOTPRINT_GIB - 4} GB is free.`,
      },
      LastUpdatedTime: t.emulator.clock.now(),
    });
    expect(await workspaceState(c, ws)).toBe('AVAILABLE');
  });

  it('counts earlier installs against the root volume', async () => {
    const c = client();
    // 80 GB: 20 GB free; Visual Studio takes 18, Office and Visio (4 each) have no room left.
    const ws = await installedWorkspace(c, [vsPro, officePro, visioPro], { root: 80 });
    expect(await states(c, ws)).toEqual({ [vsPro]: 'COMPLETED', [officePro]: 'ERROR', [visioPro]: 'ERROR' });
  });

  it('skips a failed association without Force and retries it with Force', async () => {
    const c = client();
    expect((await addFault({ errorCode: 'DeploymentError.InternalServerError', count: 1 })).status).toBe(200);
    const ws = await installedWorkspace(c, [officePro]);
    expect(await states(c, ws)).toEqual({ [officePro]: 'ERROR' });
    expect((await deploy(c, ws)).Deployment).toEqual({ Associations: [] });
    const retried = await deploy(c, ws, true);
    expect(retried.Deployment?.Associations).toMatchObject([
      { AssociatedResourceId: officePro, State: 'PENDING_INSTALL' },
    ]);
    expect(retried.Deployment?.Associations?.[0]).not.toHaveProperty('StateReason');
    t.emulator.clock.advance(QUEUED + INSTALL);
    expect(await states(c, ws)).toEqual({ [officePro]: 'COMPLETED' });
  });

  it('retries a failed uninstall as an uninstall', async () => {
    const c = client();
    const ws = seedWorkspace({ os: 'WINDOWS_10', installed: [office2016] });
    await addFault({ errorCode: 'DeploymentError.WorkspaceUnreachable', workspaceId: ws, count: 1 });
    await disassociate(c, ws, office2016);
    await deploy(c, ws);
    t.emulator.clock.advance(QUEUED + UNINSTALL);
    expect((await workspaceAssociations(c, ws))[0]).toMatchObject({
      State: 'ERROR',
      StateReason: { ErrorCode: 'DeploymentError.WorkspaceUnreachable' },
    });
    await expect(deploy(c, ws, true)).resolves.toMatchObject({
      Deployment: { Associations: [{ State: 'PENDING_UNINSTALL' }] },
    });
    t.emulator.clock.advance(QUEUED);
    expect(await states(c, ws)).toEqual({ [office2016]: 'UNINSTALLING' });
    t.emulator.clock.advance(UNINSTALL);
    expect(await states(c, ws)).toEqual({ [office2016]: 'REMOVED' });
  });

  it('runs the Office removal of the AWS sample: disassociate, then deploy with Force at once', async () => {
    const c = client();
    const ws = seedWorkspace({ os: 'WINDOWS_10', compute: 'STANDARD', installed: [office2016] });
    const listed = await workspaceAssociations(c, ws);
    expect(listed.map((a) => a.AssociatedResourceId)).toEqual([office2016]);
    await disassociate(c, ws, office2016);
    await expect(deploy(c, ws, true)).resolves.toMatchObject({
      Deployment: { Associations: [{ AssociatedResourceId: office2016, State: 'PENDING_UNINSTALL' }] },
    });
  });
});

// ---- Fault injection ----

describe('the /_emulator/faults admin routes', () => {
  it('add, list and clear faults', async () => {
    const added = await addFault({
      errorCode: 'ValidationError.InsufficientMemory',
      errorMessage: 'Not enough memory.',
      account: ACCOUNT_A,
      applicationId: officePro,
      count: 2,
    });
    expect(added).toEqual({
      status: 200,
      body: {
        fault: {
          faultId: expect.stringMatching(/^fault-[0-9a-z]{9}$/),
          kind: 'deployment',
          account: ACCOUNT_A,
          applicationId: officePro,
          remaining: 2,
          errorCode: 'ValidationError.InsufficientMemory',
          errorMessage: 'Not enough memory.',
          fired: 0,
          hits: [],
          createdAt: t.emulator.clock.now().toISOString(),
        },
      },
    });
    expect(await adminFaults('GET')).toEqual({ status: 200, body: { faults: [added.body.fault] } });
    expect(await adminFaults('DELETE')).toEqual({ status: 200, body: { cleared: 1 } });
    expect(await adminFaults('GET')).toEqual({ status: 200, body: { faults: [] } });
  });

  it('refuses a fault it cannot apply', async () => {
    expect(await addFault({ errorCode: 'Oops' })).toEqual({
      status: 400,
      body: {
        error:
          'errorCode must be one of ValidationError.InsufficientDiskSpace, ValidationError.InsufficientMemory, ' +
          'ValidationError.UnsupportedOperatingSystem, ValidationError.ApplicationOldVersionExists, ' +
          'DeploymentError.InternalServerError, DeploymentError.WorkspaceUnreachable',
      },
    });
    expect((await addFault({ errorCode: 'DeploymentError.InternalServerError', count: 0 })).status).toBe(400);
    expect((await addFault({ errorCode: 'DeploymentError.InternalServerError', workspaceId: 'x' })).status).toBe(400);
    expect(await addFault({ errorCode: 'DeploymentError.InternalServerError', workspace: 'ws-000000001' })).toEqual({
      status: 400,
      body: { error: 'unknown field(s): workspace' },
    });
  });

  it('fails deployments with each of the six codes and the given message', async () => {
    const codes: AssociationErrorCode[] = [
      'ValidationError.InsufficientDiskSpace',
      'ValidationError.InsufficientMemory',
      'ValidationError.UnsupportedOperatingSystem',
      'ValidationError.ApplicationOldVersionExists',
      'DeploymentError.InternalServerError',
      'DeploymentError.WorkspaceUnreachable',
    ];
    const c = client();
    for (const errorCode of codes) {
      const ws = seedWorkspace();
      await addFault({ errorCode, errorMessage: `injected ${errorCode}`, workspaceId: ws });
      await associate(c, ws, officePro);
      await deploy(c, ws);
      t.emulator.clock.advance(QUEUED + INSTALL);
      expect((await workspaceAssociations(c, ws))[0]?.StateReason).toEqual({
        ErrorCode: errorCode,
        ErrorMessage: `injected ${errorCode}`,
      });
    }
  });

  it('matches by account, WorkSpace and application', async () => {
    const c = client();
    await addFault({ errorCode: 'DeploymentError.InternalServerError', account: ACCOUNT_B });
    await addFault({ errorCode: 'ValidationError.InsufficientMemory', applicationId: visioPro });
    const ws = await installedWorkspace(c, [officePro, visioPro]);
    expect(await states(c, ws)).toEqual({ [officePro]: 'COMPLETED', [visioPro]: 'ERROR' });
    const b = client(ACCOUNT_B);
    const other = await installedWorkspace(b, [officePro], { account: ACCOUNT_B });
    expect((await workspaceAssociations(b, other))[0]?.StateReason).toEqual({
      ErrorCode: 'DeploymentError.InternalServerError',
      ErrorMessage: 'The deployment failed because of an internal error.',
    });
  });

  it('fails only the next N deployments, then stays listed as spent with what it hit', async () => {
    const c = client();
    await addFault({ errorCode: 'DeploymentError.InternalServerError', count: 2 });
    const ws = await installedWorkspace(c, [officePro, visioPro, projectPro]);
    expect(await states(c, ws)).toEqual({ [officePro]: 'ERROR', [visioPro]: 'ERROR', [projectPro]: 'COMPLETED' });
    const hit = (applicationId: string) => ({
      at: expect.any(String),
      account: ACCOUNT_A,
      region: 'us-east-1',
      target: `${ws}/${applicationId}`,
    });
    expect((await adminFaults('GET')).body).toEqual({
      faults: [expect.objectContaining({ remaining: 0, fired: 2, hits: [hit(officePro), hit(visioPro)] })],
    });
  });

  it('keeps faults in the data dir across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'workspaces-local-faults-'));
    try {
      const first = await startEmulator({ dataDir, clock: 'manual' });
      await fetch(`${first.endpoint}/_emulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ errorCode: 'DeploymentError.WorkspaceUnreachable', count: 3 }),
      });
      await first.close();
      const second = await startEmulator({ dataDir, clock: 'manual' });
      const listed = (await (await fetch(`${second.endpoint}/_emulator/faults`)).json()) as { faults: unknown[] };
      await second.close();
      expect(listed.faults).toEqual([
        expect.objectContaining({ errorCode: 'DeploymentError.WorkspaceUnreachable', remaining: 3 }),
      ]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

// ---- The resource-side views ----

describe('DescribeWorkspaceAssociations', () => {
  it('answers an empty list for a WorkSpace without applications', async () => {
    expect(await workspaceAssociations(client(), seedWorkspace())).toEqual([]);
    expect(await workspaceAssociations(client(), seedWorkspace({ os: 'AMAZON_LINUX_2' }))).toEqual([]);
  });

  it('refuses an empty AssociatedResourceTypes list and an unknown WorkSpace', async () => {
    const ws = seedWorkspace();
    await expect(
      client().send(new DescribeWorkspaceAssociationsCommand({ WorkspaceId: ws, AssociatedResourceTypes: [] })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'AssociatedResourceTypes must name at least one resource type.',
    });
    await expect(workspaceAssociations(client(ACCOUNT_B), ws)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceId: ws,
    });
  });
});

describe('DescribeBundleAssociations', () => {
  const bundleAssociations = (c: WorkSpacesClient, BundleId: string) =>
    c.send(new DescribeBundleAssociationsCommand({ BundleId, AssociatedResourceTypes: ['APPLICATION'] }));

  it('answers a public Plus bundle with its Office application COMPLETED', async () => {
    const bundle = plusBundle(office2019);
    const out = await bundleAssociations(client(ACCOUNT_B, EU), bundle.BundleId);
    expect(out.Associations).toEqual([
      {
        AssociatedResourceId: office2019,
        AssociatedResourceType: 'APPLICATION',
        BundleId: bundle.BundleId,
        State: 'COMPLETED',
        Created: new Date(bundle.CreationTime),
        LastUpdatedTime: new Date(bundle.CreationTime),
      },
    ]);
    expect((await bundleAssociations(client(), 'wsb-bh8rsxt14')).Associations).toEqual([]);
  });

  it("answers the caller's own bundle and hides another account's", async () => {
    const bundle = seedBundle(ACCOUNT_A, [officePro, visioPro]);
    const out = await bundleAssociations(client(), bundle);
    expect(out.Associations?.map((a) => [a.AssociatedResourceId, a.State])).toEqual([
      [officePro, 'COMPLETED'],
      [visioPro, 'COMPLETED'],
    ]);
    await expect(bundleAssociations(client(ACCOUNT_B), bundle)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `The bundle ${bundle} cannot be found. Confirm that it exists in your AWS account and Region, and try again.`,
      ResourceId: bundle,
    });
  });
});

describe('DescribeImageAssociations', () => {
  const imageAssociations = (c: WorkSpacesClient, ImageId: string) =>
    c.send(new DescribeImageAssociationsCommand({ ImageId, AssociatedResourceTypes: ['APPLICATION'] }));

  it("answers the owner's associations, to the owner and to an account the image is shared with", async () => {
    const image = seedImage(ACCOUNT_A, US, [officePro]);
    store().imagePermissions.grant(scopeOf(), image, ACCOUNT_B);
    const expected = [
      {
        AssociatedResourceId: officePro,
        AssociatedResourceType: 'APPLICATION',
        ImageId: image,
        State: 'COMPLETED',
        Created: t.emulator.clock.now(),
        LastUpdatedTime: t.emulator.clock.now(),
      },
    ];
    expect((await imageAssociations(client(), image)).Associations).toEqual(expected);
    expect((await imageAssociations(client(ACCOUNT_B), image)).Associations).toEqual(expected);
  });

  it("does not find another account's image that is not shared, nor one of another Region", async () => {
    const image = seedImage(ACCOUNT_A, US, [officePro]);
    for (const c of [client(ACCOUNT_B), client(ACCOUNT_A, EU)]) {
      await expect(imageAssociations(c, image)).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: `The image ${image} cannot be found. Confirm that it exists in your AWS account and Region, and try again.`,
        ResourceId: image,
      });
    }
    await expect(imageAssociations(client(), 'wsi-000000000')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceId: 'wsi-000000000',
    });
  });

  it('answers an empty list for an image without applications', async () => {
    expect((await imageAssociations(client(), seedImage())).Associations).toEqual([]);
  });
});

describe('DescribeApplicationAssociations', () => {
  it('lists WorkSpaces, bundles and images of the caller, public Plus bundles included, filtered by type', async () => {
    const c = client();
    const ws = seedWorkspace({ os: 'WINDOWS_10', installed: [office2019] });
    const bundle = seedBundle(ACCOUNT_A, [office2019]);
    const image = seedImage(ACCOUNT_A, US, [office2019]);
    const publicPlus = publicBundles.filter((b) => b.ApplicationIds?.includes(office2019)).map((b) => b.BundleId);
    const all = await applicationAssociations(c, office2019, ['WORKSPACE', 'BUNDLE', 'IMAGE']);
    expect(all.map((a) => [a.AssociatedResourceType, a.AssociatedResourceId])).toEqual([
      ...publicPlus.map((id) => ['BUNDLE', id]),
      ['WORKSPACE', ws],
      ['BUNDLE', bundle],
      ['IMAGE', image],
    ]);
    expect(all.every((a) => a.ApplicationId === office2019 && a.State === 'COMPLETED')).toBe(true);
    expect((await applicationAssociations(c, office2019, ['IMAGE'])).map((a) => a.AssociatedResourceId)).toEqual([
      image,
    ]);
    expect((await applicationAssociations(c, office2019, ['WORKSPACE'])).map((a) => a.AssociatedResourceId)).toEqual([
      ws,
    ]);
  });

  it('isolates accounts and Regions', async () => {
    seedWorkspace({ installed: [officePro] });
    expect(await applicationAssociations(client(ACCOUNT_B), officePro, ['WORKSPACE'])).toEqual([]);
    expect(await applicationAssociations(client(ACCOUNT_A, EU), officePro, ['WORKSPACE'])).toEqual([]);
    expect(await applicationAssociations(client(), officePro, ['WORKSPACE'])).toHaveLength(1);
  });

  it('refuses an unknown application, an empty type list and a foreign token', async () => {
    await expect(
      client().send(
        new DescribeApplicationAssociationsCommand({
          ApplicationId: 'wsa-000000000',
          AssociatedResourceTypes: ['WORKSPACE'],
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', ResourceId: 'wsa-000000000' });
    await expect(
      client().send(
        new DescribeApplicationAssociationsCommand({ ApplicationId: officePro, AssociatedResourceTypes: [] }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
    const token = (await client().send(new DescribeApplicationsCommand({ MaxResults: 1 }))).NextToken;
    await expect(
      client().send(
        new DescribeApplicationAssociationsCommand({
          ApplicationId: officePro,
          AssociatedResourceTypes: ['WORKSPACE'],
          NextToken: token,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
  });

  it('reads one page from the store per call, however many associations exist', async () => {
    const scope = scopeOf();
    for (let i = 0; i < 300; i++) store().associations.put(scope, completedRow('WORKSPACE', nextId('ws'), officePro));
    const forApplication = vi.spyOn(store().associations, 'forApplication');
    const forResource = vi.spyOn(store().associations, 'forResource');
    try {
      const rows = await applicationAssociations(client(), officePro, ['WORKSPACE', 'BUNDLE']);
      expect(rows).toHaveLength(300);
      expect(new Set(rows.map((r) => r.AssociatedResourceId)).size).toBe(300);
      expect(forApplication.mock.calls.every(([, , , , limit]) => limit <= 2)).toBe(true);
      expect(forResource).not.toHaveBeenCalled();
    } finally {
      forApplication.mockRestore();
      forResource.mockRestore();
    }
  });
});

describe('the four views', () => {
  afterEach(() => vi.restoreAllMocks());

  it('agree with each other at every instant of a deployment, Created never after LastUpdatedTime', async () => {
    const c = client();
    const ws = seedWorkspace({ os: 'WINDOWS_10', installed: [office2019] });
    const check = async () => {
      const fromWorkspace = await workspaceAssociations(c, ws);
      for (const row of fromWorkspace) {
        const fromApplication = (await applicationAssociations(c, row.AssociatedResourceId ?? '', ['WORKSPACE'])).find(
          (a) => a.AssociatedResourceId === ws,
        );
        expect(fromApplication).toEqual({
          ApplicationId: row.AssociatedResourceId,
          AssociatedResourceId: ws,
          AssociatedResourceType: 'WORKSPACE',
          Created: row.Created,
          LastUpdatedTime: row.LastUpdatedTime,
          State: row.State,
          ...(row.StateReason && { StateReason: row.StateReason }),
        });
        expect(row.Created?.getTime()).toBeLessThanOrEqual(row.LastUpdatedTime?.getTime() ?? 0);
        expect(row.State === 'ERROR').toBe(row.StateReason !== undefined);
      }
      return fromWorkspace.map((r) => r.State);
    };
    await addFault({ errorCode: 'ValidationError.ApplicationOldVersionExists', applicationId: visioPro });
    await disassociate(c, ws, office2019);
    await associate(c, ws, officePro);
    await associate(c, ws, visioPro);
    const seen = [await check()];
    await deploy(c, ws);
    seen.push(await check());
    for (let second = 0; second < QUEUED + INSTALL; second++) {
      t.emulator.clock.advance(1);
      seen.push(await check());
    }
    expect(seen[0]).toEqual([
      'PENDING_UNINSTALL_DEPLOYMENT',
      'PENDING_INSTALL_DEPLOYMENT',
      'PENDING_INSTALL_DEPLOYMENT',
    ]);
    expect(seen.at(-1)).toEqual(['REMOVED', 'COMPLETED', 'ERROR']);
  });
});
