// The runtime form of the API model that the generator writes into src/model/generated/.
// Kept deliberately small: names, types and constraints only.

export interface StructureShape {
  readonly type: 'structure';
  /** Members in model order: [memberName, targetShapeName]. */
  readonly members: readonly (readonly [string, string])[];
  readonly required: readonly string[];
  /** A union: exactly one member may be set. */
  readonly union?: true;
  /** An error shape. */
  readonly exception?: true;
}

export interface ListShape {
  readonly type: 'list';
  readonly member: string;
  readonly min?: number;
  readonly max?: number;
}

export interface MapShape {
  readonly type: 'map';
  readonly key: string;
  readonly value: string;
  readonly min?: number;
  readonly max?: number;
}

export interface StringShape {
  readonly type: 'string';
  readonly min?: number;
  readonly max?: number;
  /** The pattern exactly as the model spells it (used verbatim in messages). */
  readonly pattern?: string;
  readonly enum?: readonly string[];
}

export interface NumberShape {
  readonly type: 'integer' | 'long' | 'double' | 'float';
  readonly min?: number;
  readonly max?: number;
}

export interface BlobShape {
  readonly type: 'blob';
  readonly min?: number;
  readonly max?: number;
}

export interface ScalarShape {
  readonly type: 'boolean' | 'timestamp';
}

export type Shape = StructureShape | ListShape | MapShape | StringShape | NumberShape | BlobShape | ScalarShape;

export interface OperationSpec {
  readonly input: string;
  readonly output: string;
  /** Names of the modeled error shapes, in model order. */
  readonly errors: readonly string[];
}

export interface PaginatorSpec {
  readonly inputToken: string;
  readonly outputToken: string;
  readonly resultKey: string;
  readonly limitKey?: string;
}
