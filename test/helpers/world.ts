// Building blocks for tests: put resources in place through the SDK and step the clock past their launch.
import {
  CreateWorkspacesCommand,
  DescribeAccountCommand,
  DescribeWorkspacesCommand,
  ImportWorkspaceImageCommand,
  type ImportWorkspaceImageCommandInput,
  ListAvailableManagementCidrRangesCommand,
  ModifyAccountCommand,
  RegisterWorkspaceDirectoryCommand,
  type RegisterWorkspaceDirectoryCommandInput,
  type WorkSpacesClient,
  type WorkspaceRequest,
} from '@aws-sdk/client-workspaces';
import { durations } from '../../src/domain/durations.js';
import type { TestEmulator } from './emulator.js';

export const SUBNETS = ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'];

/** Clock steps are in seconds; durations are in milliseconds. */
export const seconds = (ms: number) => ms / 1000;

/** Registers a directory and steps the clock until it is REGISTERED. */
async function registerDirectory(
  t: TestEmulator,
  client: WorkSpacesClient,
  directoryId: string,
  extra: Partial<RegisterWorkspaceDirectoryCommandInput> = {},
): Promise<string> {
  await client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: directoryId, SubnetIds: SUBNETS, ...extra }));
  t.emulator.clock.advance(seconds(durations.directoryRegister));
  return directoryId;
}

/** Creates one WorkSpace and returns its id (still PENDING); fails the test if CreateWorkspaces refuses it. */
export async function createWorkspace(client: WorkSpacesClient, request: WorkspaceRequest): Promise<string> {
  const out = await client.send(new CreateWorkspacesCommand({ Workspaces: [request] }));
  const workspaceId = out.PendingRequests?.[0]?.WorkspaceId;
  if (!workspaceId) throw new Error(`no WorkSpace created: ${JSON.stringify(out.FailedRequests)}`);
  return workspaceId;
}

/** Creates one WorkSpace and steps the clock until it is AVAILABLE. */
async function launchWorkspace(t: TestEmulator, client: WorkSpacesClient, request: WorkspaceRequest) {
  const workspaceId = await createWorkspace(client, request);
  t.emulator.clock.advance(seconds(durations.workspaceCreate));
  return workspaceId;
}

export async function workspaceState(client: WorkSpacesClient, workspaceId: string) {
  const out = await client.send(new DescribeWorkspacesCommand({ WorkspaceIds: [workspaceId] }));
  return out.Workspaces?.[0]?.State;
}

/**
 * Enables BYOL for the client's account and Region (ModifyAccount with the first available management range) and
 * steps the clock until the modification completes. Does nothing when BYOL is already enabled.
 */
async function enableByol(t: TestEmulator, client: WorkSpacesClient): Promise<void> {
  const account = await client.send(new DescribeAccountCommand({}));
  if (account.DedicatedTenancySupport === 'ENABLED') return;
  const ranges = await client.send(
    new ListAvailableManagementCidrRangesCommand({ ManagementCidrRangeConstraint: '10.0.0.0/8', MaxResults: 1 }),
  );
  const [range] = ranges.ManagementCidrRanges ?? [];
  if (range === undefined) throw new Error('no management CIDR range available');
  await client.send(
    new ModifyAccountCommand({ DedicatedTenancySupport: 'ENABLED', DedicatedTenancyManagementCidrRange: range }),
  );
  t.emulator.clock.advance(seconds(durations.accountByolEnable));
}

/** Imports a BYOL image (PENDING), enabling BYOL for the account first if needed, and returns its id. */
async function importImage(
  t: TestEmulator,
  client: WorkSpacesClient,
  name: string,
  extra: Partial<ImportWorkspaceImageCommandInput> = {},
): Promise<string> {
  await enableByol(t, client);
  const out = await client.send(
    new ImportWorkspaceImageCommand({
      Ec2ImageId: 'ami-0123456789abcdef0',
      IngestionProcess: 'BYOL_REGULAR',
      ImageName: name,
      ImageDescription: 'Imported BYOL image',
      ...extra,
    }),
  );
  return out.ImageId ?? '';
}

/** Imports a BYOL image (80 GB root, 10 GB user) and steps the clock until it is AVAILABLE. */
async function availableImage(
  t: TestEmulator,
  client: WorkSpacesClient,
  name: string,
  extra: Partial<ImportWorkspaceImageCommandInput> = {},
): Promise<string> {
  const imageId = await importImage(t, client, name, extra);
  t.emulator.clock.advance(seconds(durations.imageImport));
  return imageId;
}

/** The helpers that step the clock, bound to one test emulator. */
export function world(t: TestEmulator) {
  return {
    registerDirectory: (
      client: WorkSpacesClient,
      directoryId: string,
      extra?: Partial<RegisterWorkspaceDirectoryCommandInput>,
    ) => registerDirectory(t, client, directoryId, extra),
    launchWorkspace: (client: WorkSpacesClient, request: WorkspaceRequest) => launchWorkspace(t, client, request),
    enableByol: (client: WorkSpacesClient) => enableByol(t, client),
    importImage: (client: WorkSpacesClient, name: string, extra?: Partial<ImportWorkspaceImageCommandInput>) =>
      importImage(t, client, name, extra),
    availableImage: (client: WorkSpacesClient, name: string, extra?: Partial<ImportWorkspaceImageCommandInput>) =>
      availableImage(t, client, name, extra),
  };
}
