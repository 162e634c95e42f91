// A small world built through the SDK, shared by the admin, fixture and dashboard tests: a directory, a WorkSpace with
// Office installed, an image and a bundle made from it, a tag, and (optionally) a Visio deployment left in progress.
import {
  AssociateWorkspaceApplicationCommand,
  CreateTagsCommand,
  CreateWorkspaceBundleCommand,
  CreateWorkspaceImageCommand,
  CreateWorkspacesCommand,
  DeployWorkspaceApplicationsCommand,
  RegisterWorkspaceDirectoryCommand,
  WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { APPLICATION_IDS } from '../../src/domain/applications-catalog.js';
import { durations } from '../../src/domain/durations.js';

/** Power with Windows 10 (Server 2022 based) (WSP): room on the root volume for every catalog application. */
export const POWER_2022 = 'wsb-1bpbv1wvn';
export const DIRECTORY_ID = 'd-1234567890';
export const { officeProPlus2021: OFFICE, visioPro2021: VISIO } = APPLICATION_IDS;

/** Moves the emulator's clock by that many seconds (in process, or through POST /_emulator/clock). */
export type Advance = (seconds: number) => unknown;

export interface World {
  directoryId: string;
  workspaceId: string;
  imageId: string;
  bundleId: string;
}

export function sdkClient(endpoint: string, account = '111111111111', region = 'us-east-1'): WorkSpacesClient {
  return new WorkSpacesClient({
    endpoint,
    region,
    credentials: { accessKeyId: account, secretAccessKey: 'test-secret' },
    maxAttempts: 1,
  });
}

/** The value, or an error naming what the response lacked. */
function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`no ${what} in the response`);
  return value;
}

/** The world with Office COMPLETED everywhere; with `deployVisio`, Visio is PENDING_INSTALL on the WorkSpace. */
export async function buildWorld(c: WorkSpacesClient, advance: Advance, deployVisio = false): Promise<World> {
  const s = (ms: number) => ms / 1000;
  await c.send(
    new RegisterWorkspaceDirectoryCommand({
      DirectoryId: DIRECTORY_ID,
      SubnetIds: ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'],
    }),
  );
  await advance(s(durations.directoryRegister));
  const created = await c.send(
    new CreateWorkspacesCommand({
      Workspaces: [{ DirectoryId: DIRECTORY_ID, UserName: 'alice', BundleId: POWER_2022 }],
    }),
  );
  const workspaceId = required(created.PendingRequests?.[0]?.WorkspaceId, 'WorkSpace');
  await advance(s(durations.workspaceCreate));
  await c.send(new AssociateWorkspaceApplicationCommand({ WorkspaceId: workspaceId, ApplicationId: OFFICE }));
  await c.send(new DeployWorkspaceApplicationsCommand({ WorkspaceId: workspaceId }));
  await advance(s(durations.applicationQueued + durations.applicationInstall));
  const image = await c.send(
    new CreateWorkspaceImageCommand({ Name: 'golden', Description: 'Office image', WorkspaceId: workspaceId }),
  );
  const imageId = required(image.ImageId, 'image');
  await advance(s(durations.imageCreate));
  const bundle = await c.send(
    new CreateWorkspaceBundleCommand({
      BundleName: 'golden-bundle',
      BundleDescription: 'Office bundle',
      ImageId: imageId,
      ComputeType: { Name: 'POWER' },
      UserStorage: { Capacity: '100' },
      RootStorage: { Capacity: '175' },
    }),
  );
  const bundleId = required(bundle.WorkspaceBundle?.BundleId, 'bundle');
  await advance(s(durations.bundleCreate));
  await c.send(new CreateTagsCommand({ ResourceId: workspaceId, Tags: [{ Key: 'team', Value: 'blue' }] }));
  if (deployVisio) {
    await c.send(new AssociateWorkspaceApplicationCommand({ WorkspaceId: workspaceId, ApplicationId: VISIO }));
    await c.send(new DeployWorkspaceApplicationsCommand({ WorkspaceId: workspaceId }));
  }
  return { directoryId: DIRECTORY_ID, workspaceId, imageId, bundleId };
}
