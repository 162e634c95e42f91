// What each operation is authorized against, from the Service Authorization Reference for Amazon WorkSpaces
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonworkspaces.html): the resource types
// of its action, where the request names each resource, and the other actions the call also authorizes.
import type { OperationName } from '../model/generated/operations.js';

/** The Reference's resource type names. */
export type ResourceType =
  | 'workspaceid'
  | 'workspacebundle'
  | 'workspaceimage'
  | 'directoryid'
  | 'workspaceapplication'
  | 'workspaceipgroup'
  | 'connectionalias'
  | 'workspacespool';

/** Where a request names resource ids. */
export type IdSource =
  /** A top-level string member. */
  | { readonly member: string }
  /** A top-level list of strings. */
  | { readonly list: string }
  /** A string member of each structure in a top-level list. */
  | { readonly list: string; readonly member: string }
  /** The resource the call creates: its id does not exist yet, so the ARN ends in `*`. */
  | 'new';

export interface ResourceRef {
  readonly type: ResourceType;
  readonly ids: IdSource;
  /** A member naming the Region the resource lives in, when it is not the caller's (CopyWorkspaceImage). */
  readonly regionMember?: string;
}

export interface OperationAccess {
  /** Resource types of the action; none means the action authorizes against `*`. */
  readonly resources: readonly ResourceRef[];
  /** Other actions the Reference maps the operation to, each checked against its own resources. */
  readonly alsoActions?: readonly OperationName[];
  /** Where tags for the new resource go: when any are given, workspaces:CreateTags is authorized too. */
  readonly creationTags?: IdSource;
}

const none: OperationAccess = { resources: [] };
const one = (type: ResourceType, member: string): ResourceRef => ({ type, ids: { member } });
const each = (type: ResourceType, list: string, member?: string): ResourceRef => ({
  type,
  ids: member === undefined ? { list } : { list, member },
});
const created = (type: ResourceType): ResourceRef => ({ type, ids: 'new' });
const TAGS: IdSource = { member: 'Tags' };

export const operationAccess: Readonly<Record<OperationName, OperationAccess>> = {
  AcceptAccountLinkInvitation: none,
  AssociateConnectionAlias: { resources: [one('connectionalias', 'AliasId'), one('directoryid', 'ResourceId')] },
  AssociateIpGroups: { resources: [one('directoryid', 'DirectoryId'), each('workspaceipgroup', 'GroupIds')] },
  AssociateWorkspaceApplication: {
    resources: [one('workspaceapplication', 'ApplicationId'), one('workspaceid', 'WorkspaceId')],
  },
  AuthorizeIpRules: { resources: [one('workspaceipgroup', 'GroupId')], alsoActions: ['UpdateRulesOfIpGroup'] },
  CopyWorkspaceImage: {
    resources: [{ type: 'workspaceimage', ids: { member: 'SourceImageId' }, regionMember: 'SourceRegion' }],
    alsoActions: ['DescribeWorkspaceImages'],
    creationTags: TAGS,
  },
  CreateAccountLinkInvitation: none,
  CreateConnectClientAddIn: { resources: [one('directoryid', 'ResourceId')] },
  CreateConnectionAlias: { resources: [], creationTags: TAGS },
  CreateIpGroup: { resources: [], creationTags: TAGS },
  CreateStandbyWorkspaces: {
    resources: [each('directoryid', 'StandbyWorkspaces', 'DirectoryId'), created('workspaceid')],
    alsoActions: ['DescribeWorkspaces'],
    creationTags: { list: 'StandbyWorkspaces', member: 'Tags' },
  },
  CreateTags: none,
  CreateUpdatedWorkspaceImage: { resources: [one('workspaceimage', 'SourceImageId')], creationTags: TAGS },
  CreateWorkspaceBundle: {
    resources: [created('workspacebundle'), one('workspaceimage', 'ImageId')],
    creationTags: TAGS,
  },
  CreateWorkspaceImage: {
    resources: [one('workspaceid', 'WorkspaceId'), created('workspaceimage')],
    creationTags: TAGS,
  },
  CreateWorkspaces: {
    resources: [
      each('directoryid', 'Workspaces', 'DirectoryId'),
      each('workspacebundle', 'Workspaces', 'BundleId'),
      created('workspaceid'),
    ],
    creationTags: { list: 'Workspaces', member: 'Tags' },
  },
  CreateWorkspacesPool: {
    resources: [one('directoryid', 'DirectoryId'), one('workspacebundle', 'BundleId'), created('workspacespool')],
    creationTags: TAGS,
  },
  DeleteAccountLinkInvitation: none,
  DeleteClientBranding: { resources: [one('directoryid', 'ResourceId')] },
  DeleteConnectClientAddIn: { resources: [one('directoryid', 'ResourceId')] },
  DeleteConnectionAlias: { resources: [one('connectionalias', 'AliasId')] },
  DeleteIpGroup: { resources: [one('workspaceipgroup', 'GroupId')] },
  DeleteTags: none,
  DeleteWorkspaceBundle: { resources: [one('workspacebundle', 'BundleId')] },
  DeleteWorkspaceImage: { resources: [one('workspaceimage', 'ImageId')] },
  DeployWorkspaceApplications: { resources: [one('workspaceid', 'WorkspaceId')] },
  DeregisterWorkspaceDirectory: { resources: [one('directoryid', 'DirectoryId')] },
  DescribeAccount: none,
  DescribeAccountModifications: none,
  DescribeApplicationAssociations: { resources: [one('workspaceapplication', 'ApplicationId')] },
  DescribeApplications: none,
  DescribeBundleAssociations: { resources: [one('workspacebundle', 'BundleId')] },
  DescribeClientBranding: { resources: [one('directoryid', 'ResourceId')] },
  DescribeClientProperties: { resources: [each('directoryid', 'ResourceIds')] },
  DescribeConnectClientAddIns: { resources: [one('directoryid', 'ResourceId')] },
  DescribeConnectionAliasPermissions: { resources: [one('connectionalias', 'AliasId')] },
  DescribeConnectionAliases: none,
  DescribeCustomWorkspaceImageImport: none,
  DescribeImageAssociations: { resources: [one('workspaceimage', 'ImageId')] },
  DescribeIpGroups: { resources: [each('workspaceipgroup', 'GroupIds')] },
  DescribeTags: none,
  DescribeWorkspaceAssociations: { resources: [one('workspaceid', 'WorkspaceId')] },
  DescribeWorkspaceBundles: none,
  DescribeWorkspaceDirectories: none,
  DescribeWorkspaceImagePermissions: { resources: [one('workspaceimage', 'ImageId')] },
  DescribeWorkspaceImages: none,
  DescribeWorkspaceSnapshots: { resources: [one('workspaceid', 'WorkspaceId')] },
  DescribeWorkspaces: none,
  DescribeWorkspacesConnectionStatus: none,
  DescribeWorkspacesPoolSessions: { resources: [one('workspacespool', 'PoolId')] },
  DescribeWorkspacesPools: none,
  DisassociateConnectionAlias: { resources: [one('connectionalias', 'AliasId')] },
  DisassociateIpGroups: { resources: [one('directoryid', 'DirectoryId'), each('workspaceipgroup', 'GroupIds')] },
  DisassociateWorkspaceApplication: {
    resources: [one('workspaceapplication', 'ApplicationId'), one('workspaceid', 'WorkspaceId')],
  },
  GetAccountLink: none,
  ImportClientBranding: { resources: [one('directoryid', 'ResourceId')] },
  ImportCustomWorkspaceImage: { resources: [], creationTags: TAGS },
  ImportWorkspaceImage: { resources: [], creationTags: TAGS },
  ListAccountLinks: none,
  ListAvailableManagementCidrRanges: none,
  MigrateWorkspace: { resources: [one('workspacebundle', 'BundleId'), one('workspaceid', 'SourceWorkspaceId')] },
  ModifyAccount: none,
  ModifyCertificateBasedAuthProperties: { resources: [one('directoryid', 'ResourceId')] },
  ModifyClientProperties: { resources: [one('directoryid', 'ResourceId')] },
  ModifyEndpointEncryptionMode: { resources: [one('directoryid', 'DirectoryId')] },
  ModifySamlProperties: { resources: [one('directoryid', 'ResourceId')] },
  ModifySelfservicePermissions: { resources: [one('directoryid', 'ResourceId')] },
  ModifyStreamingProperties: { resources: [one('directoryid', 'ResourceId')] },
  ModifyWorkspaceAccessProperties: { resources: [one('directoryid', 'ResourceId')] },
  // The Reference also lists iam:PassRole (condition iam:PassedToService); no request of this operation passes a role.
  ModifyWorkspaceCreationProperties: { resources: [one('directoryid', 'ResourceId')] },
  ModifyWorkspaceProperties: { resources: [one('workspaceid', 'WorkspaceId')] },
  ModifyWorkspaceState: { resources: [one('workspaceid', 'WorkspaceId')] },
  RebootWorkspaces: { resources: [each('workspaceid', 'RebootWorkspaceRequests', 'WorkspaceId')] },
  RebuildWorkspaces: { resources: [each('workspaceid', 'RebuildWorkspaceRequests', 'WorkspaceId')] },
  RegisterWorkspaceDirectory: { resources: [one('directoryid', 'DirectoryId')], creationTags: TAGS },
  RejectAccountLinkInvitation: none,
  RestoreWorkspace: { resources: [one('workspaceid', 'WorkspaceId')] },
  RevokeIpRules: { resources: [one('workspaceipgroup', 'GroupId')], alsoActions: ['UpdateRulesOfIpGroup'] },
  StartWorkspaces: { resources: [each('workspaceid', 'StartWorkspaceRequests', 'WorkspaceId')] },
  StartWorkspacesPool: { resources: [one('workspacespool', 'PoolId')] },
  StopWorkspaces: { resources: [each('workspaceid', 'StopWorkspaceRequests', 'WorkspaceId')] },
  StopWorkspacesPool: { resources: [one('workspacespool', 'PoolId')] },
  TerminateWorkspaces: { resources: [each('workspaceid', 'TerminateWorkspaceRequests', 'WorkspaceId')] },
  TerminateWorkspacesPool: { resources: [one('workspacespool', 'PoolId')] },
  TerminateWorkspacesPoolSession: none,
  UpdateConnectClientAddIn: { resources: [one('directoryid', 'ResourceId')] },
  UpdateConnectionAliasPermission: { resources: [one('connectionalias', 'AliasId')] },
  UpdateRulesOfIpGroup: {
    resources: [one('workspaceipgroup', 'GroupId')],
    alsoActions: ['AuthorizeIpRules', 'RevokeIpRules'],
  },
  UpdateWorkspaceBundle: { resources: [one('workspacebundle', 'BundleId'), one('workspaceimage', 'ImageId')] },
  UpdateWorkspaceImagePermission: { resources: [one('workspaceimage', 'ImageId')] },
  UpdateWorkspacesPool: { resources: [one('workspacespool', 'PoolId')] },
};
