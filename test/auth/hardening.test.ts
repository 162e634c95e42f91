// What keeps an emulator on a shared network safe: loopback by default, the admin token, the body cap, inert
// __proto__ keys, patterns that cannot be made to overflow, and logs without secrets.
import type { AddressInfo } from 'node:net';
import { CreateTagsCommand, DescribeApplicationsCommand, DescribeTagsCommand } from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { type Emulator, startEmulator } from '../../src/index.js';
import { createLogger } from '../../src/log.js';
import { createApp } from '../../src/server/app.js';
import { createHttpServer } from '../../src/server/http.js';
import { useEmulator } from '../helpers/emulator.js';
import { world } from '../helpers/world.js';
import { signedClient, type TestPrincipal, writeCredentialsFile } from './signed.js';

const ADMIN_TOKEN = 'admin-token-for-tests';

/** The endpoint of an emulator listening on every interface, reached through loopback. */
const viaLoopback = (emulator: Emulator) => `http://127.0.0.1:${emulator.port}`;

async function admin(endpoint: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${endpoint}/_emulator/health`, { headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('listening', () => {
  it('binds to 127.0.0.1 unless told otherwise', async () => {
    const emulator = await startEmulator();
    try {
      expect(emulator.endpoint).toBe(`http://127.0.0.1:${emulator.port}`);
      expect(emulator.app.config.host).toBe('127.0.0.1');
    } finally {
      await emulator.close();
    }
  });
});

describe('the admin API beyond loopback', () => {
  let open: Emulator;
  let closed: Emulator;
  beforeAll(async () => {
    open = await startEmulator({ host: '0.0.0.0', adminToken: ADMIN_TOKEN, clock: 'manual' });
    closed = await startEmulator({ host: '0.0.0.0', clock: 'manual' });
  });
  afterAll(async () => {
    await open.close();
    await closed.close();
  });

  it('refuses a call without the admin token', async () => {
    expect(await admin(viaLoopback(open))).toEqual({
      status: 401,
      body: { error: 'The admin API needs the header "Authorization: Bearer <admin token>".' },
    });
  });

  it('refuses a wrong admin token', async () => {
    expect((await admin(viaLoopback(open), { authorization: 'Bearer guessed' })).status).toBe(401);
    expect((await admin(viaLoopback(open), { authorization: ADMIN_TOKEN })).status).toBe(401);
  });

  it('serves the holder of the admin token', async () => {
    const answer = await admin(viaLoopback(open), { authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(answer).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('serves the dashboard page itself without the token but keeps its data behind it', async () => {
    const page = await fetch(`${viaLoopback(open)}/_emulator/ui`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const data = await fetch(`${viaLoopback(open)}/_emulator/state`);
    expect(data.status).toBe(401);
  });

  it('guards the moto-compatible reset route as well', async () => {
    const res = await fetch(`${viaLoopback(open)}/moto-api/reset`, { method: 'POST' });
    expect(res.status).toBe(401);
  });

  it('is disabled when no admin token is set', async () => {
    expect(await admin(viaLoopback(closed), { authorization: `Bearer ${ADMIN_TOKEN}` })).toEqual({
      status: 403,
      body: {
        error: 'The admin API is disabled: the emulator listens on 0.0.0.0 and no admin token is set (--admin-token).',
      },
    });
  });

  it('leaves the AWS API to its own auth', async () => {
    const client = signedClient(viaLoopback(open), {
      name: 'any',
      accountId: '111111111111',
      accessKeyId: '111111111111',
      secretAccessKey: 'anything',
    });
    await expect(client.send(new DescribeApplicationsCommand({}))).resolves.toMatchObject({
      $metadata: { httpStatusCode: 200 },
    });
  });
});

describe('the admin token on loopback', () => {
  it('is still required once set', async () => {
    const emulator = await startEmulator({ adminToken: ADMIN_TOKEN });
    try {
      expect((await admin(emulator.endpoint)).status).toBe(401);
      expect((await admin(emulator.endpoint, { authorization: `Bearer ${ADMIN_TOKEN}` })).status).toBe(200);
    } finally {
      await emulator.close();
    }
  });
});

describe('request bodies', () => {
  const t = useEmulator({ maxBodyBytes: 12_000_000 });
  const headers = (operation: string) => ({
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `WorkspacesService.${operation}`,
    authorization:
      'AWS4-HMAC-SHA256 Credential=111111111111/20250101/us-east-1/workspaces/aws4_request, SignedHeaders=host, Signature=0',
  });
  const post = (operation: string, body: string) =>
    fetch(`${t.endpoint}/`, { method: 'POST', headers: headers(operation), body });

  it('are capped: a larger one is refused with 413 before it is read', async () => {
    const emulator = await startEmulator({ maxBodyBytes: 1024 });
    try {
      const res = await fetch(`${emulator.endpoint}/`, {
        method: 'POST',
        headers: headers('DescribeWorkspaces'),
        body: JSON.stringify({ padding: 'x'.repeat(2048) }),
      });
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({
        __type: 'RequestEntityTooLargeException',
        message: 'Request body exceeds the limit of 1024 bytes.',
      });
    } finally {
      await emulator.close();
    }
  });

  it('cannot pollute prototypes through __proto__ or constructor keys', async () => {
    const hostile = [
      ['DescribeWorkspaces', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'],
      ['CreateTags', '{"ResourceId":"ws-abc123def","Tags":[{"Key":"k","Value":"v","__proto__":{"polluted":true}}]}'],
      [
        'ImportClientBranding',
        '{"ResourceId":"d-1234567890","DeviceTypeWindows":{"LoginMessage":{"__proto__":"hi","constructor":"x"}}}',
      ],
      ['RegisterWorkspaceDirectory', '{"DirectoryId":"d-1234567890","Tags":[{"Key":"__proto__","Value":"x"}]}'],
    ];
    for (const [operation, body = ''] of hostile) {
      const res = await post(operation ?? '', body);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('keep a tag named __proto__ as an ordinary tag', async () => {
    const client = t.client();
    const ResourceId = await world(t).importImage(client, 'proto-tags');
    await client.send(new CreateTagsCommand({ ResourceId, Tags: [{ Key: '__proto__', Value: 'x' }] }));
    expect((await client.send(new DescribeTagsCommand({ ResourceId }))).TagList).toEqual([
      { Key: '__proto__', Value: 'x' },
    ]);
  });

  it('cannot make a model pattern exhaust the stack: a 10 MB DomainName is a ValidationException', async () => {
    const domain = '1.'.repeat(5_100_000);
    const res = await post(
      'RegisterWorkspaceDirectory',
      JSON.stringify({
        WorkspaceDirectoryName: 'hostile',
        ActiveDirectoryConfig: {
          DomainName: domain,
          ServiceAccountSecretArn: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:ad-service-account',
        },
      }),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { __type: string; message: string };
    expect(body.__type).toBe('ValidationException');
    expect(body.message).toContain(
      "at 'activeDirectoryConfig.domainName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([a-zA-Z0-9]+[.-])+([a-zA-Z0-9])+$",
    );
  });
});

describe('the log', () => {
  const secrets = {
    secret: 'log-test-secret-value',
    sessionToken: 'log-test-session-token',
    adminToken: 'log-test-admin-token',
  };
  const user: TestPrincipal = {
    name: 'logged',
    accountId: '111111111111',
    accessKeyId: 'AKIALOGGED000001',
    secretAccessKey: secrets.secret,
    sessionToken: secrets.sessionToken,
  };
  const lines: string[] = [];
  let endpoint = '';
  let close = async () => {};
  let flushLog = () => {};

  beforeAll(async () => {
    const config = resolveConfig({
      port: 0,
      clock: 'manual',
      auth: 'sigv4',
      credentialsFile: writeCredentialsFile([user]),
      adminToken: secrets.adminToken,
    });
    const app = createApp(config, createLogger('debug', { write: (line: string) => lines.push(line) }));
    flushLog = () => app.log.flush();
    const server = createHttpServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = async () => {
      await new Promise((resolve) => server.close(resolve));
      app.store.close();
    };
  });
  afterAll(() => close());

  it('never holds a secret key, session token or admin token', async () => {
    const good = signedClient(endpoint, user);
    await good.send(new DescribeApplicationsCommand({}));
    const wrong = signedClient(endpoint, user, { secretAccessKey: `${secrets.secret}-typo` });
    await expect(wrong.send(new DescribeApplicationsCommand({}))).rejects.toThrow();
    const staleToken = signedClient(endpoint, user, { sessionToken: `${secrets.sessionToken}-old` });
    await expect(staleToken.send(new DescribeApplicationsCommand({}))).rejects.toThrow();
    await admin(endpoint, { authorization: `Bearer ${secrets.adminToken}` });
    await admin(endpoint, { authorization: `Bearer ${secrets.adminToken}-guess` });
    // Lines are held for up to 10 ms: every one of these calls' lines is written before they are read.
    flushLog();
    expect(lines.some((line) => line.includes('"principal":"arn:aws:iam::111111111111:user/logged"'))).toBe(true);
    for (const value of Object.values(secrets)) {
      expect(lines.filter((line) => line.includes(value))).toEqual([]);
    }
  });
});
