import { makeDiagnostic } from '../core/diagnostic.ts';
import { lineIndexOf, lineStartAt, type LineIndex } from '../core/lines.ts';
import type { ImplicitScalar, Resource } from '../core/resource.ts';
import type { Diagnostic, Severity, SourceFile } from '../core/types.ts';
import { construct, type RawDoc, type RawIssue } from './construct.ts';
import { parsePacked } from './events.ts';
import { ParallelParse } from './parallel.ts';
import { documentChunks, fileUnits } from './units.ts';
import { CLUSTER_SCOPED_KINDS, SYSTEM_NAMESPACES } from './kinds.ts';
import { DocSpan, ParsedResource, isMap } from './resource.ts';
import { describeSyntaxError } from './syntax.ts';

export { CLUSTER_SCOPED_KINDS, SYSTEM_NAMESPACES, splitApiVersion } from './kinds.ts';
export { DocSpan, ParsedResource } from './resource.ts';

export interface ParseOptions {
  /** Namespace given to namespaced objects that have none (default 'default'). */
  defaultNamespace?: string;
  /** Parse with the help of a worker thread (default: when the inputs hold over PARALLEL_MIN characters). */
  parallel?: boolean;
  /** Receives the resources in order, in batches, as files are parsed (so later stages can start early). */
  onResources?: (batch: readonly Resource[]) => void;
}

/** Resources handed to `onResources` at a time (at file boundaries). */
const BATCH = 4096;

/** Below this much text a worker thread costs more than it saves. */
export const PARALLEL_MIN = 2 * 1024 * 1024;

/** Gives the packed events of each text a file is parsed in, in order; undefined when the text is not valid YAML. */
interface EventSource {
  next(text: string): Int32Array | undefined;
}

const IN_THREAD: EventSource = {
  next(text) {
    try {
      return parsePacked(text);
    } catch {
      return undefined;
    }
  },
};

export interface ParseResult {
  resources: Resource[];
  diagnostics: Diagnostic[];
  /** Documents dropped because they live in a system namespace. */
  skipped: number;
}

/** Severity of each parse-stage finding before configuration re-levels it. */
export const PARSE_SEVERITY: Readonly<Record<string, Severity>> = {
  'yaml-syntax': 'error',
  'duplicate-key': 'error',
  'alias-limit': 'error',
  'helm-template': 'warning',
  'invalid-document': 'error',
  'not-a-manifest': 'info',
};

const TEMPLATE_START = /\{\{-?\s*(\.Values|\.Release|\.Chart|\.Capabilities|\.Files|include\b|template\b|if\b|range\b|with\b|end\b|else\b|toYaml\b|tpl\b|define\b|-?\s*\/\*)/;
/** A line that is only template control (`{{- if … }}`, `{{ include … }}`), never valid YAML. */
const TEMPLATE_LINE = /^[ \t]*\{\{.*\}\}[ \t]*$/m;

export function parseSources(files: readonly SourceFile[], opts: ParseOptions = {}): ParseResult {
  const out: ParseResult = { resources: [], diagnostics: [], skipped: 0 };
  const ns = opts.defaultNamespace ?? 'default';
  const units = files.map((f) => fileUnits(f.text));
  let size = 0;
  for (const f of files) size += f.text.length;
  const parallel = opts.parallel ?? size >= PARALLEL_MIN ? new ParallelParse(files.flatMap((f, i) => unitTexts(f.text, units[i]))) : undefined;
  let sent = 0;
  const flush = (all: boolean) => {
    if (!opts.onResources || out.resources.length - sent < (all ? 1 : BATCH)) return;
    opts.onResources(out.resources.slice(sent));
    sent = out.resources.length;
  };
  try {
    files.forEach((f, i) => {
      parseFile(f, ns, out, units[i], parallel ?? IN_THREAD);
      flush(false);
    });
  } finally {
    parallel?.close();
  }
  flush(true);
  return out;
}

const unitTexts = (text: string, units: readonly [number, number][]) => (units.length === 1 ? [text] : units.map(([start, end]) => text.slice(start, end)));

function parseFile(file: SourceFile, defaultNs: string, out: ParseResult, units: readonly [number, number][], source: EventSource): void {
  const text = file.text;
  const lines = lineIndexOf(file);
  const templates = text.includes('{{');
  const issues: RawIssue[] = [];
  let docs = constructUnits(text, units, source, templates, issues);
  // A big file had a bad group of documents: parse it whole, as a small file is.
  if (!docs && units.length > 1) {
    try {
      docs = construct(text, parsePacked(text), issues, templates);
    } catch {
      /* parsed document by document below */
    }
  }
  if (!docs) {
    // One broken document must not hide the others: parse the documents one by one.
    docs = [];
    issues.length = 0;
    for (const [start, end] of documentChunks(text)) parseChunk(text, lines, start, end, templates, docs, issues);
  }
  const helm = docs.filter((d) => d.templateAt >= 0 && !d.dropped && TEMPLATE_START.test(text.slice(d.templateAt, d.end)));
  const report = (ruleId: string, message: string, start: number, end: number, extra?: { fix?: string }) => {
    out.diagnostics.push(makeDiagnostic({
      ruleId,
      severity: PARSE_SEVERITY[ruleId] ?? 'error',
      message,
      location: { file: file.path, range: lineIndexOf(file).range(start, end) },
      discriminator: String(start),
      ...extra,
    }));
  };
  // Inside an unrendered template, YAML oddities are the template's doing: one helm-template finding says it all.
  for (const i of issues) if (!helm.some((d) => i.start >= d.start && i.start <= d.end)) report(i.ruleId, i.message, i.start, i.end);

  const sliceEnds: number[] = new Array(docs.length);
  for (let i = docs.length - 1, next = text.length; i >= 0; i--) {
    sliceEnds[i] = next;
    if (docs[i].start >= 0) next = lineStartAt(text, docs[i].start);
  }
  docs.forEach((doc, docIndex) => {
    if (doc.dropped || doc.value === null || doc.value === undefined || doc.start < 0) return;
    if (helm.includes(doc)) {
      report('helm-template', 'Go template syntax ({{ … }}): this looks like an unrendered Helm chart, so the document was skipped', doc.templateAt, doc.templateAt + 2, {
        fix: 'Render the chart and lint the output: helm template . | meshlint -',
      });
      return;
    }
    const span = new DocSpan(file, doc.start, lineStartAt(text, doc.start), sliceEnds[docIndex]);
    addDocument(doc, docIndex, span, defaultNs, out, report);
  });
}

type Reporter = (ruleId: string, message: string, start: number, end: number) => void;

function addDocument(doc: RawDoc, docIndex: number, span: DocSpan, defaultNs: string, out: ParseResult, report: Reporter): void {
  const v = doc.value;
  if (!isMap(v)) {
    const loc = span.locate('');
    report('invalid-document', 'Document is not a Kubernetes object: expected a mapping with apiVersion and kind', loc.range.start.offset, loc.range.end.offset);
    return;
  }
  // Helm values, Chart.yaml (apiVersion but no kind), CI files…: other YAML, not a broken object.
  if ((v.apiVersion === undefined || v.kind === undefined) && v.metadata === undefined) {
    const loc = span.locate('');
    const has = v.apiVersion !== undefined ? 'has no kind and no metadata' : v.kind !== undefined ? 'has no apiVersion and no metadata' : 'has neither apiVersion nor kind';
    report('not-a-manifest', `Document ${has}, so it is not a Kubernetes object; skipped`, loc.range.start.offset, loc.range.end.offset);
    return;
  }
  for (const field of ['apiVersion', 'kind'] as const) {
    if (typeof v[field] !== 'string' || v[field] === '') {
      const loc = v[field] === undefined ? span.locate('') : span.locate('/' + field);
      const what = v[field] === undefined ? `has no ${field}` : `has a ${field} that is not a non-empty string`;
      report('invalid-document', `Document ${what}: Kubernetes cannot tell what object it is`, loc.range.start.offset, loc.range.end.offset);
      return;
    }
  }
  if (v.kind.endsWith('List') && Array.isArray(v.items)) {
    const perItem = implicitByItem(doc.implicit);
    v.items.forEach((item: unknown, itemIndex: number) => {
      if (!isMap(item) || typeof item.apiVersion !== 'string' || typeof item.kind !== 'string') {
        const loc = span.locate(`/items/${itemIndex}`);
        report('invalid-document', `Item ${itemIndex} of the ${v.kind} has no apiVersion or kind`, loc.range.start.offset, loc.range.end.offset);
        return;
      }
      addResource(item, docIndex, span, defaultNs, out, itemIndex, perItem.get(itemIndex));
    });
    return;
  }
  addResource(v, docIndex, span, defaultNs, out, undefined, doc.implicit);
}

function addResource(obj: Record<string, any>, docIndex: number, span: DocSpan, defaultNs: string, out: ParseResult, itemIndex: number | undefined, implicit: RawDoc['implicit']): void {
  const kind: string = obj.kind;
  const metaNs = isMap(obj.metadata) && typeof obj.metadata.namespace === 'string' && obj.metadata.namespace !== '' ? obj.metadata.namespace : undefined;
  const clusterScoped = CLUSTER_SCOPED_KINDS.has(kind);
  const namespace = clusterScoped ? '' : metaNs ?? defaultNs;
  const name = isMap(obj.metadata) && typeof obj.metadata.name === 'string' ? obj.metadata.name : '';
  if (SYSTEM_NAMESPACES.has(namespace) || (kind === 'Namespace' && SYSTEM_NAMESPACES.has(name))) {
    out.skipped++;
    return;
  }
  const r = new ParsedResource({
    object: obj,
    apiVersion: obj.apiVersion,
    kind,
    namespace,
    namespaceOrigin: clusterScoped ? 'cluster' : metaNs ? 'explicit' : 'defaulted',
    span,
    docIndex,
    itemIndex,
    implicitScalars: implicit,
  });
  out.resources.push(r);
}

/** The YAML 1.1 surprises of a List document, by item, with pointers relative to the item. */
function implicitByItem(implicit: RawDoc['implicit']): Map<number, ImplicitScalar[]> {
  const out = new Map<number, ImplicitScalar[]>();
  for (const s of implicit ?? []) {
    const m = /^\/items\/(\d+)(\/.*)$/.exec(s.pointer);
    if (!m) continue;
    const i = Number(m[1]);
    if (!out.has(i)) out.set(i, []);
    out.get(i)!.push({ ...s, pointer: m[2] });
  }
  return out;
}

/**
 * Values of a file from the events of its units (the whole file, or groups of documents); undefined, and no
 * issues, when a unit is not valid YAML.
 */
function constructUnits(text: string, units: readonly [number, number][], source: EventSource, templates: boolean, issues: RawIssue[]): RawDoc[] | undefined {
  let docs: RawDoc[] | undefined = [];
  const found: RawIssue[] = [];
  for (const [start, end] of units) {
    const chunk = units.length === 1 ? text : text.slice(start, end);
    // Every unit is taken from the source, even after a failure: the source hands them out in order.
    const events = source.next(chunk);
    if (!docs) continue;
    if (!events) {
      docs = undefined;
      continue;
    }
    try {
      const local: RawIssue[] = [];
      for (const d of construct(chunk, events, local, templates)) docs.push(shift(d, start));
      for (const i of local) found.push(start ? { ...i, start: i.start + start, end: i.end + start } : i);
    } catch {
      docs = undefined;
    }
  }
  if (docs) issues.push(...found);
  return docs;
}

/** Makes a chunk's document offsets absolute. */
function shift(d: RawDoc, by: number): RawDoc {
  if (d.start >= 0) {
    d.start += by;
    d.end += by;
  }
  if (d.templateAt >= 0) d.templateAt += by;
  return d;
}

function parseChunk(text: string, lines: LineIndex, start: number, end: number, templates: boolean, docs: RawDoc[], issues: RawIssue[]): void {
  const chunk = text.slice(start, end);
  const local: RawIssue[] = [];
  let parsed: RawDoc[];
  try {
    parsed = construct(chunk, parsePacked(chunk), local, templates);
  } catch (e: any) {
    const at = start + (typeof e?.mark?.position === 'number' ? e.mark.position : 0);
    const tpl = templates && (TEMPLATE_START.test(chunk) || TEMPLATE_LINE.test(chunk)) ? chunk.indexOf('{{') : -1;
    if (tpl >= 0) {
      issues.push({ ruleId: 'helm-template', message: 'Go template syntax ({{ … }}) makes this document invalid YAML: it looks like an unrendered Helm chart (render it with `helm template … | meshlint -`)', start: start + tpl, end: start + tpl + 2 });
    } else {
      issues.push({ ruleId: 'yaml-syntax', ...describeSyntaxError(text, lines, start, at, String(e?.reason ?? e)) });
    }
    // Keeps its place, so the document before it does not take in its broken text.
    docs.push({ value: null, start, end, templateAt: -1 });
    return;
  }
  for (const i of local) issues.push({ ...i, start: i.start + start, end: i.end + start });
  for (const d of parsed) docs.push(shift(d, start));
}
