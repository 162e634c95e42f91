// The AWS-owned application catalog of "Manage applications" (shared/reference/application-management.md §2).
// Read-only data: add a row to offer another application (e.g. the 2024 LTSC family); ids never change between runs.
import type { Compute, OperatingSystemName, WorkSpaceApplication } from '../model/generated/types.js';
import { merged } from '../objects.js';

/** Products whose editions and versions must agree on one WorkSpace (§4). */
export type ApplicationFamily = 'OFFICE' | 'VISIO' | 'PROJECT' | 'VISUAL_STUDIO';
export type ApplicationEdition = 'STANDARD' | 'PROFESSIONAL' | 'ENTERPRISE';

export interface CatalogApplication extends Omit<WorkSpaceApplication, 'Created'> {
  ApplicationId: string;
  Name: string;
  Description: string;
  Owner: 'AMAZON';
  State: NonNullable<WorkSpaceApplication['State']>;
  LicenseType: NonNullable<WorkSpaceApplication['LicenseType']>;
  SupportedComputeTypeNames: Compute[];
  SupportedOperatingSystemNames: OperatingSystemName[];
  /** Epoch milliseconds. */
  Created: number;
  family: ApplicationFamily;
  edition: ApplicationEdition;
  version: string;
  /** Free root-volume space the installer needs, in GiB. */
  diskGib: number;
}

/** Compute types of the bundle families that shipped Office 2016/2019 "Plus" bundles (inferred). */
const LEGACY_COMPUTE: Compute[] = [
  'VALUE',
  'STANDARD',
  'PERFORMANCE',
  'POWER',
  'POWERPRO',
  'GRAPHICS',
  'GRAPHICSPRO',
  'GRAPHICS_G4DN',
  'GRAPHICSPRO_G4DN',
  'GENERALPURPOSE_4XLARGE',
  'GENERALPURPOSE_8XLARGE',
];

const G6_COMPUTE: Compute[] = [
  'GRAPHICS_G6_XLARGE',
  'GRAPHICS_G6_2XLARGE',
  'GRAPHICS_G6_4XLARGE',
  'GRAPHICS_G6_8XLARGE',
  'GRAPHICS_G6_16XLARGE',
  'GRAPHICS_GR6_4XLARGE',
  'GRAPHICS_GR6_8XLARGE',
  'GRAPHICS_G6F_LARGE',
  'GRAPHICS_G6F_XLARGE',
  'GRAPHICS_G6F_2XLARGE',
  'GRAPHICS_G6F_4XLARGE',
  'GRAPHICS_GR6F_4XLARGE',
];

const without = (list: readonly Compute[], excluded: readonly Compute[]): Compute[] =>
  list.filter((c) => !excluded.includes(c));

/** Office/Visio/Project 2021: not on Value, Graphics and GraphicsPro [AG-apps]. */
const COMPUTE_2021 = without([...LEGACY_COMPUTE, ...G6_COMPUTE], ['VALUE', 'GRAPHICS', 'GRAPHICSPRO']);
/** Visual Studio 2022: not on Value, Standard, Graphics and GraphicsPro [AG-apps]. */
const COMPUTE_VISUAL_STUDIO = without(COMPUTE_2021, ['STANDARD']);

const OS_2021: OperatingSystemName[] = ['WINDOWS_SERVER_2019', 'WINDOWS_SERVER_2022', 'WINDOWS_10', 'WINDOWS_11'];
const OS_VISUAL_STUDIO: OperatingSystemName[] = ['WINDOWS_SERVER_2022', 'WINDOWS_10', 'WINDOWS_11'];

const LAUNCH_2023 = Date.UTC(2023, 9, 5);
const LAUNCH_VISUAL_STUDIO = Date.UTC(2024, 3, 15);

const OFFICE_PRO_APPS = 'Word, Excel, PowerPoint, Outlook, OneNote, Access, Publisher';
const OFFICE_STANDARD_APPS = 'Word, Excel, PowerPoint, Outlook, OneNote, Publisher';

/** Well-known ids, for code and tests that name a specific application. */
export const APPLICATION_IDS = {
  office2016: 'wsa-khw7gclz4',
  office2019: 'wsa-hvh179sq6',
  officeProPlus2021: 'wsa-ofc21ppl1',
  officeStandard2021: 'wsa-ofc21std1',
  visioPro2021: 'wsa-vis21pro1',
  visioStandard2021: 'wsa-vis21std1',
  projectPro2021: 'wsa-prj21pro1',
  projectStandard2021: 'wsa-prj21std1',
  visualStudioPro2022: 'wsa-vsd22pro1',
  visualStudioEnterprise2022: 'wsa-vsd22ent1',
} as const;

type Row = Omit<CatalogApplication, 'Owner' | 'LicenseType'>;

const row2021 = (
  ApplicationId: string,
  Name: string,
  family: ApplicationFamily,
  edition: ApplicationEdition,
  Description: string,
): Row => ({
  ApplicationId,
  Name,
  Description,
  State: 'AVAILABLE',
  SupportedComputeTypeNames: COMPUTE_2021,
  SupportedOperatingSystemNames: OS_2021,
  Created: LAUNCH_2023,
  family,
  edition,
  version: '2021',
  diskGib: 4,
});

const rowVisualStudio = (ApplicationId: string, Name: string, edition: ApplicationEdition): Row => ({
  ApplicationId,
  Name,
  Description: 'Visual Studio IDE with the default workloads',
  State: 'AVAILABLE',
  SupportedComputeTypeNames: COMPUTE_VISUAL_STUDIO,
  SupportedOperatingSystemNames: OS_VISUAL_STUDIO,
  Created: LAUNCH_VISUAL_STUDIO,
  family: 'VISUAL_STUDIO',
  edition,
  version: '2022',
  // "Default workloads need 18 GB" [AG-apps].
  diskGib: 18,
});

const rows: Row[] = [
  {
    ApplicationId: APPLICATION_IDS.office2016,
    Name: 'Microsoft Office Professional Plus 2016',
    Description: OFFICE_PRO_APPS,
    State: 'UNINSTALL_ONLY',
    SupportedComputeTypeNames: LEGACY_COMPUTE,
    SupportedOperatingSystemNames: ['WINDOWS_SERVER_2016', 'WINDOWS_10', 'WINDOWS_11'],
    Created: LAUNCH_2023,
    family: 'OFFICE',
    edition: 'PROFESSIONAL',
    version: '2016',
    diskGib: 4,
  },
  {
    ApplicationId: APPLICATION_IDS.office2019,
    Name: 'Microsoft Office Professional Plus 2019',
    Description: OFFICE_PRO_APPS,
    State: 'UNINSTALL_ONLY',
    SupportedComputeTypeNames: LEGACY_COMPUTE,
    SupportedOperatingSystemNames: ['WINDOWS_SERVER_2019', 'WINDOWS_SERVER_2022', 'WINDOWS_10', 'WINDOWS_11'],
    Created: LAUNCH_2023,
    family: 'OFFICE',
    edition: 'PROFESSIONAL',
    version: '2019',
    diskGib: 4,
  },
  row2021(
    APPLICATION_IDS.officeProPlus2021,
    'Microsoft Office LTSC Professional Plus 2021',
    'OFFICE',
    'PROFESSIONAL',
    OFFICE_PRO_APPS,
  ),
  row2021(
    APPLICATION_IDS.officeStandard2021,
    'Microsoft Office LTSC Standard 2021',
    'OFFICE',
    'STANDARD',
    OFFICE_STANDARD_APPS,
  ),
  row2021(APPLICATION_IDS.visioPro2021, 'Microsoft Visio LTSC Professional 2021', 'VISIO', 'PROFESSIONAL', 'Visio'),
  row2021(APPLICATION_IDS.visioStandard2021, 'Microsoft Visio LTSC Standard 2021', 'VISIO', 'STANDARD', 'Visio'),
  row2021(APPLICATION_IDS.projectPro2021, 'Microsoft Project Professional 2021', 'PROJECT', 'PROFESSIONAL', 'Project'),
  row2021(APPLICATION_IDS.projectStandard2021, 'Microsoft Project Standard 2021', 'PROJECT', 'STANDARD', 'Project'),
  rowVisualStudio(APPLICATION_IDS.visualStudioPro2022, 'Microsoft Visual Studio Professional 2022', 'PROFESSIONAL'),
  rowVisualStudio(APPLICATION_IDS.visualStudioEnterprise2022, 'Microsoft Visual Studio Enterprise 2022', 'ENTERPRISE'),
];

/** Every catalog application, ordered by ApplicationId (the listing order of DescribeApplications). */
export const applicationCatalog: readonly CatalogApplication[] = rows
  .map((r): CatalogApplication => merged(r, { Owner: 'AMAZON', LicenseType: 'LICENSED' }))
  // Code-unit order: the same for these ASCII ids, without starting ICU's collator (10–20 ms of every cold start).
  .sort((a, b) => (a.ApplicationId < b.ApplicationId ? -1 : 1));

const byId = new Map(applicationCatalog.map((a) => [a.ApplicationId, a]));

export function findApplication(applicationId: string): CatalogApplication | undefined {
  return byId.get(applicationId);
}
