import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CredentialsFileError, loadCredentialsFile, parseCredentials } from './principals.js';

const SECRET = 'do-not-print-me';
const alice = { name: 'alice', accountId: '111111111111', accessKeyId: 'AKIAALICE', secretAccessKey: SECRET };

describe('parseCredentials', () => {
  it('indexes principals by access key id and names them as IAM users', () => {
    const directory = parseCredentials({ principals: [alice] }, 'file.json');
    expect(directory.get('AKIAALICE')).toEqual({
      arn: 'arn:aws:iam::111111111111:user/alice',
      accessKeyId: 'AKIAALICE',
      secretAccessKey: SECRET,
      accountId: '111111111111',
      sessionToken: undefined,
      statements: undefined,
    });
  });

  it('keeps an empty policy list as "nothing allowed", apart from no list at all', () => {
    const directory = parseCredentials({ principals: [{ ...alice, policies: [] }] }, 'file.json');
    expect(directory.get('AKIAALICE')?.statements).toEqual([]);
  });

  it.each([
    [{}, 'file.json: the file must be an object with a "principals" list'],
    [{ principals: [{ ...alice, accountId: '1234' }] }, 'file.json: principals[0].accountId has the wrong format'],
    [{ principals: [{ ...alice, secretAccessKey: '' }] }, 'file.json: principals[0].secretAccessKey is required'],
    [{ principals: [{ ...alice, role: 'admin' }] }, 'file.json: principals[0].role is not a known field'],
    [
      { principals: [alice, { ...alice, name: 'bob' }] },
      'file.json: principals[1].accessKeyId AKIAALICE is listed twice',
    ],
    [
      { principals: [{ ...alice, policies: [{ Statement: { Effect: 'Allow', Action: '*' } }] }] },
      'file.json: principals[0].policies[0].Statement[0] needs exactly one of Resource and NotResource',
    ],
  ])('refuses %j', (value, message) => {
    expect(() => parseCredentials(value, 'file.json')).toThrow(new CredentialsFileError(message));
  });
});

describe('loadCredentialsFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsl-credentials-'));

  it('names a file that is not JSON without quoting its content', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, `{"principals":[{"secretAccessKey":"${SECRET}"`);
    expect(() => loadCredentialsFile(path)).toThrow(new CredentialsFileError(`${path}: is not valid JSON`));
  });

  it('names a file that cannot be read', () => {
    const path = join(dir, 'missing.json');
    expect(() => loadCredentialsFile(path)).toThrow(new CredentialsFileError(`${path}: cannot be read (ENOENT)`));
  });
});
