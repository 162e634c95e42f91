// The store interface: everything the handlers and the engine may read or write. Every row belongs to one scope.

/** An AWS account and Region: the unit of isolation. */
export interface Scope {
  readonly account: string;
  readonly region: string;
}

/** Kinds of resource kept as documents. */
export type ResourceKind =
  | 'directory'
  | 'bundle'
  | 'workspace'
  | 'image'
  | 'ipgroup'
  | 'connectionalias'
  | 'pool'
  | 'customimageimport'
  | 'accountlink'
  | 'addin'
  | 'branding'
  | 'account'
  /** Directory Service directories a test declared (src/domain/directory-service.ts). */
  | 'dsdirectory'
  /** A missing workspaces_DefaultRole, in the account's `global` scope. */
  | 'iamrole'
  /** Injected failures (src/faults/). */
  | 'fault';

/** Document fields with an index behind them; findBy() accepts only these. */
export type IndexedField = 'DirectoryId' | 'BundleId' | 'ImageId' | 'UserName' | 'WorkspaceName';

export interface Page<T> {
  items: T[];
  /** Position after the last item, when more may follow. */
  next: number | undefined;
}

export interface Collection<T> {
  get(scope: Scope, id: string): T | undefined;
  /** Inserts, or replaces the document while keeping its place in listing order. */
  put(scope: Scope, id: string, doc: T): void;
  delete(scope: Scope, id: string): boolean;
  /** Documents in creation order, starting after position `after`. */
  page(scope: Scope, after: number, limit: number): Page<T>;
  findBy(scope: Scope, field: IndexedField, value: string, after: number, limit: number): Page<T>;
  count(scope: Scope): number;
  countBy(scope: Scope, field: IndexedField, value: string): number;
}

export type AssociatedResourceType = 'WORKSPACE' | 'BUNDLE' | 'IMAGE';

export interface AssociationRecord {
  resourceType: AssociatedResourceType;
  resourceId: string;
  applicationId: string;
  state: string;
  /** Epoch milliseconds. */
  created: number;
  updated: number;
  errorCode?: string;
  errorMessage?: string;
}

/**
 * How many of its latest states each association's history keeps. Both stores' triggers hold the number as a literal
 * (a stored schema keeps the triggers it was created with), so changing it needs a migration of each.
 */
export const ASSOCIATION_HISTORY_KEPT = 20;

/** One state an association entered, and when (epoch milliseconds: the association's `updated` at that moment). */
export interface AssociationHistoryEntry {
  state: string;
  at: number;
}

export interface AssociationStore {
  get(
    scope: Scope,
    type: AssociatedResourceType,
    resourceId: string,
    applicationId: string,
  ): AssociationRecord | undefined;
  put(scope: Scope, row: AssociationRecord): void;
  delete(scope: Scope, type: AssociatedResourceType, resourceId: string, applicationId: string): void;
  forResource(scope: Scope, type: AssociatedResourceType, resourceId: string): AssociationRecord[];
  /**
   * The same associations, in the same order, as the items of the resource's describe list: comma-separated JSON
   * objects of its view's shape (src/domain/association-json.ts), as UTF-8 bytes, ready for the answer.
   */
  forResourceJson(scope: Scope, type: AssociatedResourceType, resourceId: string): Buffer;
  /**
   * The latest `limit` states the association entered, oldest first; at most ASSOCIATION_HISTORY_KEPT are stored.
   * Deleted with the association (by delete, deleteForResource or reset), so a re-created one starts afresh.
   */
  history(
    scope: Scope,
    type: AssociatedResourceType,
    resourceId: string,
    applicationId: string,
    limit: number,
  ): AssociationHistoryEntry[];
  deleteForResource(scope: Scope, type: AssociatedResourceType, resourceId: string): void;
  forApplication(
    scope: Scope,
    applicationId: string,
    types: readonly AssociatedResourceType[],
    after: number,
    limit: number,
  ): Page<AssociationRecord>;
}

export interface TransitionRecord {
  id: number;
  scope: Scope;
  /** Epoch milliseconds on the emulator's clock. */
  due: number;
  kind: string;
  target: string;
  payload: unknown;
}

export interface TransitionStore {
  schedule(scope: Scope, due: number, kind: string, target: string, payload?: unknown): void;
  /** The earliest transition due at or before `now`, if any. */
  nextDue(now: number): TransitionRecord | undefined;
  earliest(): TransitionRecord | undefined;
  remove(id: number): void;
  /** Drops pending transitions of one target, e.g. when a resource is deleted. */
  cancel(scope: Scope, target: string): void;
  pending(scope: Scope, target: string): TransitionRecord[];
  count(): number;
}

export interface Tag {
  Key: string;
  Value?: string;
}

export interface TagStore {
  get(scope: Scope, resourceId: string): Tag[];
  put(scope: Scope, resourceId: string, tags: readonly Tag[]): void;
  remove(scope: Scope, resourceId: string, keys: readonly string[]): void;
  removeAll(scope: Scope, resourceId: string): void;
}

export interface ImagePermissionStore {
  grant(owner: Scope, imageId: string, account: string): void;
  revoke(owner: Scope, imageId: string, account: string): void;
  accountsFor(owner: Scope, imageId: string): string[];
  /** Images of other accounts shared with `grantee` in that Region: owner account and image id. */
  sharedWith(grantee: Scope): { owner: string; imageId: string }[];
  isSharedWith(owner: Scope, imageId: string, account: string): boolean;
  removeAll(owner: Scope, imageId: string): void;
}

export interface StoreInfo {
  kind: 'memory' | 'file' | 'postgres';
  /** The SQLite file, when there is one. */
  path: string | undefined;
  /** The PostgreSQL database, its URL without any password. */
  database?: string;
  schemaVersion: number;
}

/** Every scoped row of the store in listing order: the body of an exported fixture. Times are epoch milliseconds. */
export interface StoreSnapshot {
  resources: { account: string; region: string; kind: ResourceKind; id: string; doc: unknown }[];
  associations: ({ account: string; region: string } & AssociationRecord)[];
  transitions: { account: string; region: string; due: number; kind: string; target: string; payload: unknown }[];
  tags: { account: string; region: string; resourceId: string; key: string; value?: string }[];
  imagePermissions: { account: string; region: string; imageId: string; sharedAccount: string }[];
}

/** What Store.settled() gives when nothing is waiting to be committed. */
export const SETTLED: Promise<void> = Promise.resolve();

export interface Store {
  readonly info: StoreInfo;
  collection<T>(kind: ResourceKind): Collection<T>;
  readonly associations: AssociationStore;
  readonly transitions: TransitionStore;
  readonly tags: TagStore;
  readonly imagePermissions: ImagePermissionStore;
  /** How many documents of each kind every scope holds (the dashboard's overview); counted in SQL, nothing parsed. */
  countByScope(kinds: readonly ResourceKind[]): { scope: Scope; kind: ResourceKind; count: number }[];
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
  /**
   * Runs fn in one transaction: everything or nothing is written. With a data dir the commit is shared with the other
   * requests of the same event-loop turn (group-commit.ts): await settled() before acknowledging the writes.
   */
  transaction<T>(fn: () => T): T;
  /**
   * Resolves once everything written so far is durable (at once in memory); rejects if its commit failed. Nothing
   * waiting gives SETTLED itself, so a caller can tell and go on without a promise's microtask hop.
   */
  settled(): Promise<void>;
  /**
   * Rows inserted, updated or deleted since the store opened, triggers included: while it stays the same, nothing
   * stored has changed.
   */
  changeCount(): number;
  /** Clears all state, or one account (and optionally one Region of it). */
  reset(filter?: { account: string; region?: string }): void;
  /** Every scoped row; meta (the clock, the schema version) stays out. */
  exportAll(): StoreSnapshot;
  /** Replaces every scoped row with the snapshot's in one transaction, keeping the snapshot's listing order. */
  importAll(snapshot: StoreSnapshot): void;
  close(): void;
}

/** A transaction that kept conflicting with other instances' past every retry; the request is not applied. */
export class StoreContentionError extends Error {
  constructor(attempts: number) {
    super(`the transaction conflicted with other instances ${attempts} times in a row`);
    this.name = 'StoreContentionError';
  }
}
