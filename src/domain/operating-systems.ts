// Which operating systems are Linux: one answer for application rules, image OS types and WorkSpace protocols.
import type { OperatingSystemName, OperatingSystemType } from '../model/generated/types.js';

/** Every modeled OS name that is neither Windows nor UNKNOWN is a Linux distribution. */
export const isLinux = (os: OperatingSystemName | undefined): boolean =>
  os !== undefined && !os.startsWith('WINDOWS') && os !== 'UNKNOWN';

export const osTypeOf = (os: OperatingSystemName): OperatingSystemType => (isLinux(os) ? 'LINUX' : 'WINDOWS');
