// Vitest global setup of the `postgres` project: one throwaway cluster for the whole run; each test file makes its
// own database in it (test/helpers/emulator.ts).
import type { TestProject } from 'vitest/node';
import { type PostgresAddress, startPostgres } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresAddress;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startPostgres();
  project.provide('postgres', { port: cluster.port, socketDir: cluster.socketDir });
  return () => cluster.stop();
}
