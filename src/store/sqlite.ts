// The one Store implementation: SQLite through better-sqlite3, in memory or in a file under the data dir.
// Every lookup a handler makes is served by an index, so a describe costs O(page), not O(rows stored).
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { associationsJson, resourceItemJson, resourceViewOf } from '../domain/association-json.js';
import { type Checkpointer, DEFAULT_WAL_BOUND_BYTES, startCheckpointer } from './checkpointer.js';
import { createGroupCommit, type GroupCommit } from './group-commit.js';
import { associationKey, type Row, readExport, SCOPED_TABLES, sameAssociation, snapshotOf } from './rows.js';
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
  StoreSnapshot,
  Tag,
  TagStore,
  TransitionRecord,
  TransitionStore,
} from './types.js';
import { SETTLED } from './types.js';

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
  state TEXT NOT NULL, created REAL NOT NULL, updated REAL NOT NULL, error_code TEXT, error_message TEXT,
  item TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS associations_by_resource
  ON associations (account, region, resource_type, resource_id, application_id);
DROP INDEX IF EXISTS associations_by_application;
CREATE INDEX IF NOT EXISTS associations_by_application_type
  ON associations (account, region, application_id, resource_type, seq);
CREATE TABLE IF NOT EXISTS association_history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  account TEXT NOT NULL, region TEXT NOT NULL,
  resource_type TEXT NOT NULL, resource_id TEXT NOT NULL, application_id TEXT NOT NULL,
  state TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS association_history_by_association
  ON association_history (account, region, resource_type, resource_id, application_id, seq);
-- Every state an association enters is appended by SQLite itself: on insert (a new or re-created association) and on
-- a changed state. put() thus records history within its one upsert, with no extra read; an unchanged state adds none.
-- A changed state also drops the association's oldest row once it has more than ASSOCIATION_HISTORY_KEPT (the
-- literal 20 below: a file keeps the trigger it was given, so another cap needs a migration). Deleting by rowid the
-- one row past the cap measured cheaper than a range delete; one row is enough, as no path leaves more: an insert
-- finds no rows (the delete trigger below) and createSchema() trims files written before the cap.
CREATE TRIGGER IF NOT EXISTS association_history_on_insert AFTER INSERT ON associations BEGIN
  INSERT INTO association_history (account, region, resource_type, resource_id, application_id, state, at)
  VALUES (NEW.account, NEW.region, NEW.resource_type, NEW.resource_id, NEW.application_id, NEW.state, NEW.updated);
END;
CREATE TRIGGER IF NOT EXISTS association_history_on_state_change AFTER UPDATE OF state ON associations
  WHEN OLD.state IS NOT NEW.state BEGIN
  INSERT INTO association_history (account, region, resource_type, resource_id, application_id, state, at)
  VALUES (NEW.account, NEW.region, NEW.resource_type, NEW.resource_id, NEW.application_id, NEW.state, NEW.updated);
  DELETE FROM association_history WHERE seq = (
    SELECT seq FROM association_history WHERE ${sameAssociation('NEW')} ORDER BY seq DESC LIMIT 1 OFFSET 20);
END;
-- An association's history goes with it, in the statement that deletes it (a disassociation, a deleted resource, a
-- reset): what is stored stays bounded by what is stored, and a re-created association starts a fresh timeline.
CREATE TRIGGER IF NOT EXISTS association_history_on_delete AFTER DELETE ON associations BEGIN
  DELETE FROM association_history WHERE ${sameAssociation('OLD')};
END;
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

/** Run once on a file written before history was bounded: drops deleted associations' history, trims the rest. */
const boundHistory = `
DELETE FROM association_history WHERE NOT EXISTS (
  SELECT 1 FROM associations a WHERE ${sameAssociation('association_history', (c) => `a.${c}`)});
DELETE FROM association_history WHERE seq IN (
  SELECT seq FROM (
    SELECT seq, row_number() OVER (
      PARTITION BY ${associationKey.join(', ')} ORDER BY seq DESC) AS newer
    FROM association_history)
  WHERE newer > 20);
`;

/**
 * Creates what is missing of the schema, in one transaction. A file whose history has no delete trigger was written
 * before history was bounded: its state-change trigger is replaced (CREATE ... IF NOT EXISTS would keep the old one)
 * and its history bounded, once. A newer file keeps its triggers, so an older build opening it keeps them too. A file
 * whose associations keep no item gains the column and every row's item, once.
 */
function createSchema(db: Db): void {
  db.transaction(() => {
    const found = new Set(
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE name IN ('association_history', 'association_history_on_delete')",
        )
        .pluck()
        .all(),
    );
    const unbounded = found.has('association_history') && !found.has('association_history_on_delete');
    if (unbounded) db.exec('DROP TRIGGER association_history_on_state_change');
    const itemless = found.has('association_history') && !hasColumn(db, 'associations', 'item');
    if (itemless) db.exec('ALTER TABLE associations ADD COLUMN item TEXT');
    db.exec(schema);
    if (unbounded) db.exec(boundHistory);
    if (itemless) writeItems(db);
  })();
}

function hasColumn(db: Db, table: string, column: string): boolean {
  return db.prepare(`SELECT 1 FROM pragma_table_info('${table}') WHERE name = ?`).get(column) !== undefined;
}

/** Run once on a file written before each association kept its item: writes every row's. */
function writeItems(db: Db): void {
  const rows = db.prepare(`SELECT seq, resource_type, resource_id, application_id, ${stateColumns} FROM associations`);
  const update = db.prepare('UPDATE associations SET item = ? WHERE seq = ?');
  for (const row of rows.raw().all() as Cell[][]) {
    const record = association(row[1] as AssociatedResourceType, row[2] as string, row[3] as string, row, 4);
    update.run(resourceItemJson(record), row[0]);
  }
}

/** The schema version a file records, before anything in it is changed; undefined for a new file. */
function storedSchemaVersion(db: Db): string | undefined {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (!hasMeta) return undefined;
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  return row?.value;
}

interface DocRow {
  seq: number;
  data: string;
}

/**
 * How a statement takes its row limit as a parameter. A plain `LIMIT ?` made SQLite prepare the statement again on
 * every run (~5 µs, more than the rest of a small page read): built with STAT4, as better-sqlite3's SQLite is, the
 * planner reads a bound LIMIT, so binding it expires the plan. `? + 0` is an expression the planner leaves alone.
 */
const LIMIT_PARAMETER = 'LIMIT ? + 0';

/** A statement cache: each SQL text is prepared once per database; 'raw' statements return rows as arrays. */
function preparer(db: Db) {
  const cache = new Map<string, Database.Statement>();
  return (sql: string, rows: 'objects' | 'raw' = 'objects'): Database.Statement => {
    const key = rows === 'raw' ? `raw:${sql}` : sql;
    let stmt = cache.get(key);
    if (!stmt) {
      stmt = db.prepare(sql);
      if (rows === 'raw') stmt.raw(true);
      cache.set(key, stmt);
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
      const rows = sql(
        `SELECT seq, data FROM resources WHERE ${where} AND seq > ? ORDER BY seq ${LIMIT_PARAMETER}`,
      ).all(scope.account, scope.region, kind, after, limit + 1) as DocRow[];
      return toPage<T>(rows, limit);
    },
    findBy(scope, field, value, after, limit) {
      const rows = sql(
        `SELECT seq, data FROM resources WHERE ${where} AND json_extract(data, '$.${field}') = ? AND seq > ?
         ORDER BY seq ${LIMIT_PARAMETER}`,
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
  };
}

/** What an association read returns after the columns its query does not already fix. */
const stateColumns = 'state, created, updated, error_code, error_message';

/** The items of a resource with no association. */
const NO_ITEMS = Buffer.alloc(0);

type Cell = string | number | null;

/**
 * The record from the key fields the query fixed and the raw row whose stateColumns start at `at`. Hot reads (a
 * describe of 50 associations) spend most of their time turning SQLite values into JS ones: rows as arrays, and no
 * column the caller already knows, make that about half as costly as `SELECT *` objects.
 */
function association(
  resourceType: AssociatedResourceType,
  resourceId: string,
  applicationId: string,
  row: readonly Cell[],
  at: number,
): AssociationRecord {
  const record: AssociationRecord = {
    resourceType,
    resourceId,
    applicationId,
    state: row[at] as string,
    created: row[at + 1] as number,
    updated: row[at + 2] as number,
  };
  const errorCode = row[at + 3];
  const errorMessage = row[at + 4];
  if (typeof errorCode === 'string') record.errorCode = errorCode;
  if (typeof errorMessage === 'string') record.errorMessage = errorMessage;
  return record;
}

/**
 * One index range per requested resource type, merged by seq (SQLite merges the ordered ranges and stops at the
 * limit): a page reads O(page) rows whatever the stored mix of types. A single range filtered by type read every
 * association of the application when few matched. Rows: resource_type, resource_id, stateColumns, seq.
 */
const forApplicationSql = (typeCount: number): string =>
  `${Array.from(
    { length: typeCount },
    (_, i) => `SELECT resource_type, resource_id, ${stateColumns}, seq FROM associations
       WHERE account = @account AND region = @region AND application_id = @applicationId AND resource_type = @type${i}
         AND seq > @after`,
  ).join(' UNION ALL ')} ORDER BY seq LIMIT @limit + 0`; // + 0: see LIMIT_PARAMETER

/** Every statement text forApplication can need, one per count of distinct resource types. */
const forApplicationSqls = [1, 2, 3].map(forApplicationSql);

function createAssociationStore(sql: ReturnType<typeof preparer>): AssociationStore {
  const key = 'account = ? AND region = ? AND resource_type = ? AND resource_id = ?';
  const forResource: AssociationStore['forResource'] = (scope, type, resourceId) => {
    const rows = sql(`SELECT application_id, ${stateColumns} FROM associations WHERE ${key} ORDER BY seq`, 'raw').all(
      scope.account,
      scope.region,
      type,
      resourceId,
    ) as Cell[][];
    return rows.map((row) => association(type, resourceId, row[0] as string, row, 1));
  };
  return {
    get(scope, type, resourceId, applicationId) {
      const row = sql(`SELECT ${stateColumns} FROM associations WHERE ${key} AND application_id = ?`, 'raw').get(
        scope.account,
        scope.region,
        type,
        resourceId,
        applicationId,
      ) as Cell[] | undefined;
      return row && association(type, resourceId, applicationId, row, 0);
    },
    put(scope, r) {
      sql(
        `INSERT INTO associations
           (account, region, resource_type, resource_id, application_id, state, created, updated, error_code, error_message,
            item)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account, region, resource_type, resource_id, application_id) DO UPDATE SET
           state = excluded.state, created = excluded.created, updated = excluded.updated,
           error_code = excluded.error_code, error_message = excluded.error_message, item = excluded.item`,
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
        resourceItemJson(r),
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
    forResource,
    forResourceJson(scope, type, resourceId) {
      // Each row's item is written with it, so the list is one value out of SQLite, not a JS value per column, and
      // as bytes (a BLOB), not a string decoded from UTF-8 only to be encoded again for the answer. The seqs are
      // sorted first, then each item fetched by its seq in that order: sorting the rows with their items copied
      // every item into the sorter, the better part of the statement.
      const [items, missing] = sql(
        `SELECT CAST(group_concat(a.item, ',') AS BLOB), count(*) - count(a.item)
         FROM (SELECT seq FROM associations WHERE ${key} ORDER BY seq) listed
         CROSS JOIN associations a ON a.seq = listed.seq`,
        'raw',
      ).get(scope.account, scope.region, type, resourceId) as [Buffer | null, number];
      if (missing === 0) return items ?? NO_ITEMS;
      // Rows written by a build that kept no item: encoded here instead.
      return Buffer.from(associationsJson(resourceViewOf(type), forResource(scope, type, resourceId)), 'utf8');
    },
    history(scope, type, resourceId, applicationId, limit) {
      const rows = sql(
        `SELECT state, at FROM (
           SELECT state, at, seq FROM association_history WHERE ${key} AND application_id = ? ORDER BY seq DESC LIMIT ?)
         ORDER BY seq`,
        'raw',
      ).all(scope.account, scope.region, type, resourceId, applicationId, limit) as [string, number][];
      return rows.map(([state, at]) => ({ state, at }));
    },
    deleteForResource(scope, type, resourceId) {
      sql(`DELETE FROM associations WHERE ${key}`).run(scope.account, scope.region, type, resourceId);
    },
    forApplication(scope, applicationId, types, after, limit) {
      const distinct = [...new Set(types)];
      if (distinct.length === 0) return { items: [], next: undefined };
      const params: Record<string, string | number> = {
        account: scope.account,
        region: scope.region,
        applicationId,
        after,
        limit: limit + 1,
      };
      distinct.forEach((type, i) => {
        params[`type${i}`] = type;
      });
      const text = forApplicationSqls[distinct.length - 1] ?? forApplicationSql(distinct.length);
      const rows = sql(text, 'raw').all(params) as Cell[][];
      const more = rows.length > limit;
      const kept = more ? rows.slice(0, limit) : rows;
      return {
        items: kept.map((row) =>
          association(row[0] as AssociatedResourceType, row[1] as string, applicationId, row, 2),
        ),
        next: more ? (kept[kept.length - 1]?.[7] as number) : undefined,
      };
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

interface TrackedTransitionStore extends TransitionStore {
  /** After a rollback, a reset or an import: the next nextDue() asks SQLite again. */
  forgetEarliest(): void;
}

/**
 * Every request asks for the next due transition before its handler runs, and nearly always none is due. The store
 * keeps a lower bound on the earliest due time in JavaScript and answers "none" below it without a query; only this
 * store writes the table, so the bound holds: a schedule lowers it, a removal can only leave it low, and anything that
 * may have brought back an earlier row (a rollback, a reset, an import) forgets it.
 */
function createTransitionStore(sql: ReturnType<typeof preparer>): TrackedTransitionStore {
  let noneDueBefore = Number.NEGATIVE_INFINITY;
  const earliest = (): TransitionRecord | undefined => {
    const row = sql('SELECT * FROM transitions ORDER BY due, id LIMIT 1').get() as TransitionRow | undefined;
    noneDueBefore = row ? row.due : Number.POSITIVE_INFINITY;
    return row && toTransition(row);
  };
  return {
    forgetEarliest() {
      noneDueBefore = Number.NEGATIVE_INFINITY;
    },
    schedule(scope, due, kind, target, payload = null) {
      sql('INSERT INTO transitions (account, region, due, kind, target, payload) VALUES (?, ?, ?, ?, ?, ?)').run(
        scope.account,
        scope.region,
        due,
        kind,
        target,
        JSON.stringify(payload),
      );
      noneDueBefore = Math.min(noneDueBefore, due);
    },
    nextDue(now) {
      if (now < noneDueBefore) return undefined;
      const next = earliest();
      return next && next.due <= now ? next : undefined;
    },
    earliest,
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

function exportSnapshot(sql: ReturnType<typeof preparer>): StoreSnapshot {
  return snapshotOf(readExport((query) => sql(query).all() as Row[]));
}

/**
 * Writes a snapshot into emptied tables; rows go in in the snapshot's order, so listings keep that order. History is
 * not part of a snapshot: each imported association starts its history with its current state, at its `updated`.
 */
function importSnapshot(sql: ReturnType<typeof preparer>, snapshot: StoreSnapshot): void {
  for (const table of SCOPED_TABLES) sql(`DELETE FROM ${table}`).run();
  const resource = sql('INSERT INTO resources (account, region, kind, id, data) VALUES (?, ?, ?, ?, ?)');
  for (const r of snapshot.resources) resource.run(r.account, r.region, r.kind, r.id, JSON.stringify(r.doc));
  const associations = createAssociationStore(sql);
  for (const { account, region, ...row } of snapshot.associations) associations.put({ account, region }, row);
  const transitions = createTransitionStore(sql);
  for (const t of snapshot.transitions) {
    transitions.schedule({ account: t.account, region: t.region }, t.due, t.kind, t.target, t.payload);
  }
  const tag = sql('INSERT INTO tags (account, region, resource_id, key, value) VALUES (?, ?, ?, ?, ?)');
  for (const t of snapshot.tags) tag.run(t.account, t.region, t.resourceId, t.key, t.value ?? null);
  const permission = sql(
    'INSERT INTO image_permissions (account, region, image_id, shared_account) VALUES (?, ?, ?, ?)',
  );
  for (const p of snapshot.imagePermissions) permission.run(p.account, p.region, p.imageId, p.sharedAccount);
}

export interface SqliteStoreOptions {
  /** Directory for the database file; undefined keeps everything in memory. */
  dataDir: string | undefined;
  /** With a data dir: the WAL size at which a commit checkpoints on the caller's thread (see checkpointer.ts). */
  walBoundBytes?: number;
}

/**
 * better-sqlite3's compiled addon where its install puts it; naming it spares the search through a dozen candidate
 * paths that better-sqlite3 otherwise makes on the first open (~4 ms of every start). Undefined: let it search.
 */
function resolveAddon(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    return undefined;
  }
}

/** Resolved once for every store the process opens. */
const nativeBinding = resolveAddon();

export function openSqliteStore(options: SqliteStoreOptions): Store {
  const path = options.dataDir === undefined ? undefined : join(options.dataDir, 'workspaces-local.sqlite');
  if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true });
  const db = new Database(path ?? ':memory:', { nativeBinding });
  if (path) {
    // WAL: a commit is written to the log before the call returns, so a killed process loses nothing acknowledged.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  const stored = storedSchemaVersion(db);
  if (stored !== undefined && Number(stored) !== SCHEMA_VERSION) {
    db.close();
    throw new Error(`data dir holds schema version ${stored}; this build reads version ${SCHEMA_VERSION}`);
  }
  createSchema(db);
  const sql = preparer(db);
  sql("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)").run(String(SCHEMA_VERSION));

  const totalChanges = db.prepare('SELECT total_changes()').pluck();
  const checkpointer: Checkpointer | undefined = path
    ? startCheckpointer(db, path, options.walBoundBytes ?? DEFAULT_WAL_BOUND_BYTES)
    : undefined;
  // total_changes() still counts what a rolled-back commit undid: each such rollback moves the count on by more than
  // any store will ever write, so no count seen before it can match again.
  let rollbacks = 0;
  const changeCount = () => (totalChanges.get() as number) + rollbacks * 2 ** 40;
  const transitions = createTransitionStore(sql);
  const group: GroupCommit | undefined = path
    ? createGroupCommit(
        db,
        () => checkpointer?.committed(changeCount()),
        () => {
          rollbacks += 1;
          transitions.forgetEarliest();
        },
      )
    : undefined;
  // One wrapper for every transaction: better-sqlite3 nests it as a savepoint when already inside one (always, for a
  // file store: inside its group commit).
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
    transitions,
    tags: createTagStore(sql),
    imagePermissions: createImagePermissionStore(sql),
    countByScope(kinds) {
      const rows = sql(
        `SELECT account, region, kind, count(*) AS n FROM resources WHERE kind IN (SELECT value FROM json_each(?))
         GROUP BY account, region, kind ORDER BY account, region, kind`,
      ).all(JSON.stringify(kinds)) as { account: string; region: string; kind: ResourceKind; n: number }[];
      return rows.map((r) => ({ scope: { account: r.account, region: r.region }, kind: r.kind, count: r.n }));
    },
    getMeta(key) {
      return (sql('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
    },
    setMeta(key, value) {
      sql('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
    },
    transaction<T>(fn: () => T): T {
      try {
        return (group ? group.run(() => runInTransaction(fn)) : runInTransaction(fn)) as T;
      } catch (error) {
        transitions.forgetEarliest();
        throw error;
      }
    },
    settled: () => group?.settled() ?? SETTLED,
    changeCount,
    reset(filter) {
      transitions.forgetEarliest();
      db.transaction(() => {
        for (const table of SCOPED_TABLES) {
          if (!filter) sql(`DELETE FROM ${table}`).run();
          else if (filter.region === undefined) sql(`DELETE FROM ${table} WHERE account = ?`).run(filter.account);
          else sql(`DELETE FROM ${table} WHERE account = ? AND region = ?`).run(filter.account, filter.region);
        }
      })();
    },
    exportAll() {
      return exportSnapshot(sql);
    },
    importAll(snapshot) {
      try {
        runInTransaction(() => importSnapshot(sql, snapshot));
      } finally {
        transitions.forgetEarliest();
      }
    },
    close() {
      if (!db.open) return;
      group?.flush();
      checkpointer?.stop();
      db.close();
    },
  };
}
