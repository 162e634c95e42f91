// Injected API errors as boto3 and the AWS CLI see them: classified, retried and printed as AWS's own.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';

const t = useEmulator();
// Asynchronous on purpose: the emulator runs in this process and must keep answering while the child waits.
const run = promisify(execFile);
const env = { ...process.env, AWS_ACCESS_KEY_ID: '333333333333', AWS_SECRET_ACCESS_KEY: 'x', AWS_PAGER: '' };

afterEach(() => {
  t.emulator.faults.clear();
});

/** boto3 in standard retry mode (3 attempts): the status, the retries it made, and the error it raised if any. */
const boto3Call = `
import json, sys, boto3
from botocore.config import Config
from botocore.exceptions import ClientError
client = boto3.client('workspaces', endpoint_url=sys.argv[1], region_name='us-east-1',
                      config=Config(retries={'mode': 'standard', 'total_max_attempts': 3}))
try:
    meta = client.describe_workspaces()['ResponseMetadata']
    print(json.dumps({'status': meta['HTTPStatusCode'], 'retries': meta['RetryAttempts']}))
except ClientError as e:
    meta = e.response['ResponseMetadata']
    print(json.dumps({'status': meta['HTTPStatusCode'], 'retries': meta['RetryAttempts'],
                      'code': e.response['Error']['Code'], 'message': e.response['Error']['Message']}))
`;

async function boto3Describe(): Promise<Record<string, unknown>> {
  const { stdout } = await run('python3', ['-c', boto3Call, t.endpoint], { encoding: 'utf8', env });
  return JSON.parse(stdout.trim()) as Record<string, unknown>;
}

describe('boto3 (standard retry mode)', () => {
  it('retries a throttled call by itself and then succeeds', async () => {
    t.emulator.faults.add({ kind: 'api', operation: 'DescribeWorkspaces', errorCode: 'ThrottlingException', count: 2 });
    expect(await boto3Describe()).toEqual({ status: 200, retries: 2 });
    expect(t.emulator.faults.list()[0]).toMatchObject({ fired: 2, remaining: 0 });
  });

  it('gives up after three attempts and raises the error AWS would', async () => {
    t.emulator.faults.add({ kind: 'api', operation: 'DescribeWorkspaces', errorCode: 'InternalFailure' });
    expect(await boto3Describe()).toEqual({
      status: 500,
      retries: 2,
      code: 'InternalFailure',
      message: 'The request processing has failed because of an unknown error, exception or failure.',
    });
    expect(t.emulator.faults.list()[0]).toMatchObject({ fired: 3 });
  });
});

describe('the AWS CLI', () => {
  it('prints an injected error as it prints AWS errors', async () => {
    t.emulator.faults.add({
      kind: 'api',
      operation: 'DescribeWorkspaces',
      errorCode: 'ThrottlingException',
      message: 'Rate exceeded',
    });
    const failed = run(
      'aws',
      ['workspaces', 'describe-workspaces', '--endpoint-url', t.endpoint, '--region', 'us-east-1'],
      { encoding: 'utf8', env: { ...env, AWS_MAX_ATTEMPTS: '1' } },
    );
    await expect(failed).rejects.toMatchObject({
      code: 255,
      stderr: expect.stringMatching(
        /An error occurred \(ThrottlingException\) when calling the DescribeWorkspaces operation.*: Rate exceeded/,
      ),
    });
    expect(t.emulator.faults.list()[0]).toMatchObject({ fired: 1 });
  });
});
