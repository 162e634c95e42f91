// Replaces tsc's dist/cli.js with one bundled file: loading ~90 modules one by one was most of the command's start-up.
// dist/index.js and the type declarations stay as tsc wrote them for in-process users.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * better-sqlite3 is CommonJS: imported from ESM, Node first scans its sources for the names it exports, which costs
 * more start-up time than loading it; required, it loads straight away, still from node_modules.
 */
const requireBetterSqlite3: Plugin = {
  name: 'require-better-sqlite3',
  setup(build) {
    build.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: 'better-sqlite3', namespace: 'require' }));
    build.onLoad({ filter: /.*/, namespace: 'require' }, ({ path }) => ({
      contents: `import { createRequire } from 'node:module';
export default createRequire(import.meta.url)(${JSON.stringify(path)});`,
      loader: 'js',
    }));
  },
};

/** Writes `outdir`/cli.js and its chunks; the bundle reads ../package.json from there, as dist/cli.js does. */
export async function bundleCli(outdir: string): Promise<void> {
  // Chunk names carry a content hash: a rebuild would otherwise leave the previous ones behind to be packed.
  rmSync(join(outdir, 'chunks'), { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: ['src/cli.ts'],
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // better-sqlite3 is native, and pino and the SigV4 signer are loaded only when used: all stay in node_modules.
    packages: 'external',
    plugins: [requireBetterSqlite3],
    // The signer's dynamic import becomes a chunk of its own, so it stays lazy instead of joining the bundle.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // Names stay, for stack traces; dropping comments (a few not ASCII) lets Node read the file as one-byte text.
    minifyWhitespace: true,
    minifySyntax: true,
    // Maps like tsc's, pointing into src/ instead of carrying a copy of it.
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleCli(join(root, 'dist'));
}
