// Unit tests of the application rules: catalog facts, compatibility, the state machine and the disk-space rule.
import { describe, expect, it } from 'vitest';
import {
  associateOutcome,
  canManageApplications,
  countsTowardCompatibility,
  deploymentStart,
  describeConflict,
  disassociateOutcome,
  diskSpaceFailures,
  findConflict,
  findConflictWith,
  finishedState,
  isDeploying,
  isInstallable,
  OS_FOOTPRINT_GIB,
  runningState,
  supportsCompute,
  supportsOperatingSystem,
  UNINSTALL_ERROR,
  wireState,
} from './application-rules.js';
import {
  APPLICATION_IDS,
  applicationCatalog,
  type CatalogApplication,
  findApplication,
} from './applications-catalog.js';
import { isLinux } from './operating-systems.js';

const app = (id: string): CatalogApplication => {
  const found = findApplication(id);
  if (!found) throw new Error(`no catalog application ${id}`);
  return found;
};

const office2016 = app(APPLICATION_IDS.office2016);
const office2019 = app(APPLICATION_IDS.office2019);
const officePro = app(APPLICATION_IDS.officeProPlus2021);
const officeStd = app(APPLICATION_IDS.officeStandard2021);
const visioPro = app(APPLICATION_IDS.visioPro2021);
const visioStd = app(APPLICATION_IDS.visioStandard2021);
const projectPro = app(APPLICATION_IDS.projectPro2021);
const vsPro = app(APPLICATION_IDS.visualStudioPro2022);
const vsEnt = app(APPLICATION_IDS.visualStudioEnterprise2022);

describe('the application catalog', () => {
  it('lists ten AMAZON applications ordered by id, each with an id of the model pattern', () => {
    expect(applicationCatalog).toHaveLength(10);
    const ids = applicationCatalog.map((a) => a.ApplicationId);
    expect(ids).toEqual([...ids].sort());
    for (const a of applicationCatalog) {
      expect(a.ApplicationId).toMatch(/^wsa-[0-9a-z]{9}$/);
      expect(a.Owner).toBe('AMAZON');
      expect(a.LicenseType).toBe('LICENSED');
    }
  });

  it('keeps the public ids of Office 2016 and 2019 and makes them uninstall-only', () => {
    expect(office2016).toMatchObject({ Name: 'Microsoft Office Professional Plus 2016', State: 'UNINSTALL_ONLY' });
    expect(office2019).toMatchObject({ Name: 'Microsoft Office Professional Plus 2019', State: 'UNINSTALL_ONLY' });
    expect(isInstallable(office2016)).toBe(false);
    expect(isInstallable(officePro)).toBe(true);
  });

  it('follows the operating-system table of the admin guide', () => {
    expect(supportsOperatingSystem(office2016, 'WINDOWS_SERVER_2016')).toBe(true);
    expect(supportsOperatingSystem(officePro, 'WINDOWS_SERVER_2016')).toBe(false);
    expect(supportsOperatingSystem(officePro, 'WINDOWS_SERVER_2019')).toBe(true);
    expect(supportsOperatingSystem(vsPro, 'WINDOWS_SERVER_2019')).toBe(false);
    expect(supportsOperatingSystem(vsPro, 'WINDOWS_SERVER_2022')).toBe(true);
    expect(supportsOperatingSystem(vsPro, undefined)).toBe(false);
  });

  it('keeps 2021 applications off Value and Graphics, and Visual Studio off Standard too', () => {
    expect(supportsCompute(officePro, 'VALUE')).toBe(false);
    expect(supportsCompute(officePro, 'GRAPHICSPRO')).toBe(false);
    expect(supportsCompute(officePro, 'STANDARD')).toBe(true);
    expect(supportsCompute(officePro, 'GRAPHICS_G6_XLARGE')).toBe(true);
    expect(supportsCompute(vsPro, 'STANDARD')).toBe(false);
    expect(supportsCompute(vsPro, 'PERFORMANCE')).toBe(true);
    expect(supportsCompute(office2016, 'VALUE')).toBe(true);
    expect(supportsCompute(office2016, 'GRAPHICS_G6_XLARGE')).toBe(false);
  });
});

describe('WorkSpace preconditions', () => {
  it('treats Amazon Linux, Ubuntu, RHEL and Rocky as Linux and Windows as not', () => {
    for (const os of ['AMAZON_LINUX_2', 'UBUNTU_22_04', 'RHEL_8', 'ROCKY_8'] as const) expect(isLinux(os)).toBe(true);
    for (const os of ['WINDOWS_10', 'WINDOWS_SERVER_2022'] as const) expect(isLinux(os)).toBe(false);
  });

  it('manages applications only on AVAILABLE or STOPPED WorkSpaces', () => {
    expect(canManageApplications('AVAILABLE')).toBe(true);
    expect(canManageApplications('STOPPED')).toBe(true);
    for (const state of ['PENDING', 'UPDATING', 'REBOOTING', 'SUSPENDED', 'ERROR'] as const) {
      expect(canManageApplications(state)).toBe(false);
    }
  });
});

describe('the association state machine', () => {
  it('creates on associate from nothing or REMOVED, reverts a pending uninstall, refuses the rest', () => {
    expect(associateOutcome(undefined)).toBe('CREATE');
    expect(associateOutcome('REMOVED')).toBe('CREATE');
    expect(associateOutcome('PENDING_UNINSTALL_DEPLOYMENT')).toBe('REVERT_UNINSTALL');
    for (const s of ['PENDING_INSTALL_DEPLOYMENT', 'COMPLETED', 'ERROR', UNINSTALL_ERROR]) {
      expect(associateOutcome(s)).toBe('ALREADY_ASSOCIATED');
    }
    for (const s of ['PENDING_INSTALL', 'INSTALLING', 'PENDING_UNINSTALL', 'UNINSTALLING']) {
      expect(associateOutcome(s)).toBe('DEPLOYING');
    }
  });

  it('drops a never-installed association on disassociate and queues an uninstall only for installed ones', () => {
    expect(disassociateOutcome(undefined)).toBe('NOT_ASSOCIATED');
    expect(disassociateOutcome('REMOVED')).toBe('NOT_ASSOCIATED');
    expect(disassociateOutcome('PENDING_INSTALL_DEPLOYMENT')).toBe('DROP_NOT_INSTALLED');
    expect(disassociateOutcome('ERROR')).toBe('DROP_NOT_INSTALLED');
    expect(disassociateOutcome('PENDING_UNINSTALL_DEPLOYMENT')).toBe('UNCHANGED');
    for (const s of ['COMPLETED', UNINSTALL_ERROR]) expect(disassociateOutcome(s)).toBe('QUEUE_UNINSTALL');
    expect(disassociateOutcome('INSTALLING')).toBe('DEPLOYING');
  });

  it('deploys pending associations, and failed ones only with Force, in the direction that failed', () => {
    expect(deploymentStart('PENDING_INSTALL_DEPLOYMENT', false)).toBe('PENDING_INSTALL');
    expect(deploymentStart('PENDING_UNINSTALL_DEPLOYMENT', false)).toBe('PENDING_UNINSTALL');
    expect(deploymentStart('ERROR', false)).toBeUndefined();
    expect(deploymentStart('ERROR', true)).toBe('PENDING_INSTALL');
    expect(deploymentStart(UNINSTALL_ERROR, true)).toBe('PENDING_UNINSTALL');
    expect(deploymentStart('COMPLETED', true)).toBeUndefined();
    expect(deploymentStart('REMOVED', true)).toBeUndefined();
  });

  it('runs pending steps and finishes them in COMPLETED, REMOVED or a failure', () => {
    expect(runningState('PENDING_INSTALL')).toBe('INSTALLING');
    expect(runningState('PENDING_UNINSTALL')).toBe('UNINSTALLING');
    expect(runningState('COMPLETED')).toBeUndefined();
    expect(finishedState('INSTALLING', false)).toBe('COMPLETED');
    expect(finishedState('INSTALLING', true)).toBe('ERROR');
    expect(finishedState('UNINSTALLING', false)).toBe('REMOVED');
    expect(finishedState('UNINSTALLING', true)).toBe(UNINSTALL_ERROR);
    expect(finishedState('PENDING_INSTALL', false)).toBeUndefined();
  });

  it('shows both kinds of failure as ERROR on the wire', () => {
    expect(wireState(UNINSTALL_ERROR)).toBe('ERROR');
    expect(wireState('ERROR')).toBe('ERROR');
    expect(wireState('COMPLETED')).toBe('COMPLETED');
  });

  it('knows which states belong to a running deployment', () => {
    expect(['PENDING_INSTALL', 'INSTALLING', 'PENDING_UNINSTALL', 'UNINSTALLING'].every(isDeploying)).toBe(true);
    expect(['PENDING_INSTALL_DEPLOYMENT', 'COMPLETED', 'ERROR', 'REMOVED'].some(isDeploying)).toBe(false);
  });
});

describe('incompatible applications', () => {
  it('counts present and incoming applications but not those being removed', () => {
    for (const s of ['PENDING_INSTALL_DEPLOYMENT', 'INSTALLING', 'COMPLETED', 'ERROR']) {
      expect(countsTowardCompatibility(s)).toBe(true);
    }
    for (const s of ['PENDING_UNINSTALL_DEPLOYMENT', 'UNINSTALLING', 'REMOVED', UNINSTALL_ERROR]) {
      expect(countsTowardCompatibility(s)).toBe(false);
    }
  });

  it('refuses mixed editions of Office, Visio and Project', () => {
    const conflict = findConflictWith(visioStd, [officePro]);
    expect(conflict?.rule).toBe('EDITION');
    expect(describeConflict(conflict as NonNullable<typeof conflict>)).toBe(
      'Microsoft Visio LTSC Standard 2021 is not compatible with Microsoft Office LTSC Professional Plus 2021: ' +
        'Office, Visio and Project on one WorkSpace must share one edition.',
    );
  });

  it('refuses mixed versions, e.g. Office 2019 with Project 2021', () => {
    expect(findConflictWith(projectPro, [office2019])?.rule).toBe('VERSION');
    expect(findConflictWith(office2019, [office2016])?.rule).toBe('VERSION');
  });

  it('refuses two Office suites and two Visual Studio editions', () => {
    expect(findConflictWith(officeStd, [officePro])?.rule).toBe('EDITION');
    expect(findConflictWith(vsEnt, [vsPro])?.rule).toBe('ONE_VISUAL_STUDIO');
  });

  it('accepts one edition and version of Office, Visio and Project together with Visual Studio', () => {
    expect(findConflict([officePro, visioPro, projectPro, vsPro])).toBeUndefined();
    expect(findConflict([officePro, visioPro, visioStd])).toMatchObject({ first: officePro, second: visioStd });
  });
});

describe('the disk-space rule', () => {
  it('leaves 20 GB on an 80 GB root volume: Visual Studio alone fits, as does Office', () => {
    expect(OS_FOOTPRINT_GIB).toBe(60);
    expect(diskSpaceFailures(80, [], [officePro]).size).toBe(0);
    expect(diskSpaceFailures(80, [], [vsPro]).size).toBe(0);
    expect(diskSpaceFailures(80, [], [officePro, visioPro, projectPro]).size).toBe(0);
  });

  it('charges installed applications and earlier installs of the same deployment', () => {
    // 80 GB root: 20 free; Visual Studio takes 18, so Office (4) no longer fits.
    expect(diskSpaceFailures(80, [], [vsPro, officePro]).get(officePro.ApplicationId)).toEqual({
      ErrorCode: 'ValidationError.InsufficientDiskSpace',
      ErrorMessage:
        'Microsoft Office LTSC Professional Plus 2021 needs 4 GB of free space on the root volume; 2 GB is free.',
    });
    // Office already installed leaves 16 → Visual Studio fails.
    expect(diskSpaceFailures(80, [officePro], [vsPro]).has(vsPro.ApplicationId)).toBe(true);
    // 86 GB root: 26 free; Visual Studio takes 18, Office 4, Visio 4 fits exactly, then Project does not.
    const failures = diskSpaceFailures(86, [], [vsPro, officePro, visioPro, projectPro]);
    expect([...failures.keys()]).toEqual([projectPro.ApplicationId]);
    expect(diskSpaceFailures(175, [], [vsPro, officePro, visioPro, projectPro]).size).toBe(0);
  });
});
