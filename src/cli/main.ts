import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { atLeast } from '../core/severity.ts';
import type { Severity, SourceFile } from '../core/types.ts';
import { checkSuppress, ConfigError, emptyConfig, findConfig, lint, loadConfig, parseLevel, suggest, type Config, type Level, type LintOptions, type LintResult, type Rule } from '../engine/index.ts';
import { render, wantsColor, type ReportData, type RuleInfo } from '../report/index.ts';
import { rules as builtinRules } from '../../rules/index.ts';
import { parseCommand, UsageError, USAGE, type LintArgs } from './args.ts';
import { listRules } from './rules-command.ts';
import { runExplain } from './explain-command.ts';
import { runGraph } from './graph-command.ts';
import { gitRoot } from './git.ts';
import { VERSION } from './version.ts';
import { KnownRuleIds } from '../engine/policies.ts';
import { runPolicyTest } from './policy-command.ts';
import { interactiveTerminal } from './interactive.ts';
import { watch } from './watch.ts';

export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  stdinIsTTY?: boolean;
  readStdin?: () => Buffer;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Receives the lint result (findings, stage timings) before it is rendered; the benchmark reads it. */
  onLint?: (result: LintResult) => void;
}

export const TOOL = { name: 'meshlint', version: VERSION, informationUri: 'https://github.com/meshlint/meshlint' };

/** Runs one command line; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const cmd = parseCommand(argv);
    switch (cmd.command) {
      case 'help':
        io.stdout.write(USAGE);
        return 0;
      case 'version':
        io.stdout.write(`${VERSION}\n`);
        return 0;
      case 'rules':
        io.stdout.write(listRules(builtinRules, cmd.format));
        return 0;
      case 'explain':
        return runExplain(cmd, builtinRules, io);
      case 'graph':
        return runGraph(cmd.format, cmd.rest, io);
      case 'policy-test':
        return await runPolicyTest(cmd.paths, cmd.rest, io);
      case 'lint':
        // The terminal UI watches by itself (it re-runs in place); every other format prints one report per run.
        return cmd.watch && !opensTui(cmd, io) ? await watch(cmd, io, (observe) => runLint(cmd, { ...io, onLint: observe })) : await runLint(cmd, io);
    }
  } catch (e: any) {
    if (e instanceof UsageError) {
      io.stderr.write(`meshlint: ${e.message}\nRun 'meshlint --help' for usage.\n`);
      return 2;
    }
    if (e instanceof ConfigError) {
      io.stderr.write(`meshlint: ${e.message}\n`);
      return 2;
    }
    // A file system error (an output file in a missing directory…) is the user's to fix, not a crash.
    if (typeof e?.code === 'string' && typeof e?.syscall === 'string' && typeof e?.path === 'string') {
      io.stderr.write(`meshlint: cannot ${e.syscall} ${e.path}: ${e.code}\n`);
      return 2;
    }
    io.stderr.write(`meshlint: internal error: ${e?.stack ?? e}\n`);
    return 2;
  }
}

export function resolveConfig(args: Pick<LintArgs, 'config' | 'noConfig'>, cwd: string, known: ReadonlySet<string>): Config {
  if (args.noConfig) return emptyConfig(cwd);
  const file = args.config ? resolve(cwd, args.config) : findConfig(cwd);
  return file ? loadConfig(file, known) : emptyConfig(cwd);
}

export function parseRuleLevels(entries: readonly string[], known: ReadonlySet<string>): Record<string, Level> {
  const out: Record<string, Level> = {};
  for (const e of entries) {
    const eq = e.indexOf('=');
    if (eq <= 0) throw new UsageError(`--rule ${e}: expected ID=off|info|warning|error`);
    const id = e.slice(0, eq);
    if (!known.has(id)) throw new UsageError(`--rule ${e}: unknown rule "${id}"${suggest(id, known)}`);
    try {
      out[id] = parseLevel(e.slice(eq + 1), `--rule ${id}`);
    } catch (err: any) {
      throw new UsageError(err.message);
    }
  }
  return out;
}

async function runLint(args: LintArgs, io: Io): Promise<number> {
  const rules: readonly Rule[] = builtinRules;
  // Policy ids (namespace/name) are checked once the policies have loaded.
  const known = new KnownRuleIds(rules.map((r) => r.id));
  const config = resolveConfig(args, io.cwd, known);
  const ruleLevels = parseRuleLevels(args.rules, known);
  for (const entry of args.suppress) {
    const problem = checkSuppress(entry, known);
    if (problem) throw new UsageError(`--suppress: ${problem}`);
  }
  const lintOptions: LintOptions = {
    cwd: io.cwd,
    paths: args.paths,
    context: args.context,
    rules,
    config,
    ruleLevels,
    suppress: args.suppress,
    ignore: args.ignorePatterns,
    closedWorld: args.closedWorld,
    meshConfigFile: args.meshConfig,
    meshNetworksFile: args.meshNetworks,
    defaultNamespace: args.namespace,
    maxFileSize: args.maxFileSize,
    readStdin: io.readStdin,
    stdinFilename: args.stdinFilename,
    policies: args.policies,
  };
  // The terminal UI (ink, React) is imported only when it runs, so the other formats never load it.
  if (opensTui(args, io)) {
    return (await import('./tui-command.ts')).runTuiLint(args, io, lintOptions, rules);
  }
  const result = lint(lintOptions);
  io.onLint?.(result);
  const problems = inputProblems(result, args.paths);
  if (problems.length) {
    io.stderr.write(problems.map((m) => `meshlint: ${m}\n`).join(''));
    return 2;
  }
  for (const f of result.ignored) io.stderr.write(`meshlint: ${f} is skipped by an ignore pattern\n`);
  const data = reportData(result, [...rules, ...result.policyRules]);
  const root = gitRoot(io.cwd) ?? io.cwd;
  for (const out of args.outputs) {
    const format = chooseFormat(out.format, io, !!out.file, args.watch);
    const toFile = out.file !== undefined;
    const color = toFile ? false : (args.color ?? wantsColor(io.env, !!io.stdout.isTTY)) && format === 'stylish';
    const text = render(format, data, { cwd: io.cwd, root, color, columns: io.stdout.columns ?? 100, env: io.env });
    if (toFile) writeFileSync(resolve(io.cwd, out.file!), text);
    else io.stdout.write(text);
  }
  return exitCode(result, args.failOn);
}

/** Why a run has nothing to report on (exit code 2): paths that do not exist, or no manifest found. */
export function inputProblems(result: Pick<LintResult, 'missing' | 'scopeFiles' | 'diagnostics' | 'ignored'>, paths: readonly string[]): string[] {
  if (result.missing.length) return result.missing.map((m) => `no such file or directory: ${m}`);
  // Files named on the command line but ignored by configuration (a pre-commit hook passing them) are not a mistake.
  if (result.scopeFiles === 0 && !result.diagnostics.length && !result.ignored.length) return [`no YAML or JSON files found in ${paths.join(', ')} (looked for *.yaml, *.yml, *.json)`];
  return [];
}

export function exitCode(result: Pick<LintResult, 'diagnostics'>, failOn: Severity | 'never'): number {
  if (result.diagnostics.some((d) => d.ruleId === 'internal-error')) return 2;
  if (failOn === 'never') return 0;
  return result.diagnostics.some((d) => atLeast(d.severity, failOn)) ? 1 : 0;
}

/** Whether the run opens the terminal UI (`--format tui`, or `auto` on an interactive terminal). */
function opensTui(args: LintArgs, io: Io): boolean {
  return args.outputs.some((o) => o.file === undefined && chooseFormat(o.format, io, false, args.watch) === 'tui');
}

/** `auto`: GitHub annotations under Actions, the terminal UI on an interactive terminal, stylish otherwise. */
export function chooseFormat(format: string, io: Io, toFile: boolean, watch = false): string {
  if (format === 'tui' && toFile) throw new UsageError('--format tui is interactive and cannot be written to a file');
  if (format !== 'auto') return format;
  if (toFile) return 'json';
  if (io.env.GITHUB_ACTIONS === 'true') return 'github';
  if (!watch && interactiveTerminal(io)) return 'tui';
  return 'stylish';
}

export function ruleInfo(r: Rule): RuleInfo {
  const codes: RuleInfo['codes'] = {};
  if (r.istio) codes.istio = r.istio;
  if (r.istioAnalyzer) codes.istioAnalyzer = r.istioAnalyzer;
  if (r.kiali) codes.kiali = r.kiali;
  return { id: r.id, severity: r.severity, enabled: !r.defaultOff, category: r.category, summary: r.docs.summary, description: r.docs.description, fix: r.docs.fix, bad: r.docs.bad, good: r.docs.good, codes };
}

export function reportData(result: LintResult, rules: readonly Rule[]): ReportData {
  const sources = new Map<string, SourceFile>();
  for (const f of result.files) sources.set(f.path, f);
  return {
    diagnostics: result.diagnostics,
    sources,
    rules: rules.map(ruleInfo),
    summary: { errors: 0, warnings: 0, infos: 0, files: result.files.length, resources: result.resources.length, durationMs: result.durationMs, suppressed: result.suppressed },
    tool: TOOL,
  };
}
