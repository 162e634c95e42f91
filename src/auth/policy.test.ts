import { describe, expect, it } from 'vitest';
import { decide, PolicyError, parsePolicy } from './policy.js';
import { matchesWildcard } from './wildcard.js';

const IMAGE_ARN = 'arn:aws:workspaces:us-east-1:111111111111:workspaceimage/wsi-abc123def';

const policy = (...Statement: unknown[]) => parsePolicy({ Version: '2012-10-17', Statement }, 'policy');

describe('matchesWildcard', () => {
  it.each([
    ['*', '', true],
    ['*', 'anything at all', true],
    ['wsi-*', 'wsi-abc', true],
    ['wsi-?bc', 'wsi-abc', true],
    ['wsi-?bc', 'wsi-bc', false],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXbYY', false],
    ['arn:aws:workspaces:*:111111111111:workspaceimage/*', IMAGE_ARN, true],
    ['arn:aws:workspaces:*:222222222222:workspaceimage/*', IMAGE_ARN, false],
    ['exact', 'exact', true],
    ['exact', 'exactly', false],
  ])('matches %s against %s: %s', (pattern, text, expected) => {
    expect(matchesWildcard(pattern, text)).toBe(expected);
  });

  it('finishes quickly on a pattern with many stars against a long text that almost matches', () => {
    const text = `${'a'.repeat(200_000)}b`;
    expect(matchesWildcard('*a*a*a*a*a*a*c', text)).toBe(false);
  });
});

describe('decide', () => {
  it('allows an action matched by a wildcard, ignoring case', () => {
    const statements = policy({ Effect: 'Allow', Action: 'workspaces:describe*', Resource: '*' });
    expect(decide(statements, 'workspaces:DescribeImageAssociations', IMAGE_ARN)).toBe('allowed');
    expect(decide(statements, 'workspaces:DeleteWorkspaceImage', IMAGE_ARN)).toBe('implicitDeny');
  });

  it('lets an explicit Deny win over any Allow', () => {
    const statements = policy(
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Deny', Action: 'workspaces:DescribeImageAssociations', Resource: IMAGE_ARN },
    );
    expect(decide(statements, 'workspaces:DescribeImageAssociations', IMAGE_ARN)).toBe('explicitDeny');
    expect(decide(statements, 'workspaces:DescribeWorkspaces', '*')).toBe('allowed');
  });

  it('applies NotAction to every action it does not name', () => {
    const statements = policy({ Effect: 'Allow', NotAction: ['workspaces:Delete*'], Resource: '*' });
    expect(decide(statements, 'workspaces:CreateTags', '*')).toBe('allowed');
    expect(decide(statements, 'workspaces:DeleteTags', '*')).toBe('implicitDeny');
  });

  it('applies NotResource to every resource it does not name', () => {
    const statements = policy({ Effect: 'Deny', Action: '*', NotResource: 'arn:aws:workspaces:*:*:workspace/*' });
    expect(decide(statements, 'workspaces:DeleteWorkspaceImage', IMAGE_ARN)).toBe('explicitDeny');
  });

  it('compares resource ARNs case-sensitively', () => {
    const statements = policy({
      Effect: 'Allow',
      Action: '*',
      Resource: IMAGE_ARN.replace('wsi-abc123def', 'WSI-ABC123DEF'),
    });
    expect(decide(statements, 'workspaces:DescribeImageAssociations', IMAGE_ARN)).toBe('implicitDeny');
  });

  it('denies by default', () => {
    expect(decide([], 'workspaces:DescribeWorkspaces', '*')).toBe('implicitDeny');
  });
});

describe('parsePolicy', () => {
  it.each([
    [{ Statement: [] }, 'policy.Statement must hold at least one statement'],
    [
      { Statement: { Effect: 'Permit', Action: '*', Resource: '*' } },
      'policy.Statement[0].Effect must be "Allow" or "Deny"',
    ],
    [
      { Statement: { Effect: 'Allow', Resource: '*' } },
      'policy.Statement[0] needs exactly one of Action and NotAction',
    ],
    [
      { Statement: { Effect: 'Allow', Action: '*', NotAction: '*', Resource: '*' } },
      'policy.Statement[0] needs exactly one of Action and NotAction',
    ],
    [
      { Statement: { Effect: 'Allow', Action: '*' } },
      'policy.Statement[0] needs exactly one of Resource and NotResource',
    ],
    [
      { Statement: { Effect: 'Allow', Action: 'DescribeWorkspaces', Resource: '*' } },
      `policy.Statement[0].Action: 'DescribeWorkspaces' is not "*" or "service:Action"`,
    ],
    [
      { Statement: { Effect: 'Allow', Action: '*', Resource: 'workspace/ws-1' } },
      `policy.Statement[0].Resource: 'workspace/ws-1' is not "*" or an ARN`,
    ],
    [
      { Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition: {} } },
      'policy.Statement[0].Condition is not supported by workspaces-local',
    ],
    [{ Version: '2020-01-01', Statement: [] }, 'policy.Version must be "2012-10-17" or "2008-10-17"'],
  ])('refuses %j', (document, message) => {
    expect(() => parsePolicy(document, 'policy')).toThrow(new PolicyError(message));
  });
});
