#!/usr/bin/env node
// Generates src/policy/resources.d.ts, the resource types of `meshlint/policy`, from the committed
// schemas/resources.schema.json and schemas/catalog.json (no upstream data needed).
//   npm run schemas:types             regenerate
//   npm run schemas:types -- --check  exit 1 when the committed file differs from what the schemas produce
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { declarations } from './gen/declarations.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const TYPES_FILE = join(HERE, '../src/policy/resources.d.ts');

/** The text resources.d.ts should have, from the texts of resources.schema.json and catalog.json (default: the committed ones). */
export function resourceTypes(schemaText = readFileSync(join(HERE, 'resources.schema.json'), 'utf8'), catalogText = readFileSync(join(HERE, 'catalog.json'), 'utf8')) {
  return declarations(JSON.parse(schemaText), JSON.parse(catalogText).kinds);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = resourceTypes();
  if (process.argv.includes('--check')) {
    const same = readFileSync(TYPES_FILE, 'utf8') === text;
    console.log(same ? 'resource types: up to date' : 'resource types: src/policy/resources.d.ts differs; run npm run schemas:types');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(TYPES_FILE, text);
  console.log(`resource types: wrote src/policy/resources.d.ts, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB`);
}
