// MigrateWorkspace, CreateStandbyWorkspaces and the custom image import through the SDK: each happy path stepped
// through time, every modeled error, and account/Region isolation.
import {
  CreateStandbyWorkspacesCommand,
  type CreateStandbyWorkspacesCommandInput,
  CreateWorkspaceBundleCommand,
  DescribeCustomWorkspaceImageImportCommand,
  DescribeTagsCommand,
  DescribeWorkspaceAssociationsCommand,
  DescribeWorkspaceImagesCommand,
  DescribeWorkspacesCommand,
  ImportCustomWorkspaceImageCommand,
  type ImportCustomWorkspaceImageCommandInput,
  MigrateWorkspaceCommand,
  ModifyWorkspacePropertiesCommand,
  ModifyWorkspaceStateCommand,
  TerminateWorkspacesCommand,
  type WorkSpacesClient,
  type Workspace,
} from '@aws-sdk/client-workspaces';
import { beforeEach, describe, expect, it } from 'vitest';
import { durations } from '../../src/domain/durations.js';
import { OFFICE_2016_APPLICATION_ID, OFFICE_2019_APPLICATION_ID } from '../../src/domain/public-bundles.js';
import { emulatorQuotas } from '../../src/domain/quotas.js';
import type { ImageRecord } from '../../src/domain/records.js';
import type { WorkspaceDoc } from '../../src/domain/workspace-doc.js';
import type { Scope } from '../../src/store/types.js';
import { ACCOUNT_A, ACCOUNT_B, useEmulator } from '../helpers/emulator.js';
import { createWorkspace, seconds, workspaceState, world } from '../helpers/world.js';

const t = useEmulator();
const w = world(t);

beforeEach(() => t.emulator.reset());

const EAST = 'us-east-1';
const WEST = 'us-west-2';
const SCOPE_A: Scope = { account: ACCOUNT_A, region: EAST };
const DIRECTORY = 'd-0000000001';
const WEST_DIRECTORY = 'd-0000000002';
/** Value with Windows 10 (Server 2019 based): 80 GB root, 10 GB user. */
const VALUE_BUNDLE = 'wsb-bh8rsxt14';
/** Standard with Windows 10 (Server 2019 based): 80 GB root, 50 GB user. */
const STANDARD_BUNDLE = 'wsb-gk1wpk43z';
const POWER_2022_BUNDLE = 'wsb-1bpbv1wvn';
const WINDOWS_7_BUNDLE = 'wsb-1pzkp0bx4';
const UBUNTU_BUNDLE = 'wsb-g5rbnq51n';
const OFFICE_2016_BUNDLE = 'wsb-w10v0x16a';
const OFFICE_2019_BUNDLE = 'wsb-w19perf0x';
const KMS_KEY = 'arn:aws:kms:us-west-2:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const MODIFICATION_IN_PROGRESS =
  'The properties of this WorkSpace are currently under modification. Please try again in a moment.';

async function describeWorkspace(client: WorkSpacesClient, id: string): Promise<Workspace | undefined> {
  const out = await client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [id] }));
  return out.Workspaces?.[0];
}

async function applicationsOf(client: WorkSpacesClient, id: string) {
  const out = await client.send(
    new DescribeWorkspaceAssociationsCommand({ WorkspaceId: id, AssociatedResourceTypes: ['APPLICATION'] }),
  );
  return (out.Associations ?? []).map((a) => ({ id: a.AssociatedResourceId, state: a.State }));
}

/** A WorkSpace of alice in DIRECTORY, AVAILABLE. */
async function launched(client: WorkSpacesClient, extra: { BundleId?: string; UserName?: string } = {}) {
  await w.registerDirectory(client, DIRECTORY);
  return w.launchWorkspace(client, {
    DirectoryId: DIRECTORY,
    UserName: extra.UserName ?? 'alice',
    BundleId: extra.BundleId ?? VALUE_BUNDLE,
    WorkspaceProperties: { RunningMode: 'AUTO_STOP', RunningModeAutoStopTimeoutInMinutes: 120 },
    Tags: [{ Key: 'team', Value: 'support' }],
  });
}

const migrate = (client: WorkSpacesClient, SourceWorkspaceId: string, BundleId: string) =>
  client.send(new MigrateWorkspaceCommand({ SourceWorkspaceId, BundleId }));

function patchWorkspace(id: string, patch: Partial<WorkspaceDoc>): void {
  const collection = t.emulator.app.store.collection<WorkspaceDoc>('workspace');
  const ws = collection.get(SCOPE_A, id);
  if (!ws) throw new Error(`no WorkSpace ${id}`);
  collection.put(SCOPE_A, id, { ...ws, ...patch });
}

describe('MigrateWorkspace', () => {
  it('creates a new WorkSpace from the target bundle, then terminates the source once it is AVAILABLE', async () => {
    const client = t.client();
    const source = await launched(client);
    const out = await migrate(client, source, STANDARD_BUNDLE);
    expect(out.SourceWorkspaceId).toBe(source);
    const target = out.TargetWorkspaceId ?? '';
    expect(target).toMatch(/^ws-[0-9a-z]{9}$/);
    expect(target).not.toBe(source);
    expect(await describeWorkspace(client, target)).toMatchObject({
      State: 'PENDING',
      DirectoryId: DIRECTORY,
      UserName: 'alice',
      BundleId: STANDARD_BUNDLE,
    });
    expect(await workspaceState(client, source)).toBe('AVAILABLE');
    t.emulator.clock.advance(seconds(durations.workspaceMigrate));
    expect(await workspaceState(client, target)).toBe('AVAILABLE');
    expect(await workspaceState(client, source)).toBe('TERMINATING');
    t.emulator.clock.advance(seconds(durations.workspaceTerminate));
    expect(await workspaceState(client, source)).toBe('TERMINATED');
    t.emulator.clock.advance(seconds(durations.workspaceTerminatedVisible));
    expect(await describeWorkspace(client, source)).toBeUndefined();
  });

  it('keeps the running mode, takes the target compute and the larger volumes, and carries the tags over', async () => {
    const client = t.client();
    const source = await launched(client);
    const target = (await migrate(client, source, STANDARD_BUNDLE)).TargetWorkspaceId ?? '';
    t.emulator.clock.advance(seconds(durations.workspaceMigrate));
    const ws = await describeWorkspace(client, target);
    expect(ws?.WorkspaceProperties).toMatchObject({
      RunningMode: 'AUTO_STOP',
      RunningModeAutoStopTimeoutInMinutes: 120,
      ComputeTypeName: 'STANDARD',
      RootVolumeSizeGib: 80,
      UserVolumeSizeGib: 50,
      OperatingSystemName: 'WINDOWS_SERVER_2019',
    });
    expect(ws?.ComputerName).toBeDefined();
    const tags = await client.send(new DescribeTagsCommand({ ResourceId: target }));
    expect(tags.TagList).toEqual([{ Key: 'team', Value: 'support' }]);
  });

  it("gives the new WorkSpace the target bundle's applications; the source loses its own", async () => {
    const client = t.client();
    const source = await launched(client, { BundleId: OFFICE_2016_BUNDLE });
    expect(await applicationsOf(client, source)).toEqual([{ id: OFFICE_2016_APPLICATION_ID, state: 'COMPLETED' }]);
    const target = (await migrate(client, source, OFFICE_2019_BUNDLE)).TargetWorkspaceId ?? '';
    expect(await applicationsOf(client, target)).toEqual([]);
    t.emulator.clock.advance(seconds(durations.workspaceMigrate));
    expect(await applicationsOf(client, target)).toEqual([{ id: OFFICE_2019_APPLICATION_ID, state: 'COMPLETED' }]);
    t.emulator.clock.advance(seconds(durations.workspaceTerminate));
    expect(await workspaceState(client, source)).toBe('TERMINATED');
    expect(t.emulator.app.store.associations.forResource(SCOPE_A, 'WORKSPACE', source)).toEqual([]);
  });

  it('leaves the source in place when the new WorkSpace is terminated before the migration ends', async () => {
    const client = t.client();
    const source = await launched(client);
    const target = (await migrate(client, source, STANDARD_BUNDLE)).TargetWorkspaceId ?? '';
    await client.send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: target }] }));
    t.emulator.clock.advance(seconds(durations.workspaceMigrate));
    expect(await workspaceState(client, source)).toBe('AVAILABLE');
    await expect(migrate(client, source, STANDARD_BUNDLE)).resolves.toMatchObject({ SourceWorkspaceId: source });
  });

  it('lets the new WorkSpace finish when the source is terminated during the migration', async () => {
    const client = t.client();
    const source = await launched(client);
    const target = (await migrate(client, source, STANDARD_BUNDLE)).TargetWorkspaceId ?? '';
    await client.send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: source }] }));
    t.emulator.clock.advance(seconds(durations.workspaceMigrate));
    expect(await workspaceState(client, target)).toBe('AVAILABLE');
    expect(await workspaceState(client, source)).toBe('TERMINATED');
  });

  it('reports an unknown WorkSpace or bundle as ResourceNotFoundException', async () => {
    const client = t.client();
    const source = await launched(client);
    await expect(migrate(client, 'ws-000000000', STANDARD_BUNDLE)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceId: 'ws-000000000',
    });
    await expect(migrate(client, source, 'wsb-000000000')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceId: 'wsb-000000000',
    });
  });

  it('refuses the bundle the WorkSpace already uses', async () => {
    const client = t.client();
    const source = await launched(client);
    await expect(migrate(client, source, VALUE_BUNDLE)).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: `The WorkSpace ${source} already uses the bundle ${VALUE_BUNDLE}. The source and target bundles must be different; to refresh a WorkSpace from its own bundle, rebuild it.`,
    });
  });

  it('refuses a Windows 7 target and a move between Windows and Linux', async () => {
    const client = t.client();
    const source = await launched(client);
    await expect(migrate(client, source, WINDOWS_7_BUNDLE)).rejects.toMatchObject({
      name: 'OperationNotSupportedException',
      message: 'WorkSpaces cannot be migrated to a Windows 7 bundle.',
    });
    await expect(migrate(client, source, UBUNTU_BUNDLE)).rejects.toMatchObject({
      name: 'OperationNotSupportedException',
      message: 'WorkSpaces cannot be migrated between Windows and Linux bundles.',
    });
  });

  it('answers ResourceUnavailableException for a PENDING bundle, then refuses a BYOL bundle for a non-BYOL WorkSpace', async () => {
    const client = t.client();
    const source = await launched(client);
    const imageId = await w.availableImage(client, 'byol-win10');
    const bundle = await client.send(
      new CreateWorkspaceBundleCommand({
        BundleName: 'byol-bundle',
        BundleDescription: 'BYOL desktops',
        ImageId: imageId,
        ComputeType: { Name: 'STANDARD' },
        UserStorage: { Capacity: '50' },
      }),
    );
    const bundleId = bundle.WorkspaceBundle?.BundleId ?? '';
    await expect(migrate(client, source, bundleId)).rejects.toMatchObject({
      name: 'ResourceUnavailableException',
      message: `The bundle ${bundleId} is PENDING. Wait until it is AVAILABLE, and try again.`,
    });
    t.emulator.clock.advance(seconds(durations.bundleCreate));
    await expect(migrate(client, source, bundleId)).rejects.toMatchObject({
      name: 'OperationNotSupportedException',
      message: 'WorkSpaces created from public or custom bundles cannot be migrated to a BYOL bundle.',
    });
  });

  it('answers OperationInProgressException while the WorkSpace is launching, modified or already migrating', async () => {
    const client = t.client();
    await w.registerDirectory(client, DIRECTORY);
    const young = await createWorkspace(client, { DirectoryId: DIRECTORY, UserName: 'bob', BundleId: VALUE_BUNDLE });
    await expect(migrate(client, young, STANDARD_BUNDLE)).rejects.toMatchObject({
      name: 'OperationInProgressException',
      message: `The WorkSpace ${young} is PENDING. Wait until the current operation completes, and try again.`,
    });
    t.emulator.clock.advance(seconds(durations.workspaceCreate));
    patchWorkspace(young, { ModificationStates: [{ Resource: 'COMPUTE_TYPE', State: 'UPDATE_IN_PROGRESS' }] });
    await expect(migrate(client, young, STANDARD_BUNDLE)).rejects.toMatchObject({
      name: 'OperationInProgressException',
      message: MODIFICATION_IN_PROGRESS,
    });
    patchWorkspace(young, { ModificationStates: [] });
    const target = (await migrate(client, young, STANDARD_BUNDLE)).TargetWorkspaceId;
    await expect(migrate(client, young, POWER_2022_BUNDLE)).rejects.toMatchObject({
      name: 'OperationInProgressException',
      message: `The WorkSpace ${young} is already being migrated to ${target}.`,
    });
  });

  it('answers ResourceUnavailableException for a WorkSpace in ADMIN_MAINTENANCE', async () => {
    const client = t.client();
    const source = await launched(client);
    await client.send(new ModifyWorkspaceStateCommand({ WorkspaceId: source, WorkspaceState: 'ADMIN_MAINTENANCE' }));
    await expect(migrate(client, source, STANDARD_BUNDLE)).rejects.toMatchObject({
      name: 'ResourceUnavailableException',
      message: `The WorkSpace ${source} is ADMIN_MAINTENANCE. Only WorkSpaces that are AVAILABLE, STOPPED or ERROR can be migrated.`,
    });
  });

  it('does not reach a WorkSpace of another account or Region', async () => {
    const source = await launched(t.client());
    for (const other of [t.client(ACCOUNT_B), t.client(ACCOUNT_A, WEST)]) {
      await expect(migrate(other, source, STANDARD_BUNDLE)).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
      });
    }
  });
});

describe('CreateStandbyWorkspaces', () => {
  const createStandby = (client: WorkSpacesClient, standby: CreateStandbyWorkspacesCommandInput['StandbyWorkspaces']) =>
    client.send(new CreateStandbyWorkspacesCommand({ PrimaryRegion: EAST, StandbyWorkspaces: standby }));

  /** An AVAILABLE primary in us-east-1 and a registered directory in us-west-2. */
  async function primaryAndStandbyDirectory(extra: { encrypted?: boolean } = {}) {
    const east = t.client();
    const west = t.client(ACCOUNT_A, WEST);
    await w.registerDirectory(east, DIRECTORY);
    const primary = await w.launchWorkspace(east, {
      DirectoryId: DIRECTORY,
      UserName: 'alice',
      BundleId: VALUE_BUNDLE,
      ...(extra.encrypted && { UserVolumeEncryptionEnabled: true, VolumeEncryptionKey: KMS_KEY }),
    });
    await w.registerDirectory(west, WEST_DIRECTORY);
    return { east, west, primary };
  }

  /** Creates the standby of `primary` in WEST_DIRECTORY and returns its id (PENDING). */
  async function standbyOf(west: WorkSpacesClient, primary: string, replication?: 'PRIMARY_AS_SOURCE') {
    const out = await createStandby(west, [
      {
        PrimaryWorkspaceId: primary,
        DirectoryId: WEST_DIRECTORY,
        ...(replication && { DataReplication: replication }),
      },
    ]);
    const standby = out.PendingStandbyRequests?.[0]?.WorkspaceId;
    if (!standby) throw new Error(`no standby created: ${JSON.stringify(out.FailedStandbyRequests)}`);
    return standby;
  }

  it('creates a standby in the caller Region and links it with its primary', async () => {
    const { east, west, primary } = await primaryAndStandbyDirectory();
    const out = await createStandby(west, [
      {
        PrimaryWorkspaceId: primary,
        DirectoryId: WEST_DIRECTORY,
        DataReplication: 'PRIMARY_AS_SOURCE',
        Tags: [{ Key: 'role', Value: 'standby' }],
      },
    ]);
    expect(out.FailedStandbyRequests).toEqual([]);
    const pending = out.PendingStandbyRequests?.[0];
    expect(pending).toMatchObject({ UserName: 'alice', DirectoryId: WEST_DIRECTORY, State: 'PENDING' });
    const standby = pending?.WorkspaceId ?? '';
    expect(await describeWorkspace(west, standby)).toMatchObject({
      State: 'PENDING',
      BundleId: VALUE_BUNDLE,
      RelatedWorkspaces: [{ WorkspaceId: primary, Region: EAST, Type: 'PRIMARY' }],
      DataReplicationSettings: { DataReplication: 'PRIMARY_AS_SOURCE' },
    });
    expect(await describeWorkspace(east, primary)).toMatchObject({
      RelatedWorkspaces: [{ WorkspaceId: standby, Region: WEST, Type: 'STANDBY' }],
      StandbyWorkspacesProperties: [{ StandbyWorkspaceId: standby, DataReplication: 'PRIMARY_AS_SOURCE' }],
    });
    t.emulator.clock.advance(seconds(durations.workspaceCreate));
    expect(await workspaceState(west, standby)).toBe('AVAILABLE');
    const tags = await west.send(new DescribeTagsCommand({ ResourceId: standby }));
    expect(tags.TagList).toEqual([{ Key: 'role', Value: 'standby' }]);
  });

  it('reports each request that fails in FailedStandbyRequests and creates the others', async () => {
    const { west, primary } = await primaryAndStandbyDirectory();
    const unknownPrimary = { PrimaryWorkspaceId: 'ws-000000000', DirectoryId: WEST_DIRECTORY };
    const unknownDirectory = { PrimaryWorkspaceId: primary, DirectoryId: 'd-00000000ff' };
    const good = { PrimaryWorkspaceId: primary, DirectoryId: WEST_DIRECTORY };
    const out = await createStandby(west, [unknownPrimary, unknownDirectory, good, good]);
    expect(out.PendingStandbyRequests).toHaveLength(1);
    expect(out.FailedStandbyRequests).toEqual([
      {
        StandbyWorkspaceRequest: unknownPrimary,
        ErrorCode: 'ResourceNotFound.Workspace',
        ErrorMessage: 'The WorkSpace ws-000000000 could not be found.',
      },
      {
        StandbyWorkspaceRequest: unknownDirectory,
        ErrorCode: 'ResourceNotFound.Directory',
        ErrorMessage: 'The specified directory could not be found in the specified region.',
      },
      {
        StandbyWorkspaceRequest: good,
        ErrorCode: 'ResourceExists.StandbyWorkspace',
        ErrorMessage: `The WorkSpace ${primary} already has a standby WorkSpace.`,
      },
    ]);
  });

  it('refuses a standby of a standby, and of a primary that is not AVAILABLE or STOPPED', async () => {
    const { east, west, primary } = await primaryAndStandbyDirectory();
    const standby = (await createStandby(west, [{ PrimaryWorkspaceId: primary, DirectoryId: WEST_DIRECTORY }]))
      .PendingStandbyRequests?.[0]?.WorkspaceId;
    const young = await createWorkspace(east, { DirectoryId: DIRECTORY, UserName: 'bob', BundleId: VALUE_BUNDLE });
    const ofStandby = await east.send(
      new CreateStandbyWorkspacesCommand({
        PrimaryRegion: WEST,
        StandbyWorkspaces: [{ PrimaryWorkspaceId: standby ?? '', DirectoryId: DIRECTORY }],
      }),
    );
    expect(ofStandby.FailedStandbyRequests?.[0]).toMatchObject({ ErrorCode: 'OperationNotSupported' });
    const ofYoung = await createStandby(west, [{ PrimaryWorkspaceId: young, DirectoryId: WEST_DIRECTORY }]);
    expect(ofYoung.FailedStandbyRequests?.[0]).toMatchObject({
      ErrorCode: 'InvalidResourceState',
      ErrorMessage: `The WorkSpace ${young} is PENDING; a standby WorkSpace can be created only for an AVAILABLE or STOPPED WorkSpace.`,
    });
  });

  it('refuses a second WorkSpace for the same user in the standby directory', async () => {
    const { west, primary } = await primaryAndStandbyDirectory();
    await createWorkspace(west, { DirectoryId: WEST_DIRECTORY, UserName: 'Alice', BundleId: VALUE_BUNDLE });
    const out = await createStandby(west, [{ PrimaryWorkspaceId: primary, DirectoryId: WEST_DIRECTORY }]);
    expect(out.FailedStandbyRequests?.[0]).toMatchObject({
      ErrorCode: 'ResourceExists.WorkSpace',
      ErrorMessage: 'A WorkSpace already exists for the specified user.',
    });
  });

  it('needs a key of the standby Region for an encrypted primary, and encrypts the standby with it', async () => {
    const { west, primary } = await primaryAndStandbyDirectory({ encrypted: true });
    const missing = await createStandby(west, [{ PrimaryWorkspaceId: primary, DirectoryId: WEST_DIRECTORY }]);
    expect(missing.FailedStandbyRequests?.[0]).toMatchObject({ ErrorCode: 'InvalidParameterValues' });
    const out = await createStandby(west, [
      { PrimaryWorkspaceId: primary, DirectoryId: WEST_DIRECTORY, VolumeEncryptionKey: KMS_KEY },
    ]);
    const standby = out.PendingStandbyRequests?.[0]?.WorkspaceId ?? '';
    expect(await describeWorkspace(west, standby)).toMatchObject({
      UserVolumeEncryptionEnabled: true,
      VolumeEncryptionKey: KMS_KEY,
    });
  });

  it('refuses a PrimaryRegion equal to the caller Region', async () => {
    await expect(
      t.client().send(
        new CreateStandbyWorkspacesCommand({
          PrimaryRegion: EAST,
          StandbyWorkspaces: [{ PrimaryWorkspaceId: 'ws-000000000', DirectoryId: DIRECTORY }],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: `The primary Region must differ from the Region of the standby WorkSpace (${EAST}).`,
    });
  });

  it('turns data replication on and off for the pair from the primary', async () => {
    const { east, west, primary } = await primaryAndStandbyDirectory();
    const standby = await standbyOf(west, primary);
    await east.send(
      new ModifyWorkspacePropertiesCommand({ WorkspaceId: primary, DataReplication: 'PRIMARY_AS_SOURCE' }),
    );
    expect(await describeWorkspace(east, primary)).toMatchObject({
      DataReplicationSettings: { DataReplication: 'PRIMARY_AS_SOURCE' },
      StandbyWorkspacesProperties: [{ StandbyWorkspaceId: standby, DataReplication: 'PRIMARY_AS_SOURCE' }],
    });
    expect((await describeWorkspace(west, standby))?.DataReplicationSettings).toEqual({
      DataReplication: 'PRIMARY_AS_SOURCE',
    });
    await east.send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: primary, DataReplication: 'NO_REPLICATION' }));
    expect(await describeWorkspace(east, primary)).toMatchObject({
      DataReplicationSettings: { DataReplication: 'NO_REPLICATION' },
      StandbyWorkspacesProperties: [{ StandbyWorkspaceId: standby, DataReplication: 'NO_REPLICATION' }],
    });
    expect((await describeWorkspace(west, standby))?.DataReplicationSettings).toEqual({
      DataReplication: 'NO_REPLICATION',
    });
  });

  it('refuses DataReplication on the standby itself and PRIMARY_AS_SOURCE on a WorkSpace without a standby', async () => {
    const { east, west, primary } = await primaryAndStandbyDirectory();
    const standby = await standbyOf(west, primary);
    t.emulator.clock.advance(seconds(durations.workspaceCreate));
    await expect(
      west.send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: standby, DataReplication: 'PRIMARY_AS_SOURCE' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: `The WorkSpace ${standby} is a standby WorkSpace. Set DataReplication on its primary WorkSpace ${primary} in ${EAST}.`,
    });
    const lonely = await w.launchWorkspace(east, { DirectoryId: DIRECTORY, UserName: 'bob', BundleId: VALUE_BUNDLE });
    await expect(
      east.send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: lonely, DataReplication: 'PRIMARY_AS_SOURCE' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: `Data replication needs a standby WorkSpace, and ${lonely} has none.`,
    });
  });

  it('unlinks the primary once its standby is terminated, and replication stops', async () => {
    const { east, west, primary } = await primaryAndStandbyDirectory();
    const standby = await standbyOf(west, primary, 'PRIMARY_AS_SOURCE');
    t.emulator.clock.advance(seconds(durations.workspaceCreate));
    await west.send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: standby }] }));
    expect((await describeWorkspace(east, primary))?.RelatedWorkspaces).toHaveLength(1);
    t.emulator.clock.advance(seconds(durations.workspaceTerminate));
    const unlinked = await describeWorkspace(east, primary);
    expect(unlinked?.RelatedWorkspaces).toBeUndefined();
    expect(unlinked?.StandbyWorkspacesProperties).toBeUndefined();
    expect(unlinked?.DataReplicationSettings).toEqual({ DataReplication: 'NO_REPLICATION' });
    // The primary may have a new standby.
    const again = await createStandby(west, [{ PrimaryWorkspaceId: primary, DirectoryId: WEST_DIRECTORY }]);
    expect(again.FailedStandbyRequests).toEqual([]);
  });

  it('unlinks the standby once its primary in the other Region is terminated', async () => {
    const { east, west, primary } = await primaryAndStandbyDirectory();
    const standby = await standbyOf(west, primary, 'PRIMARY_AS_SOURCE');
    t.emulator.clock.advance(seconds(durations.workspaceCreate));
    await east.send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: primary }] }));
    t.emulator.clock.advance(seconds(durations.workspaceTerminate));
    const unlinked = await describeWorkspace(west, standby);
    expect(unlinked?.State).toBe('AVAILABLE');
    expect(unlinked?.RelatedWorkspaces).toBeUndefined();
    expect(unlinked?.DataReplicationSettings).toEqual({ DataReplication: 'NO_REPLICATION' });
    // No longer a standby: data replication is now its own business, and it has no standby.
    await expect(
      west.send(new ModifyWorkspacePropertiesCommand({ WorkspaceId: standby, DataReplication: 'PRIMARY_AS_SOURCE' })),
    ).rejects.toMatchObject({ message: `Data replication needs a standby WorkSpace, and ${standby} has none.` });
  });

  it('does not find a primary of another account', async () => {
    const { primary } = await primaryAndStandbyDirectory();
    const otherWest = t.client(ACCOUNT_B, WEST);
    await w.registerDirectory(otherWest, WEST_DIRECTORY);
    const out = await createStandby(otherWest, [{ PrimaryWorkspaceId: primary, DirectoryId: WEST_DIRECTORY }]);
    expect(out.FailedStandbyRequests?.[0]).toMatchObject({ ErrorCode: 'ResourceNotFound.Workspace' });
  });
});

describe('ImportCustomWorkspaceImage and DescribeCustomWorkspaceImageImport', () => {
  const INFRASTRUCTURE = `arn:aws:imagebuilder:${EAST}:${ACCOUNT_A}:infrastructure-configuration/byol-builder`;

  const importImage = (client: WorkSpacesClient, extra: Partial<ImportCustomWorkspaceImageCommandInput> = {}) =>
    client.send(
      new ImportCustomWorkspaceImageCommand({
        ImageName: 'byol-win11',
        ImageDescription: 'Licensed Windows 11',
        ComputeType: 'BASE',
        Protocol: 'DCV',
        ImageSource: { Ec2ImageId: 'ami-0123456789abcdef0' },
        InfrastructureConfigurationArn: INFRASTRUCTURE,
        Platform: 'WINDOWS',
        OsVersion: 'Windows_11',
        ...extra,
      }),
    );

  const describeImport = (client: WorkSpacesClient, ImageId: string) =>
    client.send(new DescribeCustomWorkspaceImageImportCommand({ ImageId }));

  async function imageOf(client: WorkSpacesClient, imageId: string) {
    return (await client.send(new DescribeWorkspaceImagesCommand({ ImageIds: [imageId] }))).Images?.[0];
  }

  beforeEach(() => w.enableByol(t.client()));

  it('refuses an account that is not enabled for BYOL in the Region', async () => {
    const client = t.client(ACCOUNT_B);
    const own = `arn:aws:imagebuilder:${EAST}:${ACCOUNT_B}:infrastructure-configuration/byol-builder`;
    await expect(importImage(client, { InfrastructureConfigurationArn: own })).rejects.toMatchObject({
      name: 'OperationNotSupportedException',
      message: `Account ${ACCOUNT_B} is not enabled for BYOL in ${EAST}. Enable BYOL with ModifyAccount before importing BYOL images.`,
    });
    expect((await client.send(new DescribeWorkspaceImagesCommand({}))).Images).toEqual([]);
    await w.enableByol(client);
    expect((await importImage(client, { InfrastructureConfigurationArn: own })).State).toBe('PENDING');
  });

  it('returns an image id at once and builds it through PENDING, IN_PROGRESS and COMPLETED', async () => {
    const client = t.client();
    const started = t.emulator.clock.now();
    const out = await importImage(client);
    expect(out.State).toBe('PENDING');
    const imageId = out.ImageId ?? '';
    expect(imageId).toMatch(/^wsi-[0-9a-z]{9}$/);
    expect(await describeImport(client, imageId)).toMatchObject({
      ImageId: imageId,
      InfrastructureConfigurationArn: INFRASTRUCTURE,
      State: 'PENDING',
      ProgressPercentage: 0,
      ImageSource: { Ec2ImageId: 'ami-0123456789abcdef0' },
      Created: started,
    });
    expect(await imageOf(client, imageId)).toMatchObject({
      Name: 'byol-win11',
      State: 'PENDING',
      RequiredTenancy: 'DEDICATED',
      OperatingSystem: { Type: 'WINDOWS' },
      OwnerAccountId: ACCOUNT_A,
    });

    t.emulator.clock.advance(seconds(durations.customImageQueued));
    const building = await describeImport(client, imageId);
    expect(building).toMatchObject({ State: 'IN_PROGRESS', ProgressPercentage: 0 });
    expect(building.ImageBuilderInstanceId).toMatch(/^i-[0-9a-f]{17}$/);
    t.emulator.clock.advance(seconds(durations.customImageBuild) / 2);
    expect(await describeImport(client, imageId)).toMatchObject({ State: 'IN_PROGRESS', ProgressPercentage: 50 });
    expect((await imageOf(client, imageId))?.State).toBe('PENDING');

    t.emulator.clock.advance(seconds(durations.customImageBuild) / 2);
    const done = await describeImport(client, imageId);
    expect(done).toMatchObject({ State: 'COMPLETED', ProgressPercentage: 100 });
    expect(done.LastUpdatedTime?.getTime()).toBe(
      started.getTime() + durations.customImageQueued + durations.customImageBuild,
    );
    expect((await imageOf(client, imageId))?.State).toBe('AVAILABLE');
  });

  it('tags the image it creates', async () => {
    const client = t.client();
    const out = await importImage(client, { Tags: [{ Key: 'license', Value: 'byol' }] });
    const tags = await client.send(new DescribeTagsCommand({ ResourceId: out.ImageId ?? '' }));
    expect(tags.TagList).toEqual([{ Key: 'license', Value: 'byol' }]);
  });

  it('leaves an ImageSource with two sources to the validator (it is a union)', async () => {
    await expect(
      importImage(t.client(), {
        ImageSource: { Ec2ImageId: 'ami-0123456789abcdef0', Ec2ImportTaskId: 'import-ami-0123456789abcdef0' },
      } as Partial<ImportCustomWorkspaceImageCommandInput>),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('refuses PCOIP for Windows 11 but not for Windows 10', async () => {
    const client = t.client();
    await expect(importImage(client, { Protocol: 'PCOIP' })).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'Windows 11 does not support the PCOIP protocol. Choose DCV or BYOP.',
    });
    await expect(importImage(client, { Protocol: 'PCOIP', OsVersion: 'Windows_10' })).resolves.toBeDefined();
  });

  it('does not find Image Builder resources of another account or Region', async () => {
    const client = t.client();
    const foreign = `arn:aws:imagebuilder:${EAST}:${ACCOUNT_B}:infrastructure-configuration/theirs`;
    await expect(importImage(client, { InfrastructureConfigurationArn: foreign })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceId: foreign,
    });
    const westImage = `arn:aws:imagebuilder:${WEST}:${ACCOUNT_A}:image/byol-win11/1.0.0/1`;
    await expect(importImage(client, { ImageSource: { ImageBuildVersionArn: westImage } })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceId: westImage,
    });
  });

  it('refuses a name another image of the Region has', async () => {
    const client = t.client();
    await w.availableImage(client, 'byol-win11');
    await expect(importImage(client)).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message:
        'A WorkSpace image with the same name exists in the destination Region. Provide a unique destination image name, and try again.',
    });
  });

  it(`refuses an image beyond the quota of ${emulatorQuotas.images}`, async () => {
    const client = t.client();
    const collection = t.emulator.app.store.collection<ImageRecord>('image');
    for (let i = 0; i < emulatorQuotas.images; i++) {
      const id = `wsi-${i.toString().padStart(9, '0')}`;
      collection.put(SCOPE_A, id, {
        ImageId: id,
        Name: `seeded-${i}`,
        State: 'AVAILABLE',
        Created: 0,
        OwnerAccountId: ACCOUNT_A,
        OperatingSystemName: 'WINDOWS_10',
        RootVolumeSizeGib: 80,
        UserVolumeSizeGib: 10,
      });
    }
    await expect(importImage(client)).rejects.toMatchObject({
      name: 'ResourceLimitExceededException',
      message: `You have reached the limit of ${emulatorQuotas.images} WorkSpace images in this Region.`,
    });
  });

  it('reports an unknown import, or one of another account or Region, as ResourceNotFoundException', async () => {
    const imageId = (await importImage(t.client())).ImageId ?? '';
    await expect(describeImport(t.client(), 'wsi-000000000')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceId: 'wsi-000000000',
    });
    for (const other of [t.client(ACCOUNT_B), t.client(ACCOUNT_A, WEST)]) {
      await expect(describeImport(other, imageId)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    }
  });
});
