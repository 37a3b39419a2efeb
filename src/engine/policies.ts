// Running user policies inside a lint: the worker starts before the manifests are read (so loading the
// TypeScript parser overlaps the YAML parse), gets the sources as soon as they are read, and is waited
// for after the built-in rules. Nothing here runs, or loads the parser, when no policy is configured.
import type { Diagnostic, SourceFile } from '../core/types.ts';
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

  /** Hands the sources to the worker, which parses them and runs the policies while the lint goes on. */
  feed(files: readonly SourceFile[], defaultNamespace: string | undefined, graph: GraphOptions, levels: Levels, mentioned: Iterable<string>): void {
    const skip = [...mentioned].filter((id) => POLICY_ID.test(id) && !levels.mayRun(id));
    this.host.start({ sources: [...files], parse: { defaultNamespace }, graph, skip });
  }

  /** Waits for the policies; load problems and unknown policy ids in the configuration stop the run (exit 2). */
  finish(graph: MeshGraph, mentioned: Iterable<string>): { diagnostics: Diagnostic[]; policies: PolicyMeta[] } {
    try {
      const { policies, problems } = this.host.load();
      if (problems.length) throw new ConfigError(formatProblems(problems));
      checkMentionedIds(mentioned, policies);
      return { diagnostics: this.host.finish(graph), policies };
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
