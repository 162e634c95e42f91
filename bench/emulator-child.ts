// One emulator under test in its own process, so the load generator never shares its event loop: starts the
// requested build, seeds the fixtures, reports over IPC, and closes the store cleanly when the parent lets go.
import type { startEmulator as StartEmulator } from '../src/index.js';
import { type ChildReady, type ChildRequest, seedFixtures } from './fixtures.js';

const request = JSON.parse(process.env.BENCH_CHILD ?? 'null') as ChildRequest | null;
if (!request || !process.send) throw new Error('emulator-child runs only as a benchmark child (BENCH_CHILD + IPC)');

const { startEmulator } = (await import(request.entry)) as { startEmulator: typeof StartEmulator };
const emulator = await startEmulator({
  dataDir: request.dataDir,
  databaseUrl: request.databaseUrl,
  answerCache: request.answerCache,
  logLevel: request.logLevel,
  clock: request.clock,
});
const ready: ChildReady = {
  type: 'ready',
  endpoint: emulator.endpoint,
  fixtures: seedFixtures(emulator.app.store, request.fixtures),
};
process.send(ready);
// The soak samples the process's memory while it serves.
process.on('message', (message) => {
  if (message === 'rss') process.send?.({ type: 'rss', rss: process.memoryUsage().rss });
});
process.once('disconnect', () => {
  emulator.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
