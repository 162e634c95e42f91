import { defineConfig } from 'vitest/config';
import { postgresMissing } from './test/helpers/postgres.js';

/**
 * The AWS SDK warns on Node 20 that its later releases will need Node 22, once per test file that loads a client. The
 * suite runs on Node 20, 22 and 24 (.ci/run), so the warning tells it nothing.
 */
const quietSdk = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
const shared = { testTimeout: 30_000, hookTimeout: 60_000, env: quietSdk };

/**
 * The SDK conformance tests and the admin API's run a second time with every emulator on PostgreSQL (one throwaway
 * cluster for the run), when PostgreSQL is installed; the store tests cover both stores themselves.
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
                include: ['test/conformance/**/*.test.ts', 'test/admin/admin-api.test.ts'],
                // Starts its own emulators, on SQLite data dirs: nothing of it would run on PostgreSQL.
                exclude: ['test/conformance/time.test.ts'],
                env: { ...quietSdk, WORKSPACES_LOCAL_TEST_STORE: 'postgres' },
                globalSetup: ['test/helpers/postgres-setup.ts'],
              },
            },
          ]),
    ],
  },
});
