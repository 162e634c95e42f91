// The store contract, run against both implementations (SQLite in memory, and PostgreSQL on a throwaway cluster when
// it is installed): documents, listing order and paging, transitions, tags, image permissions, association history,
// reset, export/import and transactions.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PostgresCluster, postgresMissing, startPostgres } from '../../test/helpers/postgres.js';
import { PgError } from './pg-sync.js';
import { openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import { type AssociationRecord, type Scope, type Store, StoreContentionError } from './types.js';

const A: Scope = { account: '111111111111', region: 'us-east-1' };
const B: Scope = { account: '222222222222', region: 'us-east-1' };
const APP = 'wsa-vis21pro1';
const WS = 'ws-123456789';

let store: Store;

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

    it('keeps the history when the association is deleted, and continues it when it is re-created', () => {
      put('COMPLETED', 1_000);
      store.associations.delete(A, 'WORKSPACE', WS, APP);
      expect(history()).toEqual([{ state: 'COMPLETED', at: 1_000 }]);
      put('PENDING_INSTALL_DEPLOYMENT', 2_000);
      store.associations.deleteForResource(A, 'WORKSPACE', WS);
      expect(history().map((e) => e.state)).toEqual(['COMPLETED', 'PENDING_INSTALL_DEPLOYMENT']);
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

function contractTests() {
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

describe('SQLite store (in memory)', () => {
  beforeEach(() => {
    store?.close();
    store = openSqliteStore({ dataDir: undefined });
  });
  afterAll(() => store.close());
  historyTests();
  contractTests();
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
    expect(store.info).toMatchObject({ kind: 'postgres', schemaVersion: 1 });
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
