// Terraform's AWS provider end to end: apply a configuration using every WorkSpaces resource and data source, see a plan
// report no change, apply an in-place update, plan again, destroy. Needs the terraform command and a filesystem mirror
// of hashicorp/aws 5.100.0 (TERRAFORM_PATH, TF_PROVIDER_MIRROR override where they are looked for); nothing is
// downloaded.
import { execFile } from 'node:child_process';
import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateWorkspaceImageCommand,
  CreateWorkspacesCommand,
  DescribeConnectionAliasesCommand,
  DescribeIpGroupsCommand,
  DescribeTagsCommand,
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspacesCommand,
  RegisterWorkspaceDirectoryCommand,
} from '@aws-sdk/client-workspaces';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { runsIf } from '../helpers/skip.js';

const PROVIDER = 'registry.terraform.io/hashicorp/aws';
const MIRROR = process.env.TF_PROVIDER_MIRROR ?? '/opt/tf-plugins';
const CONFIG = fileURLToPath(new URL('./terraform/main.tf', import.meta.url));
/** Each terraform command starts the provider plugin, seconds on a busy machine. */
const STEP_TIMEOUT = 300_000;

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

const TERRAFORM = process.env.TERRAFORM_PATH ?? onPath('terraform');
const hasMirror = existsSync(join(MIRROR, PROVIDER, '5.100.0'));
const canRun = runsIf(
  TERRAFORM !== undefined && hasMirror,
  TERRAFORM === undefined
    ? 'Terraform interop: no terraform command on PATH (TERRAFORM_PATH names one elsewhere)'
    : `Terraform interop: no hashicorp/aws 5.100.0 under ${MIRROR} (TF_PROVIDER_MIRROR names another mirror)`,
);

// Instant: Terraform polls until resources settle, and each poll sees the end state.
const t = useEmulator({ clock: 'instant' });
let dir: string;
let imageId: string;

interface Run {
  code: number;
  output: string;
}

/** Runs terraform in the working directory with the stage's variables; never asks, never phones home. */
function terraform(args: string[], stage: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    TF_CLI_CONFIG_FILE: join(dir, 'cli.tfrc'),
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
    TF_VAR_endpoint: t.endpoint,
    TF_VAR_image_id: imageId,
    TF_VAR_stage: stage,
  };
  return new Promise((resolve) => {
    execFile(TERRAFORM as string, [...args, '-no-color'], { cwd: dir, env, maxBuffer: 64 << 20 }, (error, out, err) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, output: `${out}${err}` });
    });
  });
}

async function succeed(args: string[], stage: string): Promise<string> {
  const run = await terraform(args, stage);
  if (run.code !== 0) throw new Error(`terraform ${args.join(' ')} exited ${run.code}:\n${run.output}`);
  return run.output;
}

/** `terraform plan -detailed-exitcode`: 0 means the infrastructure matches the configuration, 2 that it does not. */
async function expectNoChange(stage: string): Promise<void> {
  const run = await terraform(['plan', '-detailed-exitcode', '-input=false'], stage);
  expect(run.code, run.output).toBe(0);
}

async function outputs(): Promise<Record<string, string>> {
  const json = JSON.parse(await succeed(['output', '-json'], 'first')) as Record<string, { value: string }>;
  return Object.fromEntries(Object.entries(json).map(([name, o]) => [name, o.value]));
}

async function tagsOf(resourceId: string): Promise<Record<string, string | undefined>> {
  const { TagList = [] } = await t.client().send(new DescribeTagsCommand({ ResourceId: resourceId }));
  return Object.fromEntries(TagList.map((tag) => [tag.Key, tag.Value]));
}

/** An image of the account's own, made through the SDK: the provider has no resource that makes one. */
async function makeImage(): Promise<string> {
  const client = t.client();
  await client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: 'd-9999999999' }));
  const created = await client.send(
    new CreateWorkspacesCommand({
      Workspaces: [{ DirectoryId: 'd-9999999999', UserName: 'builder', BundleId: 'wsb-gk1wpk43z' }],
    }),
  );
  const WorkspaceId = created.PendingRequests?.[0]?.WorkspaceId;
  const image = await client.send(
    new CreateWorkspaceImageCommand({ Name: 'golden', Description: 'Golden', WorkspaceId }),
  );
  return image.ImageId as string;
}

beforeAll(async () => {
  if (!canRun) return;
  dir = mkdtempSync(join(tmpdir(), 'workspaces-local-terraform-'));
  copyFileSync(CONFIG, join(dir, 'main.tf'));
  // The mirror alone: a provider missing from it fails terraform init instead of reaching out for it.
  writeFileSync(
    join(dir, 'cli.tfrc'),
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(MIRROR)}\n    include = ["${PROVIDER}"]\n  }\n}\n`,
  );
  imageId = await makeImage();
  await succeed(['init', '-input=false'], 'first');
}, STEP_TIMEOUT);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.runIf(canRun)('Terraform with the AWS provider', () => {
  it('creates every WorkSpaces resource and reads every data source', { timeout: STEP_TIMEOUT }, async () => {
    await succeed(['apply', '-auto-approve', '-input=false'], 'first');
    const out = await outputs();
    expect(out).toMatchObject({
      bundle_id: 'wsb-gk1wpk43z',
      image_name: 'golden',
      directory_name: 'corp.example.com',
      workspace_state: 'AVAILABLE',
    });

    const client = t.client();
    const { Directories = [] } = await client.send(
      new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: ['d-1234567890'] }),
    );
    expect(Directories[0]).toMatchObject({
      State: 'REGISTERED',
      ipGroupIds: [out.ip_group_id],
      SelfservicePermissions: { SwitchRunningMode: 'DISABLED', RebuildWorkspace: 'ENABLED' },
      WorkspaceAccessProperties: { DeviceTypeLinux: 'DENY', DeviceTypeOsx: 'ALLOW' },
      WorkspaceCreationProperties: { EnableMaintenanceMode: true, UserEnabledAsLocalAdministrator: false },
    });
    const { Workspaces = [] } = await client.send(
      new DescribeWorkspacesCommand({ WorkspaceIds: [out.workspace_id as string] }),
    );
    expect(Workspaces[0]).toMatchObject({
      UserName: 'alice',
      WorkspaceProperties: { RunningMode: 'AUTO_STOP', RunningModeAutoStopTimeoutInMinutes: 60, UserVolumeSizeGib: 50 },
    });
    expect(await tagsOf(out.workspace_id as string)).toEqual({ Team: 'desktops', Stage: 'first' });
    const { Result = [] } = await client.send(new DescribeIpGroupsCommand({ GroupIds: [out.ip_group_id as string] }));
    // The provider keeps rules as a set: their order is its own, and a rule without a description is sent with "".
    expect(Result[0]?.userRules).toHaveLength(2);
    expect(Result[0]?.userRules).toEqual(
      expect.arrayContaining([
        { ipRule: '10.0.0.0/16', ruleDesc: 'Head office' },
        { ipRule: '192.168.1.0/24', ruleDesc: '' },
      ]),
    );
    const { ConnectionAliases = [] } = await client.send(
      new DescribeConnectionAliasesCommand({ AliasIds: [out.alias_id as string] }),
    );
    expect(ConnectionAliases[0]).toMatchObject({ ConnectionString: 'desktops.example.com', State: 'CREATED' });
  });

  it('plans no change right after the apply', { timeout: STEP_TIMEOUT }, async () => {
    await expectNoChange('first');
  });

  it('updates in place and then plans no change', { timeout: 2 * STEP_TIMEOUT }, async () => {
    const before = await outputs();
    const applied = await succeed(['apply', '-auto-approve', '-input=false'], 'second');
    expect(applied).toContain('0 added, 3 changed, 0 destroyed');
    const after = await outputs();
    expect(after.workspace_id).toBe(before.workspace_id);
    expect(after.ip_group_id).toBe(before.ip_group_id);

    const client = t.client();
    const { Directories = [] } = await client.send(
      new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: ['d-1234567890'] }),
    );
    expect(Directories[0]?.SelfservicePermissions?.SwitchRunningMode).toBe('ENABLED');
    expect(await tagsOf(after.workspace_id as string)).toEqual({ Team: 'desktops', Stage: 'second' });
    const { Result = [] } = await client.send(new DescribeIpGroupsCommand({ GroupIds: [after.ip_group_id as string] }));
    expect(Result[0]?.userRules?.map((r) => r.ipRule).sort()).toEqual(['10.0.0.0/16', '192.168.2.0/24']);

    await expectNoChange('second');
  });

  it('destroys everything it made', { timeout: STEP_TIMEOUT }, async () => {
    const before = await outputs();
    await succeed(['destroy', '-auto-approve', '-input=false'], 'second');

    const client = t.client();
    const { Directories = [] } = await client.send(
      new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: ['d-1234567890'] }),
    );
    expect(Directories).toEqual([]);
    const { Workspaces = [] } = await client.send(
      new DescribeWorkspacesCommand({ WorkspaceIds: [before.workspace_id as string] }),
    );
    expect(Workspaces.map((w) => w.State)).not.toContain('AVAILABLE');
    const { Result = [] } = await client.send(new DescribeIpGroupsCommand({}));
    expect(Result).toEqual([]);
    const { ConnectionAliases = [] } = await client.send(new DescribeConnectionAliasesCommand({}));
    expect(ConnectionAliases).toEqual([]);
  });
});

describe("the README's Terraform section", () => {
  it('is a short form of the configuration tested here: each of its blocks is one of it', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    const section = readme.slice(readme.indexOf('### Terraform'), readme.indexOf('## Options'));
    const hcl = /```hcl\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const blocks = [...hcl.matchAll(/^(resource|data) "(\w+)" "(\w+)"/gm)].map((m) => m[0]);
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    const tested = readFileSync(CONFIG, 'utf8');
    expect(blocks.filter((block) => !tested.includes(block))).toEqual([]);
    expect(hcl).toContain('workspaces = "http://127.0.0.1:4599"');
  });
});
