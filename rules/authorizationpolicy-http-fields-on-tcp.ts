import { defineRule } from '../src/engine/index.ts';
import type { Workload } from '../src/graph/index.ts';
import { HTTP_ONLY_FIELDS, httpOnlyKey, isHttpProtocol, portProtocol, security, workloadPort, type AuthorizationPolicyInfo, type AuthzRule } from '../src/graph/security/index.ts';

const CASE = (port: string) => `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: orders-db, namespace: shop}
spec:
  selector: {matchLabels: {app: orders-db}}
  template:
    metadata: {labels: {app: orders-db}}
    spec: {containers: [{name: postgres, image: postgres:16, ports: [{containerPort: 5432}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: orders-db, namespace: shop}
spec:
  selector: {app: orders-db}
  ports: [{name: ${port}, port: 5432}]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: orders-db, namespace: shop}
spec:
  selector: {matchLabels: {app: orders-db}}
  action: ALLOW
  rules:
  - from: [{source: {principals: ["cluster.local/ns/shop/sa/orders"]}}]
    to: [{operation: {methods: [GET, POST]}}]
`;

const usesHttp = (r: AuthzRule) =>
  r.to.some((op) => op.names().some((k) => HTTP_ONLY_FIELDS.has(k))) || r.from.some((s) => s.names().some((k) => HTTP_ONLY_FIELDS.has(k))) || r.when.some((c) => httpOnlyKey(c.key));

export const authorizationpolicyHttpFieldsOnTcp = defineRule({
  id: 'authorizationpolicy-http-fields-on-tcp',
  severity: 'error',
  category: 'security',
  docs: {
    summary: 'An AuthorizationPolicy rule uses HTTP-only fields, but every port of the workloads it applies to is TCP.',
    description:
      '`methods`, `paths`, `hosts`, `requestPrincipals` (and their `not` forms) and `request.*` conditions need an HTTP ' +
      'request. On a TCP port Istio cannot evaluate them: it drops an ALLOW rule that uses them, so the rule allows ' +
      'nothing and connections are denied (reset right after the handshake); in a DENY rule it ignores them, so the rule ' +
      'denies every connection its other conditions match.',
    fix: 'Remove the HTTP-only fields (match on principals, namespaces, ipBlocks or ports), or declare the port as HTTP if it is.',
    bad: CASE('tcp-postgres'),
    good: CASE('http'),
    notes:
      'Ports are those of the Services selecting the workloads (restricted to `to.operation.ports` when set), with the ' +
      'protocol Istio derives from appProtocol or the port name; a port whose protocol Istio sniffs may be HTTP and ' +
      'silences the rule. AUDIT and CUSTOM policies are not checked.',
  },
  check(ctx) {
    const g = ctx.graph;
    const sec = g.facet(security);
    // Only workloads behind a port with a known non-HTTP protocol can make a rule TCP-only: find them once.
    const tcp = new Set<Workload>();
    for (const svc of g.services.all()) {
      if (svc.ports.some((p) => { const proto = portProtocol(svc, p); return proto !== undefined && !isHttpProtocol(proto); })) for (const w of g.services.workloadsOf(svc)) tcp.add(w);
    }
    const candidates = new Set<AuthorizationPolicyInfo>();
    for (const w of tcp) for (const ap of sec.authorizationPolicies.forWorkload(w)) candidates.add(ap);
    for (const ap of sec.authorizationPolicies.all) {
      if (!candidates.has(ap) || (ap.action !== 'ALLOW' && ap.action !== 'DENY') || !ap.rules.some(usesHttp)) continue;
      const ws = sec.authorizationPolicies.workloadsOf(ap).filter((w) => { const s = sec.sidecar(w); return s.state === 'in' && s.mode === 'sidecar'; });
      if (!ws.some((w) => tcp.has(w))) continue;
      const ports = ws.flatMap((w) => g.services.servicesOf(w).flatMap((svc) => svc.ports.map((p) => ({ svc, p, port: workloadPort(p, w), proto: portProtocol(svc, p) }))));
      // A port whose protocol may be HTTP (named so, or sniffed) keeps the fields meaningful for every rule.
      if (!ports.length || ports.every((x) => x.proto === undefined || isHttpProtocol(x.proto))) continue;
      for (const rule of ap.rules) {
        const only = rule.to.flatMap((op) => op.field('ports')?.values.map((v) => v.value) ?? []);
        const hit = ports.filter((x) => !only.length || (x.port !== undefined && only.includes(String(x.port))));
        if (!hit.length || hit.some((x) => x.proto === undefined || isHttpProtocol(x.proto))) continue;
        const field = rule.to.flatMap((op) => op.names().filter((k) => HTTP_ONLY_FIELDS.has(k)).map((k) => ({ name: k, pointer: `${op.pointer}/${k}` })))[0]
          ?? rule.from.flatMap((s) => s.names().filter((k) => HTTP_ONLY_FIELDS.has(k)).map((k) => ({ name: k, pointer: `${s.pointer}/${k}` })))[0]
          ?? rule.when.filter((c) => httpOnlyKey(c.key)).map((c) => ({ name: c.key, pointer: `${c.pointer}/key` }))[0];
        if (!field) continue;
        const { svc, p } = hit[0];
        const effect = ap.action === 'ALLOW' ? 'Istio drops this rule there, so it allows nothing and connections are denied' : 'Istio ignores those conditions there, so this rule denies every connection its other conditions match';
        ctx.report({
          resource: ap.resource,
          pointer: field.pointer,
          key: true,
          message: `Rule ${rule.index} uses "${field.name}", which needs HTTP, but the workloads of this policy serve only TCP (${svc.kind} "${svc.namespace}/${svc.name}" port ${p.port} is ${portProtocol(svc, p)}): ${effect}`,
          related: [{ resource: svc.resource, pointer: p.pointer, message: `${svc.kind} ${svc.namespace}/${svc.name} port ${p.port} (${p.name || 'unnamed'})` }],
          discriminator: String(rule.index),
          fix: 'Match TCP traffic on principals, namespaces, ipBlocks or ports instead.',
        });
      }
    }
  },
});
