import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';

// The official SARIF 2.1.0 (rtm.5, JSON Schema draft-04) schema as shipped in the
// @microsoft/sarif-matcher-utils package. Ajv needs `unicodeRegExp: false`: with the `u` flag the schema's
// language-tag pattern is an invalid regular expression ("Lone quantifier brackets").
const require = createRequire(import.meta.url);
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');
const schema = require('@microsoft/sarif-matcher-utils/lib/schemas/sarif-2.1.0-rtm.5.json');

let validate: ValidateFunction | undefined;

/** Schema errors of a SARIF log as `instancePath message` lines; empty when valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validate = ajv.compile(schema) as ValidateFunction;
  }
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}
