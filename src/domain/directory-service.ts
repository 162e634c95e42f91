// The AWS Directory Service side the emulator plays: directories a test declares (type, stage, DNS name, subnets)
// and whether an account has the workspaces_DefaultRole IAM role. Undeclared `d-` ids stay Active Simple AD.
import type { Scope, Store } from '../store/types.js';

/** Directory Service's directory types (DirectoryType: SimpleAD, ADConnector, MicrosoftAD, SharedMicrosoftAD). */
export const directoryServiceTypes = ['SIMPLE_AD', 'AD_CONNECTOR', 'MICROSOFT_AD', 'SHARED_MICROSOFT_AD'] as const;
export type DirectoryServiceType = (typeof directoryServiceTypes)[number];

/** Directory Service's DirectoryStage values. */
export const directoryStages = [
  'Requested',
  'Creating',
  'Created',
  'Active',
  'Inoperable',
  'Impaired',
  'Restoring',
  'RestoreFailed',
  'Deleting',
  'Deleted',
  'Failed',
  'Updating',
] as const;
export type DirectoryStage = (typeof directoryStages)[number];

/** A declared Directory Service directory, as stored (kind `dsdirectory`, keyed by its id in its scope). */
export interface DeclaredDirectory {
  DirectoryId: string;
  Type: DirectoryServiceType;
  Stage: DirectoryStage;
  /** The fully qualified domain name, e.g. corp.example.com. */
  DnsName: string;
  /** Directory Service's access alias; the directory id when none was set. */
  Alias?: string;
  SubnetIds?: string[];
  DnsIpAddresses?: string[];
}

/** What an undeclared `d-` id is: an Active Simple AD with this domain. */
export const DEFAULT_DNS_NAME = 'corp.example.com';

const declared = (store: Store) => store.collection<DeclaredDirectory>('dsdirectory');

/** The Directory Service directory behind `directoryId`: the declared one, or the default Active Simple AD. */
export function directoryServiceDirectory(store: Store, scope: Scope, directoryId: string): DeclaredDirectory {
  return (
    declared(store).get(scope, directoryId) ?? {
      DirectoryId: directoryId,
      Type: 'SIMPLE_AD',
      Stage: 'Active',
      DnsName: DEFAULT_DNS_NAME,
    }
  );
}

// ---- the workspaces_DefaultRole IAM role ------------------------------------------------------------------------

/** IAM is global: the role's record lives in the account's `global` scope, never in a Region. */
export const IAM_REGION = 'global';
export const DEFAULT_ROLE_NAME = 'workspaces_DefaultRole';

/** Stored only while the role is missing: an account has it unless a test removed it. */
export interface DefaultRoleRecord {
  RoleName: typeof DEFAULT_ROLE_NAME;
  Exists: false;
}

const roles = (store: Store) => store.collection<DefaultRoleRecord>('iamrole');
const iamScope = (account: string): Scope => ({ account, region: IAM_REGION });

export function hasDefaultRole(store: Store, account: string): boolean {
  return roles(store).get(iamScope(account), DEFAULT_ROLE_NAME) === undefined;
}

export function setDefaultRole(store: Store, account: string, exists: boolean): void {
  if (exists) roles(store).delete(iamScope(account), DEFAULT_ROLE_NAME);
  else roles(store).put(iamScope(account), DEFAULT_ROLE_NAME, { RoleName: DEFAULT_ROLE_NAME, Exists: false });
}
