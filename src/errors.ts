// ServiceError and the factories that build every error the emulator answers; each message is written once here.
import type { ModeledErrorName } from './model/generated/operations.js';

/** Errors of the AWS front end that the model does not declare. */
export type FrameworkErrorName =
  | 'SerializationException'
  | 'UnknownOperationException'
  | 'NotImplementedException'
  | 'MissingAuthenticationTokenException'
  | 'IncompleteSignatureException'
  | 'InvalidSignatureException'
  | 'UnrecognizedClientException'
  | 'ExpiredTokenException'
  | 'RequestEntityTooLargeException'
  | 'InternalFailure'
  | 'ThrottlingException'
  | 'ServiceUnavailable';

export type ErrorName = ModeledErrorName | FrameworkErrorName;

/** Members that travel in the error body beside `message` (e.g. ResourceId, reason). */
export type ErrorMembers = Readonly<Record<string, string>>;

export interface ServiceErrorOptions {
  status?: number;
  members?: ErrorMembers;
  /** Which key carries the text: modeled errors use `message`, Coral's deserializer errors use `Message`. */
  messageKey?: 'message' | 'Message';
}

export class ServiceError extends Error {
  readonly code: ErrorName;
  readonly status: number;
  readonly members: ErrorMembers;
  readonly messageKey: 'message' | 'Message';

  constructor(code: ErrorName, message: string | undefined, options: ServiceErrorOptions = {}) {
    super(message ?? '');
    this.name = code;
    this.code = code;
    this.status = options.status ?? 400;
    this.members = options.members ?? {};
    this.messageKey = options.messageKey ?? 'message';
    this.hasMessage = message !== undefined;
  }

  /** Coral sends some framework errors with no message at all. */
  readonly hasMessage: boolean;
}

export const serializationError = (message?: string) =>
  new ServiceError('SerializationException', message, { messageKey: 'Message' });

export const unknownOperation = () => new ServiceError('UnknownOperationException', undefined);

export const validationError = (items: readonly string[]) =>
  new ServiceError(
    'ValidationException',
    `${items.length} validation error${items.length === 1 ? '' : 's'} detected: ${items.join('; ')}`,
  );

export const notImplemented = (operation: string) =>
  new ServiceError(
    'NotImplementedException',
    `${operation} is validated by workspaces-local but has no behaviour yet; see docs/operations.md.`,
    { status: 501 },
  );

export const invalidParameter = (message: string) => new ServiceError('InvalidParameterValuesException', message);

export const invalidNextToken = () =>
  invalidParameter('The NextToken is invalid or has expired. Start again without a NextToken.');

export const tooLarge = (limit: number) =>
  new ServiceError('RequestEntityTooLargeException', `Request body exceeds the limit of ${limit} bytes.`, {
    status: 413,
  });

export const internalFailure = (requestId: string) =>
  new ServiceError(
    'InternalFailure',
    `The request processing has failed because of an unknown error (request ${requestId}).`,
    {
      status: 500,
    },
  );

/**
 * Throttling, with the text AWS's throttling answers carry: what a request gets when the shared store's conflicts
 * outlast every retry. SDKs retry it by themselves, where an internal error would read as a server fault.
 */
export const throttled = () => new ServiceError('ThrottlingException', 'Rate exceeded');

/** A resource that does not exist (or is not visible to the caller). */
export const notFound = (what: string, id: string) =>
  new ServiceError(
    'ResourceNotFoundException',
    `The ${what} ${id} cannot be found. Confirm that it exists in your AWS account and Region, and try again.`,
    {
      members: { ResourceId: id },
    },
  );

export const resourceInUse = (message: string, id: string) =>
  new ServiceError('ResourceInUseException', message, { members: { ResourceId: id } });

export const resourceUnavailable = (message: string, id: string) =>
  new ServiceError('ResourceUnavailableException', message, { members: { ResourceId: id } });

export const alreadyExists = (message: string) => new ServiceError('ResourceAlreadyExistsException', message);

export const limitExceeded = (message: string) => new ServiceError('ResourceLimitExceededException', message);

export const invalidState = (message: string) => new ServiceError('InvalidResourceStateException', message);

export const operationNotSupported = (message: string, reason?: string) =>
  new ServiceError('OperationNotSupportedException', message, reason === undefined ? {} : { members: { reason } });

/** The model's own text for WorkspacesDefaultRoleNotFoundException. */
export const defaultRoleNotFound = (roleName: string) =>
  new ServiceError(
    'WorkspacesDefaultRoleNotFoundException',
    `The ${roleName} role could not be found. If this is the first time you are registering a directory, you will need to create the ${roleName} role before you can register a directory.`,
  );

export const accessDenied = (message: string) => new ServiceError('AccessDeniedException', message);
