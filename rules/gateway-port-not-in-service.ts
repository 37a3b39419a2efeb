import { defineRule } from '../src/engine/index.ts';
import { labelsMatch, mapSelector, selectorText, type MeshGraph, type Workload } from '../src/graph/index.ts';

export const gatewayPortNotInService = defineRule({
  id: 'gateway-port-not-in-service',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0162',
  istioAnalyzer: 'gateway.IngressGatewayPortAnalyzer',
  docs: {
    summary: 'A Gateway listens on a port its gateway Service does not expose.',
    description:
      'A Gateway server port is the port the gateway pod listens on. Clients reach it through the gateway\'s Service, so ' +
      'some Service selecting the gateway pods must have that port as its targetPort (or port). Otherwise the server is ' +
      'configured but unreachable from outside the pod.',
    fix: 'Add the port to the gateway Service (targetPort = the server port), or use a port the Service exposes.',
    bad: `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: web}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 8443, name: https, protocol: HTTPS}, hosts: ["*"], tls: {mode: SIMPLE, credentialName: web-cert}}]
`,
    good: `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: web}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: ["*"], tls: {mode: SIMPLE, credentialName: web-cert}}]
`,
    notes:
      'The assumed default ingress gateway Service exposes 80, 443, 31400 and 15443. istioctl analyze counts only Service ports ' +
      'that say `protocol: TCP`; Kubernetes defaults an omitted protocol to TCP, and so does meshlint. istioctl analyze also ' +
      'ignores a named targetPort; meshlint resolves it to the gateway pods\' container port of that name, as Kubernetes does.',
  },
  check(ctx) {
    for (const gw of ctx.graph.gateways.istio) {
      const pods = ctx.graph.workloads.select(mapSelector(gw.selector));
      if (!pods.length) continue;
      const exposed = exposedPorts(ctx.graph, pods);
      if (!exposed) continue;
      for (const s of gw.servers) {
        if (s.port === undefined || exposed.has(s.port)) continue;
        ctx.report({
          resource: gw.resource,
          pointer: `${s.pointer}/port/number`,
          message: `Port ${s.port} is not exposed by any Service of the gateway pods (selector ${selectorText(gw.selector)}), so clients cannot reach this server`,
          fix: `Add a Service port with targetPort ${s.port} to the gateway Service.`,
        });
      }
    }
  },
});

/** Ports reachable through Services selecting the pods (target ports, and ports with a numeric target); undefined when no Service is known there. */
function exposedPorts(g: MeshGraph, pods: readonly Workload[]): Set<number> | undefined {
  const out = new Set<number>();
  let known = false;
  for (const pod of pods) {
    for (const svc of g.services.inNamespace(pod.namespace)) {
      if (svc.kind !== 'Service') continue;
      known = true;
      if (svc.selector && !labelsMatch(svc.selector, pod.labels)) continue;
      for (const p of svc.ports) {
        if (p.protocol !== '' && p.protocol !== 'TCP') continue;
        const target = targetNumber(p.targetPort, pod);
        out.add(target || p.port);
        if (target) out.add(p.port);
      }
    }
  }
  return known || g.closedWorld ? out : undefined;
}

/** The pod port a Service targetPort lands on: a number, or a named port of the pod's containers; 0 when unknown. */
function targetNumber(target: unknown, pod: Workload): number {
  if (typeof target === 'number') return target;
  if (typeof target !== 'string' || target === '') return 0;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.containers) {
    const named = c.ports.find((cp) => cp.name === target);
    if (named && typeof named.containerPort === 'number') return named.containerPort;
  }
  return 0;
}
