// The association history kept by the SQLite store: what put() records, what delete and reset do to it, and how
// history() orders and caps it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite.js';
import type { AssociationRecord, Scope, Store } from './types.js';

const A: Scope = { account: '111111111111', region: 'us-east-1' };
const B: Scope = { account: '222222222222', region: 'us-east-1' };
const APP = 'wsa-vis21pro1';
const WS = 'ws-123456789';

let store: Store;
beforeEach(() => {
  store = openSqliteStore({ dataDir: undefined });
});
afterEach(() => store.close());

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
