// API faults under auth sigv4: a fault acts after authentication and authorization, so a caller the emulator refuses
// gets its auth error and the fault is not spent; the first authorised call gets the fault.
import { DescribeWorkspacesCommand } from '@aws-sdk/client-workspaces';
import { afterEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { policy, signedClient, type TestPrincipal, writeCredentialsFile } from './signed.js';

const ACCOUNT = '111111111111';

const admin: TestPrincipal = {
  name: 'admin',
  accountId: ACCOUNT,
  accessKeyId: 'AKIAFAULTADMIN01',
  secretAccessKey: 'admin-secret',
};
const denied: TestPrincipal = {
  name: 'denied',
  accountId: ACCOUNT,
  accessKeyId: 'AKIAFAULTDENIED1',
  secretAccessKey: 'denied-secret',
  policies: [
    policy({ Effect: 'Allow', Action: 'workspaces:*', Resource: '*' }),
    policy({ Effect: 'Deny', Action: 'workspaces:DescribeWorkspaces', Resource: '*' }),
  ],
};
const nobody: TestPrincipal = {
  name: 'nobody',
  accountId: ACCOUNT,
  accessKeyId: 'AKIAFAULTNOBODY1',
  secretAccessKey: 'nobody-secret',
  policies: [],
};

const t = useEmulator({ auth: 'sigv4', credentialsFile: writeCredentialsFile([admin, denied, nobody]) });

afterEach(() => {
  t.emulator.faults.clear();
});

/** A call with no signature at all. */
async function unsignedCall() {
  const res = await fetch(t.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'WorkspacesService.DescribeWorkspaces',
    },
    body: '{}',
  });
  return { status: res.status, errorType: res.headers.get('x-amzn-errortype') };
}

const describeAs = (who: TestPrincipal, secretAccessKey?: string) =>
  signedClient(t.endpoint, who, secretAccessKey === undefined ? {} : { secretAccessKey }).send(
    new DescribeWorkspacesCommand({}),
  );

/** The fault as the admin API lists it: how often it fired, and what it hit. */
const listed = () => t.emulator.faults.list()[0];

describe('an API fault under auth sigv4', () => {
  it('spares calls refused by authentication or authorization, and hits the first authorised one', async () => {
    const fault = t.emulator.faults.add({
      kind: 'api',
      operation: 'DescribeWorkspaces',
      errorCode: 'ThrottlingException',
      count: 1,
    });

    expect(await unsignedCall()).toEqual({ status: 400, errorType: 'MissingAuthenticationTokenException' });
    await expect(describeAs(admin, 'not-the-secret')).rejects.toMatchObject({ name: 'InvalidSignatureException' });
    await expect(describeAs({ ...admin, accessKeyId: 'AKIAFAULTSTRANGE' })).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
    await expect(describeAs(denied)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('with an explicit deny in an identity-based policy'),
    });
    await expect(describeAs(nobody)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('because no identity-based policy allows the workspaces:DescribeWorkspaces'),
    });
    expect(listed()).toMatchObject({ faultId: fault.faultId, fired: 0, remaining: 1, hits: [] });

    await expect(describeAs(admin)).rejects.toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded' });
    expect(listed()).toMatchObject({
      fired: 1,
      remaining: 0,
      hits: [{ at: expect.any(String), account: ACCOUNT, region: 'us-east-1', target: 'DescribeWorkspaces' }],
    });
    await expect(describeAs(admin)).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
  });

  it('on every operation, still leaves a denied caller its AccessDeniedException', async () => {
    t.emulator.faults.add({ kind: 'api', operation: '*', errorCode: 'InternalFailure' });
    await expect(describeAs(denied)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400 },
    });
    expect(listed()).toMatchObject({ fired: 0 });
    await expect(describeAs(admin)).rejects.toMatchObject({
      name: 'InternalFailure',
      $metadata: { httpStatusCode: 500 },
    });
    expect(listed()).toMatchObject({ fired: 1 });
  });
});
