import { defineRule } from '../src/engine/index.ts';
import type { Resource } from '../src/core/index.ts';
import { collisions, groupBy } from './_collisions.ts';

export const workloadgroupDuplicateLabels = defineRule({
  id: 'workloadgroup-duplicate-labels',
  severity: 'warning',
  category: 'correctness',
  kiali: 'KIA1702',
  docs: {
    summary: 'Two WorkloadGroups in one namespace give their VMs the same labels.',
    description:
      'The WorkloadEntries registered for the VMs of a WorkloadGroup carry the labels of `spec.metadata.labels`. When two ' +
      'groups of a namespace use the same labels, every Service, DestinationRule subset and policy that selects the VMs of ' +
      'one group selects those of the other as well: traffic is spread over both sets of VMs.',
    fix: 'Give each WorkloadGroup a label the other does not have (for example its own `app` or `version`).',
    bad: `apiVersion: networking.istio.io/v1
kind: WorkloadGroup
metadata: {name: billing, namespace: billing}
spec:
  metadata:
    labels: {app: billing}
  template:
    serviceAccount: billing
---
apiVersion: networking.istio.io/v1
kind: WorkloadGroup
metadata: {name: billing-canary, namespace: billing}
spec:
  metadata:
    labels: {app: billing}
  template:
    serviceAccount: billing
`,
    good: `apiVersion: networking.istio.io/v1
kind: WorkloadGroup
metadata: {name: billing, namespace: billing}
spec:
  metadata:
    labels: {app: billing, version: v1}
  template:
    serviceAccount: billing
---
apiVersion: networking.istio.io/v1
kind: WorkloadGroup
metadata: {name: billing-canary, namespace: billing}
spec:
  metadata:
    labels: {app: billing, version: v2}
  template:
    serviceAccount: billing
`,
    notes: 'Labels are compared as sets (order does not matter). Groups without labels are not compared: nothing can select their VMs by label.',
  },
  check(ctx) {
    const labelKey = (wg: Resource) => {
      const labels = wg.object?.spec?.metadata?.labels;
      if (!labels || typeof labels !== 'object' || Array.isArray(labels)) return undefined;
      const pairs = Object.entries(labels).map(([k, v]) => `${k}=${String(v)}`).sort();
      return pairs.length ? `${wg.namespace}\0${pairs.join('\0')}` : undefined;
    };
    for (const { item: wg, others } of collisions(groupBy(ctx.graph.resources.ofKind('WorkloadGroup', 'networking.istio.io'), labelKey))) {
      ctx.report({
        resource: wg,
        pointer: '/spec/metadata/labels',
        key: true,
        message: `WorkloadGroup${others.length > 1 ? 's' : ''} ${others.map((o) => `"${o.name}"`).join(', ')} in "${wg.namespace}" ${others.length > 1 ? 'have' : 'has'} the same labels, so whatever selects the VMs of one group also selects those of the ${others.length > 1 ? 'others' : 'other'}`,
        related: others.map((o) => ({ resource: o, pointer: '/spec/metadata/labels', message: `WorkloadGroup ${o.namespace}/${o.name}` })),
        fix: 'Give each WorkloadGroup a label of its own.',
      });
    }
  },
});
