// Every family's handlers and transitions in one table; an operation missing here answers "not implemented".
import type { TransitionApplier } from '../engine/engine.js';
import { accountFamily } from './account.js';
import { applicationsFamily } from './applications.js';
import { bundlesFamily } from './bundles.js';
import { clientCustomizationFamily } from './client-customization.js';
import { connectionAliasesFamily } from './connection-aliases.js';
import { customImagesFamily } from './custom-images.js';
import { directoriesFamily } from './directories.js';
import { imagesFamily } from './images.js';
import { ipGroupsFamily } from './ip-groups.js';
import { migrationFamily } from './migration.js';
import { poolsFamily } from './pools.js';
import { standbyFamily } from './standby.js';
import { tagsFamily } from './tags.js';
import type { Family, Handlers } from './types.js';
import { workspacesFamily } from './workspaces.js';

const families: readonly Family[] = [
  directoriesFamily,
  bundlesFamily,
  workspacesFamily,
  imagesFamily,
  tagsFamily,
  applicationsFamily,
  ipGroupsFamily,
  connectionAliasesFamily,
  accountFamily,
  clientCustomizationFamily,
  poolsFamily,
  standbyFamily,
  migrationFamily,
  customImagesFamily,
];

export const handlers: Partial<Handlers> = Object.assign({}, ...families.map((f) => f.handlers));

export const transitionAppliers: Readonly<Record<string, TransitionApplier>> = Object.assign(
  {},
  ...families.map((f) => f.transitions),
);
