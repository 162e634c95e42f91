// Transition faults: a chosen asynchronous change ends the way AWS's can fail instead of succeeding. The table below
// is every transition a fault can reach, with its outcomes; docs/faults.md is generated from it.
import type { Scope, Store } from '../store/types.js';
import { type FaultRecord, isActive, matchesScope, type TransitionFault, takeOldest } from './records.js';

export interface TransitionSpec {
  /** The call that starts the change. */
  readonly operation: string;
  /** The state while it runs, and the state it reaches when it succeeds. */
  readonly from: string;
  readonly to: string;
  /** How a fault can make it end; the first is the default. */
  readonly outcomes: readonly string[];
  /** What else the failure fills in, in the model's member names. */
  readonly fills: string;
}

const workspaceError = 'ErrorCode, ErrorMessage';

export const transitionTable = {
  workspace: {
    create: {
      operation: 'CreateWorkspaces',
      from: 'PENDING',
      to: 'AVAILABLE',
      outcomes: ['ERROR', 'UNHEALTHY'],
      fills: `${workspaceError} (ERROR)`,
    },
    start: {
      operation: 'StartWorkspaces',
      from: 'STARTING',
      to: 'AVAILABLE',
      outcomes: ['ERROR', 'UNHEALTHY', 'STOPPED'],
      fills: '',
    },
    stop: { operation: 'StopWorkspaces', from: 'STOPPING', to: 'STOPPED', outcomes: ['ERROR', 'AVAILABLE'], fills: '' },
    reboot: {
      operation: 'RebootWorkspaces',
      from: 'REBOOTING',
      to: 'AVAILABLE',
      outcomes: ['ERROR', 'UNHEALTHY'],
      fills: '',
    },
    rebuild: {
      operation: 'RebuildWorkspaces',
      from: 'REBUILDING',
      to: 'AVAILABLE',
      outcomes: ['ERROR', 'UNHEALTHY'],
      fills: '',
    },
    restore: {
      operation: 'RestoreWorkspace',
      from: 'RESTORING',
      to: 'AVAILABLE',
      outcomes: ['ERROR', 'UNHEALTHY'],
      fills: '',
    },
    migrate: {
      operation: 'MigrateWorkspace',
      from: 'PENDING (the new WorkSpace)',
      to: 'AVAILABLE, the source terminated',
      outcomes: ['ERROR'],
      fills: `${workspaceError} on the new WorkSpace; the source stays as it was`,
    },
  },
  image: {
    create: {
      operation: 'CreateWorkspaceImage',
      from: 'PENDING',
      to: 'AVAILABLE',
      outcomes: ['ERROR'],
      fills: 'ErrorCode, ErrorMessage, ErrorDetails; the WorkSpace resumes',
    },
    copy: {
      operation: 'CopyWorkspaceImage',
      from: 'PENDING',
      to: 'AVAILABLE',
      outcomes: ['ERROR'],
      fills: 'ErrorCode, ErrorMessage, ErrorDetails',
    },
    import: {
      operation: 'ImportWorkspaceImage',
      from: 'PENDING',
      to: 'AVAILABLE',
      outcomes: ['ERROR'],
      fills: 'ErrorCode, ErrorMessage, ErrorDetails',
    },
    update: {
      operation: 'CreateUpdatedWorkspaceImage',
      from: 'PENDING',
      to: 'AVAILABLE',
      outcomes: ['ERROR'],
      fills: 'ErrorCode, ErrorMessage, ErrorDetails',
    },
  },
  directory: {
    register: {
      operation: 'RegisterWorkspaceDirectory',
      from: 'REGISTERING',
      to: 'REGISTERED',
      outcomes: ['ERROR'],
      fills: 'ErrorMessage',
    },
  },
  bundle: {
    create: { operation: 'CreateWorkspaceBundle', from: 'PENDING', to: 'AVAILABLE', outcomes: ['ERROR'], fills: '' },
    update: {
      operation: 'UpdateWorkspaceBundle',
      from: 'PENDING',
      to: 'AVAILABLE with the new image',
      outcomes: ['ERROR'],
      fills: 'the bundle keeps its previous image',
    },
  },
  pool: {
    start: {
      operation: 'StartWorkspacesPool',
      from: 'STARTING',
      to: 'RUNNING',
      outcomes: ['STOPPED'],
      fills: 'Errors (ErrorCode, ErrorMessage)',
    },
  },
} as const satisfies Record<string, Record<string, TransitionSpec>>;

export type FaultResource = keyof typeof transitionTable;

/** Id patterns of each resource, for the `id` selector. */
export const resourceIds: Readonly<Record<FaultResource, RegExp>> = {
  workspace: /^ws-[0-9a-z]{8,63}$/,
  image: /^wsi-[0-9a-z]{9,63}$/,
  directory: /^d-[0-9a-f]{8,63}$/,
  bundle: /^wsb-[0-9a-z]{8,63}$/,
  pool: /^wspool-[0-9a-z]{9}$/,
};

/** A change about to end: which resource, which change, where. */
export interface TransitionTarget<R extends FaultResource> {
  resource: R;
  transition: keyof (typeof transitionTable)[R] & string;
  scope: Scope;
  id: string;
}

const matches = (
  fault: FaultRecord,
  target: { resource: string; transition: string; scope: Scope; id: string },
): fault is TransitionFault =>
  fault.kind === 'transition' &&
  isActive(fault) &&
  fault.resource === target.resource &&
  fault.transition === target.transition &&
  (fault.id === undefined || fault.id === target.id) &&
  matchesScope(fault, target.scope);

/** The fault, oldest first, that makes this change fail, counted as fired; undefined: it succeeds. */
export function takeTransitionFault<R extends FaultResource>(
  store: Store,
  now: number,
  target: TransitionTarget<R>,
): TransitionFault | undefined {
  return takeOldest(store, now, target.scope, target.id, (f): f is TransitionFault => matches(f, target));
}

/**
 * What a failure says when the fault gives no text (chosen: AWS documents the members, e.g. Workspace.ErrorMessage
 * "The text of the error message that is returned if the WorkSpace cannot be created", not their values).
 */
export const failureDefaults = {
  workspace: {
    errorCode: 'InternalError',
    errorMessage: 'The WorkSpace could not be created because of an internal error.',
  },
  image: {
    errorCode: 'ImageCreationFailed',
    errorMessage: 'The image could not be created.',
    errorDetails: ['UnknownError'],
  },
  directory: { errorMessage: 'The directory could not be registered.' },
  pool: {
    errorCode: 'WORKSPACES_POOL_INSTANCE_PROVISIONING_FAILURE',
    errorMessage: 'The instances of the pool could not be provisioned.',
  },
} as const;
