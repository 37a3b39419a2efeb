import { parseArgs } from 'node:util';

/** A command-line mistake: printed with the usage hint, exit code 2. */
export class UsageError extends Error {}

export interface LintArgs {
  command: 'lint';
  paths: string[];
  /** Formats in order, each with the file it goes to (undefined = stdout). */
  outputs: { format: string; file?: string }[];
  config?: string;
  noConfig: boolean;
  context: string[];
  closedWorld: boolean;
  meshConfig?: string;
  meshNetworks?: string;
  failOn: 'error' | 'warning' | 'info' | 'never';
  rules: string[];
  suppress: string[];
  ignorePatterns: string[];
  maxFileSize?: number;
  namespace?: string;
  stdinFilename?: string;
  color?: boolean;
  watch: boolean;
  policies: string[];
}

export type Command =
  | LintArgs
  | { command: 'rules'; format: 'text' | 'markdown' | 'json' }
  | { command: 'explain'; rule: string; policies: string[]; config?: string; noConfig: boolean }
  | { command: 'graph'; paths: string[]; format: 'dot' | 'mermaid' | 'json'; rest: string[] }
  | { command: 'policy-test'; paths: string[]; rest: string[] }
  | { command: 'help' }
  | { command: 'version' };

const LINT_OPTIONS = {
  format: { type: 'string', short: 'f', multiple: true },
  'output-file': { type: 'string', short: 'o', multiple: true },
  config: { type: 'string', short: 'c' },
  'no-config': { type: 'boolean' },
  context: { type: 'string', multiple: true },
  'closed-world': { type: 'boolean' },
  'mesh-config': { type: 'string' },
  'mesh-networks': { type: 'string' },
  'fail-on': { type: 'string' },
  rule: { type: 'string', multiple: true },
  suppress: { type: 'string', short: 'S', multiple: true },
  'ignore-pattern': { type: 'string', multiple: true },
  'max-file-size': { type: 'string' },
  namespace: { type: 'string', short: 'n' },
  'stdin-filename': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  watch: { type: 'boolean', short: 'w' },
  policy: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export const FORMATS = ['auto', 'tui', 'stylish', 'compact', 'json', 'sarif', 'github'];
const FAIL_ON = ['error', 'warning', 'info', 'never'];

export function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if ((first === 'rules' || first === 'explain') && rest.some((a) => a === '-h' || a === '--help')) return { command: 'help' };
  if (first === 'rules') {
    const { values } = parse(rest, { format: { type: 'string', short: 'f' } });
    const format = (values.format as string | undefined) ?? 'text';
    if (!['text', 'markdown', 'json'].includes(format)) throw new UsageError(`meshlint rules: unknown format "${format}" (expected text, markdown or json)`);
    return { command: 'rules', format: format as 'text' | 'markdown' | 'json' };
  }
  if (first === 'explain') {
    const { values, positionals } = parse(rest, { policy: { type: 'string', multiple: true }, config: { type: 'string', short: 'c' }, 'no-config': { type: 'boolean' } });
    if (positionals.length !== 1) throw new UsageError('usage: meshlint explain RULE|POLICY-ID [--policy FILE] [-c FILE]');
    return { command: 'explain', rule: positionals[0], policies: (values.policy as string[] | undefined) ?? [], config: values.config as string | undefined, noConfig: values['no-config'] === true };
  }
  if (first === 'graph') {
    const fi = rest.findIndex((a) => a === '--format' || a === '-f');
    const format = fi >= 0 ? rest[fi + 1] : 'dot';
    if (!['dot', 'mermaid', 'json'].includes(format)) throw new UsageError(`meshlint graph: unknown format "${format}" (expected dot, mermaid or json)`);
    const others = fi >= 0 ? [...rest.slice(0, fi), ...rest.slice(fi + 2)] : rest;
    return { command: 'graph', paths: others.filter((a) => !a.startsWith('-')), format: format as 'dot' | 'mermaid' | 'json', rest: others };
  }
  if (first === 'policy' && rest[0] === 'test') {
    return { command: 'policy-test', paths: rest.slice(1).filter((a) => !a.startsWith('-')), rest: rest.slice(1) };
  }
  return parseLint(first === 'lint' ? rest : argv);
}

function parse(args: readonly string[], options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true, tokens: true });
  } catch (e: any) {
    throw new UsageError(e?.message ?? String(e));
  }
}

function parseLint(args: readonly string[]): Command {
  const { values: v, positionals, tokens } = parse(args, LINT_OPTIONS as any);
  const values = v as Record<string, any>;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };

  // -f and -o pair up in order: each -o names the file of the -f before it.
  const outputs: { format: string; file?: string }[] = [];
  for (const t of tokens ?? []) {
    if (t.kind !== 'option') continue;
    if (t.name === 'format') {
      const f = String(t.value);
      if (!FORMATS.includes(f)) throw new UsageError(`unknown format "${f}" (expected ${FORMATS.join(', ')})`);
      outputs.push({ format: f });
    } else if (t.name === 'output-file') {
      const last = outputs[outputs.length - 1];
      if (!last) outputs.push({ format: 'auto', file: String(t.value) });
      else if (last.file !== undefined) throw new UsageError(`-o ${t.value}: each output file needs its own --format before it`);
      else last.file = String(t.value);
    }
  }
  if (!outputs.length) outputs.push({ format: 'auto' });

  const failOn = (values['fail-on'] as string | undefined) ?? 'error';
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on ${failOn}: expected ${FAIL_ON.join(', ')}`);
  let maxFileSize: number | undefined;
  if (values['max-file-size'] !== undefined) maxFileSize = parseSize(values['max-file-size']);
  let color: boolean | undefined;
  if (values.color) color = true;
  if (values['no-color']) color = false;

  return {
    command: 'lint',
    paths: positionals.length ? positionals : ['.'],
    outputs,
    config: values.config,
    noConfig: !!values['no-config'],
    context: values.context ?? [],
    closedWorld: !!values['closed-world'],
    meshConfig: values['mesh-config'],
    meshNetworks: values['mesh-networks'],
    failOn: failOn as LintArgs['failOn'],
    rules: values.rule ?? [],
    suppress: values.suppress ?? [],
    ignorePatterns: values['ignore-pattern'] ?? [],
    maxFileSize,
    namespace: values.namespace,
    stdinFilename: values['stdin-filename'],
    color,
    watch: !!values.watch,
    policies: values.policy ?? [],
  };
}

/** `16777216`, `16MiB`, `512k`, `2M`… */
export function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?$/i.exec(s.trim());
  if (!m) throw new UsageError(`--max-file-size ${s}: expected a size such as 16MiB or 1048576`);
  const unit = (m[2] ?? '').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.floor(Number(m[1]) * mult);
}

export const USAGE = `Usage: meshlint [lint] [PATH ...] [options]
       meshlint rules [--format text|markdown|json]
       meshlint explain RULE|POLICY-ID [--policy FILE] [-c FILE]
       meshlint graph [PATH ...] [--format dot|mermaid|json]
       meshlint policy test [DIR]

Lint Istio and Kubernetes manifests offline. PATH is a file or directory ('-' reads stdin; default '.').

Options:
  -f, --format FMT            auto|tui|stylish|compact|json|sarif|github (repeatable, paired with -o)
  -o, --output-file FILE      write the preceding format to FILE
  -c, --config FILE           configuration file (default: .meshlint.yaml, searched up to the git root)
      --no-config             ignore configuration files
      --context DIR           load DIR for cross-references, report only on PATHs (repeatable)
      --closed-world          report references to kinds that were never loaded
      --mesh-config FILE      MeshConfig (plain, or the istio ConfigMap)
      --mesh-networks FILE    MeshNetworks
      --fail-on LEVEL         error|warning|info|never (default error)
      --rule ID=LEVEL         set a rule to off|info|warning|error (repeatable)
  -S, --suppress RULE=RES     suppress RULE (id or IST code) for "Kind ns/name" (* wildcards; repeatable)
      --ignore-pattern GLOB   skip matching files and directories (repeatable)
      --max-file-size SIZE    skip larger files (default 16MiB)
  -n, --namespace NS          namespace for objects without one (default "default")
      --stdin-filename NAME   name to report for '-'
      --policy FILE           run a *.policy.ts file (repeatable)
  -w, --watch                 re-lint on change
      --color, --no-color     force colour on or off
  -h, --help                  show this help
  -v, --version               print the version

Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage, configuration or internal error.
`;
