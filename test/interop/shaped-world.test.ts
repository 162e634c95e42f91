// Declared directories, quotas at AWS's defaults and the public catalog through boto3: a Python client drives each
// case the SDK tests cover (test/conformance/directory-service, quotas and public-catalog) once more.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { durations } from '../../src/domain/durations.js';
import { catalogRows } from '../../src/domain/public-bundle-catalog.js';
import { awsDefaultQuotas } from '../../src/domain/quotas.js';
import { useEmulator } from '../helpers/emulator.js';

const t = useEmulator({ quotas: awsDefaultQuotas });
const script = fileURLToPath(new URL('./shaped-world.py', import.meta.url));
// Asynchronous on purpose: the emulator serves from this process, so a synchronous child would wait on it forever.
const run = promisify(execFile);

const quotaMessage = (name: string, value: number) =>
  `The ${name} quota of this account in us-east-1 (${value}) has been reached. Terminate WorkSpaces you no longer need, or request a quota increase, and try again.`;

describe('boto3', () => {
  it('sees declared directories, the default role, AWS default quotas and the public catalog', async () => {
    const { stdout } = await run('python3', [script, t.endpoint, JSON.stringify(durations)], { encoding: 'utf8' });
    expect(JSON.parse(stdout.trim())).toEqual({
      declared: 200,
      notActive: {
        code: 'InvalidResourceStateException',
        message:
          'The specified directory is not in a valid state. Confirm that the directory has a status of Active, and try again.',
      },
      shared: {
        code: 'OperationNotSupportedException',
        message:
          'The directory d-5000000002 is a shared directory. Shared directories are not supported for use with Amazon WorkSpaces.',
      },
      adConnector: ['AD_CONNECTOR', 'ad.example.org', 'REGISTERED'],
      badDeclaration: [400, { error: expect.stringContaining('stage must be one of Requested') }],
      noRole: {
        code: 'WorkspacesDefaultRoleNotFoundException',
        message: expect.stringMatching(/^The workspaces_DefaultRole role could not be found\./),
      },
      byName: ['wsb-93xk71ss4', 'wsb-w10v0x16a', 'wsb-g5rbnq51n'],
      catalogSize: catalogRows.length,
      pending: ['ann'],
      failed: [['bob', 'ResourceLimitExceeded', quotaMessage('workspaces', 1)]],
      gpu: [quotaMessage('graphics-g4dn-workspaces', 0)],
    });
  });
});
