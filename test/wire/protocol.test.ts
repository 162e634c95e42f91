// The AWS JSON 1.1 front door, byte by byte: what AWS answers to malformed calls.
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';

const t = useEmulator();

const awsHeaders = (operation: string) => ({
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': `WorkspacesService.${operation}`,
});

async function call(body: string, headers: Record<string, string>, method = 'POST') {
  const res = await fetch(`${t.endpoint}/`, { method, headers, ...(method === 'GET' ? {} : { body }) });
  return { res, text: await res.text() };
}

describe('every answer', () => {
  it('carries x-amzn-RequestId as a UUID and an RFC 7231 Date', async () => {
    const { res } = await call('{}', awsHeaders('DescribeImageAssociations'));
    expect(res.headers.get('x-amzn-requestid')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(res.headers.get('date')).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  });

  it('gives each request its own id', async () => {
    const a = await call('{}', awsHeaders('DescribeImageAssociations'));
    const b = await call('{}', awsHeaders('DescribeImageAssociations'));
    expect(a.res.headers.get('x-amzn-requestid')).not.toBe(b.res.headers.get('x-amzn-requestid'));
  });
});

describe('errors on the wire', () => {
  it('send __type, message and X-Amzn-ErrorType alike with the JSON 1.1 content type', async () => {
    const { res, text } = await call('{"ImageId":"wsi-abc"}', awsHeaders('DescribeImageAssociations'));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(res.headers.get('x-amzn-errortype')).toBe('ValidationException');
    expect(JSON.parse(text)).toEqual({
      __type: 'ValidationException',
      message:
        "2 validation errors detected: Value 'wsi-abc' at 'imageId' failed to satisfy constraint: Member must satisfy regular expression pattern: wsi-[0-9a-z]{9,63}$; Value null at 'associatedResourceTypes' failed to satisfy constraint: Member must not be null",
    });
  });
});

describe('malformed requests', () => {
  it('answers a method other than POST with 403 and an XML AccessDeniedException', async () => {
    const { res, text } = await call('', {}, 'GET');
    expect(res.status).toBe(403);
    expect(text).toBe(
      '<AccessDeniedException><Message>Unable to determine service/operation name to be authorized</Message></AccessDeniedException>',
    );
  });

  it('answers a non-JSON content type with 404 UnknownOperationException', async () => {
    const { res, text } = await call('{}', { ...awsHeaders('DescribeApplications'), 'content-type': 'text/plain' });
    expect(res.status).toBe(404);
    expect(text).toBe('<UnknownOperationException/>');
  });

  it('answers a body that is not JSON with SerializationException and no message', async () => {
    const { res, text } = await call('{"ImageId": ', awsHeaders('DescribeImageAssociations'));
    expect(res.status).toBe(400);
    expect(JSON.parse(text)).toEqual({ __type: 'SerializationException' });
  });

  it('answers a JSON array body with SerializationException', async () => {
    const { text } = await call('[1,2]', awsHeaders('DescribeImageAssociations'));
    expect(JSON.parse(text).__type).toBe('SerializationException');
  });

  it('answers a wrong JSON type with the Coral conversion message', async () => {
    const { res, text } = await call(
      '{"ImageId": 12, "AssociatedResourceTypes": ["APPLICATION"]}',
      awsHeaders('DescribeImageAssociations'),
    );
    expect(res.status).toBe(400);
    expect(JSON.parse(text)).toEqual({
      __type: 'SerializationException',
      Message: 'NUMBER_VALUE cannot be converted to String',
    });
  });

  it('answers a missing target with UnknownOperationException', async () => {
    const { res, text } = await call('{}', { 'content-type': 'application/x-amz-json-1.1' });
    expect(res.status).toBe(400);
    expect(JSON.parse(text)).toEqual({ __type: 'UnknownOperationException' });
  });

  it('answers an unknown operation or another service prefix with UnknownOperationException', async () => {
    for (const target of ['WorkspacesService.DescribeNothing', 'DynamoDB_20120810.ListTables', 'WorkspacesService.']) {
      const { text } = await call('{}', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target });
      expect(JSON.parse(text)).toEqual({ __type: 'UnknownOperationException' });
    }
  });

  it('does not treat inherited object keys as operations', async () => {
    const { text } = await call('{}', {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'WorkspacesService.constructor',
    });
    expect(JSON.parse(text)).toEqual({ __type: 'UnknownOperationException' });
  });

  it('treats an empty body as {}', async () => {
    const { text } = await call('', awsHeaders('DescribeImageAssociations'));
    expect(JSON.parse(text).message).toMatch(/^2 validation errors detected: Value null at 'imageId'/);
  });

  it('refuses a body over the size limit with 413', async () => {
    const big = JSON.stringify({ ImageId: 'x'.repeat(11 * 1024 * 1024) });
    const { res, text } = await call(big, awsHeaders('DescribeImageAssociations'));
    expect(res.status).toBe(413);
    expect(JSON.parse(text).__type).toBe('RequestEntityTooLargeException');
  });

  it('keeps serving after a polluting __proto__ key', async () => {
    const body =
      '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}, "ImageId": "wsi-123456789"}';
    const { res, text } = await call(body, awsHeaders('DescribeImageAssociations'));
    expect(res.status).toBe(400);
    expect(JSON.parse(text).message).toMatch(/at 'associatedResourceTypes'/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

interface ClockView {
  mode: string;
  nowEpochSeconds: number;
}

describe('the admin API', () => {
  it('reports health with version, uptime and store kind', async () => {
    const res = await fetch(`${t.endpoint}/_emulator/health`);
    const health = (await res.json()) as { uptimeSeconds: number };
    expect(health).toMatchObject({
      status: 'ok',
      version: expect.any(String),
      store: { kind: 'memory', schemaVersion: 1 },
    });
    expect(health.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('moves the manual clock forward and refuses to move it back', async () => {
    const before = (await (await fetch(`${t.endpoint}/_emulator/clock`)).json()) as ClockView;
    expect(before.mode).toBe('manual');
    const after = (await (await t.post('/_emulator/clock', { advanceSeconds: 90 })).json()) as ClockView;
    expect(after.nowEpochSeconds - before.nowEpochSeconds).toBeCloseTo(90, 3);
    const refused = await t.post('/_emulator/clock', { advanceSeconds: -1 });
    expect(refused.status).toBe(400);
  });

  it('answers an unknown admin route with 404', async () => {
    const res = await fetch(`${t.endpoint}/_emulator/nothing`);
    expect(res.status).toBe(404);
  });
});
