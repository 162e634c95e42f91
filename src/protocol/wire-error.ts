// The one place that turns a ServiceError into status, headers and body, as AWS JSON 1.1 sends them.
import type { ServiceError } from '../errors.js';

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  /** Text is sent as UTF-8. */
  body: string | Buffer;
}

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

export function errorResponse(error: ServiceError): WireResponse {
  const body: Record<string, string> = { __type: error.code };
  if (error.hasMessage) body[error.messageKey] = error.message;
  for (const [k, v] of Object.entries(error.members)) body[k] = v;
  return {
    status: error.status,
    headers: { 'Content-Type': JSON_CONTENT_TYPE, 'X-Amzn-ErrorType': error.code },
    body: JSON.stringify(body),
  };
}

/** Coral's answers before a request reaches JSON handling are bare XML. */
export function xmlErrorResponse(status: number, code: string, message?: string): WireResponse {
  const inner = message === undefined ? '' : `<Message>${message}</Message>`;
  return {
    status,
    headers: { 'Content-Type': 'application/xml', 'X-Amzn-ErrorType': code },
    body: inner ? `<${code}>${inner}</${code}>` : `<${code}/>`,
  };
}
