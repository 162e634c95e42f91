// Every operation of the model is reachable through the real SDK, and input is validated before anything else.
import * as sdk from '@aws-sdk/client-workspaces';
import { WorkSpacesServiceException } from '@aws-sdk/client-workspaces';
import { describe, expect, it } from 'vitest';
import { operationNames, operations } from '../../src/model/generated/operations.js';
import { useEmulator } from '../helpers/emulator.js';

const t = useEmulator();

type CommandClass = new (input: object) => Parameters<sdk.WorkSpacesClient['send']>[0];

function commandFor(operation: string): CommandClass {
  const command = (sdk as unknown as Record<string, CommandClass | undefined>)[`${operation}Command`];
  if (!command) throw new Error(`the SDK has no ${operation}Command`);
  return command;
}

async function sendRaw(operation: string, input: object) {
  try {
    return {
      output: (await t.client().send(new (commandFor(operation))(input))) as { $metadata: { httpStatusCode?: number } },
    };
  } catch (error) {
    return { error: error as WorkSpacesServiceException };
  }
}

describe('routing', () => {
  it('knows all 91 operations of the model', () => {
    expect(operationNames).toHaveLength(91);
  });

  it.each(operationNames)(
    'reaches %s and answers with a modeled, validation or not-implemented outcome',
    async (operation) => {
      const { output, error } = await sendRaw(operation, {});
      if (output) {
        expect(output.$metadata.httpStatusCode).toBe(200);
        return;
      }
      expect(error).toBeInstanceOf(WorkSpacesServiceException);
      const allowed = ['ValidationException', 'NotImplementedException', ...operations[operation].errors];
      expect(allowed).toContain(error?.name);
      expect(error?.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(error?.$metadata.httpStatusCode).toBe(error?.name === 'NotImplementedException' ? 501 : 400);
      if (error?.name === 'NotImplementedException') expect(error.message).toContain(operation);
    },
  );
});

async function expectValidation(operation: string, input: object, message: string) {
  const { error } = await sendRaw(operation, input);
  expect(error?.name).toBe('ValidationException');
  expect(error?.message).toBe(message);
  expect(error?.$metadata.httpStatusCode).toBe(400);
}

describe('input validation as the SDK sees it', () => {
  it('rejects an ImageId that breaks the pattern', () =>
    expectValidation(
      'DescribeImageAssociations',
      { ImageId: 'foo', AssociatedResourceTypes: ['APPLICATION'] },
      "1 validation error detected: Value 'foo' at 'imageId' failed to satisfy constraint: Member must satisfy regular expression pattern: wsi-[0-9a-z]{9,63}$",
    ));

  it('reports a missing required member as null', () =>
    expectValidation(
      'DescribeImageAssociations',
      { ImageId: 'wsi-abcdefghi' },
      "1 validation error detected: Value null at 'associatedResourceTypes' failed to satisfy constraint: Member must not be null",
    ));

  it('reports an enum violation inside a list once for the list', () =>
    expectValidation(
      'DescribeApplicationAssociations',
      { ApplicationId: 'wsa-abcdefghi', AssociatedResourceTypes: ['BAD'], MaxResults: 50 },
      "2 validation errors detected: Value '50' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 25; Value '[BAD]' at 'associatedResourceTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [WORKSPACE, BUNDLE, IMAGE]]",
    ));

  it('anchors the whole Owner pattern, alternation included', () =>
    expectValidation(
      'DescribeApplications',
      { Owner: 'AMAZONX' },
      "1 validation error detected: Value 'AMAZONX' at 'owner' failed to satisfy constraint: Member must satisfy regular expression pattern: ^\\d{12}|AMAZON$",
    ));

  it('checks list bounds', () =>
    expectValidation(
      'DescribeWorkspaces',
      { WorkspaceIds: Array.from({ length: 26 }, (_, i) => `ws-${String(i).padStart(9, '0')}`) },
      `1 validation error detected: Value '[${Array.from({ length: 26 }, (_, i) => `ws-${String(i).padStart(9, '0')}`).join(', ')}]' at 'workspaceIds' failed to satisfy constraint: Member must have length less than or equal to 25`,
    ));

  it('checks integer ranges', () =>
    expectValidation(
      'DescribeWorkspaces',
      { Limit: 0 },
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    ));

  it('walks nested structures in lists with 1-based member paths', () =>
    expectValidation(
      'CreateWorkspaces',
      {
        Workspaces: [
          { DirectoryId: 'd-1234567890', UserName: 'alice', BundleId: 'wsb-bh8rsxt14' },
          { DirectoryId: 'bad', UserName: 'bob', BundleId: 'wsb-bh8rsxt14' },
        ],
      },
      "2 validation errors detected: Value 'bad' at 'workspaces.2.member.directoryId' failed to satisfy constraint: Member must have length greater than or equal to 10; Value 'bad' at 'workspaces.2.member.directoryId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(d-[0-9a-f]{8,63}$)|(wsd-[0-9a-z]{8,63}$)",
    ));

  it('caps the list of violations at ten', async () => {
    const Workspaces = Array.from({ length: 6 }, () => ({
      DirectoryId: 'bad',
      UserName: 'u',
      BundleId: 'wsb-bh8rsxt14',
    }));
    const { error } = await sendRaw('CreateWorkspaces', { Workspaces });
    expect(error?.message).toMatch(/^10 validation errors detected: /);
    expect(error?.message.split('; ')).toHaveLength(10);
    expect(error?.message).toContain("at 'workspaces.5.member.directoryId'");
    expect(error?.message).not.toContain("at 'workspaces.6.member.directoryId'");
  });

  it('validates before it looks anything up', () =>
    expectValidation(
      'DescribeWorkspaceAssociations',
      { WorkspaceId: 'ws-UPPERCASE', AssociatedResourceTypes: ['APPLICATION'] },
      "1 validation error detected: Value 'ws-UPPERCASE' at 'workspaceId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^ws-[0-9a-z]{8,63}$",
    ));
});
