// A client that goes away mid-request costs one debug line without a stack, never an error line: otherwise anyone
// could flood the log by opening connections and dropping them.

import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { createApp } from '../../src/server/app.js';
import { createHttpServer } from '../../src/server/http.js';

const written: string[] = [];
const log = createLogger('debug', { write: (chunk: string) => written.push(chunk) });
const app = createApp(resolveConfig({ port: 0, clock: 'manual' }), log);
const server = createHttpServer(app);
let port: number;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  app.store.close();
});

const lines = () => {
  log.flush();
  return written
    .join('')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
};

/** Sends the head of a request promising a body, part of the body, then destroys the socket. */
function abortMidBody(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":`,
      );
      setImmediate(() => {
        socket.destroy();
        resolve();
      });
    });
    socket.on('error', reject);
  });
}

describe('a client that disconnects mid-request', () => {
  it('is logged once, at debug, without a stack', async () => {
    written.length = 0;
    for (const path of ['/', '/_emulator/reset']) await abortMidBody(path);
    await expect
      .poll(() => lines().filter((line) => line.event === 'client disconnected').length, {
        timeout: 5000,
        interval: 20,
      })
      .toBe(2);
    const logged = lines();
    expect(logged.filter((line) => line.level === 'error')).toEqual([]);
    expect(logged.filter((line) => 'stack' in line)).toEqual([]);
    expect(logged.filter((line) => line.event === 'client disconnected')).toEqual([
      expect.objectContaining({ level: 'debug', method: 'POST', path: '/' }),
      expect.objectContaining({ level: 'debug', method: 'POST', path: '/_emulator/reset' }),
    ]);
  });
});
