import { appendFileSync } from 'node:fs';

export async function load(url, context, next) {
  appendFileSync(process.env.MESHLINT_LOAD_LOG, `load ${url}\n`);
  return next(url, context);
}
