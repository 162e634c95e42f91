// Checks a parsed AWS JSON 1.1 request body against its input shape as the Coral front end does: types, then constraints.
import { serializationError, validationError } from '../errors.js';
import { shapes } from '../model/generated/shapes.js';
import type { ListShape, MapShape, NumberShape, Shape, StringShape, StructureShape } from '../model/shape-types.js';
import { matchingSource } from './safe-patterns.js';

type ScalarShape = Exclude<Shape, StructureShape | ListShape | MapShape>;

/** Coral stops reporting after ten violations (wire-protocol.md §5). */
const MAX_ITEMS = 10;

const START_OF_OBJECT = 'Start of structure or map found where not expected';
// The §4 table is silent on an array sent for a structure or map; this is the older Coral wording kinesalite records.
const START_OF_LIST = 'Start of list found where not expected';
const UNEXPECTED_FIELD_TYPE = 'Unexpected field type';
const UNEXPECTED_TOKEN = 'Unexpected token received from parser';
const NOT_NULL = 'Member must not be null';
// AWS's wording for a broken union is not public; this phrase is our choice.
const UNION_PHRASE = 'Union must have exactly one member set';

/** The Java class Coral converts each scalar into; type-error messages name it. */
const JAVA_CLASSES: Readonly<Record<ScalarShape['type'], string>> = {
  string: 'java.lang.String',
  integer: 'java.lang.Integer',
  long: 'java.lang.Long',
  double: 'java.lang.Double',
  float: 'java.lang.Float',
  boolean: 'java.lang.Boolean',
  timestamp: 'java.util.Date',
  blob: 'java.nio.ByteBuffer',
};

/** Strings Coral's boolean reader accepts; kinesalite saw it upper-case its input, so the match ignores case. */
const BOOLEAN_STRINGS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['yes', true],
  ['1', true],
  ['false', false],
  ['no', false],
  ['0', false],
]);

const NUMERIC_STRING = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function shapeNamed(name: string): Shape {
  const shape = shapes[name];
  if (shape === undefined) throw new Error(`Unknown shape ${name}`);
  return shape;
}

/**
 * Type-checks and coerces a parsed JSON body against an input structure shape, then checks every constraint.
 * Throws ServiceError SerializationException on the first type error, ValidationException listing constraint violations.
 * Returns a new object: nulls removed, unknown members dropped, booleans coerced from "true"/"false"/"1"/"0"/"yes"/"no"
 * strings, non-integral numbers for integer/long truncated, timestamps (epoch seconds number or numeric string) turned
 * into Date, blobs kept as their base64 string.
 */
export function validateInput(shapeName: string, body: unknown): Record<string, unknown> {
  const shape = shapeNamed(shapeName);
  if (shape.type !== 'structure') throw new Error(`${shapeName} is not a structure shape`);
  if (!isJsonObject(body)) throw serializationError();
  const input = coerceStructure(shape, body);
  const items: string[] = [];
  checkStructure(shape, input, '', items);
  if (items.length > 0) throw validationError(items);
  return input;
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(shape: Shape): shape is ScalarShape {
  return shape.type !== 'structure' && shape.type !== 'list' && shape.type !== 'map';
}

// ---- Member tables: built once per structure so each request does map look-ups instead of array scans.

interface MemberInfo {
  readonly name: string;
  readonly shape: Shape;
  /** The member name as it appears in a violation path: first letter lower-cased. */
  readonly pathSegment: string;
  readonly required: boolean;
}

interface MemberTable {
  readonly ordered: readonly MemberInfo[];
  readonly byName: ReadonlyMap<string, MemberInfo>;
}

const memberTables = new Map<StructureShape, MemberTable>();

function memberTable(shape: StructureShape): MemberTable {
  let table = memberTables.get(shape);
  if (table === undefined) {
    const ordered = shape.members.map(([name, target]) => ({
      name,
      shape: shapeNamed(target),
      pathSegment: name.charAt(0).toLowerCase() + name.slice(1),
      required: shape.required.includes(name),
    }));
    table = { ordered, byName: new Map(ordered.map((member) => [member.name, member])) };
    memberTables.set(shape, table);
  }
  return table;
}

// ---- Phase 1: JSON types. Body keys are visited in body order, as Coral's streaming parser meets them.

function coerceStructure(shape: StructureShape, body: Record<string, unknown>): Record<string, unknown> {
  const { byName } = memberTable(shape);
  const output: Record<string, unknown> = {};
  for (const key of Object.keys(body)) {
    const member = byName.get(key);
    const value = body[key];
    // Unknown members are ignored and a JSON null counts as absent.
    if (member === undefined || value === null) continue;
    output[key] = coerceValue(member.shape, value);
  }
  return output;
}

/** Coerces a non-null JSON value to the shape's runtime form, or throws the Coral SerializationException. */
function coerceValue(shape: Shape, value: unknown): unknown {
  switch (shape.type) {
    case 'structure':
      if (isJsonObject(value)) return coerceStructure(shape, value);
      throw serializationError(Array.isArray(value) ? START_OF_LIST : UNEXPECTED_FIELD_TYPE);
    case 'list':
      return coerceList(shape, value);
    case 'map':
      return coerceMap(shape, value);
    default:
      return coerceScalar(shape, value);
  }
}

function coerceList(shape: ListShape, value: unknown): unknown[] {
  if (!Array.isArray(value))
    throw serializationError(typeof value === 'object' ? START_OF_OBJECT : UNEXPECTED_FIELD_TYPE);
  const member = shapeNamed(shape.member);
  // Coral reads a null element as a null member: keep it so phase 2 reports `Member must not be null` for it.
  return value.map((element) => (element === null ? null : coerceValue(member, element)));
}

function coerceMap(shape: MapShape, value: unknown): Record<string, unknown> {
  if (!isJsonObject(value)) throw serializationError(Array.isArray(value) ? START_OF_LIST : UNEXPECTED_FIELD_TYPE);
  const valueShape = shapeNamed(shape.value);
  // A null value is kept for phase 2, like a null list element. fromEntries defines own properties, so a key such
  // as "__proto__" stays an ordinary entry.
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [key, entry === null ? null : coerceValue(valueShape, entry)]),
  );
}

function coerceScalar(shape: ScalarShape, value: unknown): unknown {
  if (Array.isArray(value)) throw serializationError(`Unrecognized collection type class ${JAVA_CLASSES[shape.type]}`);
  if (typeof value === 'object') throw serializationError(START_OF_OBJECT);
  switch (shape.type) {
    case 'string':
      if (typeof value === 'string') return value;
      break;
    case 'integer':
    case 'long':
      // Coral truncates towards zero, as BigDecimal.intValue does.
      if (typeof value === 'number') return Math.trunc(value);
      break;
    case 'double':
    case 'float':
      if (typeof value === 'number') return value;
      break;
    case 'boolean':
      return coerceBoolean(value);
    case 'timestamp':
      return coerceTimestamp(value);
    case 'blob':
      return coerceBlob(value);
  }
  throw conversionError(value, shape.type);
}

function coerceBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') throw conversionError(value, 'boolean');
  const parsed = BOOLEAN_STRINGS.get(value.toLowerCase());
  if (parsed === undefined) throw serializationError(UNEXPECTED_TOKEN);
  return parsed;
}

/** Epoch seconds, as a number or a numeric string. Other strings get the §4 conversion message (our choice). */
function coerceTimestamp(value: unknown): Date {
  if (typeof value === 'number') return new Date(value * 1000);
  if (typeof value === 'string' && NUMERIC_STRING.test(value)) return new Date(Number(value) * 1000);
  throw conversionError(value, 'timestamp');
}

function coerceBlob(value: unknown): string {
  if (typeof value !== 'string') throw conversionError(value, 'blob');
  const problem = base64Problem(value);
  if (problem !== undefined) throw serializationError(problem);
  return value;
}

/** `<JSON token> cannot be converted to <Java simple class name>`, the §4 wording for a scalar of the wrong kind. */
function conversionError(value: unknown, type: ScalarShape['type']) {
  const javaClass = JAVA_CLASSES[type];
  return serializationError(
    `${jsonToken(value)} cannot be converted to ${javaClass.slice(javaClass.lastIndexOf('.') + 1)}`,
  );
}

/** The Jackson-style token name Coral puts in its conversion messages. */
function jsonToken(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'NUMBER_VALUE' : 'DECIMAL_VALUE';
  if (typeof value === 'boolean') return value ? 'TRUE_VALUE' : 'FALSE_VALUE';
  return 'STRING_VALUE';
}

// ---- Base64. The reference gives no wording; these are the detail texts kinesalite recorded from Coral ("dectected"
// is Coral's spelling), without the echoed value, which for a logo could be megabytes long.

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const NOT_BASE64 = 64;
/** Sextet value of each ASCII code; NOT_BASE64 outside the alphabet. */
const SEXTETS = buildSextetTable();

function buildSextetTable(): Uint8Array {
  const table = new Uint8Array(128).fill(NOT_BASE64);
  for (let index = 0; index < BASE64_ALPHABET.length; index++) table[BASE64_ALPHABET.charCodeAt(index)] = index;
  return table;
}

function sextet(text: string, index: number): number {
  return SEXTETS[text.charCodeAt(index)] ?? NOT_BASE64;
}

function paddingLength(text: string): number {
  if (text.endsWith('==')) return 2;
  return text.endsWith('=') ? 1 : 0;
}

/** Why the text is not canonical padded base64, or undefined when it is. A loop, not a regex: logos are megabytes. */
function base64Problem(text: string): string | undefined {
  if (text.length % 4 !== 0) return `Base64 encoded length is expected a multiple of 4 bytes but found: ${text.length}`;
  const dataEnd = text.length - paddingLength(text);
  for (let index = 0; index < dataEnd; index++) {
    if (sextet(text, index) === NOT_BASE64) return `Invalid Base64 character: '${text.charAt(index)}'`;
  }
  // With padding, the bits of the last character past the final byte must be zero (one '=': 2 bits, two: 4 bits).
  const spareBits = [0, 0b11, 0b1111][text.length - dataEnd] ?? 0;
  if ((sextet(text, dataEnd - 1) & spareBits) !== 0) return 'Invalid last non-pad Base64 character dectected';
  return undefined;
}

function base64ByteLength(text: string): number {
  return (text.length / 4) * 3 - paddingLength(text);
}

// ---- Constraints: built once per shape (regexes included) and cached, since validation runs on every request.

interface Constraint {
  readonly phrase: string;
  /** Scalars receive their coerced value; lists and maps receive their element count. */
  readonly holds: (value: unknown) => boolean;
}

const NO_PHRASES: readonly string[] = [];
const constraintCache = new Map<Shape, readonly Constraint[]>();

function constraintsOf(shape: Shape): readonly Constraint[] {
  let constraints = constraintCache.get(shape);
  if (constraints === undefined) {
    constraints = buildConstraints(shape);
    constraintCache.set(shape, constraints);
  }
  return constraints;
}

function buildConstraints(shape: Shape): Constraint[] {
  switch (shape.type) {
    case 'string':
      return stringConstraints(shape);
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return valueConstraints(shape);
    case 'blob':
      return lengthConstraints(shape, (value) => base64ByteLength(value as string));
    case 'list':
    case 'map':
      return lengthConstraints(shape, (size) => size as number);
    default:
      // Structures are checked member by member; booleans and timestamps carry no constraints.
      return [];
  }
}

const lengthAtMostPhrase = (max: number) => `Member must have length less than or equal to ${max}`;
const lengthAtLeastPhrase = (min: number) => `Member must have length greater than or equal to ${min}`;

/** Enum first (our choice), then max length, min length and pattern, the order AWS messages show. */
function stringConstraints(shape: StringShape): Constraint[] {
  const { enum: allowed, max, min, pattern } = shape;
  const constraints: Constraint[] = [];
  if (allowed !== undefined) {
    constraints.push({
      phrase: `Member must satisfy enum value set: [${allowed.join(', ')}]`,
      holds: (value) => allowed.includes(value as string),
    });
  }
  if (max !== undefined) {
    constraints.push({ phrase: lengthAtMostPhrase(max), holds: (value) => hasAtMostCodePoints(value as string, max) });
  }
  if (min !== undefined) {
    constraints.push({
      phrase: lengthAtLeastPhrase(min),
      holds: (value) => hasAtLeastCodePoints(value as string, min),
    });
  }
  if (pattern !== undefined) {
    // Coral matches the whole value; the group keeps alternations such as `^\d{12}|AMAZON$` anchored on both sides.
    // No `u` flag: some model patterns use escapes that are syntax errors in unicode mode.
    const regex = new RegExp(`^(?:${matchingSource(pattern)})$`);
    constraints.push({
      phrase: `Member must satisfy regular expression pattern: ${pattern}`,
      holds: (value) => regex.test(value as string),
    });
  }
  return constraints;
}

function valueConstraints(shape: NumberShape): Constraint[] {
  const { max, min } = shape;
  const constraints: Constraint[] = [];
  if (max !== undefined) {
    constraints.push({
      phrase: `Member must have value less than or equal to ${max}`,
      holds: (value) => (value as number) <= max,
    });
  }
  if (min !== undefined) {
    constraints.push({
      phrase: `Member must have value greater than or equal to ${min}`,
      holds: (value) => (value as number) >= min,
    });
  }
  return constraints;
}

function lengthConstraints(
  shape: { readonly min?: number; readonly max?: number },
  measure: (value: unknown) => number,
): Constraint[] {
  const { max, min } = shape;
  const constraints: Constraint[] = [];
  if (max !== undefined) constraints.push({ phrase: lengthAtMostPhrase(max), holds: (value) => measure(value) <= max });
  if (min !== undefined)
    constraints.push({ phrase: lengthAtLeastPhrase(min), holds: (value) => measure(value) >= min });
  return constraints;
}

// String lengths are code points. A string of n UTF-16 units has between n/2 and n code points, so most checks are
// decided without counting.
function hasAtMostCodePoints(text: string, max: number): boolean {
  return text.length <= max || codePointLength(text) <= max;
}

function hasAtLeastCodePoints(text: string, min: number): boolean {
  if (text.length >= 2 * min) return true;
  return text.length >= min && codePointLength(text) >= min;
}

function codePointLength(text: string): number {
  let length = text.length;
  for (let index = 1; index < text.length; index++) {
    if (isLowSurrogate(text.charCodeAt(index)) && isHighSurrogate(text.charCodeAt(index - 1))) length--;
  }
  return length;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Phrases of the constraints the value breaks; allocates only when one is broken. */
function brokenPhrases(constraints: readonly Constraint[], value: unknown): readonly string[] {
  let broken: string[] | undefined;
  for (const constraint of constraints) {
    if (constraint.holds(value)) continue;
    broken ??= [];
    broken.push(constraint.phrase);
  }
  return broken ?? NO_PHRASES;
}

function holdsAll(constraints: readonly Constraint[], value: unknown): boolean {
  for (const constraint of constraints) {
    if (!constraint.holds(value)) return false;
  }
  return true;
}

// ---- Phase 2: constraints, members in model order, depth first.

function report(items: string[], shape: Shape, value: unknown, path: string, phrase: string): void {
  if (items.length >= MAX_ITEMS) return;
  const shown = value === undefined || value === null ? 'null' : `'${renderValue(shape, value)}'`;
  items.push(`Value ${shown} at '${path}' failed to satisfy constraint: ${phrase}`);
}

function checkValue(shape: Shape, value: unknown, path: string, items: string[]): void {
  if (items.length >= MAX_ITEMS) return;
  if (shape.type === 'structure') checkStructure(shape, value as Record<string, unknown>, path, items);
  else if (shape.type === 'list') checkList(shape, value as unknown[], path, items);
  else if (shape.type === 'map') checkMap(shape, value as Record<string, unknown>, path, items);
  else for (const phrase of brokenPhrases(constraintsOf(shape), value)) report(items, shape, value, path, phrase);
}

function checkStructure(shape: StructureShape, value: Record<string, unknown>, path: string, items: string[]): void {
  const { ordered } = memberTable(shape);
  if (shape.union === true && ordered.filter((member) => value[member.name] !== undefined).length !== 1) {
    report(items, shape, value, path, UNION_PHRASE);
  }
  for (const member of ordered) {
    const memberValue = value[member.name];
    const memberPath = path === '' ? member.pathSegment : `${path}.${member.pathSegment}`;
    if (memberValue !== undefined) {
      checkValue(member.shape, memberValue, memberPath, items);
    } else if (member.required) {
      // A missing required member gets this one phrase and nothing else.
      report(items, member.shape, null, memberPath, NOT_NULL);
    }
  }
}

function checkSize(shape: ListShape | MapShape, size: number, value: unknown, path: string, items: string[]): void {
  for (const phrase of brokenPhrases(constraintsOf(shape), size)) report(items, shape, value, path, phrase);
}

function checkList(shape: ListShape, list: readonly unknown[], path: string, items: string[]): void {
  checkSize(shape, list.length, list, path, items);
  const member = shapeNamed(shape.member);
  if (isScalar(member)) {
    const phrases = memberConstraintPhrases(member, list);
    if (phrases !== undefined) report(items, shape, list, path, `Member must satisfy constraint: [${phrases}]`);
    return;
  }
  for (const [index, element] of list.entries()) checkElement(member, element, `${path}.${index + 1}.member`, items);
}

function checkMap(shape: MapShape, map: Record<string, unknown>, path: string, items: string[]): void {
  const keys = Object.keys(map);
  checkSize(shape, keys.length, map, path, items);
  const keyShape = shapeNamed(shape.key);
  const keyPhrases = isScalar(keyShape) ? memberConstraintPhrases(keyShape, keys) : undefined;
  if (keyPhrases !== undefined) report(items, shape, map, path, `Map keys must satisfy constraint: [${keyPhrases}]`);
  const valueShape = shapeNamed(shape.value);
  if (isScalar(valueShape)) {
    const phrases = memberConstraintPhrases(valueShape, Object.values(map));
    if (phrases !== undefined) report(items, shape, map, path, `Map value must satisfy constraint: [${phrases}]`);
    return;
  }
  for (const key of keys) checkElement(valueShape, map[key], `${path}.${key}.member`, items);
}

/** A list element or map value that is itself a structure, list or map. */
function checkElement(shape: Shape, element: unknown, path: string, items: string[]): void {
  if (element === null) report(items, shape, null, path, NOT_NULL);
  else checkValue(shape, element, path, items);
}

/**
 * Scalar members of a collection are reported once on the collection. AWS lists every constraint of the member shape,
 * not just the broken ones (e.g. ACM's "Value '[ccc]' ... [Member must have length less than or equal to 253, Member
 * must have length greater than or equal to 1, Member must satisfy regular expression pattern: ...]"); we do the same,
 * adding `Member must not be null` when an element is null. Returns undefined when every element is fine.
 */
function memberConstraintPhrases(member: ScalarShape, values: readonly unknown[]): string | undefined {
  const constraints = constraintsOf(member);
  let broken = false;
  let hasNull = false;
  for (const value of values) {
    if (value === null) hasNull = true;
    else if (!broken && !holdsAll(constraints, value)) broken = true;
  }
  if (!broken && !hasNull) return undefined;
  const phrases = broken ? constraints.map((constraint) => constraint.phrase) : [];
  if (hasNull) phrases.push(NOT_NULL);
  return phrases.join(', ');
}

// ---- Values in messages: Java toString forms.

function renderValue(shape: Shape, value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (shape.type) {
    case 'structure':
      return renderStructure(shape, value as Record<string, unknown>);
    case 'list': {
      const member = shapeNamed(shape.member);
      return `[${(value as unknown[]).map((element) => renderValue(member, element)).join(', ')}]`;
    }
    case 'map': {
      const valueShape = shapeNamed(shape.value);
      const entries = Object.entries(value as Record<string, unknown>);
      return `{${entries.map(([key, entry]) => `${key}=${renderValue(valueShape, entry)}`).join(', ')}}`;
    }
    case 'blob': {
      const length = base64ByteLength(value as string);
      return `java.nio.HeapByteBuffer[pos=0 lim=${length} cap=${length}]`;
    }
    default:
      // Strings raw, numbers as sent, booleans true/false; a Date prints its own toString (no input has one).
      return String(value);
  }
}

function renderStructure(shape: StructureShape, value: Record<string, unknown>): string {
  const set = memberTable(shape).ordered.filter((member) => value[member.name] !== undefined);
  return `{${set.map((member) => `${member.name}=${renderValue(member.shape, value[member.name])}`).join(', ')}}`;
}
