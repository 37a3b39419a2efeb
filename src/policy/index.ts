// Public entry of the policy sandbox for the engine and the CLI. The parser and the interpreter are
// loaded only inside the worker thread (see host.ts), never by a run without policies.
import type { LoadProblem } from './subset.ts';

export { PolicyHost, type PolicySource, type RunInput } from './host.ts';
export { findPolicyFiles, readPolicySources, policyFilesIn, displayPath, PolicyFileError, POLICY_SUFFIX } from './files.ts';
export { DEFAULT_LIMITS, POLICY_ERROR, POLICY_ID, type PolicyLimits } from './protocol.ts';
export type { PolicyMeta } from './load.ts';
export type { LoadProblem } from './subset.ts';

/** The load problems as the message of a configuration error (exit 2). */
export function formatProblems(problems: readonly LoadProblem[]): string {
  const files = new Set(problems.map((p) => p.file)).size;
  const head = `${files === 1 ? 'a policy file' : `${files} policy files`} cannot be loaded:`;
  return [head, ...problems.map((p) => `  ${p.file}:${p.line}:${p.column}: ${p.message}`)].join('\n');
}
