// Bundles the command into dist/command.cjs, one CommonJS file, and writes its entry dist/cli.cjs
// (scripts/cli-launcher.ts: starts it from V8's code cache). Loading ~90 modules one by one was most of the command's
// start-up, a CommonJS entry spares Node its ES-module loader (~10 ms more), and the code cache the compiling of the
// bundle (~15 ms more). dist/index.js and the type declarations stay as tsc wrote them for in-process users; tsc's
// unbundled dist/cli.js is removed, so only one command ships.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Names stay, for stack traces; dropping comments (a few not ASCII) lets Node read the file as one-byte text.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
} as const;

/**
 * Writes `outdir`/cli.cjs and command.cjs; the bundle reads ../package.json from there, as the sources read it from
 * src/. A code cache left by an earlier build is removed with them.
 */
export async function bundleCli(outdir: string): Promise<void> {
  const leftovers = ['cli.js', 'cli.js.map', 'cli.cjs.map', 'cli.d.ts', 'cli.d.ts.map', 'chunks', 'command.cjs.cache'];
  for (const leftover of leftovers) rmSync(join(outdir, leftover), { recursive: true, force: true });
  await build({ ...common, entryPoints: ['scripts/cli-launcher.ts'], outfile: join(outdir, 'cli.cjs') });
  await build({
    ...common,
    entryPoints: ['src/cli.ts'],
    outfile: join(outdir, 'command.cjs'),
    // better-sqlite3's JavaScript is bundled (its addon is loaded by path: src/store/sqlite.ts); pino and the SigV4
    // signer are required only when used, so they stay in node_modules, as does the addon finder better-sqlite3 never
    // calls when given the addon's path.
    external: ['pino', '@smithy/signature-v4', 'bindings'],
    // The sources are ES modules: `import.meta.url` becomes the bundle's own file URL.
    inject: ['scripts/import-meta-url.ts'],
    define: { 'import.meta.url': 'importMetaUrl' },
    // Maps like tsc's, pointing into src/ instead of carrying a copy of it.
    sourcemap: true,
    sourcesContent: false,
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleCli(join(root, 'dist'));
}
