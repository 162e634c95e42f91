import { describe, expect, it } from 'vitest';
import {
  encodeShape,
  listItemShape,
  outputBytes,
  outputWithEncodedList,
  outputWithEncodedMember,
  serializeOutput,
  structureWithEncodedList,
} from '../protocol/serialize.js';
import type { AssociationRecord } from '../store/types.js';
import { UNINSTALL_ERROR, wireState } from './application-rules.js';
import { associationsJson, resourceItemJson, resourceViewOf } from './association-json.js';

const states = [
  'PENDING_INSTALL',
  'PENDING_INSTALL_DEPLOYMENT',
  'INSTALLING',
  'COMPLETED',
  'PENDING_UNINSTALL_DEPLOYMENT',
  'UNINSTALLING',
  'REMOVED',
  'ERROR',
  UNINSTALL_ERROR,
];

/** Every state, failures with and without a code, and times with and without milliseconds (or a fraction of one). */
const rows: AssociationRecord[] = states.flatMap((state, i) => [
  {
    resourceType: 'WORKSPACE',
    resourceId: `ws-${i}abcdefgh`,
    applicationId: `wsa-${i}abcdefgh`,
    state,
    created: 1_700_000_000_000 + i,
    updated: 1_700_000_123_456.75 + i,
    ...(state.includes('ERROR') && { errorCode: 'InsufficientDiskSpace', errorMessage: 'Not "enough" disk — ☃' }),
  },
  {
    resourceType: 'IMAGE',
    resourceId: `wsi-${i}abcdefgh`,
    applicationId: `wsa-${i}zyxwvuts`,
    state,
    created: 1_700_000_000_000,
    updated: 1_700_000_000_000,
    ...(state.includes('ERROR') && { errorMessage: 'no code' }),
  },
]);

function stateFields(row: AssociationRecord) {
  const State = wireState(row.state);
  return {
    Created: new Date(row.created),
    LastUpdatedTime: new Date(row.updated),
    State,
    StateReason: State === 'ERROR' ? { ErrorCode: row.errorCode, ErrorMessage: row.errorMessage ?? '' } : undefined,
  };
}

/** The wire objects the handlers built before the lists were written as text, one per view. */
const views: Record<string, (row: AssociationRecord) => object> = {
  ImageResourceAssociation: (row) =>
    Object.assign(
      { AssociatedResourceId: row.applicationId, AssociatedResourceType: 'APPLICATION', ImageId: row.resourceId },
      stateFields(row),
    ),
  WorkspaceResourceAssociation: (row) =>
    Object.assign(
      { AssociatedResourceId: row.applicationId, AssociatedResourceType: 'APPLICATION', WorkspaceId: row.resourceId },
      stateFields(row),
    ),
  BundleResourceAssociation: (row) =>
    Object.assign(
      { AssociatedResourceId: row.applicationId, AssociatedResourceType: 'APPLICATION', BundleId: row.resourceId },
      stateFields(row),
    ),
  ApplicationResourceAssociation: (row) =>
    Object.assign(
      {
        ApplicationId: row.applicationId,
        AssociatedResourceId: row.resourceId,
        AssociatedResourceType: row.resourceType,
      },
      stateFields(row),
    ),
};

describe('association lists written as text', () => {
  for (const [shape, view] of Object.entries(views)) {
    it(`${shape}: the shape writer's text for every state`, () => {
      const expected = rows.map((row) => encodeShape(shape, view(row))).join(',');
      expect(associationsJson(shape, rows)).toBe(expected);
    });
  }

  it('writes times as the timestamp writer does: trailing zeros, fractions of a millisecond, before 1970', () => {
    const times = [
      0, 1, 10, 100, 120, 999, 1000, 1_700_000_000_100, 1_700_000_000_010, 1_700_000_000_000.999, -1500, -1,
    ];
    const timed = times.map((created) =>
      Object.assign({}, rows[1] as AssociationRecord, { created, updated: created }),
    );
    const view = views.ImageResourceAssociation as (row: AssociationRecord) => object;
    const expected = timed.map((row) => encodeShape('ImageResourceAssociation', view(row))).join(',');
    expect(associationsJson('ImageResourceAssociation', timed)).toBe(expected);
  });

  it('an output with an encoded list is the text serializeOutput writes for the same output, as UTF-8 bytes', () => {
    const items = rows.map(views.ApplicationResourceAssociation as (row: AssociationRecord) => object);
    const encoded = outputWithEncodedList(
      'DescribeApplicationAssociationsResult',
      'Associations',
      associationsJson('ApplicationResourceAssociation', rows),
      { NextToken: 'next"token é' },
    );
    expect(outputBytes('DescribeApplicationAssociationsResult', encoded).toString('utf8')).toBe(
      serializeOutput('DescribeApplicationAssociationsResult', { Associations: items, NextToken: 'next"token é' }),
    );
    const empty = outputWithEncodedList('DescribeImageAssociationsResult', 'Associations', []);
    expect(empty.bytes.toString('utf8')).toBe('{"Associations":[]}');
    const emptyText = outputWithEncodedList('DescribeImageAssociationsResult', 'Associations', [Buffer.alloc(0)]);
    expect(emptyText.bytes.toString('utf8')).toBe('{"Associations":[]}');
  });

  it('writes the same output from items given as one text, as one buffer, or as a buffer per item', () => {
    const texts = rows.map((row) =>
      encodeShape('ApplicationResourceAssociation', views.ApplicationResourceAssociation?.(row)),
    );
    const rest = { NextToken: 'token ü' };
    const shape = 'DescribeApplicationAssociationsResult';
    const fromText = outputWithEncodedList(shape, 'Associations', texts.join(','), rest).bytes;
    const fromOne = outputWithEncodedList(shape, 'Associations', [Buffer.from(texts.join(','), 'utf8')], rest).bytes;
    const fromEach = outputWithEncodedList(
      shape,
      'Associations',
      texts.map((t) => Buffer.from(t, 'utf8')),
      rest,
    ).bytes;
    expect(fromOne.equals(fromText)).toBe(true);
    expect(fromEach.equals(fromText)).toBe(true);
  });

  it("writes the write calls' answers as the shape writer does: one association, or a deployment's list", () => {
    const onWorkspaces = rows.filter((row) => row.resourceType === 'WORKSPACE');
    const view = views.WorkspaceResourceAssociation as (row: AssociationRecord) => object;
    for (const shape of ['AssociateWorkspaceApplicationResult', 'DisassociateWorkspaceApplicationResult']) {
      for (const row of onWorkspaces) {
        const encoded = outputWithEncodedMember(
          shape,
          'Association',
          resourceViewOf('WORKSPACE'),
          resourceItemJson(row),
        );
        expect(encoded.bytes.toString('utf8')).toBe(serializeOutput(shape, { Association: view(row) }));
      }
    }
    const deployment = structureWithEncodedList(
      'WorkSpaceApplicationDeployment',
      'Associations',
      associationsJson('WorkspaceResourceAssociation', onWorkspaces),
    );
    const deployed = outputWithEncodedMember(
      'DeployWorkspaceApplicationsResult',
      'Deployment',
      'WorkSpaceApplicationDeployment',
      deployment,
    );
    expect(deployed.bytes.toString('utf8')).toBe(
      serializeOutput('DeployWorkspaceApplicationsResult', { Deployment: { Associations: onWorkspaces.map(view) } }),
    );
  });

  it("refuses a member written ahead that is not the output's only member, or not of the shape given", () => {
    expect(() => outputWithEncodedMember('AssociateWorkspaceApplicationResult', 'Deployment', 'X', '{}')).toThrow(
      /not a structure of Deployment/,
    );
    expect(() =>
      outputWithEncodedMember('AssociateWorkspaceApplicationResult', 'Association', 'ImageResourceAssociation', '{}'),
    ).toThrow(/not a structure of Association/);
    expect(() => outputWithEncodedMember('DescribeApplicationsResult', 'Applications', 'X', '[]')).toThrow(
      /not a structure of Applications/,
    );
  });

  it("keeps each row as the list item of its resource's describe", () => {
    expect(resourceViewOf('IMAGE')).toBe(listItemShape('DescribeImageAssociationsResult', 'Associations'));
    expect(resourceViewOf('WORKSPACE')).toBe(listItemShape('DescribeWorkspaceAssociationsResult', 'Associations'));
    expect(resourceViewOf('BUNDLE')).toBe(listItemShape('DescribeBundleAssociationsResult', 'Associations'));
  });

  it('refuses a list member the output does not have, and a shape with no view', () => {
    expect(() => outputWithEncodedList('DescribeImageAssociationsResult', 'Images', [])).toThrow(/no list member/);
    expect(() => associationsJson('WorkspaceImage', rows)).toThrow(/no association view/);
  });
});
