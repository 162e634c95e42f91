import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import { type AccountContext, isByolEnabled, saveAccount } from './account-settings.js';

const SOURCE = { account: '111111111111', region: 'us-east-1' };
const TARGET = { account: '222222222222', region: 'us-east-1' };

let store: Store;
const at = (scope: typeof SOURCE): AccountContext => ({ scope, store });

beforeEach(() => {
  store = openSqliteStore({ dataDir: undefined });
});
afterEach(() => store.close());

describe('isByolEnabled', () => {
  it('is false for an account that never enabled BYOL', () => {
    expect(isByolEnabled(at(SOURCE))).toBe(false);
  });

  it('is true once BYOL is enabled, in that Region only', () => {
    saveAccount(at(SOURCE), { DedicatedTenancySupport: 'ENABLED', modifications: [] });
    expect(isByolEnabled(at(SOURCE))).toBe(true);
    expect(isByolEnabled(at({ ...SOURCE, region: 'eu-west-1' }))).toBe(false);
  });

  it('follows the BYOL source of a linked target account', () => {
    saveAccount(at(TARGET), {
      DedicatedTenancySupport: 'DISABLED',
      modifications: [],
      linkedSourceAccountId: SOURCE.account,
    });
    expect(isByolEnabled(at(TARGET))).toBe(false);
    saveAccount(at(SOURCE), { DedicatedTenancySupport: 'ENABLED', modifications: [], isLinkSource: true });
    expect(isByolEnabled(at(TARGET))).toBe(true);
  });
});
