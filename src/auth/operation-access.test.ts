import { describe, expect, it } from 'vitest';
import { type OperationName, operationNames, operations } from '../model/generated/operations.js';
import { shapes } from '../model/generated/shapes.js';
import type { Shape, StructureShape } from '../model/shape-types.js';
import { type AccessCheck, accessChecks, type OwnerLookup } from './authorize.js';
import { type IdSource, operationAccess } from './operation-access.js';

const caller = { account: '111111111111', region: 'us-east-1' };
const callerOwnsAll: OwnerLookup = (_type, _id, _region, scope) => scope.account;
const checks = (operation: OperationName, body: unknown, owners = callerOwnsAll): AccessCheck[] =>
  accessChecks(operation, body, caller, owners);

function shape(name: string): Shape {
  const found = shapes[name];
  if (!found) throw new Error(`no shape ${name}`);
  return found;
}

function memberShape(structure: StructureShape, member: string): Shape {
  const target = structure.members.find(([name]) => name === member)?.[1];
  if (!target) throw new Error(`no member ${member}`);
  return shape(target);
}

/** The shape the id source ends at, read from the operation's input in the model. */
function shapeAt(operation: OperationName, source: Exclude<IdSource, 'new'>): Shape {
  const input = shape(operations[operation].input) as StructureShape;
  if (!('list' in source)) return memberShape(input, source.member);
  const list = memberShape(input, source.list);
  if (list.type !== 'list') throw new Error(`${source.list} is not a list`);
  const element = shape(list.member);
  return 'member' in source ? memberShape(element as StructureShape, source.member) : element;
}

describe('operationAccess', () => {
  it('covers every operation of the model', () => {
    expect(Object.keys(operationAccess).sort()).toEqual([...operationNames].sort());
  });

  it.each(operationNames)('names only members of the model input of %s', (operation) => {
    const access = operationAccess[operation];
    for (const ref of access.resources) {
      if (ref.ids !== 'new') expect(shapeAt(operation, ref.ids).type).toBe('string');
      if (ref.regionMember !== undefined) expect(shapeAt(operation, { member: ref.regionMember }).type).toBe('string');
    }
    if (access.creationTags !== undefined && access.creationTags !== 'new') {
      expect(shapeAt(operation, access.creationTags).type).toBe('list');
    }
  });
});

describe('accessChecks', () => {
  it('authorizes an action without resource types against *', () => {
    expect(checks('DescribeWorkspaces', {})).toEqual([{ action: 'workspaces:DescribeWorkspaces', resource: '*' }]);
  });

  it('builds the ARN of the resource the request names', () => {
    expect(checks('DescribeImageAssociations', { ImageId: 'wsi-abc123def' })).toEqual([
      {
        action: 'workspaces:DescribeImageAssociations',
        resource: 'arn:aws:workspaces:us-east-1:111111111111:workspaceimage/wsi-abc123def',
      },
    ]);
  });

  it('checks each WorkSpace of a batch once', () => {
    const body = {
      StartWorkspaceRequests: [{ WorkspaceId: 'ws-a' }, { WorkspaceId: 'ws-b' }, { WorkspaceId: 'ws-a' }],
    };
    expect(checks('StartWorkspaces', body).map((check) => check.resource)).toEqual([
      'arn:aws:workspaces:us-east-1:111111111111:workspace/ws-a',
      'arn:aws:workspaces:us-east-1:111111111111:workspace/ws-b',
    ]);
  });

  it('uses * for the resource a call creates, then the other required resources, then CreateTags for tags', () => {
    const body = { Workspaces: [{ DirectoryId: 'd-1234567890', BundleId: 'wsb-00000001', Tags: [{ Key: 'k' }] }] };
    expect(checks('CreateWorkspaces', body)).toEqual([
      {
        action: 'workspaces:CreateWorkspaces',
        resource: 'arn:aws:workspaces:us-east-1:111111111111:directory/d-1234567890',
      },
      {
        action: 'workspaces:CreateWorkspaces',
        resource: 'arn:aws:workspaces:us-east-1:111111111111:workspacebundle/wsb-00000001',
      },
      { action: 'workspaces:CreateWorkspaces', resource: 'arn:aws:workspaces:us-east-1:111111111111:workspace/*' },
      { action: 'workspaces:CreateTags', resource: '*' },
    ]);
  });

  it('adds the other actions the Reference maps an operation to', () => {
    const body = { SourceImageId: 'wsi-abc123def', SourceRegion: 'eu-west-1', Name: 'copy' };
    expect(checks('CopyWorkspaceImage', body)).toEqual([
      {
        action: 'workspaces:CopyWorkspaceImage',
        resource: 'arn:aws:workspaces:eu-west-1:111111111111:workspaceimage/wsi-abc123def',
      },
      { action: 'workspaces:DescribeWorkspaceImages', resource: '*' },
    ]);
  });

  it('names the owner account of a resource, empty for AMAZON-owned ones', () => {
    const owners: OwnerLookup = (type) => (type === 'workspaceimage' ? '222222222222' : '');
    expect(checks('UpdateWorkspaceBundle', { BundleId: 'wsb-public01', ImageId: 'wsi-abc123def' }, owners)).toEqual([
      {
        action: 'workspaces:UpdateWorkspaceBundle',
        resource: 'arn:aws:workspaces:us-east-1::workspacebundle/wsb-public01',
      },
      {
        action: 'workspaces:UpdateWorkspaceBundle',
        resource: 'arn:aws:workspaces:us-east-1:222222222222:workspaceimage/wsi-abc123def',
      },
    ]);
  });

  it('treats a missing or non-string id, or an inherited key, as every resource of the type', () => {
    const expected = [
      {
        action: 'workspaces:DescribeWorkspaceSnapshots',
        resource: 'arn:aws:workspaces:us-east-1:111111111111:workspace/*',
      },
    ];
    expect(checks('DescribeWorkspaceSnapshots', {})).toEqual(expected);
    expect(checks('DescribeWorkspaceSnapshots', { WorkspaceId: 7 })).toEqual(expected);
    expect(checks('DescribeWorkspaceSnapshots', JSON.parse('{"__proto__":{"WorkspaceId":"ws-x"}}'))).toEqual(expected);
    expect(checks('DescribeWorkspaceSnapshots', [])).toEqual(expected);
  });

  it('uses the partition of the Region', () => {
    const [check] = accessChecks(
      'DeleteIpGroup',
      { GroupId: 'wsipg-1' },
      { account: '111111111111', region: 'cn-north-1' },
      callerOwnsAll,
    );
    expect(check?.resource).toBe('arn:aws-cn:workspaces:cn-north-1:111111111111:workspaceipgroup/wsipg-1');
  });
});
