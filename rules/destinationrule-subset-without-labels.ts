import { defineRule } from '../src/engine/index.ts';
import { isWildcard, resolveHost } from '../src/graph/index.ts';

export const destinationruleSubsetWithoutLabels = defineRule({
  id: 'destinationrule-subset-without-labels',
  severity: 'warning',
  category: 'correctness',
  kiali: 'KIA0209',
  docs: {
    summary: 'A DestinationRule subset has no labels.',
    description:
      'A subset without `labels` selects every endpoint of the service, so routing to it splits nothing: a version split ' +
      'that routes to it sends requests to all versions.',
    fix: 'Add the labels that identify the subset\'s pods (for example `version: v2`).',
    bad: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v2}
`,
    good: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v2, labels: {version: v2}}
`,
    notes: 'Kiali reports this only when the host is found; meshlint skips it only when the host is known to be missing (another rule reports that).',
  },
  check(ctx) {
    for (const dr of ctx.graph.routing.destinationRules) {
      const missingHost = !!dr.host && !isWildcard(dr.host) && resolveHost(ctx.graph, dr.host, dr.namespace, dr.exportTo).state === 'missing';
      if (missingHost) continue;
      for (const s of dr.subsets) {
        if (s.hasLabels) continue;
        ctx.report({ resource: dr.resource, pointer: s.pointer, message: `Subset "${s.name}" has no labels, so it selects every endpoint of "${dr.host}"`, fix: 'Add labels that select only the subset\'s pods.', discriminator: s.name });
      }
    }
  },
});
