// The whole application story through the SDK, every step a real call: directory → WorkSpace → associate → deploy →
// image → bundle → new WorkSpace → the four views; then the Office removal of the AWS sample on a Plus bundle.
import {
  AssociateWorkspaceApplicationCommand,
  CreateWorkspaceBundleCommand,
  CreateWorkspaceImageCommand,
  CreateWorkspacesCommand,
  DeployWorkspaceApplicationsCommand,
  DescribeApplicationAssociationsCommand,
  DescribeBundleAssociationsCommand,
  DescribeImageAssociationsCommand,
  DescribeWorkspaceAssociationsCommand,
  DescribeWorkspaceImagesCommand,
  DisassociateWorkspaceApplicationCommand,
  TerminateWorkspacesCommand,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { beforeEach, describe, expect, it } from 'vitest';
import { APPLICATION_IDS } from '../../src/domain/applications-catalog.js';
import { durations } from '../../src/domain/durations.js';
import { publicBundles } from '../../src/domain/public-bundles.js';
import { ACCOUNT_A, ACCOUNT_B, useEmulator } from '../helpers/emulator.js';
import { workspaceState, world } from '../helpers/world.js';

const t = useEmulator();
const { registerDirectory } = world(t);

beforeEach(() => t.emulator.reset());

const seconds = (ms: number) => ms / 1000;
const { office2019, officeProPlus2021, visioPro2021, visualStudioPro2022 } = APPLICATION_IDS;
const APPS = [officeProPlus2021, visioPro2021, visualStudioPro2022];
/** Power with Windows 10 (Server 2022 based) (WSP): 175 GB root, so Visual Studio fits. */
const POWER_2022 = 'wsb-1bpbv1wvn';

async function createWorkspace(c: WorkSpacesClient, DirectoryId: string, UserName: string, BundleId: string) {
  const out = await c.send(new CreateWorkspacesCommand({ Workspaces: [{ DirectoryId, UserName, BundleId }] }));
  expect(out.FailedRequests).toEqual([]);
  const id = out.PendingRequests?.[0]?.WorkspaceId;
  if (!id) throw new Error('CreateWorkspaces returned no WorkSpace');
  return id;
}

const workspaceView = async (c: WorkSpacesClient, WorkspaceId: string) =>
  (await c.send(new DescribeWorkspaceAssociationsCommand({ WorkspaceId, AssociatedResourceTypes: ['APPLICATION'] })))
    .Associations ?? [];
const imageView = async (c: WorkSpacesClient, ImageId: string) =>
  (await c.send(new DescribeImageAssociationsCommand({ ImageId, AssociatedResourceTypes: ['APPLICATION'] })))
    .Associations ?? [];
const bundleView = async (c: WorkSpacesClient, BundleId: string) =>
  (await c.send(new DescribeBundleAssociationsCommand({ BundleId, AssociatedResourceTypes: ['APPLICATION'] })))
    .Associations ?? [];

async function applicationView(c: WorkSpacesClient, ApplicationId: string) {
  const rows = [];
  let NextToken: string | undefined;
  do {
    const out = await c.send(
      new DescribeApplicationAssociationsCommand({
        ApplicationId,
        AssociatedResourceTypes: ['WORKSPACE', 'BUNDLE', 'IMAGE'],
        MaxResults: 1,
        NextToken,
      }),
    );
    rows.push(...(out.Associations ?? []));
    NextToken = out.NextToken;
  } while (NextToken);
  return rows;
}

const statesOf = (rows: { AssociatedResourceId?: string | undefined; State?: string | undefined }[]) =>
  Object.fromEntries(rows.map((r) => [r.AssociatedResourceId, r.State]));

/** Every resource-side row of `applicationId`, keyed the way DescribeApplicationAssociations keys them. */
async function resourceSide(c: WorkSpacesClient, applicationId: string, resources: { type: string; id: string }[]) {
  const rows = [];
  for (const { type, id } of resources) {
    const view =
      type === 'WORKSPACE'
        ? await workspaceView(c, id)
        : type === 'IMAGE'
          ? await imageView(c, id)
          : await bundleView(c, id);
    for (const row of view.filter((r) => r.AssociatedResourceId === applicationId)) {
      rows.push({
        ApplicationId: applicationId,
        AssociatedResourceId: id,
        AssociatedResourceType: type,
        Created: row.Created,
        LastUpdatedTime: row.LastUpdatedTime,
        State: row.State,
        ...(row.StateReason && { StateReason: row.StateReason }),
      });
    }
  }
  return rows;
}

describe('the application story', () => {
  it('carries applications from a WorkSpace to an image, a bundle and a new WorkSpace, seen alike by all four views', async () => {
    const c = t.client(ACCOUNT_A);
    const directoryId = await registerDirectory(c, 'd-90673232ab');

    // A WorkSpace from a public bundle without applications.
    const first = await createWorkspace(c, directoryId, 'alice', POWER_2022);
    t.emulator.clock.advance(seconds(durations.workspaceCreate));
    expect(await workspaceState(c, first)).toBe('AVAILABLE');
    expect(await workspaceView(c, first)).toEqual([]);

    // Associate three applications, then deploy them.
    for (const app of APPS) {
      const out = await c.send(new AssociateWorkspaceApplicationCommand({ WorkspaceId: first, ApplicationId: app }));
      expect(out.Association?.State).toBe('PENDING_INSTALL_DEPLOYMENT');
    }
    const deployment = await c.send(new DeployWorkspaceApplicationsCommand({ WorkspaceId: first }));
    expect(deployment.Deployment?.Associations?.map((a) => [a.AssociatedResourceId, a.State])).toEqual(
      APPS.map((app) => [app, 'PENDING_INSTALL']),
    );
    expect(await workspaceState(c, first)).toBe('UPDATING');
    t.emulator.clock.advance(seconds(durations.applicationQueued));
    expect(statesOf(await workspaceView(c, first))).toEqual(Object.fromEntries(APPS.map((a) => [a, 'INSTALLING'])));
    t.emulator.clock.advance(seconds(durations.applicationInstall));
    expect(statesOf(await workspaceView(c, first))).toEqual(Object.fromEntries(APPS.map((a) => [a, 'COMPLETED'])));
    expect(await workspaceState(c, first)).toBe('AVAILABLE');

    // An image of the WorkSpace carries its installed applications from the moment it exists.
    const image = await c.send(
      new CreateWorkspaceImageCommand({ Name: 'with-apps', Description: 'apps', WorkspaceId: first }),
    );
    const imageId = image.ImageId ?? '';
    expect(image.State).toBe('PENDING');
    expect(statesOf(await imageView(c, imageId))).toEqual(Object.fromEntries(APPS.map((a) => [a, 'COMPLETED'])));
    t.emulator.clock.advance(seconds(durations.imageCreate));
    const images = await c.send(new DescribeWorkspaceImagesCommand({ ImageIds: [imageId] }));
    expect(images.Images?.[0]?.State).toBe('AVAILABLE');
    expect(await workspaceState(c, first)).toBe('AVAILABLE');

    // A bundle of the image.
    const bundle = await c.send(
      new CreateWorkspaceBundleCommand({
        BundleName: 'apps-bundle',
        BundleDescription: 'Office Visio and Visual Studio',
        ImageId: imageId,
        ComputeType: { Name: 'POWER' },
        UserStorage: { Capacity: '100' },
        RootStorage: { Capacity: '175' },
      }),
    );
    const bundleId = bundle.WorkspaceBundle?.BundleId ?? '';
    t.emulator.clock.advance(seconds(durations.bundleCreate));
    expect(statesOf(await bundleView(c, bundleId))).toEqual(Object.fromEntries(APPS.map((a) => [a, 'COMPLETED'])));

    // A new WorkSpace from the bundle gets the applications once it is AVAILABLE.
    const second = await createWorkspace(c, directoryId, 'bob', bundleId);
    expect(await workspaceView(c, second)).toEqual([]);
    t.emulator.clock.advance(seconds(durations.workspaceCreate));
    expect(await workspaceState(c, second)).toBe('AVAILABLE');
    expect(statesOf(await workspaceView(c, second))).toEqual(Object.fromEntries(APPS.map((a) => [a, 'COMPLETED'])));

    // The four views agree, row for row.
    const resources = [
      { type: 'WORKSPACE', id: first },
      { type: 'IMAGE', id: imageId },
      { type: 'BUNDLE', id: bundleId },
      { type: 'WORKSPACE', id: second },
    ];
    for (const app of APPS) {
      const fromApplication = await applicationView(c, app);
      expect(fromApplication).toHaveLength(4);
      expect(fromApplication).toEqual(await resourceSide(c, app, resources));
      for (const row of fromApplication) {
        expect(row.Created?.getTime()).toBeLessThanOrEqual(row.LastUpdatedTime?.getTime() ?? 0);
        expect(row.StateReason).toBeUndefined();
      }
    }

    // Nothing of it leaks to another account or Region.
    expect(await applicationView(t.client(ACCOUNT_B), officeProPlus2021)).toEqual([]);
    expect(await applicationView(t.client(ACCOUNT_A, 'eu-west-1'), officeProPlus2021)).toEqual([]);

    // Terminating a WorkSpace takes its associations with it.
    await c.send(new TerminateWorkspacesCommand({ TerminateWorkspaceRequests: [{ WorkspaceId: second }] }));
    t.emulator.clock.advance(seconds(durations.workspaceTerminate));
    const remaining = await applicationView(c, officeProPlus2021);
    expect(remaining.map((r) => r.AssociatedResourceId)).toEqual([first, imageId, bundleId]);
  });

  it('removes Office 2019 from a WorkSpace of a Plus bundle and installs Office 2021, as the AWS sample does', async () => {
    const c = t.client(ACCOUNT_A);
    const plus = publicBundles.find((b) => b.ApplicationIds?.includes(office2019) && b.ComputeType?.Name !== 'VALUE');
    if (!plus) throw new Error('no public Plus bundle with Office 2019');
    const directoryId = await registerDirectory(c, 'd-90673232cd');
    const ws = await createWorkspace(c, directoryId, 'carol', plus.BundleId);
    t.emulator.clock.advance(seconds(durations.workspaceCreate));
    expect(statesOf(await workspaceView(c, ws))).toEqual({ [office2019]: 'COMPLETED' });
    expect(statesOf(await bundleView(c, plus.BundleId))).toEqual({ [office2019]: 'COMPLETED' });

    await c.send(new DisassociateWorkspaceApplicationCommand({ WorkspaceId: ws, ApplicationId: office2019 }));
    await c.send(new AssociateWorkspaceApplicationCommand({ WorkspaceId: ws, ApplicationId: officeProPlus2021 }));
    await c.send(new DeployWorkspaceApplicationsCommand({ WorkspaceId: ws, Force: true }));
    expect(statesOf(await workspaceView(c, ws))).toEqual({
      [office2019]: 'PENDING_UNINSTALL',
      [officeProPlus2021]: 'PENDING_INSTALL',
    });
    t.emulator.clock.advance(seconds(durations.applicationQueued + durations.applicationInstall));
    expect(statesOf(await workspaceView(c, ws))).toEqual({ [office2019]: 'REMOVED', [officeProPlus2021]: 'COMPLETED' });
    expect(await workspaceState(c, ws)).toBe('AVAILABLE');
    const office2019Rows = await applicationView(c, office2019);
    expect(office2019Rows.find((r) => r.AssociatedResourceId === ws)?.State).toBe('REMOVED');
  });
});
