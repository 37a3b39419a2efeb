// Turns a Kubernetes structural / OpenAPI v3 schema into the JSON Schema our validators are compiled from,
// applying the API server's reading of it:
// - null is accepted everywhere (the API server prunes nulls of non-nullable fields; Go decodes null to zero);
// - objects with declared properties reject unknown fields (kubectl's default strict field validation);
// - int-or-string, quantities, int32/date-time/byte/ip formats become explicit checks;
// - `x-kubernetes-validations` (CEL) move into a separate skeleton the CEL evaluator walks.
// Custom keywords (x-enum, x-types, x-exclusive, x-list-map-keys) are compiled by keywords.mjs.

const CEL_RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

const FORMAT_PATTERNS = {
  'date-time': '^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$',
  byte: '^[A-Za-z0-9+/]*={0,2}$',
  ipv4: '^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$',
  ipv6: '^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$',
};
const QUANTITY = '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?[0-9]+)?$';
const INT32 = { min: -2147483648, max: 2147483647 };

/** A property name as Kubernetes exposes it to CEL (reserved words and odd characters are escaped). */
export function celEscape(name) {
  if (CEL_RESERVED.has(name)) return `__${name}__`;
  if (!/[^A-Za-z0-9_]|__/.test(name)) return name;
  return name.replace(/__/g, '__underscores__').replace(/\./g, '__dot__').replace(/-/g, '__dash__').replace(/\//g, '__slash__');
}

export class Transformer {
  /** `crd`: the API server applies the schema's defaults before validating (CRDs only; built-in types list zero values). */
  constructor({ refPrefix = '#/components/schemas/', rules, crd = false } = {}) {
    this.refPrefix = refPrefix;
    this.crd = crd;
    /** Shared table of CEL rules: [{rule, message}] ; nodes refer to them by index. */
    this.rules = rules ?? [];
    this.ruleIndex = new Map(this.rules.map((r, i) => [JSON.stringify(r), i]));
    this.dropped = [];
  }

  /** Returns { schema, cel } where cel is the CEL skeleton of this subtree (undefined when it has no rules). */
  convert(node, path = '') {
    if (!node || typeof node !== 'object') return { schema: {}, cel: undefined };
    if (node.$ref) return { schema: { $ref: this.ref(node.$ref) }, cel: undefined };
    if (Array.isArray(node.allOf) && node.allOf.length === 1 && node.allOf[0].$ref) return this.convert(node.allOf[0], path);
    const out = {};
    const cel = {};
    const rules = node['x-kubernetes-validations'];
    if (Array.isArray(rules) && rules.length) cel.v = rules.map((r) => this.addRule(r));

    const types = this.types(node);
    const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
    if (types) {
      if (types.length === 1) {
        out.type = types[0];
        out.nullable = true;
      } else out['x-types'] = types;
    }
    if (node.properties) {
      out.properties = {};
      const p = {};
      for (const [k, v] of Object.entries(node.properties)) {
        if (path === '' && k === 'status') {
          // Status is written by controllers through the status subresource; a manifest's status is ignored.
          out.properties[k] = {};
          continue;
        }
        const r = this.convert(v, `${path}/${k}`);
        out.properties[k] = r.schema;
        if (r.cel) p[k] = r.cel;
      }
      if (Object.keys(p).length) cel.p = p;
      const esc = Object.keys(node.properties).filter((k) => celEscape(k) !== k);
      if (esc.length) cel.e = esc;
      // The API server applies defaults before it validates, so CEL rules see defaulted fields.
      const defaults = this.crd ? Object.entries(node.properties).filter(([, v]) => v && v.default !== undefined) : [];
      if (defaults.length) cel.d = Object.fromEntries(defaults.map(([k, v]) => [k, v.default]));
    }
    if (node.additionalProperties !== undefined && typeof node.additionalProperties === 'object') {
      const r = this.convert(node.additionalProperties, `${path}/*`);
      out.additionalProperties = r.schema;
      cel.m = 1;
      if (r.cel) cel.a = r.cel;
    } else if (node.additionalProperties === false || (node.properties && !preserve && node.additionalProperties === undefined)) {
      out['x-closed'] = Object.keys(node.properties ?? {});
    }
    if (node.items && typeof node.items === 'object' && !Array.isArray(node.items)) {
      const r = this.convert(node.items, `${path}/0`);
      out.items = r.schema;
      if (r.cel) cel.i = r.cel;
    }
    // A required field with a default is filled in by the API server, so it is never missing.
    const required = Array.isArray(node.required) ? node.required.filter((k) => !this.crd || node.properties?.[k]?.default === undefined) : [];
    if (required.length) out.required = required;
    if (Array.isArray(node.enum)) out['x-enum'] = node.enum.filter((v) => v !== null);
    for (const k of ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'multipleOf']) {
      if (typeof node[k] === 'number') out[k] = node[k];
    }
    if (node.exclusiveMinimum === true && typeof node.minimum === 'number') {
      out.exclusiveMinimum = node.minimum;
      delete out.minimum;
    }
    if (node.exclusiveMaximum === true && typeof node.maximum === 'number') {
      out.exclusiveMaximum = node.maximum;
      delete out.maximum;
    }
    if (typeof node.pattern === 'string') this.pattern(out, node.pattern, path);
    this.format(out, node, path);
    const union = isTypeUnion(node.oneOf);
    if (union?.includes('number') && union.includes('string') && out.pattern === undefined) out.pattern = QUANTITY;
    if (node['x-kubernetes-list-type'] === 'map' && Array.isArray(node['x-kubernetes-list-map-keys'])) out['x-list-map-keys'] = node['x-kubernetes-list-map-keys'];
    if (node['x-kubernetes-list-type'] === 'set' && isScalarSchema(node.items)) out.uniqueItems = true;
    const exclusive = exclusiveFields(node.oneOf);
    if (exclusive) out['x-exclusive'] = exclusive;
    else if (Array.isArray(node.oneOf) && !isTypeUnion(node.oneOf)) out.oneOf = node.oneOf.map((s, i) => this.convert(s, `${path}/oneOf/${i}`).schema);
    if (Array.isArray(node.anyOf) && !isTypeUnion(node.anyOf) && !node['x-kubernetes-int-or-string']) out.anyOf = node.anyOf.map((s, i) => this.convert(s, `${path}/anyOf/${i}`).schema);
    if (node.not && !exclusive) out.not = this.convert(node.not, `${path}/not`).schema;
    return { schema: out, cel: cel.v || cel.p || cel.i || cel.a || cel.e || cel.d ? cel : undefined };
  }

  ref(ref) {
    return ref.startsWith(this.refPrefix) ? `#/definitions/${ref.slice(this.refPrefix.length)}` : ref;
  }

  types(node) {
    if (node['x-kubernetes-int-or-string'] || node.format === 'int-or-string') return ['integer', 'string'];
    if (!node.type) {
      const union = isTypeUnion(node.oneOf) || isTypeUnion(node.anyOf);
      return union ? union : undefined;
    }
    return [node.type];
  }

  addRule(r) {
    const entry = { rule: r.rule, message: r.message ?? '' };
    if (r.messageExpression) entry.messageExpression = r.messageExpression;
    if (r.fieldPath) entry.fieldPath = r.fieldPath;
    if (r.optionalOldSelf) entry.optionalOldSelf = true;
    const key = JSON.stringify(entry);
    let i = this.ruleIndex.get(key);
    if (i === undefined) {
      i = this.rules.length;
      this.rules.push(entry);
      this.ruleIndex.set(key, i);
    }
    return i;
  }

  pattern(out, pattern, path) {
    try {
      new RegExp(pattern);
      out.pattern = pattern;
    } catch {
      // RE2-only syntax (e.g. inline flags) that JavaScript cannot compile: recorded, not checked.
      this.dropped.push(`${path}: pattern ${pattern}`);
    }
  }

  format(out, node, path) {
    const f = node.format;
    if (!f) return;
    if (f === 'int32' && (node.type === 'integer' || node.type === 'number')) {
      if (out.minimum === undefined && out.exclusiveMinimum === undefined) out.minimum = INT32.min;
      if (out.maximum === undefined && out.exclusiveMaximum === undefined) out.maximum = INT32.max;
    } else if (FORMAT_PATTERNS[f] && node.type === 'string' && out.pattern === undefined) {
      out.pattern = FORMAT_PATTERNS[f];
    } else if (!['int64', 'double', 'float', 'int-or-string', 'date-time', 'byte', 'ipv4', 'ipv6'].includes(f)) {
      this.dropped.push(`${path}: format ${f}`);
    }
  }
}

/** `oneOf: [{type: a}, {type: b}]` → [a, b]; anything else → undefined. */
function isTypeUnion(list) {
  if (!Array.isArray(list) || !list.length) return undefined;
  const types = [];
  for (const s of list) {
    const keys = Object.keys(s).filter((k) => k !== 'description');
    if (keys.length !== 1 || keys[0] !== 'type' || typeof s.type !== 'string') return undefined;
    types.push(s.type);
  }
  return types;
}

function isScalarSchema(s) {
  return !!s && ['string', 'integer', 'number', 'boolean'].includes(s.type);
}

/**
 * Istio writes "at most one of a, b, c" as
 * `oneOf: [{not: {anyOf: [{required: [a]}, {required: [b]}, …]}}, {required: [a]}, {required: [b]}, …]`.
 */
export function exclusiveFields(oneOf) {
  if (!Array.isArray(oneOf) || oneOf.length < 3) return undefined;
  const [first, ...rest] = oneOf;
  const any = first?.not?.anyOf;
  if (!Array.isArray(any) || any.length !== rest.length) return undefined;
  const fields = [];
  for (let i = 0; i < rest.length; i++) {
    const a = any[i];
    const b = rest[i];
    if (!isSingleRequired(a) || !isSingleRequired(b) || a.required[0] !== b.required[0]) return undefined;
    fields.push(a.required[0]);
  }
  return fields;
}

function isSingleRequired(s) {
  return s && Object.keys(s).length === 1 && Array.isArray(s.required) && s.required.length === 1;
}
