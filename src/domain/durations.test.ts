import { describe, expect, it } from 'vitest';
import { durations } from './durations.js';

describe('durations', () => {
  it('let the whole story (directory → WorkSpace → image → bundle → WorkSpace) finish within 30 s of real time', () => {
    const story =
      durations.directoryRegister +
      durations.workspaceCreate +
      durations.imageCreate +
      durations.bundleCreate +
      durations.workspaceCreate;
    expect(story).toBeLessThanOrEqual(30_000);
  });
});
