// The IP access control groups family: groups of allowed source ranges, their rules, and the directories using them.
// Which directories use a group is kept on the directory (its wire member `ipGroupIds`) and nowhere else, so a
// directory that goes away releases its groups without any bookkeeping here.

import { addRules, checkRules, type IpGroupRecord, removeRules } from '../domain/ip-group-rules.js';
import { decodeToken, encodeToken } from '../domain/pagination.js';
import type { DirectoryRecord } from '../domain/records.js';
import { alreadyExists, invalidParameter, invalidState, limitExceeded, notFound, ServiceError } from '../errors.js';
import { merged } from '../objects.js';
import type { Page } from '../store/types.js';
import { directories, requireDirectory } from './lookups.js';
import { applyCreationTags } from './tags.js';
import type { Family, Handlers, RequestContext } from './types.js';

/** Page size of DescribeIpGroups when the caller gives no MaxResults (the model's maximum). */
const DEFAULT_PAGE_SIZE = 25;

/** A token from the GroupIds listing is refused by the full listing and the other way round. */
const SCAN_TOKEN = 'DescribeIpGroups';
const IDS_TOKEN = 'DescribeIpGroups#GroupIds';

type Ctx = Pick<RequestContext, 'scope' | 'store' | 'config'>;

const ipGroups = (ctx: Pick<RequestContext, 'store'>) => ctx.store.collection<IpGroupRecord>('ipgroup');

function requireIpGroup(ctx: Ctx, groupId: string): IpGroupRecord {
  const group = ipGroups(ctx).get(ctx.scope, groupId);
  if (!group) throw notFound('IP access control group', groupId);
  return group;
}

function saveIpGroup(ctx: Ctx, group: IpGroupRecord): void {
  ipGroups(ctx).put(ctx.scope, group.groupId, group);
}

function checkGroupName(ctx: Ctx, name: string): void {
  if (name.length === 0) throw invalidParameter('The GroupName of an IP access control group cannot be empty.');
  if (isGroupNameTaken(ctx, name)) {
    throw alreadyExists(
      `An IP access control group named ${name} already exists in this Region. Choose another name, and try again.`,
    );
  }
}

/** The quota bounds the groups of a scope, so the walk stays short. */
function isGroupNameTaken(ctx: Ctx, name: string): boolean {
  for (let after = 0; ; ) {
    const page = ipGroups(ctx).page(ctx.scope, after, DEFAULT_PAGE_SIZE);
    if (page.items.some((g) => g.groupName === name)) return true;
    if (page.next === undefined) return false;
    after = page.next;
  }
}

function checkGroupQuota(ctx: Ctx): void {
  const quota = ctx.config.quotas['ip-groups'];
  if (ipGroups(ctx).count(ctx.scope) >= quota) {
    throw limitExceeded(
      `You have already created the maximum of ${quota} IP access control groups in this Region. Delete groups that you are not using, and try again.`,
    );
  }
}

/** The model lets GroupIds be empty; AWS answers 400 to an empty list (terraform-provider-aws #39559). */
function requireGroupIds(groupIds: readonly string[]): string[] {
  if (groupIds.length === 0) {
    throw invalidParameter('GroupIds must name at least one IP access control group.');
  }
  return [...new Set(groupIds)];
}

/** Groups are attached to and detached from a REGISTERED directory only. */
function requireRegisteredDirectory(ctx: Ctx, directoryId: string): DirectoryRecord {
  const directory = requireDirectory(ctx, directoryId);
  if (directory.State !== 'REGISTERED') {
    throw invalidState(
      `The directory ${directoryId} is ${directory.State}. IP access control groups can be associated with or disassociated from a REGISTERED directory only.`,
    );
  }
  return directory;
}

function saveIpGroupIds(ctx: Ctx, directory: DirectoryRecord, ipGroupIds: string[]): void {
  directories(ctx).put(ctx.scope, directory.DirectoryId, merged(directory, { ipGroupIds }));
}

/** The first directory still holding the group; the directory quota bounds the walk. */
function findDirectoryUsing(ctx: Ctx, groupId: string): string | undefined {
  let after = 0;
  for (;;) {
    const page = directories(ctx).page(ctx.scope, after, DEFAULT_PAGE_SIZE);
    const user = page.items.find((d) => d.State !== 'DEREGISTERED' && (d.ipGroupIds ?? []).includes(groupId));
    if (user) return user.DirectoryId;
    if (page.next === undefined) return undefined;
    after = page.next;
  }
}

/** With GroupIds the position is an index into the (de-duplicated) list; unknown ids are left out. */
function listRequestedGroups(ctx: Ctx, ids: readonly string[], start: number, limit: number): Page<IpGroupRecord> {
  const unique = [...new Set(ids)];
  const end = start + limit;
  const items = unique
    .slice(start, end)
    .map((id) => ipGroups(ctx).get(ctx.scope, id))
    .filter((g): g is IpGroupRecord => g !== undefined);
  return { items, next: end < unique.length ? end : undefined };
}

const handlers: Handlers<
  | 'CreateIpGroup'
  | 'DeleteIpGroup'
  | 'DescribeIpGroups'
  | 'UpdateRulesOfIpGroup'
  | 'AuthorizeIpRules'
  | 'RevokeIpRules'
  | 'AssociateIpGroups'
  | 'DisassociateIpGroups'
> = {
  CreateIpGroup(input, ctx) {
    const userRules = checkRules(input.UserRules ?? [], ctx.config.quotas['rules-per-ip-group']);
    checkGroupName(ctx, input.GroupName);
    checkGroupQuota(ctx);
    const group: IpGroupRecord = {
      groupId: ctx.ids.next('wsipg'),
      groupName: input.GroupName,
      ...(input.GroupDesc !== undefined && { groupDesc: input.GroupDesc }),
      userRules,
    };
    saveIpGroup(ctx, group);
    applyCreationTags(ctx, group.groupId, input.Tags);
    return { GroupId: group.groupId };
  },

  DeleteIpGroup(input, ctx) {
    const group = requireIpGroup(ctx, input.GroupId);
    const directoryId = findDirectoryUsing(ctx, group.groupId);
    if (directoryId !== undefined) {
      throw new ServiceError(
        'ResourceAssociatedException',
        `The IP access control group ${group.groupId} is associated with the directory ${directoryId}. Disassociate it from every directory, and try again.`,
      );
    }
    ipGroups(ctx).delete(ctx.scope, group.groupId);
    ctx.store.tags.removeAll(ctx.scope, group.groupId);
    return {};
  },

  DescribeIpGroups(input, ctx) {
    const limit = input.MaxResults ?? DEFAULT_PAGE_SIZE;
    // An empty GroupIds list filters nothing, as if it were left out.
    const ids = input.GroupIds !== undefined && input.GroupIds.length > 0 ? input.GroupIds : undefined;
    const tokenKind = ids ? IDS_TOKEN : SCAN_TOKEN;
    const position = decodeToken(ctx, tokenKind, input.NextToken);
    const page = ids ? listRequestedGroups(ctx, ids, position, limit) : ipGroups(ctx).page(ctx.scope, position, limit);
    return {
      Result: page.items,
      ...(page.next !== undefined && { NextToken: encodeToken(ctx, tokenKind, page.next) }),
    };
  },

  UpdateRulesOfIpGroup(input, ctx) {
    const group = requireIpGroup(ctx, input.GroupId);
    saveIpGroup(
      ctx,
      merged(group, { userRules: checkRules(input.UserRules, ctx.config.quotas['rules-per-ip-group']) }),
    );
    return {};
  },

  AuthorizeIpRules(input, ctx) {
    const group = requireIpGroup(ctx, input.GroupId);
    saveIpGroup(
      ctx,
      merged(group, { userRules: addRules(group.userRules, input.UserRules, ctx.config.quotas['rules-per-ip-group']) }),
    );
    return {};
  },

  RevokeIpRules(input, ctx) {
    const group = requireIpGroup(ctx, input.GroupId);
    saveIpGroup(ctx, merged(group, { userRules: removeRules(group.userRules, input.UserRules) }));
    return {};
  },

  AssociateIpGroups(input, ctx) {
    const groupIds = requireGroupIds(input.GroupIds);
    const directory = requireRegisteredDirectory(ctx, input.DirectoryId);
    for (const groupId of groupIds) requireIpGroup(ctx, groupId);
    const current = directory.ipGroupIds ?? [];
    const merged = [...current, ...groupIds.filter((id) => !current.includes(id))];
    const quota = ctx.config.quotas['ip-groups-per-directory'];
    if (merged.length > quota) {
      throw limitExceeded(
        `A directory can have at most ${quota} IP access control groups; the directory ${directory.DirectoryId} would have ${merged.length}.`,
      );
    }
    saveIpGroupIds(ctx, directory, merged);
    return {};
  },

  DisassociateIpGroups(input, ctx) {
    const groupIds = requireGroupIds(input.GroupIds);
    const directory = requireRegisteredDirectory(ctx, input.DirectoryId);
    for (const groupId of groupIds) requireIpGroup(ctx, groupId);
    // A group that is not associated is already where the caller wants it: nothing to refuse.
    const remaining = (directory.ipGroupIds ?? []).filter((id) => !groupIds.includes(id));
    saveIpGroupIds(ctx, directory, remaining);
    return {};
  },
};

export const ipGroupsFamily: Family = {
  handlers,
  transitions: {},
};
