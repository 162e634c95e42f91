// Eventual consistency on request: for a while after its creation, a new WorkSpace, image or bundle is not yet
// returned by its Describe call, as the model documents for DescribeWorkspaces ("Because the CreateWorkspaces operation
// is asynchronous, the identifier it returns is not immediately available. If you immediately call DescribeWorkspaces
// with this identifier, no information is returned."). Off (strong) by default.
export type ConsistencyMode = 'strong' | 'eventual';

/** How long a new resource stays out of sight by default, in emulator milliseconds (chosen: AWS gives no figure). */
export const DEFAULT_WINDOW_MS = 2_000;
/** The longest window one may set: five minutes of emulator time. */
export const MAX_WINDOW_MS = 300_000;

export interface ConsistencySettings {
  mode: ConsistencyMode;
  windowMs: number;
}

export class ConsistencyInputError extends Error {
  override readonly name = 'ConsistencyInputError';
}

export class Consistency {
  private settings: ConsistencySettings;

  constructor(mode: ConsistencyMode) {
    this.settings = { mode, windowMs: DEFAULT_WINDOW_MS };
  }

  get(): ConsistencySettings {
    return { ...this.settings };
  }

  /** { mode?, windowMs? }: checked whole before anything changes. */
  set(body: unknown): ConsistencySettings {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ConsistencyInputError('consistency settings must be a JSON object');
    }
    const { mode, windowMs, ...rest } = body as Record<string, unknown>;
    const unknown = Object.keys(rest);
    if (unknown.length > 0) throw new ConsistencyInputError(`unknown field(s): ${unknown.join(', ')}`);
    if (mode !== undefined && mode !== 'strong' && mode !== 'eventual') {
      throw new ConsistencyInputError("mode must be 'strong' or 'eventual'");
    }
    const validWindow =
      typeof windowMs === 'number' && Number.isInteger(windowMs) && windowMs >= 0 && windowMs <= MAX_WINDOW_MS;
    if (windowMs !== undefined && !validWindow) {
      throw new ConsistencyInputError(`windowMs must be a whole number from 0 to ${MAX_WINDOW_MS}`);
    }
    this.settings = {
      mode: (mode as ConsistencyMode | undefined) ?? this.settings.mode,
      windowMs: (windowMs as number | undefined) ?? this.settings.windowMs,
    };
    return this.get();
  }

  /**
   * The items a Describe call returns now: in eventual mode those created within the window are left out. `now` is
   * asked only then, so a strong read stays one the answer cache may keep.
   */
  visible<T>(items: T[], createdAt: (item: T) => number | Date | undefined, now: () => number): T[] {
    if (this.settings.mode === 'strong') return items;
    const since = now() - this.settings.windowMs;
    return items.filter((item) => {
      const created = createdAt(item);
      return created === undefined || Number(created) <= since;
    });
  }
}
