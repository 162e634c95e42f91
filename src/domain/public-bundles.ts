// The AMAZON-owned public bundles every account and Region sees, built from the catalog data
// (public-bundle-catalog.ts), with the images behind them.
import type { Compute, Protocol } from '../model/generated/types.js';
import { type CatalogRow, catalogRows, computeLabels, operatingSystems, volumesOf } from './public-bundle-catalog.js';
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

const officeNames = { '2016': 'Office 2016 Professional Plus', '2019': 'Office 2019 Pro Plus' } as const;
const officeIds = { '2016': OFFICE_2016_APPLICATION_ID, '2019': OFFICE_2019_APPLICATION_ID } as const;
const wireProtocols: Record<NonNullable<CatalogRow['protocol']>, Protocol> = { PCoIP: 'PCOIP', WSP: 'WSP' };

/** AWS's naming: "<compute> with <OS>", and " (<protocol>)" where the bundle exists for both protocols. */
function nameOf(row: CatalogRow): string {
  if (row.name !== undefined) return row.name;
  const protocol = row.protocol === undefined ? '' : ` (${row.protocol})`;
  return `${computeLabels[row.compute] ?? row.compute} with ${operatingSystems[row.os].label}${protocol}`;
}

function descriptionOf(row: CatalogRow, user: number): string {
  if (row.description !== undefined) return row.description;
  const office = row.office === undefined ? '' : ` with ${officeNames[row.office]}`;
  const machine = hardware[row.compute] ?? computeLabels[row.compute] ?? row.compute;
  return `${operatingSystems[row.os].experience}${office}, ${machine}, ${user}GB Storage`;
}

function toBundle(row: CatalogRow): BundleRecord {
  const [root, user] = volumesOf(row.compute);
  return {
    BundleId: row.id,
    Name: nameOf(row),
    Owner: 'Amazon',
    Description: descriptionOf(row, user),
    // Public images are not listed; each bundle names its own (chosen: `wsi-` + the bundle id's suffix).
    ImageId: `wsi-${row.id.slice('wsb-'.length)}`,
    RootStorage: { Capacity: String(root) },
    UserStorage: { Capacity: String(user) },
    ComputeType: { Name: row.compute },
    CreationTime: CATALOG_TIME,
    LastUpdatedTime: CATALOG_TIME,
    State: 'AVAILABLE',
    BundleType: 'REGULAR',
    OperatingSystemName: operatingSystems[row.os].os,
    ...(row.protocol !== undefined && { Protocols: [wireProtocols[row.protocol]] }),
    ...(row.office !== undefined && { ApplicationIds: [officeIds[row.office]] }),
  };
}

export const publicBundles: readonly BundleRecord[] = catalogRows.map(toBundle);

const byId = new Map(publicBundles.map((b) => [b.BundleId, b]));

export function findPublicBundle(bundleId: string): BundleRecord | undefined {
  return byId.get(bundleId);
}
