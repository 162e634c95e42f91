// Two shapes of object literal make V8 (Node 20) give every object they create hidden-class data of its own, kept in
// the old generation, which made young-generation collections under load many times longer (docs/performance.md,
// "Allocation that outlives its request"): a literal that starts with a spread followed by more members (src/objects.ts
// has merged() for those), and a literal with getters or setters (a class puts them on its prototype instead). This
// test finds either in src/, with its file and line.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function startsWithSpreadAndGoesOn(literal: ts.ObjectLiteralExpression): boolean {
  const [first, ...rest] = literal.properties;
  return first !== undefined && ts.isSpreadAssignment(first) && rest.length > 0;
}

function hasAccessor(literal: ts.ObjectLiteralExpression): boolean {
  return literal.properties.some((p) => ts.isGetAccessorDeclaration(p) || ts.isSetAccessorDeclaration(p));
}

/** `file:line` of every object literal of either shape. */
function costlyLiterals(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node) && (startsWithSpreadAndGoesOn(node) || hasAccessor(node))) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${relative(ROOT, path)}:${line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('object literals in src/', () => {
  it('finds the shapes it guards against, and nothing else', () => {
    const sample = [
      'const a = { ...b, c: 1 };',
      'const d = { ...e, ...f };',
      'const g = { get h() { return 1; } };',
      'const i = { set j(v) {} };',
      'const k = { l: 1, ...m };',
      'const n = { ...o };',
      'const p = merged(q, { r: 1 });',
      'class S { get t() { return 1; } }',
    ].join('\n');
    expect(costlyLiterals(join(ROOT, 'sample.ts'), sample)).toEqual([
      'sample.ts:1',
      'sample.ts:2',
      'sample.ts:3',
      'sample.ts:4',
    ]);
  });

  it('neither start with a spread followed by more members nor have getters or setters', () => {
    const found = sourceFiles(join(ROOT, 'src')).flatMap((path) => costlyLiterals(path, readFileSync(path, 'utf8')));
    expect(found).toEqual([]);
  });
});
