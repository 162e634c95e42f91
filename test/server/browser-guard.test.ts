// The front door against hostile browser pages: Host names the emulator (DNS rebinding), an Origin must be the
// emulator's own (or a --cors-origins entry, for the AWS API), admin writes must be JSON, CORS only when asked for.
import { DescribeWorkspaceDirectoriesCommand, RegisterWorkspaceDirectoryCommand } from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/index.js';
import { useEmulator } from '../helpers/emulator.js';
import { raw } from '../helpers/raw-http.js';

const t = useEmulator();
const SIGNED =
  'AWS4-HMAC-SHA256 Credential=111111111111/20260101/us-east-1/workspaces/aws4_request, SignedHeaders=host, Signature=0';
const awsHeaders = (extra: Record<string, string> = {}) => ({
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': 'WorkspacesService.DescribeWorkspaceDirectories',
  authorization: SIGNED,
  ...extra,
});

async function directoryCount(): Promise<number> {
  const out = await t.client().send(new DescribeWorkspaceDirectoriesCommand({}));
  return out.Directories?.length ?? 0;
}

beforeEach(async () => {
  t.emulator.reset();
  await t
    .client()
    .send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: 'd-1234567890', SubnetIds: ['subnet-0a1b2c3d'] }));
});

describe('the Host header (DNS rebinding)', () => {
  it('refuses an admin call whose Host names another site, and the export stays unread', async () => {
    const answer = await raw(t.endpoint, {
      path: '/_emulator/export',
      headers: { host: `rebind.example:${t.emulator.port}` },
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toEqual({ error: expect.stringContaining("Host 'rebind.example' is not") });
    expect(answer.body).not.toContain('d-1234567890');
  });

  it('refuses an AWS call whose Host names another site, as AccessDeniedException', async () => {
    const answer = await raw(t.endpoint, {
      method: 'POST',
      headers: awsHeaders({ host: 'rebind.example' }),
      body: '{}',
    });
    expect(answer.status).toBe(403);
    expect(answer.headers['x-amzn-errortype']).toBe('AccessDeniedException');
    expect(JSON.parse(answer.body)).toEqual({
      __type: 'AccessDeniedException',
      message: expect.stringContaining("Host 'rebind.example' is not"),
    });
  });

  it.each(['127.0.0.1', 'localhost', 'LOCALHOST.', 'dashboard.localhost', '[::1]', '10.1.2.3', '[fe80::1]'])(
    'serves Host %s (loopback names and address literals cannot be rebound)',
    async (host) => {
      const answer = await raw(t.endpoint, {
        path: '/_emulator/health',
        headers: { host: `${host}:${t.emulator.port}` },
      });
      expect(answer.status).toBe(200);
    },
  );

  it('serves a request without a Host header (HTTP/1.0 clients; browsers always send one)', async () => {
    const answer = await raw(t.endpoint, { path: '/_emulator/health', headers: { host: '' } });
    expect(answer.status).toBe(200);
  });
});

describe('allowedHosts', () => {
  let named: Emulator;
  beforeAll(async () => {
    named = await startEmulator({ allowedHosts: ['emulator.internal', 'Workspaces.Test'] });
  });
  afterAll(() => named.close());

  it('serves the names it lists, in any case, and still refuses the others', async () => {
    for (const host of ['emulator.internal', 'workspaces.test:4599']) {
      expect((await raw(named.endpoint, { path: '/_emulator/health', headers: { host } })).status).toBe(200);
    }
    expect((await raw(named.endpoint, { path: '/_emulator/health', headers: { host: 'other.test' } })).status).toBe(
      403,
    );
  });

  it("'*' serves any Host", async () => {
    const open = await startEmulator({ allowedHosts: ['*'] });
    try {
      expect((await raw(open.endpoint, { path: '/_emulator/health', headers: { host: 'any.test' } })).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});

describe('the Origin header', () => {
  it('refuses a reset from another origin and changes nothing', async () => {
    const answer = await raw(t.endpoint, {
      method: 'POST',
      path: '/_emulator/reset',
      headers: { origin: 'http://attacker.test', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toEqual({ error: expect.stringContaining("Origin 'http://attacker.test' is not") });
    expect(await directoryCount()).toBe(1);
  });

  it("refuses Origin 'null' (sandboxed frames, local files)", async () => {
    const answer = await raw(t.endpoint, { path: '/_emulator/export', headers: { origin: 'null' } });
    expect(answer.status).toBe(403);
  });

  it('refuses an AWS call from another origin', async () => {
    const answer = await raw(t.endpoint, {
      method: 'POST',
      headers: awsHeaders({ origin: 'http://attacker.test' }),
      body: '{}',
    });
    expect(answer.status).toBe(403);
    expect(answer.headers['x-amzn-errortype']).toBe('AccessDeniedException');
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it("accepts the emulator's own origin, as the dashboard sends it", async () => {
    const own = new URL(t.endpoint).origin;
    const answer = await raw(t.endpoint, {
      method: 'POST',
      path: '/_emulator/clock',
      headers: { origin: own, 'content-type': 'application/json' },
      body: '{"advanceSeconds":1}',
    });
    expect(answer.status).toBe(200);
  });
});

describe('admin writes', () => {
  it.each([
    ['text/plain', '{"advanceSeconds":3600}'],
    ['application/x-www-form-urlencoded', 'advanceSeconds=3600'],
    ['multipart/form-data; boundary=x', '--x--'],
  ])('refuses a %s body with 415 and leaves the clock where it was', async (type, body) => {
    const before = t.emulator.clock.now().getTime();
    const answer = await raw(t.endpoint, {
      method: 'POST',
      path: '/_emulator/clock',
      headers: { 'content-type': type },
      body,
    });
    expect(answer.status).toBe(415);
    expect(JSON.parse(answer.body)).toEqual({ error: 'admin writes need Content-Type: application/json' });
    expect(t.emulator.clock.now().getTime()).toBe(before);
  });

  it('refuses a JSON body without a Content-Type', async () => {
    const answer = await raw(t.endpoint, { method: 'POST', path: '/_emulator/reset', body: '{}' });
    expect(answer.status).toBe(415);
    expect(await directoryCount()).toBe(1);
  });

  it("accepts a body-less POST without a Content-Type, as moto's clients call /moto-api/reset", async () => {
    const answer = await raw(t.endpoint, { method: 'POST', path: '/moto-api/reset' });
    expect(answer.status).toBe(200);
    expect(await directoryCount()).toBe(0);
  });

  it('accepts application/json with a charset', async () => {
    const answer = await raw(t.endpoint, {
      method: 'POST',
      path: '/_emulator/reset',
      headers: { 'content-type': 'Application/JSON; charset=utf-8' },
      body: '{}',
    });
    expect(answer.status).toBe(200);
  });
});

describe('CORS', () => {
  it('is off by default: a preflight gets no Access-Control headers', async () => {
    const answer = await raw(t.endpoint, {
      method: 'OPTIONS',
      headers: { origin: 'http://app.test', 'access-control-request-method': 'POST' },
    });
    expect(answer.status).toBe(403);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  describe('with corsOrigins', () => {
    let cors: Emulator;
    beforeAll(async () => {
      cors = await startEmulator({ corsOrigins: ['http://app.test:8080'] });
    });
    afterAll(() => cors.close());

    it('answers a preflight for the AWS API from a listed origin', async () => {
      const answer = await raw(cors.endpoint, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://app.test:8080',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,x-amz-date,x-amz-target,x-amz-user-agent',
        },
      });
      expect(answer.status).toBe(204);
      expect(answer.headers).toMatchObject({
        'access-control-allow-origin': 'http://app.test:8080',
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'authorization,content-type,x-amz-date,x-amz-target,x-amz-user-agent',
        vary: 'Origin',
      });
    });

    it('lets the listed origin read AWS answers and their request id', async () => {
      const answer = await raw(cors.endpoint, {
        method: 'POST',
        headers: awsHeaders({ origin: 'http://app.test:8080' }),
        body: '{}',
      });
      expect(answer.status).toBe(200);
      expect(answer.headers['access-control-allow-origin']).toBe('http://app.test:8080');
      expect(answer.headers['access-control-expose-headers']).toContain('x-amzn-RequestId');
    });

    it('does not open the admin API to that origin', async () => {
      const answer = await raw(cors.endpoint, {
        method: 'POST',
        path: '/_emulator/reset',
        headers: { origin: 'http://app.test:8080', 'content-type': 'application/json' },
        body: '{}',
      });
      expect(answer.status).toBe(403);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('gives an unlisted origin no preflight', async () => {
      const answer = await raw(cors.endpoint, {
        method: 'OPTIONS',
        headers: { origin: 'http://other.test', 'access-control-request-method': 'POST' },
      });
      expect(answer.status).toBe(403);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});
