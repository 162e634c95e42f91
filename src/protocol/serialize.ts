// Writes an operation's output by its shape: absent members omitted, timestamps as epoch seconds,
// and nothing the shape does not name ever reaches the wire. One writer is compiled per shape, once,
// so a response walks closures instead of looking the model up for every value.
import { shapes } from '../model/generated/shapes.js';
import type { Shape } from '../model/shape-types.js';

type Writer = (value: unknown) => unknown;

const writers = new Map<string, Writer>();

function requireShape(name: string): Shape {
  const shape = shapes[name];
  if (!shape) throw new Error(`unknown shape ${name}`);
  return shape;
}

function writerFor(shapeName: string): Writer {
  const known = writers.get(shapeName);
  if (known) return known;
  // A recursive shape calls through this stand-in while its own writer is being built.
  let built: Writer | undefined;
  writers.set(shapeName, (value) => (built as Writer)(value));
  built = buildWriter(requireShape(shapeName));
  writers.set(shapeName, built);
  return built;
}

const isPresent = (value: unknown) => value !== undefined && value !== null;

function structureWriter(members: readonly (readonly [string, string])[]): Writer {
  const compiled = members.map(([name, target]) => ({ name, write: writerFor(target) }));
  return (value) => {
    if (typeof value !== 'object' || value === null) return undefined;
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const { name, write } of compiled) {
      const member = source[name];
      if (!isPresent(member)) continue;
      const wire = write(member);
      if (wire !== undefined) out[name] = wire;
    }
    return out;
  };
}

function listWriter(memberShape: string): Writer {
  const write = writerFor(memberShape);
  return (value) => {
    if (!Array.isArray(value)) return undefined;
    const out: unknown[] = [];
    for (const item of value) {
      const wire = isPresent(item) ? write(item) : undefined;
      if (wire !== undefined) out.push(wire);
    }
    return out;
  };
}

function mapWriter(valueShape: string): Writer {
  const write = writerFor(valueShape);
  return (value) => {
    if (typeof value !== 'object' || value === null) return undefined;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const wire = isPresent(item) ? write(item) : undefined;
      // defineProperty: a key such as __proto__ stays an ordinary entry.
      if (wire !== undefined) Object.defineProperty(out, key, { value: wire, enumerable: true, writable: true });
    }
    return out;
  };
}

function buildWriter(shape: Shape): Writer {
  switch (shape.type) {
    case 'structure':
      return structureWriter(shape.members);
    case 'list':
      return listWriter(shape.member);
    case 'map':
      return mapWriter(shape.value);
    case 'timestamp':
      return (value) => (value instanceof Date ? value.getTime() / 1000 : undefined);
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? value : undefined);
    case 'string':
    case 'blob':
      return (value) => (typeof value === 'string' ? value : undefined);
    default:
      return (value) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
  }
}

export function serializeOutput(shapeName: string, output: unknown): string {
  return JSON.stringify(writerFor(shapeName)(output ?? {}) ?? {});
}

/** The answer's bytes: an output encoded ahead as it is, any other written by its shape's writer. */
export function outputBytes(shapeName: string, output: unknown): Buffer {
  return output instanceof EncodedOutput ? output.bytes : Buffer.from(serializeOutput(shapeName, output), 'utf8');
}

/** One value of a shape as JSON text, written exactly as it is written inside an output. */
export function encodeShape(shapeName: string, value: unknown): string {
  return JSON.stringify(writerFor(shapeName)(value) ?? null);
}

/**
 * An output whose list was written ahead of the request: items that never change (the application catalog) or that
 * the store wrote as JSON text. Sent as it is; the text is the one the shape's writer gives
 * (src/domain/association-json.test.ts).
 */
export class EncodedOutput {
  constructor(readonly bytes: Buffer) {}
}

/** The list member's shape, checked once per output shape and member: an item encoded ahead must be of it. */
const encodedListShapes = new Map<string, string>();

export function listItemShape(outputShape: string, listMember: string): string {
  const key = `${outputShape}.${listMember}`;
  const known = encodedListShapes.get(key);
  if (known) return known;
  const output = requireShape(outputShape);
  const target = output.type === 'structure' ? output.members.find(([name]) => name === listMember)?.[1] : undefined;
  const list = target === undefined ? undefined : requireShape(target);
  if (list?.type !== 'list') throw new Error(`${outputShape} has no list member ${listMember}`);
  encodedListShapes.set(key, list.member);
  return list.member;
}

/**
 * `{"<listMember>":[items…], …rest}`: `items` are JSON texts of the list's member shape (encodeShape or the store's
 * encoding of it): one comma-separated text, or UTF-8 bytes of one or more items each, which are joined with commas
 * as they are copied into the answer. `rest` is the output's other members, written by the shape's writer.
 */
export function outputWithEncodedList(
  outputShape: string,
  listMember: string,
  items: string | readonly Buffer[],
  rest: Record<string, unknown> = {},
): EncodedOutput {
  if (typeof items === 'string') {
    return new EncodedOutput(Buffer.from(structureWithEncodedList(outputShape, listMember, items, rest), 'utf8'));
  }
  const [head, tail] = listFrame(outputShape, listMember, rest);
  return new EncodedOutput(framed(head, items, tail));
}

/** The same as text: a structure whose list member is written ahead, to nest as another member's value. */
export function structureWithEncodedList(
  shapeName: string,
  listMember: string,
  items: string,
  rest: Record<string, unknown> = {},
): string {
  const [head, tail] = listFrame(shapeName, listMember, rest);
  return head + items + tail;
}

/** What comes before and after the list's items; the head is ASCII (a member name). */
function listFrame(shapeName: string, listMember: string, rest: Record<string, unknown>): [string, string] {
  listItemShape(shapeName, listMember);
  const others = serializeOutput(shapeName, rest);
  return [`{${JSON.stringify(listMember)}:[`, others === '{}' ? ']}' : `],${others.slice(1)}`];
}

/**
 * `{"<member>":text}`: an output whose only member is given as JSON text of the member's shape (`shapeOfText`,
 * checked against the model), written ahead like the lists above.
 */
export function outputWithEncodedMember(
  outputShape: string,
  member: string,
  shapeOfText: string,
  text: string,
): EncodedOutput {
  const output = requireShape(outputShape);
  const members = output.type === 'structure' ? output.members : [];
  if (members.length !== 1 || members[0]?.[0] !== member || members[0][1] !== shapeOfText) {
    throw new Error(`${outputShape} is not a structure of ${member} (${shapeOfText}) alone`);
  }
  return new EncodedOutput(Buffer.from(`{${JSON.stringify(member)}:${text}}`, 'utf8'));
}

const COMMA = 0x2c;

/** head, the parts joined by commas, tail: in one buffer, each byte copied once. head is ASCII (a member name). */
function framed(head: string, parts: readonly Buffer[], tail: string): Buffer {
  let size = head.length + Math.max(0, parts.length - 1) + Buffer.byteLength(tail, 'utf8');
  for (const part of parts) size += part.length;
  const out = Buffer.allocUnsafe(size);
  let at = out.write(head, 0, 'latin1');
  parts.forEach((part, i) => {
    if (i > 0) at = out.writeUInt8(COMMA, at);
    at += part.copy(out, at);
  });
  out.write(tail, at, 'utf8');
  return out;
}
