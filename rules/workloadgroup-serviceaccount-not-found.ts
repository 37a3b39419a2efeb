import { defineRule } from '../src/engine/index.ts';
import { security, type Identities } from '../src/graph/security/index.ts';

export const workloadgroupServiceaccountNotFound = defineRule({
  id: 'workloadgroup-serviceaccount-not-found',
  severity: 'warning',
  category: 'correctness',
  kiali: 'KIA1701',
  docs: {
    summary: 'A WorkloadGroup runs its VMs as a service account that does not exist in its namespace.',
    description:
      'The VMs of a WorkloadGroup join the mesh with a token for `template.serviceAccount` in the group\'s namespace, and ' +
      'run with its identity. When no ServiceAccount of that name exists there, no token can be issued for it: the VMs ' +
      'cannot join the mesh, and policies naming the identity match nothing.',
    fix: 'Name an existing ServiceAccount, or create it in the WorkloadGroup\'s namespace.',
    bad: `apiVersion: v1
kind: ServiceAccount
metadata: {name: billing-vm, namespace: billing}
---
apiVersion: networking.istio.io/v1
kind: WorkloadGroup
metadata: {name: billing, namespace: billing}
spec:
  metadata:
    labels: {app: billing}
  template:
    serviceAccount: billing-vms
`,
    good: `apiVersion: v1
kind: ServiceAccount
metadata: {name: billing-vm, namespace: billing}
---
apiVersion: networking.istio.io/v1
kind: WorkloadGroup
metadata: {name: billing, namespace: billing}
spec:
  metadata:
    labels: {app: billing}
  template:
    serviceAccount: billing-vm
`,
    notes:
      'Kiali accepts only a service account some workload of the namespace runs as, which flags the usual setup of a ' +
      'dedicated ServiceAccount for the VMs; here a ServiceAccount object of that name counts too. The namespace\'s ' +
      'service accounts are checked only when some ServiceAccount of that namespace is among the inputs, or with ' +
      '--closed-world. `default` always exists.',
  },
  check(ctx) {
    const g = ctx.graph;
    const nsWithAccounts = new Set(g.resources.ofKind('ServiceAccount', '').map((r) => r.namespace));
    let ids: Identities | undefined;
    for (const wg of g.resources.ofKind('WorkloadGroup', 'networking.istio.io')) {
      const sa = wg.object?.spec?.template?.serviceAccount;
      if (typeof sa !== 'string' || !sa || sa === 'default') continue;
      if (!nsWithAccounts.has(wg.namespace) && !ctx.closedWorld) continue;
      ids ??= g.facet(security).identities;
      if (ids.serviceAccounts(wg.namespace).has(sa)) continue;
      ctx.report({
        resource: wg,
        pointer: '/spec/template/serviceAccount',
        message: `ServiceAccount "${sa}" does not exist in namespace "${wg.namespace}" and no workload there runs as it, so the VMs of this WorkloadGroup cannot be issued a token to join the mesh`,
        fix: `Name an existing ServiceAccount, or create "${sa}" in "${wg.namespace}".`,
      });
    }
  },
});
