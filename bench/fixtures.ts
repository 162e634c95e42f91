// Benchmark data written straight into the store in batched transactions (as a fixture import would, not one API
// call per row), and the AWS requests that read and write it.
import type { Request } from 'autocannon';
import { APPLICATION_IDS } from '../src/domain/applications-catalog.js';
import type { ImageRecord, WorkspaceRecord } from '../src/domain/records.js';
import type { AssociationRecord, Scope, Store } from '../src/store/types.js';

export const BENCH_SCOPE: Scope = { account: '111111111111', region: 'us-east-1' };
/** The application the listing and write scenarios use; Windows Server 2022 on POWER supports it. */
export const BENCH_APPLICATION = APPLICATION_IDS.officeProPlus2021;
const CATALOG = Object.values(APPLICATION_IDS);
const SEEDED_AT = Date.UTC(2025, 0, 1);
const BATCH = 10_000;

export interface FixtureRequest {
  /** Associations on one image; application ids past the catalog's ten are synthetic (never read by the describe). */
  imageAssociations?: number;
  /**
   * `count` associations: WorkSpace ones spread round-robin over the first `applications` catalog entries, then
   * `imageTail` IMAGE ones of the benchmark application, stored last, so a listing of its IMAGE associations
   * must skip every WorkSpace one unless the store can seek past them.
   */
  applicationAssociations?: ApplicationAssociations;
  /** Pools of AVAILABLE Windows WorkSpaces for the write scenario, one pool per round. */
  workspacePools?: { pools: number; size: number };
  /** Measure the process memory the application associations take (needs node --expose-gc). */
  measureMemory?: boolean;
}

export interface ApplicationAssociations {
  count: number;
  applications: number;
  imageTail: number;
}

export interface MemoryDelta {
  rows: number;
  rssBytes: number;
  heapBytes: number;
}

export interface FixtureInfo {
  imageId: string | undefined;
  workspacePools: string[][];
  memory: MemoryDelta | undefined;
}

/** What a benchmark child is asked to run: which build of the emulator, where its data lives, what to seed. */
export interface ChildRequest {
  /** `info` is the command's default (one access line per request); `silent` is the in-process default. */
  logLevel: 'info' | 'silent';
  /** `instant` for suites that do not drive the clock (a launch is AVAILABLE at once); the real clock otherwise. */
  clock: 'real' | 'instant';
  /** URL of the module that exports startEmulator (dist/index.js, or src/index.ts under tsx). */
  entry: string;
  dataDir: string | undefined;
  /** A PostgreSQL database instead of SQLite (`--scale-out`). */
  databaseUrl?: string;
  /** Off: every request runs its handler, as a first read does (see src/server/answer-cache.ts). */
  answerCache: boolean;
  fixtures: FixtureRequest;
}

export interface ChildReady {
  type: 'ready';
  endpoint: string;
  fixtures: FixtureInfo;
}

const idOf = (prefix: string, n: number) => `${prefix}-${n.toString(36).padStart(9, '0')}`;

function inBatches(store: Store, count: number, write: (i: number) => void): void {
  for (let start = 0; start < count; start += BATCH) {
    const end = Math.min(count, start + BATCH);
    store.transaction(() => {
      for (let i = start; i < end; i++) write(i);
    });
  }
}

const completed = (
  resourceType: AssociationRecord['resourceType'],
  resourceId: string,
  applicationId: string,
): AssociationRecord => ({
  resourceType,
  resourceId,
  applicationId,
  state: 'COMPLETED',
  created: SEEDED_AT,
  updated: SEEDED_AT,
});

function seedImage(store: Store, associations: number): string {
  const imageId = idOf('wsi', 1);
  const image: ImageRecord = {
    ImageId: imageId,
    Name: 'bench-image',
    Description: 'Windows Server 2022 image with many applications',
    State: 'AVAILABLE',
    Created: SEEDED_AT,
    OwnerAccountId: BENCH_SCOPE.account,
    OperatingSystemName: 'WINDOWS_SERVER_2022',
    RootVolumeSizeGib: 175,
    UserVolumeSizeGib: 100,
  };
  store.collection<ImageRecord>('image').put(BENCH_SCOPE, imageId, image);
  inBatches(store, associations, (i) =>
    store.associations.put(BENCH_SCOPE, completed('IMAGE', imageId, CATALOG[i] ?? idOf('wsa', i))),
  );
  return imageId;
}

function seedApplicationAssociations(store: Store, { count, applications, imageTail }: ApplicationAssociations): void {
  const apps = [BENCH_APPLICATION, ...CATALOG.filter((a) => a !== BENCH_APPLICATION)].slice(0, applications);
  const workspaceRows = count - imageTail;
  inBatches(store, workspaceRows, (i) =>
    store.associations.put(
      BENCH_SCOPE,
      completed('WORKSPACE', idOf('ws', 1_000_000_000 + i), apps[i % apps.length] ?? BENCH_APPLICATION),
    ),
  );
  inBatches(store, imageTail, (i) =>
    store.associations.put(BENCH_SCOPE, completed('IMAGE', idOf('wsi', 1_000_000_000 + i), BENCH_APPLICATION)),
  );
}

function workspace(workspaceId: string, n: number): WorkspaceRecord {
  return {
    WorkspaceId: workspaceId,
    DirectoryId: 'd-0123456789',
    UserName: `bench-user-${n}`,
    BundleId: 'wsb-1bpbv1wvn',
    ImageId: 'wsi-1bpbv1wvn',
    State: 'AVAILABLE',
    CreatedAt: SEEDED_AT,
    WorkspaceProperties: {
      RunningMode: 'ALWAYS_ON',
      OperatingSystemName: 'WINDOWS_SERVER_2022',
      ComputeTypeName: 'POWER',
      RootVolumeSizeGib: 175,
      UserVolumeSizeGib: 100,
    },
  };
}

function seedWorkspacePools(store: Store, pools: number, size: number): string[][] {
  const ids: string[][] = [];
  store.transaction(() => {
    for (let p = 0; p < pools; p++) {
      const pool: string[] = [];
      for (let k = 0; k < size; k++) {
        const n = p * size + k;
        const id = idOf('ws', n + 1);
        store.collection<WorkspaceRecord>('workspace').put(BENCH_SCOPE, id, workspace(id, n));
        pool.push(id);
      }
      ids.push(pool);
    }
  });
  return ids;
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('memory measurement needs node --expose-gc');
  gc();
  gc();
}

/** Seeds the application associations and reports the resident memory and V8 heap they added. */
function measuredSeed(store: Store, associations: ApplicationAssociations): MemoryDelta {
  collectGarbage();
  const before = process.memoryUsage();
  seedApplicationAssociations(store, associations);
  collectGarbage();
  const after = process.memoryUsage();
  return { rows: associations.count, rssBytes: after.rss - before.rss, heapBytes: after.heapUsed - before.heapUsed };
}

export function seedFixtures(store: Store, request: FixtureRequest): FixtureInfo {
  const imageId = request.imageAssociations === undefined ? undefined : seedImage(store, request.imageAssociations);
  const pools = request.workspacePools;
  const workspacePools = pools ? seedWorkspacePools(store, pools.pools, pools.size) : [];
  const apps = request.applicationAssociations;
  let memory: MemoryDelta | undefined;
  if (apps && request.measureMemory) memory = measuredSeed(store, apps);
  else if (apps) seedApplicationAssociations(store, apps);
  return { imageId, workspacePools, memory };
}

// ---- Requests ----

/** The headers an SDK call carries that the emulator reads: target, content type, and a SigV4 credential scope. */
export function awsRequest(operation: string, input: unknown, scope: Scope = BENCH_SCOPE): Request {
  return {
    method: 'POST',
    path: '/',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `WorkspacesService.${operation}`,
      'x-amz-date': '20250101T000000Z',
      authorization: `AWS4-HMAC-SHA256 Credential=${scope.account}/20250101/${scope.region}/workspaces/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`,
    },
    body: JSON.stringify(input),
  };
}

/**
 * Associate then disassociate the benchmark application on one WorkSpace per cycle (the disassociation of a
 * never-deployed association deletes it, so each cycle leaves the WorkSpace as it found it). Each connection takes a
 * free WorkSpace from the pool for its cycle, so concurrent connections never collide on one.
 */
export function writeCycle(pool: readonly string[]): Request[] {
  const free = [...pool];
  const body = (workspaceId: unknown) => JSON.stringify({ WorkspaceId: workspaceId, ApplicationId: BENCH_APPLICATION });
  return [
    {
      ...awsRequest('AssociateWorkspaceApplication', {}),
      setupRequest(request, context) {
        const workspaceId = free.shift();
        if (workspaceId === undefined) throw new Error('workspace pool exhausted');
        context.workspaceId = workspaceId;
        return { ...request, body: body(workspaceId) };
      },
    },
    {
      ...awsRequest('DisassociateWorkspaceApplication', {}),
      setupRequest: (request, context) => ({ ...request, body: body(context.workspaceId) }),
      onResponse(_status, _body, context) {
        free.push(context.workspaceId as string);
      },
    },
  ];
}

/**
 * The write cycle for a generator that runs one fixed sequence per connection (wrk, a thread per connection): each
 * connection associates and disassociates a WorkSpace of the pool of its own, over and over.
 */
export function writeSequences(pool: readonly string[], connections: number): Request[][] {
  if (pool.length < connections) throw new Error('workspace pool smaller than the connections');
  return pool
    .slice(0, connections)
    .map((workspaceId) =>
      ['AssociateWorkspaceApplication', 'DisassociateWorkspaceApplication'].map((operation) =>
        awsRequest(operation, { WorkspaceId: workspaceId, ApplicationId: BENCH_APPLICATION }),
      ),
    );
}
