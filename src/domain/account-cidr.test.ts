import { describe, expect, it } from 'vitest';
import { isManagementRange, isNarrowerThanManagementRange, managementRangesWithin } from './account-cidr.js';

describe('managementRangesWithin', () => {
  it('splits a management block into its /16 ranges in address order', () => {
    const ranges = managementRangesWithin('100.64.0.0/10');
    expect(ranges).toHaveLength(64);
    expect(ranges[0]).toBe('100.64.0.0/16');
    expect(ranges.at(-1)).toBe('100.127.0.0/16');
  });

  it('covers every management block for the whole address space', () => {
    expect(managementRangesWithin('0.0.0.0/0')).toHaveLength(256 + 64 + 16 + 1 + 2);
  });

  it('keeps a constraint inside a block as it is, with its host bits dropped', () => {
    expect(managementRangesWithin('172.20.9.1/15')).toEqual(['172.20.0.0/16', '172.21.0.0/16']);
  });

  it('finds nothing outside the management blocks', () => {
    expect(managementRangesWithin('203.0.113.0/16')).toEqual([]);
  });
});

describe('isManagementRange', () => {
  it('accepts a /16 inside a block and refuses one outside', () => {
    expect(isManagementRange('192.168.0.0/16')).toBe(true);
    expect(isManagementRange('192.169.0.0/16')).toBe(false);
  });
});

describe('isNarrowerThanManagementRange', () => {
  it('is true only beyond /16', () => {
    expect(isNarrowerThanManagementRange('10.0.0.0/16')).toBe(false);
    expect(isNarrowerThanManagementRange('10.0.0.0/17')).toBe(true);
  });
});
