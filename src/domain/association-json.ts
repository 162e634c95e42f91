// Association lists as JSON text, written straight from the stored rows. The describe calls of the application family
// list up to hundreds of associations; a wire object per row (with two Dates), then the shape writer's copy of it, cost
// more than reading the rows. Each view writes its shape's members in the model's order and gives the text the
// shape's writer gives for the same row (association-json.test.ts compares the two in every state).

import { shapes } from '../model/generated/shapes.js';
import { merged } from '../objects.js';
import type { AssociationRecord } from '../store/types.js';
import { wireState } from './application-rules.js';

/** A member's value as JSON text, or undefined when the member is absent. */
type MemberText = (row: AssociationRecord) => string | undefined;

type RowText = (row: AssociationRecord) => string;

const json = JSON.stringify;

/**
 * As the timestamp writer: the Date of the stored milliseconds, in epoch seconds. For whole milliseconds since 1970
 * (every stored time but a hand-made one) the shortest text of ms / 1000 is its seconds, a point and the
 * milliseconds without trailing zeros: written from integers, it skips the float-to-text conversion.
 */
function seconds(stored: number): string {
  const ms = new Date(stored).getTime();
  if (!(ms >= 0 && ms <= Number.MAX_SAFE_INTEGER)) return json(ms / 1000);
  const fraction = ms % 1000;
  const whole = (ms - fraction) / 1000;
  if (fraction === 0) return String(whole);
  const digits = String(fraction + 1000).slice(1);
  return `${whole}.${digits.endsWith('0') ? digits.replace(/0+$/, '') : digits}`;
}

/** The wire states, quoted once. */
const quotedStates = new Map<string, string>();

function quotedState(stored: string): string {
  let quoted = quotedStates.get(stored);
  if (quoted === undefined) {
    quoted = json(wireState(stored));
    // States come from a short list; an imported store could hold others, which are quoted every time.
    if (quotedStates.size < 64) quotedStates.set(stored, quoted);
  }
  return quoted;
}

/** Present on failed associations only, as the handlers' StateReason. */
function stateReason(row: AssociationRecord): string | undefined {
  if (wireState(row.state) !== 'ERROR') return undefined;
  const code = row.errorCode === undefined ? '' : `"ErrorCode":${json(row.errorCode)},`;
  return `{${code}"ErrorMessage":${json(row.errorMessage ?? '')}}`;
}

const stateMembers: Readonly<Record<string, MemberText>> = {
  Created: (row) => seconds(row.created),
  LastUpdatedTime: (row) => seconds(row.updated),
  State: (row) => quotedState(row.state),
  StateReason: stateReason,
};

/** An image's, a WorkSpace's or a bundle's view: the application is the associated resource. */
const resourceView = (idMember: string): Record<string, MemberText> =>
  merged(stateMembers, {
    AssociatedResourceId: (row: AssociationRecord) => json(row.applicationId),
    AssociatedResourceType: () => '"APPLICATION"',
    [idMember]: (row: AssociationRecord) => json(row.resourceId),
  });

/** The application's view: the image, WorkSpace or bundle is the associated resource. */
const applicationView: Record<string, MemberText> = merged(stateMembers, {
  ApplicationId: (row: AssociationRecord) => json(row.applicationId),
  AssociatedResourceId: (row: AssociationRecord) => json(row.resourceId),
  AssociatedResourceType: (row: AssociationRecord) => json(row.resourceType),
});

/** Fails at load when the view and the model's shape disagree on a member. */
function compile(shapeName: string, view: Readonly<Record<string, MemberText>>): RowText {
  const shape = shapes[shapeName];
  if (shape?.type !== 'structure') throw new Error(`${shapeName} is not a structure`);
  const names = shape.members.map(([name]) => name);
  const unknown = Object.keys(view).filter((name) => !names.includes(name));
  const missing = names.filter((name) => !(name in view));
  if (unknown.length > 0 || missing.length > 0) {
    throw new Error(`${shapeName}: view members differ from the model (${[...unknown, ...missing].join(', ')})`);
  }
  const members = names.map((name) => ({ key: `${json(name)}:`, value: view[name] as MemberText }));
  return (row) => {
    let out = '';
    for (const { key, value } of members) {
      const text = value(row);
      if (text !== undefined) out += out === '' ? key + text : `,${key}${text}`;
    }
    return `{${out}}`;
  };
}

const writers: ReadonlyMap<string, RowText> = new Map([
  ['ImageResourceAssociation', compile('ImageResourceAssociation', resourceView('ImageId'))],
  ['WorkspaceResourceAssociation', compile('WorkspaceResourceAssociation', resourceView('WorkspaceId'))],
  ['BundleResourceAssociation', compile('BundleResourceAssociation', resourceView('BundleId'))],
  ['ApplicationResourceAssociation', compile('ApplicationResourceAssociation', applicationView)],
]);

function writerOf(shapeName: string): RowText {
  const write = writers.get(shapeName);
  if (!write) throw new Error(`no association view for ${shapeName}`);
  return write;
}

/** The rows as the items of a list of `shapeName`, comma-separated JSON objects. */
export function associationsJson(shapeName: string, rows: readonly AssociationRecord[]): string {
  return rows.map(writerOf(shapeName)).join(',');
}

/** The shape an association is listed as by the describe of its image, WorkSpace or bundle. */
const resourceViews: Readonly<Record<AssociationRecord['resourceType'], string>> = {
  IMAGE: 'ImageResourceAssociation',
  WORKSPACE: 'WorkspaceResourceAssociation',
  BUNDLE: 'BundleResourceAssociation',
};

export const resourceViewOf = (type: AssociationRecord['resourceType']): string => resourceViews[type];

/** The association as its resource's describe lists it: what the SQLite store keeps beside each row. */
export function resourceItemJson(row: AssociationRecord): string {
  return writerOf(resourceViews[row.resourceType])(row);
}
