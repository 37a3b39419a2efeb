import type { Resource } from '../core/resource.ts';
import { displayPath, quote, type Finding } from './finding.ts';

// Value rules the API server checks in Go (k8s.io/kubernetes pkg/apis/*/validation), not in its OpenAPI
// documents: port numbers and names, replica counts. The schema says only "int32" or "int-or-string".

const POD_SPEC: Record<string, string> = {
  Pod: '/spec',
  Deployment: '/spec/template/spec',
  StatefulSet: '/spec/template/spec',
  DaemonSet: '/spec/template/spec',
  ReplicaSet: '/spec/template/spec',
  ReplicationController: '/spec/template/spec',
  Job: '/spec/template/spec',
  CronJob: '/spec/jobTemplate/spec/template/spec',
};
const REPLICATED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);
const SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const PORT_RANGE = 'must be in the range 1-65535';

type Report = (pointer: string, text: string) => void;

/** Go-side value checks of the Kubernetes kinds meshlint reads, as `schema` findings at the field. */
export function kubernetesFindings(r: Resource, out: Finding[]): void {
  const spec = r.object.spec;
  if (!isObj(spec)) return;
  const report: Report = (pointer, text) => out.push({ ruleId: 'schema', resource: r, pointer, discriminator: text, message: `${displayPath(pointer)}: ${text}` });
  if (r.kind === 'Service') service(report, spec);
  if (REPLICATED.has(r.kind) && typeof spec.replicas === 'number' && spec.replicas < 0) report('/spec/replicas', `replicas ${spec.replicas} must not be negative`);
  const at = POD_SPEC[r.kind];
  if (at) podSpec(report, r.object, at);
}

/** An IANA service name, as port names must be: at most 15 characters, a letter among them, no "--". */
export function svcNameProblem(name: string): string | undefined {
  if (name.length > 15) return `port name ${quote(name)} is longer than 15 characters`;
  if (!SVC_NAME.test(name) || name.includes('--')) return `port name ${quote(name)} must be lower-case letters, digits and single "-" (not first or last)`;
  if (!/[a-z]/.test(name)) return `port name ${quote(name)} must contain a letter`;
  return undefined;
}

function validPort(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535;
}

/** A port given as a number (1-65535) or as the name of a container port; a quoted number is a name, and an invalid one. */
function intOrName(report: Report, at: string, v: unknown, zeroOk = false): void {
  if (typeof v === 'number' && !validPort(v) && !(zeroOk && v === 0)) report(at, `port ${v} ${PORT_RANGE}`);
  else if (typeof v === 'string' && /^\d+$/.test(v)) report(at, `port ${quote(v)} is quoted, so it is read as a port name, and names need a letter; write the number without quotes`);
  else if (typeof v === 'string') {
    const problem = svcNameProblem(v);
    if (problem) report(at, problem);
  }
}

function service(report: Report, spec: Record<string, any>): void {
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  const names = new Set<string>();
  ports.forEach((p: unknown, i: number) => {
    if (!isObj(p)) return;
    const at = `/spec/ports/${i}`;
    if (p.port !== undefined && typeof p.port === 'number' && !validPort(p.port)) report(`${at}/port`, `port ${p.port} ${PORT_RANGE}`);
    // targetPort 0 (or none) defaults to the port.
    if (p.targetPort !== undefined) intOrName(report, `${at}/targetPort`, p.targetPort, true);
    if (typeof p.nodePort === 'number' && p.nodePort !== 0 && !validPort(p.nodePort)) report(`${at}/nodePort`, `nodePort ${p.nodePort} ${PORT_RANGE}`);
    if (typeof p.name === 'string' && p.name !== '') {
      if (p.name.length > 63 || !DNS_LABEL.test(p.name)) report(`${at}/name`, `port name ${quote(p.name)} must be a DNS label (lower-case letters, digits and "-")`);
      else if (names.has(p.name)) report(`${at}/name`, `duplicate port name ${quote(p.name)}`);
      names.add(p.name);
    } else if (ports.length > 1) report(at, 'a port needs a name when the Service has several ports');
  });
}

function podSpec(report: Report, object: Record<string, any>, at: string): void {
  let spec: any = object;
  for (const t of at.split('/').slice(1)) spec = isObj(spec) ? spec[t] : undefined;
  if (!isObj(spec)) return;
  for (const field of ['initContainers', 'containers'] as const) {
    const list = Array.isArray(spec[field]) ? spec[field] : [];
    list.forEach((c: unknown, i: number) => isObj(c) && container(report, `${at}/${field}/${i}`, c));
  }
}

function container(report: Report, at: string, c: Record<string, any>): void {
  const names = new Set<string>();
  (Array.isArray(c.ports) ? c.ports : []).forEach((p: unknown, i: number) => {
    if (!isObj(p)) return;
    const pat = `${at}/ports/${i}`;
    if (typeof p.containerPort === 'number' && !validPort(p.containerPort)) report(`${pat}/containerPort`, `containerPort ${p.containerPort} ${PORT_RANGE}`);
    if (typeof p.hostPort === 'number' && p.hostPort !== 0 && !validPort(p.hostPort)) report(`${pat}/hostPort`, `hostPort ${p.hostPort} ${PORT_RANGE}`);
    if (typeof p.name === 'string' && p.name !== '') {
      const problem = svcNameProblem(p.name);
      if (problem) report(`${pat}/name`, problem);
      else if (names.has(p.name)) report(`${pat}/name`, `duplicate port name ${quote(p.name)}`);
      names.add(p.name);
    }
  });
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const pr = c[probe];
    if (!isObj(pr)) continue;
    for (const handler of ['httpGet', 'tcpSocket']) if (isObj(pr[handler]) && pr[handler].port !== undefined) intOrName(report, `${at}/${probe}/${handler}/port`, pr[handler].port);
    if (isObj(pr.grpc) && typeof pr.grpc.port === 'number' && !validPort(pr.grpc.port)) report(`${at}/${probe}/grpc/port`, `port ${pr.grpc.port} ${PORT_RANGE}`);
  }
}

const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
