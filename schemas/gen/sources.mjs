// Reads the upstream schema data: Istio's and Gateway API's CRDs, Kubernetes' OpenAPI v3 documents.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';

/** Kubernetes kinds validated (per OpenAPI file); others in the files are known but not validated. */
export const K8S_FILES = {
  'api__v1_openapi.json': ['ConfigMap', 'Endpoints', 'LimitRange', 'Namespace', 'Node', 'PersistentVolume', 'PersistentVolumeClaim', 'Pod', 'PodTemplate', 'ReplicationController', 'ResourceQuota', 'Secret', 'Service', 'ServiceAccount'],
  'apis__admissionregistration.k8s.io__v1_openapi.json': ['MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration'],
  'apis__apps__v1_openapi.json': ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  'apis__autoscaling__v2_openapi.json': ['HorizontalPodAutoscaler'],
  'apis__batch__v1_openapi.json': ['CronJob', 'Job'],
  'apis__networking.k8s.io__v1_openapi.json': ['Ingress', 'IngressClass', 'NetworkPolicy'],
  'apis__policy__v1_openapi.json': ['PodDisruptionBudget'],
  'apis__rbac.authorization.k8s.io__v1_openapi.json': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
};

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** Every `{group, version, kind, def}` that a Kubernetes OpenAPI file declares, and its definitions. */
export function readKubernetes(dataDir) {
  const docs = [];
  for (const [file, validated] of Object.entries(K8S_FILES)) {
    const doc = JSON.parse(readFileSync(join(dataDir, 'kubernetes/openapi-v3', file), 'utf8'));
    const schemas = doc.components.schemas;
    const kinds = [];
    for (const [name, s] of Object.entries(schemas)) {
      for (const gvk of s['x-kubernetes-group-version-kind'] ?? []) {
        if (!name.startsWith('io.k8s.api.') || name.includes('.meta.v1.')) continue;
        if (!file.includes(gvk.group ? `__${gvk.group}__` : 'api__v1')) continue;
        kinds.push({ group: gvk.group, version: gvk.version, kind: gvk.kind, def: name, validated: validated.includes(gvk.kind) });
      }
    }
    docs.push({ file, schemas, kinds });
  }
  return docs;
}

/** Definitions reachable from `roots` through $ref. */
export function reachable(schemas, roots, prefix = '#/components/schemas/') {
  const seen = new Set();
  const stack = [...roots];
  while (stack.length) {
    const name = stack.pop();
    if (seen.has(name) || !schemas[name]) continue;
    seen.add(name);
    const walk = (n) => {
      if (!n || typeof n !== 'object') return;
      if (Array.isArray(n)) return n.forEach(walk);
      if (typeof n.$ref === 'string') stack.push(n.$ref.replace(prefix, ''));
      for (const v of Object.values(n)) walk(v);
    };
    walk(schemas[name]);
  }
  return [...seen].sort();
}

export function objectMetaDefs(dataDir) {
  const core = JSON.parse(readFileSync(join(dataDir, 'kubernetes/openapi-v3/api__v1_openapi.json'), 'utf8')).components.schemas;
  const names = reachable(core, [OBJECT_META]);
  return { root: OBJECT_META, defs: Object.fromEntries(names.map((n) => [n, core[n]])) };
}

/** CRDs of a YAML file (other documents are skipped). */
function crdsOf(path) {
  return loadAll(readFileSync(path, 'utf8')).filter((d) => d && d.kind === 'CustomResourceDefinition');
}

export function readIstio(dataDir) {
  return crdsOf(join(dataDir, 'istio/crd-all.gen.yaml'));
}

export function readGatewayApi(dataDir) {
  const out = {};
  for (const channel of ['standard', 'experimental']) {
    const dir = join(dataDir, 'gateway-api', channel);
    out[channel] = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().flatMap((f) => crdsOf(join(dir, f)));
  }
  return out;
}

/** Source versions, read from the data set's own README so schemas/README.md can quote them. */
export function sourceVersions(dataDir) {
  const text = readFileSync(join(dataDir, 'README.md'), 'utf8');
  const grab = (re) => re.exec(text)?.[1] ?? 'unknown';
  return {
    kubernetes: grab(/Kubernetes OpenAPI v3 discovery documents \((Kubernetes [0-9.]+)\)/),
    gatewayApi: grab(/Gateway API CRDs, release (v[0-9.]+)/),
    gatewayApiCommit: grab(/tag v[0-9.]+ \(commit ([0-9a-f]{40})/),
    istio: grab(/istio\/istio @ ([0-9a-f]{40})/),
  };
}
