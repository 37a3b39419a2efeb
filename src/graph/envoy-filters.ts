import type { Resource } from '../core/resource.ts';
import type { Facet, MeshGraph } from './index.ts';

/**
 * What istiod makes of an EnvoyFilter patch, as istioctl analyze's EnvoyPatchAnalyzer judges it:
 * `relative` (IST0151) an INSERT_BEFORE/INSERT_AFTER/REPLACE/REMOVE patch without priority, whose anchor may not
 * exist yet; `relative-versioned` (IST0155) the same for a filter name already patched with a proxyVersion match;
 * `replace-unsupported` (IST0152), `add-ignored` (IST0153), `remove-ignored` (IST0154).
 */
export type PatchIssue = 'relative' | 'relative-versioned' | 'replace-unsupported' | 'add-ignored' | 'remove-ignored';

export interface PatchFinding {
  resource: Resource;
  /** Index in spec.configPatches. */
  index: number;
  issue: PatchIssue;
  operation: string;
  applyTo: string;
  /** The filter or object name the patch is about ('' when it has none). */
  name: string;
  /** True for the first finding of its issue in its EnvoyFilter (istioctl analyze prints one message per issue and filter). */
  first: boolean;
}

const ROUTE_LEVEL = new Set(['ROUTE_CONFIGURATION', 'HTTP_ROUTE']);
const REPLACEABLE = new Set(['HTTP_FILTER', 'NETWORK_FILTER', 'VIRTUAL_HOST']);
const isMap = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

function patchName(p: Record<string, any>): string {
  const value = p.patch?.value;
  if (isMap(value) && 'name' in value) return typeof value.name === 'string' ? value.name : JSON.stringify(value.name);
  if (isMap(value) && Object.keys(value).length) return str(p.match?.listener?.filterChain?.filter?.name);
  return '';
}

function issueOf(operation: string, applyTo: string): PatchIssue | 'relative-check' | undefined {
  switch (operation) {
    case 'ADD':
      return ROUTE_LEVEL.has(applyTo) ? 'add-ignored' : undefined;
    case 'REMOVE':
      return ROUTE_LEVEL.has(applyTo) ? 'remove-ignored' : 'relative-check';
    case 'REPLACE':
      return REPLACEABLE.has(applyTo) ? 'relative-check' : 'replace-unsupported';
    case 'INSERT_BEFORE':
    case 'INSERT_AFTER':
      return 'relative-check';
    default:
      return undefined;
  }
}

/**
 * The patch findings of every EnvoyFilter, in input order. Names of patches that match a proxyVersion carry over
 * to later patches and later EnvoyFilters, as in the analyzer (which processes them in one pass).
 */
export const envoyFilterPatches: Facet<readonly PatchFinding[]> = {
  id: 'envoy-filter-patches',
  build(g: MeshGraph) {
    const out: PatchFinding[] = [];
    const versioned = new Set<string>();
    for (const r of g.resources.ofKind('EnvoyFilter', 'networking.istio.io')) {
      const spec = r.object?.spec;
      if (!isMap(spec) || !Array.isArray(spec.configPatches)) continue;
      const prioritised = typeof spec.priority === 'number' && spec.priority !== 0;
      const seen = new Set<PatchIssue>();
      for (let index = 0; index < spec.configPatches.length; index++) {
        const p = spec.configPatches[index];
        // istioctl analyze stops at a patch without `patch` (a schema error); the patches after it still apply.
        if (!isMap(p) || !isMap(p.patch)) continue;
        const operation = str(p.patch.operation);
        const applyTo = str(p.applyTo);
        const name = patchName(p);
        const found = issueOf(operation, applyTo);
        const issue = found === 'relative-check' ? (prioritised ? undefined : versioned.has(name) ? 'relative-versioned' : 'relative') : found;
        if (issue) {
          out.push({ resource: r, index, issue, operation, applyTo, name, first: !seen.has(issue) });
          seen.add(issue);
        }
        if (str(p.match?.proxy?.proxyVersion)) versioned.add(name);
      }
    }
    return out;
  },
};
