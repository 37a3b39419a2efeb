import { defineRule } from '../src/engine/index.ts';
import type { Workload } from '../src/graph/index.ts';
import { expectedProxyImages, security } from '../src/graph/security/index.ts';

const CASE = (tag: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: istio-sidecar-injector, namespace: istio-system}
data:
  values: '{"global":{"hub":"docker.io/istio","tag":"1.24.2","proxy":{"image":"proxyv2"}}}'
---
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Pod
metadata: {name: cart-7d9f, namespace: shop, uid: 5b0c7a4e-1b8e-4c55-9a7e-0d3f2c1b9a10}
spec:
  containers:
  - {name: cart, image: cart:1}
  - {name: istio-proxy, image: "docker.io/istio/proxyv2:${tag}"}
`;

export const namespaceProxyImageMismatch = defineRule({
  id: 'namespace-proxy-image-mismatch',
  severity: 'warning',
  category: 'security',
  istio: 'IST0158',
  istioAnalyzer: 'injection.ImageAnalyzer',
  docs: {
    summary: 'Pods of an injected namespace run another istio-proxy image than the injector now injects.',
    description:
      'The sidecar image is fixed when a pod is created. After a control-plane upgrade, pods started before it keep the ' +
      'old proxy until they are recreated: they miss fixes (including security fixes) and may not understand configuration ' +
      'the new istiod sends.',
    fix: 'Restart the workloads of the namespace (kubectl rollout restart) so they get the current proxy.',
    bad: CASE('1.22.0'),
    good: CASE('1.24.2'),
    notes:
      'As istioctl analyze: only Pods are checked (pod templates get the image at injection time), in namespaces labelled ' +
      'istio-injection=enabled or istio.io/rev; the injector ConfigMap of the namespace\'s revision gives the image, with ' +
      'the image variant (distroless…) from MeshConfig, ProxyConfigs and the pod annotation. Pods that set ' +
      'sidecar.istio.io/proxyImage are skipped.',
  },
  check(ctx) {
    const g = ctx.graph;
    const sec = g.facet(security);
    const stale = new Map<string, { pods: Workload[]; expected: string; found: string }>();
    for (const w of g.workloads.all()) {
      if (w.kind !== 'Pod' || w.synthetic || w.annotations['sidecar.istio.io/proxyImage'] !== undefined) continue;
      const labels = g.namespaces.labels(w.namespace);
      const rev = labels['istio.io/rev'] ?? (labels['istio-injection'] === 'enabled' ? 'default' : undefined);
      if (rev === undefined) continue;
      const proxies = w.containers.filter((c) => c.name === 'istio-proxy');
      const want = proxies.length ? expectedProxyImages(g, sec.injector, w, rev) : undefined;
      const bad = want && proxies.find((c) => !want.includes(c.image));
      if (!want || !bad) continue;
      const entry = stale.get(w.namespace) ?? { pods: [], expected: want[want.length - 1], found: bad.image };
      entry.pods.push(w);
      stale.set(w.namespace, entry);
    }
    for (const [ns, { pods, expected, found }] of stale) {
      const nsObj = g.namespaces.get(ns)?.resource;
      if (!nsObj) continue;
      const names = pods.map((p) => p.name).sort();
      ctx.report({
        resource: nsObj,
        pointer: '/metadata/name',
        message: `${names.length === 1 ? 'Pod' : 'Pods'} ${names.map((n) => `"${n}"`).join(', ')} of namespace "${ns}" ${names.length === 1 ? 'runs' : 'run'} istio-proxy image "${found}", not "${expected}" that the injector now injects: ${names.length === 1 ? 'it keeps' : 'they keep'} the old proxy until recreated`,
        related: pods.slice(0, 3).map((p) => ({ resource: p.resource, pointer: p.containers.find((c) => c.name === 'istio-proxy')!.pointer + '/image', message: `Pod ${p.namespace}/${p.name}` })),
        fix: `Restart the workloads of namespace "${ns}" (kubectl rollout restart).`,
      });
    }
  },
});
