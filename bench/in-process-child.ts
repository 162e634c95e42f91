// One fresh process timing the in-process API as a test suite meets it: the first startEmulator(), reset() with a
// little stored, and a second instance started beside the first. Prints one JSON line.
import type { startEmulator as StartEmulator } from '../src/index.js';

const entry = process.argv[2];
if (!entry) throw new Error('usage: in-process-child.ts ENTRY_URL');
const { startEmulator } = (await import(entry)) as { startEmulator: typeof StartEmulator };

const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

let t = process.hrtime.bigint();
const first = await startEmulator();
const startMs = ms(t);
const tag = async () => {
  const response = await fetch(first.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'WorkspacesService.RegisterWorkspaceDirectory',
      authorization: 'AWS4-HMAC-SHA256 Credential=111111111111/20250101/us-east-1/workspaces/aws4_request',
    },
    body: JSON.stringify({ DirectoryId: 'd-1234567890', SubnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'] }),
  });
  if (response.status !== 200) throw new Error(`RegisterWorkspaceDirectory answered ${response.status}`);
  await response.arrayBuffer();
};
// reset() as a suite calls it between tests: something stored each time.
const resets: number[] = [];
for (let i = 0; i < 20; i++) {
  await tag();
  t = process.hrtime.bigint();
  first.reset();
  resets.push(ms(t));
}
t = process.hrtime.bigint();
const second = await startEmulator();
const secondStartMs = ms(t);
await second.close();
await first.close();
resets.sort((a, b) => a - b);
process.stdout.write(`${JSON.stringify({ startMs, resetMs: resets[Math.floor(resets.length / 2)], secondStartMs })}\n`);
