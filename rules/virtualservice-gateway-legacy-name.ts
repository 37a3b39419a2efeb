import { defineRule } from '../src/engine/index.ts';

/** Istio's reading of a slash-less dotted gateway name: `name.ns[.svc.cluster.local]` → `ns/name`. */
function legacyRef(ref: string): string | undefined {
  if (ref.includes('/') || !ref.includes('.')) return undefined;
  const [name, ns] = ref.split('.');
  return name && ns ? `${ns}/${name}` : undefined;
}

export const virtualserviceGatewayLegacyName = defineRule({
  id: 'virtualservice-gateway-legacy-name',
  severity: 'info',
  category: 'hygiene',
  kiali: 'KIA1108',
  docs: {
    summary: 'A VirtualService names a gateway as `name.namespace` instead of `namespace/name`.',
    description:
      'Istio still accepts the old `name.namespace` (or `name.namespace.svc.cluster.local`) spelling of a gateway ' +
      'reference and reads it as `namespace/name`, for backward compatibility only. The form is easy to misread — ' +
      'a dot is also legal inside a Gateway name, where this spelling cannot reach it — and tools that only know ' +
      '`namespace/name` treat it as a gateway of the VirtualService\'s own namespace.',
    fix: 'Write the reference as `namespace/name`.',
    bad: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: bookinfo, namespace: bookinfo}
spec:
  hosts: ["bookinfo.example.com"]
  gateways: [bookinfo-gateway.istio-ingress]
  http: [{route: [{destination: {host: productpage}}]}]
`,
    good: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: bookinfo, namespace: bookinfo}
spec:
  hosts: ["bookinfo.example.com"]
  gateways: [istio-ingress/bookinfo-gateway]
  http: [{route: [{destination: {host: productpage}}]}]
`,
    notes: 'Checks `spec.gateways` and `http[].match[].gateways`, as Kiali does. Whether the Gateway exists is virtualservice-gateway-not-found\'s concern.',
  },
  check(ctx) {
    for (const vs of ctx.graph.routing.virtualServices) {
      const refs: { value: string; pointer: string }[] = [...vs.gateways];
      const http = vs.resource.object?.spec?.http;
      if (Array.isArray(http)) {
        http.forEach((rt: any, i: number) => {
          if (!Array.isArray(rt?.match)) return;
          rt.match.forEach((m: any, j: number) => {
            if (Array.isArray(m?.gateways)) m.gateways.forEach((gw: unknown, k: number) => typeof gw === 'string' && refs.push({ value: gw, pointer: `/spec/http/${i}/match/${j}/gateways/${k}` }));
          });
        });
      }
      for (const { value, pointer } of refs) {
        const preferred = legacyRef(value);
        if (!preferred) continue;
        ctx.report({
          resource: vs.resource,
          pointer,
          message: `Gateway reference "${value}" uses the legacy name.namespace form; Istio reads it as "${preferred}"`,
          fix: `Write "${preferred}".`,
        });
      }
    }
  },
});
