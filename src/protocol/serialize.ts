// Writes an operation's output by its shape: absent members omitted, timestamps as epoch seconds,
// and nothing the shape does not name ever reaches the wire.
import { shapes } from '../model/generated/shapes.js';
import type { Shape } from '../model/shape-types.js';

function requireShape(name: string): Shape {
  const shape = shapes[name];
  if (!shape) throw new Error(`unknown shape ${name}`);
  return shape;
}

function toEpochSeconds(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime() / 1000;
  return undefined;
}

function serializeValue(shapeName: string, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  const shape = requireShape(shapeName);
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object') return undefined;
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [member, target] of shape.members) {
        const v = serializeValue(target, source[member]);
        if (v !== undefined) out[member] = v;
      }
      return out;
    }
    case 'list':
      return Array.isArray(value)
        ? value.map((v) => serializeValue(shape.member, v)).filter((v) => v !== undefined)
        : undefined;
    case 'map': {
      if (typeof value !== 'object') return undefined;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const s = serializeValue(shape.value, v);
        if (s !== undefined) Object.defineProperty(out, k, { value: s, enumerable: true, writable: true });
      }
      return out;
    }
    case 'timestamp':
      return toEpochSeconds(value);
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'string':
    case 'blob':
      return typeof value === 'string' ? value : undefined;
    default:
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  }
}

export function serializeOutput(shapeName: string, output: unknown): string {
  return JSON.stringify(serializeValue(shapeName, output ?? {}) ?? {});
}
