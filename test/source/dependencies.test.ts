// The emulator's core (handlers, engine, faults, domain rules, store, protocol, fixtures, auth) never imports the
// front ends that expose it (src/admin, src/server): dependencies point one way, from the edges inward.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const CORE = ['handlers', 'engine', 'faults', 'domain', 'store', 'protocol', 'fixtures', 'auth', 'model'];
const EDGES = ['admin', 'server'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** `file -> module` for every import or export-from of a front-end module. */
function edgeImports(path: string, text = readFileSync(path, 'utf8')): string[] {
  const specifiers = [...text.matchAll(/\bfrom\s+'([^']+)'|\bimport\s*\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? m[2]);
  return specifiers
    .filter((s): s is string => s?.startsWith('.') === true)
    .map((s) => relative(SRC, join(path, '..', s)))
    .filter((target) => EDGES.some((edge) => target.startsWith(`${edge}/`)))
    .map((target) => `${relative(SRC, path)} -> ${target}`);
}

describe('the core of src/', () => {
  it('imports nothing from src/admin or src/server', () => {
    const found = CORE.flatMap((dir) => sourceFiles(join(SRC, dir))).flatMap((path) => edgeImports(path));
    expect(found).toEqual([]);
  });

  it('would catch a handler that imports the admin API or the server', () => {
    const probe = join(SRC, 'handlers', 'probe.ts');
    const text = "import { takeFault } from '../admin/faults.js';\nimport type { App } from '../server/app.js';\n";
    expect(edgeImports(probe, text)).toEqual([
      'handlers/probe.ts -> admin/faults.js',
      'handlers/probe.ts -> server/app.js',
    ]);
  });
});
