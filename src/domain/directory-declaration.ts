// Reads a declared Directory Service directory from untrusted JSON — an admin body (camelCase) or a fixture's stored
// document (the stored PascalCase) — naming every problem, so nothing malformed is ever stored.
import {
  DEFAULT_DNS_NAME,
  type DeclaredDirectory,
  type DirectoryServiceType,
  type DirectoryStage,
  directoryServiceTypes,
  directoryStages,
} from './directory-service.js';

/** The model's DirectoryId pattern, `d-` branch: only Directory Service ids can be declared. */
const DIRECTORY_ID = /^d-[0-9a-f]{8,63}$/;
/** Directory Service's pattern for a directory's DNS name, at most 253 characters as in DNS. */
const DNS_NAME = /^([a-zA-Z0-9]+[.-])+([a-zA-Z0-9])+$/;
const MAX_DNS_NAME = 253;
/** Directory Service's alias pattern: letters, digits and single hyphens, not starting with `d-`. */
const ALIAS = /^(?!d-|D-)[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$/;
const MAX_ALIAS = 62;
/** The model's SubnetId pattern. */
const SUBNET_ID = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** Directory Service runs two domain controllers; an AD Connector names up to a few DNS servers (chosen bound). */
const MAX_DNS_ADDRESSES = 4;

type Json = Record<string, unknown>;

/** The member names of one notation: the admin body's camelCase or the stored document's PascalCase. */
export type Notation = 'body' | 'doc';

const names = {
  DirectoryId: 'directoryId',
  Type: 'type',
  Stage: 'stage',
  DnsName: 'dnsName',
  Alias: 'alias',
  SubnetIds: 'subnetIds',
  DnsIpAddresses: 'dnsIpAddresses',
} as const satisfies Record<keyof DeclaredDirectory, string>;

type Member = keyof typeof names;

class Reader {
  readonly problems: string[] = [];

  constructor(
    private readonly source: Json,
    private readonly notation: Notation,
  ) {}

  name(member: Member): string {
    return this.notation === 'body' ? names[member] : member;
  }

  value(member: Member): unknown {
    return this.source[this.name(member)];
  }

  string(member: Member, pattern: RegExp, max: number, what: string): string | undefined {
    const value = this.value(member);
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.length > max || !pattern.test(value)) {
      this.problems.push(`${this.name(member)} must be ${what}`);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(member: Member, allowed: readonly T[]): T | undefined {
    const value = this.value(member);
    if (value === undefined) return undefined;
    if (!allowed.includes(value as T)) {
      this.problems.push(`${this.name(member)} must be one of ${allowed.join(', ')}`);
      return undefined;
    }
    return value as T;
  }

  list(member: Member, item: RegExp, min: number, max: number, what: string): string[] | undefined {
    const value = this.value(member);
    if (value === undefined) return undefined;
    const valid =
      Array.isArray(value) &&
      value.length >= min &&
      value.length <= max &&
      value.every((v) => typeof v === 'string' && item.test(v)) &&
      new Set(value).size === value.length;
    if (!valid) {
      this.problems.push(`${this.name(member)} must be ${what}`);
      return undefined;
    }
    return value as string[];
  }
}

export interface DeclarationReading {
  directory: DeclaredDirectory | undefined;
  problems: string[];
}

/**
 * The directory `source` declares, or the problems that keep it from being one. Type defaults to SIMPLE_AD, stage
 * to Active and the DNS name to corp.example.com (an undeclared directory's); in a stored document all three are
 * required, as the emulator always writes them.
 */
export function readDeclaredDirectory(source: Json, notation: Notation): DeclarationReading {
  const r = new Reader(source, notation);
  const directoryId = r.string(
    'DirectoryId',
    DIRECTORY_ID,
    65,
    `a Directory Service id matching ${DIRECTORY_ID.source}`,
  );
  if (r.value('DirectoryId') === undefined) r.problems.push(`${r.name('DirectoryId')} is required`);
  const type = r.oneOf<DirectoryServiceType>('Type', directoryServiceTypes);
  const stage = r.oneOf<DirectoryStage>('Stage', directoryStages);
  const dnsName = r.string('DnsName', DNS_NAME, MAX_DNS_NAME, 'a fully qualified domain name like corp.example.com');
  const alias = r.string('Alias', ALIAS, MAX_ALIAS, `an alias of 1-${MAX_ALIAS} letters, digits and hyphens`);
  const subnetIds = r.list('SubnetIds', SUBNET_ID, 2, 2, 'two different subnet ids (subnet- and 8 or 17 hex digits)');
  const dnsIpAddresses = r.list(
    'DnsIpAddresses',
    IPV4,
    1,
    MAX_DNS_ADDRESSES,
    `1-${MAX_DNS_ADDRESSES} different IPv4 addresses`,
  );
  if (notation === 'doc') {
    for (const member of ['Type', 'Stage', 'DnsName'] as const) {
      if (r.value(member) === undefined) r.problems.push(`${member} is required`);
    }
  }
  if (r.problems.length > 0 || directoryId === undefined) return { directory: undefined, problems: r.problems };
  return {
    directory: {
      DirectoryId: directoryId,
      Type: type ?? 'SIMPLE_AD',
      Stage: stage ?? 'Active',
      DnsName: dnsName ?? DEFAULT_DNS_NAME,
      ...(alias !== undefined && { Alias: alias }),
      ...(subnetIds !== undefined && { SubnetIds: subnetIds }),
      ...(dnsIpAddresses !== undefined && { DnsIpAddresses: dnsIpAddresses }),
    },
    problems: [],
  };
}

/** Members a stored document may have, for the fixture check of unknown members. */
export const storedMembers: readonly string[] = Object.keys(names);
/** Members a declaration body may carry besides the directory's own. */
export const bodyMembers: readonly string[] = ['account', 'region', 'registered', ...Object.values(names)];
