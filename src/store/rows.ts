// What the SQLite and the PostgreSQL store share: the same tables and column names, so the same list of the tables a
// scope owns, the same columns naming an association, the same association record from a row, and the same snapshot
// from an export's rows.
import type { AssociatedResourceType, AssociationRecord, ResourceKind, StoreSnapshot } from './types.js';

/** Every table whose rows belong to an account and Region; history before associations, whose deletes clear it. */
export const SCOPED_TABLES = [
  'resources',
  'association_history',
  'associations',
  'transitions',
  'tags',
  'image_permissions',
] as const;

/** The columns that name one association, in its history rows too. */
export const associationKey = ['account', 'region', 'resource_type', 'resource_id', 'application_id'] as const;

/** The SQL condition matching the association that `row` (a trigger's NEW or OLD, or an alias) names. */
export const sameAssociation = (row: string, column = (c: string) => c): string =>
  associationKey.map((c) => `${column(c)} = ${row}.${c}`).join(' AND ');

/** A row as a store's driver gives it: column name to value, NULL as null. */
export type Row = Readonly<Record<string, unknown>>;

export function toAssociation(row: Row): AssociationRecord {
  const record: AssociationRecord = {
    resourceType: row.resource_type as AssociatedResourceType,
    resourceId: row.resource_id as string,
    applicationId: row.application_id as string,
    state: row.state as string,
    created: row.created as number,
    updated: row.updated as number,
  };
  if (row.error_code !== null && row.error_code !== undefined) record.errorCode = row.error_code as string;
  if (row.error_message !== null && row.error_message !== undefined) record.errorMessage = row.error_message as string;
  return record;
}

/** The statements of an export, one per part of a snapshot, each in the order the snapshot lists its rows. */
export const EXPORT_QUERIES = {
  resources: 'SELECT account, region, kind, id, data FROM resources ORDER BY seq',
  associations: 'SELECT * FROM associations ORDER BY seq',
  transitions: 'SELECT * FROM transitions ORDER BY id',
  tags: 'SELECT * FROM tags ORDER BY account, region, resource_id, key',
  imagePermissions: 'SELECT * FROM image_permissions ORDER BY account, region, image_id, shared_account',
} as const;

export type ExportRows = { readonly [Part in keyof typeof EXPORT_QUERIES]: readonly Row[] };

/** Runs every export statement with the store's own reader. */
export function readExport(read: (query: string) => readonly Row[]): ExportRows {
  return {
    resources: read(EXPORT_QUERIES.resources),
    associations: read(EXPORT_QUERIES.associations),
    transitions: read(EXPORT_QUERIES.transitions),
    tags: read(EXPORT_QUERIES.tags),
    imagePermissions: read(EXPORT_QUERIES.imagePermissions),
  };
}

const scoped = (row: Row) => ({ account: row.account as string, region: row.region as string });

export function snapshotOf(rows: ExportRows): StoreSnapshot {
  return {
    resources: rows.resources.map((r) =>
      Object.assign(scoped(r), { kind: r.kind as ResourceKind, id: r.id as string, doc: JSON.parse(r.data as string) }),
    ),
    associations: rows.associations.map((r) => Object.assign(scoped(r), toAssociation(r))),
    transitions: rows.transitions.map((r) =>
      Object.assign(scoped(r), {
        due: r.due as number,
        kind: r.kind as string,
        target: r.target as string,
        payload: JSON.parse(r.payload as string) as unknown,
      }),
    ),
    tags: rows.tags.map((r) =>
      Object.assign(
        scoped(r),
        { resourceId: r.resource_id as string, key: r.key as string },
        r.value === null ? {} : { value: r.value as string },
      ),
    ),
    imagePermissions: rows.imagePermissions.map((r) =>
      Object.assign(scoped(r), { imageId: r.image_id as string, sharedAccount: r.shared_account as string }),
    ),
  };
}
