// Deterministic generator of a realistic mesh: N services over about N/25 namespaces, each service with its
// Deployment(s), Service, ServiceAccount, VirtualService, DestinationRule and AuthorizationPolicy; each namespace
// with injection, a PeerAuthentication, a Sidecar, a ServiceEntry and a public Gateway. A fixed share of services
// carries a planted error whose finding the generator records.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as m from './manifests.ts';
import type { Svc } from './manifests.ts';

export interface Expected {
  /** Planted error kind. */
  kind: PlantKind;
  /** The rule id expected to report it. */
  rule: string;
  /** Istio code and analyzer of the finding, when `istioctl analyze` has one: a rule carrying them also counts. */
  istio?: string;
  istioAnalyzer?: string;
  /** `Kind ns/name` of the resource the finding is about, and other resources a rule may reasonably pick. */
  resource: string;
  alternatives?: string[];
  /** File (relative to the per-file layout root) that holds the resource. */
  file: string;
}

export type PlantKind =
  | 'undefined-subset'
  | 'weights-not-100'
  | 'host-not-found'
  | 'gateway-selects-no-pod'
  | 'schema-wrong-type'
  | 'strict-called-by-uninjected'
  | 'uninjected-namespace';

/** One service in every PERIOD carries each kind of planted error (N = 200 plants each kind once). */
const PERIOD = 200;
const PLANTS: readonly PlantKind[] = ['undefined-subset', 'weights-not-100', 'host-not-found', 'gateway-selects-no-pod', 'schema-wrong-type', 'strict-called-by-uninjected', 'uninjected-namespace'];
const SERVICES_PER_NAMESPACE = 25;
const PUBLISHED_PER_NAMESPACE = 3;

const NOUNS = ['orders', 'payments', 'catalog', 'cart', 'checkout', 'shipping', 'billing', 'invoices', 'accounts', 'profiles', 'search', 'ratings', 'reviews', 'inventory', 'pricing', 'promotions', 'notifications', 'emails', 'sessions', 'tokens', 'ledger', 'refunds', 'quotes', 'stock', 'returns', 'media', 'thumbnails', 'feeds', 'audit', 'reports'];

export interface MeshFile {
  path: string;
  text: string;
  docs: number;
}

export interface Mesh {
  services: number;
  namespaces: number;
  files: MeshFile[];
  expected: Expected[];
  resources: number;
  bytes: number;
}

/** Small, fast, deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const url = (s: Svc, from: string) => (s.ns === from ? `http://${s.name}:${m.PORT}/api` : `http://${s.name}.${s.ns}.svc.cluster.local:${m.PORT}/api`);
const isStrict = (nsIndex: number) => nsIndex % 3 === 0;

export function plantAt(i: number): PlantKind | undefined {
  const slot = i % PERIOD;
  const k = PLANTS.findIndex((_, j) => slot === 7 + j * 29);
  return k < 0 ? undefined : PLANTS[k];
}

export function generateMesh(n: number, seed = 20240611): Mesh {
  const rand = rng(seed ^ n);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const nsCount = Math.max(2, Math.ceil(n / SERVICES_PER_NAMESPACE));
  const nsName = (k: number) => `team-${pad(k, 4)}`;
  const partner = (k: number) => `api.partner-${pad(k, 4)}.example.com`;
  const svcs: Svc[] = [];
  const byNs: Svc[][] = Array.from({ length: nsCount }, () => []);
  for (let i = 0; i < n; i++) {
    const k = Math.min(nsCount - 1, Math.floor(i / SERVICES_PER_NAMESPACE));
    const s: Svc = { name: `${NOUNS[i % NOUNS.length]}-${pad(i, 5)}`, ns: nsName(k), versions: rand() < 0.4 ? ['v1', 'v2'] : ['v1'], calls: [], callers: [] };
    if (plantAt(i) === 'weights-not-100') s.versions = ['v1', 'v2'];
    svcs.push(s);
    byNs[k].push(s);
  }
  const imports: Set<string>[] = byNs.map(() => new Set());
  svcs.forEach((s, i) => {
    const k = Math.min(nsCount - 1, Math.floor(i / SERVICES_PER_NAMESPACE));
    const targets = [pick(byNs[k])];
    if (rand() < 0.7) targets.push(pick(byNs[Math.floor(rand() * nsCount)]));
    for (const t of new Set(targets)) {
      if (t === s) continue;
      s.calls.push(url(t, s.ns));
      t.callers.push(m.principal(s.ns, s.name));
      if (t.ns !== s.ns) imports[k].add(t.ns);
    }
    if (rand() < 0.2) s.calls.push(`https://${partner(k)}`);
  });
  for (let k = 0; k < nsCount; k++) for (const s of byNs[k].slice(0, PUBLISHED_PER_NAMESPACE)) s.callers.push(m.principal('istio-system', m.GATEWAY_SA));

  const files: MeshFile[] = [{ path: 'istio-system/ingress-gateway.yaml', text: m.ingressGateway(), docs: 3 }];
  const expected: Expected[] = [];
  const legacy: Legacy[] = [];
  const add = (path: string, docs: string[]) => files.push({ path, text: docs.join('---\n'), docs: docs.length });
  for (let k = 0; k < nsCount; k++) {
    const ns = nsName(k);
    const host = `${ns}.example.com`;
    add(`${ns}/_namespace.yaml`, [
      m.namespace(ns, true, `team-${k % 40}`),
      m.peerAuthentication(ns, isStrict(k) ? 'STRICT' : 'PERMISSIVE'),
      m.sidecar(ns, [...imports[k]].sort()),
      m.serviceEntry(ns, partner(k)),
      m.publicGateway(ns, host, 'ingressgateway'),
      m.publicRoutes(ns, host, byNs[k].slice(0, PUBLISHED_PER_NAMESPACE).map((s) => s.name)),
    ]);
    byNs[k].forEach((s, j) => {
      const i = k * SERVICES_PER_NAMESPACE + j;
      add(`${ns}/${s.name}.yaml`, serviceDocs(s, plantAt(i), i, k, byNs, expected, legacy));
    });
  }
  for (const w of legacy) add(`${w.ns}/${w.name}.yaml`, [m.namespace(w.ns, false, 'legacy'), m.serviceAccount(w.name, w.ns), m.deployment(w, 'v1', '1')]);
  let bytes = 0;
  let resources = 0;
  for (const f of files) {
    bytes += Buffer.byteLength(f.text);
    resources += f.docs;
  }
  return { services: n, namespaces: nsCount, files, expected, resources, bytes };
}

/** The documents of one service's file, with its planted error (if any) applied and recorded. */
function serviceDocs(s: Svc, plant: PlantKind | undefined, i: number, k: number, byNs: Svc[][], expected: Expected[], legacy: Legacy[]): string[] {
  const file = `${s.ns}/${s.name}.yaml`;
  const vs = `VirtualService ${s.ns}/${s.name}`;
  const split: [string, number][] = s.versions.length > 1 ? [['v1', 90], ['v2', 10]] : [['v1', 100]];
  const route: m.RouteShape = { split, matchHost: s.name, matchSubset: s.versions.at(-1) };
  let replicas = '2';
  const docs: string[] = [];
  switch (plant) {
    case 'undefined-subset':
      route.split = [['v1', 90], ['v3', 10]];
      expected.push({ kind: plant, rule: 'virtualservice-subset-not-found', istio: 'IST0101', istioAnalyzer: 'virtualservice.DestinationRuleAnalyzer', resource: vs, file });
      break;
    case 'weights-not-100':
      route.split = [['v1', 70], ['v2', 20]];
      expected.push({ kind: plant, rule: 'vs-route-weights', resource: vs, file });
      break;
    case 'host-not-found':
      route.matchHost = `${s.name}-legacy`;
      route.matchSubset = undefined;
      expected.push({ kind: plant, rule: 'virtualservice-destination-host-not-found', istio: 'IST0101', istioAnalyzer: 'virtualservice.DestinationHostAnalyzer', resource: vs, file });
      break;
    case 'gateway-selects-no-pod':
      docs.push(m.publicGateway(s.ns, `${s.name}-canary.example.com`, `${s.name}-canary-gateway`, `${s.name}-canary`));
      expected.push({ kind: plant, rule: 'gateway-selector-no-workload', istio: 'IST0101', istioAnalyzer: 'gateway.IngressGatewayPortAnalyzer', resource: `Gateway ${s.ns}/${s.name}-canary`, file });
      break;
    case 'schema-wrong-type':
      replicas = '"two"';
      expected.push({ kind: plant, rule: 'schema', resource: `Deployment ${s.ns}/${s.name}-v1`, file });
      break;
    case 'strict-called-by-uninjected': {
      // The caller lives in a namespace of its own without injection; the callee's namespace is STRICT.
      const target = byNs[k - (k % 3)][0];
      const w: Legacy = { ns: `legacy-${pad(i, 5)}`, name: `${s.name}-client`, calls: [] };
      w.calls.push(url(target, w.ns));
      legacy.push(w);
      const file = `${w.ns}/${w.name}.yaml`;
      expected.push({
        kind: plant, rule: 'mtls-strict-non-mesh-client', resource: `Deployment ${w.ns}/${w.name}-v1`, file,
        alternatives: [`PeerAuthentication ${target.ns}/default`, `Service ${target.ns}/${target.name}`, ...target.versions.map((v) => `Deployment ${target.ns}/${target.name}-${v}`)],
      });
      expected.push({ kind: plant, rule: 'namespace-not-injected', istio: 'IST0102', istioAnalyzer: 'injection.Analyzer', resource: `Namespace ${w.ns}`, file });
      break;
    }
    case 'uninjected-namespace': {
      const w: Legacy = { ns: `batch-${pad(i, 5)}`, name: `${s.name}-batch`, calls: ['https://api.partner.example.com/export'] };
      legacy.push(w);
      expected.push({ kind: plant, rule: 'namespace-not-injected', istio: 'IST0102', istioAnalyzer: 'injection.Analyzer', resource: `Namespace ${w.ns}`, file: `${w.ns}/${w.name}.yaml` });
      break;
    }
  }
  docs.unshift(
    m.serviceAccount(s.name, s.ns),
    ...s.versions.map((v) => m.deployment(s, v, v === 'v1' ? replicas : '1')),
    m.service(s),
    m.virtualService(s, route),
    m.destinationRule(s),
    m.authorizationPolicy(s),
  );
  return docs;
}

/** A workload without sidecar, alone in a namespace without injection. */
interface Legacy {
  ns: string;
  name: string;
  calls: string[];
}

export interface Written {
  /** Root of the one-file-per-service layout. */
  perFile: string;
  /** Root holding the one multi-document file. */
  multiDoc: string;
  multiDocFile: string;
}

/** Writes both layouts under `root`. */
export function writeMesh(mesh: Mesh, root: string): Written {
  const perFile = join(root, 'per-file');
  const multiDoc = join(root, 'multi-doc');
  const dirs = new Set<string>();
  for (const f of mesh.files) {
    const abs = join(perFile, f.path);
    const dir = dirname(abs);
    if (!dirs.has(dir)) mkdirSync(dir, { recursive: true });
    dirs.add(dir);
    writeFileSync(abs, f.text);
  }
  mkdirSync(multiDoc, { recursive: true });
  const multiDocFile = join(multiDoc, 'mesh.yaml');
  writeFileSync(multiDocFile, mesh.files.map((f) => `# ${f.path}\n${f.text}`).join('---\n'));
  return { perFile, multiDoc, multiDocFile };
}
