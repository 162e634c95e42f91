// auth sigv4 through the SDK and raw HTTP: who may call, with AWS's errors for everyone else.
import {
  DescribeWorkspaceImagesCommand,
  DescribeWorkspacesCommand,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/index.js';
import { useEmulator } from '../helpers/emulator.js';
import { world } from '../helpers/world.js';
import { signedClient, type TestPrincipal, writeCredentialsFile } from './signed.js';

const alice: TestPrincipal = {
  name: 'alice',
  accountId: '111111111111',
  accessKeyId: 'AKIAALICE0000001',
  secretAccessKey: 'alice-secret',
};
const bob: TestPrincipal = {
  name: 'bob',
  accountId: '222222222222',
  accessKeyId: 'AKIABOB00000001',
  secretAccessKey: 'bob-secret',
};
/** Its access key id looks like an account id; in sigv4 mode only accountId counts. */
const carol: TestPrincipal = {
  name: 'carol',
  accountId: '444444444444',
  accessKeyId: '333333333333',
  secretAccessKey: 'carol-secret',
};
const temporary: TestPrincipal = {
  name: 'temporary',
  accountId: '555555555555',
  accessKeyId: 'ASIATEMPORARY001',
  secretAccessKey: 'temporary-secret',
  sessionToken: 'the-session-token',
};

const t = useEmulator({ auth: 'sigv4', credentialsFile: writeCredentialsFile([alice, bob, carol, temporary]) });

const w = world(t);
const client = (principal: TestPrincipal, options = {}) => signedClient(t.endpoint, principal, options);
const MINUTE = 60_000;
const AMZ_DATE = String.raw`\d{8}T\d{6}Z`;

/** Imports a BYOL image (enabling BYOL for the account first) and returns its id. */
const importImage = (as: WorkSpacesClient, name: string) => w.importImage(as, name);

async function imageIds(as: WorkSpacesClient) {
  const out = await as.send(new DescribeWorkspaceImagesCommand({}));
  return (out.Images ?? []).map((image) => ({ id: image.ImageId, owner: image.OwnerAccountId }));
}

/** A raw call: the SDK would sign it. */
async function rawCall(headers: Record<string, string>, body = '{}', target = 'DescribeWorkspaces') {
  const res = await fetch(`${t.endpoint}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `WorkspacesService.${target}`,
      ...headers,
    },
    body,
  });
  return { status: res.status, errorType: res.headers.get('x-amzn-errortype'), body: await res.json() };
}

describe('auth sigv4', () => {
  it("accepts the SDK's signature and acts in the principal's account, whatever its access key id looks like", async () => {
    const aliceImage = await importImage(client(alice), 'alice-image');
    const carolImage = await importImage(client(carol), 'carol-image');
    expect(await imageIds(client(alice))).toEqual([{ id: aliceImage, owner: '111111111111' }]);
    expect(await imageIds(client(carol))).toEqual([{ id: carolImage, owner: '444444444444' }]);
    expect(await imageIds(client(bob))).toEqual([]);
  });

  it('acts in the Region of the credential scope', async () => {
    const imageId = await importImage(client(bob, { region: 'eu-west-1' }), 'bob-in-ireland');
    expect(await imageIds(client(bob, { region: 'eu-west-1' }))).toEqual([{ id: imageId, owner: '222222222222' }]);
    expect(await imageIds(client(bob))).toEqual([]);
  });

  it('answers a signature made with the wrong secret with InvalidSignatureException', async () => {
    const call = client(alice, { secretAccessKey: 'not-alice-secret' }).send(new DescribeWorkspacesCommand({}));
    await expect(call).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('answers an unknown access key id with UnrecognizedClientException', async () => {
    const stranger = { ...alice, accessKeyId: 'AKIASTRANGER0001' };
    await expect(client(stranger).send(new DescribeWorkspacesCommand({}))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('answers a request signed more than five minutes ago as expired', async () => {
    const call = client(alice, { systemClockOffset: -10 * MINUTE }).send(new DescribeWorkspacesCommand({}));
    await expect(call).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      message: expect.stringMatching(
        new RegExp(`^Signature expired: ${AMZ_DATE} is now earlier than ${AMZ_DATE} \\(${AMZ_DATE} - 5 min\\.\\)$`),
      ),
    });
  });

  it('answers a request signed more than five minutes ahead as not yet current', async () => {
    const call = client(alice, { systemClockOffset: 10 * MINUTE }).send(new DescribeWorkspacesCommand({}));
    await expect(call).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      message: expect.stringMatching(
        new RegExp(
          `^Signature not yet current: ${AMZ_DATE} is still later than ${AMZ_DATE} \\(${AMZ_DATE} \\+ 5 min\\.\\)$`,
        ),
      ),
    });
  });

  it('requires the session token of temporary credentials', async () => {
    await expect(client(temporary).send(new DescribeWorkspacesCommand({}))).resolves.toMatchObject({
      $metadata: { httpStatusCode: 200 },
    });
    const withoutToken = { ...temporary, sessionToken: 'stale-session-token' };
    await expect(client(withoutToken).send(new DescribeWorkspacesCommand({}))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid',
    });
  });

  it('answers a request without an Authorization header with MissingAuthenticationTokenException', async () => {
    expect(await rawCall({})).toEqual({
      status: 400,
      errorType: 'MissingAuthenticationTokenException',
      body: { __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' },
    });
  });

  it('answers a malformed Authorization header with IncompleteSignatureException', async () => {
    const authorization = 'AWS4-HMAC-SHA256 Credential=AKIAALICE0000001/20250101/us-east-1/workspaces/aws4_request';
    expect(await rawCall({ authorization, 'x-amz-date': '20250101T000000Z' })).toEqual({
      status: 400,
      errorType: 'IncompleteSignatureException',
      body: {
        __type: 'IncompleteSignatureException',
        message: `Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=${authorization}`,
      },
    });
  });

  it('checks the target before the signature, and the signature before the input', async () => {
    expect((await rawCall({}, '{}', 'NoSuchOperation')).errorType).toBe('UnknownOperationException');
    expect((await rawCall({}, '{"WorkspaceIds":"not a list"}')).errorType).toBe('MissingAuthenticationTokenException');
  });
});

describe('starting with auth sigv4', () => {
  it('refuses to start without a credentials file', async () => {
    await expect(startEmulator({ auth: 'sigv4' })).rejects.toThrow(
      'auth sigv4 needs a credentials file (--credentials FILE); see docs/auth.md',
    );
  });

  it('refuses to start with a credentials file it cannot use, naming the entry', async () => {
    const path = writeCredentialsFile([{ ...alice, accountId: 'not-an-account' }]);
    await expect(startEmulator({ auth: 'sigv4', credentialsFile: path })).rejects.toThrow(
      `${path}: principals[0].accountId has the wrong format`,
    );
  });
});
