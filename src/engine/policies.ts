// Running user policies inside a lint: the worker starts before the manifests are read (so loading the
// TypeScript parser overlaps the YAML parse), gets the resources in batches as they are parsed, runs the
// policies while the built-in rules run, and is waited for after them. Nothing here runs, or loads the parser, when no
// policy is configured.
import type { Resource } from '../core/resource.ts';
import type { Diagnostic } from '../core/types.ts';
import type { GraphOptions, MeshGraph } from '../graph/index.ts';
import { findPolicyFiles, formatProblems, PolicyFileError, PolicyHost, POLICY_ID, readPolicySources, type PolicyLimits, type PolicyMeta } from '../policy/index.ts';
import { ConfigError, suggest, type Config, type Level } from './config.ts';
import type { Levels } from './levels.ts';
import { defineRule, type Rule } from './rule.ts';

export interface PolicyOptions {
  cwd: string;
  /** --policy FILE|DIR */
  policies?: readonly string[];
  /** A host whose policies are already loaded (policy tests reuse one across cases); not closed here. */
  policyHost?: PolicyHost;
  policyLimits?: Partial<PolicyLimits>;
  ruleLevels?: Readonly<Record<string, Level>>;
}

export class PolicyRun {
  private constructor(private readonly host: PolicyHost, private readonly owned: boolean) {}

  /** Starts the worker when policies are configured; undefined otherwise. */
  static start(opts: PolicyOptions, config: Config): PolicyRun | undefined {
    if (opts.policyHost) return new PolicyRun(opts.policyHost, false);
    let files: string[];
    try {
      files = findPolicyFiles(opts.cwd, opts.policies ?? [], config.policies, config.dir);
    } catch (e) {
      if (e instanceof PolicyFileError) throw new ConfigError(e.message);
      throw e;
    }
    if (!files.length) return undefined;
    const sources = readPolicySources(files, opts.cwd);
    return new PolicyRun(new PolicyHost(sources, { ...config.policyLimits, ...opts.policyLimits }), true);
  }

  /** Hands the next parsed resources (as plain data) to the worker, which decodes them while the parse goes on. */
  send(resources: readonly Resource[]): void {
    this.host.send(resources);
  }

  /** Starts the policies over the resources sent; they run while the lint goes on. */
  start(graph: GraphOptions, levels: Levels, mentioned: Iterable<string>): void {
    const skip = [...mentioned].filter((id) => POLICY_ID.test(id) && !levels.mayRun(id));
    this.host.start({ graph, skip });
  }

  /** Waits for the policies; load problems and unknown policy ids in the configuration stop the run (exit 2). */
  finish(graph: MeshGraph, resources: readonly Resource[], mentioned: Iterable<string>): { diagnostics: Diagnostic[]; policies: PolicyMeta[] } {
    try {
      const { policies, problems } = this.host.load();
      if (problems.length) throw new ConfigError(formatProblems(problems));
      checkMentionedIds(mentioned, policies);
      return { diagnostics: this.host.finish(graph, resources), policies };
    } finally {
      if (this.owned) this.host.close();
    }
  }
}

/** Rule ids of the form `namespace/name` are accepted early and checked here, once the policies are known. */
export function checkMentionedIds(mentioned: Iterable<string>, policies: readonly PolicyMeta[]): void {
  const ids = new Set(policies.map((p) => p.id));
  for (const id of mentioned) {
    if (POLICY_ID.test(id) && !ids.has(id)) throw new ConfigError(`unknown rule "${id}": no loaded policy has this id${suggest(id, ids)}`);
  }
}

/** Every rule id the configuration and --rule mention (policy ids among them). */
export function mentionedIds(config: Config, ruleLevels: Readonly<Record<string, Level>> = {}): Set<string> {
  const out = new Set([...Object.keys(config.rules), ...Object.keys(ruleLevels)]);
  for (const o of config.overrides) for (const id of Object.keys(o.rules)) out.add(id);
  return out;
}

/** A policy seen as a rule: levels, suppressions, `meshlint rules` and SARIF rule metadata treat both alike. */
export function policyRule(p: PolicyMeta): Rule {
  return defineRule({ id: p.id, severity: p.severity, category: 'policy', stage: 'policy', docs: { summary: p.summary, description: p.description ?? `Organisation policy defined in ${p.file}.`, fix: p.fix } });
}

/** A Set of rule ids that also accepts any `namespace/name` id, for validating configuration before policies load. */
export class KnownRuleIds extends Set<string> {
  override has(id: string): boolean {
    return super.has(id) || POLICY_ID.test(id);
  }
}
