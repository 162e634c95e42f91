// The public (AMAZON-owned) bundle catalog as data, with where each id comes from: the one file to edit when AWS's
// catalog changes. public-bundles.ts turns each row into a bundle record; docs/behaviour/bundles.md lists the sources.
import type { Compute, OperatingSystemName } from '../model/generated/types.js';

/**
 * Where a row's id (and name) is published (docs/behaviour/bundles.md cites each):
 * - `us-west-2-list`: a public AWS CDK construct's table of every AMAZON bundle id of us-west-2 with its compute
 *   type, operating system, protocol and minimum volumes (from `describe-workspace-bundles --owner AMAZON`);
 * - `terraform`: hashicorp/terraform-provider-aws, the aws_workspaces_bundle data source docs and tests;
 * - `aws-cli`: aws/aws-cli, awscli/examples/workspaces/describe-workspace-bundles.rst;
 * - `synthetic`: not public, a stand-in id of the emulator.
 */
export type CatalogSource = 'us-west-2-list' | 'terraform' | 'aws-cli' | 'synthetic';

/** An operating system as bundle names spell it, and what WorkSpaces launched from the bundle report. */
interface OsEntry {
  label: string;
  experience: string;
  os: OperatingSystemName;
}

const windowsOn = (server: string, experience = 'Windows 10'): OsEntry => ({
  label: `${experience} (Server ${server} based)`,
  experience: `${experience} Experience provided by Windows Server ${server}`,
  os: `WINDOWS_SERVER_${server}` as OperatingSystemName,
});

export const operatingSystems = {
  w10: { label: 'Windows 10', experience: 'Windows 10 Experience', os: 'WINDOWS_10' },
  w7: { label: 'Windows 7', experience: 'Windows 7 Experience provided by Windows Server 2008 R2', os: 'WINDOWS_7' },
  w10en: {
    label: 'Windows 10 (English)',
    experience: 'Windows 10 Experience provided by Windows Server 2019',
    os: 'WINDOWS_SERVER_2019',
  },
  w2016: windowsOn('2016'),
  w2019: windowsOn('2019'),
  w2022: windowsOn('2022'),
  w2025: {
    label: 'Windows (Server 2025 based)',
    experience: 'Windows Experience provided by Windows Server 2025',
    os: 'WINDOWS_SERVER_2025',
  },
  ws2022: { label: 'Windows Server 2022', experience: 'Windows Server 2022', os: 'WINDOWS_SERVER_2022' },
  ws2025: { label: 'Windows Server 2025', experience: 'Windows Server 2025', os: 'WINDOWS_SERVER_2025' },
  al2: { label: 'Amazon Linux 2', experience: 'Amazon Linux 2', os: 'AMAZON_LINUX_2' },
  ubuntu22: { label: 'Ubuntu 22.04', experience: 'Ubuntu 22.04', os: 'UBUNTU_22_04' },
  rhel8: { label: 'Red Hat Enterprise Linux 8', experience: 'Red Hat Enterprise Linux 8', os: 'RHEL_8' },
  rocky8: { label: 'Rocky Linux 8', experience: 'Rocky Linux 8', os: 'ROCKY_8' },
} as const satisfies Record<string, OsEntry>;

export type OsKey = keyof typeof operatingSystems;

/** How bundle names spell each compute type. */
export const computeLabels: Readonly<Partial<Record<Compute, string>>> = {
  VALUE: 'Value',
  STANDARD: 'Standard',
  PERFORMANCE: 'Performance',
  POWER: 'Power',
  POWERPRO: 'PowerPro',
  GENERALPURPOSE_4XLARGE: 'GeneralPurpose.4xlarge',
  GENERALPURPOSE_8XLARGE: 'GeneralPurpose.8xlarge',
  GRAPHICS: 'Graphics',
  GRAPHICS_G4DN: 'Graphics.g4dn',
  GRAPHICSPRO_G4DN: 'GraphicsPro.g4dn',
  GRAPHICS_G6_XLARGE: 'Graphics.g6.xlarge',
  GRAPHICS_G6_2XLARGE: 'Graphics.g6.2xlarge',
  GRAPHICS_G6_4XLARGE: 'Graphics.g6.4xlarge',
  GRAPHICS_G6_8XLARGE: 'Graphics.g6.8xlarge',
  GRAPHICS_G6_16XLARGE: 'Graphics.g6.16xlarge',
  GRAPHICS_GR6_4XLARGE: 'Graphics.gr6.4xlarge',
  GRAPHICS_GR6_8XLARGE: 'Graphics.gr6.8xlarge',
  GRAPHICS_G6F_LARGE: 'Graphics.g6f.large',
  GRAPHICS_G6F_XLARGE: 'Graphics.g6f.xlarge',
  GRAPHICS_G6F_2XLARGE: 'Graphics.g6f.2xlarge',
  GRAPHICS_G6F_4XLARGE: 'Graphics.g6f.4xlarge',
  GRAPHICS_GR6F_4XLARGE: 'Graphics.gr6f.4xlarge',
};

/** The streaming protocol a bundle's name carries, when it names one; WorkSpaces launched from it use it. */
export type BundleProtocol = 'PCoIP' | 'WSP';

export interface CatalogRow {
  id: string;
  compute: Compute;
  os: OsKey;
  protocol?: BundleProtocol;
  source: CatalogSource;
  /** The whole name, where the source spells one the pattern "<compute> with <OS> (<protocol>)" does not give. */
  name?: string;
  /** The whole description, where the source spells one. */
  description?: string;
  /** Office "Plus" bundles: the application their image ships with. */
  office?: '2016' | '2019';
}

/** Root/user GB of the public bundles by compute type (the us-west-2 list's minimums). */
export const volumesOf = (compute: Compute): [number, number] => {
  if (compute === 'VALUE') return [80, 10];
  if (compute === 'STANDARD') return [80, 50];
  if (compute === 'PERFORMANCE') return [80, 100];
  if (compute.startsWith('GRAPHICS')) return graphicsVolumes[compute] ?? [100, 100];
  return [175, 100];
};

const graphicsVolumes: Partial<Record<Compute, [number, number]>> = {
  GRAPHICS_G6_2XLARGE: [150, 100],
  GRAPHICS_G6F_2XLARGE: [150, 100],
  GRAPHICS_G6_4XLARGE: [200, 150],
  GRAPHICS_G6F_4XLARGE: [200, 150],
  GRAPHICS_G6_8XLARGE: [250, 200],
  GRAPHICS_GR6_4XLARGE: [250, 200],
  GRAPHICS_GR6F_4XLARGE: [250, 200],
  GRAPHICS_G6_16XLARGE: [300, 200],
  GRAPHICS_GR6_8XLARGE: [300, 200],
};

const L = 'us-west-2-list' as const;
const row = (
  id: string,
  compute: Compute,
  os: OsKey,
  protocol?: BundleProtocol,
  source: CatalogSource = L,
): CatalogRow => ({ id, compute, os, source, ...(protocol !== undefined && { protocol }) });

/** Every public bundle, in listing order. Windows 10 pairs of one compute type: the first PCoIP, the second WSP. */
export const catalogRows: readonly CatalogRow[] = [
  // Ids and names from the Terraform provider and the AWS CLI examples, still named in public configurations.
  {
    id: 'wsb-b0s22j3d7',
    compute: 'PERFORMANCE',
    os: 'w7',
    source: 'terraform',
    description: 'Windows 7 Experience provided by Windows Server 2008 R2, 2 vCPU, 7.5GiB Memory, 100GB Storage',
  },
  row('wsb-bh8rsxt14', 'VALUE', 'w10en', undefined, 'terraform'),
  row('wsb-clj85qzj1', 'STANDARD', 'al2', undefined, 'aws-cli'),
  row('wsb-gm4d5tx2v', 'PERFORMANCE', 'w2016', undefined, 'aws-cli'),
  row('wsb-2bs6k5lgn', 'POWER', 'al2', undefined, 'aws-cli'),
  row('wsb-03gyjnfyy', 'GRAPHICS', 'w2019', undefined, 'aws-cli'),
  row('wsb-1pzkp0bx4', 'POWERPRO', 'w7', undefined, 'aws-cli'),
  // Value
  row('wsb-4qyzfv08r', 'VALUE', 'w2016', 'WSP'),
  row('wsb-fb2xfp6r8', 'VALUE', 'w2019'),
  row('wsb-dv5v4v37h', 'VALUE', 'w2019', 'WSP'),
  row('wsb-xnp4cfzht', 'VALUE', 'ubuntu22'),
  row('wsb-hflmxmbbz', 'VALUE', 'rhel8'),
  row('wsb-2144yld8f', 'VALUE', 'rocky8'),
  // Standard
  row('wsb-362t3gdrt', 'STANDARD', 'w2016'),
  row('wsb-8vbljg4r6', 'STANDARD', 'w2016', 'WSP'),
  row('wsb-gk1wpk43z', 'STANDARD', 'w2019'),
  row('wsb-6cbvhvv9f', 'STANDARD', 'w2019', 'WSP'),
  row('wsb-5rldsz4nl', 'STANDARD', 'w2022', 'PCoIP'),
  row('wsb-93xk71ss4', 'STANDARD', 'w2022', 'WSP'),
  row('wsb-82dpmqfgh', 'STANDARD', 'w2025'),
  row('wsb-xc4r8gyxq', 'STANDARD', 'ws2025'),
  row('wsb-g5rbnq51n', 'STANDARD', 'ubuntu22'),
  row('wsb-8wthbqzhx', 'STANDARD', 'rhel8'),
  row('wsb-djp2k6jxl', 'STANDARD', 'rocky8'),
  // Performance
  row('wsb-b9jc2fhhl', 'PERFORMANCE', 'w2016', 'WSP'),
  row('wsb-fn373c5rw', 'PERFORMANCE', 'w2019'),
  row('wsb-55rrhyyg1', 'PERFORMANCE', 'w2019', 'WSP'),
  row('wsb-39nl99v7l', 'PERFORMANCE', 'w2022', 'PCoIP'),
  row('wsb-gqbt42cw7', 'PERFORMANCE', 'w2022', 'WSP'),
  row('wsb-vz2zm0x4t', 'PERFORMANCE', 'w2025'),
  row('wsb-2jhz9mqw3', 'PERFORMANCE', 'ws2025'),
  row('wsb-208l8k46h', 'PERFORMANCE', 'ubuntu22'),
  row('wsb-5s0yn651c', 'PERFORMANCE', 'rhel8'),
  row('wsb-b1rv0gp2f', 'PERFORMANCE', 'rocky8'),
  // Power
  row('wsb-drh4m5c2r', 'POWER', 'w2016'),
  row('wsb-w42vs8svd', 'POWER', 'w2016', 'WSP'),
  row('wsb-v6727whq5', 'POWER', 'w2019'),
  row('wsb-g72p36ch9', 'POWER', 'w2019', 'WSP'),
  row('wsb-6gkrxc3bt', 'POWER', 'w2022', 'PCoIP'),
  row('wsb-1bpbv1wvn', 'POWER', 'w2022', 'WSP'),
  row('wsb-379lp03xq', 'POWER', 'w2025'),
  row('wsb-ct90qd4gc', 'POWER', 'ws2025'),
  row('wsb-397hxf1ww', 'POWER', 'ubuntu22'),
  row('wsb-w8yg9jx6t', 'POWER', 'rhel8'),
  row('wsb-jdk1hz784', 'POWER', 'rocky8'),
  // PowerPro
  row('wsb-f5g1109b5', 'POWERPRO', 'w2016'),
  row('wsb-g0xb96cdv', 'POWERPRO', 'w2016', 'WSP'),
  row('wsb-bf5th9f2y', 'POWERPRO', 'w2019'),
  row('wsb-fx3bdyds8', 'POWERPRO', 'w2019', 'WSP'),
  row('wsb-h5bkw8r9g', 'POWERPRO', 'w2022', 'PCoIP'),
  row('wsb-b1gz69yyy', 'POWERPRO', 'w2022', 'WSP'),
  row('wsb-g3tfzb764', 'POWERPRO', 'w2025'),
  row('wsb-x34h3nyhx', 'POWERPRO', 'ws2025'),
  row('wsb-8w32qplfk', 'POWERPRO', 'ubuntu22'),
  row('wsb-93t018t5q', 'POWERPRO', 'rhel8'),
  row('wsb-3v313gvgc', 'POWERPRO', 'rocky8'),
  // GeneralPurpose
  row('wsb-09fdsggz9', 'GENERALPURPOSE_4XLARGE', 'w2022', 'PCoIP'),
  row('wsb-hm0vlpb03', 'GENERALPURPOSE_4XLARGE', 'w2022', 'WSP'),
  row('wsb-dh0nvlcl4', 'GENERALPURPOSE_4XLARGE', 'w2025'),
  row('wsb-56fmtckz3', 'GENERALPURPOSE_4XLARGE', 'ws2025'),
  row('wsb-c75338755', 'GENERALPURPOSE_8XLARGE', 'w2022', 'PCoIP'),
  row('wsb-6x9zq3bdm', 'GENERALPURPOSE_8XLARGE', 'w2022', 'WSP'),
  row('wsb-0kbt5v92k', 'GENERALPURPOSE_8XLARGE', 'w2025'),
  row('wsb-vbb86nv06', 'GENERALPURPOSE_8XLARGE', 'ws2025'),
  // Graphics.g4dn and GraphicsPro.g4dn
  row('wsb-96qtqtx65', 'GRAPHICS_G4DN', 'w2019'),
  row('wsb-g6cfwkdpz', 'GRAPHICS_G4DN', 'w2022', 'PCoIP'),
  row('wsb-xyv83v8b5', 'GRAPHICS_G4DN', 'w2022', 'WSP'),
  row('wsb-jvqm8w0vx', 'GRAPHICS_G4DN', 'w2025'),
  row('wsb-fg6yf2z1c', 'GRAPHICS_G4DN', 'ws2025'),
  row('wsb-dxtj45vgn', 'GRAPHICS_G4DN', 'ubuntu22'),
  row('wsb-jgx0cjr8w', 'GRAPHICSPRO_G4DN', 'w2019'),
  row('wsb-84jf7dff4', 'GRAPHICSPRO_G4DN', 'w2022', 'PCoIP'),
  row('wsb-7pjns70jq', 'GRAPHICSPRO_G4DN', 'w2022', 'WSP'),
  row('wsb-5p7wdkt3q', 'GRAPHICSPRO_G4DN', 'w2025'),
  row('wsb-7ydfx2ff9', 'GRAPHICSPRO_G4DN', 'ws2025'),
  row('wsb-c9zmpvd8q', 'GRAPHICSPRO_G4DN', 'ubuntu22'),
  // Graphics G6 family (WSP only)
  row('wsb-9k115ynj8', 'GRAPHICS_G6_XLARGE', 'ws2022', 'WSP'),
  row('wsb-wyrhw4ckb', 'GRAPHICS_G6_XLARGE', 'ws2025', 'WSP'),
  row('wsb-k978cqs7w', 'GRAPHICS_G6_2XLARGE', 'ws2022', 'WSP'),
  row('wsb-23fv3gm1c', 'GRAPHICS_G6_2XLARGE', 'ws2025', 'WSP'),
  row('wsb-9zg6r5j55', 'GRAPHICS_G6_4XLARGE', 'ws2022', 'WSP'),
  row('wsb-4f5fsw3x2', 'GRAPHICS_G6_4XLARGE', 'ws2025', 'WSP'),
  row('wsb-cd6bk703l', 'GRAPHICS_G6_8XLARGE', 'ws2022', 'WSP'),
  row('wsb-4ld2n6ghx', 'GRAPHICS_G6_8XLARGE', 'ws2025', 'WSP'),
  row('wsb-8b24qtqvz', 'GRAPHICS_G6_16XLARGE', 'ws2022', 'WSP'),
  row('wsb-xky6ck4d8', 'GRAPHICS_G6_16XLARGE', 'ws2025', 'WSP'),
  row('wsb-5mpqp50vv', 'GRAPHICS_GR6_4XLARGE', 'ws2022', 'WSP'),
  row('wsb-cfjzmh1dw', 'GRAPHICS_GR6_4XLARGE', 'ws2025', 'WSP'),
  row('wsb-7vyww6ccb', 'GRAPHICS_GR6_8XLARGE', 'ws2022', 'WSP'),
  row('wsb-4nqlpghrb', 'GRAPHICS_GR6_8XLARGE', 'ws2025', 'WSP'),
  row('wsb-5y4c790py', 'GRAPHICS_G6F_LARGE', 'ws2022', 'WSP'),
  row('wsb-9q8j0h5xy', 'GRAPHICS_G6F_LARGE', 'ws2025', 'WSP'),
  row('wsb-5zbz21dp9', 'GRAPHICS_G6F_XLARGE', 'ws2022', 'WSP'),
  row('wsb-k4zkh7wl2', 'GRAPHICS_G6F_XLARGE', 'ws2025', 'WSP'),
  row('wsb-hx1rshk4r', 'GRAPHICS_G6F_2XLARGE', 'ws2022', 'WSP'),
  row('wsb-g2qdnz9s2', 'GRAPHICS_G6F_2XLARGE', 'ws2025', 'WSP'),
  row('wsb-0fgmwf9zb', 'GRAPHICS_G6F_4XLARGE', 'ws2022', 'WSP'),
  row('wsb-5kc7mpz0h', 'GRAPHICS_G6F_4XLARGE', 'ws2025', 'WSP'),
  row('wsb-g1gsvq9cj', 'GRAPHICS_GR6F_4XLARGE', 'ws2022', 'WSP'),
  row('wsb-vrlc2fkbd', 'GRAPHICS_GR6F_4XLARGE', 'ws2025', 'WSP'),
  // Office "Plus" bundles: their ids are not public. The Terraform docs name "Value with Windows 10 and Office 2016".
  {
    id: 'wsb-w10v0x16a',
    compute: 'VALUE',
    os: 'w10',
    source: 'synthetic',
    name: 'Value with Windows 10 and Office 2016',
    office: '2016',
  },
  {
    id: 'wsb-w16st0x16',
    compute: 'STANDARD',
    os: 'w2016',
    source: 'synthetic',
    name: 'Standard with Windows 10 and Office 2016 (Server 2016 based)',
    office: '2016',
  },
  {
    id: 'wsb-w19st0x19',
    compute: 'STANDARD',
    os: 'w2019',
    source: 'synthetic',
    name: 'Standard with Windows 10 and Office 2019 Pro Plus (Server 2019 based)',
    office: '2019',
  },
  {
    id: 'wsb-w19perf0x',
    compute: 'PERFORMANCE',
    os: 'w2019',
    source: 'synthetic',
    name: 'Performance with Windows 10 and Office 2019 Pro Plus (Server 2019 based)',
    office: '2019',
  },
];
