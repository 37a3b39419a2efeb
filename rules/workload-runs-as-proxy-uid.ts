import { defineRule } from '../src/engine/index.ts';

const PROXY_UID = 1337;
const PROXIES = new Set(['istio-proxy', 'istio-operator']);
const CASE = (uid: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      securityContext: {runAsUser: ${uid}}
      containers: [{name: web, image: web:1}]
`;

export const workloadRunsAsProxyUid = defineRule({
  id: 'workload-runs-as-proxy-uid',
  severity: 'warning',
  category: 'security',
  istio: 'IST0144',
  istioAnalyzer: 'applicationUID.Analyzer',
  docs: {
    summary: 'An application container runs as user ID 1337, the UID reserved for the Istio proxy.',
    description:
      'The sidecar\'s iptables rules let traffic from UID 1337 leave the pod without going through the proxy, so that the ' +
      'proxy\'s own connections are not captured. An application running as 1337 therefore bypasses the sidecar: its ' +
      'outbound calls are plaintext, unrouted and unauthenticated, and STRICT peers reset them.',
    fix: 'Run the application as another user ID.',
    bad: CASE(1337),
    good: CASE(1000),
    notes: 'As istioctl analyze: Istio control-plane objects (a label key `istio`, or `release: istio`) and init containers are not checked. The Istio code is set for Pods and Deployments, the kinds istioctl analyze reads.',
  },
  check(ctx) {
    for (const w of ctx.graph.workloads.all()) {
      const spec = w.podSpec;
      if (w.synthetic || !spec || w.resource.labels.istio !== undefined || w.resource.labels.release === 'istio') continue;
      let pointer: string | undefined;
      if (spec.securityContext?.runAsUser === PROXY_UID) pointer = `${w.templatePointer}/spec/securityContext/runAsUser`;
      else {
        const c = w.containers.find((x) => !x.init && !PROXIES.has(x.name) && spec.containers?.[Number(x.pointer.split('/').pop())]?.securityContext?.runAsUser === PROXY_UID);
        if (c) pointer = `${c.pointer}/securityContext/runAsUser`;
      }
      if (!pointer) continue;
      ctx.report({
        resource: w.resource,
        pointer,
        message: `${w.kind} "${w.name}" runs as user ID 1337, which the sidecar reserves for itself: its traffic bypasses the proxy and is sent unencrypted`,
        codes: w.kind === 'Pod' || w.kind === 'Deployment' ? undefined : { istio: undefined, istioAnalyzer: undefined },
        fix: 'Set runAsUser to another user ID.',
      });
    }
  },
});
