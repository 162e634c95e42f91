// boto3 and the AWS CLI read the emulator's answers as they read AWS's.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';

const t = useEmulator();
// Asynchronous on purpose: the emulator runs in this process and must keep answering while the child waits.
const run = promisify(execFile);
const script = fileURLToPath(new URL('./front-end.py', import.meta.url));
const expectedMessage =
  "1 validation error detected: Value 'wsi-bad' at 'imageId' failed to satisfy constraint: Member must satisfy regular expression pattern: wsi-[0-9a-z]{9,63}$";

const cliEnv = { ...process.env, AWS_ACCESS_KEY_ID: '333333333333', AWS_SECRET_ACCESS_KEY: 'x', AWS_PAGER: '' };

describe('boto3', () => {
  it('parses a modeled error and a paginated success with timestamps', async () => {
    const { stdout } = await run('python3', [script, t.endpoint], { encoding: 'utf8' });
    const [error, success] = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(success).toEqual({
      applications: ['wsa-hvh179sq6', 'wsa-khw7gclz4', expect.stringMatching(/^wsa-[0-9a-z]{9}$/)],
      createdIsDatetime: true,
      hasNextToken: true,
      status: 200,
    });
    expect(error).toEqual({
      code: 'ValidationException',
      message: expectedMessage,
      status: 400,
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });
});

describe('the AWS CLI', () => {
  it('prints a success as JSON, walking every page by itself', async () => {
    const { stdout } = await run(
      'aws',
      [
        'workspaces',
        'describe-workspace-bundles',
        '--owner',
        'AMAZON',
        '--endpoint-url',
        t.endpoint,
        '--region',
        'eu-west-1',
      ],
      { encoding: 'utf8', env: cliEnv },
    );
    const bundles = (JSON.parse(stdout) as { Bundles: { BundleId: string; Owner: string }[] }).Bundles;
    expect(bundles.length).toBeGreaterThan(10);
    expect(new Set(bundles.map((b) => b.BundleId)).size).toBe(bundles.length);
    expect(bundles.every((b) => b.Owner === 'Amazon')).toBe(true);
  });

  it('reports a modeled error by name and message', async () => {
    const failed = run(
      'aws',
      [
        'workspaces',
        'describe-image-associations',
        '--image-id',
        'wsi-bad',
        '--associated-resource-types',
        'APPLICATION',
        '--endpoint-url',
        t.endpoint,
        '--region',
        'eu-west-1',
      ],
      { encoding: 'utf8', env: cliEnv },
    );
    await expect(failed).rejects.toMatchObject({
      code: 255,
      stderr: expect.stringContaining(
        `An error occurred (ValidationException) when calling the DescribeImageAssociations operation: ${expectedMessage}`,
      ),
    });
  });
});
