// Plain-JSON plumbing shared by the admin routes: the error they raise, and reading and writing bodies.
import type { WireResponse } from '../protocol/wire-error.js';

/** An admin call the caller got wrong; answered as { "error": message } with this status. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string): AdminError => new AdminError(400, message);

export function json(status: number, value: unknown): WireResponse {
  return { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) };
}

export function readJson(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  // Its depth is already bounded: the front door scanned each chunk as it arrived (src/protocol/json-depth.ts).
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw badRequest('body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badRequest('body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

export function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`${key} must be a string`);
  return value;
}

export function rejectUnknownFields(body: Record<string, unknown>, allowed: readonly string[]): void {
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) throw badRequest(`unknown field(s): ${unknown.join(', ')}`);
}
