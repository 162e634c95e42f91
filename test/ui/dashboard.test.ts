// The dashboard end to end in headless Chromium: a world made through the SDK shows up, and a deployment can be
// watched moving as the manual clock advances. Needs Debian's chromium (.ci/run installs it); CHROMIUM_PATH overrides.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeWorkspacesCommand } from '@aws-sdk/client-workspaces';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, OFFICE, VISIO, type World } from '../admin/story.js';
import { ACCOUNT_A, useEmulator } from '../helpers/emulator.js';
import { runsIf } from '../helpers/skip.js';

const t = useEmulator();
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * A developer machine without chromium skips this file (npm ci && npm test still passes there); CI installs chromium
 * and sets CI, so there it always runs and a missing browser fails.
 */
const canRun = runsIf(
  existsSync(CHROMIUM) || process.env.CI !== undefined,
  `dashboard: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
);
/** Where the screenshot is left for a human to look at. */
const SCREENSHOT = join(tmpdir(), 'workspaces-local-dashboard.png');

let userDataDir: string;
let context: BrowserContext;
let page: Page;
let world: World;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!canRun) return;
  world = await buildWorld(t.client(), (s) => t.emulator.clock.advance(s), true);
  userDataDir = mkdtempSync(join(tmpdir(), 'workspaces-local-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(`${t.endpoint}/_emulator/ui`);
});

afterAll(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

const text = (selector: string) =>
  // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, with the gaps a user sees between cells
  page.locator(selector).first().innerText({ timeout: 10_000 });
/** The page polls once a second; give it a few polls to catch up. */
const eventually = (selector: string) => expect.poll(() => text(selector), { timeout: 10_000, interval: 100 });
/** Browser code (as text: this project compiles without the DOM types) that decodes a PNG and counts its pixels. */
const countPixels = `async (base64) => {
  const image = new Image();
  image.src = 'data:image/png;base64,' + base64;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const draw = canvas.getContext('2d');
  draw.drawImage(image, 0, 0);
  const data = draw.getImageData(0, 0, image.width, image.height).data;
  const colors = new Set();
  let inked = 0;
  for (let i = 0; i < data.length; i += 4) {
    const rgb = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    colors.add(rgb);
    if (rgb !== 0xffffff) inked += 1;
  }
  return { width: image.width, colors: colors.size, inkedShare: inked / (data.length / 4) };
}`;

/** A deployment's states from association to installation, each with its time, and nothing scheduled after. */
const DEPLOYED_TIMELINE =
  /^PENDING_INSTALL_DEPLOYMENT \S+\s*→\s*PENDING_INSTALL \S+\s*→\s*INSTALLING \S+\s*→\s*COMPLETED \S+$/;
const association = (type: string, id: string, app: string) => `[data-testid="association-${type}-${id}-${app}"]`;

describe.runIf(canRun)('the dashboard', () => {
  it('lists the account and Region with its WorkSpaces, images, bundles and applications', async () => {
    await eventually(`[data-testid="scope-${ACCOUNT_A}/us-east-1"]`).toContain('1 WorkSpaces · 1 images · 1 bundles');
    expect(await text('[data-testid="scope-title"]')).toBe(`Account ${ACCOUNT_A} · us-east-1`);
    expect(await text(`[data-testid="workspaces-${world.workspaceId}"]`)).toMatch(/alice\s+UPDATING/);
    expect(await text(`[data-testid="images-${world.imageId}"]`)).toMatch(/golden\s+AVAILABLE/);
    expect(await text(`[data-testid="bundles-${world.bundleId}"]`)).toMatch(/golden-bundle/);
    expect(await text(`[data-testid="directories-${world.directoryId}"]`)).toContain('REGISTERED');
    expect(await text(`[data-testid="application-${VISIO}"]`)).toMatch(/Visio LTSC Professional 2021\s+AVAILABLE\s+1/);
  });

  it('shows each association with its state on the WorkSpace, the image and the bundle', async () => {
    for (const [type, id] of [
      ['WORKSPACE', world.workspaceId],
      ['IMAGE', world.imageId],
      ['BUNDLE', world.bundleId],
    ] as const) {
      expect(await text(`${association(type, id, OFFICE)} [data-testid="state"]`)).toBe('COMPLETED');
    }
    const visio = association('WORKSPACE', world.workspaceId, VISIO);
    expect(await text(`${visio} [data-testid="state"]`)).toBe('PENDING_INSTALL');
    expect(await text(`${visio} [data-testid="timeline"]`)).toMatch(
      /PENDING_INSTALL \d\d:\d\d:\d\d\s*→\s*INSTALLING in 1 s/,
    );
    expect(await text(`[data-testid="pending-${world.workspaceId}"]`)).toBe('1 deployment step, next in 1 s');
  });

  it('follows a deployment as the manual clock advances, keeping a timeline of its states', async () => {
    const visio = association('WORKSPACE', world.workspaceId, VISIO);
    t.emulator.clock.advance(1);
    await eventually(`${visio} [data-testid="state"]`).toBe('INSTALLING');
    expect(await text(`${visio} [data-testid="timeline"]`)).toMatch(/→\s*COMPLETED or ERROR in 5 s/);

    await page.getByRole('button', { name: 'next transition' }).click();
    await eventually(`${visio} [data-testid="state"]`).toBe('COMPLETED');
    expect(await text(`${visio} [data-testid="timeline"]`)).toMatch(DEPLOYED_TIMELINE);
    await eventually(`[data-testid="workspaces-${world.workspaceId}"]`).toMatch(/alice\s+AVAILABLE/);
    expect(await text('[data-testid="pending"]')).toBe('0 pending');
  });

  it('shows the whole timeline on a fresh page load, from the history the emulator recorded', async () => {
    const fresh = await context.newPage();
    fresh.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await fresh.goto(`${t.endpoint}/_emulator/ui`);
      const timeline = fresh
        .locator(`${association('WORKSPACE', world.workspaceId, VISIO)} [data-testid="timeline"]`)
        .first();
      await expect
        // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, as in text() above
        .poll(() => timeline.innerText({ timeout: 10_000 }), { timeout: 10_000, interval: 100 })
        .toMatch(DEPLOYED_TIMELINE);
    } finally {
      await fresh.close();
    }
  });

  it('lists the faults with what they target, how often they fired and their last hit', async () => {
    await eventually('[data-testid="faults"]').toContain('None');
    const fault = t.emulator.faults.add({
      kind: 'api',
      operation: 'DescribeWorkspaces',
      errorCode: 'ThrottlingException',
      count: 2,
    });
    await expect(t.client().send(new DescribeWorkspacesCommand({}))).rejects.toMatchObject({
      name: 'ThrottlingException',
    });
    const row = `[data-testid="fault-${fault.faultId}"]`;
    await eventually(row).toContain('api · DescribeWorkspaces ThrottlingException · fired 1 · 1 left');
    expect(await text(row)).toContain(`last hit DescribeWorkspaces in ${ACCOUNT_A}/us-east-1`);
    t.emulator.faults.clear();
  });

  it('renders a screenshot that is not blank', async () => {
    const png = await page.screenshot({ fullPage: true });
    writeFileSync(SCREENSHOT, png);
    expect(png.length).toBeGreaterThan(20_000);
    // Decode in the browser (no image library needed) and count what is on it.
    const blank = await context.newPage();
    const pixels = (await blank.evaluate(`(${countPixels})(${JSON.stringify(png.toString('base64'))})`)) as {
      width: number;
      colors: number;
      inkedShare: number;
    };
    await blank.close();
    expect(pixels.width).toBe(1400);
    expect(pixels.colors).toBeGreaterThan(50);
    expect(pixels.inkedShare).toBeGreaterThan(0.05);
  });

  it('ran without a script error or a blocked resource', () => {
    expect(pageErrors).toEqual([]);
  });
});
