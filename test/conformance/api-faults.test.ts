// API faults through the SDK v3 over HTTP: AWS's error forms, the SDK's own retries, selectors, the seeded chance,
// latency, and the admin routes that set, list and remove them.

import type { AddressInfo } from 'node:net';
import {
  DescribeApplicationsCommand,
  DescribeWorkspaceBundlesCommand,
  DescribeWorkspacesCommand,
  ResourceNotFoundException,
  WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { createApp } from '../../src/server/app.js';
import { createHttpServer } from '../../src/server/http.js';
import { ACCOUNT_A, ACCOUNT_B, useEmulator } from '../helpers/emulator.js';

const t = useEmulator();

afterEach(() => {
  t.emulator.faults.clear();
});

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function admin(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${t.endpoint}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const addFault = (body: unknown) => admin('POST', '/_emulator/faults', body);

/** A raw AWS call, to see the wire form of the answer. */
async function call(operation: string, body: unknown = {}, account = ACCOUNT_A) {
  const res = await fetch(t.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `WorkspacesService.${operation}`,
      authorization: `AWS4-HMAC-SHA256 Credential=${account}/20261201/us-east-1/workspaces/aws4_request, SignedHeaders=host, Signature=00`,
    },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    errorType: res.headers.get('x-amzn-errortype'),
    body: (await res.json()) as Record<string, unknown>,
  };
}

/** A client with the SDK's default retry behaviour (standard mode, 3 attempts). */
const retryingClient = () =>
  new WorkSpacesClient({
    endpoint: t.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: ACCOUNT_A, secretAccessKey: 'test-secret' },
  });

describe('an API fault', () => {
  it('answers each common error with the status, __type, X-Amzn-ErrorType and text AWS uses', async () => {
    const forms = [
      ['ThrottlingException', 400, 'Rate exceeded'],
      ['AccessDeniedException', 400, 'You do not have sufficient access to perform this action.'],
      ['InternalFailure', 500, 'The request processing has failed because of an unknown error, exception or failure.'],
      ['ServiceUnavailable', 503, 'The request has failed due to a temporary failure of the server.'],
    ] as const;
    for (const [errorCode, status, message] of forms) {
      await addFault({ kind: 'api', operation: 'DescribeWorkspaces', errorCode, count: 1 });
      expect(await call('DescribeWorkspaces')).toEqual({
        status,
        errorType: errorCode,
        body: { __type: errorCode, message },
      });
    }
    expect((await call('DescribeWorkspaces')).status).toBe(200);
  });

  it("answers a modeled error of the operation with the model's description, as the SDK's own class", async () => {
    const added = await addFault({
      kind: 'api',
      operation: 'DescribeApplications',
      errorCode: 'ResourceNotFoundException',
    });
    expect(added.status).toBe(200);
    const error = await t
      .client()
      .send(new DescribeApplicationsCommand({}))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toMatchObject({ message: 'The resource could not be found.', $metadata: { httpStatusCode: 400 } });
    await addFault({ kind: 'api', operation: 'ListAccountLinks', errorCode: 'InternalServerException' });
    expect(await call('ListAccountLinks')).toEqual({
      status: 500,
      errorType: 'InternalServerException',
      body: { __type: 'InternalServerException', message: 'Unexpected server error occured.' },
    });
  });

  it('is retried by the SDK v3 when it throttles, and the call then succeeds', async () => {
    const { faultId } = (
      await addFault({
        kind: 'api',
        operation: 'DescribeWorkspaces',
        errorCode: 'ThrottlingException',
        message: 'Rate exceeded',
        count: 2,
      })
    ).body.fault as { faultId: string };
    const out = await retryingClient().send(new DescribeWorkspacesCommand({}));
    expect(out.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 3 });
    expect(t.emulator.faults.list()).toEqual([
      expect.objectContaining({ faultId, fired: 2, remaining: 0, hits: [expect.anything(), expect.anything()] }),
    ]);
  });

  it('is retried by the SDK v3 when it answers 503, and not when it answers a client error', async () => {
    await addFault({ kind: 'api', operation: 'DescribeWorkspaces', errorCode: 'ServiceUnavailable', count: 1 });
    expect((await retryingClient().send(new DescribeWorkspacesCommand({}))).$metadata.attempts).toBe(2);
    await addFault({ kind: 'api', operation: 'DescribeWorkspaces', errorCode: 'AccessDeniedException', count: 1 });
    const error = await retryingClient()
      .send(new DescribeWorkspacesCommand({}))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AccessDeniedException', $metadata: { attempts: 1 } });
  });

  it('acts before validation and before the answer cache', async () => {
    await call('DescribeWorkspaces');
    await call('DescribeWorkspaces');
    await addFault({ kind: 'api', operation: '*', errorCode: 'ThrottlingException', count: 2 });
    expect((await call('DescribeWorkspaces')).errorType).toBe('ThrottlingException');
    expect((await call('DescribeWorkspaces', { WorkspaceIds: ['not-an-id'] })).errorType).toBe('ThrottlingException');
    expect((await call('DescribeWorkspaces', { WorkspaceIds: ['not-an-id'] })).errorType).toBe('ValidationException');
  });

  it('hits only calls that match its operation, account and Region', async () => {
    await addFault({
      kind: 'api',
      operation: 'DescribeWorkspaces',
      account: ACCOUNT_B,
      region: 'eu-west-1',
      errorCode: 'ThrottlingException',
    });
    const b = (region: string) => t.client(ACCOUNT_B, region);
    await expect(t.client(ACCOUNT_A, 'eu-west-1').send(new DescribeWorkspacesCommand({}))).resolves.toBeDefined();
    await expect(b('us-east-1').send(new DescribeWorkspacesCommand({}))).resolves.toBeDefined();
    await expect(b('eu-west-1').send(new DescribeWorkspaceBundlesCommand({}))).resolves.toBeDefined();
    await expect(b('eu-west-1').send(new DescribeWorkspacesCommand({}))).rejects.toMatchObject({
      name: 'ThrottlingException',
    });
    expect(t.emulator.faults.list()[0]?.hits).toEqual([
      { at: expect.any(String), account: ACCOUNT_B, region: 'eu-west-1', target: 'DescribeWorkspaces' },
    ]);
  });

  it('with a probability and a seed hits the same calls on every run', async () => {
    const run = async () => {
      t.emulator.faults.clear();
      t.emulator.faults.add({
        kind: 'api',
        operation: 'ListAccountLinks',
        errorCode: 'InternalFailure',
        probability: 0.5,
        seed: 42,
      });
      const pattern: number[] = [];
      for (let i = 0; i < 24; i++) pattern.push((await call('ListAccountLinks')).status);
      return pattern;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 500]));
    expect(t.emulator.faults.list()[0]?.fired).toBe(first.filter((s) => s === 500).length);
  });

  it('without a seed picks one and shows it, so the run can be repeated', () => {
    const fault = t.emulator.faults.add({ kind: 'api', operation: '*', latencyMs: 1, probability: 0.1 });
    expect(fault).toMatchObject({ probability: 0.1, seed: expect.any(Number) });
  });

  it('with latencyMs answers normally, later, and counts the call', async () => {
    await addFault({ kind: 'api', operation: 'DescribeWorkspaces', latencyMs: 5, count: 1 });
    expect(await call('DescribeWorkspaces')).toMatchObject({ status: 200, body: { Workspaces: [] } });
    expect(t.emulator.faults.list()[0]).toMatchObject({ fired: 1, remaining: 0 });
  });
});

describe('POST /_emulator/faults with kind api', () => {
  it('refuses a body it cannot apply with a 400 naming the problem', async () => {
    const refusals: [unknown, string][] = [
      [{ kind: 'api', errorCode: 'ThrottlingException' }, "operation must be an operation name or '*'"],
      [
        { kind: 'api', operation: 'DescribeWorkspace', errorCode: 'ThrottlingException' },
        "operation 'DescribeWorkspace' is not an operation of WorkSpaces (or '*')",
      ],
      [
        { kind: 'api', operation: 'DescribeWorkspaces', errorCode: 'ResourceAlreadyExistsException' },
        'errorCode for DescribeWorkspaces must be one of ThrottlingException, AccessDeniedException, InternalFailure, ServiceUnavailable, InvalidParameterValuesException, ResourceUnavailableException',
      ],
      [
        { kind: 'api', operation: '*', errorCode: 'ResourceNotFoundException' },
        "errorCode for any operation ('*') must be one of ThrottlingException, AccessDeniedException, InternalFailure, ServiceUnavailable",
      ],
      [{ kind: 'api', operation: '*' }, 'an api fault needs errorCode, latencyMs or both'],
      [{ kind: 'api', operation: '*', latencyMs: 30_001 }, 'latencyMs must be a whole number from 0 to 30000'],
      [{ kind: 'api', operation: '*', latencyMs: 1.5 }, 'latencyMs must be a whole number from 0 to 30000'],
      [{ kind: 'api', operation: '*', latencyMs: '5' }, 'latencyMs must be a whole number from 0 to 30000'],
      [
        { kind: 'api', operation: '*', errorCode: 'InternalFailure', probability: 1.01 },
        'probability must be a number from 0 to 1',
      ],
      [{ kind: 'api', operation: '*', errorCode: 'InternalFailure', seed: 3 }, 'seed needs probability'],
      [
        { kind: 'api', operation: '*', errorCode: 'InternalFailure', probability: 0.5, seed: -1 },
        'seed must be a whole number from 0 to 4294967295',
      ],
      [
        { kind: 'api', operation: '*', errorCode: 'InternalFailure', count: 0 },
        'count must be a whole number of calls from 1 to 1000000',
      ],
      [{ kind: 'api', operation: '*', latencyMs: 1, message: 'x' }, 'message needs errorCode'],
      [
        { kind: 'api', operation: '*', errorCode: 'InternalFailure', message: 7 },
        'message must be a string of at most 2048 characters',
      ],
      [
        { kind: 'api', operation: '*', errorCode: 'InternalFailure', account: '1' },
        'account must be a string matching ^\\d{12}$',
      ],
      [
        { kind: 'api', operation: '*', errorCode: 'InternalFailure', workspaceId: 'ws-123456789' },
        'unknown field(s): workspaceId',
      ],
      [{ kind: 'chaos' }, 'kind must be one of deployment, api, transition'],
      [[], 'body must be a JSON object'],
    ];
    for (const [body, error] of refusals) {
      expect({ body, answer: await addFault(body) }).toEqual({ body, answer: { status: 400, body: { error } } });
    }
    expect(t.emulator.faults.list()).toEqual([]);
  });
});

describe('the fault list', () => {
  it('removes one fault by its id, and answers 404 for one that is not there', async () => {
    const first = t.emulator.faults.add({ kind: 'api', operation: '*', errorCode: 'InternalFailure' });
    const second = t.emulator.faults.add({ kind: 'api', operation: '*', latencyMs: 0 });
    expect(await admin('DELETE', `/_emulator/faults/${first.faultId}`)).toEqual({
      status: 200,
      body: { removed: first.faultId },
    });
    expect((await admin('GET', '/_emulator/faults')).body).toEqual({ faults: [second] });
    expect(await admin('DELETE', `/_emulator/faults/${first.faultId}`)).toEqual({
      status: 404,
      body: { error: `no fault ${first.faultId}` },
    });
    expect((await admin('DELETE', '/_emulator/faults/..%2Fhealth')).status).toBe(400);
    expect(t.emulator.faults.remove(second.faultId)).toBe(true);
    expect(t.emulator.faults.list()).toEqual([]);
  });
});

describe('a fixture', () => {
  it('carries faults of every kind with their counters, and they act again after an import', async () => {
    t.emulator.faults.add({ kind: 'api', operation: 'DescribeWorkspaces', errorCode: 'ServiceUnavailable', count: 2 });
    t.emulator.faults.add({ kind: 'transition', resource: 'workspace', transition: 'create', outcome: 'UNHEALTHY' });
    t.emulator.faults.add({ errorCode: 'DeploymentError.InternalServerError' });
    expect((await call('DescribeWorkspaces')).status).toBe(503);
    const before = t.emulator.faults.list();
    const fixture = t.emulator.exportFixture();
    t.emulator.reset();
    expect(t.emulator.faults.list()).toEqual([]);
    t.emulator.seed(fixture);
    expect(t.emulator.faults.list()).toEqual(before);
    expect((await call('DescribeWorkspaces')).status).toBe(503);
    expect((await call('DescribeWorkspaces')).status).toBe(200);
  });
});

describe('the access log', () => {
  it('marks every answer a fault changed with the fault id, and no other', async () => {
    const lines: Record<string, unknown>[] = [];
    const config = resolveConfig({ port: 0, logLevel: 'info', clock: 'manual' });
    const app = createApp(
      config,
      createLogger('info', {
        // A write holds every line of its batch.
        write: (chunk: string) =>
          lines.push(
            ...chunk
              .trimEnd()
              .split('\n')
              .map((line) => JSON.parse(line)),
          ),
      }),
    );
    const server = createHttpServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const fault = app.faults.add({
        kind: 'api',
        operation: 'DescribeWorkspaces',
        errorCode: 'ThrottlingException',
        count: 1,
      });
      const client = new WorkSpacesClient({
        endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: ACCOUNT_A, secretAccessKey: 'x' },
        maxAttempts: 1,
      });
      await expect(client.send(new DescribeWorkspacesCommand({}))).rejects.toMatchObject({
        name: 'ThrottlingException',
      });
      await client.send(new DescribeWorkspacesCommand({}));
      const requests = () => lines.filter((l) => l.event === 'request');
      await vi.waitFor(() => expect(requests()).toHaveLength(2));
      expect(requests().map((l) => [l.status, l.errorCode, l.fault])).toEqual([
        [400, 'ThrottlingException', fault.faultId],
        [200, undefined, undefined],
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      app.store.close();
    }
  });
});
