// How each resource is kept in the store: its wire shape with timestamps as epoch milliseconds,
// plus internal fields the wire never shows (the serializer only writes members the output shape names).
import type {
  ClientProperties,
  OperatingSystemName,
  Protocol,
  Workspace,
  WorkspaceBundle,
  WorkspaceDirectory,
  WorkspaceDirectoryState,
  WorkspaceImage,
  WorkspaceImageState,
  WorkspaceState,
} from '../model/generated/types.js';

export interface DirectoryRecord extends WorkspaceDirectory {
  DirectoryId: string;
  State: WorkspaceDirectoryState;
  RegisteredAt: number;
  /** Set by ModifyClientProperties; read by DescribeClientProperties. */
  ClientProperties?: ClientProperties;
}

export interface BundleRecord extends Omit<WorkspaceBundle, 'LastUpdatedTime' | 'CreationTime'> {
  BundleId: string;
  ImageId: string;
  CreationTime: number;
  LastUpdatedTime: number;
  /** Bundles have no OS on the wire; WorkSpaces launched from them take this one. */
  OperatingSystemName: OperatingSystemName;
  /** Public bundles only: the applications their image ships with (e.g. Office in "Plus" bundles). */
  ApplicationIds?: string[];
  /** Public bundles only: the streaming protocol the bundle is made for; WorkSpaces launched from it use it. */
  Protocols?: Protocol[];
  /** Deleted while WorkSpaces still use it: in the delete queue until the last of them is terminated. */
  DeletionQueued?: true;
}

export interface WorkspaceRecord extends Workspace {
  WorkspaceId: string;
  DirectoryId: string;
  UserName: string;
  BundleId: string;
  State: WorkspaceState;
  CreatedAt: number;
  /** The image the WorkSpace was launched from (its bundle's image at launch time). */
  ImageId: string;
  /** The state to return to when an UPDATING/SUSPENDED phase ends. */
  ResumeState?: WorkspaceState;
}

export interface ImageRecord extends Omit<WorkspaceImage, 'Created'> {
  ImageId: string;
  Name: string;
  State: WorkspaceImageState;
  Created: number;
  OwnerAccountId: string;
  OperatingSystemName: OperatingSystemName;
  /** Volume sizes of the WorkSpace the image was made from; bundles cannot be smaller. */
  RootVolumeSizeGib: number;
  UserVolumeSizeGib: number;
}

export const toDate = (ms: number): Date => new Date(ms);
