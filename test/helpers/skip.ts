// Says on the test output why a file's tests do not run: vitest's summary counts skipped tests but gives no reason.

/** `canRun`, after printing `reason` as a "skipped:" line when it is false. */
export function runsIf(canRun: boolean, reason: string): boolean {
  if (!canRun) console.warn(`skipped: ${reason}`);
  return canRun;
}
