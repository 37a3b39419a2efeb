import { makeDiagnostic } from '../core/diagnostic.ts';
import { lineIndexOf } from '../core/lines.ts';
import type { Resource } from '../core/resource.ts';
import type { Diagnostic, SourceFile } from '../core/types.ts';
import { findUnclosed } from '../parse/syntax.ts';
import { ConfigError } from './config.ts';

type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable-file' | 'disable' | 'enable';

interface Directive {
  kind: DirectiveKind;
  /** Rule ids or IST/KIA codes; empty means every rule. */
  rules: string[];
  line: number;
  /** Lines it covers, inclusive. */
  from: number;
  to: number;
  start: number;
  end: number;
  used: Set<string>;
}

const DIRECTIVE = /#\s*meshlint-(disable-next-line|disable-line|disable-file|disable|enable)\b([^\n\r]*)/g;

/** `# meshlint-…` comments of one file, with the lines each one covers. */
export function readDirectives(file: SourceFile): Directive[] {
  const text = file.text;
  if (!text.includes('meshlint-')) return [];
  const lines = lineIndexOf(file);
  const found: Directive[] = [];
  for (const m of text.matchAll(DIRECTIVE)) {
    const at = m.index!;
    const pos = lines.position(at);
    const before = lines.lineText(pos.line).slice(0, pos.column - 1);
    // A '#' inside a value is not a comment: it must start the line or follow whitespace, outside quotes.
    if (before.length && !/\s$/.test(before)) continue;
    const open = before.length ? findUnclosed(before, 0, before.length) : undefined;
    if (open && open.char !== '[' && open.char !== '{') continue;
    const kind = m[1] as DirectiveKind;
    const body = m[2].split(/\s--\s|^--\s|\s--$/)[0];
    const rules = body.split(/[\s,]+/).filter(Boolean);
    const d: Directive = { kind, rules, line: pos.line, from: pos.line, to: pos.line, start: at, end: at + m[0].trimEnd().length, used: new Set() };
    if (kind === 'disable-file') {
      d.from = 1;
      d.to = lines.lineCount;
    } else if (kind === 'disable-next-line') {
      d.from = d.to = nextContentLine(lines.lineCount, (n) => lines.lineText(n), pos.line);
    }
    found.push(d);
  }
  // A block `disable` runs to the matching `enable` (same rule list, or any enable for a bare disable), else to the end.
  for (const d of found) {
    if (d.kind !== 'disable') continue;
    const end = found.find((e) => e.kind === 'enable' && e.line > d.line && (e.rules.length === 0 || d.rules.every((r) => e.rules.includes(r))));
    d.to = end ? end.line : lines.lineCount;
  }
  return found;
}

/** The next line below `line` that holds YAML rather than a blank or a comment. */
function nextContentLine(count: number, text: (n: number) => string, line: number): number {
  for (let n = line + 1; n <= count; n++) {
    const t = text(n).trim();
    if (t && !t.startsWith('#')) return n;
  }
  return line + 1;
}

function matchesRule(d: Diagnostic, id: string): boolean {
  return id === d.ruleId || id === d.codes?.istio || id === d.codes?.kiali;
}

export interface SuppressionInput {
  files: readonly SourceFile[];
  resources: readonly Resource[];
  /** `RULE=Kind ns/name` entries from --suppress and configuration. */
  suppress: readonly string[];
  knownRules: ReadonlySet<string>;
}

export interface SuppressionResult {
  kept: Diagnostic[];
  suppressed: Diagnostic[];
  /** `unused-suppression` findings for directives that matched nothing. */
  unused: Diagnostic[];
}

/** Removes suppressed findings; every suppression form ends up here. */
export function applySuppressions(diags: readonly Diagnostic[], input: SuppressionInput): SuppressionResult {
  const byFile = new Map<string, Directive[]>();
  for (const f of input.files) {
    const ds = readDirectives(f);
    if (ds.length) byFile.set(f.path, ds);
  }
  // Only annotated resources can suppress anything (indexing all of them cost more than the rest of this stage);
  // a later object with the same identity still replaces an annotated one.
  const byRef = new Map<string, Resource>();
  for (const r of input.resources) {
    const annotated = SUPPRESS_ANNOTATIONS.some((a) => r.annotations[a] !== undefined);
    if (annotated) byRef.set(`${r.kind}/${r.namespace}/${r.name}`, r);
    else if (byRef.size) byRef.delete(`${r.kind}/${r.namespace}/${r.name}`);
  }
  const cli = input.suppress.map(parseSuppress);

  const out: SuppressionResult = { kept: [], suppressed: [], unused: [] };
  for (const d of diags) {
    if (suppressedByComment(d, byFile.get(d.location.file)) || suppressedByAnnotation(d, byRef) || cli.some((s) => s.matches(d))) out.suppressed.push(d);
    else out.kept.push(d);
  }
  for (const f of input.files) {
    for (const dir of byFile.get(f.path) ?? []) {
      if (dir.kind === 'enable') continue;
      const names = dir.rules.length ? dir.rules : ['*'];
      const unused = names.filter((n) => !dir.used.has(n));
      if (!unused.length) continue;
      const unknown = unused.filter((n) => n !== '*' && !input.knownRules.has(n) && !/^(IST|KIA)\d{4}$/.test(n));
      const what = unknown.length ? `names unknown rule${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}` : `suppresses nothing${unused[0] === '*' ? '' : ` for ${unused.map((u) => `"${u}"`).join(', ')}`}`;
      out.unused.push(makeDiagnostic({
        ruleId: 'unused-suppression',
        severity: 'warning',
        message: `meshlint-${dir.kind} comment ${what}; remove it so it does not hide a future problem`,
        location: { file: f.path, range: lineIndexOf(f).range(dir.start, dir.end) },
        discriminator: `${dir.line}`,
      }));
    }
  }
  return out;
}

function suppressedByComment(d: Diagnostic, dirs: Directive[] | undefined): boolean {
  if (!dirs) return false;
  const line = d.location.range.start.line;
  let hit = false;
  for (const dir of dirs) {
    if (dir.kind === 'enable' || line < dir.from || line > dir.to) continue;
    if (!dir.rules.length) {
      dir.used.add('*');
      hit = true;
      continue;
    }
    for (const id of dir.rules) {
      if (matchesRule(d, id)) {
        dir.used.add(id);
        hit = true;
      }
    }
  }
  return hit;
}

const SUPPRESS_ANNOTATIONS = ['meshlint.io/ignore', 'galley.istio.io/analyze-suppress'];

function suppressedByAnnotation(d: Diagnostic, byRef: Map<string, Resource>): boolean {
  if (!d.resource) return false;
  const r = byRef.get(`${d.resource.kind}/${d.resource.namespace}/${d.resource.name}`);
  if (!r) return false;
  const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);
  const ours = list(r.annotations['meshlint.io/ignore']);
  const istio = list(r.annotations['galley.istio.io/analyze-suppress']);
  return [...ours, ...istio].some((id) => id === '*' || matchesRule(d, id));
}

/** `RULE=Kind ns/name` (istioctl's `--suppress`), `*` as wildcard in both parts; `Kind name.ns` is accepted too. */
export function parseSuppress(entry: string): { matches(d: Diagnostic): boolean } {
  const eq = entry.indexOf('=');
  if (eq <= 0 || eq === entry.length - 1) throw new ConfigError(`--suppress "${entry}": expected RULE=Kind namespace/name (e.g. "IST0102=Namespace *")`);
  const id = entry.slice(0, eq).trim();
  const rule = id.includes('*') ? glob(id) : undefined;
  const resource = glob(entry.slice(eq + 1).trim());
  return {
    matches(d) {
      if (!d.resource) return false;
      if (rule ? ![d.ruleId, d.codes?.istio, d.codes?.kiali].some((c) => c !== undefined && rule.test(c)) : !matchesRule(d, id)) return false;
      const r = d.resource;
      const forms = r.namespace ? [`${r.kind} ${r.namespace}/${r.name}`, `${r.kind} ${r.name}.${r.namespace}`] : [`${r.kind} ${r.name}`];
      return forms.some((f) => resource.test(f));
    },
  };
}

function glob(pattern: string): RegExp {
  return new RegExp('^' + pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
}
