// Deployment faults: chosen application deployments end in ERROR with a given AssociationErrorCode.
import type { DeploymentFailure } from '../domain/application-rules.js';
import type { AssociationErrorCode } from '../model/generated/types.js';
import type { Scope, Store } from '../store/types.js';
import { type DeploymentFault, type FaultRecord, isActive, matchesScope, takeOldest } from './records.js';

/** One application of one WorkSpace being taken into a deployment. */
export interface DeploymentTarget {
  scope: Scope;
  workspaceId: string;
  applicationId: string;
}

export const deploymentMessages: Readonly<Record<AssociationErrorCode, string>> = {
  'ValidationError.InsufficientDiskSpace':
    'There is not enough free space on the root volume to install the application.',
  'ValidationError.InsufficientMemory': 'The WorkSpace does not have enough memory to run the application.',
  'ValidationError.UnsupportedOperatingSystem':
    'The application does not support the operating system of the WorkSpace.',
  'ValidationError.ApplicationOldVersionExists': 'An older version of the application is installed on the WorkSpace.',
  'DeploymentError.InternalServerError': 'The deployment failed because of an internal error.',
  'DeploymentError.WorkspaceUnreachable': 'The WorkSpace could not be reached during the deployment.',
};

function matches(fault: FaultRecord, target: DeploymentTarget): fault is DeploymentFault {
  return (
    fault.kind === 'deployment' &&
    isActive(fault) &&
    matchesScope(fault, target.scope) &&
    (fault.workspaceId === undefined || fault.workspaceId === target.workspaceId) &&
    (fault.applicationId === undefined || fault.applicationId === target.applicationId)
  );
}

/** The failure the oldest matching fault imposes on this deployment, counting it as fired. */
export function takeDeploymentFault(
  store: Store,
  now: number,
  target: DeploymentTarget,
): DeploymentFailure | undefined {
  const { scope, workspaceId, applicationId } = target;
  const applies = (f: FaultRecord): f is DeploymentFault => matches(f, target);
  const fault = takeOldest(store, now, scope, `${workspaceId}/${applicationId}`, applies);
  return fault && { ErrorCode: fault.errorCode as AssociationErrorCode, ErrorMessage: fault.errorMessage };
}
