// Rules for IP access control groups: quotas, what a rule's source may be, and adding, replacing or removing rules.
import { invalidParameter, limitExceeded } from '../errors.js';
import type { IpRuleItem, WorkspacesIpGroup } from '../model/generated/types.js';

/** The stored group is its wire shape (lower-case members, as the model spells them). */
export interface IpGroupRecord extends WorkspacesIpGroup {
  groupId: string;
  groupName: string;
  userRules: IpRuleItem[];
}

const octet = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
/** An IPv4 address with an optional prefix length: `203.0.113.7` or `203.0.113.0/24`. */
const ipv4Range = new RegExp(`^${octet}\\.${octet}\\.${octet}\\.${octet}(/(3[0-2]|[12]?\\d))?$`);

export function isIpv4Range(source: string): boolean {
  return ipv4Range.test(source);
}

function checkSource(source: string | undefined): string {
  if (source === undefined) {
    throw invalidParameter('Each rule needs an ipRule: an IPv4 address or CIDR range, such as 203.0.113.0/24.');
  }
  if (!isIpv4Range(source)) {
    throw invalidParameter(
      `The IP rule ${source} is not valid. Specify an IPv4 address or CIDR range, such as 203.0.113.0/24.`,
    );
  }
  return source;
}

/** Sources given for removal must be well-formed too; removal matches them exactly as stored. */
function checkSources(sources: readonly string[]): void {
  for (const source of sources) checkSource(source);
}

function checkRuleCount(count: number, maxRules: number): void {
  if (count > maxRules) {
    throw limitExceeded(
      `An IP access control group can have at most ${maxRules} rules; the request would leave ${count}.`,
    );
  }
}

/**
 * A full set of rules (CreateIpGroup, UpdateRulesOfIpGroup): every source valid, none twice, within the limit.
 * Only the two modeled members are kept, so nothing else a caller sends is stored.
 */
export function checkRules(rules: readonly IpRuleItem[], maxRules: number): IpRuleItem[] {
  const seen = new Set<string>();
  const checked = rules.map((rule) => {
    const source = checkSource(rule.ipRule);
    if (seen.has(source)) throw invalidParameter(`The IP rule ${source} appears more than once.`);
    seen.add(source);
    return { ipRule: source, ...(rule.ruleDesc !== undefined && { ruleDesc: rule.ruleDesc }) };
  });
  checkRuleCount(checked.length, maxRules);
  return checked;
}

/** AuthorizeIpRules: a source already in the group is refused rather than silently given a new description. */
export function addRules(
  existing: readonly IpRuleItem[],
  added: readonly IpRuleItem[],
  maxRules: number,
): IpRuleItem[] {
  const checked = checkRules(added, maxRules);
  const present = new Set(existing.map((r) => r.ipRule));
  const duplicate = checked.find((r) => present.has(r.ipRule));
  if (duplicate) throw invalidParameter(`The IP rule ${duplicate.ipRule} is already in the group.`);
  const rules = [...existing, ...checked];
  checkRuleCount(rules.length, maxRules);
  return rules;
}

/** RevokeIpRules: sources not in the group are ignored, so revoking twice is harmless. */
export function removeRules(existing: readonly IpRuleItem[], sources: readonly string[]): IpRuleItem[] {
  checkSources(sources);
  const revoked = new Set(sources);
  return existing.filter((r) => r.ipRule === undefined || !revoked.has(r.ipRule));
}
