// Standby WorkSpaces: how a primary and its standby (in another Region of the same account) name each other, and how
// data replication and the end of either side change both records (docs/behaviour/migrate-standby-import.md).
import type { DataReplication, RelatedWorkspaceProperties } from '../model/generated/types.js';
import { merged } from '../objects.js';
import type { Scope } from '../store/types.js';
import type { WorkspaceDoc } from './workspace-doc.js';

/** On a standby: the link to its primary. */
export const primaryLinkOf = (ws: WorkspaceDoc): RelatedWorkspaceProperties | undefined =>
  ws.RelatedWorkspaces?.find((r) => r.Type === 'PRIMARY');

/** On a primary: the link to its standby. */
export const standbyLinkOf = (ws: WorkspaceDoc): RelatedWorkspaceProperties | undefined =>
  ws.RelatedWorkspaces?.find((r) => r.Type === 'STANDBY');

export const isStandby = (ws: WorkspaceDoc): boolean => primaryLinkOf(ws) !== undefined;

export const hasStandby = (ws: WorkspaceDoc): boolean => standbyLinkOf(ws) !== undefined;

/** Where a related WorkSpace is kept: the caller's account, in the Region the link names. */
export function linkedScope(scope: Scope, link: RelatedWorkspaceProperties): Scope {
  return { account: scope.account, region: link.Region ?? scope.region };
}

/** The primary reports the replication twice: in its own settings and in the properties of its standby. */
export function withPrimaryReplication(primary: WorkspaceDoc, replication: DataReplication): WorkspaceDoc {
  return merged(primary, {
    DataReplicationSettings: { DataReplication: replication },
    StandbyWorkspacesProperties: (primary.StandbyWorkspacesProperties ?? []).map((standby) =>
      merged(standby, { DataReplication: replication }),
    ),
  });
}

export function withStandbyReplication(standby: WorkspaceDoc, replication: DataReplication): WorkspaceDoc {
  return merged(standby, { DataReplicationSettings: { DataReplication: replication } });
}

/**
 * The WorkSpace once its primary or standby `goneId` is terminated: the link and the standby's properties go, and
 * with the last link replication stops (NO_REPLICATION), as there is nothing left to replicate to or from.
 */
export function withoutLinkTo(ws: WorkspaceDoc, goneId: string): WorkspaceDoc {
  const { RelatedWorkspaces, StandbyWorkspacesProperties, DataReplicationSettings, ...rest } = ws;
  const related = (RelatedWorkspaces ?? []).filter((r) => r.WorkspaceId !== goneId);
  const standbys = (StandbyWorkspacesProperties ?? []).filter((p) => p.StandbyWorkspaceId !== goneId);
  return merged(rest, {
    DataReplicationSettings:
      related.length > 0 && DataReplicationSettings ? DataReplicationSettings : { DataReplication: 'NO_REPLICATION' },
    ...(related.length > 0 && { RelatedWorkspaces: related }),
    ...(standbys.length > 0 && { StandbyWorkspacesProperties: standbys }),
  });
}
