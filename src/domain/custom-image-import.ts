// The newer BYOL image import (ImportCustomWorkspaceImage) as the emulator keeps it: the import record beside the
// image it produces, the request checks, the ARNs the caller must own, and the record → wire projection.
import { nodeCrypto } from '../lazy-crypto.js';
import type {
  CustomImageProtocol,
  CustomWorkspaceImageImportState,
  DescribeCustomWorkspaceImageImportResult,
  ImageComputeType,
  ImageSourceIdentifier,
  ImportCustomWorkspaceImageRequest,
  OperatingSystemName,
  OSVersion,
} from '../model/generated/types.js';
import type { Scope } from '../store/types.js';
import { toDate } from './records.js';

export interface CustomImageImportRecord {
  ImageId: string;
  InfrastructureConfigurationArn: string;
  State: CustomWorkspaceImageImportState;
  Created: number;
  LastUpdatedTime: number;
  ImageSource: ImageSourceIdentifier;
  ImageBuilderInstanceId?: string;
  ComputeType: ImageComputeType;
  Protocol: CustomImageProtocol;
  OsVersion: OSVersion;
  /** When the build (IN_PROGRESS) began: progress counts from here. */
  BuildStartedAt?: number;
}

export const importedOperatingSystem = (version: OSVersion): OperatingSystemName =>
  version === 'Windows_11' ? 'WINDOWS_11' : 'WINDOWS_10';

/** What AWS would refuse in the request itself (InvalidParameterValuesException), or undefined. ImageSource is a
 * union: the validator already insists on exactly one source. */
export function importRequestProblem(input: ImportCustomWorkspaceImageRequest): string | undefined {
  if (input.OsVersion === 'Windows_11' && input.Protocol === 'PCOIP') {
    return 'Windows 11 does not support the PCOIP protocol. Choose DCV or BYOP.';
  }
  return undefined;
}

/** Whether an EC2 Image Builder ARN (arn:partition:imagebuilder:region:account:…) belongs to this account and Region. */
export function isOwnArn(arn: string, scope: Scope): boolean {
  const [, , , region, account] = arn.split(':');
  return region === scope.region && account === scope.account;
}

/** The build instance's id, derived from the image so it never changes: `i-` and 17 hex digits. */
export function builderInstanceId(scope: Scope, imageId: string): string {
  const hex = nodeCrypto()
    .createHash('sha256')
    .update(`${scope.account}/${scope.region}/${imageId}/builder`)
    .digest('hex');
  return `i-${hex.slice(0, 17)}`;
}

const stateMessages: Partial<Record<CustomWorkspaceImageImportState, string>> = {
  PENDING: 'The image import is queued.',
  IN_PROGRESS: 'EC2 Image Builder is building and validating the image.',
  COMPLETED: 'The image was imported and is available.',
};

/** 0 while queued, 100 when done; in between, the share of the build time already spent (never 100 early). */
function progressOf(record: CustomImageImportRecord, now: number, completesAt: number | undefined): number {
  if (record.State === 'COMPLETED') return 100;
  if (record.State !== 'IN_PROGRESS' || record.BuildStartedAt === undefined || completesAt === undefined) return 0;
  const total = completesAt - record.BuildStartedAt;
  if (total <= 0) return 99;
  return Math.min(99, Math.floor(((now - record.BuildStartedAt) / total) * 100));
}

export function toWireImport(
  record: CustomImageImportRecord,
  now: number,
  completesAt: number | undefined,
): DescribeCustomWorkspaceImageImportResult {
  const message = stateMessages[record.State];
  return {
    ImageId: record.ImageId,
    InfrastructureConfigurationArn: record.InfrastructureConfigurationArn,
    State: record.State,
    ...(message === undefined ? {} : { StateMessage: message }),
    ProgressPercentage: progressOf(record, now, completesAt),
    Created: toDate(record.Created),
    LastUpdatedTime: toDate(record.LastUpdatedTime),
    ImageSource: record.ImageSource,
    ...(record.ImageBuilderInstanceId === undefined ? {} : { ImageBuilderInstanceId: record.ImageBuilderInstanceId }),
  };
}
