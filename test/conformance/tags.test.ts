// Tags through the SDK: every taggable kind found by its id prefix, the limits, and isolation between callers.
import {
  CreateIpGroupCommand,
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeTagsCommand,
  RegisterWorkspaceDirectoryCommand,
  type Tag,
  type WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ResourceKind } from '../../src/store/types.js';
import { ACCOUNT_A, ACCOUNT_B, useEmulator } from '../helpers/emulator.js';

const t = useEmulator();

beforeEach(() => t.emulator.reset());

const DIRECTORY = 'd-0000000001';

async function registerDirectory(client: WorkSpacesClient = t.client()) {
  await client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: DIRECTORY }));
}

/** Writes a document of another family straight into the store, as that family would have. */
function seed(kind: ResourceKind, id: string, doc: object = {}) {
  t.emulator.app.store.collection(kind).put({ account: ACCOUNT_A, region: 'us-east-1' }, id, doc);
}

const createTags = (ResourceId: string, Tags: Tag[], client = t.client()) =>
  client.send(new CreateTagsCommand({ ResourceId, Tags }));

const describeTags = async (ResourceId: string, client = t.client()) =>
  (await client.send(new DescribeTagsCommand({ ResourceId }))).TagList;

const manyTags = (count: number, prefix = 'k') =>
  Array.from({ length: count }, (_, i) => ({ Key: `${prefix}${i}`, Value: `v${i}` }));

describe('CreateTags', () => {
  it('tags a registered directory and DescribeTags reads the tags back', async () => {
    await registerDirectory();
    const out = await createTags(DIRECTORY, [
      { Key: 'team', Value: 'blue' },
      { Key: 'cost-center', Value: '' },
      { Key: 'flag' },
    ]);
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(await describeTags(DIRECTORY)).toEqual([
      { Key: 'cost-center', Value: '' },
      { Key: 'flag' },
      { Key: 'team', Value: 'blue' },
    ]);
  });

  it('overwrites the value of a key that exists', async () => {
    await registerDirectory();
    await createTags(DIRECTORY, [{ Key: 'team', Value: 'blue' }]);
    await createTags(DIRECTORY, [{ Key: 'team', Value: 'red' }]);
    expect(await describeTags(DIRECTORY)).toEqual([{ Key: 'team', Value: 'red' }]);
  });

  it.each<[string, ResourceKind, string]>([
    ['WorkSpace', 'workspace', 'ws-abcdefgh1'],
    ['image', 'image', 'wsi-abcdefgh1'],
    ['custom bundle', 'bundle', 'wsb-abcdefgh1'],
    ['IP access control group', 'ipgroup', 'wsipg-abcdefgh1'],
    ['connection alias', 'connectionalias', 'wsca-abcdefgh1'],
    ['WorkSpaces pool', 'pool', 'wspool-abcdefgh1'],
    ['WorkSpaces-created directory', 'directory', 'wsd-abcdefgh1'],
  ])('tags a %s found by its id prefix', async (_, kind, id) => {
    seed(kind, id, { State: 'AVAILABLE' });
    await createTags(id, [{ Key: 'owner', Value: 'ops' }]);
    expect(await describeTags(id)).toEqual([{ Key: 'owner', Value: 'ops' }]);
  });

  it('reports a resource that does not exist', async () => {
    await expect(createTags('ws-abcdefgh1', [{ Key: 'a', Value: 'b' }])).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message:
        'The WorkSpace ws-abcdefgh1 cannot be found. Confirm that it exists in your AWS account and Region, and try again.',
      ResourceId: 'ws-abcdefgh1',
    });
  });

  it('reports an id of a kind that cannot be tagged', async () => {
    await expect(createTags('wsa-khw7gclz4', [{ Key: 'a', Value: 'b' }])).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceId: 'wsa-khw7gclz4',
    });
  });

  it('does not find a TERMINATED WorkSpace', async () => {
    seed('workspace', 'ws-abcdefgh1', { State: 'TERMINATED' });
    await expect(createTags('ws-abcdefgh1', [{ Key: 'a', Value: 'b' }])).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('does not find an AMAZON public bundle, which belongs to no caller', async () => {
    await expect(createTags('wsb-bh8rsxt14', [{ Key: 'a', Value: 'b' }])).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('rejects keys with the reserved aws: prefix in any case', async () => {
    await registerDirectory();
    for (const Key of ['aws:owner', 'AWS:workspaces:x']) {
      await expect(createTags(DIRECTORY, [{ Key, Value: 'x' }])).rejects.toMatchObject({
        name: 'InvalidParameterValuesException',
        message: `The tag key '${Key}' uses the reserved prefix 'aws:'. Choose another key, and try again.`,
      });
    }
  });

  it('rejects values with the reserved aws: prefix in any case, on CreateTags and on create calls', async () => {
    await registerDirectory();
    for (const Value of ['aws:owner', 'Aws:x']) {
      await expect(createTags(DIRECTORY, [{ Key: 'team', Value }])).rejects.toMatchObject({
        name: 'InvalidParameterValuesException',
        message: "The value of tag 'team' uses the reserved prefix 'aws:'. Choose another value, and try again.",
      });
    }
    await expect(
      t.client().send(new CreateIpGroupCommand({ GroupName: 'g', Tags: [{ Key: 'team', Value: 'AWS:reserved' }] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValuesException' });
    expect(await describeTags(DIRECTORY)).toEqual([]);
    await createTags(DIRECTORY, [{ Key: 'team', Value: 'not aws: at the start' }]);
    expect(await describeTags(DIRECTORY)).toEqual([{ Key: 'team', Value: 'not aws: at the start' }]);
  });

  it('takes keys of 1 to 127 characters and values of up to 255, as the model says', async () => {
    await registerDirectory();
    for (const tag of [
      { Key: '', Value: 'x' },
      { Key: 'k'.repeat(128), Value: 'x' },
      { Key: 'team', Value: 'v'.repeat(256) },
    ]) {
      await expect(createTags(DIRECTORY, [tag])).rejects.toMatchObject({ name: 'ValidationException' });
    }
    await createTags(DIRECTORY, [
      { Key: 'k'.repeat(127), Value: 'v'.repeat(255) },
      { Key: 'empty', Value: '' },
    ]);
    expect(await describeTags(DIRECTORY)).toHaveLength(2);
  });

  it('rejects characters outside letters, digits, spaces and + - = . _ : / @', async () => {
    await registerDirectory();
    await expect(createTags(DIRECTORY, [{ Key: 'team#1', Value: 'x' }])).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
    });
    await expect(createTags(DIRECTORY, [{ Key: 'team', Value: 'a*b' }])).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
    });
    await createTags(DIRECTORY, [{ Key: 'Équipe 1/a+b=c.d_e:f@g-h', Value: 'Zürich 2' }]);
  });

  it('rejects the same key twice in one request and writes nothing', async () => {
    await registerDirectory();
    await expect(
      createTags(DIRECTORY, [
        { Key: 'team', Value: 'a' },
        { Key: 'team', Value: 'b' },
      ]),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: "The tag key 'team' appears more than once in the request.",
    });
    expect(await describeTags(DIRECTORY)).toEqual([]);
  });

  it('refuses a 51st tag but lets existing keys be overwritten at the limit', async () => {
    await registerDirectory();
    await createTags(DIRECTORY, manyTags(50));
    await expect(createTags(DIRECTORY, [{ Key: 'one-more', Value: 'x' }])).rejects.toMatchObject({
      name: 'ResourceLimitExceededException',
      message: `The resource ${DIRECTORY} would have 51 tags; a resource can have at most 50 tags.`,
    });
    await createTags(DIRECTORY, [{ Key: 'k0', Value: 'changed' }]);
    expect(await describeTags(DIRECTORY)).toHaveLength(50);
  });
});

describe('DeleteTags', () => {
  it('removes the named keys and ignores keys the resource does not have', async () => {
    await registerDirectory();
    await createTags(DIRECTORY, [
      { Key: 'team', Value: 'blue' },
      { Key: 'env', Value: 'test' },
    ]);
    const out = await t.client().send(new DeleteTagsCommand({ ResourceId: DIRECTORY, TagKeys: ['team', 'missing'] }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(await describeTags(DIRECTORY)).toEqual([{ Key: 'env', Value: 'test' }]);
  });

  it('refuses to delete keys with the reserved aws: prefix', async () => {
    await registerDirectory();
    await expect(
      t.client().send(new DeleteTagsCommand({ ResourceId: DIRECTORY, TagKeys: ['aws:cloudformation:stack-name'] })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValuesException',
      message: "The tag key 'aws:cloudformation:stack-name' uses the reserved prefix 'aws:' and cannot be deleted.",
    });
  });

  it('reports a resource that does not exist', async () => {
    await expect(
      t.client().send(new DeleteTagsCommand({ ResourceId: 'wsi-abcdefgh1', TagKeys: ['team'] })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', ResourceId: 'wsi-abcdefgh1' });
  });
});

describe('DescribeTags', () => {
  it('answers an empty TagList for a resource without tags', async () => {
    await registerDirectory();
    expect(await describeTags(DIRECTORY)).toEqual([]);
  });

  it('reports a resource that does not exist', async () => {
    await expect(describeTags(DIRECTORY)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `The directory ${DIRECTORY} cannot be found. Confirm that it exists in your AWS account and Region, and try again.`,
      ResourceId: DIRECTORY,
    });
  });
});

describe('isolation', () => {
  it("does not let another account or Region see or tag the caller's resource", async () => {
    await registerDirectory(t.client(ACCOUNT_A));
    await createTags(DIRECTORY, [{ Key: 'team', Value: 'blue' }]);
    for (const other of [t.client(ACCOUNT_B), t.client(ACCOUNT_A, 'eu-west-1')]) {
      await expect(describeTags(DIRECTORY, other)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      await expect(createTags(DIRECTORY, [{ Key: 'x', Value: 'y' }], other)).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
      });
    }
  });

  it('keeps the tags of the same directory id apart in two accounts', async () => {
    await registerDirectory(t.client(ACCOUNT_A));
    await registerDirectory(t.client(ACCOUNT_B));
    await createTags(DIRECTORY, [{ Key: 'owner', Value: 'a' }], t.client(ACCOUNT_A));
    await createTags(DIRECTORY, [{ Key: 'owner', Value: 'b' }], t.client(ACCOUNT_B));
    expect(await describeTags(DIRECTORY, t.client(ACCOUNT_A))).toEqual([{ Key: 'owner', Value: 'a' }]);
    expect(await describeTags(DIRECTORY, t.client(ACCOUNT_B))).toEqual([{ Key: 'owner', Value: 'b' }]);
  });
});
