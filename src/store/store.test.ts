// The store contract, run against both implementations (SQLite in memory, and PostgreSQL on a throwaway cluster when
// it is installed): documents, listing order and paging, transitions, tags, image permissions, association history
// and its bounds (as stored, and migrated from the schema before them), reset, export/import and transactions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PostgresCluster, postgresMissing, startPostgres } from '../../test/helpers/postgres.js';
import { associationsJson, resourceViewOf } from '../domain/association-json.js';
import { connectSync, PgError } from './pg-sync.js';
import { openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import {
  ASSOCIATION_HISTORY_KEPT,
  type AssociatedResourceType,
  type AssociationRecord,
  type Scope,
  type Store,
  StoreContentionError,
} from './types.js';

const A: Scope = { account: '111111111111', region: 'us-east-1' };
const B: Scope = { account: '222222222222', region: 'us-east-1' };
const APP = 'wsa-vis21pro1';
const WS = 'ws-123456789';

let store: Store;

/** The history rows of a PostgreSQL database, counted on a connection of the test's own. */
function countHistoryRows(url: string): number {
  const raw = connectSync(url);
  try {
    return raw.query('SELECT count(*)::int AS n FROM association_history').rows[0]?.n as number;
  } finally {
    raw.close();
  }
}

/** Puts the association of APP with WS in `state`, as last changed at `updated`. */
function put(state: string, updated: number, scope = A, extra: Partial<AssociationRecord> = {}): void {
  store.associations.put(scope, {
    resourceType: 'WORKSPACE',
    resourceId: WS,
    applicationId: APP,
    state,
    created: 1_000,
    updated,
    ...extra,
  });
}

const history = (scope = A, limit = 20) => store.associations.history(scope, 'WORKSPACE', WS, APP, limit);

/** The states a deployed and uninstalled association goes through, again and again. */
const CYCLE = [
  'PENDING_INSTALL_DEPLOYMENT',
  'PENDING_INSTALL',
  'INSTALLING',
  'COMPLETED',
  'PENDING_UNINSTALL_DEPLOYMENT',
  'PENDING_UNINSTALL',
  'UNINSTALLING',
  'REMOVED',
];

/** Moves the association of APP with `workspaceId` through `changes` states, the i-th at (i + 1) seconds. */
function cycleStates(scope: Scope, workspaceId: string, changes: number): void {
  for (let i = 0; i < changes; i++) {
    store.associations.put(scope, {
      resourceType: 'WORKSPACE',
      resourceId: workspaceId,
      applicationId: APP,
      state: CYCLE[i % CYCLE.length] as string,
      created: 1_000,
      updated: 1_000 * (i + 1),
    });
  }
}

/** Associates APP with `count` WorkSpaces and disassociates it again before any deployment, as the soak does. */
function associateAndDisassociate(count: number): void {
  for (let i = 0; i < count; i++) {
    const workspaceId = `ws-${String(i).padStart(9, '0')}`;
    store.transaction(() => {
      store.associations.put(A, {
        resourceType: 'WORKSPACE',
        resourceId: workspaceId,
        applicationId: APP,
        state: 'PENDING_INSTALL_DEPLOYMENT',
        created: i,
        updated: i,
      });
    });
    store.transaction(() => store.associations.delete(A, 'WORKSPACE', workspaceId, APP));
  }
}

/**
 * What the history table holds, counted by a query of the test's own (the store has no such read): no row outlives
 * its association, and none exceeds an association's cap, whichever way rows are deleted.
 */
function storedHistoryTests(historyRows: () => number) {
  describe('association_history, as stored', () => {
    it('holds no row for associations that were associated and disassociated again', () => {
      put('COMPLETED', 1_000);
      associateAndDisassociate(200);
      expect(historyRows()).toBe(1);
      store.associations.delete(A, 'WORKSPACE', WS, APP);
      expect(historyRows()).toBe(0);
    });

    it(`holds at most ${ASSOCIATION_HISTORY_KEPT} rows for an association however often its state changes`, () => {
      cycleStates(A, WS, 100);
      cycleStates(A, 'ws-000000002', 3);
      expect(historyRows()).toBe(ASSOCIATION_HISTORY_KEPT + 3);
    });

    it("drops a resource's associations' history with them, and a scope's with its reset", () => {
      cycleStates(A, WS, 30);
      cycleStates(B, WS, 30);
      store.associations.deleteForResource(A, 'WORKSPACE', WS);
      expect(historyRows()).toBe(ASSOCIATION_HISTORY_KEPT);
      store.reset({ account: B.account });
      expect(historyRows()).toBe(0);
    });
  });
}

function historyTests() {
  describe('AssociationStore.history', () => {
    it('records the first state and every change, each at the time the association was updated', () => {
      put('PENDING_INSTALL_DEPLOYMENT', 1_000);
      put('PENDING_INSTALL', 1_000);
      put('INSTALLING', 2_000);
      put('COMPLETED', 7_000);
      expect(history()).toEqual([
        { state: 'PENDING_INSTALL_DEPLOYMENT', at: 1_000 },
        { state: 'PENDING_INSTALL', at: 1_000 },
        { state: 'INSTALLING', at: 2_000 },
        { state: 'COMPLETED', at: 7_000 },
      ]);
    });

    it('records nothing for a put that leaves the state unchanged', () => {
      put('INSTALLING', 2_000);
      put('INSTALLING', 3_000);
      put('INSTALLING', 4_000, A, { errorCode: 'X' });
      expect(history()).toEqual([{ state: 'INSTALLING', at: 2_000 }]);
    });

    it('returns the latest entries, oldest first, when capped by the limit', () => {
      ['A1', 'A2', 'A3', 'A4', 'A5'].forEach((state, i) => {
        put(state, 1_000 * (i + 1));
      });
      expect(history(A, 2)).toEqual([
        { state: 'A4', at: 4_000 },
        { state: 'A5', at: 5_000 },
      ]);
    });

    it('drops the history with the association, so a re-created one starts a fresh timeline', () => {
      put('PENDING_INSTALL_DEPLOYMENT', 1_000);
      put('PENDING_INSTALL', 1_500);
      store.associations.delete(A, 'WORKSPACE', WS, APP);
      expect(history()).toEqual([]);
      put('PENDING_INSTALL_DEPLOYMENT', 2_000);
      expect(history()).toEqual([{ state: 'PENDING_INSTALL_DEPLOYMENT', at: 2_000 }]);
      put('COMPLETED', 3_000);
      store.associations.deleteForResource(A, 'WORKSPACE', WS);
      put('COMPLETED', 4_000);
      expect(history()).toEqual([{ state: 'COMPLETED', at: 4_000 }]);
    });

    it(`keeps the latest ${ASSOCIATION_HISTORY_KEPT} states of an association that keeps changing`, () => {
      cycleStates(A, WS, 45);
      const kept = history(A, 1_000);
      expect(kept).toHaveLength(ASSOCIATION_HISTORY_KEPT);
      expect(kept[0]).toEqual({ state: CYCLE[25 % CYCLE.length], at: 26_000 });
      expect(kept.at(-1)).toEqual({ state: CYCLE[44 % CYCLE.length], at: 45_000 });
    });

    it("starts each imported association's history with its current state: a fixture carries no history", () => {
      put('PENDING_INSTALL', 1_000);
      put('INSTALLING', 2_000);
      const snapshot = store.exportAll();
      store.importAll(snapshot);
      expect(history()).toEqual([{ state: 'INSTALLING', at: 2_000 }]);
      expect(store.exportAll()).toEqual(snapshot);
    });

    it('keeps each scope apart, and reset clears the history with the rest of the scope', () => {
      put('INSTALLING', 1_000);
      put('COMPLETED', 2_000, B);
      expect(history(B)).toEqual([{ state: 'COMPLETED', at: 2_000 }]);
      store.reset({ account: A.account });
      expect(history()).toEqual([]);
      expect(history(B)).toHaveLength(1);
      store.reset();
      expect(history(B)).toEqual([]);
    });
  });
}

interface Doc {
  Id: string;
  DirectoryId?: string;
}

/** What forResourceJson must give: the rows forResource reads, written by the resource's view. */
const expectedItems = (scope: Scope, type: AssociatedResourceType, resourceId: string) =>
  associationsJson(resourceViewOf(type), store.associations.forResource(scope, type, resourceId));

/** forResourceJson's bytes as text. */
const listedItems = (scope: Scope, type: AssociatedResourceType, resourceId: string) =>
  store.associations.forResourceJson(scope, type, resourceId).toString('utf8');

function contractTests() {
  describe('AssociationStore.forResourceJson', () => {
    it("lists a resource's associations as its describe's items, in association order, as they change", () => {
      const image = 'wsi-123456789';
      const apps = ['wsa-ccccccccc', 'wsa-aaaaaaaaa', 'wsa-bbbbbbbbb'];
      for (const [i, applicationId] of apps.entries()) {
        store.associations.put(A, {
          resourceType: 'IMAGE',
          resourceId: image,
          applicationId,
          state: 'PENDING_INSTALL',
          created: 1_700_000_000_000 + i,
          updated: 1_700_000_000_000 + i,
        });
      }
      store.associations.put(A, {
        resourceType: 'IMAGE',
        resourceId: image,
        applicationId: 'wsa-aaaaaaaaa',
        state: 'ERROR',
        created: 1_700_000_000_001,
        updated: 1_700_000_009_250,
        errorCode: 'InsufficientDiskSpace',
        errorMessage: 'needs "20" GB — è',
      });
      store.associations.delete(A, 'IMAGE', image, 'wsa-bbbbbbbbb');
      put('COMPLETED', 5_000);
      const items = JSON.parse(`[${listedItems(A, 'IMAGE', image)}]`) as Record<string, unknown>[];
      expect(items.map((item) => [item.AssociatedResourceId, item.State])).toEqual([
        ['wsa-ccccccccc', 'PENDING_INSTALL'],
        ['wsa-aaaaaaaaa', 'ERROR'],
      ]);
      expect(items[1]?.StateReason).toEqual({ ErrorCode: 'InsufficientDiskSpace', ErrorMessage: 'needs "20" GB — è' });
      expect(listedItems(A, 'IMAGE', image)).toBe(expectedItems(A, 'IMAGE', image));
      expect(listedItems(A, 'WORKSPACE', WS)).toBe(expectedItems(A, 'WORKSPACE', WS));
      expect(listedItems(B, 'IMAGE', image)).toBe('');
    });

    it('lists imported associations as their describe does', () => {
      put('INSTALLING', 2_000);
      const snapshot = store.exportAll();
      store.reset();
      store.importAll(snapshot);
      expect(listedItems(A, 'WORKSPACE', WS)).toBe(expectedItems(A, 'WORKSPACE', WS));
      expect(listedItems(A, 'WORKSPACE', WS)).toContain('"State":"INSTALLING"');
    });
  });

  describe('Collection', () => {
    const docs = () => store.collection<Doc>('workspace');

    it('keeps listing order when a document is replaced, and pages by position', () => {
      for (const id of ['w1', 'w2', 'w3']) docs().put(A, id, { Id: id, DirectoryId: id === 'w2' ? 'd-2' : 'd-1' });
      docs().put(A, 'w1', { Id: 'w1', DirectoryId: 'd-9' });
      const first = docs().page(A, 0, 2);
      expect(first.items.map((d) => d.Id)).toEqual(['w1', 'w2']);
      expect(docs().page(A, first.next as number, 2)).toEqual({
        items: [{ Id: 'w3', DirectoryId: 'd-1' }],
        next: undefined,
      });
      expect(docs().get(A, 'w1')).toEqual({ Id: 'w1', DirectoryId: 'd-9' });
      expect(docs().get(B, 'w1')).toBeUndefined();
      expect(
        docs()
          .findBy(A, 'DirectoryId', 'd-1', 0, 10)
          .items.map((d) => d.Id),
      ).toEqual(['w3']);
      expect(docs().count(A)).toBe(3);
      expect(docs().countBy(A, 'DirectoryId', 'd-9')).toBe(1);
      expect(docs().delete(A, 'w2')).toBe(true);
      expect(docs().delete(A, 'w2')).toBe(false);
      expect(store.countByScope(['workspace', 'directory'])).toEqual([{ scope: A, kind: 'workspace', count: 2 }]);
    });
  });

  describe('TransitionStore', () => {
    it('answers the earliest due transition, and cancels by target', () => {
      store.transitions.schedule(A, 2_000, 'k', 't1', { n: 1 });
      store.transitions.schedule(A, 1_000, 'k', 't2');
      expect(store.transitions.nextDue(500)).toBeUndefined();
      const next = store.transitions.nextDue(1_500);
      expect(next).toMatchObject({ scope: A, due: 1_000, kind: 'k', target: 't2', payload: null });
      store.transitions.remove(next?.id as number);
      expect(store.transitions.earliest()).toMatchObject({ target: 't1', payload: { n: 1 } });
      expect(store.transitions.pending(A, 't1')).toHaveLength(1);
      store.transitions.cancel(A, 't1');
      expect(store.transitions.count()).toBe(0);
    });
  });

  describe('TagStore and ImagePermissionStore', () => {
    it('stores, replaces and removes tags in key order; grants and revokes image sharing', () => {
      store.tags.put(A, 'r', [{ Key: 'b', Value: '1' }, { Key: 'a' }]);
      store.tags.put(A, 'r', [{ Key: 'b', Value: '2' }]);
      expect(store.tags.get(A, 'r')).toEqual([{ Key: 'a' }, { Key: 'b', Value: '2' }]);
      store.tags.remove(A, 'r', ['a']);
      expect(store.tags.get(A, 'r')).toEqual([{ Key: 'b', Value: '2' }]);
      store.tags.removeAll(A, 'r');
      expect(store.tags.get(A, 'r')).toEqual([]);
      store.imagePermissions.grant(A, 'wsi-1', B.account);
      store.imagePermissions.grant(A, 'wsi-1', B.account);
      expect(store.imagePermissions.accountsFor(A, 'wsi-1')).toEqual([B.account]);
      expect(store.imagePermissions.sharedWith(B)).toEqual([{ owner: A.account, imageId: 'wsi-1' }]);
      expect(store.imagePermissions.isSharedWith(A, 'wsi-1', B.account)).toBe(true);
      store.imagePermissions.revoke(A, 'wsi-1', B.account);
      expect(store.imagePermissions.isSharedWith(A, 'wsi-1', B.account)).toBe(false);
    });
  });

  describe('transactions, export and import', () => {
    it('writes everything or nothing', () => {
      expect(() =>
        store.transaction(() => {
          store.collection<Doc>('image').put(A, 'i1', { Id: 'i1' });
          throw new Error('handler failed');
        }),
      ).toThrow('handler failed');
      expect(store.collection<Doc>('image').get(A, 'i1')).toBeUndefined();
      store.transaction(() => store.collection<Doc>('image').put(A, 'i1', { Id: 'i1' }));
      expect(store.collection<Doc>('image').get(A, 'i1')).toEqual({ Id: 'i1' });
    });

    it('exports every scoped row and imports it back in the same order', () => {
      store.collection<Doc>('bundle').put(A, 'b2', { Id: 'b2' });
      store.collection<Doc>('bundle').put(B, 'b1', { Id: 'b1' });
      put('COMPLETED', 5_000);
      store.transitions.schedule(A, 9_000, 'k', 'b2', { x: 'y' });
      store.tags.put(A, 'b2', [{ Key: 'k', Value: 'v' }]);
      store.imagePermissions.grant(A, 'wsi-2', B.account);
      store.setMeta('clock', 'kept');
      const snapshot = store.exportAll();
      store.reset();
      expect(store.collection<Doc>('bundle').count(A)).toBe(0);
      expect(store.getMeta('clock')).toBe('kept');
      store.importAll(snapshot);
      expect(store.exportAll()).toEqual(snapshot);
      expect(store.collection<Doc>('bundle').page(B, 0, 5).items).toEqual([{ Id: 'b1' }]);
    });
  });
}

/**
 * Writes, as the schema before bounded history did, 50 associations associated and disassociated (each leaving its
 * one history row behind) and one association through 30 states. Plain SQL that both databases read.
 */
function writeUnboundedHistory(run: (sql: string) => unknown): void {
  const columns = 'account, region, resource_type, resource_id, application_id, state, created, updated';
  const row = (workspaceId: string, state: string, at: number) =>
    `('${A.account}', '${A.region}', 'WORKSPACE', '${workspaceId}', '${APP}', '${state}', ${at}, ${at})`;
  for (let i = 0; i < 50; i++) {
    const workspaceId = `ws-${String(i).padStart(9, '0')}`;
    run(`INSERT INTO associations (${columns}) VALUES ${row(workspaceId, 'PENDING_INSTALL_DEPLOYMENT', i)}`);
    run(`DELETE FROM associations WHERE resource_id = '${workspaceId}'`);
  }
  run(`INSERT INTO associations (${columns}) VALUES ${row(WS, CYCLE[0] as string, 1_000)}`);
  for (let i = 1; i < 30; i++) {
    run(
      `UPDATE associations SET state = '${CYCLE[i % CYCLE.length]}', updated = ${1_000 * (i + 1)} WHERE resource_id = '${WS}'`,
    );
  }
}

/** What a store opened on writeUnboundedHistory()'s rows must hold: WS's latest 20 states, and bounded from now on. */
function expectBoundedAfterMigration(opened: Store, historyRows: () => number): void {
  const kept = opened.associations.history(A, 'WORKSPACE', WS, APP, 1_000);
  expect(kept).toHaveLength(ASSOCIATION_HISTORY_KEPT);
  expect(kept[0]).toEqual({ state: CYCLE[10 % CYCLE.length], at: 11_000 });
  expect(historyRows()).toBe(ASSOCIATION_HISTORY_KEPT);
  const last = kept.at(-1)?.state;
  opened.associations.put(A, {
    resourceType: 'WORKSPACE',
    resourceId: WS,
    applicationId: APP,
    state: last === 'COMPLETED' ? 'REMOVED' : 'COMPLETED',
    created: 1_000,
    updated: 99_000,
  });
  expect(historyRows()).toBe(ASSOCIATION_HISTORY_KEPT);
  opened.associations.delete(A, 'WORKSPACE', WS, APP);
  expect(historyRows()).toBe(0);
}

describe('SQLite store (in memory)', () => {
  beforeEach(() => {
    store?.close();
    store = openSqliteStore({ dataDir: undefined });
  });
  afterAll(() => store.close());
  historyTests();
  contractTests();
});

describe('SQLite store (data dir)', () => {
  const dirs: string[] = [];
  const readers: Database.Database[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'workspaces-local-store-'));
    dirs.push(dir);
    return dir;
  };
  /** A second, read-only connection to the store's file, counting its history rows. */
  const historyRowsIn = (dir: string) => {
    const reader = new Database(join(dir, 'workspaces-local.sqlite'), { readonly: true });
    readers.push(reader);
    const count = reader.prepare('SELECT count(*) FROM association_history').pluck();
    return () => count.get() as number;
  };
  let historyRows: () => number;
  beforeAll(() => {
    const dir = dataDir();
    store = openSqliteStore({ dataDir: dir });
    historyRows = historyRowsIn(dir);
  });
  afterAll(() => {
    for (const reader of readers) reader.close();
    store?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => store.reset());
  storedHistoryTests(() => historyRows());

  /** A data dir as the schema before bounded history left it, recording `version`, with writeUnboundedHistory's rows. */
  function unboundedDataDir(version: string): string {
    const dir = dataDir();
    const file = new Database(join(dir, 'workspaces-local.sqlite'));
    try {
      // The tables and triggers of the schema before: no delete trigger, no cap.
      file.exec(`
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        INSERT INTO meta (key, value) VALUES ('schema_version', '${version}');
        CREATE TABLE associations (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          account TEXT NOT NULL, region TEXT NOT NULL,
          resource_type TEXT NOT NULL, resource_id TEXT NOT NULL, application_id TEXT NOT NULL,
          state TEXT NOT NULL, created REAL NOT NULL, updated REAL NOT NULL, error_code TEXT, error_message TEXT);
        CREATE UNIQUE INDEX associations_by_resource
          ON associations (account, region, resource_type, resource_id, application_id);
        CREATE TABLE association_history (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          account TEXT NOT NULL, region TEXT NOT NULL,
          resource_type TEXT NOT NULL, resource_id TEXT NOT NULL, application_id TEXT NOT NULL,
          state TEXT NOT NULL, at REAL NOT NULL);
        CREATE INDEX association_history_by_association
          ON association_history (account, region, resource_type, resource_id, application_id, seq);
        CREATE TRIGGER association_history_on_insert AFTER INSERT ON associations BEGIN
          INSERT INTO association_history (account, region, resource_type, resource_id, application_id, state, at)
          VALUES (NEW.account, NEW.region, NEW.resource_type, NEW.resource_id, NEW.application_id, NEW.state, NEW.updated);
        END;
        CREATE TRIGGER association_history_on_state_change AFTER UPDATE OF state ON associations
          WHEN OLD.state IS NOT NEW.state BEGIN
          INSERT INTO association_history (account, region, resource_type, resource_id, application_id, state, at)
          VALUES (NEW.account, NEW.region, NEW.resource_type, NEW.resource_id, NEW.application_id, NEW.state, NEW.updated);
        END;`);
      writeUnboundedHistory((sql) => file.exec(sql));
    } finally {
      file.close();
    }
    return dir;
  }

  it('bounds the history of a data dir written before history was bounded, when it opens it', () => {
    const dir = unboundedDataDir('1');
    expect(historyRowsIn(dir)()).toBe(50 + 30);
    const opened = openSqliteStore({ dataDir: dir });
    try {
      expectBoundedAfterMigration(opened, historyRowsIn(dir));
    } finally {
      opened.close();
    }
  });

  it('writes the item of every association of a data dir written before items were kept, and reads rows without one', () => {
    const dir = unboundedDataDir('1');
    const opened = openSqliteStore({ dataDir: dir });
    try {
      const reader = new Database(join(dir, 'workspaces-local.sqlite'));
      readers.push(reader);
      expect(reader.prepare('SELECT count(*) FROM associations WHERE item IS NULL').pluck().get()).toBe(0);
      const listed = () => opened.associations.forResourceJson(A, 'WORKSPACE', WS).toString('utf8');
      const expected = associationsJson(
        'WorkspaceResourceAssociation',
        opened.associations.forResource(A, 'WORKSPACE', WS),
      );
      expect(listed()).toBe(expected);
      expect(listed()).toContain(`"WorkspaceId":"${WS}"`);
      // A build that kept no item may still write to the file.
      reader.exec('UPDATE associations SET item = NULL');
      expect(listed()).toBe(expected);
    } finally {
      opened.close();
    }
  });

  it('refuses a data dir of another schema version before changing anything in it', () => {
    const dir = unboundedDataDir('7');
    expect(() => openSqliteStore({ dataDir: dir })).toThrow(
      'data dir holds schema version 7; this build reads version 1',
    );
    expect(historyRowsIn(dir)()).toBe(50 + 30);
  });
});

const missing = postgresMissing();
if (missing) console.warn(`PostgreSQL store tests skipped: ${missing}`);

describe.skipIf(missing !== undefined)('PostgreSQL store', () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgres();
    store = openPostgresStore({ url: cluster.createDatabase('store') });
  });
  afterAll(() => {
    store?.close();
    cluster?.stop();
  });
  beforeEach(() => store.reset());
  historyTests();
  contractTests();
  storedHistoryTests(() => countHistoryRows(store.info.database as string));

  it('migrates a version 1 database: the history of deleted associations goes, the rest is capped', () => {
    const url = cluster.createDatabase('version_1');
    openPostgresStore({ url }).close();
    const raw = connectSync(url);
    try {
      // Back to version 1's triggers: history appended on every write, never deleted.
      raw.query(`
        DROP TRIGGER association_history_on_delete ON associations;
        DROP FUNCTION association_history_drop();
        CREATE OR REPLACE FUNCTION association_history_append() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' OR OLD.state IS DISTINCT FROM NEW.state THEN
            INSERT INTO association_history (account, region, resource_type, resource_id, application_id, state, at)
            VALUES (NEW.account, NEW.region, NEW.resource_type, NEW.resource_id, NEW.application_id, NEW.state,
              NEW.updated);
          END IF;
          RETURN NULL;
        END $$;
        UPDATE meta SET value = '1' WHERE key = 'schema_version';`);
      writeUnboundedHistory((sql) => raw.query(sql));
      expect(countHistoryRows(url)).toBe(50 + 30);
    } finally {
      raw.close();
    }
    const migrated = openPostgresStore({ url });
    try {
      expect(migrated.info.schemaVersion).toBe(2);
      expectBoundedAfterMigration(migrated, () => countHistoryRows(url));
    } finally {
      migrated.close();
    }
  });

  it('refuses a transaction that conflicts past every retry, applying nothing of it', () => {
    let attempts = 0;
    expect(() =>
      store.transaction(() => {
        attempts += 1;
        store.collection<Doc>('directory').put(A, 'd1', { Id: 'd1' });
        throw new PgError('could not serialize access', '40001');
      }),
    ).toThrow(StoreContentionError);
    expect(attempts).toBe(30);
    expect(store.collection<Doc>('directory').get(A, 'd1')).toBeUndefined();
  });

  it('names itself and its schema version, and a second instance adopts the schema', () => {
    expect(store.info).toMatchObject({ kind: 'postgres', schemaVersion: 2 });
    const url = store.info.database as string;
    const other = openPostgresStore({ url });
    try {
      store.collection<Doc>('directory').put(A, 'd1', { Id: 'd1' });
      expect(other.collection<Doc>('directory').get(A, 'd1')).toEqual({ Id: 'd1' });
    } finally {
      other.close();
    }
  });
});
