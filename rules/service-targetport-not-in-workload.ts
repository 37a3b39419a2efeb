import { defineRule } from '../src/engine/index.ts';
import type { Workload } from '../src/graph/index.ts';

const POD_KINDS = new Set(['WorkloadEntry', 'WorkloadGroup']);
const CASE = (name: string) => `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080, targetPort: web}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: reviews}}
  template:
    metadata: {labels: {app: reviews}}
    spec:
      containers: [{name: reviews, image: reviews:1, ports: [{name: ${name}, containerPort: 9080}]}]
`;

const declares = (w: Workload, name: string) => w.containers.some((c) => !c.init && c.ports.some((p) => p.name === name));

export const serviceTargetportNotInWorkload = defineRule({
  id: 'service-targetport-not-in-workload',
  severity: 'warning',
  category: 'correctness',
  kiali: 'KIA0701',
  docs: {
    summary: 'A Service port\'s named targetPort is not a container port of the workloads it selects.',
    description:
      'A named `targetPort` is resolved per pod, from the container ports of that name. A pod with no such port is left ' +
      'out of the Service\'s endpoints for that port: when no selected workload declares it, the port has no endpoints at ' +
      'all and every connection to it fails (503 "no healthy upstream" in the mesh, connection refused without it).',
    fix: 'Name the container port as the targetPort says, or write the targetPort as the container port number.',
    bad: CASE('http-web'),
    good: CASE('web'),
    notes:
      'Kiali also compares numeric targetPorts with `containerPort`s, and looks only at the first Deployment whose own ' +
      'labels match. Kubernetes and Istio do not need a numeric port to be declared in the pod spec (the declaration is ' +
      'informational), so meshlint checks named targetPorts only, against every workload the selector matches (pod ' +
      'template labels). Workloads without containers in the inputs and WorkloadEntries are not judged.',
  },
  check(ctx) {
    const g = ctx.graph;
    for (const svc of g.services.all()) {
      if (svc.kind !== 'Service' || svc.synthetic) continue;
      const named = svc.ports.filter((p) => typeof p.targetPort === 'string' && p.targetPort !== '' && !/^\d+$/.test(p.targetPort));
      if (!named.length) continue;
      const workloads = g.services.workloadsOf(svc).filter((w) => !w.synthetic && !POD_KINDS.has(w.kind) && w.containers.length);
      if (!workloads.length) continue;
      for (const p of named) {
        const name = p.targetPort as string;
        const lacking = workloads.filter((w) => !declares(w, name));
        if (!lacking.length) continue;
        const all = lacking.length === workloads.length;
        const shown = lacking.slice(0, 3).map((w) => `${w.kind} "${w.namespace}/${w.name}"`).join(', ') + (lacking.length > 3 ? ` and ${lacking.length - 3} more` : '');
        ctx.report({
          resource: svc.resource,
          pointer: `${p.pointer}/targetPort`,
          message: all
            ? `Service port ${p.port} targets port "${name}", which no container of ${shown} declares: the port has no endpoints and connections to it fail`
            : `Service port ${p.port} targets port "${name}", which ${shown} ${lacking.length > 1 ? 'do' : 'does'} not declare: ${lacking.length > 1 ? 'their' : 'its'} pods get no traffic on it`,
          related: lacking.slice(0, 3).map((w) => ({ resource: w.resource, pointer: w.containers.find((c) => !c.init)?.pointer, message: `${w.kind} ${w.namespace}/${w.name} has no container port named ${name}` })),
          fix: `Name the container port "${name}", or write the targetPort as a number.`,
        });
      }
    }
  },
});
