// The AMAZON-owned public bundles every account and Region sees, with the images behind them.
// Ids are fixed so tests and fixtures can name them; real ids where public sources show them, synthetic otherwise.
import type { Compute, OperatingSystemName } from '../model/generated/types.js';
import type { BundleRecord } from './records.js';

/** Epoch milliseconds the public catalog claims as its creation time. */
const CATALOG_TIME = Date.UTC(2023, 9, 1);

/** Application ids of the Office suites that "Plus" bundles ship with (application-management.md §2). */
export const OFFICE_2016_APPLICATION_ID = 'wsa-khw7gclz4';
export const OFFICE_2019_APPLICATION_ID = 'wsa-hvh179sq6';

/** vCPUs and memory per compute type ([AG] bundle-options), for the descriptions. */
const hardware: Partial<Record<Compute, string>> = {
  VALUE: '1 vCPU, 2GiB Memory',
  STANDARD: '2 vCPU, 4GiB Memory',
  PERFORMANCE: '2 vCPU, 8GiB Memory',
  POWER: '4 vCPU, 16GiB Memory',
  POWERPRO: '8 vCPU, 32GiB Memory',
  GENERALPURPOSE_4XLARGE: '16 vCPU, 64GiB Memory',
  GENERALPURPOSE_8XLARGE: '32 vCPU, 128GiB Memory',
  GRAPHICS: '8 vCPU, 15GiB Memory, 1 GPU, 4GiB Video Memory',
  GRAPHICS_G4DN: '4 vCPU, 16GiB Memory, 1 GPU, 16GiB Video Memory',
  GRAPHICSPRO_G4DN: '16 vCPU, 64GiB Memory, 1 GPU, 16GiB Video Memory',
};

interface CatalogEntry {
  id: string;
  imageId: string;
  name: string;
  experience: string;
  compute: Compute;
  root: number;
  user: number;
  os: OperatingSystemName;
  applications?: string[];
}

const entries: readonly CatalogEntry[] = [
  {
    id: 'wsb-b0s22j3d7',
    imageId: 'wsi-b0s22j3d7',
    name: 'Performance with Windows 7',
    experience: 'Windows 7 Experience provided by Windows Server 2008 R2',
    compute: 'PERFORMANCE',
    root: 80,
    user: 100,
    os: 'WINDOWS_7',
  },
  {
    id: 'wsb-bh8rsxt14',
    imageId: 'wsi-bh8rsxt14',
    name: 'Value with Windows 10 (English)',
    experience: 'Windows 10 Experience provided by Windows Server 2019',
    compute: 'VALUE',
    root: 80,
    user: 10,
    os: 'WINDOWS_SERVER_2019',
  },
  {
    id: 'wsb-clj85qzj1',
    imageId: 'wsi-clj85qzj1',
    name: 'Standard with Amazon Linux 2',
    experience: 'Amazon Linux 2',
    compute: 'STANDARD',
    root: 80,
    user: 50,
    os: 'AMAZON_LINUX_2',
  },
  {
    id: 'wsb-gm4d5tx2v',
    imageId: 'wsi-gm4d5tx2v',
    name: 'Performance with Windows 10 (Server 2016 based)',
    experience: 'Windows 10 Experience provided by Windows Server 2016',
    compute: 'PERFORMANCE',
    root: 80,
    user: 100,
    os: 'WINDOWS_SERVER_2016',
  },
  {
    id: 'wsb-2bs6k5lgn',
    imageId: 'wsi-2bs6k5lgn',
    name: 'Power with Amazon Linux 2',
    experience: 'Amazon Linux 2',
    compute: 'POWER',
    root: 175,
    user: 100,
    os: 'AMAZON_LINUX_2',
  },
  {
    id: 'wsb-03gyjnfyy',
    imageId: 'wsi-03gyjnfyy',
    name: 'Graphics with Windows 10 (Server 2019 based)',
    experience: 'Windows 10 Experience provided by Windows Server 2019',
    compute: 'GRAPHICS',
    root: 100,
    user: 100,
    os: 'WINDOWS_SERVER_2019',
  },
  {
    id: 'wsb-1pzkp0bx4',
    imageId: 'wsi-1pzkp0bx4',
    name: 'PowerPro with Windows 7',
    experience: 'Windows 7 Experience provided by Windows Server 2008 R2',
    compute: 'POWERPRO',
    root: 175,
    user: 100,
    os: 'WINDOWS_7',
  },
  {
    id: 'wsb-u22v4lue1',
    imageId: 'wsi-u22v4lue1',
    name: 'Value with Ubuntu 22.04',
    experience: 'Ubuntu 22.04',
    compute: 'VALUE',
    root: 80,
    user: 10,
    os: 'UBUNTU_22_04',
  },
  {
    id: 'wsb-u22st4nd2',
    imageId: 'wsi-u22st4nd2',
    name: 'Standard with Ubuntu 22.04',
    experience: 'Ubuntu 22.04',
    compute: 'STANDARD',
    root: 80,
    user: 50,
    os: 'UBUNTU_22_04',
  },
  {
    id: 'wsb-w19st4nd1',
    imageId: 'wsi-w19st4nd1',
    name: 'Standard with Windows 10 (Server 2019 based)',
    experience: 'Windows 10 Experience provided by Windows Server 2019',
    compute: 'STANDARD',
    root: 80,
    user: 50,
    os: 'WINDOWS_SERVER_2019',
  },
  {
    id: 'wsb-w19perf0x',
    imageId: 'wsi-w19perf0x',
    name: 'Performance with Windows 10 and Office 2019 Pro Plus (Server 2019 based)',
    experience: 'Windows 10 Experience provided by Windows Server 2019 with Office 2019 Pro Plus',
    compute: 'PERFORMANCE',
    root: 80,
    user: 100,
    os: 'WINDOWS_SERVER_2019',
    applications: [OFFICE_2019_APPLICATION_ID],
  },
  {
    id: 'wsb-w19st0x19',
    imageId: 'wsi-w19st0x19',
    name: 'Standard with Windows 10 and Office 2019 Pro Plus (Server 2019 based)',
    experience: 'Windows 10 Experience provided by Windows Server 2019 with Office 2019 Pro Plus',
    compute: 'STANDARD',
    root: 80,
    user: 50,
    os: 'WINDOWS_SERVER_2019',
    applications: [OFFICE_2019_APPLICATION_ID],
  },
  {
    id: 'wsb-w10v0x16a',
    imageId: 'wsi-w10v0x16a',
    name: 'Value with Windows 10 and Office 2016',
    experience: 'Windows 10 Experience with Office 2016 Professional Plus',
    compute: 'VALUE',
    root: 80,
    user: 10,
    os: 'WINDOWS_10',
    applications: [OFFICE_2016_APPLICATION_ID],
  },
  {
    id: 'wsb-w16st0x16',
    imageId: 'wsi-w16st0x16',
    name: 'Standard with Windows 10 and Office 2016 (Server 2016 based)',
    experience: 'Windows 10 Experience provided by Windows Server 2016 with Office 2016 Professional Plus',
    compute: 'STANDARD',
    root: 80,
    user: 50,
    os: 'WINDOWS_SERVER_2016',
    applications: [OFFICE_2016_APPLICATION_ID],
  },
  {
    id: 'wsb-w22perf01',
    imageId: 'wsi-w22perf01',
    name: 'Performance with Windows Server 2022',
    experience: 'Windows Server 2022',
    compute: 'PERFORMANCE',
    root: 80,
    user: 100,
    os: 'WINDOWS_SERVER_2022',
  },
  {
    id: 'wsb-w22p0wer1',
    imageId: 'wsi-w22p0wer1',
    name: 'Power with Windows Server 2022',
    experience: 'Windows Server 2022',
    compute: 'POWER',
    root: 175,
    user: 100,
    os: 'WINDOWS_SERVER_2022',
  },
  {
    id: 'wsb-w22ppr0x1',
    imageId: 'wsi-w22ppr0x1',
    name: 'PowerPro with Windows Server 2022',
    experience: 'Windows Server 2022',
    compute: 'POWERPRO',
    root: 175,
    user: 100,
    os: 'WINDOWS_SERVER_2022',
  },
  {
    id: 'wsb-w22gp4x01',
    imageId: 'wsi-w22gp4x01',
    name: 'GeneralPurpose.4xlarge with Windows Server 2022',
    experience: 'Windows Server 2022',
    compute: 'GENERALPURPOSE_4XLARGE',
    root: 175,
    user: 100,
    os: 'WINDOWS_SERVER_2022',
  },
  {
    id: 'wsb-w22g4dn01',
    imageId: 'wsi-w22g4dn01',
    name: 'Graphics.g4dn with Windows Server 2022',
    experience: 'Windows Server 2022',
    compute: 'GRAPHICS_G4DN',
    root: 100,
    user: 100,
    os: 'WINDOWS_SERVER_2022',
  },
];

function toBundle(entry: CatalogEntry): BundleRecord {
  return {
    BundleId: entry.id,
    Name: entry.name,
    Owner: 'Amazon',
    Description: `${entry.experience}, ${hardware[entry.compute] ?? entry.compute}, ${entry.user}GB Storage`,
    ImageId: entry.imageId,
    RootStorage: { Capacity: String(entry.root) },
    UserStorage: { Capacity: String(entry.user) },
    ComputeType: { Name: entry.compute },
    CreationTime: CATALOG_TIME,
    LastUpdatedTime: CATALOG_TIME,
    State: 'AVAILABLE',
    BundleType: 'REGULAR',
    OperatingSystemName: entry.os,
    ...(entry.applications === undefined ? {} : { ApplicationIds: entry.applications }),
  };
}

export const publicBundles: readonly BundleRecord[] = entries.map(toBundle);

const byId = new Map(publicBundles.map((b) => [b.BundleId, b]));

export function findPublicBundle(bundleId: string): BundleRecord | undefined {
  return byId.get(bundleId);
}
