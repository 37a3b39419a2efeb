import { makeDiagnostic } from '../core/diagnostic.ts';
import type { Resource } from '../core/resource.ts';
import type { Diagnostic, Severity } from '../core/types.ts';
import { apiChecker, apiIndex } from './apis.ts';
import { loadCatalog, loadValidator, type Catalog, type KindEntry, type ValidatorModule } from './catalog.ts';
import { celFindings, type CelRun } from './cel/evaluate.ts';
import type { Finding } from './finding.ts';
import { istioFindings } from './istio/index.ts';
import { MAX_PER_DOCUMENT, problemsFrom } from './messages.ts';
import { kubernetesFindings } from './kubernetes.ts';
import { metadataFindings } from './metadata.ts';
import { SchemaFacts } from './facts.ts';
import { CustomKinds, inputCrds } from './custom.ts';

export { SchemaFacts } from './facts.ts';
export { loadCatalog, type Catalog, type KindEntry } from './catalog.ts';

/** Default severity of each schema-stage rule (configuration may re-level them). */
export const SCHEMA_SEVERITY: Readonly<Record<string, Severity>> = {
  schema: 'error',
  'schema-cel': 'error',
  'schema-cel-unsupported': 'info',
  'schema-istio': 'error',
  'unknown-kind': 'info',
  'deprecated-api': 'info',
  'removed-api': 'error',
};

export interface SchemaOptions {
  /** Whether a schema-stage rule is enabled anywhere; disabled rules cost nothing. */
  enabled(ruleId: string): boolean;
}

export interface SchemaResult {
  diagnostics: Diagnostic[];
  facts: SchemaFacts;
}

/** The schema stage: API versions, OpenAPI structure, CEL rules and Istio's own validation, per resource. */
export function checkSchemas(resources: readonly Resource[], opts: SchemaOptions): SchemaResult {
  const on = new Set(Object.keys(SCHEMA_SEVERITY).filter((id) => opts.enabled(id)));
  if (!on.size) return { diagnostics: [], facts: new SchemaFacts() };
  const catalog = loadCatalog();
  const types = new KindCache(catalog);
  const doSchema = on.has('schema');
  const doCel = on.has('schema-cel') || on.has('schema-cel-unsupported');
  const doIstio = on.has('schema-istio');
  const facts = new SchemaFacts((r) => doSchema && !!types.get(r).mod);
  const crds = inputCrds(resources);
  const apis = on.has('unknown-kind') || on.has('deprecated-api') || on.has('removed-api') ? apiChecker(apiIndex(catalog, crds)) : undefined;
  const run: CelRun = { unsupported: new Set() };
  const custom = doSchema || doCel ? new CustomKinds(crds) : undefined;
  const found: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const r of resources) {
    try {
      const t = types.get(r);
      apis?.(r, t.entry, found);
      if (!t.entry) {
        const mod = custom?.validator(r);
        if (mod) {
          const mistyped = doSchema ? structural(r, CUSTOM, mod, facts, undefined, found) : undefined;
          if (doCel) celFindings(r, mod, run, undefined, found, mistyped);
        }
        continue;
      }
      if (t.entry.removed) continue;
      if (doSchema) metadataFindings(r, t.entry.src === 'kubernetes', t.codes, found);
      if (doSchema && t.entry.src === 'kubernetes') kubernetesFindings(r, found);
      if (t.mod) {
        const mistyped = doSchema ? structural(r, t.entry, t.mod, facts, t.codes, found) : undefined;
        if (doCel) celFindings(r, t.mod, run, t.codes, found, mistyped);
      }
      if (doIstio && t.codes) istioFindings(r, found);
    } catch (e: any) {
      // A bug here must not hide the other documents' findings: report it and go on.
      diagnostics.push(makeDiagnostic({ ruleId: 'internal-error', severity: 'error', message: `Schema checks failed on ${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}: ${String(e?.stack ?? e).split('\n').slice(0, 2).join(' ')}`, location: r.location(), resource: r.ref }));
    }
  }
  for (const f of found) if (on.has(f.ruleId)) diagnostics.push(toDiagnostic(f));
  return { diagnostics, facts };
}

/** What the catalog would say of a kind defined by a CRD among the inputs. */
const CUSTOM: KindEntry = { scope: 'Namespaced', src: 'kubernetes' };

interface KindInfo {
  entry?: KindEntry;
  mod?: ValidatorModule;
  /** istioctl codes for findings on Istio kinds. */
  codes?: Finding['codes'];
}

/** Catalog entry, loaded validator and codes per apiVersion and kind, looked up once per pair. */
class KindCache {
  private readonly byVersion = new Map<string, Map<string, KindInfo>>();
  constructor(private readonly catalog: Catalog) {}

  get(r: Resource): KindInfo {
    let byKind = this.byVersion.get(r.apiVersion);
    if (!byKind) this.byVersion.set(r.apiVersion, (byKind = new Map()));
    let info = byKind.get(r.kind);
    if (!info) {
      const entry = this.catalog.kinds[`${r.apiVersion} ${r.kind}`];
      info = { entry };
      if (entry && !entry.removed && entry.m) info.mod = loadValidator(entry.m);
      if (entry?.src === 'istio') info.codes = { istio: 'IST0106', istioAnalyzer: `schema.ValidationAnalyzer.${r.kind}` };
      byKind.set(r.kind, info);
    }
    return info;
  }
}

/** Validates the structure; returns the pointers of values of the wrong type (CEL rules cannot judge those). */
function structural(r: Resource, entry: KindEntry, mod: ValidatorModule, facts: SchemaFacts, codes: Finding['codes'], out: Finding[]): Set<string> | undefined {
  if (mod.validate(r.object)) return undefined;
  let errors = mod.validate.errors ?? [];
  let severity: Severity | undefined;
  let note = '';
  if (entry.experimental) {
    // Gateway API: what the standard channel rejects may be an experimental-channel field.
    const exp = loadValidator(entry.experimental);
    if (exp && exp.validate(r.object)) {
      severity = 'warning';
      note = ' (only the experimental-channel Gateway API CRDs accept this)';
    } else if (exp) errors = exp.validate.errors ?? errors;
  }
  facts.record(r, errors);
  const problems = problemsFrom(r, errors);
  for (const p of problems.slice(0, MAX_PER_DOCUMENT)) {
    out.push({ ruleId: 'schema', resource: r, pointer: p.pointer, key: p.key, severity, codes, message: p.message + note });
  }
  if (problems.length > MAX_PER_DOCUMENT) {
    out.push({ ruleId: 'schema', resource: r, pointer: '', severity, codes, discriminator: 'more', message: `${problems.length - MAX_PER_DOCUMENT} more schema problems in this document are not shown` });
  }
  const mistyped = errors.filter((e) => e.keyword === 'type' || e.keyword === 'x-types').map((e) => e.instancePath);
  return mistyped.length ? new Set(mistyped) : undefined;
}

function toDiagnostic(f: Finding): Diagnostic {
  const r = f.resource;
  const location = f.key ? r.locateKey(f.pointer) : f.pointer ? r.locate(f.pointer) : r.location();
  return makeDiagnostic({
    ruleId: f.ruleId,
    severity: f.severity ?? SCHEMA_SEVERITY[f.ruleId] ?? 'error',
    message: f.message,
    location,
    resource: r.ref,
    codes: f.codes,
    fix: f.fix,
    discriminator: f.discriminator,
  });
}
