import { describe, expect, it } from 'vitest';
import { ServiceError } from '../errors.js';
import { validateInput } from './validate.js';

const IMAGE_ID = 'wsi-123456789';
const APPLICATION_ID = 'wsa-12345678';
const DIRECTORY_ID = 'd-1234567890';
const BUNDLE_ID = 'wsb-12345678';
const WORKSPACE_ID = 'ws-12345678';

function rejectionOf(shapeName: string, body: unknown): ServiceError {
  try {
    validateInput(shapeName, body);
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error('validateInput accepted the body');
}

function expectTypeError(shapeName: string, body: unknown, message: string): void {
  const error = rejectionOf(shapeName, body);
  expect(error.code).toBe('SerializationException');
  expect(error.message).toBe(message);
}

function expectInvalid(shapeName: string, body: unknown, message: string): void {
  const error = rejectionOf(shapeName, body);
  expect(error.code).toBe('ValidationException');
  expect(error.message).toBe(message);
}

/** Shorthand for the common single-violation message. */
const oneError = (value: string, path: string, phrase: string) =>
  `1 validation error detected: ${item(value, path, phrase)}`;

const item = (value: string, path: string, phrase: string) =>
  `Value ${value} at '${path}' failed to satisfy constraint: ${phrase}`;

const imageAssociations = (overrides: Record<string, unknown>) => ({
  ImageId: IMAGE_ID,
  AssociatedResourceTypes: ['APPLICATION'],
  ...overrides,
});

const workspaceRequest = (overrides: Record<string, unknown> = {}) => ({
  DirectoryId: DIRECTORY_ID,
  UserName: 'alice',
  BundleId: BUNDLE_ID,
  ...overrides,
});

const branding = (windows: Record<string, unknown>) => ({ ResourceId: DIRECTORY_ID, DeviceTypeWindows: windows });

const customImage = (imageSource: unknown) => ({
  ImageName: 'image',
  ImageDescription: 'an image',
  ComputeType: 'BASE',
  Protocol: 'DCV',
  ImageSource: imageSource,
  InfrastructureConfigurationArn: 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/infra',
  Platform: 'WINDOWS',
  OsVersion: 'Windows_11',
});

describe('validateInput type errors', () => {
  it('rejects a body that is not a JSON object with a SerializationException that has no message', () => {
    for (const body of [[], 'text', 5, null, true]) {
      const error = rejectionOf('DescribeWorkspacesRequest', body);
      expect(error.code).toBe('SerializationException');
      expect(error.hasMessage).toBe(false);
    }
  });

  it('sends type errors under the capitalised Message key', () => {
    expect(rejectionOf('DescribeImageAssociationsRequest', imageAssociations({ ImageId: 5 })).messageKey).toBe(
      'Message',
    );
  });

  it('rejects an integral number sent for a string as NUMBER_VALUE', () => {
    expectTypeError(
      'DescribeImageAssociationsRequest',
      imageAssociations({ ImageId: 5 }),
      'NUMBER_VALUE cannot be converted to String',
    );
  });

  it('rejects a fractional number sent for a string as DECIMAL_VALUE', () => {
    expectTypeError(
      'DescribeImageAssociationsRequest',
      imageAssociations({ ImageId: 1.5 }),
      'DECIMAL_VALUE cannot be converted to String',
    );
  });

  it('rejects true and false sent for a string', () => {
    expectTypeError(
      'DescribeImageAssociationsRequest',
      imageAssociations({ ImageId: true }),
      'TRUE_VALUE cannot be converted to String',
    );
    expectTypeError(
      'DescribeImageAssociationsRequest',
      imageAssociations({ ImageId: false }),
      'FALSE_VALUE cannot be converted to String',
    );
  });

  it('rejects a string sent for an integer', () => {
    expectTypeError('DescribeWorkspacesRequest', { Limit: '5' }, 'STRING_VALUE cannot be converted to Integer');
  });

  it('rejects a boolean sent for an integer', () => {
    expectTypeError('DescribeWorkspacesRequest', { Limit: true }, 'TRUE_VALUE cannot be converted to Integer');
  });

  it('rejects a number sent for a boolean', () => {
    expectTypeError(
      'DeployWorkspaceApplicationsRequest',
      { WorkspaceId: WORKSPACE_ID, Force: 1 },
      'NUMBER_VALUE cannot be converted to Boolean',
    );
  });

  it('rejects a string sent for a boolean unless it is a recognised spelling', () => {
    expectTypeError(
      'DeployWorkspaceApplicationsRequest',
      { WorkspaceId: WORKSPACE_ID, Force: 'maybe' },
      'Unexpected token received from parser',
    );
  });

  it('rejects an object sent for a scalar', () => {
    expectTypeError(
      'DescribeImageAssociationsRequest',
      imageAssociations({ ImageId: {} }),
      'Start of structure or map found where not expected',
    );
    expectTypeError(
      'DescribeWorkspacesRequest',
      { Limit: { n: 1 } },
      'Start of structure or map found where not expected',
    );
  });

  it('rejects an array sent for a scalar naming the Java class of the target', () => {
    expectTypeError(
      'DescribeImageAssociationsRequest',
      imageAssociations({ ImageId: [IMAGE_ID] }),
      'Unrecognized collection type class java.lang.String',
    );
    expectTypeError(
      'DescribeWorkspacesRequest',
      { Limit: [1] },
      'Unrecognized collection type class java.lang.Integer',
    );
    expectTypeError(
      'DeployWorkspaceApplicationsRequest',
      { WorkspaceId: WORKSPACE_ID, Force: [true] },
      'Unrecognized collection type class java.lang.Boolean',
    );
    expectTypeError(
      'ImportClientBrandingRequest',
      branding({ Logo: [] }),
      'Unrecognized collection type class java.nio.ByteBuffer',
    );
    expectTypeError('AccountModification', { StartTime: [] }, 'Unrecognized collection type class java.util.Date');
  });

  it('rejects a scalar sent for a list', () => {
    expectTypeError(
      'DescribeImageAssociationsRequest',
      imageAssociations({ AssociatedResourceTypes: 'APPLICATION' }),
      'Unexpected field type',
    );
  });

  it('rejects a scalar sent for a structure', () => {
    expectTypeError('CreateWorkspacesRequest', { Workspaces: ['alice'] }, 'Unexpected field type');
  });

  it('rejects an object sent for a list', () => {
    expectTypeError(
      'DescribeImageAssociationsRequest',
      imageAssociations({ AssociatedResourceTypes: { 0: 'APPLICATION' } }),
      'Start of structure or map found where not expected',
    );
  });

  it('rejects an array sent for a structure', () => {
    expectTypeError(
      'CreateWorkspacesRequest',
      { Workspaces: [workspaceRequest({ WorkspaceProperties: [] })] },
      'Start of list found where not expected',
    );
  });

  it('rejects a scalar or an array sent for a map', () => {
    expectTypeError('ImportClientBrandingRequest', branding({ LoginMessage: 'hello' }), 'Unexpected field type');
    expectTypeError(
      'ImportClientBrandingRequest',
      branding({ LoginMessage: ['hello'] }),
      'Start of list found where not expected',
    );
  });

  it('type-checks list elements and map values', () => {
    expectTypeError(
      'DescribeWorkspacesRequest',
      { WorkspaceIds: [WORKSPACE_ID, 7] },
      'NUMBER_VALUE cannot be converted to String',
    );
    expectTypeError(
      'ImportClientBrandingRequest',
      branding({ LoginMessage: { en_US: false } }),
      'FALSE_VALUE cannot be converted to String',
    );
  });

  it('reports a type error even when an earlier member breaks a constraint', () => {
    expectTypeError(
      'DescribeImageAssociationsRequest',
      { ImageId: 'foo', AssociatedResourceTypes: 'APPLICATION' },
      'Unexpected field type',
    );
  });

  it('reports the first type error in body order', () => {
    expectTypeError(
      'DescribeWorkspacesRequest',
      { UserName: 3, Limit: 'many' },
      'NUMBER_VALUE cannot be converted to String',
    );
    expectTypeError(
      'DescribeWorkspacesRequest',
      { Limit: 'many', UserName: 3 },
      'STRING_VALUE cannot be converted to Integer',
    );
  });

  it('ignores the type of unknown members', () => {
    expect(validateInput('DescribeWorkspacesRequest', { Unknown: { deep: [1] } })).toEqual({});
  });
});

describe('validateInput coercion', () => {
  it('returns a new object without null and unknown members', () => {
    const body = { ImageId: IMAGE_ID, AssociatedResourceTypes: ['APPLICATION'], Extra: 1, NextToken: null };
    const result = validateInput('DescribeImageAssociationsRequest', body);
    expect(result).not.toBe(body);
    expect(Object.keys(result)).toEqual(['ImageId', 'AssociatedResourceTypes']);
  });

  it('coerces the accepted boolean spellings in any case', () => {
    const force = (value: unknown) =>
      validateInput('DeployWorkspaceApplicationsRequest', { WorkspaceId: WORKSPACE_ID, Force: value }).Force;
    expect([force('true'), force('YES'), force('1'), force(true)]).toEqual([true, true, true, true]);
    expect([force('false'), force('No'), force('0'), force(false)]).toEqual([false, false, false, false]);
  });

  it('coerces booleans nested in list elements', () => {
    const result = validateInput('CreateWorkspacesRequest', {
      Workspaces: [workspaceRequest({ UserVolumeEncryptionEnabled: 'true' })],
    });
    expect(result.Workspaces).toEqual([{ ...workspaceRequest(), UserVolumeEncryptionEnabled: true }]);
  });

  it('truncates non-integral numbers sent for an integer', () => {
    expect(validateInput('DescribeWorkspacesRequest', { Limit: 5.9 }).Limit).toBe(5);
  });

  it('checks the truncated integer against its range', () => {
    expectInvalid(
      'DescribeWorkspacesRequest',
      { Limit: 0.5 },
      oneError("'0'", 'limit', 'Member must have value greater than or equal to 1'),
    );
  });

  it('turns epoch seconds, as a number or a numeric string, into a Date', () => {
    expect(validateInput('AccountModification', { StartTime: 1_700_000_000 }).StartTime).toEqual(
      new Date(1_700_000_000_000),
    );
    expect(validateInput('AccountModification', { StartTime: '1700000000.5' }).StartTime).toEqual(
      new Date(1_700_000_000_500),
    );
  });

  it('rejects a timestamp that is neither a number nor a numeric string', () => {
    expectTypeError('AccountModification', { StartTime: 'yesterday' }, 'STRING_VALUE cannot be converted to Date');
    expectTypeError('AccountModification', { StartTime: true }, 'TRUE_VALUE cannot be converted to Date');
  });

  it('keeps a blob as its base64 text', () => {
    const result = validateInput('ImportClientBrandingRequest', branding({ Logo: 'iVBORw==' }));
    expect(result.DeviceTypeWindows).toEqual({ Logo: 'iVBORw==' });
  });

  it('keeps a map key named __proto__ as an ordinary entry', () => {
    const body = JSON.parse('{"ResourceId":"d-1234567890","DeviceTypeWindows":{"LoginMessage":{"__proto__":"x"}}}');
    const error = rejectionOf('ImportClientBrandingRequest', body);
    expect(error.message).toContain("Value '{__proto__=x}' at 'deviceTypeWindows.loginMessage'");
  });
});

describe('validateInput blobs', () => {
  it('rejects base64 whose length is not a multiple of four', () => {
    expectTypeError(
      'ImportClientBrandingRequest',
      branding({ Logo: 'abc' }),
      'Base64 encoded length is expected a multiple of 4 bytes but found: 3',
    );
  });

  it('rejects a character outside the base64 alphabet', () => {
    expectTypeError('ImportClientBrandingRequest', branding({ Logo: 'ab!d' }), "Invalid Base64 character: '!'");
    expectTypeError('ImportClientBrandingRequest', branding({ Logo: 'A===' }), "Invalid Base64 character: '='");
  });

  it('rejects base64 whose last character has bits set past the final byte', () => {
    expectTypeError(
      'ImportClientBrandingRequest',
      branding({ Logo: 'AB==' }),
      'Invalid last non-pad Base64 character dectected',
    );
    expect(() => validateInput('ImportClientBrandingRequest', branding({ Logo: 'AQ==' }))).not.toThrow();
  });

  it('rejects a number sent for a blob', () => {
    expectTypeError(
      'ImportClientBrandingRequest',
      branding({ Logo: 12 }),
      'NUMBER_VALUE cannot be converted to ByteBuffer',
    );
  });

  it('checks the minimum length on the decoded bytes and shows the buffer', () => {
    expectInvalid(
      'ImportClientBrandingRequest',
      branding({ Logo: '' }),
      oneError(
        "'java.nio.HeapByteBuffer[pos=0 lim=0 cap=0]'",
        'deviceTypeWindows.logo',
        'Member must have length greater than or equal to 1',
      ),
    );
  });

  it('checks the maximum length on the decoded bytes', () => {
    const logo = Buffer.alloc(447_001).toString('base64');
    expectInvalid(
      'ImportClientBrandingRequest',
      { ResourceId: DIRECTORY_ID, DeviceTypeIos: { Logo: logo } },
      oneError(
        "'java.nio.HeapByteBuffer[pos=0 lim=447001 cap=447001]'",
        'deviceTypeIos.logo',
        'Member must have length less than or equal to 447000',
      ),
    );
    const fitting = Buffer.alloc(447_000).toString('base64');
    expect(() =>
      validateInput('ImportClientBrandingRequest', { ResourceId: DIRECTORY_ID, DeviceTypeIos: { Logo: fitting } }),
    ).not.toThrow();
  });
});

describe('validateInput constraints on scalars', () => {
  it('rejects an ImageId that breaks the pattern', () => {
    expectInvalid(
      'DescribeImageAssociationsRequest',
      imageAssociations({ ImageId: 'foo' }),
      "1 validation error detected: Value 'foo' at 'imageId' failed to satisfy constraint: Member must satisfy regular expression pattern: wsi-[0-9a-z]{9,63}$",
    );
  });

  it('matches patterns against the whole value', () => {
    expectInvalid(
      'DescribeImageAssociationsRequest',
      imageAssociations({ ImageId: `x${IMAGE_ID}` }),
      oneError(`'x${IMAGE_ID}'`, 'imageId', 'Member must satisfy regular expression pattern: wsi-[0-9a-z]{9,63}$'),
    );
  });

  it('reports a missing required member as null', () => {
    expectInvalid(
      'DescribeImageAssociationsRequest',
      { ImageId: IMAGE_ID },
      "1 validation error detected: Value null at 'associatedResourceTypes' failed to satisfy constraint: Member must not be null",
    );
  });

  it('treats a null required member as missing', () => {
    expectInvalid(
      'DescribeImageAssociationsRequest',
      imageAssociations({ AssociatedResourceTypes: null }),
      oneError('null', 'associatedResourceTypes', 'Member must not be null'),
    );
  });

  it('anchors both sides of the Owner alternation', () => {
    const owner = 'Member must satisfy regular expression pattern: ^\\d{12}|AMAZON$';
    expectInvalid('DescribeApplicationsRequest', { Owner: 'AMAZONX' }, oneError("'AMAZONX'", 'owner', owner));
    expectInvalid(
      'DescribeApplicationsRequest',
      { Owner: '123456789012X' },
      oneError("'123456789012X'", 'owner', owner),
    );
  });

  it('accepts either side of the Owner alternation', () => {
    expect(validateInput('DescribeApplicationsRequest', { Owner: 'AMAZON' })).toEqual({ Owner: 'AMAZON' });
    expect(validateInput('DescribeApplicationsRequest', { Owner: '123456789012' })).toEqual({ Owner: '123456789012' });
  });

  it('rejects a value outside an enum, listing the values in model order', () => {
    expectInvalid(
      'DescribeWorkspaceImagesRequest',
      { ImageType: 'MINE' },
      oneError("'MINE'", 'imageType', 'Member must satisfy enum value set: [OWNED, SHARED]'),
    );
  });

  it('rejects a string longer than its maximum', () => {
    const name = 'a'.repeat(64);
    expectInvalid(
      'DescribeWorkspacesRequest',
      { UserName: name },
      oneError(`'${name}'`, 'userName', 'Member must have length less than or equal to 63'),
    );
  });

  it('rejects a string shorter than its minimum', () => {
    expectInvalid(
      'DescribeWorkspacesRequest',
      { UserName: '' },
      oneError("''", 'userName', 'Member must have length greater than or equal to 1'),
    );
  });

  it('counts string length in code points', () => {
    expect(() => validateInput('DescribeWorkspacesRequest', { UserName: '😀'.repeat(63) })).not.toThrow();
    const name = '😀'.repeat(64);
    expectInvalid(
      'DescribeWorkspacesRequest',
      { UserName: name },
      oneError(`'${name}'`, 'userName', 'Member must have length less than or equal to 63'),
    );
  });

  it('counts each unpaired surrogate as one code point', () => {
    // High surrogates with no low one after them pair with nothing: 64 code points, over the maximum of 63.
    const name = '\ud800'.repeat(64);
    expectInvalid(
      'DescribeWorkspacesRequest',
      { UserName: name },
      oneError(`'${name}'`, 'userName', 'Member must have length less than or equal to 63'),
    );
  });

  it('reports each broken constraint of one member as its own item: length before pattern', () => {
    expectInvalid(
      'DescribeWorkspacesRequest',
      { DirectoryId: 'd-1' },
      '2 validation errors detected: ' +
        [
          item("'d-1'", 'directoryId', 'Member must have length greater than or equal to 10'),
          item(
            "'d-1'",
            'directoryId',
            'Member must satisfy regular expression pattern: ^(d-[0-9a-f]{8,63}$)|(wsd-[0-9a-z]{8,63}$)',
          ),
        ].join('; '),
    );
  });

  it('rejects integers below and above their range', () => {
    expectInvalid(
      'DescribeWorkspacesRequest',
      { Limit: 0 },
      oneError("'0'", 'limit', 'Member must have value greater than or equal to 1'),
    );
    expectInvalid(
      'DescribeWorkspacesRequest',
      { Limit: 26 },
      oneError("'26'", 'limit', 'Member must have value less than or equal to 25'),
    );
  });

  it('accepts integers at the ends of their range', () => {
    expect(validateInput('DescribeWorkspacesRequest', { Limit: 1 })).toEqual({ Limit: 1 });
    expect(validateInput('DescribeWorkspacesRequest', { Limit: 25 })).toEqual({ Limit: 25 });
  });

  it('ignores unknown members when checking constraints', () => {
    expect(validateInput('DescribeWorkspacesRequest', { limit: 0, Extra: 'x'.repeat(10_000) })).toEqual({});
  });
});

describe('validateInput constraints on lists', () => {
  it('reports a bad enum in a list once on the list', () => {
    expectInvalid(
      'DescribeImageAssociationsRequest',
      imageAssociations({ AssociatedResourceTypes: ['APPLICATION', 'BAD'] }),
      oneError(
        "'[APPLICATION, BAD]'",
        'associatedResourceTypes',
        'Member must satisfy constraint: [Member must satisfy enum value set: [APPLICATION]]',
      ),
    );
  });

  it('reports violations in model order, joined by semicolons', () => {
    expectInvalid(
      'DescribeApplicationAssociationsRequest',
      { AssociatedResourceTypes: ['BAD'], ApplicationId: APPLICATION_ID, MaxResults: 50 },
      "2 validation errors detected: Value '50' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 25; Value '[BAD]' at 'associatedResourceTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [WORKSPACE, BUNDLE, IMAGE]]",
    );
  });

  it('lists every constraint of the member shape when one element breaks any of them', () => {
    expectInvalid(
      'DescribeWorkspaceDirectoriesRequest',
      { DirectoryIds: [DIRECTORY_ID, 'bad'] },
      oneError(
        `'[${DIRECTORY_ID}, bad]'`,
        'directoryIds',
        'Member must satisfy constraint: [Member must have length less than or equal to 65, Member must have length greater than or equal to 10, Member must satisfy regular expression pattern: ^(d-[0-9a-f]{8,63}$)|(wsd-[0-9a-z]{8,63}$)]',
      ),
    );
  });

  it('reports a null element in a list of scalars as a null member', () => {
    expectInvalid(
      'DescribeWorkspacesRequest',
      { WorkspaceIds: [WORKSPACE_ID, null] },
      oneError(
        `'[${WORKSPACE_ID}, null]'`,
        'workspaceIds',
        'Member must satisfy constraint: [Member must not be null]',
      ),
    );
  });

  it('adds the null phrase after the member constraints when both are broken', () => {
    expectInvalid(
      'DescribeWorkspacesRequest',
      { WorkspaceIds: [null, 'bad'] },
      oneError(
        "'[null, bad]'",
        'workspaceIds',
        'Member must satisfy constraint: [Member must satisfy regular expression pattern: ^ws-[0-9a-z]{8,63}$, Member must not be null]',
      ),
    );
  });

  it('rejects a list with more elements than its maximum', () => {
    const ids = Array.from({ length: 26 }, (_, index) => `ws-${String(index).padStart(8, '0')}`);
    expectInvalid(
      'DescribeWorkspacesRequest',
      { WorkspaceIds: ids },
      oneError(`'[${ids.join(', ')}]'`, 'workspaceIds', 'Member must have length less than or equal to 25'),
    );
  });

  it('rejects a list with fewer elements than its minimum', () => {
    expectInvalid(
      'DescribeWorkspacesRequest',
      { WorkspaceIds: [] },
      oneError("'[]'", 'workspaceIds', 'Member must have length greater than or equal to 1'),
    );
  });

  it('reports members of structures inside lists with 1-based index paths', () => {
    expectInvalid(
      'CreateWorkspacesRequest',
      { Workspaces: [workspaceRequest(), { UserName: '', BundleId: 'bad' }] },
      '3 validation errors detected: ' +
        [
          item('null', 'workspaces.2.member.directoryId', 'Member must not be null'),
          item("''", 'workspaces.2.member.userName', 'Member must have length greater than or equal to 1'),
          item(
            "'bad'",
            'workspaces.2.member.bundleId',
            'Member must satisfy regular expression pattern: ^wsb-[0-9a-z]{8,63}$',
          ),
        ].join('; '),
    );
  });

  it('builds paths through nested structures and lists', () => {
    expectInvalid(
      'CreateWorkspacesRequest',
      {
        Workspaces: [
          workspaceRequest({ WorkspaceProperties: { Protocols: ['RDP'] }, Tags: [{ Key: 'team' }, { Value: 'x' }] }),
        ],
      },
      '2 validation errors detected: ' +
        [
          item(
            "'[RDP]'",
            'workspaces.1.member.workspaceProperties.protocols',
            'Member must satisfy constraint: [Member must satisfy enum value set: [PCOIP, WSP]]',
          ),
          item('null', 'workspaces.1.member.tags.2.member.key', 'Member must not be null'),
        ].join('; '),
    );
  });

  it('checks a list inside a structure inside a list', () => {
    expectInvalid(
      'DescribeWorkspaceDirectoriesRequest',
      { Filters: [{ Name: 'COLOUR', Values: [] }] },
      '2 validation errors detected: ' +
        [
          item(
            "'COLOUR'",
            'filters.1.member.name',
            'Member must satisfy enum value set: [USER_IDENTITY_TYPE, WORKSPACE_TYPE]',
          ),
          item("'[]'", 'filters.1.member.values', 'Member must have length greater than or equal to 1'),
        ].join('; '),
    );
  });

  it('reports a null element in a list of structures at its element path', () => {
    expectInvalid(
      'CreateWorkspacesRequest',
      { Workspaces: [workspaceRequest(), null] },
      oneError('null', 'workspaces.2.member', 'Member must not be null'),
    );
  });

  it('stops at ten violations', () => {
    const workspaces = Array.from({ length: 25 }, () => ({}));
    const expected: string[] = [];
    for (let index = 1; expected.length < 10; index++) {
      for (const member of ['directoryId', 'userName', 'bundleId']) {
        expected.push(item('null', `workspaces.${index}.member.${member}`, 'Member must not be null'));
      }
    }
    expectInvalid(
      'CreateWorkspacesRequest',
      { Workspaces: workspaces },
      `10 validation errors detected: ${expected.slice(0, 10).join('; ')}`,
    );
  });
});

describe('validateInput constraints on maps', () => {
  it('reports broken map keys once on the map, listing the key constraints', () => {
    expectInvalid(
      'ImportClientBrandingRequest',
      branding({ LoginMessage: { en_US: 'hi', english: 'hello' } }),
      oneError(
        "'{en_US=hi, english=hello}'",
        'deviceTypeWindows.loginMessage',
        'Map keys must satisfy constraint: [Member must have length less than or equal to 5, Member must have length greater than or equal to 5, Member must satisfy regular expression pattern: ^[a-z]{2}_[A-Z]{2}$]',
      ),
    );
  });

  it('reports broken map values once on the map, listing the value constraints', () => {
    expectInvalid(
      'ImportClientBrandingRequest',
      branding({ LoginMessage: { en_US: 'two\nlines' } }),
      oneError(
        "'{en_US=two\nlines}'",
        'deviceTypeWindows.loginMessage',
        'Map value must satisfy constraint: [Member must have length less than or equal to 2000, Member must have length greater than or equal to 0, Member must satisfy regular expression pattern: ^.*$]',
      ),
    );
  });

  it('reports a null map value as a null member', () => {
    expectInvalid(
      'ImportClientBrandingRequest',
      branding({ LoginMessage: { en_US: null } }),
      oneError(
        "'{en_US=null}'",
        'deviceTypeWindows.loginMessage',
        'Map value must satisfy constraint: [Member must not be null]',
      ),
    );
  });

  it('accepts a well-formed map and keeps it in the output', () => {
    const result = validateInput('ImportClientBrandingRequest', branding({ LoginMessage: { en_US: 'Welcome' } }));
    expect(result.DeviceTypeWindows).toEqual({ LoginMessage: { en_US: 'Welcome' } });
  });
});

describe('validateInput unions', () => {
  it('accepts a union with exactly one member set, ignoring null members', () => {
    expect(() =>
      validateInput(
        'ImportCustomWorkspaceImageRequest',
        customImage({ Ec2ImageId: 'ami-12345678', Ec2ImportTaskId: null }),
      ),
    ).not.toThrow();
  });

  it('rejects a union with no member set', () => {
    expectInvalid(
      'ImportCustomWorkspaceImageRequest',
      customImage({}),
      oneError("'{}'", 'imageSource', 'Union must have exactly one member set'),
    );
  });

  it('rejects a union with two members set, showing them in model order', () => {
    expectInvalid(
      'ImportCustomWorkspaceImageRequest',
      customImage({ Ec2ImageId: 'ami-12345678', Ec2ImportTaskId: 'import-ami-12345678' }),
      oneError(
        "'{Ec2ImportTaskId=import-ami-12345678, Ec2ImageId=ami-12345678}'",
        'imageSource',
        'Union must have exactly one member set',
      ),
    );
  });

  it('checks the constraints of the member that is set', () => {
    expectInvalid(
      'ImportCustomWorkspaceImageRequest',
      customImage({ Ec2ImageId: 'ami-1' }),
      oneError(
        "'ami-1'",
        'imageSource.ec2ImageId',
        'Member must satisfy regular expression pattern: ^ami\\-([a-f0-9]{8}|[a-f0-9]{17})$',
      ),
    );
  });
});
