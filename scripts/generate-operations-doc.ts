// Writes docs/operations.md from the handler table, so the list of what is real cannot drift from the code.
// Run with `npm run docs`; test/model/operations-doc.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { handlers } from '../src/handlers/index.js';
import { operationNames, operations, paginators } from '../src/model/generated/operations.js';

export const operationsDocPath = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'operations.md');

export function renderOperationsDoc(): string {
  const real = operationNames.filter((op) => op in handlers);
  const rows = operationNames.map((op) => {
    const status = op in handlers ? 'real' : 'validated only';
    const paginated = paginators[op] ? 'yes' : '';
    return `| ${op} | ${status} | ${paginated} | ${operations[op].errors.join(', ')} |`;
  });
  return [
    '# Operations',
    '',
    'Generated from the handler table by `npm run docs`; do not edit.',
    '',
    `${real.length} of ${operationNames.length} operations have behaviour ("real"). Every operation validates its input`,
    'exactly as AWS does; one without behaviour then answers `NotImplementedException` (HTTP 501).',
    '',
    '| operation | status | paginated | modeled errors |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(operationsDocPath, renderOperationsDoc());
  console.log('wrote docs/operations.md');
}
