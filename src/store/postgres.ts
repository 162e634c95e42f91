// The shared Store: PostgreSQL, for several emulator instances that must behave as one. Every request is one
// SERIALIZABLE transaction on this instance's one connection; a serialization failure or deadlock rolls it back and
// runs it again here, so concurrent conflicting requests end as if one ran first and the caller never sees the clash.
import { associationsJson, resourceViewOf } from '../domain/association-json.js';
import { connectSync, PgError, type SyncPg } from './pg-sync.js';
import { associationKey, readExport, SCOPED_TABLES, sameAssociation, snapshotOf, toAssociation } from './rows.js';
import type {
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
  TagStore,
  TransitionRecord,
  TransitionStore,
} from './types.js';
import { SETTLED, StoreContentionError } from './types.js';

/** The PostgreSQL schema's version: its own, since its migrations are not SQLite's. */
export const POSTGRES_SCHEMA_VERSION = 2;

const indexedFields: readonly IndexedField[] = ['DirectoryId', 'BundleId', 'ImageId', 'UserName', 'WorkspaceName'];

/** Byte order, as SQLite compares text: listings sort the same whatever the database's locale. */
const TEXT = 'TEXT COLLATE "C" NOT NULL';

/** Indexed document field, the expression every findBy() query repeats so the index serves it. */
const field = (f: IndexedField) => `((data::jsonb) ->> '${f}')`;

/** Each entry takes the schema from the version before it to its own number (index + 1). */
const migrations: readonly string[] = [
  `
CREATE TABLE resources (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account ${TEXT}, region ${TEXT}, kind ${TEXT}, id ${TEXT}, data TEXT NOT NULL);
CREATE UNIQUE INDEX resources_by_id ON resources (account, region, kind, id);
CREATE INDEX resources_by_kind ON resources (account, region, kind, seq);
${indexedFields.map((f) => `CREATE INDEX resources_by_${f} ON resources (account, region, kind, ${field(f)}, seq);`).join('\n')}
CREATE TABLE associations (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account ${TEXT}, region ${TEXT}, resource_type ${TEXT}, resource_id ${TEXT}, application_id ${TEXT},
  state TEXT NOT NULL, created DOUBLE PRECISION NOT NULL, updated DOUBLE PRECISION NOT NULL,
  error_code TEXT, error_message TEXT);
CREATE UNIQUE INDEX associations_by_resource
  ON associations (account, region, resource_type, resource_id, application_id);
CREATE INDEX associations_by_application_type ON associations (account, region, application_id, resource_type, seq);
CREATE TABLE association_history (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account ${TEXT}, region ${TEXT}, resource_type ${TEXT}, resource_id ${TEXT}, application_id ${TEXT},
  state TEXT NOT NULL, at DOUBLE PRECISION NOT NULL);
CREATE INDEX association_history_by_association
  ON association_history (account, region, resource_type, resource_id, application_id, seq);
-- As in the SQLite store, the database appends each state an association enters: on insert and on a changed state.
CREATE FUNCTION association_history_append() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR OLD.state IS DISTINCT FROM NEW.state THEN
    INSERT INTO association_history (account, region, resource_type, resource_id, application_id, state, at)
    VALUES (NEW.account, NEW.region, NEW.resource_type, NEW.resource_id, NEW.application_id, NEW.state, NEW.updated);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER association_history_on_write AFTER INSERT OR UPDATE ON associations
  FOR EACH ROW EXECUTE FUNCTION association_history_append();
CREATE TABLE transitions (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account ${TEXT}, region ${TEXT}, due DOUBLE PRECISION NOT NULL, kind ${TEXT}, target ${TEXT}, payload TEXT NOT NULL);
CREATE INDEX transitions_by_due ON transitions (due, id);
CREATE INDEX transitions_by_target ON transitions (account, region, target);
CREATE TABLE tags (
  account ${TEXT}, region ${TEXT}, resource_id ${TEXT}, key ${TEXT}, value TEXT,
  PRIMARY KEY (account, region, resource_id, key));
CREATE TABLE image_permissions (
  account ${TEXT}, region ${TEXT}, image_id ${TEXT}, shared_account ${TEXT},
  PRIMARY KEY (account, region, image_id, shared_account));
CREATE INDEX image_permissions_by_grantee ON image_permissions (shared_account, region);
`,
  // 2: history bounded by what is stored, as in the SQLite store: a changed state drops the association's oldest row
  // past its latest 20 (ASSOCIATION_HISTORY_KEPT), a deleted association takes its history with it, and the history
  // of associations deleted before this version goes now.
  `
CREATE OR REPLACE FUNCTION association_history_append() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.state IS NOT DISTINCT FROM NEW.state THEN
    RETURN NULL;
  END IF;
  INSERT INTO association_history (account, region, resource_type, resource_id, application_id, state, at)
  VALUES (NEW.account, NEW.region, NEW.resource_type, NEW.resource_id, NEW.application_id, NEW.state, NEW.updated);
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM association_history WHERE seq = (
      SELECT seq FROM association_history WHERE ${sameAssociation('NEW')} ORDER BY seq DESC LIMIT 1 OFFSET 20);
  END IF;
  RETURN NULL;
END $$;
CREATE FUNCTION association_history_drop() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM association_history WHERE ${sameAssociation('OLD')};
  RETURN NULL;
END $$;
CREATE TRIGGER association_history_on_delete AFTER DELETE ON associations
  FOR EACH ROW EXECUTE FUNCTION association_history_drop();
DELETE FROM association_history h WHERE NOT EXISTS (
  SELECT 1 FROM associations a WHERE ${sameAssociation('h', (c) => `a.${c}`)});
DELETE FROM association_history WHERE seq IN (
  SELECT seq FROM (
    SELECT seq, row_number() OVER (PARTITION BY ${associationKey.join(', ')} ORDER BY seq DESC) AS newer
    FROM association_history) ranked
  WHERE newer > 20);
`,
];

/** Held while one instance creates or migrates the schema: instances starting together take turns. */
const MIGRATION_LOCK = 'SELECT pg_advisory_lock(7305841263)';
const MIGRATION_UNLOCK = 'SELECT pg_advisory_unlock(7305841263)';

/** SQLSTATEs after which the whole transaction is run again: serialization failure, deadlock. */
const RETRYABLE = new Set(['40001', '40P01']);
/** Conflicting requests retry this often before the request is refused as throttled (StoreContentionError). */
const MAX_ATTEMPTS = 30;

const isRetryable = (error: unknown) => error instanceof PgError && RETRYABLE.has(error.code ?? '');

const sleepFlag = new Int32Array(new SharedArrayBuffer(4));
/** A random pause that grows with the attempt, so instances in a conflict do not meet again in step. */
function backOff(attempt: number): void {
  Atomics.wait(sleepFlag, 0, 0, Math.random() * Math.min(50, 2 ** attempt));
}

/** Creates or migrates the schema to POSTGRES_SCHEMA_VERSION under an advisory lock; throws for a newer schema. */
function migrate(db: SyncPg): void {
  db.query(MIGRATION_LOCK);
  try {
    db.query('CREATE TABLE IF NOT EXISTS meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL)');
    const stored = Number(db.query("SELECT value FROM meta WHERE key = 'schema_version'").rows[0]?.value ?? 0);
    if (stored > POSTGRES_SCHEMA_VERSION) {
      throw new Error(
        `the database holds schema version ${stored}; this build reads version ${POSTGRES_SCHEMA_VERSION}`,
      );
    }
    for (let version = stored + 1; version <= POSTGRES_SCHEMA_VERSION; version++) {
      db.query('BEGIN');
      try {
        db.query(migrations[version - 1] as string);
        db.query(
          `INSERT INTO meta (key, value) VALUES ('schema_version', $1)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
          [String(version)],
        );
        db.query('COMMIT');
      } catch (error) {
        db.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    db.query(MIGRATION_UNLOCK);
  }
}

type Query = (text: string, values?: readonly unknown[]) => Record<string, unknown>[];

function toPage<T>(rows: Record<string, unknown>[], limit: number): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return {
    items: kept.map((r) => JSON.parse(r.data as string) as T),
    next: more ? (kept[kept.length - 1]?.seq as number) : undefined,
  };
}

function createCollection<T>(q: Query, kind: ResourceKind): Collection<T> {
  const where = 'account = $1 AND region = $2 AND kind = $3';
  return {
    get(scope, id) {
      const row = q(`SELECT data FROM resources WHERE ${where} AND id = $4`, [
        scope.account,
        scope.region,
        kind,
        id,
      ])[0];
      return row ? (JSON.parse(row.data as string) as T) : undefined;
    },
    put(scope, id, doc) {
      q(
        `INSERT INTO resources (account, region, kind, id, data) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (account, region, kind, id) DO UPDATE SET data = excluded.data`,
        [scope.account, scope.region, kind, id, JSON.stringify(doc)],
      );
    },
    delete(scope, id) {
      return (
        q(`DELETE FROM resources WHERE ${where} AND id = $4 RETURNING 1`, [scope.account, scope.region, kind, id])
          .length > 0
      );
    },
    page(scope, after, limit) {
      const rows = q(`SELECT seq, data FROM resources WHERE ${where} AND seq > $4 ORDER BY seq LIMIT $5`, [
        scope.account,
        scope.region,
        kind,
        after,
        limit + 1,
      ]);
      return toPage<T>(rows, limit);
    },
    findBy(scope, f, value, after, limit) {
      const rows = q(
        `SELECT seq, data FROM resources WHERE ${where} AND ${field(f)} = $4 AND seq > $5 ORDER BY seq LIMIT $6`,
        [scope.account, scope.region, kind, value, after, limit + 1],
      );
      return toPage<T>(rows, limit);
    },
    count(scope) {
      return q(`SELECT count(*) AS n FROM resources WHERE ${where}`, [scope.account, scope.region, kind])[0]
        ?.n as number;
    },
    countBy(scope, f, value) {
      return q(`SELECT count(*) AS n FROM resources WHERE ${where} AND ${field(f)} = $4`, [
        scope.account,
        scope.region,
        kind,
        value,
      ])[0]?.n as number;
    },
  };
}

function putAssociation(q: Query, account: string, region: string, r: AssociationRecord): void {
  q(
    `INSERT INTO associations
       (account, region, resource_type, resource_id, application_id, state, created, updated, error_code, error_message)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (account, region, resource_type, resource_id, application_id) DO UPDATE SET
       state = excluded.state, created = excluded.created, updated = excluded.updated,
       error_code = excluded.error_code, error_message = excluded.error_message`,
    [
      account,
      region,
      r.resourceType,
      r.resourceId,
      r.applicationId,
      r.state,
      r.created,
      r.updated,
      r.errorCode ?? null,
      r.errorMessage ?? null,
    ],
  );
}

function createAssociationStore(q: Query): AssociationStore {
  const key = 'account = $1 AND region = $2 AND resource_type = $3 AND resource_id = $4';
  const forResource: AssociationStore['forResource'] = (scope, type, resourceId) =>
    q(`SELECT * FROM associations WHERE ${key} ORDER BY seq`, [scope.account, scope.region, type, resourceId]).map(
      toAssociation,
    );
  return {
    get(scope, type, resourceId, applicationId) {
      const row = q(`SELECT * FROM associations WHERE ${key} AND application_id = $5`, [
        scope.account,
        scope.region,
        type,
        resourceId,
        applicationId,
      ])[0];
      return row && toAssociation(row);
    },
    put(scope, r) {
      putAssociation(q, scope.account, scope.region, r);
    },
    delete(scope, type, resourceId, applicationId) {
      q(`DELETE FROM associations WHERE ${key} AND application_id = $5`, [
        scope.account,
        scope.region,
        type,
        resourceId,
        applicationId,
      ]);
    },
    forResource,
    forResourceJson(scope, type, resourceId) {
      return Buffer.from(associationsJson(resourceViewOf(type), forResource(scope, type, resourceId)), 'utf8');
    },
    history(scope, type, resourceId, applicationId, limit) {
      const rows = q(
        `SELECT state, at FROM (
           SELECT state, at, seq FROM association_history WHERE ${key} AND application_id = $5
           ORDER BY seq DESC LIMIT $6) latest
         ORDER BY seq`,
        [scope.account, scope.region, type, resourceId, applicationId, limit],
      );
      return rows.map((r) => ({ state: r.state as string, at: r.at as number }));
    },
    deleteForResource(scope, type, resourceId) {
      q(`DELETE FROM associations WHERE ${key}`, [scope.account, scope.region, type, resourceId]);
    },
    forApplication(scope, applicationId, types, after, limit) {
      const distinct = [...new Set(types)];
      if (distinct.length === 0) return { items: [], next: undefined };
      const rows = q(
        `SELECT * FROM associations
         WHERE account = $1 AND region = $2 AND application_id = $3 AND resource_type = ANY($4) AND seq > $5
         ORDER BY seq LIMIT $6`,
        [scope.account, scope.region, applicationId, distinct, after, limit + 1],
      );
      const more = rows.length > limit;
      const kept = more ? rows.slice(0, limit) : rows;
      return { items: kept.map(toAssociation), next: more ? (kept[kept.length - 1]?.seq as number) : undefined };
    },
  };
}

function toTransition(row: Record<string, unknown>): TransitionRecord {
  return {
    id: row.id as number,
    scope: { account: row.account as string, region: row.region as string },
    due: row.due as number,
    kind: row.kind as string,
    target: row.target as string,
    payload: JSON.parse(row.payload as string) as unknown,
  };
}

/**
 * No lower bound is kept in JavaScript as the SQLite store does: another instance may schedule an earlier transition
 * at any time, so each check asks the database (one index probe).
 */
function createTransitionStore(q: Query): TransitionStore {
  return {
    schedule(scope, due, kind, target, payload = null) {
      q('INSERT INTO transitions (account, region, due, kind, target, payload) VALUES ($1, $2, $3, $4, $5, $6)', [
        scope.account,
        scope.region,
        due,
        kind,
        target,
        JSON.stringify(payload),
      ]);
    },
    nextDue(now) {
      const row = q('SELECT * FROM transitions WHERE due <= $1 ORDER BY due, id LIMIT 1', [now])[0];
      return row && toTransition(row);
    },
    earliest() {
      const row = q('SELECT * FROM transitions ORDER BY due, id LIMIT 1')[0];
      return row && toTransition(row);
    },
    remove(id) {
      q('DELETE FROM transitions WHERE id = $1', [id]);
    },
    cancel(scope, target) {
      q('DELETE FROM transitions WHERE account = $1 AND region = $2 AND target = $3', [
        scope.account,
        scope.region,
        target,
      ]);
    },
    pending(scope, target) {
      return q('SELECT * FROM transitions WHERE account = $1 AND region = $2 AND target = $3 ORDER BY due, id', [
        scope.account,
        scope.region,
        target,
      ]).map(toTransition);
    },
    count() {
      return q('SELECT count(*) AS n FROM transitions')[0]?.n as number;
    },
  };
}

function createTagStore(q: Query): TagStore {
  const key = 'account = $1 AND region = $2 AND resource_id = $3';
  return {
    get(scope, resourceId) {
      const rows = q(`SELECT key, value FROM tags WHERE ${key} ORDER BY key`, [
        scope.account,
        scope.region,
        resourceId,
      ]);
      return rows.map((r) =>
        r.value === null ? { Key: r.key as string } : { Key: r.key as string, Value: r.value as string },
      );
    },
    put(scope, resourceId, tags) {
      for (const tag of tags) {
        q(
          `INSERT INTO tags (account, region, resource_id, key, value) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (account, region, resource_id, key) DO UPDATE SET value = excluded.value`,
          [scope.account, scope.region, resourceId, tag.Key, tag.Value ?? null],
        );
      }
    },
    remove(scope, resourceId, keys) {
      if (keys.length === 0) return;
      q(`DELETE FROM tags WHERE ${key} AND key = ANY($4)`, [scope.account, scope.region, resourceId, [...keys]]);
    },
    removeAll(scope, resourceId) {
      q(`DELETE FROM tags WHERE ${key}`, [scope.account, scope.region, resourceId]);
    },
  };
}

function createImagePermissionStore(q: Query): ImagePermissionStore {
  const key = 'account = $1 AND region = $2 AND image_id = $3';
  return {
    grant(owner, imageId, account) {
      q(
        `INSERT INTO image_permissions (account, region, image_id, shared_account) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [owner.account, owner.region, imageId, account],
      );
    },
    revoke(owner, imageId, account) {
      q(`DELETE FROM image_permissions WHERE ${key} AND shared_account = $4`, [
        owner.account,
        owner.region,
        imageId,
        account,
      ]);
    },
    accountsFor(owner, imageId) {
      return q(`SELECT shared_account FROM image_permissions WHERE ${key} ORDER BY shared_account`, [
        owner.account,
        owner.region,
        imageId,
      ]).map((r) => r.shared_account as string);
    },
    sharedWith(grantee) {
      return q(
        'SELECT account, image_id FROM image_permissions WHERE shared_account = $1 AND region = $2 ORDER BY account, image_id',
        [grantee.account, grantee.region],
      ).map((r) => ({ owner: r.account as string, imageId: r.image_id as string }));
    },
    isSharedWith(owner, imageId, account) {
      return (
        q(`SELECT 1 FROM image_permissions WHERE ${key} AND shared_account = $4`, [
          owner.account,
          owner.region,
          imageId,
          account,
        ]).length > 0
      );
    },
    removeAll(owner, imageId) {
      q(`DELETE FROM image_permissions WHERE ${key}`, [owner.account, owner.region, imageId]);
    },
  };
}

function exportSnapshot(q: Query): StoreSnapshot {
  return snapshotOf(readExport((query) => q(query)));
}

/** As in the SQLite store: rows go in in the snapshot's order, and each association's history starts anew. */
function importSnapshot(q: Query, snapshot: StoreSnapshot): void {
  for (const table of SCOPED_TABLES) q(`DELETE FROM ${table}`);
  for (const r of snapshot.resources) {
    q('INSERT INTO resources (account, region, kind, id, data) VALUES ($1, $2, $3, $4, $5)', [
      r.account,
      r.region,
      r.kind,
      r.id,
      JSON.stringify(r.doc),
    ]);
  }
  for (const { account, region, ...row } of snapshot.associations) putAssociation(q, account, region, row);
  const transitions = createTransitionStore(q);
  for (const t of snapshot.transitions) {
    transitions.schedule({ account: t.account, region: t.region }, t.due, t.kind, t.target, t.payload);
  }
  for (const t of snapshot.tags) {
    q('INSERT INTO tags (account, region, resource_id, key, value) VALUES ($1, $2, $3, $4, $5)', [
      t.account,
      t.region,
      t.resourceId,
      t.key,
      t.value ?? null,
    ]);
  }
  for (const p of snapshot.imagePermissions) {
    q('INSERT INTO image_permissions (account, region, image_id, shared_account) VALUES ($1, $2, $3, $4)', [
      p.account,
      p.region,
      p.imageId,
      p.sharedAccount,
    ]);
  }
}

/** The URL as shown (health, banner): any password is replaced. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable)';
  }
}

const BEGIN = 'BEGIN ISOLATION LEVEL SERIALIZABLE';

/**
 * This instance's connection as the store uses it: counts the rows it changed, notes a serialization failure or
 * deadlock any statement hit (even one the handler swallowed), and sends a transaction's BEGIN with its first
 * statement, in one trip to the worker thread (a transaction that runs no statement costs no trip at all).
 */
class Session {
  changes = 0;
  conflict = false;
  private beginPending = false;

  constructor(private readonly db: SyncPg) {}

  readonly query: Query = (text, values) => {
    const prefix = this.beginPending ? BEGIN : undefined;
    this.beginPending = false;
    try {
      const result = this.db.query(text, values, prefix);
      if (!text.startsWith('SELECT')) this.changes += result.rowCount;
      return result.rows;
    } catch (error) {
      if (isRetryable(error)) this.conflict = true;
      throw error;
    }
  };

  begin(): void {
    this.conflict = false;
    this.beginPending = true;
  }

  commit(): void {
    if (this.conflict) throw new PgError('a statement of this transaction hit a conflict', '40001');
    if (this.beginPending) this.beginPending = false;
    else this.db.query('COMMIT');
  }

  /** Ends a failed transaction; a connection too broken to roll back leaves the original error to report. */
  rollBack(): void {
    if (this.beginPending) {
      this.beginPending = false;
      return;
    }
    try {
      this.db.query('ROLLBACK');
    } catch {
      // The server ends the transaction itself when the connection drops.
    }
  }

  /** Runs fn inside a savepoint of the open transaction: its failure undoes only its own writes. */
  savepoint<T>(name: string, fn: () => T): T {
    this.query(`SAVEPOINT ${name}`);
    try {
      const result = fn();
      this.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      if (!this.conflict) this.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
  }
}

/**
 * Runs fn as one SERIALIZABLE transaction, again from the start after a serialization failure or deadlock, with a
 * growing random pause between attempts. A transaction begun inside one is a savepoint.
 */
function serializableRunner(session: Session) {
  let depth = 0;
  return <T>(fn: () => T): T => {
    if (depth > 0) {
      depth += 1;
      try {
        return session.savepoint(`s${depth}`, fn);
      } finally {
        depth -= 1;
      }
    }
    for (let attempt = 1; ; attempt++) {
      session.begin();
      depth = 1;
      try {
        const result = fn();
        session.commit();
        return result;
      } catch (error) {
        session.rollBack();
        if (!(isRetryable(error) || session.conflict)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw new StoreContentionError(attempt);
        backOff(attempt);
      } finally {
        depth = 0;
      }
    }
  };
}

export interface PostgresStoreOptions {
  /** postgres://USER[:PASSWORD]@HOST:PORT/DB */
  url: string;
}

export function openPostgresStore(options: PostgresStoreOptions): Store {
  const db = connectSync(options.url);
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const session = new Session(db);
  const q = session.query;
  const transaction = serializableRunner(session);
  const collections = new Map<ResourceKind, Collection<unknown>>();
  const info: StoreInfo = {
    kind: 'postgres',
    path: undefined,
    database: redactedUrl(options.url),
    schemaVersion: POSTGRES_SCHEMA_VERSION,
  };
  let closed = false;
  return {
    info,
    collection<T>(kind: ResourceKind): Collection<T> {
      let c = collections.get(kind);
      if (!c) {
        c = createCollection<unknown>(q, kind);
        collections.set(kind, c);
      }
      return c as Collection<T>;
    },
    associations: createAssociationStore(q),
    transitions: createTransitionStore(q),
    tags: createTagStore(q),
    imagePermissions: createImagePermissionStore(q),
    countByScope(kinds) {
      const rows = q(
        `SELECT account, region, kind, count(*) AS n FROM resources WHERE kind = ANY($1)
         GROUP BY account, region, kind ORDER BY account, region, kind`,
        [[...kinds]],
      );
      return rows.map((r) => ({
        scope: { account: r.account as string, region: r.region as string },
        kind: r.kind as ResourceKind,
        count: r.n as number,
      }));
    },
    getMeta(key) {
      return q('SELECT value FROM meta WHERE key = $1', [key])[0]?.value as string | undefined;
    },
    setMeta(key, value) {
      q('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
        key,
        value,
      ]);
    },
    transaction,
    // A request's COMMIT has returned before its answer is written: acknowledged writes are already durable.
    settled: () => SETTLED,
    // Only this instance's writes: with this store the answer cache is off (src/server/app.ts), so the count serves
    // only to tell a handler that wrote nothing.
    changeCount: () => session.changes,
    reset(filter) {
      transaction(() => {
        for (const table of SCOPED_TABLES) {
          if (!filter) q(`DELETE FROM ${table}`);
          else if (filter.region === undefined) q(`DELETE FROM ${table} WHERE account = $1`, [filter.account]);
          else q(`DELETE FROM ${table} WHERE account = $1 AND region = $2`, [filter.account, filter.region]);
        }
      });
    },
    exportAll() {
      return transaction(() => exportSnapshot(q));
    },
    importAll(snapshot) {
      transaction(() => importSnapshot(q, snapshot));
    },
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
