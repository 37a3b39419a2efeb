import { defineRule } from '../src/engine/index.ts';
import type { DestinationRuleInfo } from '../src/graph/index.ts';

export const destinationruleOverlapping = defineRule({
  id: 'destinationrule-overlapping',
  severity: 'warning',
  category: 'correctness',
  kiali: 'KIA0201',
  docs: {
    summary: 'Two DestinationRules for the same host define the same subset, or both define a traffic policy.',
    description:
      'istiod merges DestinationRules for one host that apply in the same namespace: subsets are combined, but when two ' +
      'define a subset with the same name, or both set a top-level traffic policy, only the first one (oldest) counts and ' +
      'the other is silently ignored. Which one wins depends on creation order.',
    fix: 'Merge the two DestinationRules into one, or give their subsets different names.',
    bad: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets: [{name: v1, labels: {version: v1}}]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews-canary, namespace: bookinfo}
spec:
  host: reviews.bookinfo.svc.cluster.local
  subsets: [{name: v1, labels: {version: v1-canary}}]
`,
    good: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets: [{name: v1, labels: {version: v1}}]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews-canary, namespace: bookinfo}
spec:
  host: reviews.bookinfo.svc.cluster.local
  subsets: [{name: v1-canary, labels: {version: v1-canary}}]
`,
    notes:
      'Kiali also treats wildcard hosts as overlapping every host they cover; istiod applies only the most specific ' +
      'DestinationRule for a host, so a namespace- or mesh-wide wildcard rule beside a specific one is the normal layering ' +
      'and is not reported. Rules in different namespaces do not merge (the client\'s namespace wins) and are not reported.',
  },
  check(ctx) {
    const byHost = new Map<string, DestinationRuleInfo[]>();
    for (const dr of ctx.graph.routing.destinationRules) {
      if (!dr.host) continue;
      const key = `${dr.namespace}\0${dr.fqdn}`;
      const list = byHost.get(key);
      if (list) list.push(dr);
      else byHost.set(key, [dr]);
    }
    for (const group of byHost.values()) {
      if (group.length < 2) continue;
      for (const dr of group) {
        const clashes = group.filter((o) => o !== dr && overlap(dr, o));
        if (!clashes.length) continue;
        const what = clashes.map((o) => `"${o.namespace}/${o.name}"${shared(dr, o).length ? ` (subsets ${shared(dr, o).join(', ')})` : ' (traffic policy)'}`).join(', ');
        ctx.report({
          resource: dr.resource,
          pointer: '/spec/host',
          message: `DestinationRule ${what} also configures host "${dr.fqdn}"; istiod keeps only the first definition of each, the others are ignored`,
          related: clashes.map((o) => ({ resource: o.resource, pointer: '/spec/host', message: `DestinationRule ${o.namespace}/${o.name}` })),
          fix: 'Merge them into one DestinationRule.',
        });
      }
    }
  },
});

function shared(a: DestinationRuleInfo, b: DestinationRuleInfo): string[] {
  const names = new Set(b.subsets.map((s) => s.name));
  return a.subsets.filter((s) => names.has(s.name)).map((s) => s.name);
}

function overlap(a: DestinationRuleInfo, b: DestinationRuleInfo): boolean {
  if (shared(a, b).length) return true;
  return !!a.resource.object?.spec?.trafficPolicy && !!b.resource.object?.spec?.trafficPolicy;
}
