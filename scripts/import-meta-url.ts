// Injected into the command's CommonJS bundle (bundle-cli.ts): `import.meta.url` as the ES-module sources expect it,
// the URL of the bundle file itself.
import { pathToFileURL } from 'node:url';

export const importMetaUrl = pathToFileURL(__filename).href;
