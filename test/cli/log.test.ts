// The logger under the request log: one JSON line per event, leveled, with secrets redacted as a backstop.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';

function capture(level: Parameters<typeof createLogger>[0]) {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger(level, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { log, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per event with level, ISO time, the event and its fields', () => {
    const { log, lines } = capture('info');
    log.info('request', { operation: 'DescribeWorkspaces', status: 200 });
    expect(lines).toEqual([
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
    warn.log.error('shown');
    expect(warn.lines.map((l) => l.event)).toEqual(['shown']);
    const silent = capture('silent');
    silent.log.error('hidden');
    expect(silent.lines).toEqual([]);
  });

  it('redacts fields that could hold a credential, at the top level and one level down', () => {
    const { log, lines } = capture('debug');
    log.debug('oops', {
      authorization: 'AWS4-HMAC-SHA256 Signature=abc',
      headers: { authorization: 'x' },
      adminToken: 't',
    });
    expect(lines[0]).toMatchObject({
      authorization: '[redacted]',
      headers: { authorization: '[redacted]' },
      adminToken: '[redacted]',
    });
    expect(JSON.stringify(lines)).not.toContain('Signature=abc');
  });
});
