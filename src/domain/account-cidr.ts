// Management CIDR ranges for BYOL: the /16 blocks inside the private ranges AWS lets the management interface use.

/** Ranges the BYOL management interface may come from ([AG] byol-windows-images, "Requirements"). */
const MANAGEMENT_BLOCKS = ['10.0.0.0/8', '100.64.0.0/10', '172.16.0.0/12', '192.168.0.0/16', '198.18.0.0/15'];

/** The management interface always takes a whole /16 (model doc of DedicatedTenancyManagementCidrRange). */
const MANAGEMENT_PREFIX = 16;
const BLOCK_SIZE = 2 ** (32 - MANAGEMENT_PREFIX);

interface Cidr {
  /** First address as an unsigned 32-bit number. */
  base: number;
  prefix: number;
}

function parseAddress(address: string): number {
  return address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

function formatAddress(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** Parses a CIDR the model's pattern already accepted; host bits are dropped, as EC2 does with a VPC's range. */
function parseCidr(cidr: string): Cidr {
  const [address = '', prefixText = '32'] = cidr.split('/');
  const prefix = Number(prefixText);
  const size = 2 ** (32 - prefix);
  return { base: Math.floor(parseAddress(address) / size) * size, prefix };
}

const end = (cidr: Cidr) => cidr.base + 2 ** (32 - cidr.prefix);

/** The part two ranges share, if any (CIDR ranges either nest or do not touch). */
function intersect(a: Cidr, b: Cidr): Cidr | undefined {
  if (a.base >= end(b) || b.base >= end(a)) return undefined;
  return a.prefix >= b.prefix ? a : b;
}

/** True when the constraint is too narrow to hold a whole /16. */
export function isNarrowerThanManagementRange(constraint: string): boolean {
  return parseCidr(constraint).prefix > MANAGEMENT_PREFIX;
}

/** Every /16 inside both the constraint and AWS's management blocks, in address order. */
export function managementRangesWithin(constraint: string): string[] {
  const wanted = parseCidr(constraint);
  const ranges: string[] = [];
  for (const block of MANAGEMENT_BLOCKS) {
    const overlap = intersect(wanted, parseCidr(block));
    if (!overlap || overlap.prefix > MANAGEMENT_PREFIX) continue;
    for (let base = overlap.base; base < end(overlap); base += BLOCK_SIZE) {
      ranges.push(`${formatAddress(base)}/${MANAGEMENT_PREFIX}`);
    }
  }
  return ranges;
}

/** A /16 that lies inside one of the management blocks (the model's pattern already forces x.y.0.0/16). */
export function isManagementRange(cidr: string): boolean {
  return managementRangesWithin(cidr).includes(cidr);
}
