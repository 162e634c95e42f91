// What a handler receives and returns: typed by the generated model, so wrong names and fields fail to compile.

import type { Config } from '../config.js';
import type { IdGenerator } from '../domain/ids.js';
import type { PageTokens } from '../domain/pagination.js';
import type { Engine, TransitionApplier } from '../engine/engine.js';
import type { Consistency } from '../faults/consistency.js';
import type { OperationName } from '../model/generated/operations.js';
import type { OperationTypes } from '../model/generated/types.js';
import type { EncodedOutput } from '../protocol/serialize.js';
import type { Scope, Store } from '../store/types.js';

export interface RequestContext {
  readonly requestId: string;
  readonly operation: OperationName;
  readonly scope: Scope;
  /** Epoch milliseconds on the emulator's clock, fixed for the whole request. */
  readonly now: number;
  readonly store: Store;
  readonly engine: Engine;
  readonly ids: IdGenerator;
  readonly config: Config;
  /** Issues and reads this request's NextToken values (src/domain/pagination.ts). */
  readonly pageTokens: PageTokens;
  /** Whether new resources are hidden from Describe calls for a while. */
  readonly consistency: Consistency;
}

export type Handler<Op extends OperationName> = (
  input: OperationTypes[Op]['input'],
  ctx: RequestContext,
) => OperationTypes[Op]['output'] | EncodedOutput;

export type Handlers<Ops extends OperationName = OperationName> = { readonly [K in Ops]: Handler<K> };

/** One resource family: its operations and the asynchronous transitions it schedules. */
export interface Family {
  readonly handlers: Partial<Handlers>;
  readonly transitions: Readonly<Record<string, TransitionApplier>>;
}
