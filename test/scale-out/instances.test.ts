// Three emulator processes on one PostgreSQL database behave as one emulator: read-your-writes across instances, the
// conflict rule for concurrent requests, transitions applied once, one manual clock, reset seen by all, and no
// acknowledged write lost when an instance is killed with kill -9. Each instance is a real child process.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  AssociateWorkspaceApplicationCommand,
  CreateIpGroupCommand,
  CreateTagsCommand,
  CreateWorkspacesCommand,
  DeployWorkspaceApplicationsCommand,
  DescribeTagsCommand,
  DescribeWorkspaceAssociationsCommand,
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspacesCommand,
  RegisterWorkspaceDirectoryCommand,
  WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_IDS } from '../../src/domain/applications-catalog.js';
import { durations } from '../../src/domain/durations.js';
import { POWER_2022 } from '../admin/story.js';
import { type PostgresCluster, postgresMissing, startPostgres } from '../helpers/postgres.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SUBNETS = ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'];
const missing = postgresMissing();
if (missing) console.warn(`Multi-instance tests skipped: ${missing}`);

interface Instance {
  child: ChildProcess;
  endpoint: string;
  exited: Promise<unknown>;
}

const children: ChildProcess[] = [];

/** Starts the command on the database and resolves once it prints its endpoint. */
function startInstance(url: string): Promise<Instance> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WORKSPACES_LOCAL_')));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', '--port', '0', '--clock', 'manual', '--log-level', 'silent'],
    { cwd: ROOT, env: { ...env, WORKSPACES_LOCAL_DATABASE_URL: url } },
  );
  children.push(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /listening on (http:\/\/\S+)/.exec(out);
      if (found?.[1]) resolve({ child, endpoint: found[1], exited });
    });
    child.once('exit', (code) => reject(new Error(`instance exited (${code}) before listening: ${err}`)));
  });
}

function client(instance: Instance): WorkSpacesClient {
  return new WorkSpacesClient({
    endpoint: instance.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: '111111111111', secretAccessKey: 'test-secret' },
    maxAttempts: 1,
  });
}

async function admin(instance: Instance, method: string, path: string, body?: unknown) {
  const res = await fetch(`${instance.endpoint}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

const advance = (instance: Instance, ms: number) =>
  admin(instance, 'POST', '/_emulator/clock', { advanceSeconds: ms / 1000 });

async function directoryIds(instance: Instance): Promise<string[]> {
  const out = await client(instance).send(new DescribeWorkspaceDirectoriesCommand({}));
  return (out.Directories ?? []).map((d) => d.DirectoryId ?? '');
}

async function register(instance: Instance, directoryId: string) {
  await client(instance).send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: directoryId, SubnetIds: SUBNETS }));
}

/** Registers a directory and creates `count` WorkSpaces in it, all AVAILABLE; returns their ids. */
async function availableWorkspaces(instance: Instance, directoryId: string, count: number): Promise<string[]> {
  await register(instance, directoryId);
  await advance(instance, durations.directoryRegister);
  const created = await client(instance).send(
    new CreateWorkspacesCommand({
      Workspaces: Array.from({ length: count }, (_, i) => ({
        DirectoryId: directoryId,
        UserName: `user${i}`,
        BundleId: POWER_2022,
      })),
    }),
  );
  await advance(instance, durations.workspaceCreate);
  return (created.PendingRequests ?? []).map((w) => w.WorkspaceId ?? '');
}

describe.skipIf(missing !== undefined)('three instances on one PostgreSQL database', () => {
  let cluster: PostgresCluster;
  let url: string;
  let a: Instance;
  let b: Instance;
  let c: Instance;

  beforeAll(async () => {
    cluster = await startPostgres();
    url = cluster.createDatabase('instances');
    // Started together: the schema is created once, under the advisory lock.
    [a, b, c] = (await Promise.all([startInstance(url), startInstance(url), startInstance(url)])) as [
      Instance,
      Instance,
      Instance,
    ];
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
    await Promise.all(running.map((child) => new Promise((resolve) => child.once('exit', resolve))));
    cluster?.stop();
  });

  it('each names the PostgreSQL store and its schema version in its health', async () => {
    for (const instance of [a, b, c]) {
      const health = await admin(instance, 'GET', '/_emulator/health');
      expect(health.store).toMatchObject({ kind: 'postgres', schemaVersion: 2 });
      expect(String((health.store as { database: string }).database)).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:/);
    }
  });

  it('reads through every instance what any instance just acknowledged', async () => {
    const instances = [a, b, c];
    for (let i = 0; i < 6; i++) {
      const id = `d-${String(1000000000 + i)}`;
      await register(instances[i % 3] as Instance, id);
      for (const other of [instances[(i + 1) % 3], instances[(i + 2) % 3]] as Instance[]) {
        expect(await directoryIds(other)).toContain(id);
      }
    }
    await client(b).send(new CreateTagsCommand({ ResourceId: 'd-1000000000', Tags: [{ Key: 'team', Value: 'x' }] }));
    const tags = await client(c).send(new DescribeTagsCommand({ ResourceId: 'd-1000000000' }));
    expect(tags.TagList).toEqual([{ Key: 'team', Value: 'x' }]);
  });

  it('continues through any instance a listing another instance paged', async () => {
    const ids: string[] = [];
    let token: string | undefined;
    const instances = [a, b, c];
    for (let page = 0; page < 3; page++) {
      const out = await client(instances[page % 3] as Instance).send(
        new DescribeWorkspaceDirectoriesCommand({ Limit: 2, ...(token !== undefined && { NextToken: token }) }),
      );
      ids.push(...(out.Directories ?? []).map((d) => d.DirectoryId ?? ''));
      token = out.NextToken;
    }
    expect(ids).toEqual(await directoryIds(c));
    expect(ids).toHaveLength(6);
  });

  it('moves one manual clock for all when it is advanced through one', async () => {
    const before = await Promise.all([a, b, c].map((i) => admin(i, 'GET', '/_emulator/clock')));
    expect(new Set(before.map((v) => v.now)).size).toBe(1);
    await register(a, 'd-2000000000');
    await advance(b, 3_600_000);
    const after = await Promise.all([a, b, c].map((i) => admin(i, 'GET', '/_emulator/clock')));
    for (const view of after) {
      expect(view.mode).toBe('manual');
      expect(view.nowEpochSeconds).toBe((before[0]?.nowEpochSeconds as number) + 3600);
    }
    const seen = await client(c).send(new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: ['d-2000000000'] }));
    expect(seen.Directories?.[0]?.State).toBe('REGISTERED');
  });

  it('lets exactly one of concurrent identical associations through three instances succeed', async () => {
    const workspaces = await availableWorkspaces(a, 'd-3000000000', 4);
    for (const workspaceId of workspaces) {
      const results = await Promise.allSettled(
        [a, b, c].map((i) =>
          client(i).send(
            new AssociateWorkspaceApplicationCommand({
              WorkspaceId: workspaceId,
              ApplicationId: APPLICATION_IDS.officeProPlus2021,
            }),
          ),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(refused.map((r) => (r.reason as Error).name)).toEqual([
        'ResourceAlreadyExistsException',
        'ResourceAlreadyExistsException',
      ]);
      const associations = await client(b).send(
        new DescribeWorkspaceAssociationsCommand({
          WorkspaceId: workspaceId,
          AssociatedResourceTypes: ['APPLICATION'],
        }),
      );
      expect(associations.Associations).toHaveLength(1);
    }
  });

  it('applies each due transition once while every instance races to apply it', async () => {
    const workspaces = await availableWorkspaces(a, 'd-4000000000', 4);
    for (const workspaceId of workspaces) {
      await client(a).send(
        new AssociateWorkspaceApplicationCommand({
          WorkspaceId: workspaceId,
          ApplicationId: APPLICATION_IDS.visioPro2021,
        }),
      );
    }
    // Every transition scheduled from here on is logged by the database itself: an applier run twice schedules its
    // follow-up twice, with the same due time.
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      await db.query(`
        CREATE TABLE scheduled_log AS SELECT account, region, target, kind, due FROM transitions WHERE false;
        CREATE FUNCTION log_scheduled() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN INSERT INTO scheduled_log VALUES (NEW.account, NEW.region, NEW.target, NEW.kind, NEW.due); RETURN NULL; END $$;
        CREATE TRIGGER log_scheduled AFTER INSERT ON transitions FOR EACH ROW EXECUTE FUNCTION log_scheduled();`);
      // Speed mode: each step falls due a few microseconds after it is scheduled, so every request on every instance
      // finds the next one due and tries to apply it.
      await admin(a, 'POST', '/_emulator/clock', { mode: 'speed', speedFactor: 1_000_000 });
      await Promise.all(
        workspaces.map((workspaceId, i) =>
          client([a, b, c][i % 3] as Instance).send(
            new DeployWorkspaceApplicationsCommand({ WorkspaceId: workspaceId }),
          ),
        ),
      );
      const readers = Array.from({ length: 30 }, (_, i) =>
        client([a, b, c][i % 3] as Instance).send(new DescribeWorkspacesCommand({ DirectoryId: 'd-4000000000' })),
      );
      await Promise.all(readers);
      await admin(a, 'POST', '/_emulator/clock', { mode: 'manual' });
      await advance(c, durations.applicationQueued + durations.applicationInstall);
      const duplicates = await db.query(
        'SELECT target, kind, due, count(*) AS n FROM scheduled_log GROUP BY 1, 2, 3 HAVING count(*) > 1',
      );
      expect(duplicates.rows).toEqual([]);
      expect((await db.query('SELECT count(*)::int AS n FROM scheduled_log')).rows[0].n).toBeGreaterThan(0);
      for (const workspaceId of workspaces) {
        const out = await client(b).send(
          new DescribeWorkspaceAssociationsCommand({
            WorkspaceId: workspaceId,
            AssociatedResourceTypes: ['APPLICATION'],
          }),
        );
        expect(out.Associations?.map((x) => x.State)).toEqual(['COMPLETED']);
      }
    } finally {
      await db.query('DROP TRIGGER IF EXISTS log_scheduled ON transitions').catch(() => {});
      await db.end();
    }
  });

  it('shows a reset made through one instance to all', async () => {
    expect(await directoryIds(a)).not.toEqual([]);
    await admin(c, 'POST', '/_emulator/reset', {});
    expect(await directoryIds(a)).toEqual([]);
    expect(await directoryIds(b)).toEqual([]);
  });

  it('keeps every acknowledged write when an instance is killed with kill -9 under write load', async () => {
    const victim = await startInstance(url);
    const groups = await Promise.all(
      [0, 1, 2, 3].map(
        async (i) => (await client(a).send(new CreateIpGroupCommand({ GroupName: `g${i}` }))).GroupId ?? '',
      ),
    );
    const acknowledged: { groupId: string; key: string }[] = [];
    let killed = false;
    // Four writers keep requests in flight on the victim; after 40 acknowledged writes it is killed mid-stream.
    const writer = async (w: number) => {
      for (let n = 0; !killed && n < 40; n++) {
        const groupId = groups[w] as string;
        const key = `k${n}`;
        try {
          await client(victim).send(new CreateTagsCommand({ ResourceId: groupId, Tags: [{ Key: key, Value: 'v' }] }));
          acknowledged.push({ groupId, key });
          if (acknowledged.length === 40 && !killed) {
            killed = true;
            victim.child.kill('SIGKILL');
          }
        } catch {
          return; // the connection died with the instance: not acknowledged
        }
      }
    };
    await Promise.all([0, 1, 2, 3].map(writer));
    await victim.exited;
    expect(victim.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    for (const groupId of groups) {
      const stored = await client(b).send(new DescribeTagsCommand({ ResourceId: groupId }));
      const keys = new Set((stored.TagList ?? []).map((t) => t.Key));
      for (const write of acknowledged.filter((w) => w.groupId === groupId)) expect(keys).toContain(write.key);
    }
  });
});
