#!/usr/bin/env node
// The command's entry, dist/cli.cjs: runs the bundled command (dist/command.cjs) from V8's code cache when one fits
// this Node, which spares it parsing and compiling ~380 KB at every start. When there is none, or V8 rejects it
// (another Node, other V8 flags), the command compiles as usual and the cache is written when the process exits, so
// the next start has it. A read-only install simply runs without one.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

const command = join(__dirname, 'command.cjs');
const cacheFile = `${command}.cache`;

function readCache(): Buffer | undefined {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/** Written whole under another name, then renamed: two commands exiting at once never leave half a cache. */
function writeCache(script: Script): void {
  const partial = `${cacheFile}.${process.pid}`;
  try {
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
  } catch {
    // Not writable (a read-only install): the next start compiles again.
  }
}

const cachedData = readCache();
// Wrapped as Node wraps a CommonJS module; the shebang line is for running command.cjs directly.
const source = readFileSync(command, 'utf8').replace(/^#!.*/, '');
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: command,
  cachedData,
});
// At exit, the cache also holds what the run compiled on the way (the request path, once a request was served).
if (cachedData === undefined || script.cachedDataRejected) process.once('exit', () => writeCache(script));
const loaded = { exports: {} };
script.runInThisContext()(loaded.exports, createRequire(command), loaded, command, __dirname);
