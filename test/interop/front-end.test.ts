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

describe('boto3', () => {
  it('parses a modeled error with its code, message, status and request id', async () => {
    const { stdout } = await run('python3', [script, t.endpoint], { encoding: 'utf8' });
    expect(JSON.parse(stdout.trim())).toEqual({
      code: 'ValidationException',
      message: expectedMessage,
      status: 400,
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });
});

describe('the AWS CLI', () => {
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
      {
        encoding: 'utf8',
        env: { ...process.env, AWS_ACCESS_KEY_ID: '333333333333', AWS_SECRET_ACCESS_KEY: 'x', AWS_PAGER: '' },
      },
    );
    await expect(failed).rejects.toMatchObject({
      code: 255,
      stderr: expect.stringContaining(
        `An error occurred (ValidationException) when calling the DescribeImageAssociations operation: ${expectedMessage}`,
      ),
    });
  });
});
