import { readFileSync } from 'node:fs';

declare const __MESHLINT_VERSION__: string | undefined;

// The bundle has the version baked in; running from source reads package.json.
export const VERSION: string =
  typeof __MESHLINT_VERSION__ === 'string' ? __MESHLINT_VERSION__ : JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
