// NextToken values are opaque and bound to the account, Region, operation and filters of the listing that issued
// them; any other use is InvalidParameterValuesException (docs/protocol.md#pagination). A fixture carries the key.
import {
  CreateIpGroupCommand,
  DescribeApplicationsCommand,
  DescribeIpGroupsCommand,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/index.js';
import { sdkClient } from '../admin/story.js';
import { ACCOUNT_A, ACCOUNT_B, useEmulator } from '../helpers/emulator.js';

const t = useEmulator();
const INVALID = {
  name: 'InvalidParameterValuesException',
  message: expect.stringContaining('The NextToken is invalid'),
};

const firstPage = (client: WorkSpacesClient, more: object = {}) =>
  client.send(new DescribeApplicationsCommand({ MaxResults: 1, ...more }));

let token: string;

beforeAll(async () => {
  token = (await firstPage(t.client())).NextToken ?? '';
  expect(token).not.toBe('');
});

describe('a NextToken', () => {
  it('continues its own listing, even with another page size', async () => {
    const again = await t.client().send(new DescribeApplicationsCommand({ MaxResults: 2, NextToken: token }));
    expect(again.Applications?.length).toBe(2);
  });

  it('is refused for another account', async () => {
    await expect(firstPage(t.client(ACCOUNT_B), { NextToken: token })).rejects.toMatchObject(INVALID);
  });

  it('is refused in another Region', async () => {
    await expect(firstPage(t.client(ACCOUNT_A, 'eu-west-1'), { NextToken: token })).rejects.toMatchObject(INVALID);
  });

  it('is refused with other filters than those of its first call', async () => {
    await expect(firstPage(t.client(), { LicenseType: 'LICENSED', NextToken: token })).rejects.toMatchObject(INVALID);
  });

  it('is refused by another operation', async () => {
    await t.client().send(new CreateIpGroupCommand({ GroupName: 'g1' }));
    await expect(t.client().send(new DescribeIpGroupsCommand({ NextToken: token }))).rejects.toMatchObject(INVALID);
  });

  it('is refused when altered', async () => {
    const flipped = `${token.slice(0, 5)}${token[5] === 'A' ? 'B' : 'A'}${token.slice(6)}`;
    await expect(firstPage(t.client(), { NextToken: flipped })).rejects.toMatchObject(INVALID);
  });

  it('reveals no position or counter', async () => {
    const decoded = Buffer.from(token, 'base64url').toString('latin1');
    expect(decoded).not.toMatch(/"p"|DescribeApplications/);
    const second = (await t.client().send(new DescribeApplicationsCommand({ MaxResults: 1, NextToken: token })))
      .NextToken;
    // Consecutive positions give unrelated tokens, not an incrementing number.
    expect(second).toHaveLength(token.length);
    expect(Buffer.from(second ?? '', 'base64url').equals(Buffer.from(token, 'base64url'))).toBe(false);
  });

  it('keeps working in an emulator seeded from an export, and nowhere else', async () => {
    const seeded = await startEmulator({ seed: t.emulator.exportFixture() });
    const fresh = await startEmulator();
    try {
      const continued = await firstPage(sdkClient(seeded.endpoint), { NextToken: token });
      expect(continued.Applications?.length).toBe(1);
      await expect(firstPage(sdkClient(fresh.endpoint), { NextToken: token })).rejects.toMatchObject(INVALID);
    } finally {
      await seeded.close();
      await fresh.close();
    }
  });
});
