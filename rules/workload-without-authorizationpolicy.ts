import { defineRule } from '../src/engine/index.ts';
import { security } from '../src/graph/security/index.ts';

export const workloadWithoutAuthorizationpolicy = defineRule({
  id: 'workload-without-authorizationpolicy',
  severity: 'info',
  category: 'security',
  kiali: 'KIA1301',
  defaultOff: true,
  docs: {
    summary: 'A workload in the mesh is covered by no AuthorizationPolicy (off by default).',
    description:
      'Without an AuthorizationPolicy that applies to it — one without a selector in its namespace or in the root namespace, ' +
      'or one whose selector matches its labels — a workload accepts every request its sidecar lets through: any caller in ' +
      'the mesh can reach it. Teams that run "deny by default" turn this rule on (`rules: { workload-without-authorizationpolicy: warning }`) ' +
      'to find the workloads a policy was forgotten for.',
    fix: 'Add an AuthorizationPolicy for the workload (or a namespace-wide one), even an explicit ALLOW of the callers it expects.',
    bad: `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  template:
    metadata: {labels: {app: cart}}
    spec: {containers: [{name: cart, image: cart:1.0}]}
`,
    good: `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  template:
    metadata: {labels: {app: cart}}
    spec: {containers: [{name: cart, image: cart:1.0}]}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: cart, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  rules: [{from: [{source: {principals: ["cluster.local/ns/shop/sa/frontend"]}}]}]
`,
    notes:
      'Kiali ships this check switched off (`validations.ignore: [KIA1301]`); so does meshlint: it runs only when a level is ' +
      'set for it. Unlike Kiali, workloads that are not in the mesh are not reported (without a proxy no AuthorizationPolicy ' +
      'applies to them), nor are gateways and the control plane. Policies that name the workload\'s Service through ' +
      '`targetRefs` are not counted.',
  },
  check(ctx) {
    const g = ctx.graph;
    const sec = g.facet(security);
    for (const w of g.workloads.all()) {
      if (w.synthetic || w.kind === 'WorkloadGroup') continue;
      const status = sec.sidecar(w);
      if (status.state !== 'in' || status.mode === 'gateway' || status.mode === 'control-plane') continue;
      if (sec.authorizationPolicies.forWorkload(w).length) continue;
      ctx.report({
        resource: w.resource,
        pointer: '/metadata/name',
        message: `${w.kind} "${w.namespace}/${w.name}" is covered by no AuthorizationPolicy, so every caller in the mesh can reach it`,
        fix: `Add an AuthorizationPolicy for it in "${w.namespace}" (selector matching its labels), or a namespace-wide one.`,
      });
    }
  },
});
