// Runs loaded policies over a mesh graph: each policy once per resource of its kinds, with one step
// budget per policy per run. Errors in a policy become `policy-error` findings; the run goes on.
// Findings leave the worker as raw data naming resources by index; `toDiagnostics` (host side) places them.
import { makeDiagnostic } from '../core/diagnostic.ts';
import type { Resource } from '../core/resource.ts';
import { resourceLabel } from '../core/resource.ts';
import type { Diagnostic, Location } from '../core/types.ts';
import type { MeshGraph } from '../graph/index.ts';
import { makeContext, ofKind, type PolicyCursor } from './context.ts';
import type { LoadedPolicy, PolicyMeta } from './load.ts';
import { POLICY_ERROR, type RawError, type RawFinding } from './protocol.ts';
import { BudgetExceeded, PolicyRuntimeError, rt } from './runtime/values.ts';
import { Views } from './views.ts';

/** After this many failing resources a policy is stopped: its bug is not worth thousands of findings. */
const MAX_ERRORS = 20;

/** Resources a policy checks, in a fixed order (the host recomputes it to name the resource after a timeout). */
export function matching(meta: Pick<PolicyMeta, 'kinds'>, graph: MeshGraph): Resource[] {
  const out: Resource[] = [];
  const seen = new Set<Resource>();
  for (const k of meta.kinds) for (const r of ofKind(graph, k)) if (!seen.has(r)) seen.add(r), out.push(r);
  return out;
}

export function policyError(meta: Pick<PolicyMeta, 'id' | 'file'>, r: Resource | undefined, message: string): Diagnostic {
  return makeDiagnostic({
    ruleId: POLICY_ERROR,
    severity: 'error',
    message: `Policy "${meta.id}" ${r ? `failed on ${resourceLabel(r.ref)}` : 'failed'}: ${message}`,
    location: r ? r.location() : { file: meta.file, range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } },
    resource: r?.ref,
    discriminator: meta.id,
  });
}

export interface RunHooks {
  /** Called before each resource with its index in `matching(...)` (the host's watchdog reads it). */
  onResource?(index: number): void;
}

/** Index of a resource in the run's resource list (-1 for objects the graph made up, such as the default ingress pod). */
export type IndexOf = (r: Resource) => number;

export function runPolicy(policy: LoadedPolicy, graph: MeshGraph, views: Views, steps: number, indexOf: IndexOf, hooks: RunHooks = {}): { findings: RawFinding[]; errors: RawError[] } {
  const { meta } = policy;
  const cursor: PolicyCursor = { current: undefined, findings: [] };
  const ctx = makeContext(graph, views, cursor);
  const errors: RawError[] = [];
  const resources = matching(meta, graph);
  rt.steps = 0;
  rt.budget = steps;
  let failures = 0;
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    hooks.onResource?.(i);
    cursor.current = r;
    rt.depth = 0;
    rt.pos = undefined;
    try {
      policy.check(views.object(r), ctx);
    } catch (e) {
      const stop = e instanceof BudgetExceeded || ++failures >= MAX_ERRORS;
      const left = resources.length - i - 1;
      const why = stop && left ? `; the policy was stopped, ${left} more resource${left === 1 ? ' was' : 's were'} not checked` : '';
      errors.push({ resource: indexOf(r), message: describeError(e, meta.file) + why });
      if (stop) break;
    }
  }
  const findings: RawFinding[] = [];
  for (const f of cursor.findings) {
    // A finding on an object the graph made up lands on the resource being checked.
    const at = indexOf(f.resource);
    const resource = at >= 0 ? at : indexOf(f.current);
    const pointer = at >= 0 ? f.pointer : '';
    const related = f.related.flatMap((rel) => {
      const i = indexOf(rel.resource);
      return i >= 0 ? [{ resource: i, pointer: rel.pointer, message: rel.message }] : [];
    });
    findings.push({ resource, pointer, key: f.key, message: f.message, severity: f.severity, fix: f.fix, related });
  }
  return { findings, errors };
}

/** Fills in where each finding points, on either thread (each with its own, identical, resources). */
export function locateFindings(findings: RawFinding[], resources: readonly Resource[]): RawFinding[] {
  for (const f of findings) {
    f.location ??= locateIn(resources[f.resource], f.key, f.pointer);
    for (const rel of f.related) rel.location ??= locateIn(resources[rel.resource], false, rel.pointer);
  }
  return findings;
}

/** Where a finding points: a key, a node, or the whole resource. */
function locateIn(r: Resource, key: boolean, pointer: string): Location {
  return key ? r.locateKey(pointer) : pointer ? r.locate(pointer) : r.location();
}

function describeError(e: unknown, file: string): string {
  let at = rt.pos;
  let message: string;
  if (e instanceof PolicyRuntimeError) {
    at = e.at ?? at;
    message = e.message;
  } else if (e instanceof RangeError && /call stack/i.test(e.message)) {
    message = 'recursion too deep';
  } else if (e instanceof TypeError && /read only|frozen|not extensible/i.test(e.message)) {
    message = 'cannot modify a resource or graph answer: they are read-only';
  } else {
    message = String((e as Error)?.message ?? e);
  }
  return at ? `${message} (${file}:${at.line}:${at.column})` : message;
}

/** Host side: raw findings and errors of one policy as diagnostics on the lint's own resources. */
export function toDiagnostics(meta: PolicyMeta, raw: { findings: RawFinding[]; errors: RawError[] }, resources: readonly Resource[]): Diagnostic[] {
  const out = raw.errors.map((e) => policyError(meta, resources[e.resource], e.message));
  for (const f of raw.findings) if (resources[f.resource]) out.push(toDiagnostic(meta, f, resources));
  return out;
}

function toDiagnostic(meta: PolicyMeta, f: RawFinding, resources: readonly Resource[]): Diagnostic {
  locateFindings([f], resources);
  return makeDiagnostic({
    ruleId: meta.id,
    severity: f.severity ?? meta.severity,
    message: f.message,
    location: f.location!,
    resource: resources[f.resource].ref,
    related: f.related.map((rel) => ({ message: rel.message, location: rel.location!, resource: resources[rel.resource].ref })),
    fix: f.fix ?? meta.fix,
  });
}
