// The public bundle catalog through the SDK: every compute type and operating system family, the names public
// configurations look up (as Terraform's aws_workspaces_bundle does: Owner AMAZON, page by page, by name), and the
// protocol a bundle gives the WorkSpaces launched from it.
import {
  CreateWorkspacesCommand,
  DescribeWorkspaceBundlesCommand,
  type WorkSpacesClient,
  type WorkspaceBundle,
} from '@aws-sdk/client-workspaces';
import { beforeEach, describe, expect, it } from 'vitest';
import { catalogRows } from '../../src/domain/public-bundle-catalog.js';
import { useEmulator } from '../helpers/emulator.js';
import { world } from '../helpers/world.js';

const t = useEmulator();
const { registerDirectory } = world(t);

beforeEach(() => t.emulator.reset());

/** Every page of DescribeWorkspaceBundles with Owner AMAZON, as the Terraform data source walks them. */
async function amazonBundles(client: WorkSpacesClient): Promise<{ bundles: WorkspaceBundle[]; pages: number }> {
  const bundles: WorkspaceBundle[] = [];
  let pages = 0;
  let NextToken: string | undefined;
  do {
    const out = await client.send(new DescribeWorkspaceBundlesCommand({ Owner: 'AMAZON', NextToken }));
    bundles.push(...(out.Bundles ?? []));
    pages++;
    NextToken = out.NextToken;
  } while (NextToken);
  return { bundles, pages };
}

describe('DescribeWorkspaceBundles Owner AMAZON', () => {
  it('lists every row of the catalog data once, 25 to a page, with real ids where they are public', async () => {
    const { bundles, pages } = await amazonBundles(t.client());
    expect(bundles.map((b) => b.BundleId)).toEqual(catalogRows.map((r) => r.id));
    expect(pages).toBe(Math.ceil(catalogRows.length / 25));
    expect(new Set(bundles.map((b) => b.BundleId)).size).toBe(bundles.length);
    for (const bundle of bundles) {
      expect(bundle.BundleId).toMatch(/^wsb-[0-9a-z]{8,63}$/);
      expect(bundle).toMatchObject({ Owner: 'Amazon', State: 'AVAILABLE', BundleType: 'REGULAR' });
    }
    const synthetic = catalogRows.filter((r) => r.source === 'synthetic');
    expect(synthetic.map((r) => r.office)).toEqual(['2016', '2016', '2019', '2019']);
  });

  it('covers every compute type AWS still offers, on Windows, Amazon Linux, Ubuntu, Red Hat and Rocky Linux', async () => {
    const { bundles } = await amazonBundles(t.client());
    const computes = new Set(bundles.map((b) => b.ComputeType?.Name));
    for (const compute of [
      'VALUE',
      'STANDARD',
      'PERFORMANCE',
      'POWER',
      'POWERPRO',
      'GENERALPURPOSE_4XLARGE',
      'GENERALPURPOSE_8XLARGE',
      'GRAPHICS_G4DN',
      'GRAPHICSPRO_G4DN',
      'GRAPHICS_G6_XLARGE',
      'GRAPHICS_GR6F_4XLARGE',
    ]) {
      expect(computes, compute).toContain(compute);
    }
    const names = bundles.map((b) => b.Name ?? '');
    for (const family of [
      '(Server 2016 based)',
      '(Server 2019 based)',
      '(Server 2022 based) (PCoIP)',
      '(Server 2022 based) (WSP)',
      'Windows (Server 2025 based)',
      'Windows Server 2025',
      'Amazon Linux 2',
      'Ubuntu 22.04',
      'Red Hat Enterprise Linux 8',
      'Rocky Linux 8',
      'Office 2016',
      'Office 2019',
    ]) {
      expect(
        names.some((name) => name.includes(family)),
        family,
      ).toBe(true);
    }
  });

  it.each([
    ['wsb-b0s22j3d7', 'Performance with Windows 7', '80', '100'],
    ['wsb-bh8rsxt14', 'Value with Windows 10 (English)', '80', '10'],
    ['wsb-gk1wpk43z', 'Standard with Windows 10 (Server 2019 based)', '80', '50'],
    ['wsb-93xk71ss4', 'Standard with Windows 10 (Server 2022 based) (WSP)', '80', '50'],
    ['wsb-1bpbv1wvn', 'Power with Windows 10 (Server 2022 based) (WSP)', '175', '100'],
    ['wsb-xnp4cfzht', 'Value with Ubuntu 22.04', '80', '10'],
    ['wsb-g5rbnq51n', 'Standard with Ubuntu 22.04', '80', '50'],
    ['wsb-clj85qzj1', 'Standard with Amazon Linux 2', '80', '50'],
    ['wsb-w10v0x16a', 'Value with Windows 10 and Office 2016', '80', '10'],
    ['wsb-8b24qtqvz', 'Graphics.g6.16xlarge with Windows Server 2022 (WSP)', '300', '200'],
  ])('finds %s by the name public configurations use, %s', async (id, name, root, user) => {
    const { bundles } = await amazonBundles(t.client());
    const found = bundles.filter((b) => b.Name === name);
    expect(found.map((b) => b.BundleId)).toEqual([id]);
    expect(found[0]).toMatchObject({ RootStorage: { Capacity: root }, UserStorage: { Capacity: user } });
  });

  it("keeps the Terraform provider's description of wsb-b0s22j3d7", async () => {
    const out = await t.client().send(new DescribeWorkspaceBundlesCommand({ BundleIds: ['wsb-b0s22j3d7'] }));
    expect(out.Bundles?.[0]?.Description).toBe(
      'Windows 7 Experience provided by Windows Server 2008 R2, 2 vCPU, 7.5GiB Memory, 100GB Storage',
    );
  });

  it('serves the same catalog in every Region (chosen: only us-west-2 ids are public)', async () => {
    const east = await amazonBundles(t.client());
    const ireland = await amazonBundles(t.client(undefined, 'eu-west-1'));
    expect(ireland.bundles.map((b) => b.BundleId)).toEqual(east.bundles.map((b) => b.BundleId));
  });
});

describe('WorkSpaces launched from a public bundle', () => {
  it('stream with the protocol the bundle is made for, and by OS where it names none', async () => {
    const client = t.client();
    const directoryId = await registerDirectory(client, 'd-9999999999');
    const launch = async (UserName: string, BundleId: string) => {
      const out = await client.send(
        new CreateWorkspacesCommand({ Workspaces: [{ DirectoryId: directoryId, UserName, BundleId }] }),
      );
      return out.PendingRequests?.[0]?.WorkspaceProperties?.Protocols;
    };
    expect(await launch('wsp', 'wsb-93xk71ss4')).toEqual(['WSP']);
    expect(await launch('pcoip', 'wsb-5rldsz4nl')).toEqual(['PCOIP']);
    expect(await launch('ubuntu', 'wsb-g5rbnq51n')).toEqual(['WSP']);
    expect(await launch('win', 'wsb-gk1wpk43z')).toEqual(['PCOIP']);
  });
});
