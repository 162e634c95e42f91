// Picks the operation from X-Amz-Target ("WorkspacesService.<Operation>").
import { unknownOperation } from '../errors.js';
import { type OperationName, operations, serviceMetadata } from '../model/generated/operations.js';

const prefix = `${serviceMetadata.targetPrefix}.`;

export function parseTarget(header: string | undefined): OperationName {
  if (!header?.startsWith(prefix)) throw unknownOperation();
  const name = header.slice(prefix.length);
  if (!Object.hasOwn(operations, name)) throw unknownOperation();
  return name as OperationName;
}
