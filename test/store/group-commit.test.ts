// With a data dir, the requests of one event-loop turn share a commit; each is answered only once that commit is done,
// and a failing one still rolls back alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuthGate } from '../../src/auth/gate.js';
import { resolveConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { createApp } from '../../src/server/app.js';
import { type AwsRequest, handleAwsRequest } from '../../src/server/pipeline.js';
import { createGroupCommit } from '../../src/store/group-commit.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';

const DATABASE = 'workspaces-local.sqlite';

/** A second connection to the file, as another process would have: it sees committed writes only. */
function committedReader(dir: string): { has(key: string): boolean; close(): void } {
  const db = new Database(join(dir, DATABASE), { readonly: true });
  const meta = db.prepare('SELECT 1 FROM meta WHERE key = ?');
  const resource = db.prepare('SELECT 1 FROM resources WHERE id = ?');
  return {
    has: (key) => meta.get(key) !== undefined || resource.get(key) !== undefined,
    close: () => db.close(),
  };
}

describe('requests, with a data dir', () => {
  it('are answered only once the commit that holds their writes is done', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'workspaces-local-group-'));
    const app = createApp(resolveConfig({ port: 0, dataDir: dir }), createLogger('silent'));
    const gate = createAuthGate(app.config, app.store);
    const reader = committedReader(dir);
    const createIpGroup = (name: string): AwsRequest => ({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'WorkspacesService.CreateIpGroup' },
      body: Buffer.from(JSON.stringify({ GroupName: name })),
    });
    try {
      // Started in one turn, so they share one commit; each answer is checked the moment it is ready.
      const seenAtAnswer = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          Promise.resolve(handleAwsRequest(app, gate, createIpGroup(`group-${i}`))).then((outcome) => {
            const { GroupId } = JSON.parse(outcome.response.body.toString()) as { GroupId: string };
            return reader.has(GroupId);
          }),
        ),
      );
      expect(seenAtAnswer).toEqual(Array(24).fill(true));
    } finally {
      reader.close();
      app.store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the store', () => {
  const dirs: string[] = [];
  const stores: Store[] = [];
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function open(): { store: Store; dir: string } {
    const dir = mkdtempSync(join(tmpdir(), 'workspaces-local-group-'));
    dirs.push(dir);
    const store = openSqliteStore({ dataDir: dir });
    stores.push(store);
    return { store, dir };
  }

  it('commits the transactions of one turn together, after the turn, and rolls back a failed one alone', async () => {
    const { store, dir } = open();
    const reader = committedReader(dir);
    try {
      store.transaction(() => store.setMeta('first', '1'));
      expect(() =>
        store.transaction(() => {
          store.setMeta('failed', '1');
          throw new Error('refused');
        }),
      ).toThrow('refused');
      store.transaction(() => store.setMeta('second', '1'));
      expect([reader.has('first'), reader.has('second')]).toEqual([false, false]);
      await store.settled();
      expect([reader.has('first'), reader.has('failed'), reader.has('second')]).toEqual([true, false, true]);
    } finally {
      reader.close();
    }
  });

  it('commits a group as soon as it holds four requests, without waiting for the turn to end', () => {
    const { store, dir } = open();
    const reader = committedReader(dir);
    try {
      for (const key of ['a', 'b', 'c']) store.transaction(() => store.setMeta(key, '1'));
      expect(reader.has('c')).toBe(false);
      store.transaction(() => store.setMeta('d', '1'));
      expect(['a', 'b', 'c', 'd'].map((key) => reader.has(key))).toEqual([true, true, true, true]);
      store.transaction(() => store.setMeta('e', '1'));
      expect(reader.has('e')).toBe(false);
    } finally {
      reader.close();
    }
  });

  it('commits what is pending when closed', () => {
    const { store, dir } = open();
    store.transaction(() => store.setMeta('pending', '1'));
    store.close();
    const reader = committedReader(dir);
    expect(reader.has('pending')).toBe(true);
    reader.close();
  });

  it('is settled at once in memory', async () => {
    const store = openSqliteStore({ dataDir: undefined });
    stores.push(store);
    store.transaction(() => store.setMeta('k', 'v'));
    await expect(store.settled()).resolves.toBeUndefined();
  });
});

describe('a commit that fails', () => {
  it('rolls the turn back and rejects settled(), without an unhandled rejection', async () => {
    const statements: string[] = [];
    let inTransaction = false;
    const db = {
      get inTransaction() {
        return inTransaction;
      },
      exec(statement: string) {
        statements.push(statement);
        if (statement === 'BEGIN') inTransaction = true;
        if (statement === 'COMMIT') throw new Error('disk I/O error');
        if (statement === 'ROLLBACK') inTransaction = false;
      },
    };
    let rolledBack = 0;
    const group = createGroupCommit(
      db as never,
      () => {},
      () => (rolledBack += 1),
    );
    group.run(() => undefined);
    const settled = group.settled();
    await expect(settled).rejects.toThrow('disk I/O error');
    expect(statements).toEqual(['BEGIN', 'COMMIT', 'ROLLBACK']);
    expect(rolledBack).toBe(1);
    await expect(group.settled()).resolves.toBeUndefined();
  });
});
