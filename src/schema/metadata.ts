import { escapeToken } from '../core/pointer.ts';
import type { Resource } from '../core/resource.ts';
import { displayPath, quote, type Finding } from './finding.ts';

// The API server checks object metadata in Go, not through the OpenAPI schema (apimachinery's
// ValidateObjectMeta): names, label keys and values, annotation keys. These are the rules it applies.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

type NameRule = 'label' | 'dns1035' | 'subdomain' | 'path';
const NAME_RULES: Record<string, NameRule> = { Namespace: 'label', Service: 'dns1035' };

/** Metadata problems of one resource, as `schema` findings. */
export function metadataFindings(r: Resource, builtin: boolean, codes: Finding['codes'], out: Finding[]): void {
  const meta = r.object.metadata;
  const report = (pointer: string, text: string, key = false) => out.push({ ruleId: 'schema', resource: r, pointer, key, codes, discriminator: text, message: `${displayPath(pointer)}: ${text}` });
  if (!meta || typeof meta !== 'object') {
    report('', 'missing required field "metadata"');
    return;
  }
  if (meta.name === undefined && meta.generateName === undefined) report('/metadata', 'missing required field "name" (or generateName)', true);
  if (typeof meta.name === 'string') {
    const problem = nameProblem(meta.name, builtin ? (NAME_RULES[r.kind] ?? 'subdomain') : 'path');
    if (problem) report('/metadata/name', `name ${quote(meta.name)} ${problem}`);
  }
  if (typeof meta.namespace === 'string' && !isLabel(meta.namespace, DNS_LABEL)) report('/metadata/namespace', `namespace ${quote(meta.namespace)} must be a DNS label (lower-case letters, digits and "-", at most 63 characters)`);
  for (const [field, values] of [['labels', true], ['annotations', false]] as const) {
    const map = meta[field];
    if (!map || typeof map !== 'object' || Array.isArray(map)) continue;
    for (const [k, v] of Object.entries(map)) {
      const at = `/metadata/${field}/${escapeToken(k)}`;
      const kp = keyProblem(k);
      if (kp) report(at, `key ${quote(k)} ${kp}`, true);
      if (values && typeof v === 'string' && v !== '' && !validLabelValue(v)) report(at, `label value ${quote(v)} must be at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit`);
    }
  }
}

function isLabel(s: string, re: RegExp): boolean {
  return s.length <= 63 && re.test(s);
}

function nameProblem(name: string, rule: NameRule): string | undefined {
  switch (rule) {
    case 'label':
      return isLabel(name, DNS_LABEL) ? undefined : 'must be a DNS label: lower-case letters, digits and "-", at most 63 characters';
    case 'dns1035':
      return isLabel(name, DNS_1035) ? undefined : 'must be a DNS-1035 label: a lower-case letter first, then lower-case letters, digits and "-", at most 63 characters';
    case 'subdomain':
      return name.length <= 253 && DNS_SUBDOMAIN.test(name) ? undefined : 'must be a DNS subdomain: lower-case letters, digits, "-" and ".", at most 253 characters';
    case 'path':
      return name === '.' || name === '..' || /[/%]/.test(name) || name === '' ? 'cannot be "." or "..", be empty, or contain "/" or "%"' : undefined;
  }
}

// The same few label keys and values recur on every object of a repository: check each once.
const keyVerdicts = new Map<string, string | undefined>();
const valueVerdicts = new Map<string, boolean>();

export function keyProblem(key: string): string | undefined {
  if (!keyVerdicts.has(key)) {
    if (keyVerdicts.size > 50_000) keyVerdicts.clear();
    keyVerdicts.set(key, checkKey(key));
  }
  return keyVerdicts.get(key);
}

export function validLabelValue(v: string): boolean {
  let ok = valueVerdicts.get(v);
  if (ok === undefined) {
    if (valueVerdicts.size > 50_000) valueVerdicts.clear();
    valueVerdicts.set(v, (ok = isLabel(v, NAME_PART)));
  }
  return ok;
}

/** Label and annotation keys: `[prefix/]name`, prefix a DNS subdomain, name ≤ 63 characters. */
function checkKey(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return 'has an invalid prefix: it must be a DNS subdomain (lower-case)';
  if (!isLabel(name, NAME_PART)) return 'is invalid: the name part must be at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  return undefined;
}
