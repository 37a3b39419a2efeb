import { resolve } from 'node:path';
import { compareDiagnostics } from '../core/diagnostic.ts';
import type { Resource } from '../core/resource.ts';
import type { Diagnostic, SourceFile } from '../core/types.ts';
import { buildGraph, MeshConfigError, type MeshGraph } from '../graph/index.ts';
import { loadSources } from '../load/index.ts';
import { parseSources } from '../parse/index.ts';
import { checkSchemas, type SchemaFacts } from '../schema/index.ts';
import { ConfigError, emptyConfig, type Config, type Level } from './config.ts';
import { Levels } from './levels.ts';
import { mentionedIds, PolicyRun, policyRule, type PolicyOptions } from './policies.ts';
import type { Rule } from './rule.ts';
import { runRules } from './run.ts';
import { applySuppressions } from './suppress.ts';

export interface LintOptions {
  cwd: string;
  /** What to lint and report on ('-' = stdin). */
  paths: readonly string[];
  /** Directories loaded only for cross-references: findings are reported for `paths` alone. */
  context?: readonly string[];
  rules: readonly Rule[];
  config?: Config;
  /** --rule ID=LEVEL */
  ruleLevels?: Readonly<Record<string, Level>>;
  /** --suppress RULE=Kind ns/name */
  suppress?: readonly string[];
  ignore?: readonly string[];
  closedWorld?: boolean;
  meshConfigFile?: string;
  meshNetworksFile?: string;
  defaultNamespace?: string;
  maxFileSize?: number;
  readStdin?: () => Buffer;
  stdinFilename?: string;
  /** Called as each stage starts, for progress displays. */
  onStage?: (stage: Stage, counts: { files: number; resources: number }) => void;
  /** --policy FILE|DIR (configuration `policies` globs are added). */
  policies?: readonly string[];
  /** A loaded policy host to reuse across runs (policy tests). */
  policyHost?: PolicyOptions['policyHost'];
  policyLimits?: PolicyOptions['policyLimits'];
}

export type Stage = 'load' | 'parse' | 'schema' | 'graph' | 'rules' | 'report';

export interface LintResult {
  /** Findings after levels, suppressions and scope, in deterministic order. */
  diagnostics: Diagnostic[];
  suppressed: number;
  files: SourceFile[];
  resources: Resource[];
  graph: MeshGraph;
  /** Paths given that do not exist. */
  missing: string[];
  /** Files given by name that an ignore glob skipped. */
  ignored: string[];
  /** Files in the report scope. */
  scopeFiles: number;
  timings: Partial<Record<Stage, number>>;
  durationMs: number;
  /** The loaded policies, as rules (for reporters' rule metadata). */
  policyRules: Rule[];
}

export function lint(opts: LintOptions): LintResult {
  const t0 = performance.now();
  const timings: Partial<Record<Stage, number>> = {};
  let mark = t0;
  const lap = (stage: Stage) => {
    const now = performance.now();
    timings[stage] = (timings[stage] ?? 0) + (now - mark);
    mark = now;
  };
  const config = opts.config ?? emptyConfig(opts.cwd);
  const levels = new Levels(config, opts.ruleLevels ?? {}, opts.cwd, new Set(opts.rules.filter((r) => r.defaultOff).map((r) => r.id)));
  const mentioned = mentionedIds(config, opts.ruleLevels);
  const policyRun = PolicyRun.start(opts, config);
  // Globs from a configuration file are relative to its directory; --ignore-pattern ones to the cwd.
  const ignore = [...config.ignore.map((pattern) => ({ pattern, base: config.dir })), ...(opts.ignore ?? [])];
  const loadOpts = { cwd: opts.cwd, ignore, maxFileSize: opts.maxFileSize, readStdin: opts.readStdin, stdinFilename: opts.stdinFilename };

  opts.onStage?.('load', { files: 0, resources: 0 });
  const scope = loadSources(opts.paths, loadOpts);
  const files = [...scope.files];
  const inputDiags = [...scope.diagnostics];
  const scopePaths = new Set(scope.files.map((f) => f.path));
  if (opts.context?.length) {
    const ctx = loadSources(opts.context, loadOpts);
    const known = new Set(files.map((f) => f.absPath));
    for (const f of ctx.files) if (!known.has(f.absPath)) files.push(f);
    inputDiags.push(...ctx.diagnostics);
    scope.missing.push(...ctx.missing);
  }
  lap('load');

  opts.onStage?.('parse', { files: files.length, resources: 0 });
  const parsed = parseSources(files, { defaultNamespace: opts.defaultNamespace, onResources: policyRun && ((batch) => policyRun.send(batch)) });
  inputDiags.push(...parsed.diagnostics);
  policyRun?.start(graphOptions(opts, config), levels, mentioned);
  lap('parse');

  opts.onStage?.('schema', { files: files.length, resources: parsed.resources.length });
  const ruleIds = new Set(opts.rules.map((r) => r.id));
  const schema = checkSchemas(parsed.resources, { enabled: (id) => ruleIds.has(id) && levels.mayRun(id) });
  inputDiags.push(...schema.diagnostics);
  lap('schema');

  opts.onStage?.('graph', { files: files.length, resources: parsed.resources.length });
  const graph = meshGraph(parsed.resources, opts, config, schema.facts);
  lap('graph');

  opts.onStage?.('rules', { files: files.length, resources: parsed.resources.length });
  const found = [...inputDiags, ...runRules(opts.rules, graph, levels, !!opts.closedWorld)];
  const fromPolicies = policyRun?.finish(graph, parsed.resources, mentioned);
  if (fromPolicies) found.push(...fromPolicies.diagnostics);
  const policyRules = fromPolicies?.policies.map(policyRule) ?? [];
  lap('rules');

  const known = new Set([...opts.rules, ...policyRules].map((r) => r.id));
  const sup = applySuppressions(found, { files, resources: parsed.resources, suppress: [...config.suppress, ...(opts.suppress ?? [])], knownRules: known });
  const leveled: Diagnostic[] = [];
  for (const d of [...sup.kept, ...sup.unused]) {
    const level = levels.configured(d.ruleId, d.location.file);
    if (level === 'off') continue;
    if (level) d.severity = level;
    leveled.push(d);
  }
  const inScope = opts.context?.length
    ? leveled.filter((d) => scopePaths.has(d.location.file) || d.related?.some((r) => scopePaths.has(r.location.file)) || d.location.file === '<meshlint>')
    : leveled;
  inScope.sort(compareDiagnostics);
  lap('report');

  return {
    diagnostics: dedupe(inScope),
    suppressed: sup.suppressed.length,
    files,
    resources: parsed.resources,
    graph,
    missing: scope.missing,
    ignored: scope.ignored,
    scopeFiles: scope.files.length,
    timings,
    durationMs: performance.now() - t0,
    policyRules,
  };
}

/** Two rules (or one rule twice) can land on the same finding; print it once. */
function dedupe(diags: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diags.filter((d) => {
    const k = `${d.fingerprint}\0${d.location.range.start.offset}\0${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function graphOptions(opts: LintOptions, config: Config) {
  const meshConfigFile = opts.meshConfigFile ? resolve(opts.cwd, opts.meshConfigFile) : config.meshConfig ? resolve(config.dir, config.meshConfig) : undefined;
  const meshNetworksFile = opts.meshNetworksFile ? resolve(opts.cwd, opts.meshNetworksFile) : undefined;
  return { closedWorld: opts.closedWorld, meshConfigFile, meshNetworksFile };
}

/** The graph, with mesh config paths resolved (CLI: against the cwd; configuration: against its directory). */
function meshGraph(resources: readonly Resource[], opts: LintOptions, config: Config, schema?: SchemaFacts): MeshGraph {
  try {
    return buildGraph(resources, { ...graphOptions(opts, config), schema });
  } catch (e) {
    if (e instanceof MeshConfigError) throw new ConfigError(e.message);
    throw e;
  }
}
