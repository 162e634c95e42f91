// Which lifecycle action a WorkSpace accepts in which state (the model's documentation of each operation), and the
// per-request failure AWS reports otherwise. The codes are not public: ours are documented in docs/behaviour.
import type { ConnectionState, WorkspaceState } from '../model/generated/types.js';
import { isModifying, type WorkspaceDoc } from './workspace-doc.js';
import type { Refusal } from './workspace-properties.js';

export type WorkspaceAction = 'start' | 'stop' | 'reboot' | 'rebuild' | 'restore' | 'terminate';

const allowedStates: Record<Exclude<WorkspaceAction, 'terminate'>, readonly WorkspaceState[]> = {
  start: ['STOPPED'],
  stop: ['AVAILABLE', 'IMPAIRED', 'UNHEALTHY', 'ERROR'],
  reboot: ['AVAILABLE', 'UNHEALTHY', 'REBOOTING'],
  rebuild: ['AVAILABLE', 'ERROR', 'UNHEALTHY', 'STOPPED', 'REBOOTING'],
  restore: ['AVAILABLE', 'ERROR', 'UNHEALTHY', 'STOPPED'],
};

const pastTense: Record<WorkspaceAction, string> = {
  start: 'started',
  stop: 'stopped',
  reboot: 'rebooted',
  rebuild: 'rebuilt',
  restore: 'restored',
  terminate: 'terminated',
};

/** "Reboot a WorkSpace in the REBOOTING state only if it has been stuck in the REBOOTING state for over 20 minutes." */
const STUCK_REBOOT_MS = 20 * 60_000;

export const MODIFICATION_IN_PROGRESS =
  'The properties of this WorkSpace are currently under modification. Please try again in a moment.';

export const notFoundRefusal = (workspaceId: string): Refusal => ({
  code: 'ResourceNotFound.Workspace',
  message: `The WorkSpace ${workspaceId} could not be found.`,
});

function isStuckRebooting(ws: WorkspaceDoc, now: number): boolean {
  return ws.StateChangedAt !== undefined && now - ws.StateChangedAt > STUCK_REBOOT_MS;
}

function stateRefusal(ws: WorkspaceDoc, action: WorkspaceAction): Refusal {
  return {
    code: 'InvalidResourceState',
    message: `The WorkSpace ${ws.WorkspaceId} cannot be ${pastTense[action]} while its state is ${ws.State}.`,
  };
}

function runningModeRefusal(ws: WorkspaceDoc, action: WorkspaceAction): Refusal | undefined {
  const mode = ws.WorkspaceProperties?.RunningMode ?? 'ALWAYS_ON';
  if (mode === 'AUTO_STOP' || mode === 'MANUAL') return undefined;
  return {
    code: 'OperationNotSupported',
    message: `The WorkSpace ${ws.WorkspaceId} cannot be ${pastTense[action]}: only WorkSpaces with running mode AUTO_STOP or MANUAL can be started and stopped.`,
  };
}

/** Why the WorkSpace refuses the action right now, or undefined when it accepts it. */
export function actionRefusal(ws: WorkspaceDoc, action: WorkspaceAction, now: number): Refusal | undefined {
  if (action === 'terminate') return ws.State === 'SUSPENDED' ? stateRefusal(ws, action) : undefined;
  if (isModifying(ws)) return { code: 'OperationInProgress', message: MODIFICATION_IN_PROGRESS };
  if (!allowedStates[action].includes(ws.State)) return stateRefusal(ws, action);
  if (action === 'reboot' && ws.State === 'REBOOTING' && !isStuckRebooting(ws, now)) {
    return {
      code: 'InvalidResourceState',
      message: `The WorkSpace ${ws.WorkspaceId} is already rebooting; reboot it again only if it has been stuck in REBOOTING for over 20 minutes.`,
    };
  }
  if (action === 'start' || action === 'stop') return runningModeRefusal(ws, action);
  return undefined;
}

/** Nobody ever logs in to an emulated WorkSpace: a running one is DISCONNECTED, anything else UNKNOWN. */
export function connectionStateOf(state: WorkspaceState): ConnectionState {
  return state === 'AVAILABLE' || state === 'ADMIN_MAINTENANCE' ? 'DISCONNECTED' : 'UNKNOWN';
}
