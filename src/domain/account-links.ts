// BYOL account links as stored: the link lives in the source account's scope; the target account's scope holds a
// pointer under the same LinkId, and each side keeps a peer index, so either account finds a link in O(1).
import type { AccountLink, AccountLinkStatusEnum } from '../model/generated/types.js';
import type { Page, Scope } from '../store/types.js';
import type { AccountContext } from './account-settings.js';

export interface LinkRecord {
  role: 'link';
  AccountLinkId: string;
  AccountLinkStatus: AccountLinkStatusEnum;
  SourceAccountId: string;
  TargetAccountId: string;
  /** ClientToken of the CreateAccountLinkInvitation call, to answer its retries with the same link. */
  inviteToken?: string;
  /** ClientToken of the AcceptAccountLinkInvitation or RejectAccountLinkInvitation call that answered it. */
  answerToken?: string;
}

/** In the target account's scope, under the LinkId: where the link itself lives. */
interface TargetPointer {
  role: 'target';
  AccountLinkId: string;
  SourceAccountId: string;
}

/** In each account's scope, under `peer-<other account>`: the latest link between the two. */
interface PeerIndex {
  role: 'peer';
  AccountLinkId: string;
}

type LinkDocument = LinkRecord | TargetPointer | PeerIndex;

/** A link as one account sees it. */
export interface VisibleLink {
  link: LinkRecord;
  callerIsSource: boolean;
}

const linkDocuments = (ctx: Pick<AccountContext, 'store'>) => ctx.store.collection<LinkDocument>('accountlink');

const peerKey = (accountId: string) => `peer-${accountId}`;

const inRegion = (ctx: AccountContext, account: string): Scope => ({ account, region: ctx.scope.region });

/** A pending or accepted link: it blocks another invitation between the same two accounts. */
export const isOpen = (link: LinkRecord) =>
  link.AccountLinkStatus === 'LINKED' || link.AccountLinkStatus === 'PENDING_ACCEPTANCE_BY_TARGET_ACCOUNT';

function resolve(ctx: AccountContext, doc: LinkDocument | undefined): VisibleLink | undefined {
  if (doc?.role === 'link') return { link: doc, callerIsSource: true };
  if (doc?.role !== 'target') return undefined;
  const link = linkDocuments(ctx).get(inRegion(ctx, doc.SourceAccountId), doc.AccountLinkId);
  return link?.role === 'link' ? { link, callerIsSource: false } : undefined;
}

export function findLink(ctx: AccountContext, linkId: string): VisibleLink | undefined {
  return resolve(ctx, linkDocuments(ctx).get(ctx.scope, linkId));
}

/** The latest link between the caller and another account, whichever side invited. */
export function findLinkWith(ctx: AccountContext, peerAccountId: string): VisibleLink | undefined {
  const peer = linkDocuments(ctx).get(ctx.scope, peerKey(peerAccountId));
  return peer?.role === 'peer' ? findLink(ctx, peer.AccountLinkId) : undefined;
}

/** Writes the link where it lives, the source account's scope, whichever account asked. */
export function saveLink(ctx: AccountContext, link: LinkRecord): void {
  linkDocuments(ctx).put(inRegion(ctx, link.SourceAccountId), link.AccountLinkId, link);
}

export function createLink(ctx: AccountContext, link: LinkRecord): void {
  const source = inRegion(ctx, link.SourceAccountId);
  const target = inRegion(ctx, link.TargetAccountId);
  saveLink(ctx, link);
  const pointer: TargetPointer = {
    role: 'target',
    AccountLinkId: link.AccountLinkId,
    SourceAccountId: link.SourceAccountId,
  };
  linkDocuments(ctx).put(target, link.AccountLinkId, pointer);
  const index: PeerIndex = { role: 'peer', AccountLinkId: link.AccountLinkId };
  linkDocuments(ctx).put(source, peerKey(link.TargetAccountId), index);
  linkDocuments(ctx).put(target, peerKey(link.SourceAccountId), index);
}

export function deleteLink(ctx: AccountContext, link: LinkRecord): void {
  const source = inRegion(ctx, link.SourceAccountId);
  const target = inRegion(ctx, link.TargetAccountId);
  linkDocuments(ctx).delete(source, link.AccountLinkId);
  linkDocuments(ctx).delete(target, link.AccountLinkId);
  dropPeerIndex(ctx, source, link.TargetAccountId, link.AccountLinkId);
  dropPeerIndex(ctx, target, link.SourceAccountId, link.AccountLinkId);
}

/** A newer link between the same two accounts owns the index; leave it alone. */
function dropPeerIndex(ctx: AccountContext, scope: Scope, peerAccountId: string, linkId: string): void {
  const index = linkDocuments(ctx).get(scope, peerKey(peerAccountId));
  if (index?.role === 'peer' && index.AccountLinkId === linkId)
    linkDocuments(ctx).delete(scope, peerKey(peerAccountId));
}

/**
 * The caller's links (as source or target) in creation order from `after` until `limit` match. Each read asks
 * only for as many documents as are still missing, so `next` is exactly where to resume.
 */
export function scanLinks(
  ctx: AccountContext,
  keep: (link: LinkRecord) => boolean,
  after: number,
  limit: number,
): Page<LinkRecord> {
  const items: LinkRecord[] = [];
  let position = after;
  for (;;) {
    const page = linkDocuments(ctx).page(ctx.scope, position, limit - items.length);
    for (const doc of page.items) {
      const visible = resolve(ctx, doc);
      if (visible && keep(visible.link)) items.push(visible.link);
    }
    if (page.next === undefined) return { items, next: undefined };
    position = page.next;
    if (items.length === limit) return { items, next: position };
  }
}

export function toWireLink(link: LinkRecord): AccountLink {
  return {
    AccountLinkId: link.AccountLinkId,
    AccountLinkStatus: link.AccountLinkStatus,
    SourceAccountId: link.SourceAccountId,
    TargetAccountId: link.TargetAccountId,
  };
}
