// Rules for registering a directory and changing its settings: which inputs go together, and how a change merges
// into what is stored. Modify* calls merge: members left out of the request keep their current value.
import { invalidParameter, operationNotSupported } from '../errors.js';
import type {
  CertificateBasedAuthProperties,
  ClientProperties,
  DefaultWorkspaceCreationProperties,
  DeletableCertificateBasedAuthProperty,
  DeletableSamlProperty,
  RegisterWorkspaceDirectoryRequest,
  SamlProperties,
  WorkspaceCreationProperties,
} from '../model/generated/types.js';
import { merged } from '../objects.js';
import type { StoredDirectory } from './directory-record.js';

/** Registration without a DirectoryId creates a `wsd-` directory for WorkSpaces Pools or IAM Identity Center. */
const membersNotWithDirectoryId = [
  'WorkspaceDirectoryName',
  'WorkspaceDirectoryDescription',
  'IdcInstanceArn',
  'MicrosoftEntraConfig',
  'ActiveDirectoryConfig',
] as const;

function checkDirectoryServiceRegistration(input: RegisterWorkspaceDirectoryRequest): void {
  if (input.WorkspaceType === 'POOLS') {
    throw invalidParameter('DirectoryId cannot be specified when WorkspaceType is POOLS.');
  }
  for (const member of membersNotWithDirectoryId) {
    if (input[member] !== undefined) throw invalidParameter(`${member} cannot be specified together with DirectoryId.`);
  }
  if (input.UserIdentityType !== undefined && input.UserIdentityType !== 'AWS_DIRECTORY_SERVICE') {
    throw invalidParameter('A directory registered by DirectoryId must use UserIdentityType AWS_DIRECTORY_SERVICE.');
  }
}

function checkPoolsRegistration(input: RegisterWorkspaceDirectoryRequest): void {
  if (input.UserIdentityType !== 'CUSTOMER_MANAGED') {
    throw invalidParameter('A WorkSpaces Pools directory requires UserIdentityType CUSTOMER_MANAGED.');
  }
  if (input.IdcInstanceArn !== undefined || input.MicrosoftEntraConfig !== undefined) {
    throw invalidParameter(
      'IdcInstanceArn and MicrosoftEntraConfig are not supported for WorkSpaces Pools directories.',
    );
  }
}

function checkIdentityCenterRegistration(input: RegisterWorkspaceDirectoryRequest): void {
  if (input.UserIdentityType !== 'AWS_IAM_IDENTITY_CENTER' || input.IdcInstanceArn === undefined) {
    throw invalidParameter(
      'A WorkSpaces Personal directory without DirectoryId requires UserIdentityType AWS_IAM_IDENTITY_CENTER and an IdcInstanceArn.',
    );
  }
  if (input.ActiveDirectoryConfig !== undefined) {
    throw invalidParameter('ActiveDirectoryConfig is supported only for WorkSpaces Pools directories.');
  }
}

function checkWorkspacesManagedRegistration(input: RegisterWorkspaceDirectoryRequest): void {
  if (input.WorkspaceDirectoryName === undefined) {
    throw invalidParameter('Either DirectoryId or WorkspaceDirectoryName must be specified.');
  }
  if (input.WorkspaceDirectoryDescription === undefined) {
    throw invalidParameter('WorkspaceDirectoryDescription is required when no DirectoryId is specified.');
  }
  if (input.SubnetIds === undefined) {
    throw invalidParameter('SubnetIds are required when no DirectoryId is specified.');
  }
  if (input.WorkspaceType === 'POOLS') checkPoolsRegistration(input);
  else checkIdentityCenterRegistration(input);
}

/** Throws InvalidParameterValuesException / OperationNotSupportedException for inputs AWS would refuse. */
export function checkRegistration(input: RegisterWorkspaceDirectoryRequest): void {
  if (input.DirectoryId === undefined) checkWorkspacesManagedRegistration(input);
  else checkDirectoryServiceRegistration(input);
  const subnets = input.SubnetIds ?? [];
  if (new Set(subnets).size !== subnets.length) {
    throw operationNotSupported('The subnets must be in different Availability Zones.');
  }
}

const isPools = (directory: StoredDirectory) => directory.WorkspaceType === 'POOLS';

/** "OU=value,DC=value,DC=value" with two or more domain components (model documentation of DefaultOu). */
const distinguishedName = /^OU=[^,]+(,OU=[^,]+)*(,DC=[^,]+){2,}$/i;

function checkCreationProperties(directory: StoredDirectory, change: WorkspaceCreationProperties): void {
  if (change.DefaultOu !== undefined && change.DefaultOu !== '' && !distinguishedName.test(change.DefaultOu)) {
    throw invalidParameter(
      `The DefaultOu '${change.DefaultOu}' is not valid. Use the form OU=value,DC=value,DC=value with two or more domain components.`,
    );
  }
  if (!isPools(directory)) return;
  if (change.UserEnabledAsLocalAdministrator === true) {
    throw operationNotSupported('UserEnabledAsLocalAdministrator is not supported for WorkSpaces Pools directories.');
  }
  if (change.EnableMaintenanceMode === true) {
    throw operationNotSupported('EnableMaintenanceMode is not supported for WorkSpaces Pools directories.');
  }
  if (change.DefaultOu && directory.ActiveDirectoryConfig === undefined) {
    throw invalidParameter(
      'DefaultOu can be set for a WorkSpaces Pools directory only when it has an ActiveDirectoryConfig.',
    );
  }
}

/** An empty DefaultOu clears it. */
export function mergeCreationProperties(
  directory: StoredDirectory,
  change: WorkspaceCreationProperties,
): DefaultWorkspaceCreationProperties {
  checkCreationProperties(directory, change);
  const next: DefaultWorkspaceCreationProperties = merged(directory.WorkspaceCreationProperties ?? {}, change);
  if (next.DefaultOu === '') delete next.DefaultOu;
  return next;
}

export function checkSelfserviceAllowed(directory: StoredDirectory): void {
  if (isPools(directory)) {
    throw operationNotSupported('Self-service permissions are not supported for WorkSpaces Pools directories.');
  }
}

const clientExperiencePolicies = ['FORCE_CLASSIC', 'FORCE_UI_2026', 'USER_CHOICE'];

export function mergeClientProperties(current: ClientProperties, change: ClientProperties): ClientProperties {
  const policy = change.ClientExperiencePolicy;
  if (policy !== undefined && !clientExperiencePolicies.includes(policy)) {
    throw invalidParameter(`ClientExperiencePolicy must be one of ${clientExperiencePolicies.join(', ')}.`);
  }
  return merged(current, change);
}

const isSamlEnabled = (saml: SamlProperties | undefined) => saml?.Status !== undefined && saml.Status !== 'DISABLED';

export function mergeSamlProperties(
  current: SamlProperties | undefined,
  change: SamlProperties | undefined,
  deletions: readonly DeletableSamlProperty[] | undefined,
): SamlProperties {
  const next: SamlProperties = merged(current ?? {}, change ?? {});
  if (deletions?.includes('SAML_PROPERTIES_USER_ACCESS_URL')) delete next.UserAccessUrl;
  if (deletions?.includes('SAML_PROPERTIES_RELAY_STATE_PARAMETER_NAME')) delete next.RelayStateParameterName;
  if (isSamlEnabled(next) && next.UserAccessUrl === undefined) {
    throw invalidParameter('SAML 2.0 authentication cannot be enabled without a UserAccessUrl.');
  }
  return next;
}

export function mergeCertificateBasedAuthProperties(
  directory: StoredDirectory,
  change: CertificateBasedAuthProperties | undefined,
  deletions: readonly DeletableCertificateBasedAuthProperty[] | undefined,
): CertificateBasedAuthProperties {
  const next: CertificateBasedAuthProperties = merged(directory.CertificateBasedAuthProperties ?? {}, change ?? {});
  if (deletions?.includes('CERTIFICATE_BASED_AUTH_PROPERTIES_CERTIFICATE_AUTHORITY_ARN')) {
    delete next.CertificateAuthorityArn;
  }
  if (next.Status !== 'ENABLED') return next;
  if (next.CertificateAuthorityArn === undefined) {
    throw invalidParameter('Certificate-based authentication cannot be enabled without a CertificateAuthorityArn.');
  }
  if (!isSamlEnabled(directory.SamlProperties)) {
    throw operationNotSupported(
      'Certificate-based authentication requires SAML 2.0 authentication to be enabled for the directory.',
    );
  }
  return next;
}
