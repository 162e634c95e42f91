// Every limit the emulator enforces, in one place, with AWS's default for a new account ([AG] workspaces-limits) and
// the emulator's own default, which keeps tests unconstrained where AWS lets an account raise the quota.
import type { Compute } from '../model/generated/types.js';

export interface QuotaDefinition {
  /** What the limit counts. */
  readonly description: string;
  /** AWS's default for a new account; `aws-defaults` applies these. */
  readonly aws: number;
  /** The emulator's default: AWS's value where AWS does not let an account raise it, generous otherwise. */
  readonly emulator: number;
  /** Whether AWS raises it on request (Service Quotas). */
  readonly adjustable: boolean;
}

/** No limit: the check is skipped. */
export const UNLIMITED = Number.POSITIVE_INFINITY;

export const quotaDefinitions = {
  workspaces: {
    description: 'WorkSpaces per account and Region (standby WorkSpaces included)',
    aws: 1,
    emulator: 1000,
    adjustable: true,
  },
  'graphics-workspaces': {
    description: 'Graphics WorkSpaces per account and Region',
    aws: 0,
    emulator: UNLIMITED,
    adjustable: true,
  },
  'graphics-g4dn-workspaces': {
    description: 'Graphics.g4dn WorkSpaces per account and Region',
    aws: 0,
    emulator: UNLIMITED,
    adjustable: true,
  },
  'graphicspro-workspaces': {
    description: 'GraphicsPro WorkSpaces per account and Region',
    aws: 0,
    emulator: UNLIMITED,
    adjustable: true,
  },
  'graphicspro-g4dn-workspaces': {
    description: 'GraphicsPro.g4dn WorkSpaces per account and Region',
    aws: 0,
    emulator: UNLIMITED,
    adjustable: true,
  },
  'generalpurpose-4xlarge-workspaces': {
    description: 'GeneralPurpose.4xlarge WorkSpaces per account and Region',
    aws: 1,
    emulator: UNLIMITED,
    adjustable: true,
  },
  'generalpurpose-8xlarge-workspaces': {
    description: 'GeneralPurpose.8xlarge WorkSpaces per account and Region',
    aws: 1,
    emulator: UNLIMITED,
    adjustable: true,
  },
  'standby-workspaces': {
    description: 'Standby WorkSpaces per account and Region',
    aws: 5,
    emulator: UNLIMITED,
    adjustable: true,
  },
  images: { description: 'Images per account and Region', aws: 40, emulator: 40, adjustable: true },
  bundles: { description: 'Custom bundles per account and Region', aws: 50, emulator: 50, adjustable: false },
  directories: {
    description: 'Directories registered per account and Region',
    aws: 50,
    emulator: 50,
    adjustable: false,
  },
  'connection-aliases': {
    description: 'Connection aliases per account and Region',
    aws: 20,
    emulator: 20,
    adjustable: false,
  },
  'ip-groups': {
    description: 'IP access control groups per account and Region',
    aws: 100,
    emulator: 100,
    adjustable: false,
  },
  'ip-groups-per-directory': {
    description: 'IP access control groups associated with one directory',
    aws: 25,
    emulator: 25,
    adjustable: false,
  },
  'rules-per-ip-group': {
    description: 'Rules in one IP access control group',
    aws: 10,
    emulator: 10,
    adjustable: false,
  },
  'tags-per-resource': { description: 'Tags on one resource', aws: 50, emulator: 50, adjustable: false },
  pools: {
    description: 'WorkSpaces pools per account and Region (chosen: AWS does not publish it)',
    aws: 100,
    emulator: 100,
    adjustable: false,
  },
} as const satisfies Record<string, QuotaDefinition>;

export type QuotaName = keyof typeof quotaDefinitions;
export type Quotas = Readonly<Record<QuotaName, number>>;

export const quotaNames = Object.keys(quotaDefinitions) as QuotaName[];

const defaultsOf = (pick: (d: QuotaDefinition) => number): Quotas =>
  Object.fromEntries(quotaNames.map((name) => [name, pick(quotaDefinitions[name])])) as Record<QuotaName, number>;

export const emulatorQuotas: Quotas = defaultsOf((d) => d.emulator);
export const awsDefaultQuotas: Quotas = defaultsOf((d) => d.aws);

/** The quota a compute type counts against besides `workspaces`, where AWS keeps one. */
const computeQuotas: Partial<Record<Compute, QuotaName>> = {
  GRAPHICS: 'graphics-workspaces',
  GRAPHICS_G4DN: 'graphics-g4dn-workspaces',
  GRAPHICSPRO: 'graphicspro-workspaces',
  GRAPHICSPRO_G4DN: 'graphicspro-g4dn-workspaces',
  GENERALPURPOSE_4XLARGE: 'generalpurpose-4xlarge-workspaces',
  GENERALPURPOSE_8XLARGE: 'generalpurpose-8xlarge-workspaces',
};

export function computeQuotaOf(compute: Compute): QuotaName | undefined {
  return computeQuotas[compute];
}

/** The quotas as JSON can carry them: `unlimited` for no limit (GET /_emulator/quotas). */
export function quotasView(quotas: Quotas): Record<QuotaName, number | 'unlimited'> {
  return Object.fromEntries(
    quotaNames.map((name) => [name, Number.isFinite(quotas[name]) ? quotas[name] : 'unlimited']),
  ) as Record<QuotaName, number | 'unlimited'>;
}

/** A quota value as written on the command line or in a variable: a whole number, or `unlimited`. */
export function parseQuotaValue(text: string): number | undefined {
  if (text === 'unlimited') return UNLIMITED;
  if (!/^\d{1,9}$/.test(text)) return undefined;
  return Number(text);
}

export const isQuotaName = (name: string): name is QuotaName => Object.hasOwn(quotaDefinitions, name);

/**
 * Checks untrusted overrides (startEmulator({ quotas }), the parsed CLI) and lays them over a base: the emulator's
 * defaults, or AWS's for a new account. Throws naming the first bad entry.
 */
export function resolveQuotas(base: 'emulator' | 'aws-defaults', overrides: Readonly<Record<string, unknown>>): Quotas {
  const quotas: Record<QuotaName, number> = { ...(base === 'aws-defaults' ? awsDefaultQuotas : emulatorQuotas) };
  for (const [name, value] of Object.entries(overrides)) {
    if (!isQuotaName(name)) throw new Error(`unknown quota '${name}'; quotas are ${quotaNames.join(', ')}`);
    const valid = value === UNLIMITED || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0);
    if (!valid) throw new Error(`quota ${name} must be a whole number, 0 or more, or Infinity; got ${String(value)}`);
    quotas[name] = value as number;
  }
  return quotas;
}
