import { defineRule, type RuleContext } from '../src/engine/index.ts';
import type { Resource } from '../src/core/index.ts';
import type { ObjectRef } from '../src/graph/index.ts';

const ROUTE_KINDS = ['http', 'tcp', 'tls'] as const;

export const vsRouteWeights = defineRule({
  id: 'vs-route-weights',
  severity: 'warning',
  category: 'correctness',
  docs: {
    summary: 'Route weights (VirtualService destinations, Gateway API backendRefs) must describe the traffic split you intend.',
    description:
      'Istio treats destination weights as relative shares (weight / sum), so weights that do not add up to 100 still ' +
      'route, just not in the proportions written. A destination with weight 0, or without a weight beside weighted ' +
      'siblings, receives no traffic at all. A single destination always receives 100% whatever its weight says. ' +
      'Negative weights, and several destinations whose weights total 0, are rejected by Istio. In HTTPRoute and GRPCRoute ' +
      '`backendRefs` an omitted weight is 1 (not 0), so it still gets a small share beside weighted backends, and when ' +
      'every backend has weight 0 requests fail with 500.',
    fix: 'Make the weights of each route add up to 100, and give every destination that should receive traffic a weight above 0.',
    bad: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
      weight: 70
    - destination: {host: reviews, subset: v2}
      weight: 20
`,
    good: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
      weight: 80
    - destination: {host: reviews, subset: v2}
      weight: 20
`,
    notes:
      'The single-destination finding is Kiali\'s KIA1104, which is the only weight check Kiali makes; istioctl analyze checks none of these. ' +
      'Gateway API weights are proportions by design, so their sum is not checked.',
  },
  check(ctx) {
    for (const vs of ctx.graph.resources.ofKind('VirtualService', 'networking.istio.io')) {
      for (const kind of ROUTE_KINDS) {
        const routes = vs.object.spec?.[kind];
        if (!Array.isArray(routes)) continue;
        routes.forEach((r: any, i: number) => {
          if (r && Array.isArray(r.route) && r.route.length) checkRoute(ctx, vs, `/spec/${kind}/${i}/route`, r.route);
        });
      }
    }
    for (const route of ctx.graph.gatewayApi.routes) for (const rule of route.rules) if (rule.backends.length) checkBackends(ctx, route.resource, rule.backends);
  },
});

function describe(d: any): string {
  const host = typeof d?.destination?.host === 'string' ? d.destination.host : '?';
  const port = d?.destination?.port?.number;
  const subset = typeof d?.destination?.subset === 'string' ? ` subset ${d.destination.subset}` : '';
  return `${host}${port ? `:${port}` : ''}${subset}`;
}

function percent(n: number): string {
  return `${Number.isInteger(n) ? n : n.toFixed(1)}%`;
}

export function checkRoute(ctx: RuleContext, res: Resource, at: string, dests: any[]): void {
  const weights = dests.map((d) => (typeof d?.weight === 'number' ? d.weight : undefined));
  let bad = false;
  weights.forEach((w, j) => {
    if (w !== undefined && w < 0) {
      bad = true;
      ctx.report({ resource: res, pointer: `${at}/${j}/weight`, severity: 'error', message: `Negative weight ${w} for ${describe(dests[j])}: Istio rejects the VirtualService`, fix: 'Use a weight between 0 and 100.' });
    }
  });
  if (bad) return;
  if (dests.length === 1) {
    const w = weights[0];
    if (w !== undefined && w > 0 && w < 100) {
      ctx.report({ resource: res, pointer: `${at}/0/weight`, message: `The only destination, ${describe(dests[0])}, has weight ${w} but receives 100% of the traffic`, codes: { kiali: 'KIA1104' }, fix: 'Remove the weight, or add the destination that should receive the rest.' });
    }
    return;
  }
  const sum = weights.reduce<number>((a, w) => a + (w ?? 0), 0);
  const anyWeighted = weights.some((w) => w !== undefined);
  if (sum === 0) {
    const where = anyWeighted ? `${at}/${weights.findIndex((w) => w !== undefined)}/weight` : at;
    ctx.report({ resource: res, pointer: where, severity: 'error', message: `The ${dests.length} destinations of this route have weights totalling 0: Istio rejects the VirtualService`, fix: 'Give the destinations weights that add up to 100.' });
    return;
  }
  weights.forEach((w, j) => {
    if (!w) {
      const what = w === undefined ? 'has no weight beside weighted destinations' : 'has weight 0';
      ctx.report({ resource: res, pointer: w === undefined ? `${at}/${j}` : `${at}/${j}/weight`, message: `Destination ${describe(dests[j])} ${what}, so it receives no traffic`, fix: 'Give it a weight above 0, or remove it from the route.', discriminator: `zero-${j}` });
    }
  });
  if (sum !== 100) {
    const split = dests.map((d, j) => `${describe(d)} ${percent(((weights[j] ?? 0) * 100) / sum)}`).join(', ');
    const first = weights.findIndex((w) => w !== undefined);
    ctx.report({ resource: res, pointer: `${at}/${first}/weight`, message: `Route weights add up to ${sum}, not 100; Istio treats them as relative, so the effective split is ${split}`, fix: 'Adjust the weights so they add up to 100.', discriminator: 'sum' });
  }
}

/** Gateway API backendRefs: weight defaults to 1; all-zero weights make the route answer 500. */
function checkBackends(ctx: RuleContext, res: Resource, refs: readonly ObjectRef[]): void {
  const name = (b: ObjectRef) => `${b.name}${b.port ? `:${b.port}` : ''}`;
  const weights = refs.map((b) => b.weight ?? 1);
  if (weights.every((w) => w === 0)) {
    ctx.report({ resource: res, pointer: `${refs[0].pointer}/weight`, severity: 'error', message: `Every backend of this rule has weight 0, so requests matching it fail with 500`, fix: 'Give at least one backend a weight above 0.', discriminator: refs[0].pointer });
    return;
  }
  if (refs.length === 1) {
    const w = refs[0].weight;
    if (w !== undefined && w > 1 && w < 100) ctx.report({ resource: res, pointer: `${refs[0].pointer}/weight`, message: `The only backend, ${name(refs[0])}, has weight ${w} but receives 100% of the traffic`, fix: 'Remove the weight, or add the backend that should receive the rest.', discriminator: refs[0].pointer });
    return;
  }
  const sum = weights.reduce((a, w) => a + w, 0);
  const anyWeighted = refs.some((b) => b.weight !== undefined && b.weight !== 1);
  refs.forEach((b, j) => {
    if (b.weight === 0) ctx.report({ resource: res, pointer: `${b.pointer}/weight`, message: `Backend ${name(b)} has weight 0, so it receives no traffic`, fix: 'Give it a weight above 0, or remove it.', discriminator: b.pointer });
    else if (b.weight === undefined && anyWeighted) ctx.report({ resource: res, pointer: b.pointer, message: `Backend ${name(b)} has no weight, which counts as 1: it receives ${percent((100 * weights[j]) / sum)} of the traffic`, fix: 'Give it an explicit weight (0 for no traffic).', discriminator: b.pointer });
  });
}
