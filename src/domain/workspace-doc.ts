// How the workspaces family keeps a WorkSpace: the shared record plus the bookkeeping its rules need.
import { merged } from '../objects.js';
import type { WorkspaceRecord } from './records.js';

/** Property changes with a rate limit of their own (admin guide, modify-workspaces). */
export type RateLimitedChange = 'ROOT_VOLUME' | 'USER_VOLUME' | 'COMPUTE_UP' | 'COMPUTE_DOWN';

export interface WorkspaceDoc extends WorkspaceRecord {
  /** When State last changed through this family (other families may leave it behind; it is only a hint). */
  StateChangedAt?: number;
  /** When the WorkSpace first became AVAILABLE: snapshots count from here. */
  LaunchedAt?: number;
  /** When each rate-limited change was last requested. */
  LastChanged?: Partial<Record<RateLimitedChange, number>>;
}

/** The WorkSpace with a new State, stamped with the moment of the change. */
export function withState(ws: WorkspaceDoc, state: WorkspaceDoc['State'], now: number): WorkspaceDoc {
  return merged(ws, { State: state, StateChangedAt: now });
}

export function isModifying(ws: WorkspaceDoc): boolean {
  return (ws.ModificationStates?.length ?? 0) > 0;
}
