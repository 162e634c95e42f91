// The logger under the request log: one JSON line per event, leveled, with secrets redacted as a backstop, written
// in batches at most LOG_BATCH_MS old, or when flushed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AccessLogFields, createLogger, LOG_BATCH_MS } from '../../src/log.js';

/** Everything the logger has written so far, one parsed object per line; `flushed()` flushes first. */
function capture(level: Parameters<typeof createLogger>[0]) {
  const text: string[] = [];
  const log = createLogger(level, { write: (chunk: string) => text.push(chunk) });
  const parsed = () =>
    text
      .join('')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const flushed = () => {
    log.flush();
    return parsed();
  };
  return { log, text, parsed, flushed };
}

const accessFields: AccessLogFields = {
  requestId: '5c0e55aa-0000-4000-8000-000000000000',
  operation: 'DescribeTags',
  account: '123456789012',
  region: 'eu-west-1',
  principal: 'arn:aws:iam::123456789012:user/"quoted"\\ü',
  status: 400,
  errorCode: 'ResourceNotFoundException',
  fault: 'fault-0123abcde',
  ms: 0.84,
};

describe('createLogger', () => {
  it('writes one JSON object per event with level, ISO time, the event and its fields', () => {
    const { log, flushed } = capture('info');
    log.info('request', { operation: 'DescribeWorkspaces', status: 200 });
    expect(flushed()).toEqual([
      {
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        event: 'request',
        operation: 'DescribeWorkspaces',
        status: 200,
      },
    ]);
  });

  it('drops events below its level, and everything when silent', () => {
    const warn = capture('warn');
    warn.log.info('hidden');
    warn.log.debug('hidden');
    warn.log.request(accessFields);
    warn.log.error('shown');
    expect(warn.flushed().map((l) => l.event)).toEqual(['shown']);
    const silent = capture('silent');
    silent.log.error('hidden');
    silent.log.request(accessFields);
    expect(silent.flushed()).toEqual([]);
  });

  it('redacts fields that could hold a credential, at the top level and one level down', () => {
    const { log, flushed } = capture('debug');
    log.debug('oops', {
      authorization: 'AWS4-HMAC-SHA256 Signature=abc',
      headers: { authorization: 'x' },
      adminToken: 't',
    });
    const lines = flushed();
    expect(lines[0]).toMatchObject({
      authorization: '[redacted]',
      headers: { authorization: '[redacted]' },
      adminToken: '[redacted]',
    });
    expect(JSON.stringify(lines)).not.toContain('Signature=abc');
  });

  it('writes the access line as pino writes the same fields: same keys in the same order, undefined ones left out', () => {
    const { log, flushed } = capture('info');
    log.request(accessFields);
    log.request({ ...accessFields, principal: undefined, errorCode: undefined, fault: undefined, status: 200 });
    log.info('request', { ...accessFields });
    const [hand, handOk, viaPino] = flushed();
    const withoutTime = (line: Record<string, unknown> | undefined) => JSON.stringify({ ...line, time: undefined });
    expect(withoutTime(hand)).toBe(withoutTime(viaPino));
    expect(Object.keys(hand ?? {})).toEqual(Object.keys(viaPino ?? {}));
    expect(hand).toMatchObject({ level: 'info', event: 'request', principal: accessFields.principal, ms: 0.84 });
    expect(hand?.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Object.keys(handOk ?? {})).toEqual([
      'level',
      'time',
      'requestId',
      'operation',
      'account',
      'region',
      'status',
      'ms',
      'event',
    ]);
  });

  it('writes every string of the access line as JSON.stringify does, one line per request whatever it holds', () => {
    const { log, text } = capture('info');
    const strings = ['a"b', 'c\\d', 'e\nf', 'g\u0001h', 'i\u007fj', 'k\ud800l', 'üé', 'arn:aws:iam::1:user/x', ''];
    for (const operation of strings) log.request({ ...accessFields, operation });
    log.flush();
    const lines = text.join('').split('\n').slice(0, -1);
    expect(lines).toHaveLength(strings.length);
    lines.forEach((line, i) => {
      expect(line).toContain(`,"operation":${JSON.stringify(strings[i])},`);
      expect((JSON.parse(line) as AccessLogFields).operation).toBe(strings[i]);
    });
  });

  describe('batches', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('holds the lines of LOG_BATCH_MS and writes them together, in order', () => {
      vi.useFakeTimers();
      const { log, text, parsed } = capture('debug');
      log.request(accessFields);
      log.error('failed', { operation: 'DescribeTags' });
      vi.advanceTimersByTime(LOG_BATCH_MS - 1);
      log.request({ ...accessFields, status: 200, errorCode: undefined });
      expect(text).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(text).toHaveLength(1);
      expect(parsed().map((l) => [l.event, l.status])).toEqual([
        ['request', 400],
        ['failed', undefined],
        ['request', 200],
      ]);
      log.request(accessFields);
      vi.advanceTimersByTime(LOG_BATCH_MS);
      expect(text).toHaveLength(2);
    });

    it('writes a burst of 64 KB at once instead of holding it', () => {
      vi.useFakeTimers();
      const { log, text } = capture('info');
      const perLine = JSON.stringify(accessFields).length;
      for (let i = 0; i * perLine < 70_000; i += 1) log.request(accessFields);
      expect(text).toHaveLength(1);
      expect(Buffer.byteLength(text[0] ?? '')).toBeGreaterThanOrEqual(64 * 1024);
    });
  });

  it('keeps the order of lines too long to hold, each whole', () => {
    const { log, flushed } = capture('debug');
    const long = 'é'.repeat(50_000);
    log.request(accessFields);
    log.error('long', { detail: long });
    log.request({ ...accessFields, status: 200 });
    const lines = flushed();
    expect(lines.map((l) => [l.event, l.status])).toEqual([
      ['request', 400],
      ['long', undefined],
      ['request', 200],
    ]);
    expect(lines[1]?.detail).toBe(long);
  });

  it('writes held lines at once when flushed, as a stop or a fatal signal does', () => {
    const { log, text, parsed } = capture('info');
    log.request(accessFields);
    log.flush();
    expect(parsed()).toEqual([expect.objectContaining({ event: 'request', requestId: accessFields.requestId })]);
    log.flush();
    expect(text).toHaveLength(1);
  });
});
