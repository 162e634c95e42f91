import { defineConfig } from 'vitest/config';
import { postgresMissing } from './test/helpers/postgres.js';

const shared = { testTimeout: 30_000, hookTimeout: 60_000 };

/**
 * The SDK conformance tests run a second time with every emulator on PostgreSQL (one throwaway cluster for the run),
 * when PostgreSQL is installed; the store tests cover both stores themselves.
 */
const missing = postgresMissing();
if (missing) console.warn(`Skipping the conformance run on the PostgreSQL store: ${missing}`);

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'sqlite', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } },
      ...(missing
        ? []
        : [
            {
              test: {
                ...shared,
                name: 'postgres',
                include: ['test/conformance/**/*.test.ts'],
                // Starts its own emulators, on SQLite data dirs: nothing of it would run on PostgreSQL.
                exclude: ['test/conformance/time.test.ts'],
                env: { WORKSPACES_LOCAL_TEST_STORE: 'postgres' },
                globalSetup: ['test/helpers/postgres-setup.ts'],
              },
            },
          ]),
    ],
  },
});
