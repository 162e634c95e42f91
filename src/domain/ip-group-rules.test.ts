import { describe, expect, it } from 'vitest';
import { addRules, checkRules, isIpv4Range, removeRules } from './ip-group-rules.js';

describe('isIpv4Range', () => {
  it('accepts IPv4 addresses and CIDR ranges, including the allow-everything 0.0.0.0/0', () => {
    for (const source of ['0.0.0.0/0', '10.10.10.10/16', '203.0.113.0/24', '198.51.100.7', '255.255.255.255/32']) {
      expect(isIpv4Range(source)).toBe(true);
    }
  });

  it('refuses out-of-range octets and prefixes, leading zeros, IPv6 and other text', () => {
    for (const source of ['256.0.0.0', '10.0.0.0/33', '010.0.0.1', '10.0.0', '10.0.0.0/', '::/0', ' 10.0.0.0/8']) {
      expect(isIpv4Range(source)).toBe(false);
    }
  });
});

describe('rule changes', () => {
  it('keeps only the modeled members of a rule', () => {
    const rule = { ipRule: '10.0.0.0/8', ruleDesc: 'lan', extra: 'dropped' };
    expect(checkRules([rule], 10)).toEqual([{ ipRule: '10.0.0.0/8', ruleDesc: 'lan' }]);
  });

  it('adds after the existing rules and removes by exact source', () => {
    const rules = addRules([{ ipRule: '10.0.0.0/8' }], [{ ipRule: '192.0.2.0/24' }], 10);
    expect(rules.map((r) => r.ipRule)).toEqual(['10.0.0.0/8', '192.0.2.0/24']);
    expect(removeRules(rules, ['10.0.0.0/8', '172.16.0.0/12'])).toEqual([{ ipRule: '192.0.2.0/24' }]);
  });
});
