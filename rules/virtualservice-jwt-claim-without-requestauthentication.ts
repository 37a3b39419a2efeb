import { defineRule } from '../src/engine/index.ts';
import { mapSelector, resolveGateway } from '../src/graph/index.ts';
import { security } from '../src/graph/security/index.ts';

const CLAIM = /^@request\.auth\.claims(\.[^.]|\[.)/i;
const CASE = (withRa: boolean) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["api.example.com"]}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: api, namespace: istio-system}
spec:
  hosts: [api.example.com]
  gateways: [public]
  http:
  - match: [{headers: {"@request.auth.claims.group": {exact: beta}}}]
    route: [{destination: {host: api-beta.shop.svc.cluster.local}}]
${withRa ? `---
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt, namespace: istio-system}
spec:
  selector: {matchLabels: {istio: ingressgateway}}
  jwtRules: [{issuer: "https://issuer.example.com", jwksUri: "https://issuer.example.com/jwks.json"}]
` : ''}`;

/** The first claim-matching header key of the VirtualService's HTTP matches, with its pointer. */
function claimKey(spec: any): { key: string; pointer: string } | undefined {
  const http = Array.isArray(spec?.http) ? spec.http : [];
  for (let i = 0; i < http.length; i++) {
    const matches = Array.isArray(http[i]?.match) ? http[i].match : [];
    for (let j = 0; j < matches.length; j++) {
      for (const field of ['headers', 'withoutHeaders']) {
        const h = matches[j]?.[field];
        if (!h || typeof h !== 'object') continue;
        const key = Object.keys(h).find((k) => CLAIM.test(k));
        if (key) return { key, pointer: `/spec/http/${i}/match/${j}/${field}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` };
      }
    }
  }
  return undefined;
}

export const virtualserviceJwtClaimWithoutRequestauthentication = defineRule({
  id: 'virtualservice-jwt-claim-without-requestauthentication',
  severity: 'error',
  category: 'security',
  istio: 'IST0149',
  istioAnalyzer: 'virtualservice.JWTClaimRouteAnalyzer',
  docs: {
    summary: 'A gateway VirtualService routes on JWT claims, but no RequestAuthentication applies to the gateway pods.',
    description:
      'Matching `@request.auth.claims.<name>` needs the claims of a validated JWT. Only a RequestAuthentication that ' +
      'applies to the gateway pods makes the proxy validate the token; without one the claims are never set, so the route ' +
      'never matches (and a `withoutHeaders` claim match always does).',
    fix: 'Add a RequestAuthentication selecting the gateway pods (in their namespace or the root namespace).',
    bad: CASE(false),
    good: CASE(true),
    notes: 'As istioctl analyze, one finding per gateway (naming the first uncovered pod); RequestAuthentications are looked up in the pod\'s namespace and the root namespace.',
  },
  check(ctx) {
    const g = ctx.graph;
    const sec = g.facet(security);
    for (const vs of g.routing.virtualServices) {
      const claim = claimKey(vs.resource.object?.spec);
      if (!claim) continue;
      for (const ref of vs.gateways) {
        if (ref.value === 'mesh') continue;
        const gw = resolveGateway(g, ref.value, vs.namespace).targets.find((t) => t.kind === 'istio');
        if (gw?.kind !== 'istio') continue;
        const pod = g.workloads.select(mapSelector(gw.gateway.selector)).find((w) => !sec.requestAuthenticationsFor(w).length);
        if (!pod) continue;
        ctx.report({
          resource: vs.resource,
          pointer: claim.pointer,
          key: true,
          message: `Route matches JWT claim "${claim.key}" but no RequestAuthentication applies to ${pod.kind} "${pod.namespace}/${pod.name}" of Gateway "${gw.gateway.namespace}/${gw.gateway.name}": the claim is never set, so the match never succeeds`,
          related: [{ resource: gw.gateway.resource, pointer: '/spec/selector', message: `Gateway ${gw.gateway.namespace}/${gw.gateway.name} runs on ${pod.namespace}/${pod.name}` }],
          discriminator: ref.value,
          fix: `Add a RequestAuthentication for the gateway pods (selector ${Object.entries(gw.gateway.selector).map(([k, v]) => `${k}=${v}`).join(',') || '{}'}) in namespace "${pod.namespace}" or "${g.mesh.rootNamespace}".`,
        });
      }
    }
  },
});
