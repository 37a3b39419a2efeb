#!/usr/bin/env node
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/meshlint.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('meshlint: dist/meshlint.js is missing; run `npm run build` (npm ci does it for you)\n');
  process.exit(2);
}
await import(bundle.href);
