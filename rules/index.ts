import type { Rule } from '../src/engine/index.ts';
import { aliasLimit, binaryFile, duplicateKey, fileTooLarge, helmTemplate, internalError, invalidDocument, invalidEncoding, notAManifest, unreadableFile, unusedSuppression, yamlSyntax } from './input-rules.ts';
import { vsRouteWeights } from './vs-route-weights.ts';
import { yaml11Boolean } from './yaml-1.1-boolean.ts';

/** Every built-in rule, in id order. */
export const rules: readonly Rule[] = [
  aliasLimit,
  binaryFile,
  duplicateKey,
  fileTooLarge,
  helmTemplate,
  internalError,
  invalidDocument,
  invalidEncoding,
  notAManifest,
  unreadableFile,
  unusedSuppression,
  vsRouteWeights,
  yaml11Boolean,
  yamlSyntax,
];

export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.id, r]));
