// When a repeated read may be answered from its encoded answer, and when it must be answered afresh. The handlers
// here count their calls and put the count in the answer, so a reused answer shows as an unchanged count.
import { afterEach, describe, expect, it } from 'vitest';
import { createAuthGate } from '../../src/auth/gate.js';
import { resolveConfig } from '../../src/config.js';
import type { Handler, Handlers, RequestContext } from '../../src/handlers/types.js';
import { createLogger } from '../../src/log.js';
import { type App, createApp } from '../../src/server/app.js';
import { type AwsRequest, handleAwsRequest } from '../../src/server/pipeline.js';

const SCOPE_A = 'AWS4-HMAC-SHA256 Credential=111111111111/20261129/us-east-1/workspaces/aws4_request, Signature=x';
const SCOPE_B = 'AWS4-HMAC-SHA256 Credential=222222222222/20261129/us-east-1/workspaces/aws4_request, Signature=x';

type Call = (operation: string, body?: string, scope?: string) => Promise<string>;

let app: App | undefined;
afterEach(() => app?.store.close());

/** An emulator that answers with the given handlers only; resolves to the answer's body. */
function emulatorWith(handlers: Partial<Handlers>, answerCache = true): Call {
  const config = resolveConfig({ port: 0, clock: 'manual', answerCache });
  const running: App = { ...createApp(config, createLogger('silent')), handlers };
  app = running;
  const gate = createAuthGate(running.config, running.store);
  return async (operation, body = '{}', scope = SCOPE_A) => {
    const req: AwsRequest = {
      method: 'POST',
      url: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `WorkspacesService.${operation}`,
        authorization: scope,
      },
      body: Buffer.from(body),
    };
    const outcome = await handleAwsRequest(running, gate, req);
    expect(outcome.response.status).toBe(200);
    return outcome.response.body.toString();
  };
}

/** A DescribeAccount handler that puts how often it ran in its answer, after doing `also` with its context. */
function countingDescribe(also: (ctx: RequestContext) => void = () => {}): {
  handler: Handler<'DescribeAccount'>;
  calls: () => number;
} {
  let calls = 0;
  return {
    calls: () => calls,
    handler: (_input, ctx) => {
      calls += 1;
      also(ctx);
      return { DedicatedTenancyManagementCidrRange: `10.${calls}.0.0/16` };
    },
  };
}

describe('a repeated read', () => {
  it('that changed nothing is answered with the same bytes, without running again, while the store is unchanged', async () => {
    const describe = countingDescribe();
    const call = emulatorWith({ DescribeAccount: describe.handler });
    const first = await call('DescribeAccount');
    const second = await call('DescribeAccount');
    expect(describe.calls()).toBe(1);
    expect(second).toBe(first);
    expect(JSON.parse(first)).toEqual({ DedicatedTenancyManagementCidrRange: '10.1.0.0/16' });
  });

  it('is answered afresh every time with the answer cache off', async () => {
    const describe = countingDescribe();
    const call = emulatorWith({ DescribeAccount: describe.handler }, false);
    await call('DescribeAccount');
    await call('DescribeAccount');
    expect(describe.calls()).toBe(2);
  });

  it('is answered afresh once anything stored has changed', async () => {
    const describe = countingDescribe();
    const call = emulatorWith({ DescribeAccount: describe.handler });
    await call('DescribeAccount');
    app?.store.setMeta('unrelated', 'changed');
    expect(JSON.parse(await call('DescribeAccount'))).toEqual({ DedicatedTenancyManagementCidrRange: '10.2.0.0/16' });
  });

  it('is answered afresh when the clock has made a transition due', async () => {
    const describe = countingDescribe();
    const call = emulatorWith({ DescribeAccount: describe.handler });
    await call('DescribeAccount');
    const running = app as App;
    running.store.transaction(() => {
      running.engine.schedule({ account: 'any', region: 'any' }, running.clock.now(), 1000, 'workspaces.created', 'x');
    });
    await call('DescribeAccount');
    running.clock.advance(2000);
    await call('DescribeAccount');
    expect(describe.calls()).toBe(3);
  });

  it('is answered afresh when it wrote while answering', async () => {
    let writes = 0;
    const describe = countingDescribe((ctx) => ctx.store.setMeta('lazily-made', String(++writes)));
    const call = emulatorWith({ DescribeAccount: describe.handler });
    await call('DescribeAccount');
    await call('DescribeAccount');
    expect(describe.calls()).toBe(2);
  });

  it.each([
    ['the clock', (ctx: RequestContext) => ctx.now],
    ['the id generator', (ctx: RequestContext) => ctx.ids],
    ['the request id', (ctx: RequestContext) => ctx.requestId],
  ])('is answered afresh when it used %s', async (_name, use) => {
    const describe = countingDescribe((ctx) => void use(ctx));
    const call = emulatorWith({ DescribeAccount: describe.handler });
    await call('DescribeAccount');
    await call('DescribeAccount');
    expect(describe.calls()).toBe(2);
  });

  it('is answered apart for another account and for other request bytes', async () => {
    const describe = countingDescribe();
    const call = emulatorWith({ DescribeAccount: describe.handler });
    await call('DescribeAccount', '{}', SCOPE_A);
    await call('DescribeAccount', '{}', SCOPE_B);
    await call('DescribeAccount', '{ }', SCOPE_A);
    expect(describe.calls()).toBe(3);
  });
});

it('an operation that changes things is never answered from a stored answer', async () => {
  let calls = 0;
  const call = emulatorWith({
    ModifyAccount: () => {
      calls += 1;
      return {};
    },
  });
  await call('ModifyAccount');
  await call('ModifyAccount');
  expect(calls).toBe(2);
});
