// `meshlint explain ID`: a built-in rule's documentation, or a policy's (`namespace/name`) from the policy
// files that `--policy` and `.meshlint.yaml` `policies:` name. Policies are loaded only when the id is not
// a built-in rule.
import { ConfigError, suggest, type Rule } from '../engine/index.ts';
import { KnownRuleIds } from '../engine/policies.ts';
import { findPolicyFiles, formatProblems, PolicyFileError, PolicyHost, readPolicySources, type PolicyMeta } from '../policy/index.ts';
import { UsageError } from './args.ts';
import type { Io } from './main.ts';
import { resolveConfig } from './main.ts';
import { explainRule } from './rules-command.ts';

export interface ExplainArgs {
  rule: string;
  policies: readonly string[];
  config?: string;
  noConfig: boolean;
}

export function runExplain(args: ExplainArgs, rules: readonly Rule[], io: Io): number {
  const text = explainRule(rules, args.rule) ?? explainPolicy(findPolicy(args, rules, io));
  io.stdout.write(text);
  return 0;
}

/** The policy with the id, loaded from the configured policy files; a usage error naming close ids when none has it. */
function findPolicy(args: ExplainArgs, rules: readonly Rule[], io: Io): PolicyMeta {
  const policies = loadPolicies(args, rules, io);
  const found = policies.find((p) => p.id === args.rule);
  if (found) return found;
  const ids = [...rules.map((r) => r.id), ...policies.map((p) => p.id)];
  const hint = policies.length || !args.rule.includes('/') ? '' : ' (no policy files are configured: name them with --policy FILE or `policies:` in .meshlint.yaml)';
  throw new UsageError(`unknown rule "${args.rule}"${suggest(args.rule, ids)}${hint}`);
}

function loadPolicies(args: ExplainArgs, rules: readonly Rule[], io: Io): PolicyMeta[] {
  const config = resolveConfig(args, io.cwd, new KnownRuleIds(rules.map((r) => r.id)));
  let files: string[];
  try {
    files = findPolicyFiles(io.cwd, args.policies, config.policies, config.dir);
  } catch (e) {
    if (e instanceof PolicyFileError) throw new ConfigError(e.message);
    throw e;
  }
  if (!files.length) return [];
  const host = new PolicyHost(readPolicySources(files, io.cwd), config.policyLimits);
  try {
    const { policies, problems } = host.load();
    if (problems.length) throw new ConfigError(formatProblems(problems));
    return policies;
  } finally {
    host.close();
  }
}

export function explainPolicy(p: PolicyMeta): string {
  const out = [`${p.id} (${p.severity}, policy)`, '', p.summary];
  if (p.description) out.push('', p.description.trim());
  out.push('', `Checks: ${p.kinds.join(', ')}`);
  if (p.fix) out.push('', `How to fix: ${p.fix}`);
  out.push('', `Defined in: ${p.file}`);
  return out.join('\n') + '\n';
}
