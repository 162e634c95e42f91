// Client branding of a directory, per device type: AWS's rules for an import, the stored form (logos kept as the
// imported PNG bytes) and the wire form, where each logo is a URL.

import { invalidParameter, ServiceError } from '../errors.js';
import { nodeCrypto } from '../lazy-crypto.js';
import type {
  ClientDeviceType,
  DescribeClientBrandingResult,
  ImportClientBrandingRequest,
  IosClientBrandingAttributes,
  IosImportClientBrandingAttributes,
} from '../model/generated/types.js';
import { merged } from '../objects.js';
import type { Scope } from '../store/types.js';

export const DEVICE_TYPES: readonly ClientDeviceType[] = [
  'DeviceTypeWindows',
  'DeviceTypeOsx',
  'DeviceTypeAndroid',
  'DeviceTypeIos',
  'DeviceTypeLinux',
  'DeviceTypeWeb',
];

/** Logo members of an import (iOS has all three) and the URL member each becomes. */
const LOGO_SLOTS = [
  ['Logo', 'LogoUrl'],
  ['Logo2x', 'Logo2xUrl'],
  ['Logo3x', 'Logo3xUrl'],
] as const;

type LogoSlot = (typeof LOGO_SLOTS)[number][0];

/** One device type's branding: the wire attributes plus the logo bytes (base64) behind each URL. */
export interface StoredBranding extends IosClientBrandingAttributes {
  logos: Partial<Record<LogoSlot, string>>;
}

export interface BrandingRecord {
  DirectoryId: string;
  /** The directory registration this branding belongs to; a later registration of the same id starts clean. */
  RegisteredAt: number;
  deviceTypes: Partial<Record<ClientDeviceType, StoredBranding>>;
}

/** "You can import up to 6 MB of data with each request" (model doc of ImportClientBranding). */
const MAX_IMPORT_BYTES = 6 * 1024 * 1024;
/** The only locale LoginMessage supports (model doc). */
const SUPPORTED_LOCALE = 'en_US';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The device types an import names, in the model's order. */
export function importedDeviceTypes(
  input: ImportClientBrandingRequest,
): [ClientDeviceType, IosImportClientBrandingAttributes][] {
  return DEVICE_TYPES.flatMap((type) => {
    const attributes = input[type];
    return attributes ? [[type, attributes] as [ClientDeviceType, IosImportClientBrandingAttributes]] : [];
  });
}

const logoBytes = (attributes: IosImportClientBrandingAttributes) =>
  LOGO_SLOTS.flatMap(([slot]) => {
    const logo = attributes[slot];
    return logo === undefined ? [] : [Buffer.from(logo, 'base64')];
  });

function checkDeviceType(type: ClientDeviceType, attributes: IosImportClientBrandingAttributes): void {
  if (attributes.SupportEmail !== undefined && attributes.SupportLink !== undefined) {
    throw invalidParameter(
      `In each platform type, the SupportEmail and SupportLink parameters are mutually exclusive. Specify only one of them for ${type}.`,
    );
  }
  const locales = Object.keys(attributes.LoginMessage ?? {});
  if (locales.some((locale) => locale !== SUPPORTED_LOCALE)) {
    throw invalidParameter(
      `The only LoginMessage locale supported is ${SUPPORTED_LOCALE}; ${type} has ${locales.join(', ')}.`,
    );
  }
  if (logoBytes(attributes).some((bytes) => !bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE))) {
    throw invalidParameter(`The only image format accepted for a logo is PNG; a logo of ${type} is not a PNG image.`);
  }
}

/** Everything ImportClientBranding checks before it looks at the directory. */
export function checkImport(imported: readonly [ClientDeviceType, IosImportClientBrandingAttributes][]): void {
  if (imported.length === 0) {
    throw invalidParameter('You must specify at least one platform type when importing client branding.');
  }
  for (const [type, attributes] of imported) checkDeviceType(type, attributes);
  const total = imported.reduce(
    (sum, [, attributes]) => sum + logoBytes(attributes).reduce((n, bytes) => n + bytes.length, 0),
    0,
  );
  if (total > MAX_IMPORT_BYTES) {
    throw new ServiceError(
      'ResourceLimitExceededException',
      'You can import up to 6 MB of data with each request. Import client branding for different platform types using separate requests.',
    );
  }
}

/** Where the emulator says a logo lives; the digest changes the URL whenever the image does. No one serves it. */
function logoUrl(scope: Scope, directoryId: string, type: ClientDeviceType, slot: LogoSlot, logo: string): string {
  const digest = nodeCrypto().createHash('sha256').update(logo).digest('hex').slice(0, 16);
  return `https://client-branding.workspaces-local.invalid/${scope.account}/${scope.region}/${directoryId}/${type}/${slot.toLowerCase()}-${digest}.png`;
}

/** The imported attributes replace the device type's branding as a whole, as AWS's default is replaced. */
export function toStoredBranding(
  scope: Scope,
  directoryId: string,
  type: ClientDeviceType,
  attributes: IosImportClientBrandingAttributes,
): StoredBranding {
  const { Logo: _logo, Logo2x: _logo2x, Logo3x: _logo3x, ...text } = attributes;
  const stored: StoredBranding = merged(text, { logos: {} });
  for (const [slot, urlMember] of LOGO_SLOTS) {
    const logo = attributes[slot];
    if (logo === undefined) continue;
    stored.logos[slot] = logo;
    stored[urlMember] = logoUrl(scope, directoryId, type, slot, logo);
  }
  return stored;
}

export function toWireBranding(stored: StoredBranding): IosClientBrandingAttributes {
  const { logos: _logos, ...wire } = stored;
  return wire;
}

/** Only device types with branding appear (model doc of DescribeClientBranding). */
export function toWireBrandingSet(
  deviceTypes: Partial<Record<ClientDeviceType, StoredBranding>>,
): DescribeClientBrandingResult {
  const result: DescribeClientBrandingResult = {};
  for (const type of DEVICE_TYPES) {
    const stored = deviceTypes[type];
    if (stored) result[type] = toWireBranding(stored);
  }
  return result;
}
