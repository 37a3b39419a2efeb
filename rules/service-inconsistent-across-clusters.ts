import type { Resource } from '../src/core/index.ts';
import { defineRule } from '../src/engine/index.ts';

interface Difference {
  reason: string;
  pointer: string;
  /** Point at the key (a list), not the value. */
  key?: boolean;
}

const headless = (r: Resource) => r.object?.spec?.clusterIP === 'None';
/** The API server's default type; istioctl analyze compares the field as written. */
const type = (r: Resource) => (typeof r.object?.spec?.type === 'string' && r.object.spec.type) || 'ClusterIP';
/** Ports as the API server stores them, sorted by name; nodePorts are left out, as each cluster allocates its own. */
function ports(r: Resource): string {
  const list = Array.isArray(r.object?.spec?.ports) ? r.object.spec.ports : [];
  return JSON.stringify(list.map((p: any) => [p?.name ?? '', p?.protocol || 'TCP', p?.appProtocol ?? '', p?.port, p?.targetPort ?? p?.port]).sort((a: any[], b: any[]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

function differences(first: Resource, other: Resource): Difference[] {
  const out: Difference[] = [];
  if (headless(first) !== headless(other)) out.push({ reason: 'service has mixed mode like headless and clusterIP', pointer: '/spec/clusterIP' });
  if (type(first) !== type(other)) out.push({ reason: 'service type is inconsistent', pointer: '/spec/type' });
  if (ports(first) !== ports(other)) out.push({ reason: 'service ports are inconsistent', pointer: '/spec/ports', key: true });
  return out;
}

/**
 * How each copy's cluster is named, when the copies are one per cluster: live objects (distinct metadata.uid, which
 * one cluster never holds twice for a name), or, under --closed-world, copies from different files.
 */
function clusterNames(copies: readonly Resource[], closedWorld: boolean): string[] | undefined {
  const files = copies.map((c) => c.file);
  const distinctFiles = new Set(files).size === copies.length;
  const uids = copies.map((c) => c.object?.metadata?.uid);
  if (uids.every((u) => typeof u === 'string' && u) && new Set(uids).size === uids.length) return distinctFiles ? files : uids.map((u) => `uid ${u}`);
  return closedWorld && distinctFiles ? files : undefined;
}

const SERVICE = (ports: string) => `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo, uid: UID}
spec:
  selector: {app: reviews}
  ports: [${ports}]
`;

export const serviceInconsistentAcrossClusters = defineRule({
  id: 'service-inconsistent-across-clusters',
  severity: 'warning',
  category: 'correctness',
  istio: 'IST0170',
  istioAnalyzer: 'services.MultiClusterServiceAnalyzer',
  docs: {
    summary: 'The same Service is defined differently in the clusters of a multi-cluster mesh.',
    description:
      'istiod merges the Services of the same name and namespace from every cluster into one service. When the copies ' +
      'differ — one headless and one with a cluster IP, another type, other ports — clients everywhere get one copy\'s ' +
      'view: requests to a port that only some clusters serve fail there, and headless and load-balanced endpoints mix.',
    fix: 'Make the Service identical in every cluster (ports, type, clusterIP: None or not).',
    bad: `${SERVICE('{name: http, port: 9080}').replace('UID', 'a1')}---\n${SERVICE('{name: http, port: 9080}, {name: grpc, port: 9090}').replace('UID', 'b2')}`,
    good: `${SERVICE('{name: http, port: 9080}').replace('UID', 'a1')}`,
    notes:
      'Copies are taken for clusters when they were read from clusters (distinct metadata.uid: one cluster never holds two ' +
      'objects of one name), or, under --closed-world, when they come from different files (one file or directory per ' +
      'cluster, as the multi-cluster analysis of istioctl analyze takes them). Otherwise a Service defined twice is ' +
      'probably one per environment and is not reported. An unset type counts as ClusterIP, a missing protocol as TCP, ' +
      'and node ports are not compared: each cluster allocates its own.',
  },
  check(ctx) {
    const store = ctx.graph.resources;
    const groups = new Map<string, Resource[]>();
    for (const r of store.replaced) if (r.kind === 'Service' && r.group === '') (groups.get(r.key) ?? groups.set(r.key, []).get(r.key)!).push(r);
    for (const [key, earlier] of groups) {
      const last = store.get('', 'Service', ...(key.split('/').slice(2) as [string, string]));
      if (!last) continue;
      const copies = [...earlier, last];
      const clusters = clusterNames(copies, ctx.closedWorld);
      if (!clusters) continue;
      const diffs = new Map<string, Difference>();
      for (const c of copies.slice(1)) for (const d of differences(copies[0], c)) if (!diffs.has(d.reason)) diffs.set(d.reason, d);
      if (!diffs.size) continue;
      const [first] = diffs.values();
      ctx.report({
        resource: last,
        pointer: first.pointer,
        key: first.key,
        message: `Service "${last.namespace}/${last.name}" differs between clusters (${clusters.join(', ')}): ${[...diffs.keys()].join('; ')}; istiod merges them into one service, so clients get one cluster's view`,
        related: earlier.map((c) => ({ resource: c, pointer: first.pointer, message: `Service ${c.namespace}/${c.name} in ${c.file}` })),
        fix: 'Make the Service identical in every cluster.',
      });
    }
  },
});
