// src/objects.ts explains why no object literal in src/ starts with a spread followed by more members; this test finds
// any that does, with its file and line.
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

/** `file:line` of every object literal whose first member is a spread and which has more members after it. */
function leadingSpreads(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const [first, ...rest] = ts.isObjectLiteralExpression(node) ? node.properties : [];
    if (first && ts.isSpreadAssignment(first) && rest.length > 0) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${relative(ROOT, path)}:${line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('object literals in src/', () => {
  it('finds the pattern it guards against, and nothing it does not', () => {
    const sample = [
      'const a = { ...b, c: 1 };',
      'const d = { ...e, ...f };',
      'const g = { h: 1, ...i };',
      'const j = { ...k };',
      'const l = merged(m, { n: 1 });',
    ].join('\n');
    expect(leadingSpreads(join(ROOT, 'sample.ts'), sample)).toEqual(['sample.ts:1', 'sample.ts:2']);
  });

  it('never start with a spread followed by more members', () => {
    const found = sourceFiles(join(ROOT, 'src')).flatMap((path) => leadingSpreads(path, readFileSync(path, 'utf8')));
    expect(found).toEqual([]);
  });
});
