// Preloaded with `node --import`: records every module URL the process loads (ES modules through a loader
// hook, CommonJS through the require cache) in the file named by MESHLINT_LOAD_LOG.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

register('./hooks.mjs', import.meta.url);
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => appendFileSync(process.env.MESHLINT_LOAD_LOG, Object.keys(cache).map((f) => `require ${f}\n`).join('')));
