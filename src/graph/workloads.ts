import type { Resource } from '../core/resource.ts';
import { labelMap } from './labels.ts';
import type { Container, ContainerPort, Workload, WorkloadString } from './types.ts';

/** Kinds that run pods, with the pointer of their pod template. */
export const POD_TEMPLATE: Readonly<Record<string, string>> = {
  Pod: '',
  Deployment: '/spec/template',
  StatefulSet: '/spec/template',
  DaemonSet: '/spec/template',
  ReplicaSet: '/spec/template',
  ReplicationController: '/spec/template',
  Job: '/spec/template',
  CronJob: '/spec/jobTemplate/spec/template',
  Rollout: '/spec/template',
  DeploymentConfig: '/spec/template',
};

export const WORKLOAD_KINDS: readonly string[] = [...Object.keys(POD_TEMPLATE), 'WorkloadEntry', 'WorkloadGroup'];

function at(obj: any, pointer: string): any {
  let cur = obj;
  for (const t of pointer.split('/').slice(1)) cur = cur && typeof cur === 'object' ? cur[t] : undefined;
  return cur;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The workload a resource declares, or undefined when it declares none. */
export function workloadOf(r: Resource): Workload | undefined {
  if (r.kind === 'WorkloadEntry' || r.kind === 'WorkloadGroup') {
    if (r.group !== 'networking.istio.io') return undefined;
    return vmWorkload(r);
  }
  const tp = POD_TEMPLATE[r.kind];
  if (tp === undefined) return undefined;
  if (r.kind === 'Pod' && r.group !== '') return undefined;
  const template = tp === '' ? r.object : at(r.object, tp);
  const spec = template?.spec;
  const meta = tp === '' ? r.object?.metadata : template?.metadata;
  const containers: Container[] = [];
  const base = `${tp}/spec`;
  for (const [field, init] of [['initContainers', true], ['containers', false]] as const) {
    const list = spec?.[field];
    if (!Array.isArray(list)) continue;
    list.forEach((c: any, i: number) => {
      if (c && typeof c === 'object') containers.push(container(c, `${base}/${field}/${i}`, init));
    });
  }
  return {
    resource: r,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    labels: tp === '' ? r.labels : labelMap(meta?.labels),
    annotations: tp === '' ? r.annotations : labelMap(meta?.annotations),
    serviceAccount: str(spec?.serviceAccountName) || str(spec?.serviceAccount),
    containers,
    podSpec: spec && typeof spec === 'object' ? spec : undefined,
    templatePointer: tp,
    synthetic: false,
  };
}

function vmWorkload(r: Resource): Workload {
  const entry = r.kind === 'WorkloadEntry';
  const spec = r.object?.spec;
  const labels = entry ? labelMap(spec?.labels) : labelMap(spec?.metadata?.labels);
  const annotations = entry ? r.annotations : labelMap(spec?.metadata?.annotations);
  const sa = entry ? str(spec?.serviceAccount) : str(spec?.template?.serviceAccount);
  const portsObj = entry ? spec?.ports : spec?.template?.ports;
  const ports: ContainerPort[] = [];
  if (portsObj && typeof portsObj === 'object' && !Array.isArray(portsObj)) {
    for (const [name, n] of Object.entries(portsObj)) if (typeof n === 'number') ports.push({ name, containerPort: n, protocol: 'TCP' });
  }
  const pointer = entry ? '' : '/spec/template';
  return {
    resource: r,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    labels,
    annotations,
    serviceAccount: sa,
    containers: ports.length ? [{ name: '', image: '', ports, strings: [], pointer, init: false }] : [],
    podSpec: undefined,
    templatePointer: entry ? '' : '/spec/metadata',
    synthetic: false,
  };
}

function container(c: any, pointer: string, init: boolean): Container {
  const ports: ContainerPort[] = [];
  if (Array.isArray(c.ports)) {
    for (const p of c.ports) {
      if (p && typeof p.containerPort === 'number') ports.push({ name: str(p.name), containerPort: p.containerPort, protocol: str(p.protocol) || 'TCP' });
    }
  }
  const strings: WorkloadString[] = [];
  if (Array.isArray(c.env)) {
    c.env.forEach((e: any, i: number) => {
      if (e && typeof e.value === 'string') strings.push({ pointer: `${pointer}/env/${i}/value`, value: e.value, env: str(e.name) });
    });
  }
  for (const field of ['command', 'args'] as const) {
    if (!Array.isArray(c[field])) continue;
    c[field].forEach((v: unknown, i: number) => {
      if (typeof v === 'string') strings.push({ pointer: `${pointer}/${field}/${i}`, value: v });
    });
  }
  return { name: str(c.name), image: str(c.image), ports, strings, pointer, init };
}
