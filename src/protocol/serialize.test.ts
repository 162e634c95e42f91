import { describe, expect, it } from 'vitest';
import { serializeOutput } from './serialize.js';

describe('serializeOutput', () => {
  it('writes timestamps as epoch seconds and omits absent members', () => {
    const out = serializeOutput('DescribeImageAssociationsResult', {
      Associations: [
        {
          AssociatedResourceId: 'wsa-hvh179sq6',
          AssociatedResourceType: 'APPLICATION',
          Created: new Date(1_700_000_000_123),
          LastUpdatedTime: new Date(1_700_000_005_000),
          ImageId: 'wsi-abcdefghi',
          State: 'COMPLETED',
          StateReason: undefined,
        },
      ],
    });
    expect(out).toBe(
      '{"Associations":[{"AssociatedResourceId":"wsa-hvh179sq6","AssociatedResourceType":"APPLICATION","Created":1700000000.123,"LastUpdatedTime":1700000005,"ImageId":"wsi-abcdefghi","State":"COMPLETED"}]}',
    );
  });

  it('never lets a field the shape does not name reach the wire', () => {
    const out = JSON.parse(
      serializeOutput('DescribeWorkspacesResult', {
        Workspaces: [{ WorkspaceId: 'ws-abcdefghi', State: 'AVAILABLE', CreatedAt: 1, ResumeState: 'STOPPED' }],
        Secret: 'x',
      }),
    );
    expect(out).toEqual({ Workspaces: [{ WorkspaceId: 'ws-abcdefghi', State: 'AVAILABLE' }] });
  });

  it('drops values of the wrong type and null list items', () => {
    const out = JSON.parse(
      serializeOutput('DescribeWorkspacesResult', {
        Workspaces: [null, { WorkspaceId: 42, UserVolumeEncryptionEnabled: 'yes', State: 'PENDING' }],
      }),
    );
    expect(out).toEqual({ Workspaces: [{ State: 'PENDING' }] });
  });

  it('keeps a map key named __proto__ as an ordinary entry', () => {
    const out = serializeOutput('DescribeClientBrandingResult', {
      DeviceTypeWindows: { LoginMessage: JSON.parse('{"__proto__": "hello", "en_US": "hi"}') },
    });
    expect(JSON.parse(out).DeviceTypeWindows.LoginMessage).toEqual(JSON.parse('{"__proto__": "hello", "en_US": "hi"}'));
  });

  it('answers {} for an operation without output members', () => {
    expect(serializeOutput('CreateTagsResult', undefined)).toBe('{}');
  });
});
