// The admin API under /_emulator/ over HTTP: every route, what it answers, and what it refuses.
import {
  AssociateWorkspaceApplicationCommand,
  DescribeTagsCommand,
  DescribeWorkspaceAssociationsCommand,
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspacesCommand,
  DisassociateWorkspaceApplicationCommand,
  RegisterWorkspaceDirectoryCommand,
} from '@aws-sdk/client-workspaces';
import { beforeEach, describe, expect, it } from 'vitest';
import { durations } from '../../src/domain/durations.js';
import { type Fixture, startEmulator } from '../../src/index.js';
import { ACCOUNT_A, ACCOUNT_B, useEmulator } from '../helpers/emulator.js';
import { buildWorld, sdkClient, VISIO } from './story.js';

const t = useEmulator();

beforeEach(() => t.emulator.reset());

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${t.endpoint}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text.startsWith('{') ? JSON.parse(text) : text };
}

const advance = (seconds: number) => t.emulator.clock.advance(seconds);

async function register(account: string, region: string, directoryId: string) {
  await t
    .client(account, region)
    .send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: directoryId, SubnetIds: ['subnet-0a1b2c3d'] }));
}

async function directoryIds(account: string, region: string) {
  const out = await t.client(account, region).send(new DescribeWorkspaceDirectoriesCommand({}));
  return (out.Directories ?? []).map((d) => d.DirectoryId);
}

describe('GET /_emulator/health', () => {
  it('reports the version, the uptime and the store', async () => {
    const { status, body } = await call('GET', '/_emulator/health');
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      uptimeSeconds: expect.any(Number),
      store:
        process.env.WORKSPACES_LOCAL_TEST_STORE === 'postgres'
          ? { kind: 'postgres', database: expect.stringMatching(/^postgres:\/\//), schemaVersion: 2 }
          : { kind: 'memory', schemaVersion: 1 },
    });
  });
});

describe('POST /_emulator/reset', () => {
  beforeEach(async () => {
    await register(ACCOUNT_A, 'us-east-1', 'd-1111111111');
    await register(ACCOUNT_A, 'eu-west-1', 'd-2222222222');
    await register(ACCOUNT_B, 'us-east-1', 'd-3333333333');
  });

  it('clears one Region of one account', async () => {
    const { status, body } = await call('POST', '/_emulator/reset', { account: ACCOUNT_A, region: 'eu-west-1' });
    expect({ status, body }).toEqual({ status: 200, body: { reset: { account: ACCOUNT_A, region: 'eu-west-1' } } });
    expect(await directoryIds(ACCOUNT_A, 'eu-west-1')).toEqual([]);
    expect(await directoryIds(ACCOUNT_A, 'us-east-1')).toEqual(['d-1111111111']);
    expect(await directoryIds(ACCOUNT_B, 'us-east-1')).toEqual(['d-3333333333']);
  });

  it('clears every Region of one account', async () => {
    expect((await call('POST', '/_emulator/reset', { account: ACCOUNT_A })).body).toEqual({
      reset: { account: ACCOUNT_A, region: 'all' },
    });
    expect(await directoryIds(ACCOUNT_A, 'us-east-1')).toEqual([]);
    expect(await directoryIds(ACCOUNT_A, 'eu-west-1')).toEqual([]);
    expect(await directoryIds(ACCOUNT_B, 'us-east-1')).toEqual(['d-3333333333']);
  });

  it('clears everything without a body', async () => {
    expect((await call('POST', '/_emulator/reset')).body).toEqual({ reset: 'all' });
    expect(await directoryIds(ACCOUNT_B, 'us-east-1')).toEqual([]);
  });

  it('refuses a Region without an account, or a malformed account, and clears nothing', async () => {
    expect(await call('POST', '/_emulator/reset', { region: 'us-east-1' })).toMatchObject({
      status: 400,
      body: { error: 'region needs account' },
    });
    expect(await call('POST', '/_emulator/reset', { account: '1234' })).toMatchObject({
      status: 400,
      body: { error: 'account must be a 12-digit account id' },
    });
    expect(await call('POST', '/_emulator/reset', '{not json')).toMatchObject({
      status: 400,
      body: { error: 'body is not valid JSON' },
    });
    expect(await directoryIds(ACCOUNT_B, 'us-east-1')).toEqual(['d-3333333333']);
  });
});

describe('POST /moto-api/reset', () => {
  it('clears everything, as moto server mode does', async () => {
    await register(ACCOUNT_A, 'us-east-1', 'd-1111111111');
    const { status } = await call('POST', '/moto-api/reset');
    expect(status).toBe(200);
    expect(await directoryIds(ACCOUNT_A, 'us-east-1')).toEqual([]);
  });
});

describe('/_emulator/clock', () => {
  it('reads the clock and the next pending transition', async () => {
    await register(ACCOUNT_A, 'us-east-1', 'd-1111111111');
    const { status, body } = await call('GET', '/_emulator/clock');
    expect(status).toBe(200);
    expect(body).toEqual({
      mode: 'manual',
      speedFactor: 1,
      now: t.emulator.clock.now().toISOString(),
      nowEpochSeconds: t.emulator.clock.now().getTime() / 1000,
      pendingTransitions: 1,
      nextTransitionAt: new Date(t.emulator.clock.now().getTime() + durations.directoryRegister).toISOString(),
    });
  });

  it('jumps to the next transition and applies it', async () => {
    await register(ACCOUNT_A, 'us-east-1', 'd-1111111111');
    const { body } = await call('POST', '/_emulator/clock', { advanceTo: 'next' });
    expect(body).toMatchObject({ pendingTransitions: 0, nextTransitionAt: null });
    const out = await t.client().send(new DescribeWorkspaceDirectoriesCommand({}));
    expect(out.Directories?.[0]?.State).toBe('REGISTERED');
  });

  it('switches mode and keeps the current instant', async () => {
    const before = t.emulator.clock.now().getTime();
    const { body } = await call('POST', '/_emulator/clock', { mode: 'speed', speedFactor: 10 });
    expect(body).toMatchObject({ mode: 'speed', speedFactor: 10 });
    expect(Date.parse(body.now)).toBeGreaterThanOrEqual(before);
    expect((await call('POST', '/_emulator/clock', { mode: 'manual' })).body).toMatchObject({ mode: 'manual' });
  });

  it('refuses a bad field before moving anything', async () => {
    const before = (await call('GET', '/_emulator/clock')).body;
    expect(await call('POST', '/_emulator/clock', { mode: 'instant', advanceSeconds: -1 })).toMatchObject({
      status: 400,
      body: { error: 'advanceSeconds must be a number of seconds from 0 to 3153600000 (100 years)' },
    });
    expect(await call('POST', '/_emulator/clock', { advance: 5 })).toMatchObject({
      status: 400,
      body: { error: 'unknown field(s): advance' },
    });
    expect((await call('GET', '/_emulator/clock')).body).toEqual(before);
  });
});

describe('/_emulator/faults', () => {
  it('adds, lists and clears faults', async () => {
    const added = await call('POST', '/_emulator/faults', {
      errorCode: 'DeploymentError.InternalServerError',
      count: 1,
    });
    expect(added.status).toBe(200);
    expect((await call('GET', '/_emulator/faults')).body).toEqual({ faults: [added.body.fault] });
    expect((await call('DELETE', '/_emulator/faults')).body).toEqual({ cleared: 1 });
    expect((await call('GET', '/_emulator/faults')).body).toEqual({ faults: [] });
  });
});

describe('GET /_emulator/export and POST /_emulator/import', () => {
  it('round-trips the whole state: export, reset, import gives the same world, still moving', async () => {
    const c = t.client();
    const world = await buildWorld(c, advance, true);
    await call('POST', '/_emulator/faults', { errorCode: 'DeploymentError.WorkspaceUnreachable', count: 2 });
    const exported = await call('GET', '/_emulator/export');
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({ format: 'workspaces-local/fixture', version: 1 });

    await call('POST', '/_emulator/reset');
    expect((await call('GET', '/_emulator/export')).body.state).toEqual({
      resources: [],
      associations: [],
      transitions: [],
      tags: [],
      imagePermissions: [],
    });

    const imported = await call('POST', '/_emulator/import', exported.body);
    expect(imported).toMatchObject({ status: 200, body: { imported: { resources: 5, associations: 4, tags: 1 } } });
    expect((await call('GET', '/_emulator/export')).body).toEqual(exported.body);

    const tags = await c.send(new DescribeTagsCommand({ ResourceId: world.workspaceId }));
    expect(tags.TagList).toEqual([{ Key: 'team', Value: 'blue' }]);
    advance((durations.applicationQueued + durations.applicationInstall) / 1000);
    const view = await c.send(
      new DescribeWorkspaceAssociationsCommand({
        WorkspaceId: world.workspaceId,
        AssociatedResourceTypes: ['APPLICATION'],
      }),
    );
    expect(view.Associations?.find((a) => a.AssociatedResourceId === VISIO)?.State).toBe('COMPLETED');
  });

  it('keeps each pending transition as far from "now" as it was at export', async () => {
    await register(ACCOUNT_A, 'us-east-1', 'd-1111111111');
    const fixture = (await call('GET', '/_emulator/export')).body as Fixture;
    await call('POST', '/_emulator/reset');
    advance(3600);
    await call('POST', '/_emulator/import', fixture);
    const clock = (await call('GET', '/_emulator/clock')).body;
    expect(Date.parse(clock.nextTransitionAt) - Date.parse(clock.now)).toBe(durations.directoryRegister);
  });

  it('refuses a malformed fixture with 400, naming each problem by its path, and changes nothing', async () => {
    await register(ACCOUNT_A, 'us-east-1', 'd-1111111111');
    const before = (await call('GET', '/_emulator/export')).body as Fixture;
    const broken = {
      ...before,
      state: {
        ...before.state,
        resources: [
          ...before.state.resources,
          { account: ACCOUNT_B, region: 'us-east-1', kind: 'spaceship', id: 'x', doc: {} },
        ],
        tags: [{ account: '12', region: 'us-east-1', resourceId: 'd-1111111111', key: 'k', Value: 'v' }],
      },
    };
    const { status, body } = await call('POST', '/_emulator/import', broken);
    expect(status).toBe(400);
    expect(body.error).toBe(
      'invalid fixture: ' +
        "state.resources[1].kind must be one of directory, bundle, workspace, image, ipgroup, connectionalias, pool, accountlink, addin, branding, account, dsdirectory, iamrole, customimageimport, fault; got 'spaceship'; " +
        'state.tags[0].Value is not a member (expected account, region, resourceId, key, value); ' +
        'state.tags[0].account must match ^(\\d{12}|emulator)$',
    );
    expect((await call('GET', '/_emulator/export')).body).toEqual(before);
  });

  it('refuses a fixture of another format or version, a repeated row, and a body that is not JSON', async () => {
    const empty = { resources: [], associations: [], transitions: [], tags: [], imagePermissions: [] };
    expect((await call('POST', '/_emulator/import', { format: 'moto', version: 2, state: empty })).body).toEqual({
      error:
        "invalid fixture: format must be 'workspaces-local/fixture'; version must be 1, the version this build reads; got 2",
    });
    const tag = { account: ACCOUNT_A, region: 'us-east-1', resourceId: 'ws-123456789', key: 'k' };
    const twice = { format: 'workspaces-local/fixture', version: 1, state: { ...empty, tags: [tag, tag] } };
    expect((await call('POST', '/_emulator/import', twice)).body).toEqual({
      error: 'invalid fixture: state.tags[1] repeats the tag 111111111111 / us-east-1 / ws-123456789 / k',
    });
    expect(await call('POST', '/_emulator/import', 'nope')).toMatchObject({
      status: 400,
      body: { error: 'body is not valid JSON' },
    });
  });

  it('imports into a running emulator what the SDK then sees in every account', async () => {
    const fixture: Fixture = {
      format: 'workspaces-local/fixture',
      version: 1,
      state: {
        resources: [
          {
            account: ACCOUNT_B,
            region: 'eu-west-1',
            kind: 'directory',
            id: 'd-9999999999',
            doc: { DirectoryId: 'd-9999999999', State: 'REGISTERED', RegisteredAt: 0 },
          },
        ],
        associations: [],
        transitions: [],
        tags: [],
        imagePermissions: [],
      },
    };
    expect((await call('POST', '/_emulator/import', fixture)).status).toBe(200);
    expect(await directoryIds(ACCOUNT_B, 'eu-west-1')).toEqual(['d-9999999999']);
    const workspaces = await t.client(ACCOUNT_B, 'eu-west-1').send(new DescribeWorkspacesCommand({}));
    expect(workspaces.Workspaces).toEqual([]);
  });
});

describe('GET /_emulator/state', () => {
  it('lists the accounts and Regions in use with their counts', async () => {
    await buildWorld(t.client(), advance);
    await register(ACCOUNT_B, 'eu-west-1', 'd-2222222222');
    const { status, body } = await call('GET', '/_emulator/state');
    expect(status).toBe(200);
    expect(body.scopes).toEqual([
      { account: ACCOUNT_A, region: 'us-east-1', directories: 1, workspaces: 1, images: 1, bundles: 1 },
      { account: ACCOUNT_B, region: 'eu-west-1', directories: 1, workspaces: 0, images: 0, bundles: 0 },
    ]);
    expect(body).toMatchObject({ scopesTotal: 2, clock: { mode: 'manual' } });
  });

  it('shows one scope with each association, its state and what comes next', async () => {
    const world = await buildWorld(t.client(), advance, true);
    const { body } = await call('GET', `/_emulator/state/${ACCOUNT_A}/us-east-1`);
    const workspace = body.workspaces.items[0];
    expect(workspace).toMatchObject({ WorkspaceId: world.workspaceId, State: 'UPDATING', UserName: 'alice' });
    const visio = workspace.associations.find((a: { applicationId: string }) => a.applicationId === VISIO);
    const due = new Date(t.emulator.clock.now().getTime() + durations.applicationQueued).toISOString();
    expect(visio).toMatchObject({
      applicationName: 'Microsoft Visio LTSC Professional 2021',
      state: 'PENDING_INSTALL',
      next: [{ at: due, kind: 'applications.startPhase', state: 'INSTALLING' }],
    });
    expect(body.images.items[0]).toMatchObject({ ImageId: world.imageId, State: 'AVAILABLE' });
    expect(body.images.items[0].associations.map((a: { state: string }) => a.state)).toEqual(['COMPLETED']);
    expect(body.bundles.items[0]).toMatchObject({ BundleId: world.bundleId, ImageId: world.imageId });
    expect(body.bundles.items[0].associations.map((a: { state: string }) => a.state)).toEqual(['COMPLETED']);
  });

  it("counts an UPDATING WorkSpace's deployment steps as its pending work", async () => {
    const world = await buildWorld(t.client(), advance, true);
    const { body } = await call('GET', `/_emulator/state/${ACCOUNT_A}/us-east-1`);
    const due = new Date(t.emulator.clock.now().getTime() + durations.applicationQueued).toISOString();
    expect(body.workspaces.items[0]).toMatchObject({
      WorkspaceId: world.workspaceId,
      State: 'UPDATING',
      deploymentSteps: 1,
      nextDeploymentStepAt: due,
    });
    expect(body.images.items[0]).toMatchObject({ deploymentSteps: 0 });
    expect(body.images.items[0].nextDeploymentStepAt).toBeUndefined();
  });

  it('shows both endings of an installation, never a failure before it happens', async () => {
    const fault = { errorCode: 'DeploymentError.WorkspaceUnreachable', applicationId: VISIO };
    expect((await call('POST', '/_emulator/faults', fault)).status).toBe(200);
    const world = await buildWorld(t.client(), advance, true);
    await advance(durations.applicationQueued / 1000);
    const installing = async () => {
      const { body } = await call('GET', `/_emulator/state/${ACCOUNT_A}/us-east-1`);
      const workspace = body.workspaces.items.find((w: { WorkspaceId: string }) => w.WorkspaceId === world.workspaceId);
      return workspace.associations.find((a: { applicationId: string }) => a.applicationId === VISIO);
    };
    // The fault decided at deployment that Visio fails; while it installs, the page does not tell.
    expect(await installing()).toMatchObject({ state: 'INSTALLING', next: [{ state: 'COMPLETED or ERROR' }] });
    await advance(durations.applicationInstall / 1000);
    expect(await installing()).toMatchObject({ state: 'ERROR', errorCode: 'DeploymentError.WorkspaceUnreachable' });
  });

  it('gives each association the history of the states it entered, oldest first', async () => {
    const world = await buildWorld(t.client(), advance, true);
    const deployed = t.emulator.clock.now().getTime();
    await advance((durations.applicationQueued + durations.applicationInstall) / 1000);
    const { body } = await call('GET', `/_emulator/state/${ACCOUNT_A}/us-east-1`);
    const workspace = body.workspaces.items.find((w: { WorkspaceId: string }) => w.WorkspaceId === world.workspaceId);
    const visio = workspace.associations.find((a: { applicationId: string }) => a.applicationId === VISIO);
    const at = (ms: number) => new Date(deployed + ms).toISOString();
    expect(visio).toMatchObject({ state: 'COMPLETED', next: [] });
    expect(visio.history).toEqual([
      { state: 'PENDING_INSTALL_DEPLOYMENT', at: at(0) },
      { state: 'PENDING_INSTALL', at: at(0) },
      { state: 'INSTALLING', at: at(durations.applicationQueued) },
      { state: 'COMPLETED', at: at(durations.applicationQueued + durations.applicationInstall) },
    ]);
  });

  it('starts the history afresh for an application associated again after a disassociation before deployment', async () => {
    const world = await buildWorld(t.client(), advance);
    const associate = () =>
      t
        .client()
        .send(new AssociateWorkspaceApplicationCommand({ WorkspaceId: world.workspaceId, ApplicationId: VISIO }));
    await associate();
    await advance(5);
    await t
      .client()
      .send(new DisassociateWorkspaceApplicationCommand({ WorkspaceId: world.workspaceId, ApplicationId: VISIO }));
    await advance(5);
    await associate();
    const again = t.emulator.clock.now().toISOString();
    const { body } = await call('GET', `/_emulator/state/${ACCOUNT_A}/us-east-1`);
    const workspace = body.workspaces.items.find((w: { WorkspaceId: string }) => w.WorkspaceId === world.workspaceId);
    const visio = workspace.associations.find((a: { applicationId: string }) => a.applicationId === VISIO);
    expect(visio).toMatchObject({ state: 'PENDING_INSTALL_DEPLOYMENT', created: again });
    expect(visio.history).toEqual([{ state: 'PENDING_INSTALL_DEPLOYMENT', at: again }]);
  });

  it('caps each list at 100 items and says how many there are', async () => {
    const directories = Array.from({ length: 105 }, (_, i) => {
      const id = `d-${String(1_000_000_000 + i)}`;
      return {
        account: ACCOUNT_A,
        region: 'us-east-1',
        kind: 'directory',
        id,
        doc: { DirectoryId: id, State: 'REGISTERED' },
      };
    });
    const fixture = {
      format: 'workspaces-local/fixture',
      version: 1,
      state: { resources: directories, associations: [], transitions: [], tags: [], imagePermissions: [] },
    };
    expect((await call('POST', '/_emulator/import', fixture)).status).toBe(200);
    const { body } = await call('GET', `/_emulator/state/${ACCOUNT_A}/us-east-1`);
    expect(body.directories.total).toBe(105);
    expect(body.directories.items).toHaveLength(100);
  });

  it('applies the transitions already due before it answers, so a running clock moves the page', async () => {
    const instant = await startEmulator({ clock: 'instant' });
    try {
      await sdkClient(instant.endpoint).send(
        new RegisterWorkspaceDirectoryCommand({ DirectoryId: 'd-1111111111', SubnetIds: ['subnet-0a1b2c3d'] }),
      );
      const res = await fetch(`${instant.endpoint}/_emulator/state/${ACCOUNT_A}/us-east-1`);
      const body = (await res.json()) as { directories: { items: { State: string }[] } };
      expect(body.directories.items.map((d) => d.State)).toEqual(['REGISTERED']);
    } finally {
      await instant.close();
    }
  });

  it('refuses a scope that is not an account and a Region', async () => {
    expect(await call('GET', '/_emulator/state/alice/us-east-1')).toMatchObject({
      status: 400,
      body: { error: 'use /_emulator/state/{12-digit account}/{region}' },
    });
  });
});

describe('GET /_emulator/ui', () => {
  it('serves one self-contained HTML page that may only talk to the emulator', async () => {
    const res = await fetch(`${t.endpoint}/_emulator/ui`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*connect-src 'self'/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});

describe('admin routing', () => {
  it('answers an unknown route with 404 and a wrong method with 405 and Allow', async () => {
    expect(await call('GET', '/_emulator/nothing')).toMatchObject({
      status: 404,
      body: { error: 'no admin route GET /_emulator/nothing' },
    });
    const wrong = await call('GET', '/_emulator/reset');
    expect(wrong).toMatchObject({ status: 405, body: { error: '/_emulator/reset accepts POST' } });
    expect(wrong.headers.get('allow')).toBe('POST');
  });
});
