// The application story through boto3: a Python client drives every step and reads every answer.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { durations } from '../../src/domain/durations.js';
import { useEmulator } from '../helpers/emulator.js';

const t = useEmulator();
const script = fileURLToPath(new URL('./application-story.py', import.meta.url));
// Asynchronous on purpose: the emulator serves from this process, so a synchronous child would wait on it forever.
const run = promisify(execFile);

const office2021 = 'wsa-ofc21ppl1';
const visio2021 = 'wsa-vis21pro1';
const both = (state: string) => ({ [office2021]: state, [visio2021]: state });

describe('boto3', () => {
  it('runs the application story from directory to the four views', async () => {
    const { stdout } = await run('python3', [script, t.endpoint, JSON.stringify(durations)], { encoding: 'utf8' });
    expect(JSON.parse(stdout.trim())).toEqual({
      deployed: both('PENDING_INSTALL'),
      stateWhileDeploying: 'UPDATING',
      afterQueue: both('INSTALLING'),
      installed: both('COMPLETED'),
      createdIsTimestamp: true,
      stateAfterDeploy: 'AVAILABLE',
      image: both('COMPLETED'),
      bundle: both('COMPLETED'),
      second: both('COMPLETED'),
      applicationView: [
        ['BUNDLE', true, 'COMPLETED'],
        ['IMAGE', true, 'COMPLETED'],
        ['WORKSPACE', true, 'COMPLETED'],
        ['WORKSPACE', true, 'COMPLETED'],
      ],
      errors: {
        uninstallOnly: { code: 'ApplicationNotSupportedException', status: 400, resourceId: null },
        unknownWorkspace: { code: 'ResourceNotFoundException', status: 400, resourceId: 'ws-000000000' },
        alreadyAssociated: { code: 'ResourceAlreadyExistsException', status: 400, resourceId: null },
        otherAccount: { code: 'ResourceNotFoundException', status: 400, resourceId: expect.stringMatching(/^ws-/) },
      },
      catalogSize: 10,
    });
  });
});
