// The one Store implementation: SQLite through better-sqlite3, in memory or in a file under the data dir.
// Every lookup a handler makes is served by an index, so a describe costs O(page), not O(rows stored).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type {
  AssociatedResourceType,
  AssociationRecord,
  AssociationStore,
  Collection,
  ImagePermissionStore,
  IndexedField,
  Page,
  ResourceKind,
  Store,
  StoreInfo,
  Tag,
  TagStore,
  TransitionRecord,
  TransitionStore,
} from './types.js';

export const SCHEMA_VERSION = 1;

const indexedFields: readonly IndexedField[] = ['DirectoryId', 'BundleId', 'ImageId', 'UserName', 'WorkspaceName'];

const schema = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS resources (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  account TEXT NOT NULL, region TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL,
  data TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS resources_by_id ON resources (account, region, kind, id);
CREATE INDEX IF NOT EXISTS resources_by_kind ON resources (account, region, kind, seq);
${indexedFields
  .map(
    (f) =>
      `CREATE INDEX IF NOT EXISTS resources_by_${f} ON resources (account, region, kind, json_extract(data, '$.${f}'), seq);`,
  )
  .join('\n')}
CREATE TABLE IF NOT EXISTS associations (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  account TEXT NOT NULL, region TEXT NOT NULL,
  resource_type TEXT NOT NULL, resource_id TEXT NOT NULL, application_id TEXT NOT NULL,
  state TEXT NOT NULL, created REAL NOT NULL, updated REAL NOT NULL, error_code TEXT, error_message TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS associations_by_resource
  ON associations (account, region, resource_type, resource_id, application_id);
CREATE INDEX IF NOT EXISTS associations_by_application
  ON associations (account, region, application_id, seq);
CREATE TABLE IF NOT EXISTS transitions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account TEXT NOT NULL, region TEXT NOT NULL, due REAL NOT NULL,
  kind TEXT NOT NULL, target TEXT NOT NULL, payload TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS transitions_by_due ON transitions (due, id);
CREATE INDEX IF NOT EXISTS transitions_by_target ON transitions (account, region, target);
CREATE TABLE IF NOT EXISTS tags (
  account TEXT NOT NULL, region TEXT NOT NULL, resource_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT,
  PRIMARY KEY (account, region, resource_id, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS image_permissions (
  account TEXT NOT NULL, region TEXT NOT NULL, image_id TEXT NOT NULL, shared_account TEXT NOT NULL,
  PRIMARY KEY (account, region, image_id, shared_account)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS image_permissions_by_grantee ON image_permissions (shared_account, region);
`;

type Db = Database.Database;

interface DocRow {
  seq: number;
  data: string;
}

/** A statement cache: each SQL text is prepared once per database. */
function preparer(db: Db) {
  const cache = new Map<string, Database.Statement>();
  return (sql: string): Database.Statement => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
}

function toPage<T>(rows: DocRow[], limit: number): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return {
    items: kept.map((r) => JSON.parse(r.data) as T),
    next: more ? kept[kept.length - 1]?.seq : undefined,
  };
}

function createCollection<T>(sql: ReturnType<typeof preparer>, kind: ResourceKind): Collection<T> {
  const where = 'account = ? AND region = ? AND kind = ?';
  return {
    get(scope, id) {
      const row = sql(`SELECT data FROM resources WHERE ${where} AND id = ?`).get(
        scope.account,
        scope.region,
        kind,
        id,
      ) as { data: string } | undefined;
      return row ? (JSON.parse(row.data) as T) : undefined;
    },
    put(scope, id, doc) {
      sql(
        `INSERT INTO resources (account, region, kind, id, data) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account, region, kind, id) DO UPDATE SET data = excluded.data`,
      ).run(scope.account, scope.region, kind, id, JSON.stringify(doc));
    },
    delete(scope, id) {
      return (
        sql(`DELETE FROM resources WHERE ${where} AND id = ?`).run(scope.account, scope.region, kind, id).changes > 0
      );
    },
    page(scope, after, limit) {
      const rows = sql(`SELECT seq, data FROM resources WHERE ${where} AND seq > ? ORDER BY seq LIMIT ?`).all(
        scope.account,
        scope.region,
        kind,
        after,
        limit + 1,
      ) as DocRow[];
      return toPage<T>(rows, limit);
    },
    findBy(scope, field, value, after, limit) {
      const rows = sql(
        `SELECT seq, data FROM resources WHERE ${where} AND json_extract(data, '$.${field}') = ? AND seq > ?
         ORDER BY seq LIMIT ?`,
      ).all(scope.account, scope.region, kind, value, after, limit + 1) as DocRow[];
      return toPage<T>(rows, limit);
    },
    count(scope) {
      return (
        sql(`SELECT count(*) AS n FROM resources WHERE ${where}`).get(scope.account, scope.region, kind) as {
          n: number;
        }
      ).n;
    },
    countBy(scope, field, value) {
      return (
        sql(`SELECT count(*) AS n FROM resources WHERE ${where} AND json_extract(data, '$.${field}') = ?`).get(
          scope.account,
          scope.region,
          kind,
          value,
        ) as { n: number }
      ).n;
    },
    all() {
      const rows = sql('SELECT account, region, data FROM resources WHERE kind = ? ORDER BY seq').all(kind) as {
        account: string;
        region: string;
        data: string;
      }[];
      return rows.map((r) => ({ scope: { account: r.account, region: r.region }, doc: JSON.parse(r.data) as T }));
    },
  };
}

interface AssociationRow {
  seq: number;
  resource_type: AssociatedResourceType;
  resource_id: string;
  application_id: string;
  state: string;
  created: number;
  updated: number;
  error_code: string | null;
  error_message: string | null;
}

function toAssociation(row: AssociationRow): AssociationRecord {
  return {
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    applicationId: row.application_id,
    state: row.state,
    created: row.created,
    updated: row.updated,
    ...(row.error_code !== null && { errorCode: row.error_code }),
    ...(row.error_message !== null && { errorMessage: row.error_message }),
  };
}

function createAssociationStore(sql: ReturnType<typeof preparer>): AssociationStore {
  const key = 'account = ? AND region = ? AND resource_type = ? AND resource_id = ?';
  return {
    get(scope, type, resourceId, applicationId) {
      const row = sql(`SELECT * FROM associations WHERE ${key} AND application_id = ?`).get(
        scope.account,
        scope.region,
        type,
        resourceId,
        applicationId,
      ) as AssociationRow | undefined;
      return row && toAssociation(row);
    },
    put(scope, r) {
      sql(
        `INSERT INTO associations
           (account, region, resource_type, resource_id, application_id, state, created, updated, error_code, error_message)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account, region, resource_type, resource_id, application_id) DO UPDATE SET
           state = excluded.state, created = excluded.created, updated = excluded.updated,
           error_code = excluded.error_code, error_message = excluded.error_message`,
      ).run(
        scope.account,
        scope.region,
        r.resourceType,
        r.resourceId,
        r.applicationId,
        r.state,
        r.created,
        r.updated,
        r.errorCode ?? null,
        r.errorMessage ?? null,
      );
    },
    delete(scope, type, resourceId, applicationId) {
      sql(`DELETE FROM associations WHERE ${key} AND application_id = ?`).run(
        scope.account,
        scope.region,
        type,
        resourceId,
        applicationId,
      );
    },
    forResource(scope, type, resourceId) {
      const rows = sql(`SELECT * FROM associations WHERE ${key} ORDER BY seq`).all(
        scope.account,
        scope.region,
        type,
        resourceId,
      ) as AssociationRow[];
      return rows.map(toAssociation);
    },
    deleteForResource(scope, type, resourceId) {
      sql(`DELETE FROM associations WHERE ${key}`).run(scope.account, scope.region, type, resourceId);
    },
    forApplication(scope, applicationId, types, after, limit) {
      const rows = sql(
        `SELECT * FROM associations WHERE account = ? AND region = ? AND application_id = ? AND seq > ?
           AND resource_type IN (SELECT value FROM json_each(?)) ORDER BY seq LIMIT ?`,
      ).all(scope.account, scope.region, applicationId, after, JSON.stringify(types), limit + 1) as AssociationRow[];
      const more = rows.length > limit;
      const kept = more ? rows.slice(0, limit) : rows;
      return { items: kept.map(toAssociation), next: more ? kept[kept.length - 1]?.seq : undefined };
    },
  };
}

interface TransitionRow {
  id: number;
  account: string;
  region: string;
  due: number;
  kind: string;
  target: string;
  payload: string;
}

function toTransition(row: TransitionRow): TransitionRecord {
  return {
    id: row.id,
    scope: { account: row.account, region: row.region },
    due: row.due,
    kind: row.kind,
    target: row.target,
    payload: JSON.parse(row.payload) as unknown,
  };
}

function createTransitionStore(sql: ReturnType<typeof preparer>): TransitionStore {
  return {
    schedule(scope, due, kind, target, payload = null) {
      sql('INSERT INTO transitions (account, region, due, kind, target, payload) VALUES (?, ?, ?, ?, ?, ?)').run(
        scope.account,
        scope.region,
        due,
        kind,
        target,
        JSON.stringify(payload),
      );
    },
    nextDue(now) {
      const row = sql('SELECT * FROM transitions WHERE due <= ? ORDER BY due, id LIMIT 1').get(now) as
        | TransitionRow
        | undefined;
      return row && toTransition(row);
    },
    earliest() {
      const row = sql('SELECT * FROM transitions ORDER BY due, id LIMIT 1').get() as TransitionRow | undefined;
      return row && toTransition(row);
    },
    remove(id) {
      sql('DELETE FROM transitions WHERE id = ?').run(id);
    },
    cancel(scope, target) {
      sql('DELETE FROM transitions WHERE account = ? AND region = ? AND target = ?').run(
        scope.account,
        scope.region,
        target,
      );
    },
    pending(scope, target) {
      const rows = sql(
        'SELECT * FROM transitions WHERE account = ? AND region = ? AND target = ? ORDER BY due, id',
      ).all(scope.account, scope.region, target) as TransitionRow[];
      return rows.map(toTransition);
    },
    list() {
      return (sql('SELECT * FROM transitions ORDER BY due, id').all() as TransitionRow[]).map(toTransition);
    },
    count() {
      return (sql('SELECT count(*) AS n FROM transitions').get() as { n: number }).n;
    },
  };
}

function createTagStore(sql: ReturnType<typeof preparer>): TagStore {
  const key = 'account = ? AND region = ? AND resource_id = ?';
  return {
    get(scope, resourceId) {
      const rows = sql(`SELECT key, value FROM tags WHERE ${key} ORDER BY key`).all(
        scope.account,
        scope.region,
        resourceId,
      ) as { key: string; value: string | null }[];
      return rows.map((r): Tag => (r.value === null ? { Key: r.key } : { Key: r.key, Value: r.value }));
    },
    put(scope, resourceId, tags) {
      const stmt = sql(
        `INSERT INTO tags (account, region, resource_id, key, value) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account, region, resource_id, key) DO UPDATE SET value = excluded.value`,
      );
      for (const tag of tags) stmt.run(scope.account, scope.region, resourceId, tag.Key, tag.Value ?? null);
    },
    remove(scope, resourceId, keys) {
      const stmt = sql(`DELETE FROM tags WHERE ${key} AND key = ?`);
      for (const k of keys) stmt.run(scope.account, scope.region, resourceId, k);
    },
    removeAll(scope, resourceId) {
      sql(`DELETE FROM tags WHERE ${key}`).run(scope.account, scope.region, resourceId);
    },
  };
}

function createImagePermissionStore(sql: ReturnType<typeof preparer>): ImagePermissionStore {
  const key = 'account = ? AND region = ? AND image_id = ?';
  return {
    grant(owner, imageId, account) {
      sql(
        'INSERT OR IGNORE INTO image_permissions (account, region, image_id, shared_account) VALUES (?, ?, ?, ?)',
      ).run(owner.account, owner.region, imageId, account);
    },
    revoke(owner, imageId, account) {
      sql(`DELETE FROM image_permissions WHERE ${key} AND shared_account = ?`).run(
        owner.account,
        owner.region,
        imageId,
        account,
      );
    },
    accountsFor(owner, imageId) {
      const rows = sql(`SELECT shared_account FROM image_permissions WHERE ${key} ORDER BY shared_account`).all(
        owner.account,
        owner.region,
        imageId,
      ) as { shared_account: string }[];
      return rows.map((r) => r.shared_account);
    },
    sharedWith(grantee) {
      const rows = sql(
        'SELECT account, image_id FROM image_permissions WHERE shared_account = ? AND region = ? ORDER BY account, image_id',
      ).all(grantee.account, grantee.region) as { account: string; image_id: string }[];
      return rows.map((r) => ({ owner: r.account, imageId: r.image_id }));
    },
    isSharedWith(owner, imageId, account) {
      return (
        sql(`SELECT 1 FROM image_permissions WHERE ${key} AND shared_account = ?`).get(
          owner.account,
          owner.region,
          imageId,
          account,
        ) !== undefined
      );
    },
    removeAll(owner, imageId) {
      sql(`DELETE FROM image_permissions WHERE ${key}`).run(owner.account, owner.region, imageId);
    },
  };
}

const scopedTables = ['resources', 'associations', 'transitions', 'tags', 'image_permissions'] as const;

export interface SqliteStoreOptions {
  /** Directory for the database file; undefined keeps everything in memory. */
  dataDir: string | undefined;
}

export function openSqliteStore(options: SqliteStoreOptions): Store {
  const path = options.dataDir === undefined ? undefined : join(options.dataDir, 'workspaces-local.sqlite');
  if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true });
  const db = new Database(path ?? ':memory:');
  if (path) {
    // WAL: a commit is written to the log before the call returns, so a killed process loses nothing acknowledged.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.exec(schema);
  const sql = preparer(db);
  const stored = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as
    | { value: string }
    | undefined;
  if (stored && Number(stored.value) !== SCHEMA_VERSION) {
    db.close();
    throw new Error(`data dir holds schema version ${stored.value}; this build reads version ${SCHEMA_VERSION}`);
  }
  sql("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)").run(String(SCHEMA_VERSION));

  // One wrapper for every transaction: better-sqlite3 nests it as a savepoint when already inside one.
  const runInTransaction = db.transaction((fn: () => unknown) => fn());
  const collections = new Map<ResourceKind, Collection<unknown>>();
  const info: StoreInfo = { kind: path ? 'file' : 'memory', path, schemaVersion: SCHEMA_VERSION };
  return {
    info,
    collection<T>(kind: ResourceKind): Collection<T> {
      let c = collections.get(kind);
      if (!c) {
        c = createCollection<unknown>(sql, kind);
        collections.set(kind, c);
      }
      return c as Collection<T>;
    },
    associations: createAssociationStore(sql),
    transitions: createTransitionStore(sql),
    tags: createTagStore(sql),
    imagePermissions: createImagePermissionStore(sql),
    getMeta(key) {
      return (sql('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
    },
    setMeta(key, value) {
      sql('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
    },
    transaction<T>(fn: () => T): T {
      return runInTransaction(fn) as T;
    },
    reset(filter) {
      db.transaction(() => {
        for (const table of scopedTables) {
          if (!filter) sql(`DELETE FROM ${table}`).run();
          else if (filter.region === undefined) sql(`DELETE FROM ${table} WHERE account = ?`).run(filter.account);
          else sql(`DELETE FROM ${table} WHERE account = ? AND region = ?`).run(filter.account, filter.region);
        }
      })();
    },
    close() {
      if (db.open) db.close();
    },
  };
}
