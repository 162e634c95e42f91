// Client customization through the SDK: a directory's client branding per device type and its Amazon Connect client
// add-in, each tied to one registration of the directory and isolated per account and Region.
import {
  CreateConnectClientAddInCommand,
  DeleteClientBrandingCommand,
  DeleteConnectClientAddInCommand,
  DeregisterWorkspaceDirectoryCommand,
  DescribeClientBrandingCommand,
  DescribeConnectClientAddInsCommand,
  type DescribeConnectClientAddInsCommandInput,
  ImportClientBrandingCommand,
  type ImportClientBrandingCommandInput,
  UpdateConnectClientAddInCommand,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { beforeEach, describe, expect, it } from 'vitest';
import { durations } from '../../src/domain/durations.js';
import { ACCOUNT_B, useEmulator } from '../helpers/emulator.js';
import { seconds, world } from '../helpers/world.js';

const t = useEmulator();
const w = world(t);

beforeEach(() => t.emulator.reset());

const DIRECTORY = 'd-0000000001';
const OTHER_DIRECTORY = 'd-0000000002';
const OTHER_REGION = 'eu-west-1';
const CONNECT_URL = 'https://example.my.connect.aws/ccp-v2';

/** Bytes that start like a PNG file, which is all the emulator looks at. */
const png = (size = 64, fill = 1) => {
  const bytes = new Uint8Array(size).fill(fill);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return bytes;
};

const notFoundMessage = (what: string, id: string) =>
  `The ${what} ${id} cannot be found. Confirm that it exists in your AWS account and Region, and try again.`;

const importBranding = (
  input: Omit<ImportClientBrandingCommandInput, 'ResourceId'>,
  client = t.client(),
  id = DIRECTORY,
) => client.send(new ImportClientBrandingCommand({ ResourceId: id, ...input }));

const describeBranding = (client: WorkSpacesClient = t.client(), id = DIRECTORY) =>
  client.send(new DescribeClientBrandingCommand({ ResourceId: id }));

const createAddIn = async (name: string, client = t.client(), id = DIRECTORY, url = CONNECT_URL) =>
  (await client.send(new CreateConnectClientAddInCommand({ ResourceId: id, Name: name, URL: url }))).AddInId ?? '';

const describeAddIns = (input: Partial<DescribeConnectClientAddInsCommandInput> = {}, client = t.client()) =>
  client.send(new DescribeConnectClientAddInsCommand({ ResourceId: DIRECTORY, ...input }));

/** Deregisters the directory, lets it go, and registers the same id again. */
async function registerAgain(client: WorkSpacesClient = t.client()) {
  await client.send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: DIRECTORY }));
  t.emulator.clock.advance(seconds(durations.directoryDeregister));
  await w.registerDirectory(client, DIRECTORY);
}

describe('ImportClientBranding', () => {
  beforeEach(() => w.registerDirectory(t.client(), DIRECTORY));

  it('stores the branding of each device type and answers with logo URLs', async () => {
    const out = await importBranding({
      DeviceTypeWindows: {
        Logo: png(),
        SupportEmail: 'help@example.com',
        ForgotPasswordLink: 'https://example.com/reset',
        LoginMessage: { en_US: '<b>Welcome</b>' },
      },
      DeviceTypeIos: {
        Logo: png(32, 1),
        Logo2x: png(32, 2),
        Logo3x: png(32, 3),
        SupportLink: 'https://example.com/help',
      },
    });
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.DeviceTypeWindows).toEqual({
      LogoUrl: expect.stringMatching(
        new RegExp(`^https://\\S+/${DIRECTORY}/DeviceTypeWindows/logo-[0-9a-f]{16}\\.png$`),
      ),
      SupportEmail: 'help@example.com',
      ForgotPasswordLink: 'https://example.com/reset',
      LoginMessage: { en_US: '<b>Welcome</b>' },
    });
    const ios = out.DeviceTypeIos ?? {};
    expect(new Set([ios.LogoUrl, ios.Logo2xUrl, ios.Logo3xUrl]).size).toBe(3);
    expect(ios.SupportLink).toBe('https://example.com/help');

    const described = await describeBranding();
    expect(described.DeviceTypeWindows).toEqual(out.DeviceTypeWindows);
    expect(described.DeviceTypeIos).toEqual(out.DeviceTypeIos);
    expect(described.DeviceTypeOsx).toBeUndefined();
    expect(described.DeviceTypeWeb).toBeUndefined();
  });

  it('replaces a device type as a whole and leaves the others', async () => {
    await importBranding({
      DeviceTypeWindows: { Logo: png(), SupportEmail: 'help@example.com' },
      DeviceTypeLinux: { SupportEmail: 'linux@example.com' },
    });
    await importBranding({ DeviceTypeWindows: { SupportLink: 'https://example.com/help' } });
    const described = await describeBranding();
    expect(described.DeviceTypeWindows).toEqual({ SupportLink: 'https://example.com/help' });
    expect(described.DeviceTypeLinux).toEqual({ SupportEmail: 'linux@example.com' });
  });

  it('gives a new logo a new URL and the same logo the same URL', async () => {
    const logoUrl = async (logo: Uint8Array) =>
      (await importBranding({ DeviceTypeWeb: { Logo: logo } })).DeviceTypeWeb?.LogoUrl;
    const first = await logoUrl(png(64, 1));
    expect(await logoUrl(png(64, 1))).toBe(first);
    expect(await logoUrl(png(64, 2))).not.toBe(first);
  });

  it('needs at least one device type', async () => {
    await expect(importBranding({})).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'You must specify at least one platform type when importing client branding.',
    });
  });

  it('refuses SupportEmail and SupportLink on the same device type', async () => {
    await expect(
      importBranding({
        DeviceTypeOsx: { SupportEmail: 'help@example.com', SupportLink: 'https://example.com/help' },
      }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message:
        'In each platform type, the SupportEmail and SupportLink parameters are mutually exclusive. Specify only one of them for DeviceTypeOsx.',
    });
  });

  it('refuses a login message in a locale other than en_US', async () => {
    await expect(importBranding({ DeviceTypeAndroid: { LoginMessage: { fr_FR: 'Bonjour' } } })).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'The only LoginMessage locale supported is en_US; DeviceTypeAndroid has fr_FR.',
    });
  });

  it('refuses a logo that is not a PNG image', async () => {
    await expect(
      importBranding({ DeviceTypeWindows: { Logo: new TextEncoder().encode('GIF89a...') } }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'The only image format accepted for a logo is PNG; a logo of DeviceTypeWindows is not a PNG image.',
    });
    expect(await describeBranding()).not.toHaveProperty('DeviceTypeWindows');
  });

  it('refuses more than 6 MB of logos in one request', async () => {
    const logo = png(1_300_000);
    await expect(
      importBranding({
        DeviceTypeWindows: { Logo: logo },
        DeviceTypeOsx: { Logo: logo },
        DeviceTypeAndroid: { Logo: logo },
        DeviceTypeLinux: { Logo: logo },
        DeviceTypeWeb: { Logo: logo },
      }),
    ).rejects.toMatchObject({
      name: 'ResourceLimitExceededException',
      message:
        'You can import up to 6 MB of data with each request. Import client branding for different platform types using separate requests.',
    });
  });

  it('refuses a logo above the model size through validation', async () => {
    await expect(importBranding({ DeviceTypeWindows: { Logo: png(1_500_001) } })).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('reports a directory that is not registered', async () => {
    await expect(
      importBranding({ DeviceTypeWeb: { SupportEmail: 'help@example.com' } }, t.client(), OTHER_DIRECTORY),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: notFoundMessage('directory', OTHER_DIRECTORY),
      ResourceId: OTHER_DIRECTORY,
    });
  });
});

describe('DescribeClientBranding', () => {
  it('answers no device types for a directory without branding', async () => {
    await w.registerDirectory(t.client(), DIRECTORY);
    const out = await describeBranding();
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(Object.keys(out).filter((key) => key !== '$metadata')).toEqual([]);
  });

  it('reports a directory that is not registered', async () => {
    await expect(describeBranding()).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: notFoundMessage('directory', DIRECTORY),
    });
  });

  it('keeps branding to its account, Region and directory registration', async () => {
    await w.registerDirectory(t.client(), DIRECTORY);
    await importBranding({ DeviceTypeWeb: { SupportEmail: 'help@example.com' } });

    await w.registerDirectory(t.client(ACCOUNT_B), DIRECTORY);
    expect((await describeBranding(t.client(ACCOUNT_B))).DeviceTypeWeb).toBeUndefined();
    await expect(describeBranding(t.client(undefined, OTHER_REGION))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });

    await registerAgain();
    expect((await describeBranding()).DeviceTypeWeb).toBeUndefined();
  });
});

describe('DeleteClientBranding', () => {
  beforeEach(() => w.registerDirectory(t.client(), DIRECTORY));

  const deleteBranding = (Platforms: ('DeviceTypeWindows' | 'DeviceTypeWeb' | 'DeviceTypeIos')[], id = DIRECTORY) =>
    t.client().send(new DeleteClientBrandingCommand({ ResourceId: id, Platforms }));

  it('deletes the listed device types and keeps the others', async () => {
    await importBranding({
      DeviceTypeWindows: { SupportEmail: 'help@example.com' },
      DeviceTypeWeb: { SupportEmail: 'web@example.com' },
    });
    const out = await deleteBranding(['DeviceTypeWindows', 'DeviceTypeIos']);
    expect(out.$metadata.httpStatusCode).toBe(200);
    const described = await describeBranding();
    expect(described.DeviceTypeWindows).toBeUndefined();
    expect(described.DeviceTypeWeb).toEqual({ SupportEmail: 'web@example.com' });

    await deleteBranding(['DeviceTypeWeb']);
    expect((await describeBranding()).DeviceTypeWeb).toBeUndefined();
  });

  it('reports a directory that is not registered', async () => {
    await expect(deleteBranding(['DeviceTypeWeb'], OTHER_DIRECTORY)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: notFoundMessage('directory', OTHER_DIRECTORY),
    });
  });

  it('needs at least one platform through the model', async () => {
    await expect(deleteBranding([])).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('CreateConnectClientAddIn', () => {
  beforeEach(() => w.registerDirectory(t.client(), DIRECTORY));

  it('creates an add-in with a UUID that DescribeConnectClientAddIns lists', async () => {
    const addInId = await createAddIn('Connect');
    expect(addInId).toMatch(/^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/);
    expect((await describeAddIns()).AddIns).toEqual([
      { AddInId: addInId, ResourceId: DIRECTORY, Name: 'Connect', URL: CONNECT_URL },
    ]);
  });

  it('allows only one add-in per directory, whatever its name', async () => {
    const addInId = await createAddIn('Connect');
    for (const name of ['Connect', 'Other']) {
      await expect(createAddIn(name)).rejects.toMatchObject({
        name: 'ResourceAlreadyExistsException',
        message: `You can create only one Amazon Connect client add-in within a directory; ${DIRECTORY} already has ${addInId}.`,
      });
    }
  });

  it('gives each directory its own add-in', async () => {
    await w.registerDirectory(t.client(), OTHER_DIRECTORY);
    await createAddIn('Connect');
    const other = await createAddIn('Connect', t.client(), OTHER_DIRECTORY);
    expect(
      (await t.client().send(new DescribeConnectClientAddInsCommand({ ResourceId: OTHER_DIRECTORY }))).AddIns,
    ).toEqual([{ AddInId: other, ResourceId: OTHER_DIRECTORY, Name: 'Connect', URL: CONNECT_URL }]);
  });

  it('reports a directory that is not registered', async () => {
    await expect(createAddIn('Connect', t.client(), OTHER_DIRECTORY)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: notFoundMessage('directory', OTHER_DIRECTORY),
    });
  });

  it('rejects a URL that is not http(s) through the model', async () => {
    await expect(createAddIn('Connect', t.client(), DIRECTORY, 'ftp://example.com')).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });
});

describe('DescribeConnectClientAddIns', () => {
  beforeEach(() => w.registerDirectory(t.client(), DIRECTORY));

  it('lists nothing for a directory without an add-in', async () => {
    const out = await describeAddIns();
    expect(out.AddIns).toEqual([]);
    expect(out.NextToken).toBeUndefined();
  });

  it('answers one page with no NextToken when MaxResults covers the add-ins', async () => {
    await createAddIn('Connect');
    const out = await describeAddIns({ MaxResults: 1 });
    expect(out.AddIns).toHaveLength(1);
    expect(out.NextToken).toBeUndefined();
  });

  it('rejects a NextToken it did not issue', async () => {
    await expect(describeAddIns({ NextToken: 'not-a-token' })).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: 'The NextToken is invalid or has expired. Start again without a NextToken.',
    });
  });

  it('reports a directory that is not registered', async () => {
    await expect(describeAddIns({ ResourceId: OTHER_DIRECTORY })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('keeps add-ins to their account, Region and directory registration', async () => {
    await createAddIn('Connect');
    await w.registerDirectory(t.client(ACCOUNT_B), DIRECTORY);
    await w.registerDirectory(t.client(undefined, OTHER_REGION), DIRECTORY);
    expect((await describeAddIns({}, t.client(ACCOUNT_B))).AddIns).toEqual([]);
    expect((await describeAddIns({}, t.client(undefined, OTHER_REGION))).AddIns).toEqual([]);

    await registerAgain();
    expect((await describeAddIns()).AddIns).toEqual([]);
    await createAddIn('Connect');
  });
});

describe('UpdateConnectClientAddIn', () => {
  beforeEach(() => w.registerDirectory(t.client(), DIRECTORY));

  const update = (input: { AddInId: string; ResourceId?: string; Name?: string; URL?: string }) =>
    t.client().send(new UpdateConnectClientAddInCommand({ ResourceId: DIRECTORY, ...input }));

  it('changes the name and the URL, each only when given', async () => {
    const addInId = await createAddIn('Connect');
    await update({ AddInId: addInId, Name: 'Contact center' });
    expect((await describeAddIns()).AddIns?.[0]).toMatchObject({ Name: 'Contact center', URL: CONNECT_URL });
    const out = await update({ AddInId: addInId, URL: 'https://other.my.connect.aws/ccp-v2' });
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect((await describeAddIns()).AddIns?.[0]).toMatchObject({
      Name: 'Contact center',
      URL: 'https://other.my.connect.aws/ccp-v2',
    });
  });

  it('reports an add-in that does not exist or belongs to another directory', async () => {
    await w.registerDirectory(t.client(), OTHER_DIRECTORY);
    const addInId = await createAddIn('Connect');
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expect(update({ AddInId: unknown, Name: 'x' })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: notFoundMessage('client add-in', unknown),
      ResourceId: unknown,
    });
    await expect(update({ AddInId: addInId, ResourceId: OTHER_DIRECTORY, Name: 'x' })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: notFoundMessage('client add-in', addInId),
    });
  });

  it('reports a directory that is not registered', async () => {
    const addInId = await createAddIn('Connect');
    await expect(update({ AddInId: addInId, ResourceId: 'd-00000000ff', Name: 'x' })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: notFoundMessage('directory', 'd-00000000ff'),
    });
  });
});

describe('DeleteConnectClientAddIn', () => {
  beforeEach(() => w.registerDirectory(t.client(), DIRECTORY));

  const remove = (AddInId: string, client = t.client()) =>
    client.send(new DeleteConnectClientAddInCommand({ ResourceId: DIRECTORY, AddInId }));

  it('deletes the add-in, which makes room for a new one', async () => {
    const addInId = await createAddIn('Connect');
    const out = await remove(addInId);
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect((await describeAddIns()).AddIns).toEqual([]);
    await expect(remove(addInId)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await createAddIn('Connect')).not.toBe(addInId);
  });

  it('cannot delete the add-in of another account', async () => {
    const addInId = await createAddIn('Connect');
    await w.registerDirectory(t.client(ACCOUNT_B), DIRECTORY);
    await expect(remove(addInId, t.client(ACCOUNT_B))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: notFoundMessage('client add-in', addInId),
    });
    expect((await describeAddIns()).AddIns).toHaveLength(1);
  });
});
