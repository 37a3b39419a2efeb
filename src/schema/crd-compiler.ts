// Compiles the schema of a CustomResourceDefinition found among the inputs, the way the committed validators
// were compiled from Istio's and Gateway API's CRDs (schemas/generate.mjs): the same reading of the structural
// schema and the same keywords, with ajv at run time. ajv is large, so the bundle keeps this in a CommonJS file
// of its own (dist/crd-compiler.cjs) that loads only when a custom resource meets its CRD.
import { Ajv } from 'ajv';
import { keywords } from '../../schemas/gen/keywords.mjs';
import { Transformer } from '../../schemas/gen/transform.mjs';
import type { CelNode, CelRuleSpec, ValidatorModule } from './catalog.ts';

const OPEN = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

let ajv: Ajv | undefined;

/** A validator for one served version's `openAPIV3Schema` (metadata is checked apart, as for every kind). */
export function compileCrdSchema(openAPIV3Schema: unknown): ValidatorModule {
  const raw = structuredClone((openAPIV3Schema ?? OPEN) as Record<string, any>);
  if (raw.properties) Object.assign(raw.properties, { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: OPEN });
  const t = new Transformer({ crd: true });
  const { schema, cel } = t.convert(raw, '');
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, strict: false, messages: false, unicodeRegExp: false, inlineRefs: false });
    for (const k of keywords) ajv.addKeyword(k);
  }
  const validate = ajv.compile(schema) as unknown as ValidatorModule['validate'];
  return cel ? { validate, cel: cel as CelNode, rules: t.rules as CelRuleSpec[] } : { validate };
}
