// A registered directory as the emulator builds it: AWS's default properties, and the Directory Service side
// (type, name, DNS, subnets) from the declared directory, with what it leaves out made up deterministically from the id.
import { nodeCrypto } from '../lazy-crypto.js';
import type {
  ClientProperties,
  RegisterWorkspaceDirectoryRequest,
  SelfservicePermissions,
  WorkspaceAccessProperties,
  WorkspaceDirectoryType,
} from '../model/generated/types.js';
import type { Scope } from '../store/types.js';
import type { DeclaredDirectory, DirectoryServiceType } from './directory-service.js';
import type { DirectoryRecord } from './records.js';

/** The stored document: the wire shape plus the client settings DescribeClientProperties reports
 * (absent on directories written by other means, which then report the defaults). */
export interface StoredDirectory extends DirectoryRecord {
  ClientProperties?: ClientProperties;
}

/** What a registration resolved to before anything is stored. */
export interface DirectoryOrigin {
  directoryId: string;
  /** The AWS Directory Service directory (`d-`); absent for one WorkSpaces creates (`wsd-`). */
  service?: DeclaredDirectory;
}

/**
 * WorkSpaces' DirectoryType for each Directory Service type. The model's enum has no value for AWS Managed Microsoft
 * AD (chosen: MICROSOFT_AD); shared directories cannot be registered, so they never reach a record.
 */
const workspacesDirectoryType: Readonly<Record<DirectoryServiceType, string>> = {
  SIMPLE_AD: 'SIMPLE_AD',
  AD_CONNECTOR: 'AD_CONNECTOR',
  MICROSOFT_AD: 'MICROSOFT_AD',
  SHARED_MICROSOFT_AD: 'MICROSOFT_AD',
};
const DEFAULT_RELAY_STATE_PARAMETER = 'RelayState';
/** Remember-me and client log upload are on by default. */
export const DEFAULT_CLIENT_PROPERTIES: Readonly<ClientProperties> = {
  ReconnectEnabled: 'ENABLED',
  LogUploadEnabled: 'ENABLED',
};

/** Airport codes AWS puts in registration codes (e.g. `SLiad+S393HD` in us-east-1). */
const regionCodes: Readonly<Record<string, string>> = {
  'us-east-1': 'iad',
  'us-west-2': 'pdx',
  'ca-central-1': 'yul',
  'sa-east-1': 'gru',
  'eu-west-1': 'dub',
  'eu-west-2': 'lhr',
  'eu-west-3': 'cdg',
  'eu-central-1': 'fra',
  'ap-northeast-1': 'nrt',
  'ap-northeast-2': 'icn',
  'ap-southeast-1': 'sin',
  'ap-southeast-2': 'syd',
  'ap-south-1': 'bom',
  'af-south-1': 'cpt',
  'il-central-1': 'tlv',
  'us-gov-west-1': 'pdt',
  'us-gov-east-1': 'osu',
  'cn-northwest-1': 'zhy',
};

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** `suffix` is six random characters; the prefix names the Region the way AWS does. */
export function registrationCode(region: string, suffix: string): string {
  return `SL${regionCodes[region] ?? 'iad'}+${suffix.toUpperCase()}`;
}

/** Stable hex digits derived from the directory, so its made-up network identity never changes. */
function hexOf(scope: Scope, directoryId: string, purpose: string): string {
  return nodeCrypto()
    .createHash('sha256')
    .update(`${scope.account}/${scope.region}/${directoryId}/${purpose}`)
    .digest('hex');
}

function byteAt(hex: string, index: number): number {
  return Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
}

function simulatedSubnets(scope: Scope, directoryId: string): string[] {
  const hex = hexOf(scope, directoryId, 'subnets');
  return [`subnet-${hex.slice(0, 17)}`, `subnet-${hex.slice(17, 34)}`];
}

/** One DNS server in each of the directory's two subnets, as Simple AD runs them. */
function simulatedDnsAddresses(scope: Scope, directoryId: string): string[] {
  const hex = hexOf(scope, directoryId, 'dns');
  return [`10.0.1.${10 + (byteAt(hex, 0) % 240)}`, `10.0.2.${10 + (byteAt(hex, 1) % 240)}`];
}

function workspaceSecurityGroup(scope: Scope, directoryId: string): string {
  return `sg-${hexOf(scope, directoryId, 'security-group').slice(0, 17)}`;
}

/** AWS's defaults for a new directory (observed in the Terraform provider's acceptance tests). */
const defaultAccessProperties: WorkspaceAccessProperties = {
  DeviceTypeWindows: 'ALLOW',
  DeviceTypeOsx: 'ALLOW',
  DeviceTypeWeb: 'DENY',
  DeviceTypeIos: 'ALLOW',
  DeviceTypeAndroid: 'ALLOW',
  DeviceTypeChromeOs: 'ALLOW',
  DeviceTypeZeroClient: 'ALLOW',
  DeviceTypeLinux: 'DENY',
  DeviceTypeWorkSpacesThinClient: 'DENY',
};

/** Restarting is always allowed; the other self-service actions follow EnableSelfService. */
function defaultSelfservicePermissions(enableSelfService: boolean): SelfservicePermissions {
  const mode = enableSelfService ? 'ENABLED' : 'DISABLED';
  return {
    RestartWorkspace: 'ENABLED',
    IncreaseVolumeSize: mode,
    ChangeComputeType: mode,
    SwitchRunningMode: mode,
    RebuildWorkspace: mode,
  };
}

function directoryTypeOf(input: RegisterWorkspaceDirectoryRequest, origin: DirectoryOrigin): WorkspaceDirectoryType {
  if (origin.service) return workspacesDirectoryType[origin.service.Type] as WorkspaceDirectoryType;
  return input.UserIdentityType === 'AWS_IAM_IDENTITY_CENTER' ? 'AWS_IAM_IDENTITY_CENTER' : 'CUSTOMER_MANAGED';
}

/** The Directory Service half of the record: only `d-` directories have a domain, DNS servers and an admin. */
function directoryServiceFields(scope: Scope, service: DeclaredDirectory): Partial<DirectoryRecord> {
  return {
    Alias: service.Alias ?? service.DirectoryId,
    DirectoryName: service.DnsName,
    DnsIpAddresses: service.DnsIpAddresses ?? simulatedDnsAddresses(scope, service.DirectoryId),
    CustomerUserName: 'Administrator',
  };
}

/** Fields only a directory WorkSpaces creates itself (Pools, IAM Identity Center) carries. */
function workspacesManagedFields(input: RegisterWorkspaceDirectoryRequest): Partial<DirectoryRecord> {
  const fields: Partial<DirectoryRecord> = {};
  if (input.WorkspaceDirectoryName !== undefined) fields.WorkspaceDirectoryName = input.WorkspaceDirectoryName;
  if (input.WorkspaceDirectoryDescription !== undefined) {
    fields.WorkspaceDirectoryDescription = input.WorkspaceDirectoryDescription;
  }
  if (input.ActiveDirectoryConfig !== undefined) {
    fields.ActiveDirectoryConfig = input.ActiveDirectoryConfig;
    fields.DirectoryName = input.ActiveDirectoryConfig.DomainName;
  }
  if (input.IdcInstanceArn !== undefined) fields.IDCConfig = { InstanceArn: input.IdcInstanceArn };
  if (input.MicrosoftEntraConfig !== undefined) fields.MicrosoftEntraConfig = input.MicrosoftEntraConfig;
  return fields;
}

export interface NewDirectory {
  scope: Scope;
  origin: DirectoryOrigin;
  input: RegisterWorkspaceDirectoryRequest;
  registrationCode: string;
  now: number;
}

/** The REGISTERING record for a new registration, with every default AWS fills in. */
export function buildDirectory({ scope, origin, input, registrationCode, now }: NewDirectory): StoredDirectory {
  const { directoryId } = origin;
  const workspaceType = input.WorkspaceType ?? 'PERSONAL';
  const isPools = workspaceType === 'POOLS';
  return {
    DirectoryId: directoryId,
    ...(origin.service ? directoryServiceFields(scope, origin.service) : workspacesManagedFields(input)),
    RegistrationCode: registrationCode,
    SubnetIds: input.SubnetIds ?? origin.service?.SubnetIds ?? simulatedSubnets(scope, directoryId),
    IamRoleId: `arn:${partitionOf(scope.region)}:iam::${scope.account}:role/workspaces_DefaultRole`,
    DirectoryType: directoryTypeOf(input, origin),
    WorkspaceSecurityGroupId: workspaceSecurityGroup(scope, directoryId),
    State: 'REGISTERING',
    WorkspaceCreationProperties: {
      EnableInternetAccess: false,
      UserEnabledAsLocalAdministrator: !isPools,
      EnableMaintenanceMode: !isPools,
    },
    ipGroupIds: [],
    WorkspaceAccessProperties: { ...defaultAccessProperties },
    Tenancy: input.Tenancy ?? 'SHARED',
    ...(!isPools && { SelfservicePermissions: defaultSelfservicePermissions(input.EnableSelfService ?? false) }),
    SamlProperties: { Status: 'DISABLED', RelayStateParameterName: DEFAULT_RELAY_STATE_PARAMETER },
    CertificateBasedAuthProperties: { Status: 'DISABLED' },
    EndpointEncryptionMode: 'STANDARD_TLS',
    UserIdentityType: input.UserIdentityType ?? 'AWS_DIRECTORY_SERVICE',
    WorkspaceType: workspaceType,
    RegisteredAt: now,
    ClientProperties: { ...DEFAULT_CLIENT_PROPERTIES },
  };
}
