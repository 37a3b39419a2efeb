import { defineRule } from '../src/engine/index.ts';
import { GATEWAY_API } from '../src/graph/index.ts';

export const referencegrantNamespaceNotFound = defineRule({
  id: 'referencegrant-namespace-not-found',
  severity: 'error',
  category: 'correctness',
  kiali: 'KIA1601',
  docs: {
    summary: 'A ReferenceGrant admits references from a namespace that does not exist.',
    description:
      'A ReferenceGrant lets objects of the kinds and namespaces in `spec.from` refer to objects of its own namespace. ' +
      'A `from` entry naming a namespace that does not exist grants nothing: the routes or Gateways it was meant for ' +
      '(usually in a namespace whose name is misspelled here) still have their cross-namespace references refused.',
    fix: 'Correct the namespace name.',
    bad: `apiVersion: v1
kind: Namespace
metadata: {name: web}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: from-web, namespace: shop}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: wbe}]
  to: [{group: "", kind: Service}]
`,
    good: `apiVersion: v1
kind: Namespace
metadata: {name: web}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: from-web, namespace: shop}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: web}]
  to: [{group: "", kind: Service}]
`,
    notes:
      'A namespace counts as existing when a Namespace object declares it or some input lives in it. Namespaces are ' +
      'checked only when some Namespace object is among the inputs, or with --closed-world.',
  },
  check(ctx) {
    const ns = ctx.graph.namespaces;
    if (!ns.anyDeclared && !ctx.closedWorld) return;
    for (const grant of ctx.graph.resources.ofKind('ReferenceGrant', GATEWAY_API)) {
      const from = grant.object?.spec?.from;
      if (!Array.isArray(from)) continue;
      from.forEach((f: any, i: number) => {
        const name = f?.namespace;
        if (typeof name !== 'string' || !name || ns.has(name)) return;
        ctx.report({
          resource: grant,
          pointer: `/spec/from/${i}/namespace`,
          message: `Namespace "${name}" does not exist, so this ReferenceGrant admits no ${typeof f.kind === 'string' && f.kind ? f.kind : 'object'} references into "${grant.namespace}"`,
          fix: 'Correct the namespace name.',
        });
      });
    }
  },
});
