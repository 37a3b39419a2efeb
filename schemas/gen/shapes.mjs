// Reduces an upstream schema (Kubernetes OpenAPI v3 or a CRD's structural schema) to the shape of the data:
// types, fields, required fields, enums and descriptions. schemas/resources.schema.json collects these
// shapes for every validated kind; the policy type declarations are generated from that file alone.
// Validation details (patterns, bounds, CEL rules, defaults) are left out: they do not change a type.

const K8S_REF = '#/components/schemas/';

/**
 * @param {object} node the upstream schema
 * @param {{crd?: boolean, root?: boolean}} opts crd: required fields with a default are filled in by the
 *   API server, so a manifest may omit them; root: the kind's own schema (its status is left open)
 */
export function shapeOf(node, { crd = false, root = false } = {}) {
  if (!node || typeof node !== 'object') return {};
  const out = {};
  const description = typeof node.description === 'string' ? node.description.trim() : '';
  if (description) out.description = description;
  const ref = node.$ref ?? (Array.isArray(node.allOf) && node.allOf.length === 1 ? node.allOf[0].$ref : undefined);
  if (typeof ref === 'string') return { $ref: ref.startsWith(K8S_REF) ? `#/definitions/${ref.slice(K8S_REF.length)}` : ref, ...out };
  const type = typeOf(node);
  if (type) out.type = type;
  if (Array.isArray(node.enum)) {
    const values = node.enum.filter((v) => v !== null);
    if (values.length) out.enum = values;
  }
  if (node.properties) {
    out.properties = {};
    for (const [k, v] of Object.entries(node.properties)) {
      // A manifest's status is written by controllers and ignored by the API server: kept open.
      out.properties[k] = root && k === 'status' ? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } : shapeOf(v, { crd });
    }
    const required = Array.isArray(node.required) ? node.required.filter((k) => node.properties[k] && (!crd || node.properties[k].default === undefined)) : [];
    if (required.length) out.required = required;
  }
  if (node.additionalProperties && typeof node.additionalProperties === 'object') out.additionalProperties = shapeOf(node.additionalProperties, { crd });
  else if (node.additionalProperties === true) out.additionalProperties = true;
  if (node.items && typeof node.items === 'object' && !Array.isArray(node.items)) out.items = shapeOf(node.items, { crd });
  if (node['x-kubernetes-preserve-unknown-fields'] === true) out['x-kubernetes-preserve-unknown-fields'] = true;
  return out;
}

function typeOf(node) {
  if (node['x-kubernetes-int-or-string'] || node.format === 'int-or-string') return ['integer', 'string'];
  if (typeof node.type === 'string') return node.type;
  for (const list of [node.oneOf, node.anyOf]) {
    if (Array.isArray(list) && list.length && list.every((s) => s && typeof s.type === 'string')) return [...new Set(list.map((s) => s.type))];
  }
  return undefined;
}
